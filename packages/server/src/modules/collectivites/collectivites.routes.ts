import {
  ZCollectivite,
  ZCollectiviteActivation,
  ZCollectiviteCreate,
  ZCollectiviteListQuery,
  ZCollectivitePage,
  ZCollectiviteUpdate,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../http/guard.js';
import { problems } from '../../http/openapi.js';
import { collectivitesPolicy } from './collectivites.policy.js';
import type { CollectivitesService } from './collectivites.service.js';

export function collectivitesRoutes(service: CollectivitesService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['Collectivités'];
    app.get(
      '/api/collectivites',
      {
        config: collectivitesPolicy.lister,
        schema: {
          operationId: 'listerCollectivites',
          summary: 'Collectivités accessibles (les siennes ; celles de son CDG pour un gestionnaire)',
          tags,
          querystring: ZCollectiviteListQuery,
          response: { 200: ZCollectivitePage, ...problems(401, 422) },
        },
      },
      async (request) => service.list(authOf(request), request.query),
    );
    app.post(
      '/api/collectivites',
      {
        config: collectivitesPolicy.administrer,
        schema: {
          operationId: 'creerCollectivite',
          summary: 'Créer une collectivité (administrateur de la plateforme)',
          tags,
          body: ZCollectiviteCreate,
          response: { 201: ZCollectivite, ...problems(401, 403, 409, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(authOf(request), request.body, request.ip)),
    );
    const params = z.object({ id: z.uuid({ error: 'Identifiant de collectivité invalide.' }) });
    app.put(
      '/api/collectivites/:id',
      {
        config: collectivitesPolicy.administrer,
        schema: {
          operationId: 'modifierCollectivite',
          summary: 'Modifier une collectivité (administrateur de la plateforme)',
          tags,
          params,
          body: ZCollectiviteUpdate,
          response: { 200: ZCollectivite, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) => service.update(authOf(request), request.params.id, request.body, request.ip),
    );
    app.put(
      '/api/collectivites/:id/activation',
      {
        config: collectivitesPolicy.administrer,
        schema: {
          operationId: 'activerCollectivite',
          summary: 'Désactiver ou réactiver une collectivité (administrateur de la plateforme)',
          tags,
          params,
          body: ZCollectiviteActivation,
          response: { 200: ZCollectivite, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.setActive(authOf(request), request.params.id, request.body, request.ip),
    );
    app.get(
      '/api/cdgs',
      {
        config: collectivitesPolicy.listerCdgs,
        schema: {
          operationId: 'listerCdgs',
          summary: 'Centres de gestion',
          tags,
          response: { 200: z.array(z.object({ id: z.uuid(), nom: z.string() })), ...problems(401, 403) },
        },
      },
      async () => service.listCdgs(),
    );
  };
}
