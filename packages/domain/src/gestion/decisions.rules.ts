import { z } from 'zod';
import { isIsoDate } from '../common/dates.js';
import { formatDate } from '../common/format.js';
import { capitalizePrenom } from '../common/french.js';
import { risqueLabels, type TRisque, ZRisque } from '../contrats/contrats.schemas.js';

/** What a handler decides on a file (issue 9); each decision makes a letter to the collectivité and a mail. */
export const DECISION_TYPES = [
  'prise_en_charge',
  'refus',
  'prise_en_charge_partielle',
  'sursis_a_statuer',
  'requalification_acceptee',
  'requalification_refusee',
  'cloture',
] as const;
export type TDecisionType = (typeof DECISION_TYPES)[number];
export const decisionLabels: Record<TDecisionType, string> = {
  prise_en_charge: 'Prise en charge',
  refus: 'Refus de prise en charge',
  prise_en_charge_partielle: 'Prise en charge partielle',
  sursis_a_statuer: 'Sursis à statuer',
  requalification_acceptee: 'Requalification acceptée',
  requalification_refusee: 'Requalification refusée',
  cloture: 'Clôture',
};

/** The ground of a decision: a clause of the contract, or a legal text. */
export const REFERENCE_NATURES = ['contrat', 'legale'] as const;
export type TReferenceNature = (typeof REFERENCE_NATURES)[number];
export const referenceNatureLabels: Record<TReferenceNature, string> = {
  contrat: 'Référence contractuelle',
  legale: 'Référence légale',
};

type Exigence = 'requis' | 'facultatif' | 'exclu';
/** debut: a start date is required, the end optional (« à compter du »); complete: both. */
type ExigencePeriode = Exigence | 'debut' | 'complete';

/**
 * What each decision needs. A refusal or a partial cover says why and on which clause or text; a
 * prise en charge says from when; a sursis says why it waits (a conseil médical, an expertise) and
 * may say until when; an accepted requalification gives the new category and the date from which
 * it applies; a clôture gives its date.
 */
export const DECISION_EXIGENCES: Record<
  TDecisionType,
  { motif: Exigence; reference: Exigence; periode: ExigencePeriode; categorie: Exigence }
> = {
  prise_en_charge: { motif: 'facultatif', reference: 'requis', periode: 'debut', categorie: 'exclu' },
  refus: { motif: 'requis', reference: 'requis', periode: 'facultatif', categorie: 'exclu' },
  prise_en_charge_partielle: { motif: 'requis', reference: 'requis', periode: 'complete', categorie: 'exclu' },
  sursis_a_statuer: { motif: 'requis', reference: 'facultatif', periode: 'facultatif', categorie: 'exclu' },
  requalification_acceptee: { motif: 'facultatif', reference: 'requis', periode: 'debut', categorie: 'requis' },
  requalification_refusee: { motif: 'requis', reference: 'facultatif', periode: 'exclu', categorie: 'exclu' },
  cloture: { motif: 'facultatif', reference: 'exclu', periode: 'debut', categorie: 'exclu' },
};

