import { ZPilotagePage, ZPilotageQuery } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authOf } from '../../http/guard.js';
import { problems } from '../../http/openapi.js';
import { pilotagePolicy } from './pilotage.policy.js';
import type { PilotageService } from './pilotage.service.js';

export function pilotageRoutes(service: PilotageService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/gestion/pilotage',
      {
        config: pilotagePolicy.lire,
        schema: {
          operationId: 'pilotageCollectivites',
          summary:
            'Les collectivités du périmètre : adhésion, effectif, bases de l’année, relance (20 par page, page suivante par `apres`)',
          tags: ['Gestion — pilotage du contrat groupe'],
          querystring: ZPilotageQuery,
          response: { 200: ZPilotagePage, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.page(authOf(request), request.query),
    );
  };
}
