/**
 * Benchmark `decomptes`: « calculer les décomptes de la période » (issue 10) for every file of a CDG of
 * 1 000 collectivités with arrêt days in one month, through the real bulk path — POST
 * /api/gestion/decomptes/calculs, then the job `decomptes.calcul_periode` run by the application's
 * queue (`jobs.drain()`), one transaction per file: inputs (`entreesCalcul`), engine, versions,
 * décompte, audit, medical fees, progress of the run — on PostgreSQL (3 samples), then on PGlite
 * (the measured CDG alone, 2 samples: the application and the database share one thread).
 *
 * Data set (lib/cdg.ts, deterministic, dated back from a fixed day so that the month is always the
 * same): 2 CDGs × 1 000 collectivités, 40 000 agents, 60 000 sinistres over three years, two arrêts of
 * 10 days each; the month costed (September 2026) has ≈ 1 400 files (Ouvert or Clos) in the measured
 * CDG. Engine inputs, in SQL too: September's payslip of every agent but one in fifty (those files
 * come out « à compléter »), NBI for one agent in three, and each collectivité's base for 2026 (NBI and
 * RI at 12 % insured) on the CDG's contract (franchise of 15 days, 100 %).
 *
 * Floor, in the same run, on the same database: the same inputs read set-wise in raw SQL (a handful
 * of queries for the whole month), the pure engine `calculerRemboursement` on each file, and one raw
 * multi-row INSERT of the resulting décomptes. Its count and total must equal the real path's: the
 * floor does the same computation, without the per-file transactions, audit, versions, medical fees
 * and progress. Real runs and floors alternate; the décomptes are deleted between two samples, so that
 * each one starts from the same state. No goal: rates and ratios are reported.
 */
import os from 'node:os';
import pg from 'pg';
import {
  calculerRemboursement,
  decompteDuMoteur,
  type EntreeMoteur,
  FRACTION_SCALE,
  type TElementBase,
} from '../packages/domain/src/index.js';
import type { ArretMoteur, ContratMoteur, GarantieMoteur } from '../packages/domain/src/remboursements/moteur.types.js';
import type { Database } from '../packages/server/src/db/client.js';
import { hashPassword } from '../packages/server/src/lib/passwords.js';
import { baseDeLAnnee } from '../packages/server/src/modules/remboursements/entrees.repository.js';
import { SESSION_COOKIE } from './lib/app.js';
import { captureQueries, type Queryable } from './lib/capture.js';
import { type CdgSizes, cdgId, demarrerCdg, pgliteSizes, seedCdgs, seedGestionnaire } from './lib/cdg.js';
import { onPostgresThenPglite } from './lib/postgres.js';
import { type BenchOptions, type BenchOutcome, type Cleanup, log } from './lib/report.js';
import { median, ms, num, spread, table, times } from './lib/stats.js';

const PASSWORD = 'Banc-decomptes-2026';
const EMAIL = 'gestionnaire@banc.statutis.fr';
const PERIODE = { du: '2026-09-01', au: '2026-09-30' };
/** The files are dated back from this day: the month costed has the same files on every run. */
const REFERENCE = `'2026-10-31 12:00:00+00'::timestamptz`;
const SIZES: CdgSizes = { cdgs: 2, collectivitesParCdg: 1000, agentsParCollectivite: 20, sinistresParCollectivite: 30 };
const SIZES_COURT: CdgSizes = { ...SIZES, collectivitesParCdg: 200 };
/** PGlite (one thread for the application and the database): the measured CDG alone, and fewer samples. */

/** The engine's inputs that `lib/cdg.ts` does not write: payslips of the month, bases of the year. */
async function seed(database: Database, sizes: CdgSizes, passwordHash: string) {
  await seedCdgs(database, sizes, REFERENCE);
  const mois = PERIODE.du.slice(0, 7);
  await database.query(
    `INSERT INTO salaire_mensuel (collectivite_id, agent_id, mois, tbi, nbi, saisi_par, saisi_le)
     SELECT collectivite_id, id, $1, 230000 + (k % 7) * 2500, CASE WHEN k % 3 = 0 THEN 4614 END, 'Banc', ${REFERENCE}
     FROM (SELECT collectivite_id, id, substring(nom FROM 4)::int AS k FROM agent) a
     WHERE k % 50 <> 7`,
    [mois],
  );
  await database.query(
    `INSERT INTO base_assurance (collectivite_id, contrat_id, annee, type, effectif, tbi, nbi, ri_pct,
       taux_cotisation, assiette, cotisation)
     SELECT co.id, ct.id, $1, 'reelle', $2, $2 * 2900000, 55000, 1200, 520, $2 * 2955000, $2 * 153660
     FROM collectivite co JOIN contrat ct ON ct.cdg_id = co.cdg_id`,
    [Number(PERIODE.du.slice(0, 4)), sizes.agentsParCollectivite],
  );
  await seedGestionnaire(database, EMAIL, passwordHash);
  await database.query('ANALYZE', []);
}

