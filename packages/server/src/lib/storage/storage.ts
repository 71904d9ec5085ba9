import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, opendir, rm, stat } from 'node:fs/promises';
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
  /** Every stored file with its last write, for the sweep of orphan files. */
  list(): AsyncIterable<{ key: string; modifiedAt: Date }>;
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
    async *list() {
      for await (const full of walk(root)) {
        const info = await stat(full).catch(() => null);
        if (info) yield { key: path.relative(root, full).split(path.sep).join('/'), modifiedAt: info.mtime };
      }
    },
  };
}

/** The files under a folder, read as it goes (a large store is never listed in memory at once). */
async function* walk(dir: string): AsyncGenerator<string> {
  let handle: Awaited<ReturnType<typeof opendir>>;
  try {
    handle = await opendir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for await (const entry of handle) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}
