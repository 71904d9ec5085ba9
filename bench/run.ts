/**
 * Statutis benchmarks: `npm run bench [-- liste|connexion|demarrage|import|reactivite|corbeille|sinistralite|statistiques|moteur|decomptes|simulateur|cotisations|echelle …] [--court] [--echelle=x]`.
 *
 * Each benchmark measures its raw floor in the same run and prints ratios against it; goals are
 * reported (atteint / manqué), never asserted. The results go to bench/results/<horodatage>.json.
 * See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchConnexion } from './connexion.js';
import { benchCorbeille } from './corbeille.js';
import { benchCotisations } from './cotisations.js';
import { benchDecomptes } from './decomptes.js';
import { benchDemarrage } from './demarrage.js';
import { benchEchelle } from './echelle.js';
import { echelleFromArgs } from './echelle-generateur.js';
import { benchImport } from './import.js';
import { type BenchOptions, type BenchOutcome, Cleanup, log } from './lib/report.js';
import { table } from './lib/stats.js';
import { benchListe } from './liste.js';
import { benchMoteur } from './moteur.js';
import { benchReactivite, reactiviteFromArgs } from './reactivite.js';
import { benchSimulateur } from './simulateur.js';
import { benchSinistralite } from './sinistralite.js';
import { benchStatistiques } from './statistiques.js';

const BENCHES = {
  liste: { run: benchListe, title: 'Liste des comptes (GET /api/comptes, 2 000 comptes)' },
  connexion: { run: benchConnexion, title: 'Connexion (POST /api/auth/connexion, séquentielle)' },
  demarrage: { run: benchDemarrage, title: 'Démarrage à froid (main.ts, PGlite embarqué)' },
  import: { run: benchImport, title: 'Import de la liste nominative (100 000 lignes PostgreSQL, 10 000 PGlite)' },
  reactivite: {
    run: benchReactivite,
    title: 'Réactivité : p95 des petites requêtes pendant un gros export (CSV, XLSX) et un gros import',
  },
  corbeille: {
    run: benchCorbeille,
    title: 'Corbeille des gestionnaires (GET /api/gestion/corbeille, CDG de 1 000 collectivités)',
  },
  sinistralite: {
    run: benchSinistralite,
    title: 'Rapport S/P (GET /api/gestion/sinistralite?annee=2026, CDG de 1 000 collectivités)',
  },
  statistiques: {
    run: benchStatistiques,
    title:
      'Statistiques du CDG (GET /api/gestion/statistiques, 5 ans, CDG de 1 000 collectivités) et recalcul de ses agrégats',
  },
  moteur: {
    run: benchMoteur,
    title: 'Moteur de remboursement : 1 million de jours d’arrêt coûtés (1 cœur, en mémoire)',
  },
  decomptes: {
    run: benchDecomptes,
    title: 'Calcul des décomptes d’un mois pour tout un CDG de 1 000 collectivités (tâche calcul_lot)',
  },
  simulateur: {
    run: benchSimulateur,
    title: 'Simulateur de formules : 3 ans d’un CDG de 1 000 collectivités, 2 formules (POST /api/gestion/simulateur)',
  },
  cotisations: {
    run: benchCotisations,
    title:
      'Appels de cotisation d’une année pour tout un CDG de 1 000 collectivités (génération, contrôle, émission par lots de 100)',
  },
  echelle: {
    run: benchEchelle,
    title: 'Échelle nationale (35 000 collectivités, 2 M agents) : listes de la plus grande collectivité',
  },
} as const;
type BenchName = keyof typeof BENCHES;
/** Only when named: `echelle` builds a national-scale database first (minutes, gigabytes). */
const OPT_IN: readonly BenchName[] = ['echelle'];
const SIZE_ARGS = ['--echelle=', '--agents=', '--lignes=', '--echantillons='];

