import { formatDate } from '../common/format.js';
import type { TRisque } from '../contrats/contrats.schemas.js';

/** When a piece is asked for in the life of a sinistre. */
export const PIECE_ETAPES = ['declaration', 'arret', 'imputabilite', 'reprise'] as const;
export type TPieceEtape = (typeof PIECE_ETAPES)[number];

export type PieceModele = {
  code: string;
  libelle: string;
  etape: TPieceEtape;
  obligatoire: boolean;
  /** Medical pieces are seen only by the roles that need them and follow the medical deadline. */
  medicale: boolean;
  aide?: string;
};

const ARRET: PieceModele = {
  code: 'arret_travail',
  libelle: 'Arrêt de travail (volets 2 et 3)',
  etape: 'arret',
  obligatoire: true,
  medicale: false,
  aide: 'Envoyez uniquement les volets 2 et 3. Le volet 1 contient les motifs médicaux : il est confidentiel et ne doit jamais être transmis.',
};
const BULLETINS: PieceModele = {
  code: 'bulletins_salaire',
  libelle: 'Bulletins de salaire de la période',
  etape: 'arret',
  obligatoire: true,
  medicale: false,
};
const DECLARATION_ACCIDENT: PieceModele = {
  code: 'declaration_accident',
  libelle: 'Déclaration d’accident de l’employeur',
  etape: 'declaration',
  obligatoire: true,
  medicale: false,
};
const ENQUETE: PieceModele = {
  code: 'enquete_signee',
  libelle: 'Enquête administrative signée',
  etape: 'declaration',
  obligatoire: true,
  medicale: false,
};
const CERTIFICAT_INITIAL: PieceModele = {
  code: 'certificat_initial',
  libelle: 'Certificat médical initial',
  etape: 'declaration',
  obligatoire: true,
  medicale: true,
};
const ARRETE_IMPUTABILITE: PieceModele = {
  code: 'arrete_imputabilite',
  libelle: 'Arrêté d’imputabilité au service',
  etape: 'imputabilite',
  obligatoire: true,
  medicale: false,
};
const AVIS_CONSEIL: PieceModele = {
  code: 'avis_conseil_medical',
  libelle: 'Avis du conseil médical',
  etape: 'declaration',
  obligatoire: true,
  medicale: true,
};
const DECOMPTES_CPAM: PieceModele = {
  code: 'decomptes_cpam',
  libelle: 'Décomptes d’indemnités journalières de la CPAM',
  etape: 'arret',
  obligatoire: true,
  medicale: false,
};
const ACTE_DECES: PieceModele = {
  code: 'acte_deces',
  libelle: 'Acte de décès',
  etape: 'declaration',
  obligatoire: true,
  medicale: false,
};
const CERTIFICAT_REPRISE: PieceModele = {
  code: 'certificat_reprise',
  libelle: 'Certificat de reprise ou de guérison',
  etape: 'reprise',
  obligatoire: false,
  medicale: true,
};
const AUTRE: PieceModele = {
  code: 'autre',
  libelle: 'Autre (préciser)',
  etape: 'declaration',
  obligatoire: false,
  medicale: false,
};

const accident = [
  DECLARATION_ACCIDENT,
  ENQUETE,
  CERTIFICAT_INITIAL,
  ARRETE_IMPUTABILITE,
  ARRET,
  BULLETINS,
  CERTIFICAT_REPRISE,
  AUTRE,
];

/**
 * The default catalogue (domain §5), per category: the platform administrator may edit it; these
 * rows seed it. IRCANTEC sinistres also need the CPAM statements (see `piecesRequises`).
 */
export const CATALOGUE_PIECES: Record<TRisque, readonly PieceModele[]> = {
  maladie_ordinaire: [ARRET, BULLETINS, AUTRE],
  accident_service: accident,
  accident_trajet: accident,
  maladie_professionnelle: accident,
  clm: [AVIS_CONSEIL, ARRET, BULLETINS, AUTRE],
  cld: [AVIS_CONSEIL, ARRET, BULLETINS, AUTRE],
  cgm: [AVIS_CONSEIL, ARRET, BULLETINS, AUTRE],
  maternite: [
    {
      ...ARRET,
      libelle: 'Certificat de grossesse ou acte de naissance / d’adoption',
      aide: undefined,
      medicale: false,
    },
    BULLETINS,
    AUTRE,
  ],
  tpt: [
    {
      code: 'arrete_tpt',
      libelle: 'Arrêté de temps partiel thérapeutique',
      etape: 'arret',
      obligatoire: true,
      medicale: false,
    },
    AVIS_CONSEIL,
    BULLETINS,
    AUTRE,
  ],
  disponibilite_office: [
    {
      code: 'arrete_disponibilite',
      libelle: 'Arrêté de disponibilité d’office',
      etape: 'declaration',
      obligatoire: true,
      medicale: false,
    },
    AVIS_CONSEIL,
    AUTRE,
  ],
  deces: [ACTE_DECES, BULLETINS, AUTRE],
};

