import {
  PIECE_MAX_BYTES,
  ZArretCreate,
  ZCatalogueQuery,
  ZCommentaireCreate,
  ZDocumentsManquantsPage,
  ZDocumentsManquantsQuery,
  ZEnquete,
  ZImputabilite,
  ZPiece,
  ZPieceModele,
  ZPieceModeleInput,
  ZPieceModeleUpdate,
  ZPiecesDuSinistre,
  ZReprise,
  ZRequalificationCreate,
  ZSalaire,
  ZSinistreCreate,
  ZSinistreDetail,
  ZSinistreListQuery,
  ZSinistrePage,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { download, fileResponse } from '../../http/download.js';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems, ZIdParams, ZNoContent } from '../../http/openapi.js';
import type { PiecesService } from './pieces.service.js';
import { sinistresCsv } from './sinistres.export.js';
import type { SinistresService } from './sinistres.service.js';

const read = { access: { kind: 'collectivite', role: 'lecteur' } } as const;
const write = { access: { kind: 'collectivite', role: 'publicateur' } } as const;
const tags = ['Sinistres'];
const pieceTags = ['Pièces justificatives'];
const uuid = z.uuid({ error: 'Identifiant invalide.' });
const ZArretParams = ZIdParams.extend({ arretId: uuid });
const ZPieceParams = ZIdParams.extend({ pieceId: uuid });

/** Documents the multipart form in OpenAPI; receiveUpload reads and checks it. */
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

