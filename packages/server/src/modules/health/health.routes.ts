import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.js';

const ZHealth = z.object({
  status: z.enum(['ok', 'degrade']),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean() }),
});

export function healthRoutes(database: Database) {
  return async (fastify: FastifyInstance) => {
    fastify.withTypeProvider<ZodTypeProvider>().get(
      '/api/health',
      {
        config: { access: { kind: 'public' } },
        schema: {
          operationId: 'sante',
          summary: 'État du service et de sa base de données',
          tags: ['Exploitation'],
          response: { 200: ZHealth, 503: ZHealth },
        },
      },
      async (_request, reply) => {
        const ok = await database.query('SELECT 1').then(
          () => true,
          () => false,
        );
        return reply
          .status(ok ? 200 : 503)
          .send({ status: ok ? 'ok' : 'degrade', database: { kind: database.kind, ok } });
      },
    );
  };
}
