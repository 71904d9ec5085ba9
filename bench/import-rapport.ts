/**
 * Tables, summary rows and JSON details of the `import` benchmark.
 *
 * Wall times are what the goals are about, but this machine is shared: every run also reads, from
 * /proc, how long the serial work waited for a processor (run queue) — the server's main thread,
 * and PostgreSQL's backends — and subtracts it. « Hors attente » estimates the same run on a quiet
 * machine; the ratio to the floor is computed the same way on both sides.
 */
import type { ChildDrained, PhaseProfile } from './import-enfant.js';
import type { FloorRun } from './import-plancher.js';
import type { Sched } from './lib/process.js';
import type { SummaryRow } from './lib/report.js';
import { ms, num, pct, table } from './lib/stats.js';

export const GOALS = { shareOfCopy: 0.25, peakRssBytes: 300 * 1024 * 1024, pgliteMs: 2000 };

export type Kind = 'PostgreSQL' | 'PGlite';

export type ImportRun = {
  /** Upload start to « terminé ». */
  ms: number;
  uploadMs: number;
  jobMs: number;
  /** CPU of the application's process over the same span, all threads (V8 compiles and collects in the background). */
  serverCpuMs: number | null;
  /** Its main thread: the event loop (JavaScript, and PGlite's WebAssembly). */
  mainThread: Sched | null;
  /** The PostgreSQL backends of its database (local server); null on PGlite. */
  database: Sched | null;
  memory: { baseline: number; peak: number; kernelPeak: boolean; samples: [number, number][] };
  drained: ChildDrained;
  result: { statut: string; lignes: number; crees: number; misAJour: number; inchanges: number; encodage: string };
};

export type CaseResult = {
  kind: Kind;
  lines: number;
  floors: FloorRun[];
  first: ImportRun;
  again: ImportRun;
  fileBytes: number;
  floorBytes: number;
  nodeFlags: string[];
  /** How the server's child was started. */
  command: string;
};

const mb = (bytes: number) => `${num(bytes / 1024 / 1024)} Mo`;
const opt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : ms(v));
const average = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** Wall time minus the run-queue waits of the serial work (NaN when /proc could not be read). */
export function quietMs(r: ImportRun | FloorRun): number {
  if ('result' in r) {
    const waits = (r.mainThread?.waitMs ?? Number.NaN) + (r.database ? r.database.waitMs : 0);
    return r.ms - waits;
  }
  return r.ms - (r.sched?.waitMs ?? Number.NaN);
}

export const floorMs = (c: CaseResult) => average(c.floors.map((f) => f.ms));
export const floorQuietMs = (c: CaseResult) => average(c.floors.map(quietMs));

export function runsTable(c: CaseResult): string {
  const floor = floorMs(c);
  const floorQuiet = floorQuietMs(c);
  const waits = (r: ImportRun) => (r.mainThread?.waitMs ?? Number.NaN) + (r.database?.waitMs ?? 0);
  const row = (cas: string, r: ImportRun) => [
    cas,
    ms(r.ms),
    ms(r.uploadMs),
    ms(r.jobMs),
    `${opt(r.serverCpuMs)} (${opt(r.mainThread?.cpuMs)})`,
    opt(r.database?.cpuMs),
    ms(waits(r)),
    ms(quietMs(r)),
    mb(r.memory.peak),
    mb(r.memory.peak - r.memory.baseline),
    num((c.lines / r.ms) * 1000),
    pct(floor / r.ms),
    pct(floorQuiet / quietMs(r)),
  ];
  const header = [
    'Cas',
    'mur',
    'dépôt',
    'tâche',
    'CPU Node (fil principal)',
    'CPU base',
    'attente processeur',
    'mur hors attente',
    'pic RSS',
    'Δ RSS',
    'lignes/s',
    '/ COPY',
    '/ COPY hors attente',
  ];
  const floorRow = (f: FloorRun, i: number) => {
    const label = `COPY brut ${i === 0 ? 'avant' : 'après'}`;
    // On PGlite the COPY runs in this process's main thread, on PostgreSQL in a backend.
    const work = c.kind === 'PGlite' ? [`— (${opt(f.sched?.cpuMs)})`, '—'] : ['—', opt(f.sched?.cpuMs)];
    return [
      label,
      ms(f.ms),
      '—',
      '—',
      ...work,
      opt(f.sched?.waitMs),
      ms(quietMs(f)),
      '—',
      '—',
      num((c.lines / f.ms) * 1000),
      '—',
      '—',
    ];
  };
  return table([
    header,
    ...c.floors.map(floorRow),
    row('import (création)', c.first),
    row('réimport (inchangé)', c.again),
  ]);
}

