import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffSeconds, loginWaitSeconds, THROTTLE, type ThrottleInput } from './throttle.js';

const calm: ThrottleInput = {
  trustedDevice: false,
  pairFailures: 0,
  secondsSincePairFailure: 0,
  trustedFailures: 0,
  secondsSinceTrustedFailure: 0,
  accountFailures: 0,
  secondsUntilAccountSlot: 0,
  ipFailures: 0,
  secondsUntilIpSlot: 0,
};

const counters = fc.record({
  trustedDevice: fc.boolean(),
  pairFailures: fc.nat(500),
  secondsSincePairFailure: fc.nat(4000),
  trustedFailures: fc.nat(50),
  secondsSinceTrustedFailure: fc.nat(4000),
  accountFailures: fc.nat(500),
  secondsUntilAccountSlot: fc.nat(3600),
  ipFailures: fc.nat(1000),
  secondsUntilIpSlot: fc.nat(3600),
});

describe('login throttling', () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 4],
    [10, 512],
    [11, 900],
    [40, 900],
  ])('backoff after %i extra failures is %i s', (n, seconds) => {
    expect(backoffSeconds(n)).toBe(seconds);
  });

  it.each([
    // [pair failures, seconds since the last one, expected wait]
    [2, 0, 0], // two mistakes: no delay
    [3, 0, 1], // third failure: 1 s
    [4, 0, 2],
    [4, 2, 0], // the delay has passed
    [6, 1, 7], // 8 s − 1 s
  ])('%i failures of an account from one address, %i s ago → wait %i s', (pair, since, wait) => {
    expect(loginWaitSeconds({ ...calm, pairFailures: pair, secondsSincePairFailure: since })).toBe(wait);
  });

  it.each([
    // [failures from the address, all accounts, expected wait for another account]
    [30, 0], // the reported case: 30 failures in a mairie delayed everybody
    [299, 0], // a busy office never gets here
    [300, 1200], // spraying: the address waits for the oldest failure to leave the hour
  ])('%i failures from one address on other accounts → another account waits %i s', (ip, wait) => {
    expect(loginWaitSeconds({ ...calm, ipFailures: ip, secondsUntilIpSlot: 1200 })).toBe(wait);
  });

  it('caps failures per account per hour, except from a browser the owner used before', () => {
    const capped = { ...calm, accountFailures: THROTTLE.accountHourlyCap, secondsUntilAccountSlot: 1200 };
    expect(loginWaitSeconds(capped)).toBe(1200);
    expect(loginWaitSeconds({ ...capped, trustedDevice: true })).toBe(0);
    expect(loginWaitSeconds({ ...capped, accountFailures: 99 })).toBe(0);
  });

  it('from his trusted browser, the owner is slowed by his own typos only', () => {
    const attacked = {
      ...calm,
      trustedDevice: true,
      pairFailures: 30,
      accountFailures: 500,
      secondsUntilAccountSlot: 3000,
      ipFailures: 1000,
      secondsUntilIpSlot: 3000,
    };
    expect(loginWaitSeconds(attacked)).toBe(0);
    expect(loginWaitSeconds({ ...attacked, trustedFailures: 3 })).toBe(1);
    expect(loginWaitSeconds({ ...attacked, trustedFailures: 5, secondsSinceTrustedFailure: 1 })).toBe(3);
  });

  it('property: the owner from a trusted browser is never refused because of failures he did not make', () => {
    fc.assert(
      fc.property(counters, fc.nat(THROTTLE.trustedFreeFailures - 1), (input, own) => {
        return loginWaitSeconds({ ...input, trustedDevice: true, trustedFailures: own }) === 0;
      }),
    );
  });

  it('property: below the spraying ceiling, failures on other accounts from the address change nothing', () => {
    fc.assert(
      fc.property(counters, fc.nat(THROTTLE.ipHourlyCeiling - 1), (input, ip) => {
        return loginWaitSeconds({ ...input, ipFailures: ip }) === loginWaitSeconds({ ...input, ipFailures: 0 });
      }),
    );
  });

  it('property: the progressive delay never exceeds 15 minutes, nor goes negative', () => {
    fc.assert(
      fc.property(counters, (input) => {
        const wait = loginWaitSeconds({ ...input, accountFailures: 0, ipFailures: 0 });
        return wait >= 0 && wait <= THROTTLE.maxDelaySeconds;
      }),
    );
  });

  it('property: more failures never mean a shorter wait', () => {
    fc.assert(
      fc.property(counters, (input) => {
        const more = {
          ...input,
          pairFailures: input.pairFailures + 1,
          trustedFailures: input.trustedFailures + 1,
          accountFailures: input.accountFailures + 1,
          ipFailures: input.ipFailures + 1,
        };
        return loginWaitSeconds(more) >= loginWaitSeconds(input);
      }),
    );
  });
});
