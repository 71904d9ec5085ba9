import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq, getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { FILE_REFERENCES } from '../src/app.js';
import { ANALYSE_JOB, prochaineAnalyse } from '../src/db/maintenance.js';
import * as tables from '../src/db/tables.js';
import { prochaineHeureParis } from '../src/lib/clock.js';
import { job } from '../src/lib/jobs/job.table.js';
import { PURGE_JOB, prochainePurge } from '../src/lib/jobs/purge.js';
import { enqueueJob } from '../src/lib/jobs/queue.js';
import { STORAGE_SWEEP_JOB } from '../src/lib/storage/sweep.js';
import { listeImport } from '../src/modules/agents/agents.table.js';
import { MAINTENANCE_JOB } from '../src/modules/auth/maintenance.js';
import { contratDocument } from '../src/modules/contrats/contrats.table.js';
import { RELANCE_ECHEANCE_JOB } from '../src/modules/cotisations/encaissements.service.js';
import { RELANCE_BASE_JOB } from '../src/modules/gestion/relance-base.job.js';
import { piece } from '../src/modules/pieces/pieces.table.js';
import { prochaineRelance, RELANCE_PIECES_JOB } from '../src/modules/pieces/relance.job.js';
import { prochaineReconciliation, RECONCILIATION_PIECES_JOB } from '../src/modules/sinistres/reconciliation.job.js';
import {
  prochainRecalculNocturne,
  STATISTIQUES_MARQUEES_JOB,
  STATISTIQUES_NUIT_JOB,
} from '../src/modules/statistiques/statistiques.jobs.js';
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

const storeFile = async (ctx: TestContext, prefix: string) =>
  (await ctx.storage.put(Readable.from([TINY_PDF]), { prefix, maxBytes: 1000 })).key;

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

    it('keeps the files of contract documents and of imports still running; removes a finished import’s', async () => {
      ctx().clock.set(new Date());
      const { t, contrat } = await insuredTenant(ctx());
      const db = ctx().database.db;
      const document = await storeFile(ctx(), 'contrats');
      await db.insert(contratDocument).values({
        contratId: contrat.id,
        nom: 'conditions.pdf',
        storageKey: document,
        sha256: 'x',
        taille: TINY_PDF.length,
      });
      const importOf = async (statut: string) => {
        const key = await storeFile(ctx(), 'imports');
        await db.insert(listeImport).values({
          collectiviteId: t.collectivite.id,
          userLabel: 'Test',
          nomFichier: 'liste.csv',
          storageKey: key,
          taille: TINY_PDF.length,
          statut,
          createdAt: ctx().clock.now(),
        });
        return key;
      };
      const [enAttente, ecriture, termine, echec] = [
        await importOf('en_attente'),
        await importOf('ecriture'),
        await importOf('termine'),
        await importOf('echec'),
      ];
      ctx().clock.advance(25 * HOUR);
      await sweep(ctx());
      expect(
        await Promise.all([document, enAttente, ecriture, termine, echec].map((key) => exists(ctx(), key))),
      ).toEqual([true, true, true, false, false]);
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
          [RELANCE_BASE_JOB, prochaineRelance(now).toISOString()],
          // Unpaid échéances: every morning at 07:00 in Paris.
          [RELANCE_ECHEANCE_JOB, prochaineHeureParis(now, 7, 0).toISOString()],
          [RECONCILIATION_PIECES_JOB, prochaineReconciliation(now).toISOString()],
          [STORAGE_SWEEP_JOB, now.toISOString()],
          // Finished jobs, sent mails and past schedules: every night at 03:45 in Paris.
          [PURGE_JOB, prochainePurge(now).toISOString()],
          // The CDG dashboard's aggregates: the marked collectivités at once, then every 5 minutes; all at 03:15.
          [STATISTIQUES_MARQUEES_JOB, now.toISOString()],
          [STATISTIQUES_NUIT_JOB, prochainRecalculNocturne(now).toISOString()],
          // PGlite has no autovacuum: its statistics are refreshed at night.
          ...(ctx().database.kind === 'pglite' ? [[ANALYSE_JOB, prochaineAnalyse(now).toISOString()]] : []),
        ].sort(),
      );
    });
  },
  // Its own file store: the sweep must not see the files of other test files.
  { config: { dataDir: mkdtempSync(path.join(os.tmpdir(), 'statutis-sweep-')) } },
);

describe('fichiers référencés', () => {
  it('every column of the schema that holds a storage key is declared to the sweep', () => {
    const declared = new Set(FILE_REFERENCES.map((r) => r.key));
    const holding = (Object.values(tables) as unknown[])
      .filter((t): t is PgTable => is(t, PgTable))
      .flatMap((t) => Object.values(getTableColumns(t)))
      .filter((c) => c.name.endsWith('storage_key'));
    expect(holding.length).toBeGreaterThanOrEqual(3);
    expect(holding.filter((c) => !declared.has(c)).map((c) => `${getTableName(c.table)}.${c.name}`)).toEqual([]);
  });
});
