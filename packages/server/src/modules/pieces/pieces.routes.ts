import {
  PIECE_MAX_BYTES,
  ZCatalogueQuery,
  ZDocumentsManquantsPage,
  ZDocumentsManquantsQuery,
  ZPiece,
  ZPieceModele,
  ZPieceModeleInput,
  ZPieceModeleUpdate,
  ZPiecesDuSinistre,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { download, fileResponse } from '../../http/download.js';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems, ZIdParams, ZNoContent } from '../../http/openapi.js';
import { readUpload } from '../../http/upload.js';
import type { CatalogueService } from './catalogue.service.js';
import { piecesPolicy } from './pieces.policy.js';
import type { PiecesService } from './pieces.service.js';

const tags = ['Pièces justificatives'];
const uuid = z.uuid({ error: 'Identifiant invalide.' });
const ZPieceParams = ZIdParams.extend({ pieceId: uuid });

/** Documents the multipart form in OpenAPI; the route reads it (readUpload), the service checks and stores it. */
const ZPieceForm = z.unknown().meta({
  type: 'object',
  properties: {
    code: { type: 'string', description: 'Type de pièce (code du catalogue), « autre » ou « requalification »' },
    arretId: { type: 'string', format: 'uuid', description: 'L’arrêt concerné, pour les pièces de chaque arrêt' },
    libelle: { type: 'string', description: 'Libellé d’un document « Autre »' },
    requalificationId: { type: 'string', format: 'uuid' },
    voletsConfirmes: {
      type: 'string',
      enum: ['oui', 'non'],
      description: 'Arrêt de travail : volets 2 et 3 seulement',
    },
    fichier: {
      type: 'string',
      format: 'binary',
      description: `PDF, JPEG ou PNG, ${PIECE_MAX_BYTES / 1024 / 1024} Mo au plus`,
    },
  },
  required: ['code', 'fichier'],
});

/** The pieces of a sinistre, the missing-pieces list and the catalogue. */
export function piecesRoutes(pieces: PiecesService, catalogue: CatalogueService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/sinistres/:id/pieces',
      {
        config: piecesPolicy.lire,
        schema: {
          operationId: 'listerPieces',
          summary: 'Les pièces attendues du sinistre et de chaque arrêt, avec leur statut, et les autres documents',
          tags,
          params: ZIdParams,
          response: { 200: ZPiecesDuSinistre, ...problems(401, 404) },
        },
      },
      async (request) => pieces.list(tenantOf(request), request.params.id),
    );

    app.post(
      '/api/sinistres/:id/pieces',
      {
        config: piecesPolicy.deposer,
        schema: {
          operationId: 'deposerPiece',
          summary: 'Déposer une pièce (multipart : champs puis « fichier » ; PDF, JPEG ou PNG, 10 Mo au plus)',
          tags,
          consumes: ['multipart/form-data'],
          params: ZIdParams,
          body: ZPieceForm,
          response: { 201: ZPiece, ...problems(401, 403, 404, 413, 422) },
        },
      },
      async (request, reply) => {
        const ctx = tenantOf(request);
        // Another scope's sinistre is a 404 whatever the body: checked before the form is read.
        await pieces.checkSinistre(ctx, request.params.id);
        const file = await readUpload(request, { maxBytes: PIECE_MAX_BYTES });
        return reply.status(201).send(await pieces.upload(ctx, request.params.id, file, request.ip));
      },
    );

    app.get(
      '/api/sinistres/:id/pieces/:pieceId/fichier',
      {
        config: piecesPolicy.lire,
        schema: {
          operationId: 'telechargerPiece',
          summary:
            'Télécharger une pièce (toujours en pièce jointe ; pièces médicales : publicateurs et administrateurs)',
          tags,
          params: ZPieceParams,
          response: {
            200: fileResponse('Le fichier déposé', 'application/pdf', 'image/jpeg', 'image/png'),
            ...problems(401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const file = await pieces.download(tenantOf(request), request.params.id, request.params.pieceId);
        return download(reply, { fileName: file.nom, contentType: file.contentType, body: file.stream });
      },
    );

    app.delete(
      '/api/sinistres/:id/pieces/:pieceId',
      {
        config: piecesPolicy.deposer,
        schema: {
          operationId: 'retirerPiece',
          summary: 'Retirer une pièce déposée (tant que le gestionnaire ne l’a pas examinée)',
          tags,
          params: ZPieceParams,
          response: { 204: ZNoContent, ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await pieces.remove(tenantOf(request), request.params.id, request.params.pieceId, request.ip);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/documents-manquants',
      {
        config: piecesPolicy.lire,
        schema: {
          operationId: 'listerDocumentsManquants',
          summary: 'Les pièces obligatoires manquantes de tous les sinistres (20 par page)',
          tags,
          querystring: ZDocumentsManquantsQuery,
          response: { 200: ZDocumentsManquantsPage, ...problems(401, 404, 422) },
        },
      },
      async (request) => pieces.documentsManquants(tenantOf(request), request.query),
    );

    app.get(
      '/api/catalogue-pieces',
      {
        config: piecesPolicy.lireCatalogue,
        schema: {
          operationId: 'lireCataloguePieces',
          summary: 'Le catalogue des pièces par catégorie et étape',
          tags,
          querystring: ZCatalogueQuery,
          response: { 200: z.array(ZPieceModele), ...problems(401, 422) },
        },
      },
      async (request) => catalogue.catalogue(request.query.categorie),
    );

    app.post(
      '/api/gestion/catalogue-pieces',
      {
        config: piecesPolicy.gererCatalogue,
        schema: {
          operationId: 'ajouterTypePiece',
          summary: 'Ajouter un type de pièce au catalogue',
          tags: ['Gestion'],
          body: ZPieceModeleInput,
          response: { 201: ZPieceModele, ...problems(401, 403, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await catalogue.createModele(authOf(request), request.body, request.ip)),
    );

    app.put(
      '/api/gestion/catalogue-pieces/:id',
      {
        config: piecesPolicy.gererCatalogue,
        schema: {
          operationId: 'modifierTypePiece',
          summary: 'Modifier un type de pièce du catalogue (libellé, étape, obligatoire, médicale, aide, actif)',
          tags: ['Gestion'],
          params: ZIdParams,
          body: ZPieceModeleUpdate,
          response: { 200: ZPieceModele, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => catalogue.updateModele(authOf(request), request.params.id, request.body, request.ip),
    );
  };
}
