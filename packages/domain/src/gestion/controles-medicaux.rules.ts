import { z } from 'zod';
import { addDays, isIsoDate } from '../common/dates.js';
import { formatDate } from '../common/format.js';

/**
 * Medical checks of an arrêt (issue 9, domain §10): what was asked, by whom, the outcome, its cost
 * and who pays. Never a diagnosis: the schema is strict and refuses any field it does not know.
 */
export const CONTROLE_MEDICAL_TYPES = ['contre_visite', 'expertise', 'conseil_medical'] as const;
export type TControleMedicalType = (typeof CONTROLE_MEDICAL_TYPES)[number];
export const controleMedicalTypeLabels: Record<TControleMedicalType, string> = {
  contre_visite: 'Contre-visite',
  expertise: 'Expertise médicale',
  conseil_medical: 'Conseil médical',
};

export const CONTROLE_MEDICAL_PARTIES = ['employeur', 'cdg', 'assureur'] as const;
export type TControleMedicalPartie = (typeof CONTROLE_MEDICAL_PARTIES)[number];
export const controleMedicalPartieLabels: Record<TControleMedicalPartie, string> = {
  employeur: 'Employeur',
  cdg: 'Centre de gestion',
  assureur: 'Assureur',
};

export const CONTROLE_MEDICAL_RESULTATS = ['justifie', 'non_justifie', 'absent', 'refus'] as const;
export type TControleMedicalResultat = (typeof CONTROLE_MEDICAL_RESULTATS)[number];
export const controleMedicalResultatLabels: Record<TControleMedicalResultat, string> = {
  justifie: 'Arrêt justifié',
  non_justifie: 'Arrêt non justifié à partir d’une date',
  absent: 'Agent absent au contrôle',
  refus: 'Refus de l’agent de se soumettre au contrôle',
};

const date = (message: string) => z.string({ error: message }).refine(isIsoDate, message);

export const MESSAGE_AUCUNE_DONNEE_MEDICALE =
  'Aucune donnée médicale n’est enregistrée (ni diagnostic, ni motif médical) : seulement le contrôle et son résultat.';

/** A medical check as the handler records it; the outcome is null while it is planned. */
export const ZControleMedical = z
  .strictObject(
    {
      type: z.enum(CONTROLE_MEDICAL_TYPES, { error: 'Choisissez : contre-visite, expertise ou conseil médical.' }),
      demandeur: z.enum(CONTROLE_MEDICAL_PARTIES, {
        error: 'Indiquez qui demande le contrôle : employeur, centre de gestion ou assureur.',
      }),
      /** The médecin agréé, or the conseil médical's name. */
      medecin: z
        .string({ error: 'Médecin : champ obligatoire.' })
        .trim()
        .min(1, 'Médecin : champ obligatoire.')
        .max(200, 'Médecin : 200 caractères au plus.'),
      date: date('Date du contrôle invalide.'),
      resultat: z
        .enum(CONTROLE_MEDICAL_RESULTATS, { error: 'Résultat inconnu.' })
        .nullable()
        .optional()
        .transform((v) => v ?? null),
      /** Only for « non justifié »: the first day the arrêt is no longer justified. */
      injustifieAPartirDu: date('Date « non justifié à partir du » invalide.')
        .nullable()
        .optional()
        .transform((v) => v ?? null),
      /** Fee in cents. */
      cout: z
        .number({ error: 'Coût : indiquez un montant.' })
        .int('Coût : montant en centimes entiers.')
        .min(0, 'Coût : le montant ne peut être négatif.')
        .max(100_000_00, 'Coût : montant trop élevé.'),
      payePar: z.enum(CONTROLE_MEDICAL_PARTIES, {
        error: 'Indiquez qui paie le contrôle : employeur, centre de gestion ou assureur.',
      }),
    },
    {
      error: (iss) => (iss.code === 'unrecognized_keys' ? MESSAGE_AUCUNE_DONNEE_MEDICALE : undefined),
    },
  )
  .superRefine((c, ctx) => {
    if (c.resultat === 'non_justifie' && !c.injustifieAPartirDu)
      ctx.addIssue({
        code: 'custom',
        path: ['injustifieAPartirDu'],
        message: 'Indiquez à partir de quelle date l’arrêt n’est plus justifié.',
      });
    if (c.resultat !== 'non_justifie' && c.injustifieAPartirDu)
      ctx.addIssue({
        code: 'custom',
        path: ['injustifieAPartirDu'],
        message: 'La date « non justifié à partir du » ne concerne qu’un arrêt jugé non justifié.',
      });
    if (c.injustifieAPartirDu && c.injustifieAPartirDu < c.date)
      ctx.addIssue({
        code: 'custom',
        path: ['injustifieAPartirDu'],
        message: `L’arrêt ne peut être jugé non justifié avant le contrôle (${formatDate(c.date)}).`,
      });
  });
export type TControleMedicalInput = z.input<typeof ZControleMedical>;
export type TControleMedical = z.output<typeof ZControleMedical>;

/** « à la contre-visite », « à l’expertise médicale », « au conseil médical ». */
const aLa: Record<TControleMedicalType, string> = {
  contre_visite: 'à la contre-visite',
  expertise: 'à l’expertise médicale',
  conseil_medical: 'au conseil médical',
};

export type PeriodeRemboursable = {
  /** Last reimbursable day of the chain; null when nothing of it is. */
  fin: string | null;
  /** The chain was cut by a « non justifié à partir du ». */
  interrompue: boolean;
  message: string;
  /** Absence or refusal at a check: they end nothing by themselves, the handler decides (a sursis, a refusal). */
  alertes: string[];
};

/**
 * The end of the reimbursable period of an arrêt chain (domain §6.1.9): the earliest « non justifié
 * à partir du » date inside the chain ends it the day before; from that day the chain pays nothing
 * (and those days no longer count as MO days, for the engine). A date after the chain changes nothing.
 */
export function finPeriodeRemboursable(
  chaine: { debut: string; fin: string },
  controles: readonly Pick<TControleMedical, 'type' | 'date' | 'resultat' | 'injustifieAPartirDu'>[],
): PeriodeRemboursable {
  const d = formatDate;
  const alertes = controles
    .filter((c) => c.resultat === 'absent' || c.resultat === 'refus')
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((c) =>
      c.resultat === 'absent'
        ? `Agent absent ${aLa[c.type]} du ${d(c.date)} : décidez des suites à donner.`
        : `Refus de l’agent de se soumettre ${aLa[c.type]} du ${d(c.date)} : décidez des suites à donner.`,
    );
  const injustifie = controles
    .map((c) => (c.resultat === 'non_justifie' ? c.injustifieAPartirDu : null))
    .filter((j): j is string => j !== null && j <= chaine.fin)
    .sort()[0];
  if (!injustifie)
    return {
      fin: chaine.fin,
      interrompue: false,
      message: `Période remboursable jusqu’au ${d(chaine.fin)}.`,
      alertes,
    };
  if (injustifie <= chaine.debut)
    return {
      fin: null,
      interrompue: true,
      message: `Arrêt non justifié dès son premier jour (${d(chaine.debut)}) : aucun jour n’est remboursable.`,
      alertes,
    };
  const fin = addDays(injustifie, -1);
  return {
    fin,
    interrompue: true,
    message: `Arrêt non justifié à partir du ${d(injustifie)} : période remboursable jusqu’au ${d(fin)} au lieu du ${d(chaine.fin)}.`,
    alertes,
  };
}
