import { addDays, addMonths } from '../common/dates.js';
import { formatDate } from '../common/format.js';
import {
  risqueLabels,
  risquesParRegime,
  type TGarantie,
  type THorsDelaiRegle,
  type TRegime,
  type TRisque,
} from '../contrats/contrats.schemas.js';
import type { TArretType } from '../sinistres/arrets.rules.js';
import { horsDelai } from '../sinistres/delais.rules.js';
import type { IMPUTABILITE_DECISIONS } from '../sinistres/enquete.schemas.js';
import { estAccident } from '../sinistres/enquete.schemas.js';
import { categoriesAutorisees, type TSalaireElement } from '../sinistres/sinistres.schemas.js';
import { chainesArrets, formatMois, moisDeLaPeriode } from './chaines.rules.js';

/**
 * The automatic checks a handler sees on a file before any decision (issue 9). Each is a pure
 * function over plain inputs and answers one line: ok, alerte (decide knowingly) or bloquant (no
 * prise en charge until fixed). Dates in messages are French (31/12/2027).
 */
export const NIVEAUX_CONTROLE = ['ok', 'alerte', 'bloquant'] as const;
export type TNiveauControle = (typeof NIVEAUX_CONTROLE)[number];
export const niveauControleLabels: Record<TNiveauControle, string> = {
  ok: 'Conforme',
  alerte: 'À vérifier',
  bloquant: 'Bloquant',
};

export const CONTROLE_CODES = [
  'agent_assure',
  'contrat_chaine',
  'delai_declaration',
  'prolongations_contigues',
  'chevauchement',
  'categorie_regime',
  'citis_imputabilite',
  'donnees_salariales',
  'base_declaree',
] as const;
export type TControleCode = (typeof CONTROLE_CODES)[number];
export const controleLabels: Record<TControleCode, string> = {
  agent_assure: 'Agent assuré à la date du sinistre',
  contrat_chaine: 'Contrat couvrant chaque chaîne d’arrêts',
  delai_declaration: 'Délai de déclaration des arrêts',
  prolongations_contigues: 'Prolongations consécutives',
  chevauchement: 'Arrêts sans chevauchement',
  categorie_regime: 'Catégorie permise par le régime et le contrat',
  citis_imputabilite: 'CITIS : décision d’imputabilité ou placement provisoire',
  donnees_salariales: 'Données salariales de chaque mois d’arrêt',
  base_declaree: 'Base de l’assurance déclarée pour chaque année',
};

export type TControle = { code: TControleCode; niveau: TNiveauControle; message: string };

const d = formatDate;
const RANG: Record<TNiveauControle, number> = { ok: 0, alerte: 1, bloquant: 2 };

/** The most serious level of a list of checks (ok for none). */
export function niveauGlobal(controles: readonly Pick<TControle, 'niveau'>[]): TNiveauControle {
  return controles.reduce<TNiveauControle>((n, c) => (RANG[c.niveau] > RANG[n] ? c.niveau : n), 'ok');
}

/** One check from its findings: the worst level, the messages of the findings in order, or the ok message. */
function resultat(
  code: TControleCode,
  constats: readonly { niveau: Exclude<TNiveauControle, 'ok'> | 'ok'; message: string }[],
  siConforme: string,
): TControle {
  const problemes = constats.filter((c) => c.niveau !== 'ok');
  if (problemes.length === 0) {
    const notes = constats.map((c) => c.message);
    return { code, niveau: 'ok', message: [siConforme, ...notes].join(' ') };
  }
  return { code, niveau: niveauGlobal(problemes), message: problemes.map((c) => c.message).join(' ') };
}

// ——— Agent assuré ———

/**
 * Administrative positions of an agent (loi 84-53, CGFP L511-1): only an agent « en activité » is
 * insured by his employer's contract; détaché, he is paid (and insured) by the host employer.
 */
export const POSITIONS_AGENT = ['activite', 'detachement', 'disponibilite', 'conge_parental'] as const;
export type TPositionAgent = (typeof POSITIONS_AGENT)[number];
export const positionAgentLabels: Record<TPositionAgent, string> = {
  activite: 'en activité',
  detachement: 'en détachement',
  disponibilite: 'en disponibilité',
  conge_parental: 'en congé parental',
};

export type AgentControle = {
  regime: TRegime;
  dateEntree: string;
  /** First day the agent is no longer in the collectivité. */
  dateDepart: string | null;
  /** His positions over time, with the regime of each when it changed (titularisation); none: en activité. */
  situations?: readonly { debut: string; fin: string | null; position: TPositionAgent; regime?: TRegime }[];
};

