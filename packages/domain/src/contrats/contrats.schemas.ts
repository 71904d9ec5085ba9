import { z } from 'zod';
import { zListQuery, zPage } from '../common/pagination.js';

export const REGIMES = ['CNRACL', 'IRCANTEC'] as const;
export const ZRegime = z.enum(REGIMES, { error: 'Choisissez le régime : CNRACL ou IRCANTEC.' });
export type TRegime = z.infer<typeof ZRegime>;

/** Risks a contract may cover (domain §3). Maternité covers paternité and adoption too. */
export const RISQUES = [
  'deces',
  'accident_service',
  'accident_trajet',
  'maladie_professionnelle',
  'maladie_ordinaire',
  'clm',
  'cld',
  'cgm',
  'maternite',
  'tpt',
  'disponibilite_office',
] as const;
export const ZRisque = z.enum(RISQUES, { error: 'Risque inconnu.' });
export type TRisque = z.infer<typeof ZRisque>;

export const risqueLabels: Record<TRisque, string> = {
  deces: 'Décès',
  accident_service: 'Accident de service / du travail',
  accident_trajet: 'Accident de trajet',
  maladie_professionnelle: 'Maladie professionnelle',
  maladie_ordinaire: 'Maladie ordinaire',
  clm: 'Congé de longue maladie (CLM)',
  cld: 'Congé de longue durée (CLD)',
  cgm: 'Congé de grave maladie (CGM)',
  maternite: 'Maternité, paternité, adoption',
  tpt: 'Temps partiel thérapeutique',
  disponibilite_office: 'Disponibilité d’office',
};

/** CLM and CLD exist only for CNRACL agents, CGM only for IRCANTEC ones (domain §3). */
export const risquesParRegime: Record<TRegime, readonly TRisque[]> = {
  CNRACL: [
    'deces',
    'accident_service',
    'accident_trajet',
    'maladie_professionnelle',
    'maladie_ordinaire',
    'clm',
    'cld',
    'maternite',
    'tpt',
    'disponibilite_office',
  ],
  IRCANTEC: ['accident_service', 'accident_trajet', 'maladie_professionnelle', 'maladie_ordinaire', 'cgm', 'maternite'],
};

/** Optional elements of the base de l'assurance (TBI is always insured). */
export const ELEMENTS_BASE = ['nbi', 'sft', 'ir', 'ri', 'cp'] as const;
export const ZElementBase = z.enum(ELEMENTS_BASE);
export type TElementBase = z.infer<typeof ZElementBase>;
export const elementLabels: Record<TElementBase | 'tbi', string> = {
  tbi: 'Traitement brut indiciaire (TBI)',
  nbi: 'Nouvelle bonification indiciaire (NBI)',
  sft: 'Supplément familial de traitement (SFT)',
  ir: 'Indemnité de résidence (IR)',
  ri: 'Régime indemnitaire (RI)',
  cp: 'Charges patronales (CP)',
};

export const FRANCHISE_UNITES = ['jours_fermes_par_arret', 'jours_fermes_par_sinistre'] as const;
export const franchiseUniteLabels: Record<(typeof FRANCHISE_UNITES)[number], string> = {
  jours_fermes_par_arret: 'jours fermes par arrêt',
  jours_fermes_par_sinistre: 'jours fermes par sinistre',
};

/** Late declaration (contract parameter, domain §6.1.12): refused, or covered only from its reception. */
export const HORS_DELAI_REGLES = ['refus', 'couverture_a_reception'] as const;
export type THorsDelaiRegle = (typeof HORS_DELAI_REGLES)[number];
export const horsDelaiRegleLabels: Record<THorsDelaiRegle, string> = {
  refus: 'Refus de prise en charge',
  couverture_a_reception: 'Prise en charge à compter de la réception',
};

const days = (label: string) =>
  z
    .number({ error: `${label} : indiquez un nombre de jours.` })
    .int(`${label} : un nombre entier de jours.`)
    .min(0, `${label} : un nombre positif.`)
    .max(36500, `${label} : 100 ans au plus.`);

export const ZGarantie = z.object({
  risque: ZRisque,
  couvert: z.boolean(),
  franchiseNombre: z
    .number()
    .int()
    .min(0, 'La franchise ne peut être négative.')
    .max(365, 'La franchise ne peut dépasser 365 jours.'),
  franchiseUnite: z.enum(FRANCHISE_UNITES),
  /** Share of the insured amounts reimbursed, in %. */
  remboursementPct: z
    .number()
    .int()
    .min(1, 'Le taux de remboursement est compris entre 1 et 100 %.')
    .max(100, 'Le taux de remboursement est compris entre 1 et 100 %.'),
  delaiDeclarationJours: days('Délai de déclaration'),
  delaiPiecesJours: days('Délai des pièces'),
  delaiPiecesMedicalesJours: days('Délai des pièces médicales'),
  delaiDecesJours: days('Délai en cas de décès'),
  /**
   * An arrêt declared past `delaiDeclarationJours` after its start: refused, or covered from its
   * reception. Until a contract says, the rule that never refuses on its own.
   */
  horsDelaiRegle: z
    .enum(HORS_DELAI_REGLES, { error: 'Déclaration tardive : choisissez le refus ou la prise en charge à réception.' })
    .default('couverture_a_reception'),
  /** A rechute after a return longer than 48 h starts a new franchise (domain §6.1.1); most contracts say yes. */
  rechuteNouvelleFranchise: z
    .boolean({ error: 'Rechute : indiquez si elle ouvre une nouvelle franchise.' })
    .default(true),
  /** The capital the décès garantie pays, in cents; null when it pays none (or for another risk). */
  capitalDeces: z
    .number({ error: 'Capital décès : indiquez un montant.' })
    .int('Capital décès : montant en centimes entiers.')
    .min(0, 'Capital décès : le montant ne peut être négatif.')
    .max(10_000_000_000, 'Capital décès : 100 millions d’euros au plus.')
    .nullable()
    .default(null),
});
export type TGarantie = z.output<typeof ZGarantie>;
export type TGarantieInput = z.input<typeof ZGarantie>;

