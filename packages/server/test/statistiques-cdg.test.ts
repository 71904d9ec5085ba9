import { randomUUID } from 'node:crypto';
import { calculerIndicateurs, resoudrePeriode, sommerAgregats, strate } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { enqueueJob } from '../src/lib/jobs/queue.js';
import { baseAssurance } from '../src/modules/base-assurance/base-assurance.table.js';
import { STATISTIQUES_MARQUEES_JOB, STATISTIQUES_NUIT_JOB } from '../src/modules/statistiques/statistiques.jobs.js';
import { createStatistiquesRepository, effectifPour } from '../src/modules/statistiques/statistiques.repository.js';
import {
  type AgregatInsert,
  createStatistiquesCdgRepository,
  type StrateSommeRow,
} from '../src/modules/statistiques/statistiques-cdg.repository.js';
import {
  createAssureur,
  createCdg,
  createCollectivite,
  createContrat,
  staffMember,
  tenantWithUsers,
} from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';

type Valeur = { valeur: number | null; texte: string | null; masque?: string };
type Ligne = {
  collectivite: { id: string; nom: string };
  agentsCnracl: number;
  strate: string;
  rang: number | null;
  sur: number;
  taux: Valeur;
  frequence: Valeur;
  gravite: Valeur;
  exposition: Valeur;
  joursParAgent: Valeur;
  rapport: number | null;
  arretsLongs: number;
  citisOuverts: number;
};

const PLATEFORME = { kind: 'plateforme', userId: randomUUID(), collectiviteId: null } as const;

/**
 * A collectivité of `agents` CNRACL agents on the staff since 2015 and one sinistre per arrêt given
 * (`[début, fin, catégorie]`), inserted in SQL as the writers leave them.
 */
