import { ZBase, ZBaseCreate, ZBaseListQuery, ZBasePage, ZBaseUpdate, ZBudget, ZBudgetInput } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../http/guard.js';
import { problems, ZIdParams, ZNoContent } from '../../http/openapi.js';
import { attachment } from '../../http/upload.js';
import { baseAssurancePolicy } from './base-assurance.policy.js';
import type { BaseAssuranceService } from './base-assurance.service.js';

const { lire: reader, declarer: writer, corriger } = baseAssurancePolicy;

export function baseAssuranceRoutes(service: BaseAssuranceService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['Base de l’assurance'];

    app.get(
      '/api/bases',
      {
        config: reader,
        schema: {
          operationId: 'listerBases',
          summary: 'Bases de l’assurance déclarées (filtres : contrat, année, type), avec la régularisation',
          tags,
          querystring: ZBaseListQuery,
          response: { 200: ZBasePage, ...problems(401, 404, 422) },
        },
      },
      async (request) => service.list(tenantOf(request), request.query),
    );

    app.get(
      '/api/bases/export',
      {
        config: reader,
        schema: {
          operationId: 'exporterBases',
          summary: 'Exporter les bases de l’assurance en CSV',
          tags,
          querystring: ZBaseListQuery,
          response: { 200: z.string().describe('CSV ; UTF-8'), ...problems(401, 404, 422) },
        },
      },
      async (request, reply) =>
        reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', attachment('bases-assurance.csv'))
          .send(await service.exportCsv(tenantOf(request), request.query)),
    );

    app.get(
      '/api/bases/:id',
      {
        config: reader,
        schema: {
          operationId: 'lireBase',
          summary: 'Consulter une base de l’assurance',
          tags,
          params: ZIdParams,
          response: { 200: ZBase, ...problems(401, 404) },
        },
      },
      async (request) => service.get(tenantOf(request), request.params.id),
    );

    app.post(
      '/api/bases',
      {
        config: writer,
        schema: {
          operationId: 'creerBase',
          summary: 'Déclarer une base de l’assurance (une par contrat, année et type)',
          tags,
          body: ZBaseCreate,
          response: { 201: ZBase, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(tenantOf(request), request.body, request.ip)),
    );

    app.put(
      '/api/bases/:id',
      {
        config: corriger,
        schema: {
          operationId: 'modifierBase',
          summary: 'Modifier une base (le jour de sa création ; ensuite, par un gestionnaire)',
          tags,
          params: ZIdParams,
          body: ZBaseUpdate,
          response: { 200: ZBase, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.update(tenantOf(request), request.params.id, request.body, request.ip),
    );

    app.delete(
      '/api/bases/:id',
      {
        config: corriger,
        schema: {
          operationId: 'supprimerBase',
          summary: 'Supprimer une base (le jour de sa création ; ensuite, par un gestionnaire)',
          tags,
          params: ZIdParams,
          response: { 204: ZNoContent, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await service.remove(tenantOf(request), request.params.id, request.ip);
        return reply.status(204).send(null);
      },
    );

    const ZAnnee = z.object({
      annee: z.coerce
        .number({ error: 'Année invalide.' })
        .int()
        .min(2000, 'Année invalide.')
        .max(2100, 'Année invalide.'),
    });
    app.get(
      '/api/budgets/:annee',
      {
        config: reader,
        schema: {
          operationId: 'lireBudget',
          summary: 'Budget de l’année comparé aux cotisations estimées',
          tags: ['Budget'],
          params: ZAnnee,
          response: { 200: ZBudget, ...problems(401, 404, 422) },
        },
      },
      async (request) => service.getBudget(tenantOf(request), request.params.annee),
    );

    app.put(
      '/api/budgets/:annee',
      {
        config: writer,
        schema: {
          operationId: 'enregistrerBudget',
          summary: 'Enregistrer le budget de l’année (cotisations, absences)',
          tags: ['Budget'],
          params: ZAnnee,
          body: ZBudgetInput.omit({ annee: true }),
          response: { 200: ZBudget, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) =>
        service.setBudget(tenantOf(request), { ...request.body, annee: request.params.annee }, request.ip),
    );
  };
}
