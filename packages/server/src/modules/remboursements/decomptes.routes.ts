import {
  ZCalculDecompteOut,
  ZCalculLotInput,
  ZCalculLotOut,
  ZDecomptesAValiderPage,
  ZDecomptesAValiderQuery,
  ZDecomptesDuSinistre,
  ZPeriodeCalcul,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { download, fileResponse } from '../../http/download.js';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { acrossCollectivites } from '../../lib/scope.js';
import { reglementsPolicy } from '../reglements/reglements.policy.js';
import type { CalculLotService } from './calcul-lot.service.js';
import type { DecomptesService } from './decomptes.service.js';

const tags = ['Décomptes'];
const ZDecompteParams = ZIdParams.extend({ decompteId: z.uuid({ error: 'Identifiant invalide.' }) });
const pdf = fileResponse('Le décompte', 'application/pdf');

/** Computing décomptes (the handler) and reading them with « Pourquoi ce montant ? » (both sides). */
export function decomptesRoutes(service: DecomptesService, lots: CalculLotService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const { payer, lireGestion, lireCollectivite } = reglementsPolicy;

    app.get(
      '/api/gestion/sinistres/:id/decomptes',
      {
        config: lireGestion,
        schema: {
          operationId: 'decomptesDuSinistreGestion',
          summary: 'Les décomptes d’un sinistre avec l’explication du moteur et les entrées utilisées',
          tags,
          params: ZIdParams,
          response: { 200: ZDecomptesDuSinistre, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.duSinistre(acrossCollectivites(authOf(request).scope), request.params.id),
    );

    app.get(
      '/api/gestion/sinistres/:id/decomptes/:decompteId/decompte.pdf',
      {
        config: lireGestion,
        schema: {
          operationId: 'telechargerDecompteGestion',
          summary: 'Le décompte en PDF : ses lignes, ses jours non payés, son total et sa régularisation',
          tags,
          params: ZDecompteParams,
          response: { 200: pdf, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { id, decompteId } = request.params;
        const doc = await service.pdf(acrossCollectivites(authOf(request).scope), id, decompteId);
        return download(reply, { fileName: doc.nom, contentType: 'application/pdf', body: doc.pdf });
      },
    );

    app.get(
      '/api/gestion/decomptes',
      {
        config: lireGestion,
        schema: {
          operationId: 'decomptesAValider',
          summary: 'Les décomptes calculés qui attendent une validation, les plus anciens d’abord (20 par page)',
          tags,
          querystring: ZDecomptesAValiderQuery,
          response: { 200: ZDecomptesAValiderPage, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.aValider(acrossCollectivites(authOf(request).scope), request.query),
    );

    app.post(
      '/api/gestion/sinistres/:id/decomptes',
      {
        config: payer,
        schema: {
          operationId: 'calculerDecompte',
          summary:
            'Calculer le décompte d’un sinistre pour une période : une nouvelle version et sa régularisation si les entrées ont changé, ou la raison pour laquelle il n’y a rien à payer',
          tags,
          params: ZIdParams,
          body: ZPeriodeCalcul,
          response: { 200: ZCalculDecompteOut, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.calculerDecompte(authOf(request), request.params.id, request.body, request.ip),
    );

    app.post(
      '/api/gestion/sinistres/:id/decomptes/recalcul',
      {
        config: payer,
        schema: {
          operationId: 'recalculerDecomptes',
          summary:
            'Après une requalification : recalculer les décomptes validés depuis la date de requalification (chaque différence devient une régularisation)',
          tags,
          params: ZIdParams,
          response: { 200: z.object({ items: z.array(ZCalculDecompteOut) }), ...problems(401, 403, 404) },
        },
      },
      async (request) => service.recalculer(authOf(request), request.params.id, request.ip),
    );

    app.post(
      '/api/gestion/decomptes/calculs',
      {
        config: payer,
        schema: {
          operationId: 'lancerCalculDecomptes',
          summary:
            'Calculer les décomptes de la période pour tous les dossiers ouverts ou clos ayant des jours d’arrêt (tâche de fond)',
          tags,
          body: ZCalculLotInput,
          response: { 202: ZCalculLotOut, ...problems(401, 403, 422) },
        },
      },
      async (request, reply) => reply.status(202).send(await lots.lancer(authOf(request), request.body, request.ip)),
    );

    app.get(
      '/api/gestion/decomptes/calculs/:id',
      {
        config: payer,
        schema: {
          operationId: 'suivreCalculDecomptes',
          summary: 'Avancement et compteurs d’un calcul des décomptes',
          tags,
          params: ZIdParams,
          response: { 200: ZCalculLotOut, ...problems(401, 403, 404) },
        },
      },
      async (request) => lots.lire(authOf(request), request.params.id),
    );

    app.get(
      '/api/sinistres/:id/decomptes',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'decomptesDuSinistre',
          summary: 'Les décomptes d’un sinistre, avec « Pourquoi ce montant ? »',
          tags,
          params: ZIdParams,
          response: { 200: ZDecomptesDuSinistre, ...problems(401, 404) },
        },
      },
      async (request) => service.duSinistre(tenantOf(request).scope, request.params.id),
    );

    app.get(
      '/api/sinistres/:id/decomptes/:decompteId/decompte.pdf',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'telechargerDecompte',
          summary: 'Le décompte en PDF : ses lignes, ses jours non payés, son total et sa régularisation',
          tags,
          params: ZDecompteParams,
          response: { 200: pdf, ...problems(401, 404) },
        },
      },
      async (request, reply) => {
        const { id, decompteId } = request.params;
        const doc = await service.pdf(tenantOf(request).scope, id, decompteId);
        return download(reply, { fileName: doc.nom, contentType: 'application/pdf', body: doc.pdf });
      },
    );
  };
}
