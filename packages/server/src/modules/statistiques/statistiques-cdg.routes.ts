import { ZStatistiquesCdg, ZStatistiquesCdgExportQuery, ZStatistiquesCdgQuery } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { download, fileResponse } from '../../http/download.js';
import { Forbidden } from '../../http/errors.js';
import { authOf } from '../../http/guard.js';
import { problems } from '../../http/openapi.js';
import { XLSX_TYPE } from '../../lib/export/table.js';
import { acrossCollectivites, type Scope } from '../../lib/scope.js';
import { statistiquesCdgExport } from './statistiques-cdg.export.js';
import { statistiquesCdgPolicy } from './statistiques-cdg.policy.js';
import type { StatistiquesCdgService } from './statistiques-cdg.service.js';

const tags = ['Statistiques'];

/** The aggregates count every contract's arrêts: a CDG's gestionnaires (or the platform) only. */
function scopeCdg(scope: Scope): Scope {
  if (scope.kind === 'staff' && scope.organisation.kind !== 'cdg')
    throw Forbidden('Les statistiques d’absentéisme des collectivités sont réservées à leur centre de gestion.');
  return acrossCollectivites(scope);
}

/** Gestion › Statistiques: the absenteeism of the CDG's collectivités, compared within their size strata. */
export function statistiquesCdgRoutes(service: StatistiquesCdgService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/gestion/statistiques',
      {
        config: statistiquesCdgPolicy.lire,
        schema: {
          operationId: 'statistiquesCdg',
          summary:
            'Les statistiques d’absentéisme des collectivités du centre de gestion sur une à cinq années : indicateurs du CDG avec les références nationales, taux par strate, et collectivités classées dans leur strate (20 par page, triables ; chiffres précalculés, datés)',
          tags,
          querystring: ZStatistiquesCdgQuery,
          response: { 200: ZStatistiquesCdg, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.tableau(scopeCdg(authOf(request).scope), request.query),
    );

    app.get(
      '/api/gestion/statistiques/export',
      {
        config: statistiquesCdgPolicy.lire,
        schema: {
          operationId: 'exporterStatistiquesCdg',
          summary: 'Exporter la liste des collectivités avec leurs indicateurs (XLSX ou CSV « ; » UTF-8)',
          tags,
          querystring: ZStatistiquesCdgExportQuery,
          response: {
            200: fileResponse('Les statistiques des collectivités', XLSX_TYPE, 'text/csv'),
            ...problems(401, 403, 422),
          },
        },
      },
      async (request, reply) => {
        const { format, ...q } = request.query;
        const scope = scopeCdg(authOf(request).scope);
        const libelle = q.depuis && q.depuis !== q.annee ? `${q.depuis}-${q.annee ?? ''}` : String(q.annee ?? '');
        return download(reply, statistiquesCdgExport(libelle || 'annee', service.toutes(scope, q), format));
      },
    );
  };
}
