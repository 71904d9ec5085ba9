import { useCallback, useRef, useState } from 'react';

/**
 * One submission at a time. The lock is a ref, not only state: two clicks (or Enter pressed twice)
 * can both arrive before React renders the disabled button, and the second must still be refused.
 */
export function useSubmitLock() {
  const busy = useRef(false);
  const [pending, setPending] = useState(false);

  /** Runs `task` unless a submission is already running; resolves `undefined` when refused. */
  const run = useCallback(async <T>(task: () => Promise<T>): Promise<T | undefined> => {
    if (busy.current) return undefined;
    busy.current = true;
    setPending(true);
    try {
      return await task();
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, []);

  const isBusy = useCallback(() => busy.current, []);

  return { pending, run, isBusy };
}
