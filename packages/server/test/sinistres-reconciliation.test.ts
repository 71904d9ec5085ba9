import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { enqueueJob } from '../src/lib/jobs/queue.js';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { gestionFile } from '../src/modules/gestion/corbeille.table.js';
import { prochaineReconciliation, RECONCILIATION_PIECES_JOB } from '../src/modules/sinistres/reconciliation.job.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { declareSinistre, insuredTenant } from './world.js';

describe('prochaineReconciliation', () => {
  it.each([
    // Winter (UTC+1): 02:30 in Paris is 01:30 UTC.
    ['2026-12-07T13:00:00Z', '2026-12-08T01:30:00.000Z'],
    ['2026-12-07T01:00:00Z', '2026-12-07T01:30:00.000Z'],
    ['2026-12-07T01:30:00Z', '2026-12-08T01:30:00.000Z'],
    // Summer (UTC+2): 00:30 UTC.
    ['2026-07-14T12:00:00Z', '2026-07-15T00:30:00.000Z'],
    // 29 March 2026: 02:00 → 03:00, no 02:30 that night; 03:30 (01:30 UTC) is taken.
    ['2026-03-28T12:00:00Z', '2026-03-29T01:30:00.000Z'],
    // 25 October 2026: 03:00 → 02:00, 02:30 comes twice; the first (00:30 UTC).
    ['2026-10-24T12:00:00Z', '2026-10-25T00:30:00.000Z'],
  ])('after %s → %s', (now, expected) => {
    expect(prochaineReconciliation(new Date(now)).toISOString()).toBe(expected);
  });
});

async function counts(ctx: TestContext, ids: string[]) {
  const rows = await ctx.database.db.select({ id: sinistre.id, n: sinistre.piecesManquantes }).from(sinistre);
  return ids.map((id) => rows.find((r) => r.id === id)!.n);
}

async function reconcile(ctx: TestContext) {
  await enqueueJob(ctx.database.db, RECONCILIATION_PIECES_JOB, {}, ctx.clock.now());
  await ctx.jobs.drain();
  const [event] = await ctx.database.db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.entity, 'sinistre'), eq(auditEvent.action, 'reconciliation_pieces')))
    .orderBy(desc(auditEvent.id))
    .limit(1);
  return event!.changes as { corriges: number; sinistres: string[] };
}

describeEachDatabase('nightly reconciliation of the missing-pieces counts', (ctx) => {
  it('finds a corrupted count, fixes it, and reports it; a second night finds nothing', async () => {
    const { t, agentId } = await insuredTenant(ctx());
    // An accident misses its declaration pieces from the start; a maladie ordinaire, none before its arrêt.
    const a = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-03-01');
    const b = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-02');
    const right = await counts(ctx(), [a, b]);
    expect(right[0]).toBeGreaterThan(0);
    expect(right[1]).toBe(0);

    await ctx().database.db.update(sinistre).set({ piecesManquantes: 42 }).where(eq(sinistre.id, a));
    expect(await counts(ctx(), [a, b])).toEqual([42, right[1]]);

    expect(await reconcile(ctx())).toEqual({ corriges: 1, sinistres: [a] });
    expect(await counts(ctx(), [a, b])).toEqual(right);
    const detail = (await t.lecteur.request('GET', `/api/sinistres/${a}`)).json();
    expect(detail.piecesManquantes).toHaveLength(right[0]!);

    expect(await reconcile(ctx())).toEqual({ corriges: 0, sinistres: [] });
  });

  it('brings the work queue back in line with the data', async () => {
    const { t, agentId } = await insuredTenant(ctx());
    const a = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-03-01');
    const db = ctx().database.db;
    const file = async () => (await db.select().from(gestionFile).where(eq(gestionFile.sinistreId, a)))[0];
    // Opened behind the writers' back: no row waits until the night.
    await db.update(sinistre).set({ statut: 'ouvert' }).where(eq(sinistre.id, a));
    expect(await file()).toBeUndefined();
    await reconcile(ctx());
    expect(await file()).toMatchObject({ types: ['echeance', 'nouveau_sinistre'], citis: true });
  });
});
