import { ZDecisionInput, ZDecisionOut, ZDecisionsDuSinistre } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { download, fileResponse } from '../../http/download.js';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { acrossCollectivites } from '../../lib/scope.js';
import { decisionsPolicy } from './decisions.policy.js';
import type { DecisionsService } from './decisions.service.js';

const tags = ['Décisions'];
const ZDecisionParams = ZIdParams.extend({ decisionId: z.uuid({ error: 'Identifiant invalide.' }) });
const pdf = fileResponse('La lettre de décision (PDF)', 'application/pdf');

/** Decisions on a sinistre: recorded by staff in the back office, read by staff and by the collectivité. */
export function decisionsRoutes(service: DecisionsService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/gestion/sinistres/:id/decisions',
      {
        config: decisionsPolicy.decider,
        schema: {
          operationId: 'deciderSinistre',
          summary:
            'Enregistrer une décision (prise en charge, refus, prise en charge partielle, sursis à statuer, requalification acceptée ou refusée, clôture) : lettre à la collectivité et courriel. Une requalification répond à la demande en attente ; acceptée, elle change la catégorie des arrêts à compter de la date décidée',
          tags,
          params: ZIdParams,
          body: ZDecisionInput,
          response: { 201: ZDecisionOut, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.decider(authOf(request), request.params.id, request.body, request.ip)),
    );

    app.get(
      '/api/gestion/sinistres/:id/decisions',
      {
        config: decisionsPolicy.lireGestion,
        schema: {
          operationId: 'listerDecisionsGestion',
          summary:
            'Les décisions sur un sinistre, la plus récente d’abord, et la demande de requalification en attente',
          tags,
          params: ZIdParams,
          response: { 200: ZDecisionsDuSinistre, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.listGestion(authOf(request), request.params.id),
    );

    app.get(
      '/api/gestion/sinistres/:id/decisions/:decisionId/lettre.pdf',
      {
        config: decisionsPolicy.lireGestion,
        schema: {
          operationId: 'telechargerLettreDecisionGestion',
          summary: 'La lettre d’une décision, en PDF',
          tags,
          params: ZDecisionParams,
          response: { 200: pdf, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { id, decisionId } = request.params;
        const doc = await service.lettre(acrossCollectivites(authOf(request).scope), id, decisionId);
        return download(reply, { fileName: doc.nom, contentType: 'application/pdf', body: doc.pdf });
      },
    );

    app.get(
      '/api/sinistres/:id/decisions',
      {
        config: decisionsPolicy.lireCollectivite,
        schema: {
          operationId: 'listerDecisions',
          summary: 'Les décisions du gestionnaire sur un sinistre de la collectivité, avec leurs lettres',
          tags,
          params: ZIdParams,
          response: { 200: ZDecisionsDuSinistre, ...problems(401, 404) },
        },
      },
      async (request) => service.listCollectivite(tenantOf(request).scope, request.params.id),
    );

    app.get(
      '/api/sinistres/:id/decisions/:decisionId/lettre.pdf',
      {
        config: decisionsPolicy.lireCollectivite,
        schema: {
          operationId: 'telechargerLettreDecision',
          summary: 'La lettre d’une décision du gestionnaire, en PDF',
          tags,
          params: ZDecisionParams,
          response: { 200: pdf, ...problems(401, 404) },
        },
      },
      async (request, reply) => {
        const { id, decisionId } = request.params;
        const doc = await service.lettre(tenantOf(request).scope, id, decisionId);
        return download(reply, { fileName: doc.nom, contentType: 'application/pdf', body: doc.pdf });
      },
    );
  };
}
