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