type Tally = { fichiers: number; decomptes: number; montant: number };
type Sample = Tally & { ms: number };

/** The real bulk path: the handler launches the month, the application's queue runs the job. */
async function realRun(url: string, drain: () => Promise<number>, session: { cookie: string; csrf: string }) {
  const headers = { cookie: `${SESSION_COOKIE}=${session.cookie}` };
  const t = performance.now();
  const response = await fetch(`${url}/api/gestion/decomptes/calculs`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': session.csrf },
    body: JSON.stringify(PERIODE),
  });
  const body = await response.text();
  if (response.status !== 202) throw new Error(`calcul refusé (${response.status}) : ${body}`);
  await drain();
  const elapsed = performance.now() - t;
  // After a long drain, the kept-alive socket of the POST may be closed by the server just as it is
  // reused (PGlite: the job held the one thread, both sides' idle timers fire late): read once more.
  const lire = () =>
    fetch(`${url}/api/gestion/decomptes/calculs/${(JSON.parse(body) as { id: string }).id}`, { headers });
  const lot = (await (await lire().catch(lire)).json()) as {
    statut: string;
    total: number;
    calcules: number;
    erreurs: number;
    aCompleter: unknown[];
  };
  if (lot.statut !== 'termine' || lot.erreurs > 0) throw new Error(`calcul inachevé : ${JSON.stringify(lot)}`);
  return { ms: elapsed, fichiers: lot.total, decomptes: lot.calcules, aCompleter: lot.aCompleter.length };
}

type ArretRow = Omit<ArretMoteur, 'dateEnvoi' | 'quotiteTpt'> & {
  agentId: string;
  dateEnvoi: string | null;
  quotiteTpt: number | null;
};

const groupBy = <T>(rows: readonly T[], key: (r: T) => string) => {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(key(r));
    if (list) list.push(r);
    else map.set(key(r), [r]);
  }
  return map;
};

/** The month's files of the CDG (Ouvert or Clos, an arrêt day in the period), as the job selects them. */
const FILES = `SELECT s.id, s.agent_id, s.collectivite_id, s.contrat_id FROM sinistre s
  JOIN collectivite c ON c.id = s.collectivite_id
  WHERE c.cdg_id = $1 AND s.statut IN ('ouvert', 'clos')
    AND EXISTS (SELECT 1 FROM arret a WHERE a.sinistre_id = s.id AND a.debut <= $3 AND a.fin >= $2)`;

/**
 * The floor: the same inputs read set-wise (five queries for the month), the engine on each file,
 * one raw INSERT per 500 décomptes. Returns what it wrote, to be compared with the real path.
 */
