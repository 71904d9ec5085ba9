import { addDays } from '../common/dates.js';
import { formatDate } from '../common/format.js';
import {
  risqueLabels,
  risquesParRegime,
  type TGarantie,
  type TRegime,
  type TRisque,
} from '../contrats/contrats.schemas.js';
import type { TArretType } from '../sinistres/arrets.rules.js';
import { categoriesAutorisees } from '../sinistres/sinistres.schemas.js';
import { chainesArrets } from './chaines.rules.js';

/**
 * The categories a sinistre may be requalified into (domain §3): those of the contract's regime
 * (CLM and CLD only CNRACL, CGM only IRCANTEC), covered by the contract when its garanties are
 * given, other than the present one; never « décès », which is a sinistre of its own.
 */
export function ciblesRequalification(
  de: TRisque,
  regime: TRegime,
  garanties?: readonly Pick<TGarantie, 'risque' | 'couvert'>[],
): TRisque[] {
  const permises = garanties ? categoriesAutorisees(regime, garanties) : [...risquesParRegime[regime]];
  return permises.filter((r) => r !== de && r !== 'deces');
}

export type ArretARequalifier = { id: string; type: TArretType; debut: string; fin: string; categorie: TRisque };

/** An arrêt after the requalification: untouched, requalified whole, or shortened to the day before the date. */
export type ArretRequalifie = {
  arretId: string;
  effet: 'inchange' | 'requalifie' | 'raccourci';
  debut: string;
  fin: string;
  categorie: TRisque;
};

/**
 * The second part of the arrêt spanning the date: a new arrêt row, a prolongation of the shortened
 * one, in the new category. `origineId` ties it to the certificate it comes from: its pieces are the
 * original's (not asked again), and its certificate end stays the original's.
 */
export type ArretScinde = { origineId: string; type: 'prolongation'; debut: string; fin: string; categorie: TRisque };

export type RequalificationResultat =
  | {
      ok: true;
      arrets: ArretRequalifie[];
      nouveaux: ArretScinde[];
      /** The sinistre now bears the new category; its arrêts before the date keep the old one. */
      categorieSinistre: TRisque;
      /**
       * The reimbursement must be recomputed (next issue) from the start of the chain holding the
       * date: a requalification recomputes the whole chain (franchise, carence, domain §6.1.16).
       */
      aRecalculer: true;
      recalculDepuis: string;
    }
  | { ok: false; message: string };

/**
 * Accepting a requalification (issue 9): every arrêt from the decided date takes the new category.
 * The category is carried per arrêt, so that the days before the date keep the old one; an arrêt
 * that spans the date is split in two rows — the existing one shortened to the day before, a new
 * prolongation from the date to its end — so that each row has one category and the overlap rule
 * (and the database constraint) still hold. A date before the first arrêt requalifies them all.
 */
export function appliquerRequalification(input: {
  arrets: readonly ArretARequalifier[];
  vers: TRisque;
  aCompterDu: string;
  regime: TRegime;
  /** The category of the sinistre before the decision. */
  de: TRisque;
  garanties?: readonly Pick<TGarantie, 'risque' | 'couvert'>[];
}): RequalificationResultat {
  const d = formatDate;
  if (!ciblesRequalification(input.de, input.regime, input.garanties).includes(input.vers)) {
    const raison =
      input.vers === input.de
        ? 'c’est déjà la catégorie du sinistre'
        : !risquesParRegime[input.regime].includes(input.vers)
          ? `elle n’existe pas pour le régime ${input.regime}`
          : input.vers === 'deces'
            ? 'un décès se déclare comme un sinistre à part'
            : 'le contrat ne couvre pas ce risque';
    return { ok: false, message: `Requalification en « ${risqueLabels[input.vers]} » impossible : ${raison}.` };
  }
  const tries = [...input.arrets].sort((a, b) => a.debut.localeCompare(b.debut));
  const finDernier = tries
    .map((a) => a.fin)
    .sort()
    .at(-1);
  if (!finDernier) return { ok: false, message: 'Aucun arrêt à requalifier : le sinistre n’a pas d’arrêt déclaré.' };
  if (input.aCompterDu > finDernier)
    return {
      ok: false,
      message: `La date d’effet (${d(input.aCompterDu)}) suit la fin du dernier arrêt (${d(finDernier)}) : aucun arrêt ne change de catégorie.`,
    };

  const arrets: ArretRequalifie[] = [];
  const nouveaux: ArretScinde[] = [];
  for (const a of tries) {
    if (a.fin < input.aCompterDu)
      arrets.push({ arretId: a.id, effet: 'inchange', ...periode(a), categorie: a.categorie });
    else if (a.debut >= input.aCompterDu)
      arrets.push({
        arretId: a.id,
        effet: a.categorie === input.vers ? 'inchange' : 'requalifie',
        ...periode(a),
        categorie: input.vers,
      });
    else {
      arrets.push({
        arretId: a.id,
        effet: 'raccourci',
        debut: a.debut,
        fin: addDays(input.aCompterDu, -1),
        categorie: a.categorie,
      });
      nouveaux.push({
        origineId: a.id,
        type: 'prolongation',
        debut: input.aCompterDu,
        fin: a.fin,
        categorie: input.vers,
      });
    }
  }
  const chaine = chainesArrets(tries).find((c) => c.fin >= input.aCompterDu)!;
  return {
    ok: true,
    arrets,
    nouveaux,
    categorieSinistre: input.vers,
    aRecalculer: true,
    recalculDepuis: chaine.debut,
  };
}

const periode = (a: { debut: string; fin: string }) => ({ debut: a.debut, fin: a.fin });
