import { formatDate } from '../common/format.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { estAccident, RISQUES_ACCIDENT } from '../sinistres/enquete.schemas.js';

/**
 * Medical fees (frais médicaux) of a CITIS file (domain §3: « full pay … plus medical fees »): the
 * invoices of the care the accident or the occupational disease needed, paid back at their real
 * amount, to the collectivité that advanced them or directly to the practitioner.
 */

/** The categories whose files carry medical fees: the CITIS ones (accident de service, de trajet, maladie professionnelle). */
export const RISQUES_FRAIS_MEDICAUX = RISQUES_ACCIDENT;
export const ouvreFraisMedicaux = (categorie: TRisque): boolean => estAccident(categorie);

export const FRAIS_NATURES = [
  'consultation',
  'pharmacie',
  'kinesitherapie',
  'hospitalisation',
  'transport',
  'appareillage',
  'autre',
] as const;
export type TFraisNature = (typeof FRAIS_NATURES)[number];
export const fraisNatureLabels: Record<TFraisNature, string> = {
  consultation: 'Consultation, visite',
  pharmacie: 'Pharmacie',
  kinesitherapie: 'Kinésithérapie',
  hospitalisation: 'Hospitalisation',
  transport: 'Transport sanitaire',
  appareillage: 'Appareillage',
  autre: 'Autre soin',
};

/** An invoice is entered (« saisie »), then validated or refused by a gestionnaire. */
export const FRAIS_STATUTS = ['saisie', 'validee', 'refusee'] as const;
export type TFraisStatut = (typeof FRAIS_STATUTS)[number];
export const fraisStatutLabels: Record<TFraisStatut, string> = {
  saisie: 'En attente de validation',
  validee: 'Validée',
  refusee: 'Refusée',
};

/** Who is paid: the collectivité that advanced the fees, or the practitioner (tiers payant). */
export const FRAIS_BENEFICIAIRES = ['collectivite', 'praticien'] as const;
export type TFraisBeneficiaire = (typeof FRAIS_BENEFICIAIRES)[number];
export const fraisBeneficiaireLabels: Record<TFraisBeneficiaire, string> = {
  collectivite: 'La collectivité',
  praticien: 'Le praticien directement',
};

/**
 * What is reimbursed: the real amount, less what the agent's own cover (mutuelle, CPAM for a
 * contractuel) already paid. No ceiling: neither the seeds nor domain.md give the garantie one for
 * medical fees, so none is invented here.
 */
export function montantRetenu(montantFacture: number, montantPrisEnCharge: number): number {
  return Math.max(0, montantFacture - montantPrisEnCharge);
}

export type DateSoinsProblem = { field: 'dateSoins'; message: string };

/** Care is paid once given, and only for this sinistre: between its date of survenance and today. */
export function checkDateSoins(
  date: string,
  context: { aujourdhui: string; dateSurvenance: string },
): DateSoinsProblem[] {
  if (date > context.aujourdhui)
    return [
      {
        field: 'dateSoins',
        message: `La date des soins (${formatDate(date)}) est dans le futur : saisissez une facture de soins déjà reçus, au plus tard aujourd’hui (${formatDate(context.aujourdhui)}).`,
      },
    ];
  if (date < context.dateSurvenance)
    return [
      {
        field: 'dateSoins',
        message: `La date des soins (${formatDate(date)}) précède le sinistre (survenu le ${formatDate(context.dateSurvenance)}) : ces soins ne relèvent pas de ce dossier.`,
      },
    ];
  return [];
}

/** A fee as the décompte needs it. */
export type FraisPourDecompte = {
  id: string;
  dateSoins: string;
  nature: TFraisNature;
  prestataire: string;
  montantRetenu: number;
  statut: TFraisStatut;
  beneficiaire: TFraisBeneficiaire;
  /** The practitioner paid directly (null when the collectivité is). */
  beneficiaireNom: string | null;
  /** Electronic format, checked (null when the collectivité is paid). */
  beneficiaireIban: string | null;
  /** The décompte that already carries this fee; null while unpaid. */
  decompteId: string | null;
};

/** One line of a décompte of nature « frais médicaux »: one payee, the fees it pays, their sum. */
export type LigneDecompteFrais = {
  nature: 'frais_medicaux';
  beneficiaire: TFraisBeneficiaire;
  beneficiaireNom: string | null;
  beneficiaireIban: string | null;
  /** Cents. */
  montant: number;
  libelle: string;
  fraisIds: string[];
};

/**
 * The validated fees not yet on a décompte, as décompte lines: one line per payee (the collectivité
 * first, then each practitioner by IBAN), the amounts retained summed in cents (no rounding: each
 * fee is already in cents), fees in date order. Pure: the décompte module decides when to call it
 * and records `decompteId` on the fees it took.
 */
export function fraisVersLignesDecompte(frais: readonly FraisPourDecompte[]): LigneDecompteFrais[] {
  const groupes = new Map<string, FraisPourDecompte[]>();
  for (const f of frais) {
    if (f.statut !== 'validee' || f.decompteId !== null || f.montantRetenu <= 0) continue;
    const key = f.beneficiaire === 'collectivite' ? '' : `praticien:${f.beneficiaireIban ?? ''}`;
    const groupe = groupes.get(key);
    if (groupe) groupe.push(f);
    else groupes.set(key, [f]);
  }
  return [...groupes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, groupe]) => {
      const tries = [...groupe].sort((a, b) =>
        a.dateSoins === b.dateSoins ? (a.id < b.id ? -1 : 1) : a.dateSoins < b.dateSoins ? -1 : 1,
      );
      const premier = tries[0]!;
      const montant = tries.reduce((total, f) => total + f.montantRetenu, 0);
      return {
        nature: 'frais_medicaux' as const,
        beneficiaire: premier.beneficiaire,
        beneficiaireNom: premier.beneficiaire === 'praticien' ? premier.beneficiaireNom : null,
        beneficiaireIban: premier.beneficiaire === 'praticien' ? premier.beneficiaireIban : null,
        montant,
        libelle: libelleLigne(tries),
        fraisIds: tries.map((f) => f.id),
      };
    });
}

function libelleLigne(frais: readonly FraisPourDecompte[]): string {
  const premier = frais[0]!;
  const dernier = frais[frais.length - 1]!;
  const nombre = frais.length === 1 ? '1 facture' : `${frais.length} factures`;
  const periode =
    premier.dateSoins === dernier.dateSoins
      ? `du ${formatDate(premier.dateSoins)}`
      : `du ${formatDate(premier.dateSoins)} au ${formatDate(dernier.dateSoins)}`;
  const a =
    premier.beneficiaire === 'praticien' ? `versés à ${premier.beneficiaireNom}` : 'remboursés à la collectivité';
  return `Frais médicaux ${a} : ${nombre} de soins ${periode}`;
}
