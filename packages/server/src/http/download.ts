import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { attachment } from './upload.js';

/** OpenAPI description of a binary answer. */
export const fileResponse = (description: string, ...types: string[]) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: z.string().meta({ format: 'binary' }) }])),
});

/**
 * Sends a download: always an attachment under a sanitised name, never sniffed nor cached (it holds
 * personal data).
 */
export function download(
  reply: FastifyReply,
  f: { fileName: string; contentType: string; body: Readable | Buffer | Uint8Array },
) {
  return reply
    .header('Content-Type', f.contentType)
    .header('Content-Disposition', attachment(f.fileName))
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .send(f.body instanceof Uint8Array && !Buffer.isBuffer(f.body) ? Buffer.from(f.body) : f.body);
}
