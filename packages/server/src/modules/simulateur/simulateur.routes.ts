import {
  ZRegime,
  ZSimulationContexte,
  ZSimulationContexteQuery,
  ZSimulationGestionInput,
  ZSimulationInput,
  ZSimulationResultat,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems } from '../../http/openapi.js';
import { acrossCollectivites } from '../../lib/scope.js';
import { simulateurPolicy } from './simulateur.policy.js';
import type { SimulateurService } from './simulateur.service.js';

const tags = ['Pilotage'];
const RESUME =
  'Rejouer les arrêts réels des trois dernières années complètes sous d’autres formules (franchise, taux, éléments, risques) : primes, remboursements, reste à charge et S/P par formule et par année';

/** The formula simulator: the employer on his collectivité, the CDG on one collectivité or all of them. */
export function simulateurRoutes(service: SimulateurService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/simulateur',
      {
        config: simulateurPolicy.collectivite,
        schema: {
          operationId: 'contexteSimulateur',
          summary: 'Les années rejouées et la formule du contrat en vigueur, pour pré-remplir le simulateur',
          tags,
          querystring: z.object({ regime: ZRegime.default('CNRACL') }),
          response: { 200: ZSimulationContexte, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.contexte(tenantOf(request).scope, request.query.regime),
    );

    app.post(
      '/api/simulateur',
      {
        config: simulateurPolicy.collectivite,
        schema: {
          operationId: 'simulerFormules',
          summary: `${RESUME} (la collectivité)`,
          tags,
          body: ZSimulationInput,
          response: { 200: ZSimulationResultat, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.simuler(tenantOf(request).scope, request.body),
    );

    app.get(
      '/api/gestion/simulateur',
      {
        config: simulateurPolicy.gestion,
        schema: {
          operationId: 'contexteSimulateurGestion',
          summary: 'Les années rejouées et la formule du contrat en vigueur (une collectivité, ou le CDG)',
          tags,
          querystring: ZSimulationContexteQuery,
          response: { 200: ZSimulationContexte, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) =>
        service.contexteGestion(
          acrossCollectivites(authOf(request).scope),
          request.query.regime,
          request.query.collectiviteId ?? null,
        ),
    );

    app.post(
      '/api/gestion/simulateur',
      {
        config: simulateurPolicy.gestion,
        schema: {
          operationId: 'simulerFormulesGestion',
          summary: `${RESUME} (une collectivité du centre de gestion, ou toutes)`,
          tags,
          body: ZSimulationGestionInput,
          response: { 200: ZSimulationResultat, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.simulerGestion(acrossCollectivites(authOf(request).scope), request.body),
    );
  };
}
