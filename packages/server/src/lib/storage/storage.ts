import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where uploaded files live. Local disk by default; an S3-compatible adapter fits the same shape. */
export type Storage = {
  /** Stores a stream under a new opaque key; refuses (and removes) it past `maxBytes`. */
  put(
    source: Readable,
    options: { prefix: string; maxBytes: number },
  ): Promise<{ key: string; size: number; sha256: string }>;
  get(key: string): Readable;
  size(key: string): Promise<number>;
  remove(key: string): Promise<void>;
};

export class TooLargeError extends Error {}

/** Keys are generated here (prefix/yyyy/uuid), never taken from a user's file name. */
export function createLocalStorage(root: string): Storage {
  const resolve = (key: string) => {
    const full = path.resolve(root, key);
    if (!full.startsWith(path.resolve(root) + path.sep)) throw new Error('clé de stockage invalide');
    return full;
  };
  return {
    async put(source, { prefix, maxBytes }) {
      const key = `${prefix}/${new Date().getUTCFullYear()}/${randomUUID()}`;
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (size > maxBytes) return callback(new TooLargeError());
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      try {
        await pipeline(source, meter, createWriteStream(target, { flags: 'wx' }));
      } catch (e) {
        await rm(target, { force: true });
        throw e;
      }
      // @fastify/multipart truncates instead of failing when its own limit is hit.
      if ((source as Readable & { truncated?: boolean }).truncated) {
        await rm(target, { force: true });
        throw new TooLargeError();
      }
      return { key, size, sha256: hash.digest('hex') };
    },
    get: (key) => createReadStream(resolve(key)),
    size: async (key) => (await stat(resolve(key))).size,
    remove: (key) => rm(resolve(key), { force: true }),
  };
}
