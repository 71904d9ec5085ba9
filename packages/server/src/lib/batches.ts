import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Rows of a large read (an export), `size` at a time: `read(after, size)` returns the rows that
 * follow `after` (the last row of the previous batch, null for the first) in a stable order, by
 * keyset rather than OFFSET so every batch costs the same.
 *
 * The first batch is read before this resolves, so a caller starts its answer (a 200 with a file)
 * only once the query is known to work. Between two batches the event loop gets a full turn: on
 * PGlite a query never leaves the microtask queue (its WebAssembly runs synchronously), so without
 * it a whole export would run as one task and every other request of the instance would wait for
 * it; with it, the requests that arrived meanwhile are read and their queries queue before ours.
 * No transaction is held across batches: each batch is its own snapshot, which suits a list that
 * a user downloads (PGlite has one connection: a long transaction would stop every other request).
 */
export async function readInBatches<R>(
  read: (after: R | null, size: number) => Promise<R[]>,
  size: number,
): Promise<AsyncIterable<R[]>> {
  const first = await read(null, size);
  return (async function* () {
    let rows = first;
    for (;;) {
      if (rows.length > 0) yield rows;
      if (rows.length < size) return;
      await nextTurn();
      rows = await read(rows[rows.length - 1]!, size);
    }
  })();
}

/** Gives the event loop a turn every `every` calls: for long synchronous loops (parsing, formatting). */
export function yielder(every: number) {
  let count = 0;
  return async () => {
    if (++count % every === 0) await nextTurn();
  };
}

export { nextTurn };