export function phasesTable(phases: PhaseProfile[], statements: ChildDrained['statements']): string {
  return [
    table([
      ['Phase de la tâche (import)', 'mur', 'CPU Node', 'base', 'requêtes'],
      ...phases.map((p) => [p.phase, ms(p.ms), ms(p.cpuMs), ms(p.dbMs), num(p.statements)]),
    ]),
    table([
      ['Requêtes de la tâche (import)', 'nombre', 'temps base'],
      ...Object.entries(statements)
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([kind, s]) => [kind, num(s.count), ms(s.ms)]),
    ]),
  ].join('\n\n');
}

export function summarize(c: CaseResult, short: boolean): SummaryRow[] {
  const verdict = (ok: boolean): SummaryRow['verdict'] => (short ? 'info' : ok ? 'atteint' : 'manqué');
  const label = `${num(c.lines)} lignes, ${c.kind}`;
  const floor = floorMs(c);
  const floorQuiet = floorQuietMs(c);
  const quiet = quietMs(c.first);
  const cpuText = (r: ImportRun) =>
    c.kind === 'PostgreSQL'
      ? `CPU Node ${opt(r.mainThread?.cpuMs)} + base ${opt(r.database?.cpuMs)}`
      : `CPU ${opt(r.mainThread?.cpuMs)}`;
  // The server's peak over both imports: the heap a first import leaves is still there for the next.
  const peak = Math.max(c.first.memory.peak, c.again.memory.peak);
  const timeGoal =
    c.kind === 'PostgreSQL'
      ? { text: `≥ ${pct(GOALS.shareOfCopy)}`, ok: (share: number, _ms: number) => share >= GOALS.shareOfCopy }
      : { text: `< ${ms(GOALS.pgliteMs)}`, ok: (_share: number, t: number) => t < GOALS.pgliteMs };
  const estimated = Number.isFinite(quiet) && Number.isFinite(floorQuiet);
  return [
    {
      banc: 'import',
      mesure: `Import ${label}`,
      resultat: `${ms(c.first.ms)} (${cpuText(c.first)})`,
      plancher: `COPY ${ms(floor)}`,
      rapport: `${pct(floor / c.first.ms)} du débit du COPY`,
      objectif: timeGoal.text,
      verdict: verdict(timeGoal.ok(floor / c.first.ms, c.first.ms)),
    },
    {
      banc: 'import',
      mesure: `Import ${label}, hors attente processeur (estimation machine calme)`,
      resultat: estimated ? ms(quiet) : '— (/proc illisible)',
      plancher: `COPY ${ms(floorQuiet)}`,
      rapport: `${pct(floorQuiet / quiet)} du débit du COPY`,
      objectif: `${timeGoal.text} (estimation)`,
      verdict: estimated ? verdict(timeGoal.ok(floorQuiet / quiet, quiet)) : 'info',
    },
    {
      banc: 'import',
      mesure: `Mémoire du serveur, ${label}`,
      resultat: `pic ${mb(peak)} (import ${mb(c.first.memory.peak)}, réimport ${mb(c.again.memory.peak)})`,
      plancher: `repos ${mb(c.first.memory.baseline)}`,
      rapport: `+${mb(peak - c.first.memory.baseline)}`,
      objectif: c.kind === 'PostgreSQL' ? `< ${mb(GOALS.peakRssBytes)}` : '— (information)',
      verdict: c.kind === 'PostgreSQL' ? verdict(peak < GOALS.peakRssBytes) : 'info',
    },
    {
      banc: 'import',
      mesure: `Réimport identique, ${label}`,
      resultat: `${ms(c.again.ms)} (${cpuText(c.again)})`,
      plancher: `COPY ${ms(floor)}`,
      rapport: `${pct(floor / c.again.ms)} du débit du COPY`,
      objectif: '— (information)',
      verdict: 'info',
    },
  ];
}

export function details(c: CaseResult) {
  const slim = (r: ImportRun) => ({
    ...r,
    quietMs: quietMs(r),
    // One sample in four is plenty for the JSON file.
    memory: { ...r.memory, samples: r.memory.samples.filter((_, i) => i % 4 === 0) },
  });
  return {
    lines: c.lines,
    fileBytes: c.fileBytes,
    floorBytes: c.floorBytes,
    nodeFlags: c.nodeFlags,
    command: c.command,
    floors: c.floors.map((f) => ({ ...f, quietMs: quietMs(f) })),
    runs: { first: slim(c.first), again: slim(c.again) },
  };
}
