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

/** 1 or 2 (sex), or 7 or 8 for a temporary number (NIA); 3 and 4 are no longer issued. */
const NIR_PATTERN = /^[1278]\d{4}(?:\d{2}|2A|2B)\d{6}$/;

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
    sexe: nir[0] === '1' ? 1 : nir[0] === '2' ? 2 : null,
    anneeNaissance: nir.slice(1, 3),
    moisNaissance: mois,
  };
}

/**
 * « 1 84 12 76 451 089 46 »: the one way a NIR is shown (screens, PDFs), grouped as on a carte
 * Vitale, with its key — the stored one, or computed when the agent was recorded without it. A
 * temporary number (7 or 8) has no meaningful key: none is shown. Accepts 13 or 15 characters.
 */
export function formatNir(nir: string, cle?: string | null): string {
  const value = cleanNir(nir);
  const n = value.slice(0, 13);
  const grouped = `${n.slice(0, 1)} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7, 10)} ${n.slice(10, 13)}`;
  if (!NIR_PATTERN.test(n) || n[0] === '7' || n[0] === '8') return grouped;
  const key = cle || (value.length === 15 ? value.slice(13) : nirKey(n));
  return `${grouped} ${key}`;
}

/** The sex the NIR gives (1 → M, 2 → F); null for a temporary number (7, 8), which says nothing of it. */
export function sexeFromNir(nir: string): 'M' | 'F' | null {
  const first = cleanNir(nir)[0];
  return first === '1' ? 'M' : first === '2' ? 'F' : null;
}

export type NirIdentiteProblem = {
  field: 'sexe' | 'dateNaissance';
  message: string;
  severity: 'erreur' | 'avertissement';
};

/**
 * Compares the NIR with the identity typed for the agent (domain §7): the sex digit, the year and
 * the month of birth. Months 20–42 and 50–99 are legitimate (unknown month, born abroad…): they
 * give a warning, never a block. Temporary numbers are not compared.
 */
export function checkNirIdentite(
  nir: string,
  identite: { sexe: 'M' | 'F' | null; dateNaissance: string | null },
): NirIdentiteProblem[] {
  const check = checkNir(nir);
  if (!check.ok || check.temporaire) return [];
  const problems: NirIdentiteProblem[] = [];
  if (identite.sexe && check.sexe && (identite.sexe === 'M' ? 1 : 2) !== check.sexe) {
    problems.push({
      field: 'sexe',
      severity: 'erreur',
      message: `Le NIR commence par ${check.sexe} (${check.sexe === 1 ? 'homme' : 'femme'}) : il ne correspond pas au sexe saisi.`,
    });
  }
  if (identite.dateNaissance) {
    const [y, m] = identite.dateNaissance.split('-');
    if (y?.slice(2) !== check.anneeNaissance) {
      problems.push({
        field: 'dateNaissance',
        severity: 'erreur',
        message: `Le NIR indique une naissance en ${check.anneeNaissance} (chiffres 2 et 3) : l’année de naissance saisie est ${y}.`,
      });
    }
    const mois = Number(check.moisNaissance);
    if (mois >= 1 && mois <= 12) {
      if (String(mois).padStart(2, '0') !== m) {
        problems.push({
          field: 'dateNaissance',
          severity: 'erreur',
          message: `Le NIR indique un mois de naissance ${check.moisNaissance} (chiffres 4 et 5) : le mois saisi est ${m}.`,
        });
      }
    } else {
      problems.push({
        field: 'dateNaissance',
        severity: 'avertissement',
        message: `Le mois du NIR (${check.moisNaissance}) est inhabituel (naissance à l’étranger ou mois inconnu) : vérifiez le numéro.`,
      });
    }
  }
  return problems;
}

/**
 * A NIR for those who need not identify the person: its first five characters (sex, year and
 * month of birth) and dots for the rest, so that `formatNir` still groups it (« 1 84 12 •• ••• ••• »).
 */
export function maskNir(nir: string): string {
  const value = cleanNir(nir).slice(0, 13);
  return value.slice(0, 5) + '•'.repeat(Math.max(0, value.length - 5));
}
