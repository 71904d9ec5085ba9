/**
 * Benchmark `cotisations`: the contribution calls of a year for a whole CDG of 1 000 collectivités
 * (issue 11), through the endpoints the CDG's control screen uses — POST
 * /api/gestion/cotisations/generation (every missing draft, from the bases prévisionnelles), then
 * POST …/controles and POST …/emissions in batches of 100 (the most one request takes, as the page
 * sends its selection); each call in its own transaction with its audit, and at émission the mail to
 * the collectivité's Administrateurs queued in the outbox (sent after commit by the queue, not
 * timed here) — on PostgreSQL (3 samples), then on PGlite (the measured CDG alone, 2 samples).
 *
 * Data set: the CDGs of `lib/cdg.ts` (2 × 1 000 collectivités, 20 agents each, shared with
 * `corbeille`, `decomptes` and `sinistralite`), each collectivité's base prévisionnelle 2026 on its
 * CDG's contract, one Administrateur per collectivité, the measured CDG's fee (45 € per CNRACL agent).
 *
 * Floor, in the same run, on the same database: the same inputs read in one statement, the same
 * domain rule (`calculerAppel`) on each, and raw multi-row INSERTs of the calls, lines and
 * échéances, then one UPDATE to « émis » — what the real path writes, without the per-call
 * transactions, audit, mails and re-reads. Its count and total must equal the real path's. Calls,
 * audit and mails are deleted between samples, so that each starts from the same state. No goal.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { calculerAppel } from '../packages/domain/src/index.js';
import type { Database } from '../packages/server/src/db/client.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { SESSION_COOKIE } from './lib/app.js';
import { captureQueries, type Queryable } from './lib/capture.js';
import { type CdgSizes, cdgId, demarrerCdg, seedCdgs, seedGestionnaire } from './lib/cdg.js';
import { onPostgresThenPglite } from './lib/postgres.js';
import { type BenchOptions, type BenchOutcome, type Cleanup, log } from './lib/report.js';
import { median, ms, num, spread, table, times } from './lib/stats.js';

const PASSWORD = 'Banc-cotisations-2026';
const EMAIL = 'gestionnaire@banc.statutis.fr';
const ANNEE = 2026;
/** The most ids one bulk request takes (`ZSelectionAppels`). */
const LOT = 100;
const FORFAIT_PAR_AGENT = 4500;
const SIZES: CdgSizes = { cdgs: 2, collectivitesParCdg: 1000, agentsParCollectivite: 20, sinistresParCollectivite: 30 };
const SIZES_COURT: CdgSizes = { ...SIZES, collectivitesParCdg: 200, sinistresParCollectivite: 5 };

async function seed(database: Database, sizes: CdgSizes, passwordHash: string) {
  await seedCdgs(database, sizes, `'2026-12-01 10:00:00+01'::timestamptz`);
  const steps = [
    // Payroll of 18 to 22 agents at a TBI of 2 456,12 €, a rate of 6 % to 9 % (thousandths of a percent).
    `INSERT INTO base_assurance (collectivite_id, contrat_id, annee, type, effectif, tbi, taux_cotisation, assiette, cotisation)
     SELECT co.id, ct.id, ${ANNEE}, 'previsionnelle', e, e * 245612::bigint * 12, taux, e * 245612::bigint * 12,
       round(e * 245612::numeric * 12 * taux / 100000)::bigint
     FROM collectivite co JOIN contrat ct ON ct.cdg_id = co.cdg_id,
       LATERAL (SELECT 18 + substring(co.nom FROM 9)::int % 5 AS e, 6000 + (substring(co.nom FROM 9)::int % 7) * 500 AS taux) r`,
    `INSERT INTO app_user (email, nom, prenom, password_hash)
     SELECT 'admin' || substring(nom FROM 9) || '@banc.statutis.fr', 'ADMIN', 'Maire', 'banc' FROM collectivite`,
    `INSERT INTO membership (user_id, collectivite_id, role)
     SELECT u.id, co.id, 'administrateur' FROM collectivite co
     JOIN app_user u ON u.email = 'admin' || substring(co.nom FROM 9) || '@banc.statutis.fr'`,
  ];
  for (const text of steps) await database.query(text, []);
  await database.query(
    `INSERT INTO cotisation_frais_parametre (cdg_id, du, modele, montant_par_agent, regularise)
     VALUES ($1, '${ANNEE}-01-01', 'forfait_agent', ${FORFAIT_PAR_AGENT}, false)`,
    [cdgId(1)],
  );
  await seedGestionnaire(database, EMAIL, passwordHash);
  await database.query('ANALYZE', []);
}