const texte = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} : ${max.toLocaleString('fr-FR').replace(/\s/g, ' ')} caractères au plus.`)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));
const date = (message: string) => z.string({ error: message }).refine(isIsoDate, message);

/**
 * A decision as the handler enters it. Fields a type excludes are dropped (a form may leave a hidden
 * field filled); required ones are asked for in French, on their field.
 */
export const ZDecisionInput = z
  .object({
    type: z.enum(DECISION_TYPES, { error: 'Choisissez le type de décision.' }),
    motif: texte('Motif', 4000),
    reference: z
      .object({
        nature: z.enum(REFERENCE_NATURES, { error: 'Choisissez : référence contractuelle ou légale.' }),
        texte: z
          .string({ error: 'Référence : champ obligatoire.' })
          .trim()
          .min(1, 'Référence : champ obligatoire.')
          .max(500, 'Référence : 500 caractères au plus.'),
      })
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    periode: z
      .object({
        debut: date('Date de début invalide.').nullable().optional(),
        fin: date('Date de fin invalide.').nullable().optional(),
      })
      .nullable()
      .optional()
      .transform((p) => ({ debut: p?.debut ?? null, fin: p?.fin ?? null })),
    /** The new category of an accepted requalification. */
    categorie: ZRisque.nullable()
      .optional()
      .transform((v) => v ?? null),
  })
  .superRefine((d, ctx) => {
    const e = DECISION_EXIGENCES[d.type];
    const manque = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (e.motif === 'requis' && !d.motif) manque(['motif'], 'Motif : champ obligatoire pour cette décision.');
    if (e.reference === 'requis' && !d.reference)
      manque(['reference', 'texte'], 'Indiquez la référence du contrat ou le texte légal qui fonde la décision.');
    if ((e.periode === 'debut' || e.periode === 'complete') && !d.periode.debut)
      manque(
        ['periode', 'debut'],
        d.type === 'cloture'
          ? 'Indiquez la date de clôture.'
          : 'Indiquez la date à compter de laquelle la décision s’applique.',
      );
    if (e.periode === 'complete' && !d.periode.fin)
      manque(['periode', 'fin'], 'Indiquez la fin de la période prise en charge.');
    if (e.periode !== 'exclu' && d.periode.debut && d.periode.fin && d.periode.fin < d.periode.debut)
      manque(['periode', 'fin'], 'La fin de la période précède son début.');
    if (e.categorie === 'requis' && !d.categorie) manque(['categorie'], 'Choisissez la nouvelle catégorie.');
  })
  .transform((d) => {
    const e = DECISION_EXIGENCES[d.type];
    return {
      type: d.type,
      motif: e.motif === 'exclu' ? null : d.motif,
      reference: e.reference === 'exclu' ? null : d.reference,
      // A clôture has a date, not a period; a sursis may give only the day it waits until.
      periode:
        e.periode === 'exclu' || (!d.periode.debut && !d.periode.fin)
          ? null
          : { debut: d.periode.debut, fin: d.type === 'cloture' ? null : d.periode.fin },
      categorie: e.categorie === 'exclu' ? null : d.categorie,
    };
  });
export type TDecisionInput = z.input<typeof ZDecisionInput>;
export type TDecision = z.output<typeof ZDecisionInput>;

export type LettreDecisionInput = {
  decision: TDecision;
  /** Date of the decision (ISO). */
  date: string;
  sinistre: { numero: string; categorie: TRisque; dateSurvenance: string };
  agent: { nom: string; prenom: string };
  collectivite: { nom: string; adresse: readonly string[] };
  /** The handler's organisation, as it signs: « Centre de gestion de la Lozère ». */
  organisation: { nom: string; ville?: string | null };
  gestionnaire: { prenom: string; nom: string };
};

/** The content of a decision letter, for the server's PDF library to lay out. */
export type LettreDecision = {
  titre: string;
  /** « Mende, le 07/12/2026 » or « Le 07/12/2026 ». */
  lieuDate: string;
  destinataire: string[];
  objet: string;
  paragraphes: string[];
  signature: string[];
};

const d = formatDate;

/** « DUPONT Marie », as files are named. */
export const nomAgent = (a: { nom: string; prenom: string }) =>
  `${a.nom.trim().toLocaleUpperCase('fr-FR')} ${capitalizePrenom(a.prenom)}`;

/** « du 02/03/2026 au 30/06/2026 », « à compter du 02/03/2026 », « jusqu’au 30/06/2026 ». */
function periodeTexte(p: { debut: string | null; fin: string | null }): string {
  if (p.debut && p.fin) return `du ${d(p.debut)} au ${d(p.fin)}`;
  return p.debut ? `à compter du ${d(p.debut)}` : p.fin ? `jusqu’au ${d(p.fin)}` : '';
}

/**
 * The French letter of a decision to the collectivité (issue 9): title, recipient, object
 * « Sinistre n° 2026-000123 — DUPONT Marie », the decision in one sentence, its motif, its
 * reference, and the signature « Le gestionnaire — Centre de gestion … ». Pure: the server
 * renders it as a PDF and mails it.
 */
export function lettreDecision(input: LettreDecisionInput): LettreDecision {
  const { decision, sinistre } = input;
  const agent = nomAgent(input.agent);
  const dossier = `Le sinistre n° ${sinistre.numero} de ${agent} (${risqueLabels[sinistre.categorie]}, survenu le ${d(sinistre.dateSurvenance)})`;
  const p = decision.periode;
  const phrases: Record<TDecisionType, string> = {
    prise_en_charge: `${dossier} est pris en charge au titre du contrat${p ? ` ${periodeTexte(p)}` : ''}.`,
    refus: `${dossier} n’est pas pris en charge${p ? ` ${periodeTexte(p)}` : ''}.`,
    prise_en_charge_partielle: `${dossier} est pris en charge partiellement${p ? `, ${periodeTexte(p)}` : ''} ; le reste de la demande n’est pas pris en charge.`,
    sursis_a_statuer: `La décision sur le sinistre n° ${sinistre.numero} de ${agent} (${risqueLabels[sinistre.categorie]}, survenu le ${d(sinistre.dateSurvenance)}) est suspendue${p?.fin ? ` jusqu’au ${d(p.fin)}` : ''} : nous sursoyons à statuer.`,
    requalification_acceptee: `La demande de requalification du sinistre n° ${sinistre.numero} de ${agent} est acceptée : il relève de la catégorie « ${decision.categorie ? risqueLabels[decision.categorie] : ''} » au lieu de « ${risqueLabels[sinistre.categorie]} »${p ? ` ${periodeTexte(p)}` : ''}. Son remboursement sera recalculé et la différence régularisée.`,
    requalification_refusee: `La demande de requalification du sinistre n° ${sinistre.numero} de ${agent} n’est pas acceptée : il reste en catégorie « ${risqueLabels[sinistre.categorie]} ».`,
    cloture: `${dossier} est clos au ${d(p?.debut ?? input.date)}. Les paiements en cours, tels que les frais médicaux, se poursuivent.`,
  };
  const paragraphes = ['Madame, Monsieur,', phrases[decision.type]];
  if (decision.motif) paragraphes.push(`Motif : ${decision.motif}`);
  if (decision.reference)
    paragraphes.push(`${referenceNatureLabels[decision.reference.nature]} : ${decision.reference.texte}`);
  paragraphes.push(
    'Le gestionnaire de votre dossier reste à votre disposition pour toute question.',
    'Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
  );
  const ville = input.organisation.ville?.trim();
  return {
    titre: `Décision : ${decisionLabels[decision.type].toLocaleLowerCase('fr-FR')}`,
    lieuDate: ville ? `${ville}, le ${d(input.date)}` : `Le ${d(input.date)}`,
    destinataire: [input.collectivite.nom, ...input.collectivite.adresse],
    objet: `Sinistre n° ${sinistre.numero} — ${agent}`,
    paragraphes,
    signature: [
      `${capitalizePrenom(input.gestionnaire.prenom)} ${input.gestionnaire.nom.trim().toLocaleUpperCase('fr-FR')}`,
      `Le gestionnaire — ${input.organisation.nom}`,
    ],
  };
}
