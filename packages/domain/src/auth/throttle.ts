/**
 * Login throttling (OWASP): a progressive delay per account-and-address and per address, and a
 * cap of failures per account and hour that does not apply to browsers the owner used before —
 * so an attacker can slow himself down but never lock the owner out.
 */
export const THROTTLE = {
  /** Failures of one account from one address before the first delay. */
  pairFreeFailures: 3,
  /** Failures from one address, all accounts together, before the first delay. */
  ipFreeFailures: 20,
  /** Failures of one account per hour, from untrusted browsers. */
  accountHourlyCap: 100,
  maxDelaySeconds: 15 * 60,
  windowSeconds: 3600,
} as const;

export type ThrottleInput = {
  /** Failures of this account from this address in the window, since its last success. */
  pairFailures: number;
  /** Seconds since the last of those failures. */
  secondsSincePairFailure: number;
  ipFailures: number;
  secondsSinceIpFailure: number;
  /** Failures of this account in the window from untrusted browsers. */
  accountFailures: number;
  /** Seconds until the oldest of those leaves the window. */
  secondsUntilAccountSlot: number;
  trustedDevice: boolean;
};

/** Delay after n failures beyond the free ones: 1 s, 2 s, 4 s… up to 15 minutes. */
export function backoffSeconds(failuresBeyondFree: number): number {
  if (failuresBeyondFree <= 0) return 0;
  return Math.min(2 ** (failuresBeyondFree - 1), THROTTLE.maxDelaySeconds);
}

/** Seconds the caller must still wait before a new attempt is examined; 0 lets it through. */
export function loginWaitSeconds(input: ThrottleInput): number {
  const pairWait = backoffSeconds(input.pairFailures - THROTTLE.pairFreeFailures + 1) - input.secondsSincePairFailure;
  const ipWait =
    backoffSeconds(Math.floor((input.ipFailures - THROTTLE.ipFreeFailures) / 5) + 1) - input.secondsSinceIpFailure;
  const capWait =
    !input.trustedDevice && input.accountFailures >= THROTTLE.accountHourlyCap ? input.secondsUntilAccountSlot : 0;
  return Math.max(
    0,
    Math.ceil(
      Math.max(
        input.pairFailures >= THROTTLE.pairFreeFailures ? pairWait : 0,
        input.ipFailures >= THROTTLE.ipFreeFailures ? ipWait : 0,
        capWait,
      ),
    ),
  );
}
