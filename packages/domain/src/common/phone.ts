import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type PhoneCheck = { ok: true; telephone: string } | { ok: false; message: string };

/**
 * A telephone number as typed (« 02 43 12 34 56 », « 0033 6… », « +44 20 7946 0958 »), checked with
 * libphonenumber's numbering plans (a digit too few or too many is refused). French numbers are kept
 * in the national form a French reader dials, foreign ones in the international form.
 */
export function checkTelephone(input: string): PhoneCheck {
  const number = parsePhoneNumberFromString(input.trim(), 'FR');
  if (!number?.isValid()) {
    return {
      ok: false,
      message: `Le numéro de téléphone « ${input.trim()} » n’est pas valide : 10 chiffres pour un numéro français (exemple : 02 43 12 34 56), ou + et l’indicatif du pays.`,
    };
  }
  return { ok: true, telephone: number.country === 'FR' ? number.formatNational() : number.formatInternational() };
}