async function floorRun(database: Database): Promise<Sample> {
  const { du, au } = PERIODE;
  const params = [cdgId(1), du, au];
  const t = performance.now();
  const [files, agents, arrets, salaires, contrats] = await Promise.all([
    database.query<{ id: string; agent_id: string; collectivite_id: string; contrat_id: string }>(
      `${FILES} ORDER BY s.id`,
      params,
    ),
    database.query<{ id: string; regime: string; statut: string; date_entree: string }>(
      `SELECT a.id, a.regime, a.statut, a.date_entree::text FROM agent a
       WHERE a.id IN (SELECT f.agent_id FROM (${FILES}) f)`,
      params,
    ),
    database.query<ArretRow>(
      `SELECT a.id, a.sinistre_id AS "sinistreId", a.agent_id AS "agentId",
         coalesce(a.categorie, s.categorie) AS categorie, a.type, a.debut::text AS debut, a.fin::text AS fin,
         a.certificat_recu_le::text AS "dateEnvoi", (a.created_at AT TIME ZONE 'Europe/Paris')::date::text AS "dateReception",
         a.quotite_tpt AS "quotiteTpt", a.grossesse, a.ald
       FROM arret a JOIN sinistre s ON s.id = a.sinistre_id
       WHERE a.agent_id IN (SELECT f.agent_id FROM (${FILES}) f) AND a.debut <= $3
       ORDER BY a.debut`,
      params,
    ),
    database.query<{
      agent_id: string;
      mois: string;
      tbi: number;
      nbi: number | null;
      sft: number | null;
      ir: number | null;
    }>(
      `SELECT agent_id, mois, tbi::int, nbi::int, sft::int, ir::int FROM salaire_mensuel
       WHERE agent_id IN (SELECT f.agent_id FROM (${FILES}) f) AND mois BETWEEN $4 AND $5 AND tbi IS NOT NULL
       ORDER BY mois`,
      [...params, du.slice(0, 7), au.slice(0, 7)],
    ),
    // Each collectivité's contracts with their garanties and bases, one row per collectivité and contract.
    database.query<{
      collectivite_id: string;
      contrat_id: string;
      debut: string;
      fin: string;
      garanties: (GarantieMoteur & { risque: string; rechute: boolean })[];
      bases: {
        annee: number;
        nbi: number | null;
        sft: number | null;
        ir: number | null;
        ri: number | null;
        cp: number | null;
      }[];
    }>(
      `SELECT ad.collectivite_id, c.id AS contrat_id,
         greatest(c.date_effet, ad.date_adhesion)::text AS debut, coalesce(c.date_fin, '9999-12-31')::text AS fin,
         (SELECT json_agg(json_build_object('risque', g.risque, 'couvert', g.couvert, 'franchiseNombre', g.franchise_nombre,
            'franchiseUnite', g.franchise_unite, 'rechute', g.rechute_nouvelle_franchise,
            'remboursementPct', g.remboursement_pct, 'delaiDeclarationJours', g.delai_declaration_jours))
          FROM garantie g WHERE g.contrat_id = c.id) AS garanties,
         (SELECT coalesce(json_agg(json_build_object('annee', b.annee, 'nbi', b.nbi, 'sft', b.sft, 'ir', b.ir,
            'ri', b.ri_pct, 'cp', b.cp_pct) ORDER BY b.annee, b.type = 'reelle' DESC), '[]')
          FROM base_assurance b WHERE b.collectivite_id = ad.collectivite_id AND b.contrat_id = c.id) AS bases
       FROM adhesion ad JOIN contrat c ON c.id = ad.contrat_id
       WHERE ad.collectivite_id IN (SELECT f.collectivite_id FROM (${FILES}) f)
       ORDER BY c.date_effet`,
      params,
    ),
  ]);

  const annee = Number(du.slice(0, 4));
  const agentById = new Map(agents.map((a) => [a.id, a]));
  const arretsByAgent = groupBy(arrets, (a) => a.agentId);
  const salairesByAgent = groupBy(salaires, (s) => s.agent_id);
  const contratsByCollectivite = groupBy(contrats, (c) => c.collectivite_id);
  const rows: unknown[] = [];
  let montant = 0;
  for (const f of files) {
    const a = agentById.get(f.agent_id)!;
    const entree: EntreeMoteur = {
      agent: { regime: a.regime, statut: a.statut, debutService: a.date_entree } as EntreeMoteur['agent'],
      contrats: (contratsByCollectivite.get(f.collectivite_id) ?? []).map((c): ContratMoteur => {
        const base = baseDeLAnnee(c.bases, annee);
        const elements = (['nbi', 'sft', 'ir', 'ri', 'cp'] as const).filter((e) => base && base[e] !== null);
        return {
          contratId: c.contrat_id,
          debut: c.debut,
          fin: c.fin,
          garanties: Object.fromEntries(
            c.garanties.map((g) => [
              g.risque,
              {
                couvert: g.couvert,
                franchiseNombre: g.franchiseNombre,
                franchiseUnite: g.rechute ? g.franchiseUnite : 'jours_fermes_par_sinistre',
                remboursementPct: g.remboursementPct,
                delaiDeclarationJours: g.delaiDeclarationJours,
              },
            ]),
          ),
          elements: elements as TElementBase[],
          riPct: base?.ri ?? null,
          cpPct: base?.cp ?? null,
          declarationTardive: 'reception',
          capitalDecesCentimes: null,
        };
      }),
      arrets: (arretsByAgent.get(f.agent_id) ?? []).map(({ agentId: _, ...r }) => r as ArretMoteur),
      salaires: Object.fromEntries(
        (salairesByAgent.get(f.agent_id) ?? []).map((s) => [
          s.mois,
          {
            tbi: s.tbi,
            ...(s.nbi === null ? {} : { nbi: s.nbi }),
            ...(s.sft === null ? {} : { sft: s.sft }),
            ...(s.ir === null ? {} : { ir: s.ir }),
          },
        ]),
      ),
      antecedents: [],
      ijss: [],
      contreVisites: [],
      deces: null,
      periode: { debut: du, fin: au },
      sinistreIds: [f.id],
    };
    const r = calculerRemboursement(entree);
    const journal = r.journal.filter((s) => s.sinistreId === f.id);
    if (journal.length === 0 || journal.some((s) => s.regle === 'salaire_manquant')) continue;
    const picked = decompteDuMoteur(r, f.id, PERIODE);
    if (picked.montant === 0) continue;
    montant += picked.montant;
    rows.push({
      collectivite_id: f.collectivite_id,
      sinistre_id: f.id,
      contrat_id: f.contrat_id,
      montant: picked.montant,
      jours_franchise: picked.joursFranchise,
      jours_carence: picked.joursCarence,
      ijss: picked.ijss,
      lignes: picked.lignes.map((l) => ({ ...l, fraction: Math.round((l.fraction * 1000) / FRACTION_SCALE) })),
      journal: picked.journal,
      entrees: { empreinte: '', calcul: { mois: r.mois.filter((m) => m.sinistreId === f.id) } },
    });
  }
  for (let i = 0; i < rows.length; i += 500) {
    await database.query(
      `INSERT INTO decompte (annee, collectivite_id, sinistre_id, contrat_id, periode_du, periode_au, version, statut,
         nature, beneficiaire, montant, a_regler, jours_franchise, jours_carence, ijss, lignes, journal, entrees, calcule_le)
       SELECT extract(year FROM now())::int, x.collectivite_id, x.sinistre_id, x.contrat_id, $2, $3, 1, 'calcule',
         'indemnites_journalieres', 'collectivite', x.montant, x.montant, x.jours_franchise, x.jours_carence, x.ijss,
         x.lignes, x.journal, x.entrees, now()
       FROM json_to_recordset($1::json) AS x(collectivite_id uuid, sinistre_id uuid, contrat_id uuid, montant bigint,
         jours_franchise int, jours_carence int, ijss bigint, lignes jsonb, journal jsonb, entrees jsonb)`,
      [JSON.stringify(rows.slice(i, i + 500)), du, au],
    );
  }
  return { ms: performance.now() - t, fichiers: files.length, decomptes: rows.length, montant };
}

