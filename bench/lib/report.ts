/** One line of the final table. Goals are reported, never asserted: a missed goal does not fail the run. */
export type SummaryRow = {
  banc: string;
  mesure: string;
  resultat: string;
  plancher: string;
  rapport: string;
  objectif: string;
  verdict: 'atteint' | 'manqué' | 'info' | 'invalide';
};

export type BenchOutcome = {
  name: string;
  /** Why (part of) the benchmark did not run. */
  skipped: string[];
  summary: SummaryRow[];
  /** Everything measured, for the JSON file. */
  details: Record<string, unknown>;
};

export type BenchOptions = {
  /** Seconds of each load measurement. */
  durationSeconds: number;
  connections: number;
  /** Sequential logins timed. */
  loginRuns: number;
  /** Cold starts per case. */
  startRuns: number;
  /** `--court`: smaller data sets, to tune a benchmark; its goals are then reported as information only. */
  short: boolean;
  /** `--echelle=x`: scale factor of the `echelle` database (1, the national scale, by default). */
  echelle?: number;
  /** `--agents= --lignes= --echantillons=`: sizes of the `reactivite` benchmark. */
  reactivite?: { agents: number; lignes: number; echantillons: number };
};

export function log(message: string) {
  console.log(message);
}

/**
 * Clean-up work (drop the throwaway database, stop servers) that must also run on Ctrl-C:
 * each benchmark pushes here and pops in `finally`; run.ts drains what is left on a signal.
 */
export class Cleanup {
  static readonly pending = new Set<Cleanup>();
  private readonly fns: (() => Promise<unknown> | unknown)[] = [];

  constructor() {
    Cleanup.pending.add(this);
  }

  defer(fn: () => Promise<unknown> | unknown) {
    this.fns.push(fn);
  }

  /** Runs in reverse order; a failing step is reported and the others still run. */
  async run() {
    Cleanup.pending.delete(this);
    while (this.fns.length > 0) {
      const fn = this.fns.pop()!;
      try {
        await fn();
      } catch (e) {
        console.error('  nettoyage incomplet :', e instanceof Error ? e.message : e);
      }
    }
  }

  static async runAll() {
    for (const c of [...Cleanup.pending]) await c.run();
  }
}