/** Agent insured on the date: in the collectivité, en activité, under the contract's regime. */
export function controleAgentAssure(
  agent: AgentControle,
  contrat: { numero: string; regime: TRegime },
  date: string,
): TControle {
  const code = 'agent_assure';
  if (date < agent.dateEntree)
    return {
      code,
      niveau: 'bloquant',
      message: `Le ${d(date)}, l’agent n’était pas encore dans la collectivité (entrée le ${d(agent.dateEntree)}).`,
    };
  if (agent.dateDepart !== null && date >= agent.dateDepart)
    return {
      code,
      niveau: 'bloquant',
      message: `Le ${d(date)}, l’agent avait quitté la collectivité (départ le ${d(agent.dateDepart)}).`,
    };
  const situation = agent.situations?.find((s) => s.debut <= date && (s.fin === null || date <= s.fin));
  const position = situation?.position ?? 'activite';
  const regime = situation?.regime ?? agent.regime;
  if (regime !== contrat.regime)
    return {
      code,
      niveau: 'bloquant',
      message: `Le ${d(date)}, l’agent relevait du régime ${regime} ; le contrat n° ${contrat.numero} couvre les agents ${contrat.regime}.`,
    };
  if (position !== 'activite')
    return {
      code,
      niveau: 'bloquant',
      message: `Le ${d(date)}, l’agent était ${positionAgentLabels[position]} : seul un agent en activité est couvert par le contrat.`,
    };
  return {
    code,
    niveau: 'ok',
    message: `Le ${d(date)}, l’agent était en activité dans la collectivité, au régime ${regime} du contrat n° ${contrat.numero}.`,
  };
}

// ——— Contrat de la chaîne ———

export type ContratControle = {
  id: string;
  numero: string;
  regime: TRegime;
  dateEffet: string;
  dateFin: string;
  /** The collectivité joined the contract on this day (null: from its start). */
  dateAdhesion?: string | null;
};

/** The first day a contract covers the collectivité: its start, or the adhesion when later. */
const debutCouverture = (c: ContratControle) =>
  c.dateAdhesion && c.dateAdhesion > c.dateEffet ? c.dateAdhesion : c.dateEffet;

/**
 * The contract that covers a chain starting that day (domain §10, « capitalisation »): the one of
 * the regime in force on the chain's first day; it keeps paying the chain after its own end.
 */
export function contratDeLaChaine<C extends ContratControle>(
  contrats: readonly C[],
  regime: TRegime,
  debutChaine: string,
): C | null {
  return (
    contrats.find((c) => c.regime === regime && debutCouverture(c) <= debutChaine && debutChaine <= c.dateFin) ?? null
  );
}

/** Each arrêt chain of the sinistre starts while the sinistre's contract covers the collectivité. */
export function controleContratChaines(
  arrets: readonly { debut: string; fin: string }[],
  contrat: ContratControle,
  contrats: readonly ContratControle[],
): TControle {
  const constats = chainesArrets(arrets).map((chaine) => {
    const libelle = `La chaîne d’arrêts du ${d(chaine.debut)} au ${d(chaine.fin)}`;
    // The sinistre's own contract first: where two contracts overlap (a renewal), it is the one kept.
    const couvrant = contratDeLaChaine(
      [contrat, ...contrats.filter((c) => c.id !== contrat.id)],
      contrat.regime,
      chaine.debut,
    );
    if (!couvrant)
      return {
        niveau: 'bloquant' as const,
        message: `${libelle} commence alors qu’aucun contrat ${contrat.regime} ne couvre la collectivité.`,
      };
    if (couvrant.id !== contrat.id)
      return {
        niveau: 'bloquant' as const,
        message: `${libelle} relève du contrat n° ${couvrant.numero}, en vigueur le ${d(chaine.debut)}, et non du contrat n° ${contrat.numero} du sinistre.`,
      };
    if (chaine.fin > contrat.dateFin)
      return {
        niveau: 'ok' as const,
        message: `${libelle} se poursuit après la fin du contrat (${d(contrat.dateFin)}) : elle reste à sa charge jusqu’à la reprise.`,
      };
    return { niveau: 'ok' as const, message: '' };
  });
  const conforme = arrets.length
    ? `Chaque chaîne d’arrêts commence pendant le contrat n° ${contrat.numero} (du ${d(contrat.dateEffet)} au ${d(contrat.dateFin)}).`
    : 'Aucun arrêt déclaré.';
  return resultat(
    'contrat_chaine',
    constats.filter((c) => c.message),
    conforme,
  );
}

// ——— Délai de déclaration ———

