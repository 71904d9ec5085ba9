/**
 * Login throttling (OWASP). An office shares one public address (a mairie's whole staff behind
 * one box), so failures are throttled per account — never per address alone at office volumes:
 *
 * - per account and address: a progressive delay after a few failures (1 s, 2 s, 4 s… 15 min);
 * - per account, all addresses: a cap of failures per hour against spreading the guesses;
 * - per address, all accounts: a ceiling only at volumes no office produces (hundreds of failures
 *   in an hour — password spraying), never the typos of colleagues;
 * - from a browser where the owner has logged in before (trusted-device cookie), only the failures
 *   made from trusted browsers count: an attacker can slow himself down, never lock the owner out.
 */
export const THROTTLE = {
  /** Failures of one account from one address before the first delay. */
  pairFreeFailures: 3,
  /** Failures of one account from its trusted browsers (the owner's typos) before the first delay. */
  trustedFreeFailures: 3,
  /** Failures of one account per hour, from untrusted browsers. */
  accountHourlyCap: 100,
  /**
   * Failures per hour from one address, all accounts together, from untrusted browsers. Thirty
   * agents mistyping five times each stay far below; a spraying script does not.
   */
  ipHourlyCeiling: 300,
  maxDelaySeconds: 15 * 60,
  windowSeconds: 3600,
} as const;

export type ThrottleInput = {
  /** The attempt comes with a trusted-device cookie of this account. */
  trustedDevice: boolean;
  /** Failures of this account from this address in the window, since its last success there. */
  pairFailures: number;
  /** Seconds since the last of those failures. */
  secondsSincePairFailure: number;
  /** Failures of this account made from its trusted browsers in the window, since its last success. */
  trustedFailures: number;
  secondsSinceTrustedFailure: number;
  /** Failures of this account in the window from untrusted browsers, all addresses. */
  accountFailures: number;
  /** Seconds until the oldest of those leaves the window. */
  secondsUntilAccountSlot: number;
  /** Failures from this address in the window from untrusted browsers, all accounts. */
  ipFailures: number;
  /** Seconds until the oldest of those leaves the window. */
  secondsUntilIpSlot: number;
};

/** Delay after n failures beyond the free ones: 1 s, 2 s, 4 s… up to 15 minutes. */
export function backoffSeconds(failuresBeyondFree: number): number {
  if (failuresBeyondFree <= 0) return 0;
  return Math.min(2 ** (failuresBeyondFree - 1), THROTTLE.maxDelaySeconds);
}

function progressiveWait(failures: number, free: number, secondsSinceLast: number): number {
  if (failures < free) return 0;
  return backoffSeconds(failures - free + 1) - secondsSinceLast;
}

/** Seconds the caller must still wait before a new attempt is examined; 0 lets it through. */
export function loginWaitSeconds(input: ThrottleInput): number {
  const waits = input.trustedDevice
    ? // The owner's browser: only his own mistakes slow him down.
      [progressiveWait(input.trustedFailures, THROTTLE.trustedFreeFailures, input.secondsSinceTrustedFailure)]
    : [
        progressiveWait(input.pairFailures, THROTTLE.pairFreeFailures, input.secondsSincePairFailure),
        input.accountFailures >= THROTTLE.accountHourlyCap ? input.secondsUntilAccountSlot : 0,
        input.ipFailures >= THROTTLE.ipHourlyCeiling ? input.secondsUntilIpSlot : 0,
      ];
  return Math.max(0, Math.ceil(Math.max(...waits)));
}
