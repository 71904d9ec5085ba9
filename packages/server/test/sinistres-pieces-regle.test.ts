import { exigencesPieces, libellesManquants, PIECE_ETAPES, type PieceDeposee, type TRisque } from '@statutis/domain';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { contrat } from '../src/modules/contrats/contrats.table.js';
import { createPiecesRepository } from '../src/modules/pieces/pieces.repository.js';
import { toRegle } from '../src/modules/pieces/pieces.service.js';
import { piece, pieceModele } from '../src/modules/pieces/pieces.table.js';
import { createSinistreChanged } from '../src/modules/sinistres/sinistre-changed.js';
import { createSinistresRepository } from '../src/modules/sinistres/sinistres.repository.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { declareSinistre, insuredTenant } from './world.js';

const REGIMES = [null, 'CNRACL', 'IRCANTEC'] as const;
const STATUTS = ['deposee', 'validee', 'refusee', 'remplacee'] as const;

/** What the domain says the sinistre misses, read from the same rows the SQL reads. */
async function domainCount(ctx: TestContext, sinistreId: string) {
  const db = ctx.database.db;
  const [s] = await db
    .select({ categorie: sinistre.categorie, regime: contrat.regime })
    .from(sinistre)
    .innerJoin(contrat, eq(contrat.id, sinistre.contratId))
    .where(eq(sinistre.id, sinistreId));
  const catalogue = await db.select().from(pieceModele);
  const arrets = await db.select().from(arret).where(eq(arret.sinistreId, sinistreId));
  const pieces = await db.select().from(piece).where(eq(piece.sinistreId, sinistreId));
  const list = exigencesPieces(
    catalogue.map(toRegle),
    { categorie: s!.categorie as TRisque, regime: s!.regime, arrets },
    pieces.map((p) => ({ code: p.code, arretId: p.arretId, statut: p.statut as PieceDeposee['statut'] })),
  );
  return libellesManquants(list).length;
}

describeEachDatabase('the missing-pieces rule, domain and SQL', (ctx) => {
  it('gives the same count over every étape, regime of the contract, arrêt, reprise and piece status', async () => {
    const { t, agentId, contrat: c } = await insuredTenant(ctx());
    const db = ctx().database.db;
    // One mandatory type per étape and regime (and a few the rule must ignore), in the category.
    let ordre = 1000;
    for (const etape of PIECE_ETAPES)
      for (const regime of REGIMES)
        await db.insert(pieceModele).values({
          categorie: 'maladie_ordinaire',
          regime,
          code: `t_${etape}_${regime ?? 'tous'}`,
          libelle: `Pièce ${etape} ${regime ?? 'tous régimes'}`,
          etape,
          obligatoire: true,
          medicale: false,
          ordre: ordre++,
        });
    for (const [code, obligatoire, actif] of [
      ['t_facultative', false, true],
      ['t_inactive', true, false],
    ] as const)
      await db.insert(pieceModele).values({
        categorie: 'maladie_ordinaire',
        code,
        libelle: code,
        etape: 'declaration',
        obligatoire,
        actif,
        medicale: false,
        ordre: ordre++,
      });
    const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-01');
    const [s] = await db.select().from(sinistre).where(eq(sinistre.id, sinistreId));
    const repo = createPiecesRepository();
    const changed = createSinistreChanged({ db, sinistres: createSinistresRepository(), pieces: repo });

    const arretIds: string[] = [];
    const addArret = async (debut: string, fin: string, reprise: string | null) => {
      const [row] = await db
        .insert(arret)
        .values({
          sinistreId,
          collectiviteId: s!.collectiviteId,
          agentId,
          type: arretIds.length === 0 ? 'initial' : 'prolongation',
          debut,
          fin,
          reprise,
          createdAt: new Date(),
        })
        .returning({ id: arret.id });
      arretIds.push(row!.id);
    };
    let n = 0;
    const deposit = async (code: string, arretId: string | null, statut: (typeof STATUTS)[number]) =>
      db.insert(piece).values({
        collectiviteId: s!.collectiviteId,
        sinistreId,
        arretId,
        code,
        libelle: code,
        statut,
        medicale: false,
        nom: 'p.pdf',
        mime: 'application/pdf',
        storageKey: `test/${sinistreId}/${n++}`,
        sha256: '0'.repeat(64),
        taille: 1,
        createdAt: new Date(),
      });

    const seen: number[] = [];
    const compare = async (step: string) => {
      for (const regime of ['CNRACL', 'IRCANTEC'] as const) {
        await db.update(contrat).set({ regime }).where(eq(contrat.id, c.id));
        const expected = await domainCount(ctx(), sinistreId);
        expect((await repo.missingCounts(db, [sinistreId])).get(sinistreId), `${step}, ${regime}`).toBe(expected);
        // The stored count follows through the one path.
        await db.transaction((tx) => changed.sinistreChanged(tx, sinistreId));
        const [stored] = await db
          .select({ n: sinistre.piecesManquantes })
          .from(sinistre)
          .where(eq(sinistre.id, sinistreId));
        expect(stored!.n, `${step}, ${regime} (stored)`).toBe(expected);
        seen.push(expected);
      }
    };

    await compare('no arrêt');
    await addArret('2026-03-01', '2026-03-07', null);
    await compare('one arrêt');
    await addArret('2026-03-08', '2026-03-20', '2026-03-15');
    await compare('two arrêts, a reprise');
    // A piece of each status for each étape's types, on the first arrêt for the « arrêt » ones.
    let i = 0;
    for (const etape of PIECE_ETAPES)
      for (const regime of REGIMES) {
        const statut = STATUTS[i++ % STATUTS.length]!;
        await deposit(`t_${etape}_${regime ?? 'tous'}`, etape === 'arret' ? arretIds[0]! : null, statut);
      }
    await compare('pieces of every status');
    // A piece given to the wrong level (an arrêt piece without its arrêt) does not count.
    await deposit('t_arret_tous', null, 'validee');
    await deposit('t_declaration_tous', arretIds[1]!, 'validee');
    await compare('pieces at the wrong level');
    // The reprise gone: its pieces are no longer asked for.
    await db.execute(sql`UPDATE arret SET reprise = NULL WHERE sinistre_id = ${sinistreId}`);
    await compare('no reprise any more');
    // The cases are not all the same number: the comparison saw the rule at work.
    expect(new Set(seen).size).toBeGreaterThan(3);
  });
});
