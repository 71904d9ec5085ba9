import { ZControlePage, ZControleQuery, ZGenerationLotInput, ZLotResultat, ZSelectionAppels } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authOf } from '../../http/guard.js';
import { problems } from '../../http/openapi.js';
import { cotisationsPolicy } from './cotisations.policy.js';
import type { CotisationsGestionService } from './cotisations-gestion.service.js';

const tags = ['Cotisations'];

/** The CDG's control screen before emission, and its bulk actions (issue 11). */
export function cotisationsGestionRoutes(service: CotisationsGestionService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const { gerer, lireGestion } = cotisationsPolicy;

    app.get(
      '/api/gestion/cotisations/controle',
      {
        config: lireGestion,
        schema: {
          operationId: 'controlerAppelsAnnee',
          summary:
            'Les appels d’une année avec la base par agent CNRACL comparée à l’année précédente et à la médiane du centre de gestion (écarts au-delà de ± 10 % signalés)',
          tags,
          querystring: ZControleQuery,
          response: { 200: ZControlePage, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.controle(authOf(request), request.query),
    );

    app.post(
      '/api/gestion/cotisations/generation',
      {
        config: gerer,
        schema: {
          operationId: 'genererAppelsManquants',
          summary:
            'Préparer en brouillon les appels manquants de l’année : chaque collectivité qui a une base prévisionnelle et pas encore d’appel',
          tags,
          body: ZGenerationLotInput,
          response: { 200: ZLotResultat, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.genererManquants(authOf(request), request.body.annee, request.ip),
    );

    const lot = (path: string, operationId: string, summary: string, run: typeof service.controler) =>
      app.post(
        `/api/gestion/cotisations/${path}`,
        {
          config: gerer,
          schema: {
            operationId,
            summary,
            tags,
            body: ZSelectionAppels,
            response: { 200: ZLotResultat, ...problems(401, 403, 422) },
          },
        },
        async (request) => run(authOf(request), request.body.ids, request.ip),
      );
    lot(
      'controles',
      'controlerAppels',
      'Contrôler les appels sélectionnés (chacun dans sa transaction)',
      service.controler,
    );
    lot(
      'emissions',
      'emettreAppels',
      'Émettre les appels contrôlés sélectionnés (chacun dans sa transaction) et prévenir les Administrateurs de chaque collectivité',
      service.emettre,
    );
  };
}
