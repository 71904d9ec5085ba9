import {
  ZPrevision,
  ZPrevisionQuery,
  ZRsu,
  ZRsuQuery,
  ZStatistiquesExportQuery,
  ZStatistiquesQuery,
  ZStatistiquesRapportQuery,
  ZTableauDeBord,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { download, fileResponse } from '../../http/download.js';
import { tenantOf } from '../../http/guard.js';
import { problems } from '../../http/openapi.js';
import { XLSX_TYPE } from '../../lib/export/table.js';
import { statistiquesExport } from './statistiques.export.js';
import { statistiquesPolicy } from './statistiques.policy.js';
import type { StatistiquesService } from './statistiques.service.js';
import type { PrevisionService } from './statistiques-prevision.service.js';

const tags = ['Statistiques'];

/** « Accueil › Statistiques »: the absenteeism of the current collectivité, explained, and its export. */
export function statistiquesRoutes(service: StatistiquesService, prevision: PrevisionService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/statistiques',
      {
        config: statistiquesPolicy.lire,
        schema: {
          operationId: 'statistiquesAbsenteisme',
          summary:
            'Les statistiques d’absentéisme de la collectivité sur une période (année, 12 mois glissants ou personnalisée) : indicateurs expliqués, période précédente, références nationales, répartitions, courbe mensuelle',
          tags,
          querystring: ZStatistiquesQuery,
          response: { 200: ZTableauDeBord, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const t = tenantOf(request);
        return service.tableauDeBord(t.scope, request.query);
      },
    );

    app.get(
      '/api/statistiques/prevision',
      {
        // Named lines (agent, category, dates): whoever reads the collectivité's sinistres, as far as his scope goes.
        config: statistiquesPolicy.prevoir,
        schema: {
          operationId: 'previsionStatistiques',
          summary:
            'Prévisions à 90 jours : agents qui passeront à demi-traitement, fins de droits (CLM, CLD, CGM, maladie ordinaire), coût attendu des arrêts connus (maintenu, remboursé, reste à charge) ; liste paginée par 20 (`apres`)',
          tags,
          querystring: ZPrevisionQuery,
          response: { 200: ZPrevision, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => prevision.prevision(tenantOf(request).scope, request.query),
    );

    app.get(
      '/api/statistiques/export',
      {
        config: statistiquesPolicy.lire,
        schema: {
          operationId: 'exporterStatistiques',
          summary:
            'Exporter les tableaux des statistiques d’absentéisme de la période (XLSX ou CSV « ; » UTF-8 ; nombres et montants en nombres)',
          tags,
          querystring: ZStatistiquesExportQuery,
          response: { 200: fileResponse('Les statistiques', XLSX_TYPE, 'text/csv'), ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const scope = tenantOf(request).scope;
        const s = await service.tableauDeBord(scope, query);
        // A civil year's workbook carries that year's RSU absences tables in a sheet of their own.
        const rsu =
          format === 'xlsx' && query.periode === 'annee'
            ? await service.rsu(scope, { annee: Number(s.periode.debut.slice(0, 4)) })
            : null;
        return download(reply, statistiquesExport(s, format, rsu));
      },
    );

    app.get(
      '/api/statistiques/rsu',
      {
        config: statistiquesPolicy.lire,
        schema: {
          operationId: 'rapportSocialUniqueAbsences',
          summary:
            'Les tableaux des absences du rapport social unique (RSU) de la collectivité pour une année civile (l’année précédente par défaut) : jours d’absence, arrêts et agents concernés par motif, statut et sexe',
          tags,
          querystring: ZRsuQuery,
          response: { 200: ZRsu, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.rsu(tenantOf(request).scope, request.query),
    );

    app.get(
      '/api/statistiques/rapport.pdf',
      {
        config: statistiquesPolicy.lire,
        schema: {
          operationId: 'rapportStatistiques',
          summary:
            'Le rapport annuel d’absentéisme de la collectivité en PDF : les chiffres du tableau de bord de l’année civile (indicateurs expliqués, année précédente, strate, références nationales, courbe mensuelle et répartitions en graphiques et tableaux)',
          tags,
          querystring: ZStatistiquesRapportQuery,
          response: { 200: fileResponse('Le rapport annuel', 'application/pdf'), ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) => download(reply, await service.rapport(tenantOf(request).scope, request.query)),
    );
  };
}