/**
 * The first day an arrêt is covered given its declaration (domain §6.1.12): its start when sent in
 * time; when late, its reception day under « couverture à réception », or null under « refus ».
 */
export function debutCouvertureArret(
  arret: { debut: string; declareLe: string },
  delaiJours: number,
  regle: THorsDelaiRegle,
): string | null {
  if (!horsDelai(arret.debut, arret.declareLe, delaiJours)) return arret.debut;
  return regle === 'refus' ? null : arret.declareLe;
}

/** Each arrêt declared within the contract's deadline after its start; a late one is refused or covered from reception. */
export function controleDelaiDeclaration(
  arrets: readonly { debut: string; fin: string; declareLe: string }[],
  delaiJours: number,
  regle: THorsDelaiRegle,
): TControle {
  const constats = arrets
    .filter((a) => horsDelai(a.debut, a.declareLe, delaiJours))
    .map((a) => {
      const retard = `L’arrêt du ${d(a.debut)} au ${d(a.fin)}, reçu le ${d(a.declareLe)}, dépasse le délai de ${delaiJours} jours (au plus tard le ${d(addDays(a.debut, delaiJours))})`;
      return regle === 'refus'
        ? { niveau: 'bloquant' as const, message: `${retard} : le contrat prévoit le refus de prise en charge.` }
        : {
            niveau: 'alerte' as const,
            message: `${retard} : le contrat le prend en charge à compter de sa réception, le ${d(a.declareLe)}.`,
          };
    });
  return resultat('delai_declaration', constats, `Chaque arrêt a été déclaré dans les ${delaiJours} jours.`);
}

// ——— Prolongations, chevauchements ———

/** Every prolongation starts the day after the previous arrêt of the sinistre ends (domain §5). */
export function controleProlongations(arrets: readonly { type: TArretType; debut: string; fin: string }[]): TControle {
  const tries = [...arrets].sort((a, b) => a.debut.localeCompare(b.debut));
  const constats = tries.flatMap((a, i) => {
    const precedent = tries[i - 1];
    if (a.type !== 'prolongation' || !precedent || addDays(precedent.fin, 1) === a.debut) return [];
    return [
      {
        niveau: 'bloquant' as const,
        message: `La prolongation du ${d(a.debut)} ne suit pas l’arrêt précédent, fini le ${d(precedent.fin)} : elle devait commencer le ${d(addDays(precedent.fin, 1))}.`,
      },
    ];
  });
  return resultat(
    'prolongations_contigues',
    constats,
    'Chaque prolongation commence le lendemain de l’arrêt précédent.',
  );
}

/** No two arrêts of the agent (all sinistres together) share a day. */
export function controleChevauchements(
  arrets: readonly { id: string; debut: string; fin: string; sinistreNumero?: string }[],
): TControle {
  const tries = [...arrets].sort((a, b) => a.debut.localeCompare(b.debut) || a.id.localeCompare(b.id));
  const constats: { niveau: 'bloquant'; message: string }[] = [];
  tries.forEach((a, i) => {
    for (const b of tries.slice(i + 1)) {
      if (b.debut > a.fin) break;
      const de = (x: typeof a) =>
        `l’arrêt du ${d(x.debut)} au ${d(x.fin)}${x.sinistreNumero ? ` (sinistre n° ${x.sinistreNumero})` : ''}`;
      constats.push({ niveau: 'bloquant', message: `${capital(de(a))} chevauche ${de(b)}.` });
    }
  });
  return resultat('chevauchement', constats, 'Aucun arrêt de l’agent ne chevauche un autre.');
}
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** « TBI », « TBI et NBI », « TBI, NBI et SFT ». */
const enumeration = (mots: readonly string[]) =>
  mots.length > 1 ? `${mots.slice(0, -1).join(', ')} et ${mots.at(-1)}` : (mots[0] ?? '');

// ——— Catégorie ———

/** The category exists for the contract's regime (CLM, CLD: CNRACL; CGM: IRCANTEC) and the contract covers it. */
export function controleCategorie(
  categorie: TRisque,
  contrat: { numero: string; regime: TRegime; garanties: readonly Pick<TGarantie, 'risque' | 'couvert'>[] },
): TControle {
  const code = 'categorie_regime';
  const libelle = risqueLabels[categorie];
  if (!risquesParRegime[contrat.regime].includes(categorie))
    return {
      code,
      niveau: 'bloquant',
      message: `La catégorie « ${libelle} » n’existe pas pour le régime ${contrat.regime}.`,
    };
  if (!categoriesAutorisees(contrat.regime, contrat.garanties).includes(categorie))
    return {
      code,
      niveau: 'bloquant',
      message: `Le contrat n° ${contrat.numero} ne couvre pas le risque « ${libelle} ».`,
    };
  return {
    code,
    niveau: 'ok',
    message: `La catégorie « ${libelle} » est couverte par le contrat n° ${contrat.numero} (${contrat.regime}).`,
  };
}

