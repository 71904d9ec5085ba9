import { describe, expect, it } from 'vitest';
import { checkTelephone } from './phone.js';

describe('téléphone', () => {
  it.each([
    ['02 43 12 34 56', '02 43 12 34 56'],
    ['0243123456', '02 43 12 34 56'],
    ['02.43.12.34.56', '02 43 12 34 56'],
    ['06-12-34-56-78', '06 12 34 56 78'],
    ['+33 6 12 34 56 78', '06 12 34 56 78'],
    ['0033612345678', '06 12 34 56 78'],
    ['+44 20 7946 0958', '+44 20 7946 0958'],
    ['+1 202 555 0123', '+1 202 555 0123'],
  ])('accepts %j as %j', (input, stored) => {
    expect(checkTelephone(input)).toEqual({ ok: true, telephone: stored });
  });

  it.each(['02 43 12 34 5', '02 43 12 34 56 7', '12', '00 00 00 00 00', 'abc', '+44 20'])('refuses %j', (input) => {
    const r = checkTelephone(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('n’est pas valide');
  });
});

describe('ZTelephone (coordonnées des comptes)', () => {
  it('refuses a digit too few and stores the standard spacing', async () => {
    const { ZTelephone } = await import('../users/users.schemas.js');
    expect(ZTelephone.safeParse('02 43 12 34 5').success).toBe(false);
    expect(ZTelephone.parse('0243123456')).toBe('02 43 12 34 56');
    expect(ZTelephone.parse('')).toBeNull();
  });
});