/** What a run wrote; then the décomptes are removed, so that the next sample starts from the same state. */
async function collectAndReset(database: Database): Promise<Omit<Tally, 'fichiers'>> {
  const [row] = await database.query<{ n: number; montant: number }>(
    `SELECT count(*)::int AS n, coalesce(sum(montant), 0)::float8 AS montant FROM decompte
     WHERE periode_du = $1 AND periode_au = $2 AND statut = 'calcule'`,
    [PERIODE.du, PERIODE.au],
  );
  await database.query('DELETE FROM decompte', []);
  await database.query('VACUUM ANALYZE decompte', []);
  return { decomptes: row!.n, montant: Number(row!.montant) };
}

type Measured = {
  kind: 'PostgreSQL' | 'PGlite';
  seedMs: number;
  sinistres: number;
  reel: (Sample & { aCompleter: number })[];
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
  const [{ n: sinistres } = { n: 0 }] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM sinistre');
  log(
    `  ${kind} : ${num(sinistres)} sinistres (${num(sizes.cdgs)} CDG de ${num(sizes.collectivitesParCdg)} collectivités) chargés en ${ms(seedMs)}`,
  );
  const result: Measured = { kind, seedMs, sinistres, reel: [], plancher: [], charge: [], coherent: true };
  // One floor first, not counted: the engine's JIT warms up (the real run's own warm-up is spread over
  // its first files and stays in its time, as in production).
  await floorRun(database);
  await collectAndReset(database);
  // Alternate floor and real run, so that a neighbour's load touches both alike.
  for (let i = 0; i < samples; i++) {
    result.charge.push(os.loadavg());
    const t = performance.now();
    const floor = await floorRun(database);
    const floorWrote = await collectAndReset(database);
    // PostgreSQL, first sample: every statement the application sends (BEGIN and COMMIT included) is counted.
    const counting = kind === 'PostgreSQL' && i === 0;
    const run = () => realRun(app.url, () => app.jobs.drain(), session);
    const captured = counting ? await captureQueries(pg.Client.prototype as unknown as Queryable, run) : null;
    const real = captured ? captured.result : await run();
    if (captured) result.requetes = captured.queries.length;
    const realWrote = await collectAndReset(database);
    const same = floorWrote.decomptes === realWrote.decomptes && floorWrote.montant === realWrote.montant;
    if (!same || floor.decomptes !== floorWrote.decomptes)
      log(`  ⚠ écart plancher / calcul réel : ${JSON.stringify({ floor, floorWrote, real, realWrote })}`);
    result.coherent &&= same && floor.fichiers === real.fichiers;
    result.plancher.push(floor);
    result.reel.push({ ...real, montant: realWrote.montant });
    log(
      `  échantillon ${i + 1}/${samples} (charge ${os.loadavg()[0]!.toFixed(2)}) : calcul ${ms(real.ms)} pour ${num(real.fichiers)} dossiers, ${num(real.decomptes)} décomptes (${num(real.aCompleter)} à compléter) ; plancher ${ms(floor.ms)} (${ms(performance.now() - t)} en tout)`,
    );
  }
  return result;
}

