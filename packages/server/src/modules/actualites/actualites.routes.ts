import { ZActualite, ZActualiteInput, ZActualiteListQuery, ZActualitePage } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authOf } from '../../http/guard.js';
import { problems, ZIdParams, ZNoContent } from '../../http/openapi.js';
import { actualitesPolicy } from './actualites.policy.js';
import type { ActualitesService } from './actualites.service.js';

const { lire: reader, publier: editor } = actualitesPolicy;

export function actualitesRoutes(service: ActualitesService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['Actualités'];
    app.get(
      '/api/actualites',
      {
        config: reader,
        schema: {
          operationId: 'listerActualites',
          summary: 'Actualités de la page d’accueil, les plus récentes d’abord',
          tags,
          querystring: ZActualiteListQuery,
          response: { 200: ZActualitePage, ...problems(401, 422) },
        },
      },
      async (request) => service.list(authOf(request), request.query),
    );
    app.post(
      '/api/actualites',
      {
        config: editor,
        schema: {
          operationId: 'creerActualite',
          summary: 'Publier une actualité (administrateur de la plateforme)',
          tags,
          body: ZActualiteInput,
          response: { 201: ZActualite, ...problems(401, 403, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(authOf(request), request.body, request.ip)),
    );
    app.put(
      '/api/actualites/:id',
      {
        config: editor,
        schema: {
          operationId: 'modifierActualite',
          summary: 'Modifier une actualité',
          tags,
          params: ZIdParams,
          body: ZActualiteInput,
          response: { 200: ZActualite, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.update(authOf(request), request.params.id, request.body, request.ip),
    );
    app.delete(
      '/api/actualites/:id',
      {
        config: editor,
        schema: {
          operationId: 'supprimerActualite',
          summary: 'Supprimer une actualité',
          tags,
          params: ZIdParams,
          response: { 204: ZNoContent, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await service.remove(authOf(request), request.params.id, request.ip);
        return reply.status(204).send(null);
      },
    );
  };
}
