import {
  ZAntecedentInput,
  ZAntecedents,
  ZIjssInput,
  ZIjssListe,
  ZSalairesMensuels,
  ZSalairesMensuelsInput,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { entreesPolicy } from './entrees.policy.js';
import type { EntreesService } from './entrees.service.js';

const ZIjssParams = ZIdParams.extend({ ijssId: z.uuid({ error: 'Identifiant invalide.' }) });
const ZAntecedentParams = ZIdParams.extend({ antecedentId: z.uuid({ error: 'Identifiant invalide.' }) });

/** The inputs of the reimbursement engine: monthly salaries and IJSS of a sinistre, an agent's antécédents. */
export function entreesRoutes(service: EntreesService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const sinistres = ['Sinistres'];
    const agents = ['Agents'];

    app.get(
      '/api/sinistres/:id/salaires',
      {
        config: entreesPolicy.lire,
        schema: {
          operationId: 'salairesMensuelsSinistre',
          summary:
            'Salaire de chaque mois civil des arrêts du sinistre (un mois non enregistré propose les montants du mois précédent)',
          tags: sinistres,
          params: ZIdParams,
          response: { 200: ZSalairesMensuels, ...problems(401, 404) },
        },
      },
      async (request) => service.salaires(tenantOf(request), request.params.id),
    );

    app.put(
      '/api/sinistres/:id/salaires',
      {
        config: entreesPolicy.saisir,
        schema: {
          operationId: 'enregistrerSalairesMensuels',
          summary:
            'Enregistrer les salaires des mois des arrêts (TBI, NBI, SFT, IR en centimes ; seuls les éléments assurés dans la base de l’année)',
          tags: sinistres,
          params: ZIdParams,
          body: ZSalairesMensuelsInput,
          response: { 200: ZSalairesMensuels, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.saveSalaires(tenantOf(request), request.params.id, request.body, request.ip),
    );

    app.get(
      '/api/sinistres/:id/ijss',
      {
        config: entreesPolicy.lire,
        schema: {
          operationId: 'ijssSinistre',
          summary: 'IJSS saisies depuis les relevés de la CPAM (agents IRCANTEC)',
          tags: sinistres,
          params: ZIdParams,
          response: { 200: ZIjssListe, ...problems(401, 404) },
        },
      },
      async (request) => service.ijss(tenantOf(request), request.params.id),
    );

    app.post(
      '/api/sinistres/:id/ijss',
      {
        config: entreesPolicy.saisir,
        schema: {
          operationId: 'ajouterIjss',
          summary: 'Saisir une période d’IJSS (montant journalier ou montant de la période)',
          tags: sinistres,
          params: ZIdParams,
          body: ZIjssInput,
          response: { 201: ZIjssListe, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.addIjss(tenantOf(request), request.params.id, request.body, request.ip)),
    );

    app.put(
      '/api/sinistres/:id/ijss/:ijssId',
      {
        config: entreesPolicy.saisir,
        schema: {
          operationId: 'modifierIjss',
          summary: 'Corriger une période d’IJSS',
          tags: sinistres,
          params: ZIjssParams,
          body: ZIjssInput,
          response: { 200: ZIjssListe, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) =>
        service.updateIjss(tenantOf(request), request.params.id, request.params.ijssId, request.body, request.ip),
    );

    app.delete(
      '/api/sinistres/:id/ijss/:ijssId',
      {
        config: entreesPolicy.saisir,
        schema: {
          operationId: 'supprimerIjss',
          summary: 'Retirer une période d’IJSS',
          tags: sinistres,
          params: ZIjssParams,
          response: { 200: ZIjssListe, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.removeIjss(tenantOf(request), request.params.id, request.params.ijssId, request.ip),
    );

    app.get(
      '/api/agents/:id/antecedents',
      {
        config: entreesPolicy.lire,
        schema: {
          operationId: 'antecedentsAgent',
          summary: 'Congés de l’agent antérieurs à Statutis (maladie ordinaire, CLM, CLD, CGM)',
          tags: agents,
          params: ZIdParams,
          response: { 200: ZAntecedents, ...problems(401, 404) },
        },
      },
      async (request) => service.antecedents(tenantOf(request), request.params.id),
    );

    app.post(
      '/api/agents/:id/antecedents',
      {
        config: entreesPolicy.saisirAntecedents,
        schema: {
          operationId: 'ajouterAntecedent',
          summary: 'Saisir un congé antérieur à Statutis (compté par l’année glissante et les droits à congé)',
          tags: agents,
          params: ZIdParams,
          body: ZAntecedentInput,
          response: { 201: ZAntecedents, ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.addAntecedent(tenantOf(request), request.params.id, request.body, request.ip)),
    );

    app.delete(
      '/api/agents/:id/antecedents/:antecedentId',
      {
        config: entreesPolicy.saisirAntecedents,
        schema: {
          operationId: 'supprimerAntecedent',
          summary: 'Retirer un antécédent',
          tags: agents,
          params: ZAntecedentParams,
          response: { 200: ZAntecedents, ...problems(401, 403, 404) },
        },
      },
      async (request) =>
        service.removeAntecedent(tenantOf(request), request.params.id, request.params.antecedentId, request.ip),
    );
  };
}