/** The pieces a sinistre of this category and regime needs at this step. */
export function piecesRequises(
  risque: TRisque,
  regime: 'CNRACL' | 'IRCANTEC',
  etapes: readonly TPieceEtape[],
): PieceModele[] {
  const pieces = CATALOGUE_PIECES[risque].filter((p) => etapes.includes(p.etape));
  if (regime === 'IRCANTEC' && etapes.includes('arret') && risque !== 'deces') pieces.push(DECOMPTES_CPAM);
  return pieces;
}

/** Mandatory pieces not deposited yet, by label. */
export function piecesManquantes(requises: readonly PieceModele[], deposees: readonly string[]): string[] {
  return requises.filter((p) => p.obligatoire && !deposees.includes(p.code)).map((p) => p.libelle);
}

/** A catalogue row as the platform administrator keeps it. */
export type PieceModeleRegle = PieceModele & {
  categorie: TRisque;
  regime: 'CNRACL' | 'IRCANTEC' | null;
  actif: boolean;
};
export type PieceDeposee = {
  code: string;
  arretId: string | null;
  statut: 'deposee' | 'validee' | 'refusee';
};
export type Exigence = {
  modele: PieceModeleRegle;
  arretId: string | null;
  /** The arrêt's period, for the pieces of one arrêt. */
  periode: { debut: string; fin: string } | null;
  statut: 'attendue' | 'deposee' | 'validee' | 'refusee';
};

/** A piece type's status from what was deposited for it: one validated or deposited piece is enough. */
export function statutExigence(deposees: readonly Pick<PieceDeposee, 'statut'>[]): Exigence['statut'] {
  if (deposees.some((p) => p.statut === 'validee')) return 'validee';
  if (deposees.some((p) => p.statut === 'deposee')) return 'deposee';
  return deposees.length > 0 ? 'refusee' : 'attendue';
}

/**
 * The pieces a sinistre needs now (domain §5): declaration and imputability pieces once, the
 * pieces of step « arrêt » once per arrêt (each has its own certificate and payslips), the
 * reprise pieces once a return to work is known. « Autre » is never required. The part of an arrêt
 * that a requalification split off asks for nothing: its pieces are those of the arrêt it comes from.
 */
export function exigencesPieces(
  catalogue: readonly PieceModeleRegle[],
  sinistre: {
    categorie: TRisque;
    regime: 'CNRACL' | 'IRCANTEC';
    /** `origineId`: the part of an arrêt a requalification split off — its certificate is the origin's. */
    arrets: readonly { id: string; debut: string; fin: string; reprise: string | null; origineId?: string | null }[];
  },
  deposees: readonly PieceDeposee[],
): Exigence[] {
  const modeles = catalogue.filter(
    (m) =>
      m.actif &&
      m.code !== 'autre' &&
      m.categorie === sinistre.categorie &&
      (m.regime === null || m.regime === sinistre.regime),
  );
  const exigences: Exigence[] = [];
  const add = (modele: PieceModeleRegle, arret: { id: string; debut: string; fin: string } | null) =>
    exigences.push({
      modele,
      arretId: arret?.id ?? null,
      periode: arret ? { debut: arret.debut, fin: arret.fin } : null,
      statut: statutExigence(deposees.filter((p) => p.code === modele.code && p.arretId === (arret?.id ?? null))),
    });
  for (const m of modeles) {
    if (m.etape === 'arret') {
      for (const a of sinistre.arrets) if (!a.origineId) add(m, a);
    } else if (m.etape === 'reprise') {
      if (sinistre.arrets.some((a) => a.reprise)) add(m, null);
    } else add(m, null);
  }
  return exigences;
}

/** « Arrêt du 01/03/2026 au 07/03/2026 » */
export const periodeArret = (a: { debut: string; fin: string }) =>
  `Arrêt du ${formatDate(a.debut)} au ${formatDate(a.fin)}`;

/** Labels of the mandatory pieces still missing (never deposited, or refused), with their arrêt. */
export function libellesManquants(exigences: readonly Exigence[]): string[] {
  return exigences
    .filter((e) => e.modele.obligatoire && (e.statut === 'attendue' || e.statut === 'refusee'))
    .map((e) => (e.periode ? `${e.modele.libelle} (${periodeArret(e.periode).toLowerCase()})` : e.modele.libelle));
}

/**
 * An arrêt de travail is sent as volets 2 and 3 only: the user confirms it, since volet 1 carries
 * the medical reason and is confidential (domain §5). Maternité uses the same code for a
 * pregnancy certificate, which has no volets.
 */
export function exigeConfirmationVolets(code: string, categorie: TRisque): boolean {
  return code === 'arret_travail' && categorie !== 'maternite';
}