async function collectivite(
  ctx: TestContext,
  cdgId: string,
  agents: number,
  arrets: [string, string, string][],
  statut: 'ouvert' | 'clos' = 'clos',
) {
  const db = ctx.database.db;
  const c = await createCollectivite(db, cdgId);
  const k = await createContrat(db, { cdgId, collectiviteIds: [c.id], risques: ['maladie_ordinaire'] });
  const ids: string[] = [];
  for (let i = 0; i < agents; i++) {
    const id = randomUUID();
    ids.push(id);
    const nir = `1${String(80 + (i % 20)).padStart(2, '0')}0575${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    await db.execute(sql`
      INSERT INTO agent (id, collectivite_id, nir, nom, prenom, regime, statut, date_entree)
      VALUES (${id}, ${c.id}, ${nir}, ${`NOM${i}`}, 'Prénom', 'CNRACL', 'titulaire', '2015-01-01')`);
  }
  for (const [n, [debut, fin, categorie]] of arrets.entries())
    await arret(ctx, c.id, k.id, ids[n % agents]!, debut, fin, categorie, statut);
  return { ...c, contratId: k.id, agentIds: ids };
}

async function arret(
  ctx: TestContext,
  collectiviteId: string,
  contratId: string,
  agentId: string,
  debut: string,
  fin: string,
  categorie: string,
  statut: 'ouvert' | 'clos' = 'clos',
) {
  const db = ctx.database.db;
  const sinistreId = randomUUID();
  await db.execute(sql`
    INSERT INTO sinistre (id, collectivite_id, agent_id, contrat_id, categorie, date_survenance, tiers_implique,
      statut, hors_delai, pieces_manquantes, created_at)
    VALUES (${sinistreId}, ${collectiviteId}, ${agentId}, ${contratId}, ${categorie}, ${debut}, false,
      ${statut}, false, 0, now())`);
  await db.execute(sql`
    INSERT INTO arret (sinistre_id, collectivite_id, agent_id, type, debut, fin, tbi, created_at)
    VALUES (${sinistreId}, ${collectiviteId}, ${agentId}, 'initial', ${debut}, ${fin}, 245612, now())`);
}

async function cdgDe(ctx: TestContext, collectiviteId: string): Promise<string> {
  const r = (await ctx.database.db.execute(
    sql`SELECT cdg_id FROM collectivite WHERE id = ${collectiviteId}`,
  )) as unknown as {
    rows: { cdg_id: string }[];
  };
  return r.rows[0]!.cdg_id;
}

async function run(ctx: TestContext, kind: string) {
  await enqueueJob(ctx.database.db, kind, {}, ctx.clock.now());
  await ctx.jobs.drain();
}

/**
 * A CDG with A (10 agents, 5 arrêts of 10 days in 2026, one arrêt of 2025 and one CITIS still open running
 * since 01/06/2026) and B (3 agents, one arrêt): B's figures are hidden from the CDG.
 */
async function monde(ctx: TestContext) {
  const db = ctx.database.db;
  const cdgId = (await createCdg(db)).id;
  const a = await collectivite(ctx, cdgId, 10, [
    ['2026-01-05', '2026-01-14', 'maladie_ordinaire'],
    ['2026-02-02', '2026-02-11', 'maladie_ordinaire'],
    ['2026-03-02', '2026-03-11', 'maladie_ordinaire'],
    ['2026-04-06', '2026-04-15', 'maladie_ordinaire'],
    ['2026-05-04', '2026-05-13', 'maladie_ordinaire'],
    ['2025-12-22', '2025-12-31', 'maladie_ordinaire'],
  ]);
  await arret(ctx, a.id, a.contratId, a.agentIds[9]!, '2026-06-01', '2026-12-31', 'accident_service', 'ouvert');
  // Bases of 2025 (12 agents) and 2026 (10 agents, the staff): over both years the headcount is their
  // average weighted by days, a fractional number of agent-days.
  for (const [annee, type, effectif] of [
    [2025, 'reelle', 12],
    [2026, 'previsionnelle', 10],
  ] as const)
    await db.insert(baseAssurance).values({
      collectiviteId: a.id,
      contratId: a.contratId,
      annee,
      type,
      effectif,
      tbi: 100_000,
      tauxCotisation: 6500,
      assiette: 100_000,
      cotisation: 6_500,
      createdAt: ctx.clock.now(),
    });
  const b = await collectivite(ctx, cdgId, 3, [['2026-03-02', '2026-03-06', 'maladie_ordinaire']]);
  const { client: g } = await staffMember(ctx, { cdgId });
  return { cdgId, a, b, g };
}

/** A stratum's sums as values: numbers as numbers, times as ISO strings (a jsonb row and a SQL row alike). */
function valeurs(rows: StrateSommeRow[]) {
  const v = (x: unknown): unknown =>
    x instanceof Date || (typeof x === 'string' && /^\d{4}-\d\d-\d\d[T ]\d/.test(x))
      ? new Date(x as string).toISOString()
      : typeof x === 'string' && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/.test(x)
        ? Number(x)
        : x;
  return [...rows]
    .sort((a, b) => a.strate.localeCompare(b.strate))
    .map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => !['k', 'annee_debut', 'annee_fin'].includes(k))
          .map(([k, x]) => [k, v(x)]),
      ),
    );
}

/** Every span of the CDG: its precomputed row is the live sum of its collectivités' rows. */
async function cdgEgalSomme(ctx: TestContext, cdgId: string) {
  const repo = createStatistiquesCdgRepository();
  const db = ctx.database.db;
  const scope = {
    kind: 'staff',
    userId: randomUUID(),
    organisation: { kind: 'cdg', id: cdgId, nom: '' },
    collectiviteId: null,
  } as const;
  let spans = 0;
  for (let debut = 2022; debut <= 2026; debut++)
    for (let fin = debut; fin <= 2026; fin++)
      for (const maternite of ['exclue', 'incluse'] as const) {
        const span = { debut, fin, maternite };
        const live = await repo.sommes(db, scope, span);
        expect(live.length).toBeGreaterThan(0);
        expect(valeurs(await repo.sommesCdg(db, cdgId, span))).toEqual(valeurs(live));
        spans++;
      }
  expect(spans).toBe(30);
}

describeEachDatabase('statistiques du centre de gestion', (ctx) => {
  it('precomputes each collectivité as its own live computation, sums the CDG and hides small numbers', async () => {
    const { a, b, g, cdgId } = await monde(ctx());
    await run(ctx(), STATISTIQUES_NUIT_JOB);
    const r = await g.request('GET', '/api/gestion/statistiques?annee=2026&tri=collectivite&ordre=asc');
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json();
    // The clock stands at 25/11/2026 10:00 in Paris: the running year stops there (329 days).
    expect(page.periode).toMatchObject({ debut: '2026-01-01', fin: '2026-11-25', jours: 329 });
    expect(page.calculeLe).toBe('2026-11-25T09:00:00.000Z');
    expect(page.annees).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(page.collectivites).toBe(2);

    // A, by hand: 5 × 10 days + 01/06 → 25/11 (178 days) = 228 days over 10 agents × 329 days.
    const ligneA = page.items.find((l: Ligne) => l.collectivite.id === a.id) as Ligne;
    expect(ligneA.taux.valeur).toBeCloseTo((228 * 100) / 3290, 10);
    expect(ligneA.frequence.valeur).toBeCloseTo(60, 10); // 6 arrêts × 100 / 10 agents
    expect(ligneA.gravite.valeur).toBeCloseTo(38, 10); // 228 / 6
    expect(ligneA).toMatchObject({ agentsCnracl: 10, strate: '10 à 29 agents CNRACL', rang: 1, sur: 1 });
    expect(ligneA.arretsLongs).toBe(1); // 178 days running on 25/11
    expect(ligneA.citisOuverts).toBe(1);

    // The same figures as the collectivité's own live computation (loader + calculerIndicateurs).
    const periode = resoudrePeriode({ type: 'annee', annee: 2026 }, '2026-11-25');
    if ('message' in periode) throw new Error(periode.message);
    const entrees = (
      await createStatistiquesRepository().entrees(ctx().database.db, PLATEFORME, [a.id], {
        debut: '2022-01-01',
        fin: '2026-11-25',
        auJour: '2026-11-25',
      })
    ).get(a.id)!;
    const live = calculerIndicateurs({ periode, effectif: effectifPour(entrees, periode), arrets: entrees.arrets });
    const v = (code: string) => live.indicateurs.find((i) => i.code === code)!.valeurTexte;
    expect([ligneA.taux.texte, ligneA.frequence.texte, ligneA.gravite.texte, ligneA.exposition.texte]).toEqual([
      v('taux'),
      v('frequence'),
      v('gravite'),
      v('exposition'),
    ]);
    expect(ligneA.joursParAgent.texte).toBe(v('joursParAgent'));

    // B: 3 agents and one arrêt, hidden with the reason; no rank.
    const ligneB = page.items.find((l: Ligne) => l.collectivite.id === b.id) as Ligne;
    expect(ligneB.taux).toEqual({
      valeur: null,
      texte: null,
      masque: expect.stringMatching(/^Donnée masquée : calculée sur 3 agents et 1 arrêt, moins de 5/),
    });
    expect(ligneB.rang).toBeNull();

    // The CDG: A + B, (228 + 5) days over 13 agents × 329 days.
    const taux = page.indicateurs.find((i: { code: string }) => i.code === 'taux');
    expect(taux.valeur).toBeCloseTo((233 * 100) / (13 * 329), 10);
    expect(taux.reference).toMatch(/^Référence nationale : 9,8/);
    expect(page.groupes.find((x: { groupe: string }) => x.groupe === 'citis')).toMatchObject({ jours: 178, arrets: 1 });
    // Only one collectivité per stratum: each stratum alone is under the threshold for B, A passes.
    expect(page.strates.find((s: { cle: string }) => s.cle === '1-9').taux).toBeNull();

    // Over 2025-2026: the arrêt of December 2025 counts.
    const deux = (await g.request('GET', '/api/gestion/statistiques?depuis=2025&annee=2026')).json();
    const a2 = deux.items.find((l: Ligne) => l.collectivite.id === a.id) as Ligne;
    const deuxAns = resoudrePeriode({ type: 'personnalisee', debut: '2025-01-01', fin: '2026-12-31' }, '2026-11-25');
    if ('message' in deuxAns) throw new Error(deuxAns.message);
    const effectif2 = effectifPour(entrees, deuxAns);
    // (365 × 12 + 329 × 10) / 694 = 11,05 agents (rounded as the loader does).
    expect(effectif2).toMatchObject({ type: 'nombre', agents: 11.05 });
    const live2 = calculerIndicateurs({ periode: deuxAns, effectif: effectif2, arrets: entrees.arrets });
    expect(a2.frequence.valeur).toBeCloseTo((7 * 100) / 11.05, 10);
    expect(a2.taux.texte).toBe(live2.indicateurs.find((i) => i.code === 'taux')!.valeurTexte);
    expect(a2.rapport).toBe(0); // premiums of both years, no décompte
    const hors = await g.request('GET', '/api/gestion/statistiques?annee=2021');
    expect(hors.statusCode).toBe(422);
    expect(hors.json().detail).toBe('Les statistiques du centre de gestion couvrent les années 2022 à 2026.');

    // The XLSX export of the list.
    const x = await g.request('GET', '/api/gestion/statistiques/export?annee=2026&format=xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    void cdgId;
  });

  it('the job refreshes the collectivités whose arrêts changed, and only them', async () => {
    const { a, b, g } = await monde(ctx());
    await run(ctx(), STATISTIQUES_NUIT_JOB);
    const db = ctx().database.db;
    const marques = async () =>
      (
        (await db.execute(sql`SELECT collectivite_id FROM statistiques_a_recalculer`)) as unknown as {
          rows: { collectivite_id: string }[];
        }
      ).rows.map((r) => r.collectivite_id);
    expect(await marques()).not.toContain(a.id);

    ctx().clock.advance(10 * 60 * 1000);
    await arret(ctx(), a.id, a.contratId, a.agentIds[0]!, '2026-07-06', '2026-07-15', 'maladie_ordinaire');
    expect(await marques()).toContain(a.id);
    await run(ctx(), STATISTIQUES_MARQUEES_JOB);
    expect(await marques()).toEqual([]);

    const res = await g.request('GET', '/api/gestion/statistiques?annee=2026');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    const ligneA = page.items.find((l: Ligne) => l.collectivite.id === a.id) as Ligne;
    expect(ligneA.taux.valeur).toBeCloseTo((238 * 100) / 3290, 10);
    // B was not recomputed: its row keeps its time; the page shows the oldest.
    const calcule = (await db.execute(
      sql`SELECT collectivite_id, calcule_le FROM statistiques_agregat WHERE annee_debut = 2026 AND annee_fin = 2026`,
    )) as unknown as { rows: { collectivite_id: string; calcule_le: string | Date }[] };
    const quand = new Map(calcule.rows.map((r) => [r.collectivite_id, new Date(r.calcule_le).toISOString()]));
    expect(quand.get(a.id)).toBe('2026-11-25T09:10:00.000Z');
    expect(quand.get(b.id)).toBe('2026-11-25T09:00:00.000Z');
    expect(page.calculeLe).toBe('2026-11-25T09:00:00.000Z');

    // A new collectivité without any input (no trigger marks it) is computed by the next run all the same.
    const nouvelle = await createCollectivite(db, await cdgDe(ctx(), a.id));
    await run(ctx(), STATISTIQUES_MARQUEES_JOB);
    const apres = (await g.request('GET', '/api/gestion/statistiques?annee=2026')).json();
    expect(apres.collectivites).toBe(3);
    expect(apres.items.map((l: Ligne) => l.collectivite.id)).toContain(nouvelle.id);
    await cdgEgalSomme(ctx(), await cdgDe(ctx(), a.id));
  });

  it('the CDG’s precomputed row is the sum of its collectivités’ rows, after the nightly and the marked refresh', async () => {
    const { a, cdgId } = await monde(ctx());
    // Another CDG's collectivité: never in this CDG's row.
    const autre = await createCollectivite(ctx().database.db);
    await arret(ctx(), autre.id, a.contratId, a.agentIds[0]!, '2026-03-02', '2026-03-20', 'maladie_ordinaire');
    await run(ctx(), STATISTIQUES_NUIT_JOB);
    await cdgEgalSomme(ctx(), cdgId);
    // A maternity leave (excluded: `exclus`) and a CITIS in 2025, then the marked refresh.
    ctx().clock.advance(10 * 60 * 1000);
    await arret(ctx(), a.id, a.contratId, a.agentIds[1]!, '2025-03-02', '2025-06-30', 'maternite');
    await arret(ctx(), a.id, a.contratId, a.agentIds[2]!, '2025-09-01', '2025-09-30', 'accident_service');
    await run(ctx(), STATISTIQUES_MARQUEES_JOB);
    await cdgEgalSomme(ctx(), cdgId);
    const [row] = (
      (await ctx().database.db.execute(
        sql`SELECT strates FROM statistiques_agregat_cdg WHERE cdg_id = ${cdgId} AND annee_debut = 2025 AND annee_fin = 2025`,
      )) as unknown as { rows: { strates: { exclus: Record<string, number> | null; collectivites: number }[] }[] }
    ).rows;
    expect(row!.strates.map((x) => x.exclus)).toEqual([{ maternite: 1 }, { maternite: 1 }]);
    expect(row!.strates.reduce((n, x) => n + Number(x.collectivites), 0)).toBe(2);
  });

  it('another CDG sees none of it; an insurer and an employer are refused', async () => {
    const { g } = await monde(ctx());
    await run(ctx(), STATISTIQUES_NUIT_JOB);
    expect((await g.request('GET', '/api/gestion/statistiques')).json().collectivites).toBe(2);
    const { client: other } = await staffMember(ctx(), { cdgId: (await createCollectivite(ctx().database.db)).cdgId! });
    const none = (await other.request('GET', '/api/gestion/statistiques?annee=2026')).json();
    expect(none).toMatchObject({ collectivites: 0, items: [], suivant: null, calculeLe: null });
    const { client: insurer } = await staffMember(ctx(), { assureurId: (await createAssureur(ctx().database.db)).id });
    expect((await insurer.request('GET', '/api/gestion/statistiques')).statusCode).toBe(403);
    const t = await tenantWithUsers(ctx());
    expect((await t.admin.request('GET', '/api/gestion/statistiques')).statusCode).toBe(403);
    expect((await t.admin.request('GET', '/api/gestion/statistiques/export')).statusCode).toBe(403);
  });

  it('pages by keyset (20), each collectivité once, sorted by taux with the hidden ones last', async () => {
    const db = ctx().database.db;
    const cdgId = (await createCdg(db)).id;
    // 23 collectivités of 6 agents: n arrêts of 10 days (n = 0…22); those under 5 arrêts are hidden.
    for (let n = 0; n < 23; n++)
      await collectivite(
        ctx(),
        cdgId,
        6,
        Array.from({ length: n % 12 }, (_, i) => [
          `2026-${String(1 + (i % 10)).padStart(2, '0')}-01`,
          `2026-${String(1 + (i % 10)).padStart(2, '0')}-10`,
          'maladie_ordinaire',
        ]),
      );
    await run(ctx(), STATISTIQUES_NUIT_JOB);
    const { client: g } = await staffMember(ctx(), { cdgId });
    const seen: Ligne[] = [];
    let apres: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/gestion/statistiques?annee=2026&tri=taux&ordre=desc${apres ? `&apres=${apres}` : ''}`;
      const body = (await g.request('GET', url)).json();
      expect(body.items.length).toBeLessThanOrEqual(20);
      seen.push(...body.items);
      apres = body.suivant;
      pages++;
    } while (apres);
    expect(pages).toBe(2);
    expect(new Set(seen.map((l) => l.collectivite.id)).size).toBe(23);
    const taux = seen.map((l) => l.taux.valeur);
    const visibles = taux.filter((t) => t !== null) as number[];
    expect(visibles).toEqual([...visibles].sort((x, y) => y - x));
    // Hidden lines (fewer than 5 arrêts) come after every shown one.
    expect(taux.slice(visibles.length).every((t) => t === null)).toBe(true);
    // Ranks within the stratum (1–9 agents): 1 for the lowest taux shown.
    const rangs = seen.filter((l) => l.rang !== null).map((l) => l.rang);
    expect(Math.min(...(rangs as number[]))).toBe(1);
  });
  it('stores the rank in the stratum with the aggregates: equal taux share it, hidden ones take none, a change moves it once the job has run', async () => {
    const db = ctx().database.db;
    const cdgId = (await createCdg(db)).id;
    const dix = (mois: number[]) =>
      mois.map((m): [string, string, string] => [
        `2026-${String(m).padStart(2, '0')}-01`,
        `2026-${String(m).padStart(2, '0')}-10`,
        'maladie_ordinaire',
      ]);
    // 6 agents each (stratum « moins de 10 »), 6 × 329 = 1 974 agent-days in 2026 (as of 25/11):
    // X and Y 5 arrêts of 10 days (50 days, 2,53 %), Z 6 arrêts (60 days, 3,04 %), H 1 arrêt (hidden).
    const x = await collectivite(ctx(), cdgId, 6, dix([1, 2, 3, 4, 5]));
    const y = await collectivite(ctx(), cdgId, 6, dix([1, 2, 3, 4, 5]));
    const z = await collectivite(ctx(), cdgId, 6, dix([1, 2, 3, 4, 5, 6]));
    const h = await collectivite(ctx(), cdgId, 6, dix([1]));
    await run(ctx(), STATISTIQUES_NUIT_JOB);
    const stockes = async () =>
      new Map(
        (
          (await db.execute(
            sql`SELECT collectivite_id, rang, sur FROM statistiques_agregat
                WHERE cdg_id = ${cdgId} AND annee_debut = 2026 AND annee_fin = 2026 AND maternite = 'exclue'`,
          )) as unknown as { rows: { collectivite_id: string; rang: number | null; sur: number }[] }
        ).rows.map((r) => [r.collectivite_id, [r.rang, r.sur]]),
      );
    expect(await stockes()).toEqual(
      new Map([
        [x.id, [1, 3]],
        [y.id, [1, 3]],
        [z.id, [3, 3]],
        [h.id, [null, 3]],
      ]),
    );
    const { client: g } = await staffMember(ctx(), { cdgId });
    const lignes = async () => {
      const page = (await g.request('GET', '/api/gestion/statistiques?annee=2026&tri=collectivite&ordre=asc')).json();
      return {
        calculeLe: page.calculeLe,
        rangs: new Map(page.items.map((l: Ligne) => [l.collectivite.id, [l.rang, l.sur]])),
      };
    };
    const avant = await lignes();
    expect(avant.rangs).toEqual(await stockes());

    // Two arrêts more for X (70 days, 3,55 %): until the job runs, the page shows the ranks of the
    // figures it dates; after, X is last and Z second, and the date shown is still the oldest row's.
    // (The clock moves on after: the refresh, due every 5 minutes, could otherwise run in the background.)
    await arret(ctx(), x.id, x.contratId, x.agentIds[0]!, '2026-07-01', '2026-07-10', 'maladie_ordinaire');
    await arret(ctx(), x.id, x.contratId, x.agentIds[1]!, '2026-08-03', '2026-08-12', 'maladie_ordinaire');
    expect(await lignes()).toEqual(avant);
    ctx().clock.advance(10 * 60 * 1000);
    await run(ctx(), STATISTIQUES_MARQUEES_JOB);
    expect(await lignes()).toEqual({
      calculeLe: avant.calculeLe,
      rangs: new Map([
        [x.id, [3, 3]],
        [y.id, [1, 3]],
        [z.id, [2, 3]],
        [h.id, [null, 3]],
      ]),
    });
  });

  it('the nightly refresh of a CDG of more than one chunk ranks and sums it all once its last chunk is written', async () => {
    const db = ctx().database.db;
    const cdgId = (await createCdg(db)).id;
    // 49 collectivités without agents and two of 6 agents: 51, two chunks of the refresh (50 + 1).
    for (let i = 0; i < 49; i++) await createCollectivite(db, cdgId);
    const dix = (n: number) =>
      Array.from({ length: n }, (_, i): [string, string, string] => [
        `2026-0${i + 1}-01`,
        `2026-0${i + 1}-10`,
        'maladie_ordinaire',
      ]);
    const x = await collectivite(ctx(), cdgId, 6, dix(5));
    const y = await collectivite(ctx(), cdgId, 6, dix(6));
    const rangs = async () => {
      const r = (await db.execute(
        sql`SELECT collectivite_id, rang, sur FROM statistiques_agregat
            WHERE cdg_id = ${cdgId} AND annee_debut = 2026 AND annee_fin = 2026 AND maternite = 'exclue'`,
      )) as unknown as { rows: { collectivite_id: string; rang: number | null; sur: number }[] };
      const m = new Map(r.rows.map((l) => [l.collectivite_id, [l.rang, l.sur]]));
      return { x: m.get(x.id), y: m.get(y.id), autres: r.rows.filter((l) => l.rang !== null).length, lignes: m.size };
    };
    await run(ctx(), STATISTIQUES_NUIT_JOB);
    // X 50 days, Y 60 days over 6 × 329 agent-days: X first, Y second; the 49 others hidden (no agent).
    expect(await rangs()).toEqual({ x: [1, 2], y: [2, 2], autres: 2, lignes: 51 });
    // Two arrêts more for X (70 days): after the next night, Y first.
    await arret(ctx(), x.id, x.contratId, x.agentIds[0]!, '2026-07-01', '2026-07-10', 'maladie_ordinaire');
    await arret(ctx(), x.id, x.contratId, x.agentIds[1]!, '2026-08-03', '2026-08-12', 'maladie_ordinaire');
    await run(ctx(), STATISTIQUES_NUIT_JOB);
    expect(await rangs()).toEqual({ x: [2, 2], y: [1, 2], autres: 2, lignes: 51 });
    await cdgEgalSomme(ctx(), cdgId);
  });

  it('property: the stored rank is 1 + the shown peers of the stratum with a lower taux, hidden ones unranked', async () => {
    const db = ctx().database.db;
    const repo = createStatistiquesCdgRepository();
    const cdgId = (await createCdg(db)).id;
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await createCollectivite(db, cdgId)).id);
    const vide = sommerAgregats([], 365, '');
    const rien = { valeur: null, texte: null };
    const ligne = {
      ...{ agentsCnracl: 0, strate: '', effectifMoyen: 0, rapport: null, arretsLongs: 0, citisOuverts: 0 },
      ...{ taux: rien, frequence: rien, gravite: rien, exposition: rien, joursParAgent: rien },
    };
    const figure = fc.record({
      agents: fc.constantFrom(3, 6, 12),
      jours: fc.integer({ min: 0, max: 400 }),
      arrets: fc.integer({ min: 0, max: 12 }),
    });
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(figure, { minLength: 8, maxLength: 8 }), async (figures) => {
        runs++;
        const rows: AgregatInsert[] = figures.map((f, i) => ({
          anneeDebut: 2025,
          anneeFin: 2025,
          maternite: 'exclue',
          collectiviteId: ids[i]!,
          cdgId,
          joursPeriode: 365,
          joursAgents: f.agents * 365,
          jours: f.jours,
          arrets: f.arrets,
          agentsCnracl: f.agents,
          strate: strate(f.agents).cle,
          primes: 0,
          sinistres: 0,
          arretsLongs: 0,
          citisOuverts: 0,
          agregat: vide,
          ligne,
          calculeLe: ctx().clock.now(),
        }));
        await repo.ecrire(db, ids, rows);
        const r = (await db.execute(
          sql`SELECT collectivite_id, rang, sur FROM statistiques_agregat WHERE cdg_id = ${cdgId}`,
        )) as unknown as { rows: { collectivite_id: string; rang: number | null; sur: number }[] };
        // Shown: 5 agents and 5 arrêts at least (the secret's threshold).
        const classe = (f: (typeof figures)[number]) => f.agents >= 5 && f.arrets >= 5;
        const attendu = figures.map((f) => {
          const pairs = figures.filter((m) => strate(m.agents).cle === strate(f.agents).cle && classe(m));
          // Taux compared exactly: a/b < c/d as a × d < c × b.
          const rang = classe(f) ? pairs.filter((m) => m.jours * f.agents < f.jours * m.agents).length + 1 : null;
          return [rang, pairs.length];
        });
        const stocke = new Map(r.rows.map((x) => [x.collectivite_id, [x.rang, x.sur]]));
        expect(ids.map((id) => stocke.get(id))).toEqual(attendu);
      }),
      { numRuns: 12 },
    );
    expect(runs).toBe(12);
  });

  it('includes maternity on demand, in the list, the CDG’s figures and the export', async () => {
    const db = ctx().database.db;
    const cdgId = (await createCdg(db)).id;
    // 6 agents, 5 arrêts of 10 days and a maternity leave of 30 days (01/06 → 30/06/2026).
    const m = await collectivite(ctx(), cdgId, 6, [
      ['2026-01-05', '2026-01-14', 'maladie_ordinaire'],
      ['2026-02-02', '2026-02-11', 'maladie_ordinaire'],
      ['2026-03-02', '2026-03-11', 'maladie_ordinaire'],
      ['2026-04-06', '2026-04-15', 'maladie_ordinaire'],
      ['2026-05-04', '2026-05-13', 'maladie_ordinaire'],
      ['2026-06-01', '2026-06-30', 'maternite'],
    ]);
    await run(ctx(), STATISTIQUES_NUIT_JOB);
    const { client: g } = await staffMember(ctx(), { cdgId });
    const lire = async (q: string) => {
      const r = await g.request('GET', `/api/gestion/statistiques?annee=2026${q}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const exclue = await lire('');
    const incluse = await lire('&maternite=incluse');
    expect([exclue.maternite, incluse.maternite]).toEqual(['exclue', 'incluse']);
    const ligne = (p: { items: Ligne[] }) => p.items.find((l) => l.collectivite.id === m.id)!;
    // Excluded: 50 days over 6 × 329 agent-days; included: 80 days, 6 arrêts for 6 agents (100).
    expect(ligne(exclue).taux.valeur).toBeCloseTo((50 * 100) / 1974, 10);
    expect(ligne(incluse).taux.valeur).toBeCloseTo((80 * 100) / 1974, 10);
    expect(ligne(exclue).frequence.valeur).toBeCloseTo((5 * 100) / 6, 10);
    expect(ligne(incluse).frequence.valeur).toBeCloseTo(100, 10);
    const taux = (p: { indicateurs: { code: string; valeur: number | null; reference: string | null }[] }) =>
      p.indicateurs.find((i) => i.code === 'taux')!;
    expect(taux(incluse).valeur).toBeCloseTo((80 * 100) / 1974, 10);
    expect(taux(exclue).reference).toMatch(/hors maternité/);
    expect(taux(incluse).reference).not.toMatch(/hors maternité/);
    const groupe = (p: { groupes: { groupe: string; jours: number; arrets: number }[] }) =>
      p.groupes.find((x) => x.groupe === 'maternite');
    expect(groupe(exclue)).toBeUndefined();
    expect(groupe(incluse)).toMatchObject({ jours: 30, arrets: 1 });

    const faux = await g.request('GET', '/api/gestion/statistiques?maternite=oui');
    expect(faux.statusCode).toBe(422);
    expect(faux.body).toContain('Maternité : « exclue » ou « incluse ».');
    const csv = await g.request('GET', '/api/gestion/statistiques/export?annee=2026&maternite=incluse&format=csv');
    expect(csv.statusCode).toBe(200);
    // 80 × 100 / 1 974 = 4,05 %, as the page with maternity included.
    expect(csv.body).toContain(';4,05;');
  });
});