export function sinistresRoutes(service: SinistresService, pieces: PiecesService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/sinistres',
      {
        config: read,
        schema: {
          operationId: 'rechercherSinistres',
          summary: 'Rechercher un sinistre (agent, catégorie, statut, période, hors délai ; 20 par page)',
          tags,
          querystring: ZSinistreListQuery,
          response: { 200: ZSinistrePage, ...problems(401, 404, 422) },
        },
      },
      async (request) => service.list(tenantOf(request), request.query),
    );

    app.post(
      '/api/sinistres',
      {
        config: write,
        schema: {
          operationId: 'declarerSinistre',
          summary:
            'Déclarer un sinistre pour un agent complet (la base de l’assurance de l’année doit exister). Un sinistre du même agent à la même date : 409 « sinistre_doublon », sauf avec « confirmerDoublon »',
          tags,
          body: ZSinistreCreate,
          response: { 201: ZSinistreDetail, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(tenantOf(request), request.body, request.ip)),
    );

    app.get(
      '/api/sinistres/:id',
      {
        config: read,
        schema: {
          operationId: 'lireSinistre',
          summary: 'Un sinistre, ses arrêts et les pièces obligatoires manquantes',
          tags,
          params: ZIdParams,
          response: { 200: ZSinistreDetail, ...problems(401, 404) },
        },
      },
      async (request) => service.get(tenantOf(request), request.params.id),
    );

    app.delete(
      '/api/sinistres/:id',
      {
        config: write,
        schema: {
          operationId: 'supprimerSinistre',
          summary:
            'Supprimer un sinistre déclaré par erreur (brouillon que le gestionnaire n’a ni commenté ni examiné), avec ses arrêts et ses pièces',
          tags,
          params: ZIdParams,
          response: { 204: ZNoContent, ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await service.supprimer(tenantOf(request), request.params.id, request.ip);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/sinistres/:id/arrets',
      {
        config: write,
        schema: {
          operationId: 'declarerArret',
          summary:
            'Déclarer un arrêt (initial, prolongation le lendemain du précédent, rechute hors maladie ordinaire) ; une reprise pendant l’arrêt : 409 « reprise_a_confirmer », sauf avec « confirmerReprise »',
          tags,
          params: ZIdParams,
          body: ZArretCreate,
          response: { 201: ZSinistreDetail, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.addArret(tenantOf(request), request.params.id, request.body, request.ip)),
    );

    app.post(
      '/api/sinistres/:id/validation',
      {
        config: write,
        schema: {
          operationId: 'validerDeclaration',
          summary: 'Valider la déclaration (Brouillon → Ouvert quand toutes les pièces obligatoires sont déposées)',
          tags,
          params: ZIdParams,
          response: { 200: ZSinistreDetail, ...problems(401, 403, 404, 409) },
        },
      },
      async (request) => service.valider(tenantOf(request), request.params.id, request.ip),
    );

    app.get(
      '/api/sinistres/export.csv',
      {
        config: read,
        schema: {
          operationId: 'exporterSinistres',
          summary: 'Exporter la recherche de sinistres (CSV « ; », UTF-8 avec BOM, mêmes filtres que la recherche)',
          tags,
          querystring: ZSinistreListQuery,
          response: { 200: fileResponse('Les sinistres trouvés', 'text/csv'), ...problems(401, 404, 422) },
        },
      },
      async (request, reply) =>
        download(reply, {
          fileName: 'sinistres.csv',
          contentType: 'text/csv; charset=utf-8',
          body: sinistresCsv(await service.exportRows(tenantOf(request), request.query)),
        }),
    );

    app.put(
      '/api/sinistres/:id/arrets/:arretId/salaire',
      {
        config: write,
        schema: {
          operationId: 'modifierSalaireArret',
          summary: 'Données salariales de la période d’arrêt (seuls les éléments assurés dans la base)',
          tags,
          params: ZArretParams,
          body: ZSalaire,
          response: { 200: ZSinistreDetail, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) =>
        service.setSalaire(tenantOf(request), request.params.id, request.params.arretId, request.body, request.ip),
    );

    app.post(
      '/api/sinistres/:id/reprise',
      {
        config: write,
        schema: {
          operationId: 'declarerReprise',
          summary:
            'Déclarer la reprise du travail (Ouvert → Clos ; les paiements en cours continuent). Une reprise pendant le dernier arrêt le raccourcit : 409 « reprise_a_confirmer » décrivant le changement, sauf avec « confirmer »',
          tags,
          params: ZIdParams,
          body: ZReprise,
          response: { 200: ZSinistreDetail, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) => service.reprise(tenantOf(request), request.params.id, request.body, request.ip),
    );

    app.put(
      '/api/sinistres/:id/enquete',
      {
        config: write,
        schema: {
          operationId: 'enregistrerEnquete',
          summary: 'Remplir l’enquête administrative d’un accident',
          tags,
          params: ZIdParams,
          body: ZEnquete,
          response: { 200: ZSinistreDetail, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.setEnquete(tenantOf(request), request.params.id, request.body, request.ip),
    );

    app.put(
      '/api/sinistres/:id/imputabilite',
      {
        config: write,
        schema: {
          operationId: 'enregistrerImputabilite',
          summary: 'Décision d’imputabilité au service, sa date, et l’arrêt de travail (oui/non)',
          tags,
          params: ZIdParams,
          body: ZImputabilite,
          response: { 200: ZSinistreDetail, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.setImputabilite(tenantOf(request), request.params.id, request.body, request.ip),
    );

    for (const [path, kind, operationId, summary] of [
      [
        'enquete.pdf',
        'enquete',
        'telechargerEnquete',
        'L’enquête administrative pré-remplie, à imprimer et faire signer',
      ],
      [
        'attestation.pdf',
        'attestation',
        'telechargerAttestation',
        'L’attestation de prise en charge (accidents, maladie professionnelle)',
      ],
      [
        'bon-remboursement.pdf',
        'bon',
        'telechargerBonRemboursement',
        'Le bon de remboursement (accidents, maladie professionnelle)',
      ],
    ] as const) {
      app.get(
        `/api/sinistres/:id/${path}`,
        {
          config: read,
          schema: {
            operationId,
            summary,
            tags,
            params: ZIdParams,
            response: { 200: fileResponse('Le document PDF', 'application/pdf'), ...problems(401, 404, 409, 422) },
          },
        },
        async (request, reply) => {
          const doc = await service.document(tenantOf(request), request.params.id, kind);
          return download(reply, { fileName: doc.nom, contentType: 'application/pdf', body: doc.pdf });
        },
      );
    }

    app.post(
      '/api/sinistres/:id/requalifications',
      {
        config: write,
        schema: {
          operationId: 'demanderRequalification',
          summary: 'Demander la requalification du sinistre dans une autre catégorie (décision du gestionnaire)',
          tags,
          params: ZIdParams,
          body: ZRequalificationCreate,
          response: { 201: ZSinistreDetail, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.requalifier(tenantOf(request), request.params.id, request.body, request.ip)),
    );

    app.post(
      '/api/sinistres/:id/commentaires',
      {
        config: write,
        schema: {
          operationId: 'commenterSinistre',
          summary: 'Ajouter un commentaire au sinistre',
          tags,
          params: ZIdParams,
          body: ZCommentaireCreate,
          response: { 201: ZSinistreDetail, ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.commenter(tenantOf(request), request.params.id, request.body.texte, request.ip)),
    );

    app.post(
      '/api/sinistres/:id/commentaires/lus',
      {
        config: write,
        schema: {
          operationId: 'marquerCommentairesLus',
          summary: 'Marquer lus les commentaires des gestionnaires',
          tags,
          params: ZIdParams,
          response: { 200: ZSinistreDetail, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.marquerLus(tenantOf(request), request.params.id),
    );

    app.post(
      '/api/gestion/sinistres/:id/commentaires',
      {
        config: { access: { kind: 'staff', staffRole: 'any' } },
        schema: {
          operationId: 'commenterSinistreGestion',
          summary: 'Commentaire d’un gestionnaire sur un sinistre (non lu pour la collectivité)',
          tags: ['Gestion'],
          params: ZIdParams,
          body: ZCommentaireCreate,
          response: { 201: z.object({ ok: z.literal(true) }), ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.commenterGestion(authOf(request), request.params.id, request.body.texte, request.ip)),
    );

    // -- pièces justificatives
    app.get(
      '/api/sinistres/:id/pieces',
      {
        config: read,
        schema: {
          operationId: 'listerPieces',
          summary: 'Les pièces attendues du sinistre et de chaque arrêt, avec leur statut, et les autres documents',
          tags: pieceTags,
          params: ZIdParams,
          response: { 200: ZPiecesDuSinistre, ...problems(401, 404) },
        },
      },
      async (request) => pieces.list(tenantOf(request), request.params.id),
    );

    app.post(
      '/api/sinistres/:id/pieces',
      {
        config: write,
        schema: {
          operationId: 'deposerPiece',
          summary: 'Déposer une pièce (multipart : champs puis « fichier » ; PDF, JPEG ou PNG, 10 Mo au plus)',
          tags: pieceTags,
          consumes: ['multipart/form-data'],
          params: ZIdParams,
          body: ZPieceForm,
          response: { 201: ZPiece, ...problems(401, 403, 404, 413, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await pieces.upload(tenantOf(request), request.params.id, request, request.ip)),
    );

    app.get(
      '/api/sinistres/:id/pieces/:pieceId/fichier',
      {
        config: read,
        schema: {
          operationId: 'telechargerPiece',
          summary:
            'Télécharger une pièce (toujours en pièce jointe ; pièces médicales : publicateurs et administrateurs)',
          tags: pieceTags,
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
        config: write,
        schema: {
          operationId: 'retirerPiece',
          summary: 'Retirer une pièce déposée (tant que le gestionnaire ne l’a pas examinée)',
          tags: pieceTags,
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
        config: read,
        schema: {
          operationId: 'listerDocumentsManquants',
          summary: 'Les pièces obligatoires manquantes de tous les sinistres (20 par page)',
          tags: pieceTags,
          querystring: ZDocumentsManquantsQuery,
          response: { 200: ZDocumentsManquantsPage, ...problems(401, 404, 422) },
        },
      },
      async (request) => pieces.documentsManquants(tenantOf(request), request.query),
    );

    app.get(
      '/api/catalogue-pieces',
      {
        config: { access: { kind: 'user' } },
        schema: {
          operationId: 'lireCataloguePieces',
          summary: 'Le catalogue des pièces par catégorie et étape',
          tags: pieceTags,
          querystring: ZCatalogueQuery,
          response: { 200: z.array(ZPieceModele), ...problems(401, 422) },
        },
      },
      async (request) => pieces.catalogue(request.query.categorie),
    );

    app.post(
      '/api/gestion/catalogue-pieces',
      {
        config: { access: { kind: 'staff', staffRole: 'admin_plateforme' } },
        schema: {
          operationId: 'ajouterTypePiece',
          summary: 'Ajouter un type de pièce au catalogue',
          tags: ['Gestion'],
          body: ZPieceModeleInput,
          response: { 201: ZPieceModele, ...problems(401, 403, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await pieces.createModele(authOf(request), request.body, request.ip)),
    );

    app.put(
      '/api/gestion/catalogue-pieces/:id',
      {
        config: { access: { kind: 'staff', staffRole: 'admin_plateforme' } },
        schema: {
          operationId: 'modifierTypePiece',
          summary: 'Modifier un type de pièce du catalogue (libellé, étape, obligatoire, médicale, aide, actif)',
          tags: ['Gestion'],
          params: ZIdParams,
          body: ZPieceModeleUpdate,
          response: { 200: ZPieceModele, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => pieces.updateModele(authOf(request), request.params.id, request.body, request.ip),
    );
  };
}
