/** SQL sent by the application, recorded so that a bench can replay it as its raw floor. */
export type Captured = { text: string; values: unknown[] };
export type Queryable = { query: (...args: unknown[]) => unknown };

/** Records the SQL text and parameters sent through `target.query` while `fn` runs. */
export async function captureQueries<T>(
  target: Queryable,
  fn: () => Promise<T>,
): Promise<{ result: T; queries: Captured[] }> {
  const original = target.query;
  const queries: Captured[] = [];
  target.query = function (this: unknown, ...args: unknown[]) {
    const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    const text = typeof config === 'string' ? config : config.text;
    queries.push({ text, values: values ?? (typeof config === 'string' ? [] : (config.values ?? [])) });
    return original.apply(this, args);
  };
  try {
    return { result: await fn(), queries };
  } finally {
    target.query = original;
  }
}
