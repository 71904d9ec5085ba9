import { ZAgent, ZAgentCreate, ZAgentFiche, ZAgentUpdate, ZDepart } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { agentsPolicy } from './agents.policy.js';
import type { FicheAgentService } from './fiche.service.js';

const { lire: read, modifier: write } = agentsPolicy;
const tags = ['Agents'];

export function ficheAgentRoutes(service: FicheAgentService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/agents/par-nir',
      {
        config: read,
        schema: {
          operationId: 'chercherAgentParNir',
          summary: 'Retrouver l’agent de la collectivité qui porte ce NIR (étape 1 de la création)',
          tags,
          querystring: z.object({ nir: z.string().max(30) }),
          response: { 200: ZAgent, ...problems(401, 404, 422) },
        },
      },
      async (request) => service.findByNir(tenantOf(request), request.query.nir),
    );

    app.post(
      '/api/agents',
      {
        config: write,
        schema: {
          operationId: 'creerAgent',
          summary: 'Créer un agent : NIR, identité (contrôlée avec le NIR) et emploi',
          tags,
          body: ZAgentCreate,
          response: { 201: ZAgentFiche, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(tenantOf(request), request.body, request.ip)),
    );

    app.get(
      '/api/agents/:id',
      {
        config: read,
        schema: {
          operationId: 'lireAgent',
          summary: 'Fiche d’un agent avec l’historique de son emploi',
          tags,
          params: ZIdParams,
          response: { 200: ZAgentFiche, ...problems(401, 404) },
        },
      },
      async (request) => service.get(tenantOf(request), request.params.id),
    );

    app.put(
      '/api/agents/:id',
      {
        config: write,
        schema: {
          operationId: 'modifierAgent',
          summary: 'Compléter ou modifier la fiche (un changement d’emploi est historisé à sa date d’effet)',
          tags,
          params: ZIdParams,
          body: ZAgentUpdate,
          response: { 200: ZAgentFiche, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.update(tenantOf(request), request.params.id, request.body, request.ip),
    );

    app.post(
      '/api/agents/:id/depart',
      {
        config: write,
        schema: {
          operationId: 'enregistrerDepartAgent',
          summary: 'Enregistrer le départ de l’agent (il garde ses sinistres)',
          tags,
          params: ZIdParams,
          body: ZDepart,
          response: { 200: ZAgentFiche, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.depart(tenantOf(request), request.params.id, request.body, request.ip),
    );
  };
}
