import { Readable } from 'node:stream';
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
 * personal data). A stream's first chunk is read before the status line: if producing it fails
 * (the first query of an export), the client gets a problem+json, not a 200 with a cut file.
 */
export async function download(
  reply: FastifyReply,
  f: { fileName: string; contentType: string; body: Readable | Buffer | Uint8Array },
) {
  const body =
    f.body instanceof Readable
      ? await primed(f.body)
      : f.body instanceof Uint8Array && !Buffer.isBuffer(f.body)
        ? Buffer.from(f.body)
        : f.body;
  return reply
    .header('Content-Type', f.contentType)
    .header('Content-Disposition', attachment(f.fileName))
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .send(body);
}

/** The same stream, its first chunk already produced (an error there is thrown here). */
async function primed(stream: Readable): Promise<Readable> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  return Readable.from(
    (async function* () {
      try {
        if (first.done) return;
        yield first.value;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      } finally {
        // A client that leaves early ends the source too (its query, its cursor).
        await iterator.return?.();
      }
    })(),
  );
}
