import { ZAuditListQuery, ZAuditPage } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { tenantOf } from '../../http/guard.js';
import { problems } from '../../http/openapi.js';
import { auditPolicy } from './audit.policy.js';
import type { AuditService } from './audit.service.js';

export function auditRoutes(service: AuditService) {
  return async (fastify: FastifyInstance) => {
    fastify.withTypeProvider<ZodTypeProvider>().get(
      '/api/journal',
      {
        config: auditPolicy.lire,
        schema: {
          operationId: 'listerJournal',
          summary: 'Journal des modifications de la collectivité (qui, quand, quoi)',
          tags: ['Journal'],
          querystring: ZAuditListQuery,
          response: { 200: ZAuditPage, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.list(tenantOf(request), request.query),
    );
  };
}
