import {
  ZAnnulationInput,
  ZAppelDetail,
  ZAppelGenerationInput,
  ZAppelsPage,
  ZAppelsQuery,
  ZFraisFinInput,
  ZFraisParametreInput,
  ZFraisParametreOut,
  ZRegularisationInput,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { download, fileResponse } from '../../http/download.js';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { XLSX_TYPE } from '../../lib/export/table.js';
import { acrossCollectivites } from '../../lib/scope.js';
import { appelsExport } from './cotisations.export.js';
import { cotisationsPolicy } from './cotisations.policy.js';
import type { CotisationsService } from './cotisations.service.js';

const tags = ['Cotisations'];

/** Contribution calls: the CDG prepares, checks and issues them; the collectivité reads « Vos cotisations ». */
export function cotisationsRoutes(service: CotisationsService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const { gerer, lireGestion, lireCollectivite } = cotisationsPolicy;

    // -- back office

    app.get(
      '/api/gestion/cotisations/frais',
      {
        config: gerer,
        schema: {
          operationId: 'listerFraisGestion',
          summary:
            'Les frais de gestion du centre de gestion, par période (forfait par agent CNRACL ou % de l’assiette)',
          tags,
          response: { 200: z.object({ items: z.array(ZFraisParametreOut) }), ...problems(401, 403) },
        },
      },
      async (request) => ({ items: await service.frais(authOf(request)) }),
    );

    app.post(
      '/api/gestion/cotisations/frais',
      {
        config: gerer,
        schema: {
          operationId: 'ajouterFraisGestion',
          summary: 'Fixer les frais de gestion d’une période (les périodes ne se chevauchent pas)',
          tags,
          body: ZFraisParametreInput,
          response: { 201: ZFraisParametreOut, ...problems(401, 403, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.ajouterFrais(authOf(request), request.body, request.ip)),
    );

    app.patch(
      '/api/gestion/cotisations/frais/:id',
      {
        config: gerer,
        schema: {
          operationId: 'terminerFraisGestion',
          summary: 'Terminer (ou rouvrir) une période des frais de gestion, sans chevaucher une autre période',
          tags,
          params: ZIdParams,
          body: ZFraisFinInput,
          response: { 200: ZFraisParametreOut, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) => service.terminerFrais(authOf(request), request.params.id, request.body, request.ip),
    );

    app.get(
      '/api/gestion/cotisations/appels',
      {
        config: lireGestion,
        schema: {
          operationId: 'listerAppelsGestion',
          summary:
            'Les appels de cotisation des collectivités de l’organisation, les plus récents d’abord (20 par page)',
          tags,
          querystring: ZAppelsQuery,
          response: { 200: ZAppelsPage, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.list(acrossCollectivites(authOf(request).scope), request.query),
    );

    app.post(
      '/api/gestion/cotisations/appels',
      {
        config: gerer,
        schema: {
          operationId: 'genererAppel',
          summary:
            'Préparer l’appel de cotisation d’un contrat, d’une collectivité et d’une année à partir de sa base prévisionnelle (brouillon)',
          tags,
          body: ZAppelGenerationInput,
          response: { 201: ZAppelDetail, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.generer(authOf(request), request.body, request.ip)),
    );

    app.get(
      '/api/gestion/cotisations/appels/:id',
      {
        config: lireGestion,
        schema: {
          operationId: 'lireAppelGestion',
          summary: 'Un appel de cotisation, ses lignes et son échéancier',
          tags,
          params: ZIdParams,
          response: { 200: ZAppelDetail, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.detail(acrossCollectivites(authOf(request).scope), request.params.id),
    );

    app.get(
      '/api/gestion/cotisations/appels/:id/avis.pdf',
      {
        config: lireGestion,
        schema: {
          operationId: 'telechargerAvisAppelGestion',
          summary: 'L’avis d’appel de cotisation (PDF)',
          tags,
          params: ZIdParams,
          response: { 200: fileResponse('L’avis d’appel', 'application/pdf'), ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const doc = await service.avis(acrossCollectivites(authOf(request).scope), request.params.id);
        return download(reply, { fileName: doc.nom, contentType: 'application/pdf', body: doc.pdf });
      },
    );

    const step = (path: string, operationId: string, summary: string, run: typeof service.controler) =>
      app.post(
        `/api/gestion/cotisations/appels/:id/${path}`,
        {
          config: gerer,
          schema: {
            operationId,
            summary,
            tags,
            params: ZIdParams,
            response: { 200: ZAppelDetail, ...problems(401, 403, 404, 409) },
          },
        },
        async (request) => run(authOf(request), request.params.id, request.ip),
      );
    step('controle', 'controlerAppel', 'Contrôler un appel en brouillon (centre de gestion)', service.controler);
    step(
      'emission',
      'emettreAppel',
      'Émettre un appel contrôlé : la collectivité le voit, il ne change plus',
      service.emettre,
    );

    app.post(
      '/api/gestion/cotisations/appels/:id/annulation',
      {
        config: gerer,
        schema: {
          operationId: 'annulerAppel',
          summary: 'Annuler un appel qui n’a reçu aucun paiement, avec son motif',
          tags,
          params: ZIdParams,
          body: ZAnnulationInput,
          response: { 200: ZAppelDetail, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) => service.annuler(authOf(request), request.params.id, request.body.motif, request.ip),
    );

    app.post(
      '/api/gestion/cotisations/appels/:id/regularisation',
      {
        config: gerer,
        schema: {
          operationId: 'regulariserAppel',
          summary:
            'Préparer la régularisation d’un appel émis à partir de la base réelle : appel complémentaire ou avoir (brouillon)',
          tags,
          params: ZIdParams,
          body: ZRegularisationInput,
          response: { 201: ZAppelDetail, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.regulariser(authOf(request), request.params.id, request.body, request.ip)),
    );

    // -- the collectivité

    app.get(
      '/api/cotisations',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'listerAppels',
          summary: 'Vos appels de cotisation émis, les plus récents d’abord (20 par page)',
          tags,
          querystring: ZAppelsQuery.omit({ collectiviteId: true }),
          response: { 200: ZAppelsPage, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.list(tenantOf(request).scope, request.query),
    );

    app.get(
      '/api/cotisations/export',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'exporterAppels',
          summary:
            'Exporter vos appels de cotisation émis, un appel par ligne avec le payé et le reste dû (CSV « ; » UTF-8 ou XLSX ; montants en nombres)',
          tags,
          querystring: ZAppelsQuery.omit({ collectiviteId: true, apres: true }).extend({
            format: z.enum(['csv', 'xlsx'], { error: 'Format : csv ou xlsx.' }).default('csv'),
          }),
          response: {
            200: fileResponse('Les appels de cotisation', 'text/csv', XLSX_TYPE),
            ...problems(401, 403, 404, 422),
          },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        return download(reply, appelsExport(service.all(tenantOf(request).scope, query), format));
      },
    );

    app.get(
      '/api/cotisations/:id',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'lireAppel',
          summary: 'Un appel de cotisation émis, ses lignes et son échéancier',
          tags,
          params: ZIdParams,
          response: { 200: ZAppelDetail, ...problems(401, 404) },
        },
      },
      async (request) => service.detail(tenantOf(request).scope, request.params.id),
    );

    app.get(
      '/api/cotisations/:id/avis.pdf',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'telechargerAvisAppel',
          summary: 'L’avis d’appel de cotisation (PDF) : lignes et échéancier',
          tags,
          params: ZIdParams,
          response: { 200: fileResponse('L’avis d’appel', 'application/pdf'), ...problems(401, 404) },
        },
      },
      async (request, reply) => {
        const doc = await service.avis(tenantOf(request).scope, request.params.id);
        return download(reply, { fileName: doc.nom, contentType: 'application/pdf', body: doc.pdf });
      },
    );
  };
}