// ——— CITIS ———

export type CitisControle = {
  /** The day the employer received the agent's declaration and its medical certificate. */
  recuLe: string;
  /** An enquête, a médecin agréé or the conseil médical was needed: 3 more months. */
  instructionComplementaire: boolean;
  imputabilite: { decision: (typeof IMPUTABILITE_DECISIONS)[number]; date: string } | null;
  /** The day the agent was placed in CITIS provisionally, if he was. */
  placementProvisoireLe: string | null;
};

/**
 * The last day to decide imputability (décret 87-602 art. 37-3, domain §10): 1 month after receiving
 * the declaration of an accident (service or trajet), 2 months for a maladie professionnelle,
 * 3 more months when an enquête, a médecin agréé or the conseil médical is needed. Past it, the
 * agent is placed in CITIS provisionally.
 */
export function echeanceImputabilite(categorie: TRisque, recuLe: string, instructionComplementaire: boolean): string {
  return addMonths(recuLe, moisImputabilite(categorie, instructionComplementaire));
}

/** The employer decides an accident's imputability within 1 month of the declaration (décret 87-602 art. 37-3)… */
export const IMPUTABILITE_ACCIDENT_MOIS = 1;
/** … a maladie professionnelle's within 2 … */
export const IMPUTABILITE_MALADIE_MOIS = 2;
/** … and 3 more when an enquête, a médecin agréé or the conseil médical is needed. */
export const IMPUTABILITE_INSTRUCTION_MOIS = 3;

/** The months `echeanceImputabilite` adds, in one sum: the work queue's SQL adds the same (`echeanceCitisSql`). */
export function moisImputabilite(categorie: TRisque, instructionComplementaire: boolean): number {
  return (
    (categorie === 'maladie_professionnelle' ? IMPUTABILITE_MALADIE_MOIS : IMPUTABILITE_ACCIDENT_MOIS) +
    (instructionComplementaire ? IMPUTABILITE_INSTRUCTION_MOIS : 0)
  );
}

/** CITIS: imputability decided, or, once the deadline passed, the agent placed in CITIS provisionally. Null outside CITIS. */
export function controleCitis(categorie: TRisque, citis: CitisControle | null, aujourdhui: string): TControle | null {
  if (!estAccident(categorie)) return null;
  const code = 'citis_imputabilite';
  if (!citis)
    return {
      code,
      niveau: 'alerte',
      message:
        'Date de réception de la déclaration de l’agent non renseignée : le délai de décision d’imputabilité ne peut être calculé.',
    };
  const echeance = echeanceImputabilite(categorie, citis.recuLe, citis.instructionComplementaire);
  const delai = `délai de décision au ${d(echeance)} (déclaration reçue le ${d(citis.recuLe)})`;
  if (citis.imputabilite) {
    const reconnue = citis.imputabilite.decision === 'reconnue';
    return {
      code,
      niveau: reconnue ? 'ok' : 'alerte',
      message: reconnue
        ? `Imputabilité au service reconnue le ${d(citis.imputabilite.date)}.`
        : `Imputabilité au service refusée le ${d(citis.imputabilite.date)} : les arrêts ne relèvent pas du CITIS, une requalification est à prévoir.`,
    };
  }
  if (aujourdhui <= echeance) return { code, niveau: 'alerte', message: `Imputabilité non encore décidée : ${delai}.` };
  if (citis.placementProvisoireLe)
    return {
      code,
      niveau: 'alerte',
      message: `Agent placé en CITIS à titre provisoire depuis le ${d(citis.placementProvisoireLe)} : imputabilité non décidée, ${delai}.`,
    };
  return {
    code,
    niveau: 'bloquant',
    message: `Imputabilité non décidée, ${delai} : l’agent doit être placé en CITIS à titre provisoire depuis le ${d(addDays(echeance, 1))}.`,
  };
}

// ——— Données salariales, base ———

export type SalairePeriode = {
  debut: string;
  fin: string;
  /** Monthly amounts in cents; null: not entered. */
  elements: Partial<Record<TSalaireElement, number | null>>;
};

/**
 * Every month an arrêt touches has salary data for every insured element (the reimbursement is
 * computed per calendar month, domain §6): some salary period touching the month gives them all.
 */
