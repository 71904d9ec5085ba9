import { formatEuros } from '../common/format.js';
import { nombre, pourcent } from './nombres.js';

/** What a national reference measures: an indicator of indicateurs.rules.ts, or a share of the split by motif. */
export type CodeReference =
  | 'taux'
  | 'frequence'
  | 'exposition'
  | 'gravite'
  | 'coutDirect'
  | 'taux_mo'
  | 'taux_longue_maladie'
  | 'taux_citis'
  | 'part_arrets_mo'
  | 'part_arrets_mo_7_jours';

export type ReferenceNationale = {
  code: CodeReference;
  /** In the unit of the indicator: %, arrêts per 100 agents, days, cents. */
  valeur: number;
  /** Year of the data (not of publication). */
  annee: number;
  maternite: 'exclue' | 'incluse' | 'non_precise';
  source: string;
  perimetre: string;
  /** « 9,8 % » */
  valeurTexte: string;
};

const SOURCE = 'Relyens, panorama annuel de l’absentéisme dans les collectivités territoriales';
const PERIMETRE = 'agents affiliés à la CNRACL des collectivités assurées';

const ref = (
  code: CodeReference,
  valeur: number,
  annee: number,
  maternite: ReferenceNationale['maternite'],
  valeurTexte: string,
): ReferenceNationale => ({ code, valeur, annee, maternite, source: SOURCE, perimetre: PERIMETRE, valeurTexte });

/**
 * National references of domain §8 (Relyens panoramas, CNRACL agents), as data: always shown with their
 * source, scope and year, because each publication has its own conventions (maternity in or out).
 */
export const REFERENCES_NATIONALES: readonly ReferenceNationale[] = [
  ref('taux', 9.8, 2024, 'exclue', pourcent(9.8, 1)),
  ref('frequence', 54, 2024, 'exclue', `${nombre(54)} arrêts pour 100 agents`),
  ref('exposition', 38, 2024, 'exclue', pourcent(38, 0)),
  ref('gravite', 53, 2024, 'exclue', `${nombre(53)} jours`),
  ref('taux', 9.6, 2023, 'exclue', pourcent(9.6, 1)),
  ref('taux', 10.1, 2023, 'incluse', pourcent(10.1, 1)),
  ref('gravite', 51, 2023, 'non_precise', `${nombre(51)} jours`),
  ref('coutDirect', 225_400, 2023, 'non_precise', `${formatEuros(225_400)} par agent`),
  ref('taux_mo', 5.4, 2021, 'exclue', pourcent(5.4, 1)),
  ref('taux_longue_maladie', 2.7, 2021, 'exclue', pourcent(2.7, 1)),
  ref('taux_citis', 1.5, 2021, 'exclue', pourcent(1.5, 1)),
  ref('part_arrets_mo', 80, 2021, 'exclue', 'environ 8 arrêts sur 10'),
  ref('part_arrets_mo_7_jours', 46, 2021, 'exclue', '46 % des arrêts de maladie ordinaire durent 7 jours au plus'),
];

/**
 * The latest reference for an indicator under the same maternity convention as the computation (one that
 * does not say is taken when no matching one exists, its label then says so), or null.
 */
export function referencePour(code: CodeReference, maternite: 'exclue' | 'incluse'): ReferenceNationale | null {
  const candidats = REFERENCES_NATIONALES.filter((r) => r.code === code).sort((a, b) => b.annee - a.annee);
  return (
    candidats.find((r) => r.maternite === maternite) ?? candidats.find((r) => r.maternite === 'non_precise') ?? null
  );
}

/** « Référence nationale : 9,8 % (données 2024, hors maternité) — Relyens, …, agents affiliés à la CNRACL … » */
export function libelleReference(r: ReferenceNationale): string {
  const mat = r.maternite === 'exclue' ? ', hors maternité' : r.maternite === 'incluse' ? ', maternité comprise' : '';
  return `Référence nationale : ${r.valeurTexte} (données ${r.annee}${mat}) — ${r.source}, ${r.perimetre}.`;
}
