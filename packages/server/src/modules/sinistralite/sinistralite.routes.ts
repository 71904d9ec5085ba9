import { ZSinistraliteExportQuery, ZSinistralitePage, ZSinistraliteQuery } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { download, fileResponse } from '../../http/download.js';
import { authOf } from '../../http/guard.js';
import { problems } from '../../http/openapi.js';
import { XLSX_TYPE } from '../../lib/export/table.js';
import { acrossCollectivites } from '../../lib/scope.js';
import { sinistraliteExport } from './sinistralite.export.js';
import { sinistralitePolicy } from './sinistralite.policy.js';
import type { SinistraliteService } from './sinistralite.service.js';

const tags = ['Pilotage'];

/** The loss ratio S/P of the contracts of the scope: what a CDG takes to a renegotiation. */
export function sinistraliteRoutes(service: SinistraliteService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/gestion/sinistralite',
      {
        config: sinistralitePolicy.lire,
        schema: {
          operationId: 'rapportSP',
          summary:
            'Le rapport sinistres / primes d’une année par collectivité et contrat, avec le total du périmètre (20 lignes par page, triables)',
          tags,
          querystring: ZSinistraliteQuery,
          response: { 200: ZSinistralitePage, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.page(acrossCollectivites(authOf(request).scope), request.query),
    );

    app.get(
      '/api/gestion/sinistralite/export',
      {
        config: sinistralitePolicy.lire,
        schema: {
          operationId: 'exporterRapportSP',
          summary:
            'Exporter le rapport S/P de l’année, une ligne par collectivité et contrat (CSV « ; » UTF-8 ou XLSX)',
          tags,
          querystring: ZSinistraliteExportQuery,
          response: { 200: fileResponse('Le rapport S/P', 'text/csv', XLSX_TYPE), ...problems(401, 403, 422) },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const scope = acrossCollectivites(authOf(request).scope);
        return download(reply, sinistraliteExport(query.annee, service.all(scope, query), format));
      },
    );
  };
}