const isoDate = (label: string) => z.iso.date({ error: `${label} : date invalide (jj/mm/aaaa).` });

/** Contribution rates are stored in thousandths of a percent: 6,500 % → 6500. */
export const TAUX_SCALE = 100_000;

export const ZContratInput = z
  .object({
    numero: z
      .string({ error: 'Le numéro de contrat est obligatoire.' })
      .trim()
      .min(1, 'Le numéro de contrat est obligatoire.')
      .max(50),
    libelle: z.string({ error: 'Le libellé est obligatoire.' }).trim().min(1, 'Le libellé est obligatoire.').max(200),
    regime: ZRegime,
    assureur: z.string({ error: 'L’assureur est obligatoire.' }).trim().min(1, 'L’assureur est obligatoire.').max(200),
    courtier: z.string().trim().max(200).nullable().optional(),
    dateEffet: isoDate('Date d’effet'),
    dateFin: isoDate('Date de fin'),
    preavisAssureurMois: z.number().int().min(0).max(24, 'Le préavis ne dépasse pas 24 mois.'),
    preavisAssureMois: z.number().int().min(0).max(24, 'Le préavis ne dépasse pas 24 mois.'),
    /** Thousandths of a percent (6,500 % → 6500). */
    tauxCotisation: z
      .number({ error: 'Le taux de cotisation est obligatoire.' })
      .int()
      .min(1, 'Le taux de cotisation doit être positif.')
      .max(50_000, 'Le taux de cotisation ne peut dépasser 50 %.'),
    elementsAssurables: z.array(ZElementBase).max(5),
    garanties: z.array(ZGarantie).min(1, 'Indiquez au moins une garantie.'),
  })
  .superRefine((c, ctx) => {
    if (c.dateFin < c.dateEffet)
      ctx.addIssue({ code: 'custom', path: ['dateFin'], message: 'La date de fin précède la date d’effet.' });
    const allowed = risquesParRegime[c.regime];
    const seen = new Set<string>();
    c.garanties.forEach((g, i) => {
      if (!allowed.includes(g.risque))
        ctx.addIssue({
          code: 'custom',
          path: ['garanties', i, 'risque'],
          message: `Le risque « ${risqueLabels[g.risque]} » n’existe pas pour le régime ${c.regime}.`,
        });
      if (seen.has(g.risque))
        ctx.addIssue({
          code: 'custom',
          path: ['garanties', i, 'risque'],
          message: `Le risque « ${risqueLabels[g.risque]} » figure deux fois.`,
        });
      seen.add(g.risque);
      if (g.capitalDeces !== null && g.risque !== 'deces')
        ctx.addIssue({
          code: 'custom',
          path: ['garanties', i, 'capitalDeces'],
          message: 'Capital décès : seule la garantie décès verse un capital.',
        });
    });
  });
export type TContratInput = z.input<typeof ZContratInput>;

export const ZContrat = z.object({
  id: z.uuid(),
  numero: z.string(),
  libelle: z.string(),
  regime: ZRegime,
  assureur: z.string(),
  courtier: z.string().nullable(),
  dateEffet: z.string(),
  dateFin: z.string(),
  preavisAssureurMois: z.number(),
  preavisAssureMois: z.number(),
  tauxCotisation: z.number(),
  elementsAssurables: z.array(ZElementBase),
  garanties: z.array(ZGarantie),
  /** For the current collectivité: the date it joined this contract. */
  dateAdhesion: z.string().nullable(),
  documents: z.array(z.object({ id: z.uuid(), nom: z.string(), taille: z.number(), deposeLe: z.string() })),
});
export type TContrat = z.infer<typeof ZContrat>;

export const ZContratListQuery = zListQuery(['numero', 'dateEffet']).extend({ regime: ZRegime.optional() });
export const ZContratPage = zPage(ZContrat.omit({ garanties: true, documents: true }));

export const ZAdhesionInput = z.object({
  collectiviteId: z.uuid({ error: 'Choisissez une collectivité.' }),
  dateAdhesion: isoDate('Date d’adhésion'),
});

/** « 6,500 % » from 6500. */
export function formatTaux(taux: number): string {
  return `${(taux / 1000).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 3 })} %`;
}
