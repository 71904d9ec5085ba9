/**
 * SIRET: 14 digits whose Luhn checksum is valid (INSEE). La Poste establishments
 * (SIREN 356000000) follow a different rule: the sum of the digits is a multiple of 5.
 */
export function isValidSiret(value: string): boolean {
  const siret = value.replace(/\s/g, '');
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000')) {
    const sum = [...siret].reduce((s, d) => s + Number(d), 0);
    return sum % 5 === 0;
  }
  return luhn(siret);
}

/** SIREN: 9 digits with a valid Luhn checksum. */
export function isValidSiren(value: string): boolean {
  const siren = value.replace(/\s/g, '');
  return /^\d{9}$/.test(siren) && luhn(siren);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Doubling starts from the second digit from the right.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Formats a SIRET as the INSEE prints it: 123 456 789 00012. */
export function formatSiret(siret: string): string {
  const s = siret.replace(/\s/g, '');
  return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`;
}
