import {
  ZRenouvellementApercu,
  ZRenouvellementInput,
  ZRenouvellementQuery,
  ZRenouvellementResultat,
  ZRenouvellementSinistresPage,
  ZRenouvellementSinistresQuery,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { contratsPolicy } from './contrats.policy.js';
import type { RenouvellementService } from './renouvellement.service.js';

/** Contract renewal in the back office: the split before the switch, and the switch (issue 11). */
export function renouvellementRoutes(service: RenouvellementService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['Gestion des contrats'];
    const config = contratsPolicy.gerer;

    app.get(
      '/api/gestion/contrats/:id/renouvellement',
      {
        config,
        schema: {
          operationId: 'apercuRenouvellement',
          summary:
            'Aperçu du renouvellement par un contrat successeur : par collectivité adhérente, les chaînes d’arrêts ouvertes qui restent au contrat, les sinistres qui passent au successeur, les adhésions reportées et les points bloquants (20 collectivités par page)',
          tags,
          params: ZIdParams,
          querystring: ZRenouvellementQuery,
          response: { 200: ZRenouvellementApercu, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.apercu(authOf(request), request.params.id, request.query),
    );

    app.get(
      '/api/gestion/contrats/:id/renouvellement/sinistres',
      {
        config,
        schema: {
          operationId: 'sinistresRenouvellement',
          summary:
            'Les sinistres qui restent au contrat, ceux qui passent au successeur, ou ceux qui bloquent (20 par page)',
          tags,
          params: ZIdParams,
          querystring: ZRenouvellementSinistresQuery,
          response: { 200: ZRenouvellementSinistresPage, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.sinistres(authOf(request), request.params.id, request.query),
    );

    app.post(
      '/api/gestion/contrats/:id/renouvellement',
      {
        config,
        schema: {
          operationId: 'basculerRenouvellement',
          summary:
            'Renouveler le contrat par son successeur : fin du contrat la veille, adhésions reportées, sinistres dont la chaîne commence sous le successeur rattachés à lui (sans effet s’il est déjà fait)',
          tags,
          params: ZIdParams,
          body: ZRenouvellementInput,
          response: { 200: ZRenouvellementResultat, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) => service.basculer(authOf(request), request.params.id, request.body, request.ip),
    );
  };
}
