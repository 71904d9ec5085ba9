import { ZAFaire } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { tenantOf } from '../../http/guard.js';
import { problems } from '../../http/openapi.js';
import { accueilPolicy } from './accueil.policy.js';
import type { AccueilService } from './accueil.service.js';

export function accueilRoutes(service: AccueilService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/accueil/a-faire',
      {
        config: accueilPolicy.lire,
        schema: {
          operationId: 'aFaire',
          summary:
            'Ce qui attend la collectivité courante : brouillons, pièces manquantes, commentaires non lus, dossiers en retard (comptés jusqu’à 99, au-delà « 99+ »)',
          tags: ['Accueil'],
          response: { 200: ZAFaire, ...problems(401, 404) },
        },
      },
      async (request) => service.aFaire(tenantOf(request)),
    );
  };
}
