import { ZArretCreate, ZSinistreCreate, ZSinistreDetail, ZSinistreListQuery, ZSinistrePage } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import type { SinistresService } from './sinistres.service.js';

const read = { access: { kind: 'collectivite', role: 'lecteur' } } as const;
const write = { access: { kind: 'collectivite', role: 'publicateur' } } as const;
const tags = ['Sinistres'];

export function sinistresRoutes(service: SinistresService) {
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
          summary: 'Déclarer un sinistre pour un agent complet (la base de l’assurance de l’année doit exister)',
          tags,
          body: ZSinistreCreate,
          response: { 201: ZSinistreDetail, ...problems(401, 403, 404, 422) },
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

    app.post(
      '/api/sinistres/:id/arrets',
      {
        config: write,
        schema: {
          operationId: 'declarerArret',
          summary:
            'Déclarer un arrêt (initial, prolongation le lendemain du précédent, rechute hors maladie ordinaire)',
          tags,
          params: ZIdParams,
          body: ZArretCreate,
          response: { 201: ZSinistreDetail, ...problems(401, 403, 404, 422) },
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
  };
}
