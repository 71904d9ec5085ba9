import { echeancesSinistre, RISQUES_ACCIDENT, type TRisque } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { parisDate } from '../src/lib/clock.js';
import { echeanceCitisSql, echeancePiecesSql } from '../src/modules/echeances/echeances.sql.js';
import { refreshFile } from '../src/modules/gestion/corbeille.repository.js';
import { enRetardCondition } from '../src/modules/sinistres/sinistres.repository.js';
import { ENQUETE } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { declareSinistre, insuredTenant } from './world.js';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** An accident de service of 01/04/2026 with its enquête, under a contract covering every accident kind; today 25/11/2026. */
async function accident(ctx: TestContext) {
  ctx.clock.set('2026-11-25T09:00:00Z');
  const { t, agentId } = await insuredTenant(ctx, ['maladie_ordinaire', ...RISQUES_ACCIDENT]);
  const id = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-04-01');
  const enquete = await t.publicateur.request('PUT', `/api/sinistres/${id}/enquete`, ENQUETE);
  expect(enquete.statusCode, enquete.body).toBe(200);
  return { t, id };
}

/** The pieces and imputability clocks `echeancesSinistre` gives the file as the row describes it. */
function clocksOf(f: { categorie: TRisque; createdAt: Date; delaiPieces: number; manquantes: number; doute: boolean }) {
  const declareLe = parisDate(f.createdAt);
  const es = echeancesSinistre(
    {
      sinistre: { categorie: f.categorie, dateSurvenance: declareLe, declareLe },
      contratFin: null,
      garantie: { delaiDeclarationJours: 90, delaiPiecesJours: f.delaiPieces },
      arrets: [],
      piecesCompletesLe: f.manquantes > 0 ? null : declareLe,
      citis: { instructionComplementaire: f.doute, decideeLe: null },
    },
    declareLe,
  );
  const of = (kind: string) => es.find((e) => e.kind === kind)!.dateEcheance;
  return { pieces: of('pieces'), citis: of('citis_imputabilite') };
}

describeEachDatabase('the SQL of the work queue and of « en retard » reads the clocks of echeancesSinistre', (ctx) => {
  it('an accident whose enquête leaves a doubt: the queue’s deadline is the Échéances block’s, 3 more months', async () => {
    const { t, id } = await accident(ctx());
    const detail = async () => (await t.lecteur.request('GET', `/api/sinistres/${id}`)).json();
    const fileEcheance = async () =>
      rowsOf<{ echeance: string | null }>(
        await ctx().database.db.execute(
          sql`SELECT echeance::text AS echeance FROM gestion_file WHERE sinistre_id = ${id}`,
        ),
      )[0]?.echeance;
    // The queue holds open files only: open it behind the pieces' back, and give the pieces a year
    // (25/11/2027), so that the imputability decision is the queue's earliest deadline.
    await ctx().database.db.execute(sql`UPDATE sinistre SET statut = 'ouvert' WHERE id = ${id}`);
    await ctx().database.db.execute(
      sql`UPDATE garantie SET delai_pieces_jours = 365 WHERE contrat_id = (SELECT contrat_id FROM sinistre WHERE id = ${id})`,
    );
    await refreshFile(ctx().database.db, id);
    const imputabilite = (d: { echeances: { kind: string; dateEcheance: string }[] }) =>
      d.echeances.find((e) => e.kind === 'citis_imputabilite')!.dateEcheance;
    // Declared 25/11/2026: 1 month → 25/12/2026.
    expect(imputabilite(await detail())).toBe('2026-12-25');
    expect(await fileEcheance()).toBe('2026-12-25');
    // The enquête now leaves a doubt (through its writer, so the queue follows): 1 + 3 months → 25/03/2027.
    const doute = await t.publicateur.request('PUT', `/api/sinistres/${id}/enquete`, {
      ...ENQUETE,
      doute: true,
      motifDoute: 'Aucun témoin direct de la chute.',
    });
    expect(doute.statusCode, doute.body).toBe(200);
    expect(imputabilite(await detail())).toBe('2027-03-25');
    expect(await fileEcheance()).toBe('2027-03-25');
  });

  it('property: for generated files, the SQL’s pieces and imputability due days equal the rule’s, and « en retard » its « Dépassée »', async () => {
    const { id } = await accident(ctx());
    const db = ctx().database.db;
    // 2024–2028, to the minute: instants around midnight in Paris, month ends, leap days.
    const instant = fc
      .integer({ min: 0, max: 5 * 366 * 24 * 60 })
      .map((m) => new Date(Date.UTC(2024, 0, 1) + m * 60_000));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          categorie: fc.constantFrom<TRisque>(...RISQUES_ACCIDENT),
          createdAt: instant,
          delaiPieces: fc.integer({ min: 0, max: 365 }),
          manquantes: fc.integer({ min: 0, max: 2 }),
          doute: fc.boolean(),
          ecartJours: fc.integer({ min: -3, max: 500 }),
          heure: fc.integer({ min: 0, max: 24 * 60 - 1 }),
        }),
        async (f) => {
          await db.execute(sql`UPDATE sinistre SET categorie = ${f.categorie}, created_at = ${f.createdAt.toISOString()},
            statut = 'ouvert', pieces_manquantes = ${f.manquantes}, imputabilite = NULL, imputabilite_date = NULL WHERE id = ${id}`);
          await db.execute(sql`UPDATE garantie SET delai_pieces_jours = ${f.delaiPieces}
            WHERE contrat_id = (SELECT contrat_id FROM sinistre WHERE id = ${id})`);
          await db.execute(sql`UPDATE enquete_administrative SET doute = ${f.doute},
            motif_doute = ${f.doute ? 'Doute' : null} WHERE sinistre_id = ${id}`);
          const attendu = clocksOf(f);
          const [lu] = rowsOf<{ pieces: string; citis: string }>(
            await db.execute(sql`SELECT ${echeancePiecesSql(sql`s`, sql`g`)}::text AS pieces, ${echeanceCitisSql(sql`s`)}::text AS citis
              FROM sinistre s JOIN garantie g ON g.contrat_id = s.contrat_id AND g.risque = s.categorie WHERE s.id = ${id}`),
          );
          expect(lu).toEqual(attendu);
          // The queue's deadline: the earliest of the clocks still running.
          await refreshFile(db, id);
          const [file] = rowsOf<{ echeance: string | null }>(
            await db.execute(sql`SELECT echeance::text AS echeance FROM gestion_file WHERE sinistre_id = ${id}`),
          );
          const running = [...(f.manquantes > 0 ? [attendu.pieces] : []), attendu.citis].sort();
          expect(file?.echeance).toBe(running[0]);
          // « En retard » on a generated instant: the pieces clock « Dépassée » on that French day.
          const now = new Date(f.createdAt.getTime() + f.ecartJours * 86_400_000 + f.heure * 60_000);
          const [retard] = rowsOf<{ late: boolean }>(
            await db.execute(sql`SELECT ${enRetardCondition(sql`s`, now)} AS late FROM sinistre s WHERE s.id = ${id}`),
          );
          expect(retard!.late).toBe(f.manquantes > 0 && attendu.pieces < parisDate(now));
        },
      ),
      { numRuns: 60 },
    );
  });
});
