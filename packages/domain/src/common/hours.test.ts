import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHours, parseHours } from './hours.js';

describe('heures hebdomadaires', () => {
  it.each([
    ['7h45', 775],
    ['7 h 45', 775],
    ['7H45', 775],
    ['7:45', 775],
    ['7,75', 775],
    ['7.75', 775],
    ['17h30', 1750],
    ['17,5', 1750],
    ['30,5 h', 3050],
    ['7.75h', 775],
    ['28', 2800],
    ['28 h', 2800],
    ['28h', 2800],
    ['8h20', 833],
    ['0h30', 50],
    [' 24 h 00 ', 2400],
  ])('%j → %i centièmes', (text, hundredths) => {
    expect(parseHours(text)).toBe(hundredths);
  });

  it.each(['', 'h', '7h5', '7h60', '7,755', '7:', '7 heures et demie', 'sept', '-3', '7.7.7'])('refuses %j', (text) => {
    expect(parseHours(text)).toBeNull();
  });

  it.each([
    [1750, '17 h 30'],
    [775, '7 h 45'],
    [2800, '28 h'],
  ])('%i → %s', (hundredths, text) => {
    expect(formatHours(hundredths)).toBe(text);
  });

  it('property: what is shown reads back to the same minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 35 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const parsed = parseHours(`${h}h${String(m).padStart(2, '0')}`)!;
        return parseHours(formatHours(parsed)) === parsed;
      }),
    );
  });
});
