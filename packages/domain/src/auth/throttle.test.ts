import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffSeconds, loginWaitSeconds, THROTTLE, type ThrottleInput } from './throttle.js';

const calm: ThrottleInput = {
  pairFailures: 0,
  secondsSincePairFailure: 0,
  ipFailures: 0,
  secondsSinceIpFailure: 0,
  accountFailures: 0,
  secondsUntilAccountSlot: 0,
  trustedDevice: false,
};

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

  it('slows down an address that tries many accounts', () => {
    expect(loginWaitSeconds({ ...calm, ipFailures: 19 })).toBe(0);
    expect(loginWaitSeconds({ ...calm, ipFailures: 20 })).toBe(1);
    expect(loginWaitSeconds({ ...calm, ipFailures: 30 })).toBe(4);
  });

  it('caps failures per account per hour, except from a browser the owner used before', () => {
    const capped = { ...calm, accountFailures: THROTTLE.accountHourlyCap, secondsUntilAccountSlot: 1200 };
    expect(loginWaitSeconds(capped)).toBe(1200);
    expect(loginWaitSeconds({ ...capped, trustedDevice: true })).toBe(0);
    expect(loginWaitSeconds({ ...capped, accountFailures: 99 })).toBe(0);
  });

  it('property: the wait never exceeds 15 minutes for the delays, nor goes negative', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(2000), fc.nat(500), fc.nat(2000), (pair, since, ip, sinceIp) => {
        const wait = loginWaitSeconds({
          ...calm,
          pairFailures: pair,
          secondsSincePairFailure: since,
          ipFailures: ip,
          secondsSinceIpFailure: sinceIp,
        });
        return wait >= 0 && wait <= THROTTLE.maxDelaySeconds;
      }),
    );
  });

  it('property: more failures never mean a shorter wait', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.nat(100), (pair, since) => {
        const a = loginWaitSeconds({ ...calm, pairFailures: pair, secondsSincePairFailure: since });
        const b = loginWaitSeconds({ ...calm, pairFailures: pair + 1, secondsSincePairFailure: since });
        return b >= a;
      }),
    );
  });
});