const USAGE = `Usage : npm run bench [-- ${Object.keys(BENCHES).join('|')} …] [--court] [--echelle=x] [--agents=n --lignes=n --echantillons=n]
  sans nom : tous les bancs sauf ${OPT_IN.join(', ')} ; --court : mesures raccourcies (mise au point, chiffres non comparables)
  --echelle=x (ou ECHELLE=x) : base du banc echelle réduite d’un facteur x (0 < x ≤ 1, 1 par défaut)
  --agents=n --lignes=n --echantillons=n : tailles du banc reactivite (150 000 agents, import de 50 000 lignes, 3 échantillons)`;

function parseArgs(argv: string[]): { names: BenchName[]; options: BenchOptions } | null {
  const names: BenchName[] = [];
  let short = false;
  let echelle: number;
  let reactivite: ReturnType<typeof reactiviteFromArgs>;
  try {
    echelle = echelleFromArgs(argv);
    reactivite = reactiviteFromArgs(argv, argv.includes('--court'));
  } catch {
    return null;
  }
  for (const arg of argv) {
    if (arg === '--court') short = true;
    else if (SIZE_ARGS.some((prefix) => arg.startsWith(prefix))) continue;
    else if (arg in BENCHES) names.push(arg as BenchName);
    else return null;
  }
  return {
    names:
      names.length > 0
        ? [...new Set(names)]
        : (Object.keys(BENCHES) as BenchName[]).filter((name) => !OPT_IN.includes(name)),
    options: short
      ? { durationSeconds: 2, connections: 10, loginRuns: 10, startRuns: 1, short, echelle, reactivite }
      : { durationSeconds: 5, connections: 10, loginRuns: 30, startRuns: 2, short, echelle, reactivite },
  };
}

const args = parseArgs(process.argv.slice(2));
if (!args) {
  console.error(USAGE);
  process.exit(2);
}

// Ctrl-C: stop servers and children, drop the throwaway databases, then leave.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal} : nettoyage…`);
    void Cleanup.runAll().finally(() => process.exit(130));
  });
}

const startedAt = new Date();
const loadStart = os.loadavg();
const cores = os.availableParallelism();
log(`Bancs d’essai Statutis — ${startedAt.toISOString()} — Node ${process.version}, ${cores} cœurs`);
log(`Charge moyenne au départ : ${loadStart.map((l) => l.toFixed(2)).join(' / ')} (1, 5, 15 min)`);
if (loadStart[0]! > cores / 2) {
  log('⚠ La machine est déjà chargée : les valeurs absolues sont bruitées ; les rapports au plancher le sont moins.');
}

const outcomes: BenchOutcome[] = [];
const failures: { name: string; error: string }[] = [];
for (const name of args.names) {
  log(`\n■ ${name} — ${BENCHES[name].title}`);
  const t = performance.now();
  try {
    outcomes.push(await BENCHES[name].run(args.options));
  } catch (e) {
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.error(`  échec du banc ${name} : ${error}`);
    failures.push({ name, error });
  }
  log(`  (${name} : ${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

const summary = outcomes.flatMap((o) => o.summary);
log('\n■ Synthèse\n');
log(
  table([
    ['Banc', 'Mesure', 'Résultat', 'Plancher (même exécution)', 'Rapport', 'Objectif', 'Verdict'],
    ...summary.map((r) => [r.banc, r.mesure, r.resultat, r.plancher, r.rapport, r.objectif, r.verdict]),
  ]),
);
for (const o of outcomes) for (const s of o.skipped) log(`• ${o.name} : ${s}`);
for (const f of failures) log(`✗ ${f.name} : échec (voir plus haut)`);

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  `${JSON.stringify(
    {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      node: process.version,
      cores,
      loadavg: { start: loadStart, end: os.loadavg() },
      selected: args.names,
      options: args.options,
      summary,
      benches: Object.fromEntries(outcomes.map((o) => [o.name, { skipped: o.skipped, ...o.details }])),
      failures,
    },
    null,
    2,
  )}\n`,
);
log(`\nRésultats : ${path.relative(process.cwd(), file)}`);
process.exit(failures.length > 0 ? 1 : 0);
