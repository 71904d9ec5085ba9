/**
 * NIR (numéro d'inscription au répertoire, « n° de sécurité sociale »): 13 characters — sex (1),
 * year (2), month (2), département (2, or 2A/2B for Corsica), commune or country (3), order (3) —
 * then an optional 2-digit key = 97 − (number mod 97), with 2A → 19 and 2B → 18 before the modulo.
 * Temporary numbers (NIA) start with 7 or 8 and have no meaningful key.
 */
export type NirCheck =
  | {
      ok: true;
      nir: string;
      cle: string | null;
      temporaire: boolean;
      sexe: 1 | 2 | null;
      anneeNaissance: string;
      moisNaissance: string;
    }
  | { ok: false; message: string };

/** Removes spaces, dots and dashes users type to group digits; upper-cases 2a/2b. */
export function cleanNir(value: string): string {
  return value.replace(/[\s.\-_]/g, '').toUpperCase();
}

/** The key of a 13-character NIR (Corsican départements translated first). */
export function nirKey(nir13: string): string {
  const numeric = nir13.replace('2A', '19').replace('2B', '18');
  const mod = Number(BigInt(numeric) % 97n);
  return String(97 - mod).padStart(2, '0');
}

const NIR_PATTERN = /^[1-478]\d{4}(?:\d{2}|2A|2B)\d{6}$/;

export function checkNir(input: string): NirCheck {
  const value = cleanNir(input);
  if (value.length !== 13 && value.length !== 15) {
    return {
      ok: false,
      message: `Le NIR comporte 13 chiffres (sans la clé) ou 15 avec la clé ; ${value.length} caractère${value.length > 1 ? 's' : ''} saisi${value.length > 1 ? 's' : ''}.`,
    };
  }
  const nir = value.slice(0, 13);
  const cle = value.length === 15 ? value.slice(13) : null;
  if (cle !== null && !/^\d{2}$/.test(cle)) return { ok: false, message: 'La clé du NIR est composée de 2 chiffres.' };
  if (!/^[0-9]/.test(nir)) return { ok: false, message: 'Le NIR commence par un chiffre (1 ou 2 pour le sexe).' };
  const temporaire = nir[0] === '7' || nir[0] === '8';
  if (!NIR_PATTERN.test(nir)) {
    if (!/^\d{5}(?:\d{2}|2A|2B)\d{6}$/.test(nir)) {
      return { ok: false, message: 'Le NIR ne contient que des chiffres (et 2A ou 2B pour la Corse).' };
    }
    return {
      ok: false,
      message: 'Le premier chiffre du NIR doit être 1 (homme) ou 2 (femme), ou 7 ou 8 pour un numéro provisoire.',
    };
  }
  const mois = nir.slice(3, 5);
  // Months 20–42 and 50–99 exist for people born abroad or with an unknown month.
  if (mois === '00') return { ok: false, message: 'Le mois de naissance du NIR (chiffres 4 et 5) ne peut être 00.' };
  if (!temporaire && cle !== null && nirKey(nir) !== cle) {
    return {
      ok: false,
      message: `La clé du NIR est fausse : pour ${nir} elle vaut ${nirKey(nir)}. Vérifiez le numéro.`,
    };
  }
  return {
    ok: true,
    nir,
    cle,
    temporaire,
    sexe: nir[0] === '1' || nir[0] === '3' ? 1 : nir[0] === '2' || nir[0] === '4' ? 2 : null,
    anneeNaissance: nir.slice(1, 3),
    moisNaissance: mois,
  };
}

/** 1 84 12 76 451 089 (46): the NIR as printed on a carte Vitale. */
export function formatNir(nir: string, cle?: string | null): string {
  const n = nir.slice(0, 13);
  const grouped = `${n.slice(0, 1)} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7, 10)} ${n.slice(10, 13)}`;
  return cle ? `${grouped} ${cle}` : grouped;
}
