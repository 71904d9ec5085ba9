/** Small statistics and formatting helpers shared by the benchmarks. */

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  return percentileOfSorted(
    [...samples].sort((a, b) => a - b),
    p,
  );
}

function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** The middle value; the mean of the two middle ones for an even count (two samples: their mean). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type Latencies = { p50: number; p95: number; p99: number; min: number; max: number; mean: number };

export function summarize(samples: readonly number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => percentileOfSorted(sorted, p);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

const fr = (digits: number) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return `${fr(value < 10 ? 2 : value < 100 ? 1 : 0).format(value)} ms`;
}

export function num(value: number, digits = 0): string {
  return Number.isFinite(value) ? fr(digits).format(value) : '—';
}

export function pct(ratio: number): string {
  return Number.isFinite(ratio) ? `${fr(0).format(ratio * 100)} %` : '—';
}

export function times(ratio: number): string {
  return Number.isFinite(ratio) ? `×${fr(2).format(ratio)}` : '—';
}

/** A plain-text table; the first row is the header. Numbers are right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
  }
  const numeric = (cell: string) => /^[×\d\s\u202f,.%—ms-]+$/.test(cell) && /\d/.test(cell);
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => {
        const pad = (widths[i] ?? 0) - [...cell].length;
        return numeric(cell) ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
      })
      .join(' │ ');
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  const [header, ...body] = rows;
  return header ? [line(header), rule, ...body.map(line)].join('\n') : '';
}

/** « 1,2 s à 3,4 s »: the range of several samples, as the reports print it. */
export function spread(values: readonly number[]): string {
  return `${ms(Math.min(...values))} à ${ms(Math.max(...values))}`;
}
