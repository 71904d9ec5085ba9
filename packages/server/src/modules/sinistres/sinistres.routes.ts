import {
  ZCommentaireCreate,
  ZRequalificationCreate,
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
import { sinistresCsv } from './sinistres.export.js';
import { sinistresPolicy } from './sinistres.policy.js';
import type { SinistresService } from './sinistres.service.js';

const tags = ['Sinistres'];

/** Declaration, detail, search and export, status, deletion of a Brouillon, requalification, comments. */
export function sinistresRoutes(service: SinistresService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/sinistres',
      {
        config: sinistresPolicy.lire,
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
        config: sinistresPolicy.declarer,
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
        config: sinistresPolicy.lire,
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
        config: sinistresPolicy.declarer,
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
      '/api/sinistres/:id/validation',
      {
        config: sinistresPolicy.declarer,
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
        config: sinistresPolicy.lire,
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

    app.post(
      '/api/sinistres/:id/requalifications',
      {
        config: sinistresPolicy.declarer,
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
        config: sinistresPolicy.declarer,
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
        config: sinistresPolicy.declarer,
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
        config: sinistresPolicy.commenterGestion,
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
  };
}
