import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { job } from '../src/lib/jobs/job.table.js';
import { enqueueJob } from '../src/lib/jobs/queue.js';
import { STORAGE_SWEEP_JOB } from '../src/lib/storage/sweep.js';
import { MAINTENANCE_JOB } from '../src/modules/auth/maintenance.js';
import { piece } from '../src/modules/pieces/pieces.table.js';
import { prochaineRelance, RELANCE_PIECES_JOB } from '../src/modules/pieces/relance.job.js';
import { prochaineReconciliation, RECONCILIATION_PIECES_JOB } from '../src/modules/sinistres/reconciliation.job.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { TINY_PDF } from './multipart.js';
import { declareSinistre, depositPiece, insuredTenant } from './world.js';

const HOUR = 60 * 60 * 1000;
const exists = (ctx: TestContext, key: string) =>
  ctx.storage.size(key).then(
    () => true,
    () => false,
  );

/** A sinistre with one deposited piece: a file a row points to. */
async function referencedFile(ctx: TestContext) {
  const { t, agentId } = await insuredTenant(ctx);
  const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-11-02');
  const p = await depositPiece(t.publicateur, sinistreId);
  expect(p.statusCode, p.body).toBe(201);
  const [row] = await ctx.database.db.select().from(piece).where(eq(piece.id, p.json().id));
  return row!.storageKey;
}

/** What a crash between storing a file and committing its row leaves: the file, no row. */
async function orphanFile(ctx: TestContext) {
  let key = '';
  await expect(
    ctx.database.db.transaction(async () => {
      key = (await ctx.storage.put(Readable.from([TINY_PDF]), { prefix: 'pieces', maxBytes: 1000 })).key;
      throw new Error('arrêt brutal');
    }),
  ).rejects.toThrow('arrêt brutal');
  return key;
}

async function sweep(ctx: TestContext) {
  await enqueueJob(ctx.database.db, STORAGE_SWEEP_JOB, {}, ctx.clock.now());
  await ctx.jobs.drain();
}

describeEachDatabase(
  'balayage des fichiers orphelins',
  (ctx) => {
    it('removes a file no row points to once a day has passed, never a referenced or a recent one', async () => {
      // File dates are real: the manual clock starts at the real time.
      ctx().clock.set(new Date());
      const referenced = await referencedFile(ctx());
      const orphan = await orphanFile(ctx());
      expect(await exists(ctx(), orphan)).toBe(true);

      ctx().clock.advance(HOUR);
      await sweep(ctx());
      expect(await exists(ctx(), orphan)).toBe(true);
      expect(await exists(ctx(), referenced)).toBe(true);

      ctx().clock.advance(24 * HOUR);
      await sweep(ctx());
      expect(await exists(ctx(), orphan)).toBe(false);
      expect(await exists(ctx(), referenced)).toBe(true);
      // Each run schedules the next one, a day later.
      const pending = await ctx().database.db.select().from(job).where(eq(job.kind, STORAGE_SWEEP_JOB));
      const next = pending.filter((j) => j.status === 'pending').map((j) => j.runAt.getTime());
      expect(next).toContain(ctx().clock.now().getTime() + 24 * HOUR);
    });

    it('is scheduled at start-up once, with the other recurring jobs', async () => {
      const db = ctx().database.db;
      await db.delete(job);
      await ctx().jobs.scheduleRecurring(ctx().clock.now());
      await ctx().jobs.scheduleRecurring(ctx().clock.now());
      const rows = await db.select().from(job);
      const now = ctx().clock.now();
      expect(rows.map((r) => [r.kind, r.runAt.toISOString()]).sort()).toEqual(
        [
          [MAINTENANCE_JOB, now.toISOString()],
          [RELANCE_PIECES_JOB, prochaineRelance(now).toISOString()],
          [RECONCILIATION_PIECES_JOB, prochaineReconciliation(now).toISOString()],
          [STORAGE_SWEEP_JOB, now.toISOString()],
        ].sort(),
      );
    });
  },
  // Its own file store: the sweep must not see the files of other test files.
  { config: { dataDir: mkdtempSync(path.join(os.tmpdir(), 'statutis-sweep-')) } },
);
