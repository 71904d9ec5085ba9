/** Time is a dependency so that expiry, throttling and date rules can be tested. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock the tests move by hand. */
export function manualClock(start: Date | string): Clock & { advance(ms: number): void; set(d: Date | string): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
    set: (d) => {
      current = new Date(d);
    },
  };
}

/** Built once: creating a formatter with a time zone costs about a millisecond, formatting with it microseconds. */
const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** Today's date in France (YYYY-MM-DD), whatever the server's time zone. */
export function parisDate(at: Date): string {
  return parisDay.format(at);
}

const parisClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * The next instant after `now` that reads `hour:minute` in Paris, for nightly jobs. On the two
 * Sundays of the change of time an hour between 2 and 3 either does not exist (then the instant an
 * hour later, in winter time's reckoning, is taken) or comes twice (then the first one).
 */
export function prochaineHeureParis(now: Date, hour: number, minute: number): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const wanted = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  for (let d = 0; d < 3; d++) {
    // Paris is UTC+2 in summer, UTC+1 in winter.
    const [summer, winter] = [2, 1].map(
      (offset) => new Date(day + d * 86_400_000 + (hour - offset) * 3_600_000 + minute * 60_000),
    ) as [Date, Date];
    const at = [summer, winter].find((c) => parisClock.format(c) === wanted) ?? winter;
    if (at > now) return at;
  }
  return new Date(now.getTime() + 86_400_000);
}