export function controleDonneesSalariales(
  arrets: readonly { debut: string; fin: string }[],
  salaires: readonly SalairePeriode[],
  elementsAssures: readonly TSalaireElement[],
): TControle {
  const mois = [...new Set(arrets.flatMap((a) => moisDeLaPeriode(a.debut, a.fin)))].sort();
  const constats = mois.flatMap((m) => {
    const periodes = salaires.filter((s) => s.debut.slice(0, 7) <= m && m <= s.fin.slice(0, 7));
    const manquants = elementsAssures.filter((e) => !periodes.some((s) => s.elements[e] != null));
    if (manquants.length === 0) return [];
    return [
      {
        niveau: 'bloquant' as const,
        message: `${capital(formatMois(m))} : ${enumeration(manquants.map((e) => e.toUpperCase()))} à renseigner.`,
      },
    ];
  });
  return resultat(
    'donnees_salariales',
    constats,
    mois.length ? 'Les données salariales de chaque mois d’arrêt sont renseignées.' : 'Aucun arrêt déclaré.',
  );
}

/** A base de l'assurance is declared for the year of the survenance and for every year an arrêt touches (domain §4). */
export function controleBaseDeclaree(
  dateSurvenance: string,
  arrets: readonly { debut: string; fin: string }[],
  basesDeclarees: readonly { annee: number }[],
): TControle {
  const annees = new Set([Number(dateSurvenance.slice(0, 4))]);
  for (const a of arrets)
    for (let an = Number(a.debut.slice(0, 4)); an <= Number(a.fin.slice(0, 4)); an++) annees.add(an);
  const manquantes = [...annees].sort().filter((an) => !basesDeclarees.some((b) => b.annee === an));
  if (manquantes.length === 0)
    return {
      code: 'base_declaree',
      niveau: 'ok',
      message: `Base de l’assurance déclarée pour ${[...annees].sort().join(', ')}.`,
    };
  return {
    code: 'base_declaree',
    niveau: 'bloquant',
    message: `Aucune base de l’assurance déclarée pour ${manquantes.join(', ')} sur ce contrat.`,
  };
}

// ——— Le dossier ———

export type DossierControle = {
  aujourdhui: string;
  sinistre: { categorie: TRisque; dateSurvenance: string };
  agent: AgentControle;
  /** The sinistre's contract, with the garantie of each risk and its late-declaration rule. */
  contrat: ContratControle & {
    garanties: readonly Pick<TGarantie, 'risque' | 'couvert' | 'delaiDeclarationJours'>[];
    horsDelai: THorsDelaiRegle;
  };
  /** Every contract of the collectivité (any regime): the one in force on a chain's first day covers it. */
  contrats: readonly ContratControle[];
  /** The arrêts of this sinistre. */
  arrets: readonly { id: string; type: TArretType; debut: string; fin: string; declareLe: string }[];
  /** The agent's arrêts of his other sinistres. */
  autresArretsAgent: readonly { id: string; debut: string; fin: string; sinistreNumero?: string }[];
  /** CITIS categories only. */
  citis: CitisControle | null;
  salaires: readonly SalairePeriode[];
  /** The elements the contract-year's base insures (`elementsAssuresDeBase`). */
  elementsAssures: readonly TSalaireElement[];
  basesDeclarees: readonly { annee: number }[];
};

/** Every check of a file, in the order the handler reads them, and their most serious level. */
export function controlerDossier(input: DossierControle): { controles: TControle[]; niveau: TNiveauControle } {
  const { sinistre, contrat, arrets } = input;
  const garantie = contrat.garanties.find((g) => g.risque === sinistre.categorie);
  const controles: (TControle | null)[] = [
    controleAgentAssure(input.agent, contrat, sinistre.dateSurvenance),
    controleCategorie(sinistre.categorie, contrat),
    controleContratChaines(arrets, contrat, input.contrats),
    // Without a garantie the category check already blocks; no deadline to read.
    garantie ? controleDelaiDeclaration(arrets, garantie.delaiDeclarationJours, contrat.horsDelai) : null,
    controleProlongations(arrets),
    controleChevauchements([...arrets, ...input.autresArretsAgent]),
    controleCitis(sinistre.categorie, input.citis, input.aujourdhui),
    controleDonneesSalariales(arrets, input.salaires, input.elementsAssures),
    controleBaseDeclaree(sinistre.dateSurvenance, arrets, input.basesDeclarees),
  ];
  const faits = controles.filter((c): c is TControle => c !== null);
  return { controles: faits, niveau: niveauGlobal(faits) };
}