type Phases = { generation: number; controle: number; emission: number };
type Sample = { ms: number; appels: number; total: number; phases?: Phases };

/** What the control screen sends: the generation, then the selection 100 at a time, checked then issued. */
async function realRun(database: Database, url: string, session: { cookie: string; csrf: string }): Promise<Sample> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}/api/gestion/cotisations/${path}`, {
      method: 'POST',
      headers: {
        cookie: `${SESSION_COOKIE}=${session.cookie}`,
        'content-type': 'application/json',
        'x-csrf-token': session.csrf,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const lot = JSON.parse(text) as { faits: number; echecs: unknown[] };
    if (response.status !== 200 || lot.echecs.length > 0) throw new Error(`${path} : ${response.status} ${text}`);
    return lot.faits;
  };
  const enLots = async (path: string, statut: string) => {
    // The ids the page's selection holds (read here in SQL: paging the list is not what is measured).
    const ids = (
      await database.query<{ id: string }>(
        `SELECT a.id FROM appel_cotisation a JOIN collectivite c ON c.id = a.collectivite_id
         WHERE c.cdg_id = $1 AND a.statut = $2 ORDER BY a.created_at DESC, a.id DESC`,
        [cdgId(1), statut],
      )
    ).map((r) => r.id);
    let faits = 0;
    for (let i = 0; i < ids.length; i += LOT) faits += await post(path, { ids: ids.slice(i, i + LOT) });
    return faits;
  };
  const t0 = performance.now();
  const generes = await post('generation', { annee: ANNEE });
  const t1 = performance.now();
  const controles = await enLots('controles', 'brouillon');
  const t2 = performance.now();
  const emis = await enLots('emissions', 'controle');
  const t3 = performance.now();
  if (generes !== controles || controles !== emis) throw new Error(`lot incomplet : ${generes}/${controles}/${emis}`);
  return {
    ms: t3 - t0,
    appels: emis,
    total: 0,
    phases: { generation: t1 - t0, controle: t2 - t1, emission: t3 - t2 },
  };
}

/** The floor: inputs in one statement, `calculerAppel` on each, raw INSERTs, one UPDATE to « émis ». */
async function floorRun(database: Database): Promise<Sample> {
  const t = performance.now();
  const inputs = await database.query<{
    collectivite_id: string;
    contrat_id: string;
    base_id: string;
    regime: 'CNRACL' | 'IRCANTEC';
    assiette: string;
    taux: number;
    effectif: number;
  }>(
    `SELECT ad.collectivite_id, ad.contrat_id, b.id AS base_id, ct.regime, b.assiette, b.taux_cotisation AS taux,
       (SELECT count(*)::int FROM agent a WHERE a.collectivite_id = ad.collectivite_id AND a.regime = 'CNRACL'
          AND a.date_entree <= greatest(ad.date_adhesion, ct.date_effet)
          AND (a.date_depart IS NULL OR a.date_depart >= greatest(ad.date_adhesion, ct.date_effet))) AS effectif
     FROM adhesion ad JOIN collectivite c ON c.id = ad.collectivite_id JOIN contrat ct ON ct.id = ad.contrat_id
     JOIN base_assurance b ON b.collectivite_id = ad.collectivite_id AND b.contrat_id = ad.contrat_id
       AND b.annee = $2 AND b.type = 'previsionnelle'
     WHERE c.cdg_id = $1 AND c.active`,
    [cdgId(1), ANNEE],
  );
  const frais = {
    modele: 'forfait_agent' as const,
    montantParAgent: FORFAIT_PAR_AGENT,
    regularise: false,
    // Called with the contribution (the seed's default): one call per collectivité, as the API makes.
    appelesSeparement: false,
  };
  const appels: unknown[] = [];
  const lignes: unknown[] = [];
  const echeances: unknown[] = [];
  let total = 0;
  for (const i of inputs) {
    const calcul = calculerAppel({
      annee: ANNEE,
      regime: i.regime,
      assiettes: [{ code: i.regime, libelle: `Cotisation ${i.regime}`, assiette: Number(i.assiette), taux: i.taux }],
      frais,
      effectifCnracl: i.effectif,
      mois: 12,
      periodicite: 'annuelle',
    });
    const id = randomUUID();
    total += calcul.total;
    appels.push({
      id,
      collectivite_id: i.collectivite_id,
      contrat_id: i.contrat_id,
      base_id: i.base_id,
      total: calcul.total,
    });
    for (const [k, l] of calcul.lignes.entries())
      lignes.push({ appel_id: id, rang: k + 1, ...l, prix_unitaire: l.prixUnitaire });
    for (const e of calcul.echeances) echeances.push({ appel_id: id, ...e, date_echeance: e.dateEcheance });
  }
  for (let k = 0; k < appels.length; k += 500)
    await database.query(
      `INSERT INTO appel_cotisation (id, annee, nature, collectivite_id, contrat_id, base_id, statut, periodicite,
           debut_couverture, mois, frais, total)
         SELECT x.id, $2, 'appel', x.collectivite_id, x.contrat_id, x.base_id, 'controle', 'annuelle', $3, 12, $4::jsonb, x.total
         FROM json_to_recordset($1::json) AS x(id uuid, collectivite_id uuid, contrat_id uuid, base_id uuid, total bigint)`,
      [JSON.stringify(appels.slice(k, k + 500)), ANNEE, `${ANNEE}-01-01`, JSON.stringify(frais)],
    );
  for (let k = 0; k < lignes.length; k += 1000)
    await database.query(
      `INSERT INTO appel_cotisation_ligne (appel_id, rang, nature, code, libelle, assiette, taux, quantite, prix_unitaire, mois, montant)
         SELECT * FROM json_to_recordset($1::json) AS x(appel_id uuid, rang int, nature text, code text, libelle text,
           assiette bigint, taux int, quantite int, prix_unitaire bigint, mois int, montant bigint)`,
      [JSON.stringify(lignes.slice(k, k + 1000))],
    );
  for (let k = 0; k < echeances.length; k += 1000)
    await database.query(
      `INSERT INTO appel_cotisation_echeance (appel_id, rang, du, au, date_echeance, montant)
         SELECT * FROM json_to_recordset($1::json) AS x(appel_id uuid, rang int, du date, au date, date_echeance date, montant bigint)`,
      [JSON.stringify(echeances.slice(k, k + 1000))],
    );
  await database.query(`UPDATE appel_cotisation SET statut = 'emis', emis_le = now() WHERE statut = 'controle'`, []);
  return { ms: performance.now() - t, appels: appels.length, total };
}

/** What a run issued (count, total, mails queued); then calls, their audit and mails are removed. */
async function collectAndReset(database: Database) {
  const [row] = await database.query<{ n: number; total: number; mails: number }>(
    `SELECT count(*)::int AS n, coalesce(sum(total), 0)::float8 AS total,
       (SELECT count(*)::int FROM outbox_mail) AS mails
     FROM appel_cotisation WHERE statut = 'emis' AND annee = $1`,
    [ANNEE],
  );
  for (const text of [
    'DELETE FROM appel_cotisation',
    `DELETE FROM audit_event WHERE entity = 'appel_cotisation'`,
    'DELETE FROM outbox_mail',
    'DELETE FROM job',
    'VACUUM ANALYZE appel_cotisation',
  ])
    await database.query(text, []);
  return { appels: row!.n, total: Number(row!.total), mails: row!.mails };
}

type Measured = {
  kind: 'PostgreSQL' | 'PGlite';
  seedMs: number;
  reel: (Sample & { mails: number })[];
  plancher: Sample[];
  charge: number[][];
  coherent: boolean;
  /** SQL statements sent by the application during one real run (PostgreSQL). */
  requetes?: number;
};

async function measure(
  kind: Measured['kind'],
  database: Database,
  sizes: CdgSizes,
  samples: number,
  passwordHash: string,
  cleanup: Cleanup,
): Promise<Measured> {
  const { seedMs, app, session } = await demarrerCdg(database, () => seed(database, sizes, passwordHash), cleanup, {
    email: EMAIL,
    password: PASSWORD,
  });
  log(`  ${kind} : ${num(sizes.cdgs)} CDG de ${num(sizes.collectivitesParCdg)} collectivités chargés en ${ms(seedMs)}`);
  const result: Measured = { kind, seedMs, reel: [], plancher: [], charge: [], coherent: true };
  // A floor first, not counted (JIT and caches), then floor and real run alternate.
  await floorRun(database);
  await collectAndReset(database);
  for (let i = 0; i < samples; i++) {
    result.charge.push(os.loadavg());
    const t = performance.now();
    const floor = await floorRun(database);
    const floorWrote = await collectAndReset(database);
    const counting = kind === 'PostgreSQL' && i === 0;
    const run = () => realRun(database, app.url, session);
    const captured = counting ? await captureQueries(pg.Client.prototype as unknown as Queryable, run) : null;
    const real = captured ? captured.result : await run();
    if (captured) result.requetes = captured.queries.length;
    const realWrote = await collectAndReset(database);
    const same = floorWrote.appels === realWrote.appels && floorWrote.total === realWrote.total;
    if (!same || floor.appels !== real.appels)
      log(`  ⚠ écart plancher / émission réelle : ${JSON.stringify({ floor, floorWrote, real, realWrote })}`);
    result.coherent &&= same && floor.appels === real.appels && realWrote.mails === real.appels;
    result.plancher.push(floor);
    result.reel.push({ ...real, total: realWrote.total, mails: realWrote.mails });
    const p = real.phases!;
    log(
      `  échantillon ${i + 1}/${samples} (charge ${os.loadavg()[0]!.toFixed(2)}) : ${num(real.appels)} appels en ${ms(real.ms)} (génération ${ms(p.generation)}, contrôle ${ms(p.controle)}, émission ${ms(p.emission)}), ${num(realWrote.mails)} courriels en file ; plancher ${ms(floor.ms)} (${ms(performance.now() - t)} en tout)`,
    );
  }
  return result;
}

export async function benchCotisations(options: BenchOptions): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: 'cotisations', skipped: [], summary: [], details: {} };
  const sizes = options.short ? SIZES_COURT : SIZES;
  const samples = options.short ? 2 : 3;
  const passwordHash = await hashPassword(PASSWORD);
  const results = await onPostgresThenPglite(
    'cotisations',
    'PostgreSQL injoignable : appels mesurés sur PGlite seulement.',
    outcome.skipped,
    (kind, database, cleanup) =>
      kind === 'PostgreSQL'
        ? measure(kind, database, sizes, samples, passwordHash, cleanup)
        : measure(kind, database, { ...sizes, cdgs: 1 }, Math.min(samples, 2), passwordHash, cleanup),
  );

  const rows: string[][] = [];
  for (const r of results) {
    const reel = median(r.reel.map((s) => s.ms));
    const plancher = median(r.plancher.map((s) => s.ms));
    const appels = r.reel[0]!.appels;
    const phase = (k: keyof Phases) => median(r.reel.map((s) => s.phases![k]));
    rows.push(
      [
        `${r.kind} : génération, contrôle, émission (API)`,
        ms(reel),
        spread(r.reel.map((s) => s.ms)),
        num(appels / (reel / 1000)),
        times(reel / plancher),
      ],
      ...(['generation', 'controle', 'emission'] as const).map((k) => [
        `  dont ${k === 'generation' ? 'génération (1 requête)' : k === 'controle' ? `contrôle (${Math.ceil(appels / LOT)} requêtes)` : `émission (${Math.ceil(appels / LOT)} requêtes)`}`,
        ms(phase(k)),
        spread(r.reel.map((s) => s.phases![k])),
        num(appels / (phase(k) / 1000)),
        '',
      ]),
      [
        `${r.kind} : plancher (SQL brut + calculerAppel)`,
        ms(plancher),
        spread(r.plancher.map((s) => s.ms)),
        num(appels / (plancher / 1000)),
        '×1,00',
      ],
    );
    outcome.summary.push({
      banc: 'cotisations',
      mesure: `${r.kind}, ${num(appels)} appels d’un CDG générés, contrôlés et émis`,
      resultat: `${ms(reel)} (${num(appels / (reel / 1000))} appels/s)`,
      plancher: `${ms(plancher)} (${num(appels / (plancher / 1000))} appels/s)`,
      rapport: times(reel / plancher),
      objectif: '— (mesure)',
      verdict: r.coherent ? 'info' : 'invalide',
    });
    outcome.details[r.kind === 'PGlite' ? 'pglite' : 'postgres'] = { sizes, annee: ANNEE, ...r };
  }
  log(`\n${table([['Cas (médiane des échantillons)', 'Temps', 'Étendue', 'Appels/s', '/ plancher'], ...rows])}\n`);
  for (const r of results) {
    const first = r.reel[0]!;
    log(
      `  ${r.kind} : ${r.requetes ? `${num(r.requetes / first.appels, 1)} requêtes SQL par appel (${num(r.requetes)} en tout) ; ` : ''}total appelé ${num(first.total / 100, 2)} € ; plancher et API ${r.coherent ? 'identiques (nombre et total des appels, un courriel par appel)' : 'DIFFÉRENTS (voir plus haut)'}`,
    );
  }
  return outcome;
}