export async function benchDecomptes(options: BenchOptions): Promise<BenchOutcome> {
  const outcome: BenchOutcome = { name: 'decomptes', skipped: [], summary: [], details: {} };
  const sizes = options.short ? SIZES_COURT : SIZES;
  const samples = options.short ? 2 : 3;
  const passwordHash = await hashPassword(PASSWORD);
  const results = await onPostgresThenPglite(
    'decomptes',
    'PostgreSQL injoignable : décomptes mesurés sur PGlite seulement.',
    outcome.skipped,
    (kind, database, cleanup) =>
      kind === 'PostgreSQL'
        ? measure(kind, database, sizes, samples, passwordHash, cleanup)
        : measure(kind, database, pgliteSizes(sizes), Math.min(samples, 2), passwordHash, cleanup),
  );

  const rows: string[][] = [];
  for (const r of results) {
    const reel = median(r.reel.map((s) => s.ms));
    const plancher = median(r.plancher.map((s) => s.ms));
    const { fichiers, decomptes } = r.reel[0]!;
    rows.push(
      [
        `${r.kind} : calcul de la période (tâche)`,
        ms(reel),
        spread(r.reel.map((s) => s.ms)),
        num(fichiers / (reel / 1000)),
        num(decomptes / (reel / 1000)),
        times(reel / plancher),
      ],
      [
        `${r.kind} : plancher (SQL brut + moteur + INSERT)`,
        ms(plancher),
        spread(r.plancher.map((s) => s.ms)),
        num(fichiers / (plancher / 1000)),
        num(decomptes / (plancher / 1000)),
        '×1,00',
      ],
    );
    outcome.summary.push({
      banc: 'decomptes',
      mesure: `${r.kind}, ${num(fichiers)} dossiers du mois, ${num(decomptes)} décomptes`,
      resultat: `${ms(reel)} (${num(fichiers / (reel / 1000))} dossiers/s, ${num(decomptes / (reel / 1000))} décomptes/s)`,
      plancher: `${ms(plancher)} (${num(fichiers / (plancher / 1000))} dossiers/s)`,
      rapport: times(reel / plancher),
      objectif: '— (mesure)',
      verdict: r.coherent ? 'info' : 'invalide',
    });
    outcome.details[r.kind === 'PGlite' ? 'pglite' : 'postgres'] = { sizes, periode: PERIODE, ...r };
  }
  log(
    `\n${table([['Cas (médiane des échantillons)', 'Temps', 'Étendue', 'Dossiers/s', 'Décomptes/s', '/ plancher'], ...rows])}\n`,
  );
  for (const r of results) {
    const first = r.reel[0]!;
    log(
      `  ${r.kind} : ${r.requetes ? `${num(r.requetes / first.fichiers, 1)} requêtes SQL par dossier (${num(r.requetes)} pour le calcul) ; ` : ''}total remboursé ${num(first.montant / 100, 2)} € ; plancher et calcul réel ${r.coherent ? 'identiques (nombre et total des décomptes)' : 'DIFFÉRENTS (voir plus haut)'}`,
    );
  }
  return outcome;
}
