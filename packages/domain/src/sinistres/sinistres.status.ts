/**
 * The life of a sinistre (domain §5), as an explicit transition table:
 * Brouillon → Ouvert when the declaration is complete (its arrêt when it needs one, every mandatory
 * piece deposited); Ouvert → Clos on return to work;
 * Clos → Ouvert on a new prolongation or rechute.
 */
export const SINISTRE_STATUTS = ['brouillon', 'ouvert', 'clos'] as const;
export type TSinistreStatut = (typeof SINISTRE_STATUTS)[number];

export const sinistreStatutLabels: Record<TSinistreStatut, string> = {
  brouillon: 'Brouillon',
  ouvert: 'Ouvert',
  clos: 'Clos',
};

export const SINISTRE_EVENTS = ['valider', 'reprise', 'nouvel_arret'] as const;
export type TSinistreEvent = (typeof SINISTRE_EVENTS)[number];

type Transition = { to: TSinistreStatut; guard?: 'declarationComplete' };

export const SINISTRE_TRANSITIONS: Record<TSinistreStatut, Partial<Record<TSinistreEvent, Transition>>> = {
  brouillon: { valider: { to: 'ouvert', guard: 'declarationComplete' } },
  ouvert: { reprise: { to: 'clos' } },
  clos: { nouvel_arret: { to: 'ouvert' } },
};

export type TransitionResult = { ok: true; to: TSinistreStatut } | { ok: false; message: string };

const refusals: Record<TSinistreEvent, string> = {
  valider: 'Seul un sinistre en brouillon peut être validé.',
  reprise: 'La reprise se déclare sur un sinistre ouvert.',
  nouvel_arret: 'Un nouvel arrêt rouvre un sinistre clos.',
};

/** The next status, or why the event is refused in this status. */
export function transition(
  from: TSinistreStatut,
  event: TSinistreEvent,
  context: {
    piecesManquantes: readonly string[];
    /** Why the declaration still lacks its arrêt (see `arretRequis`), or null. */
    arretManquant?: string | null;
  } = { piecesManquantes: [] },
): TransitionResult {
  const t = SINISTRE_TRANSITIONS[from][event];
  if (!t) return { ok: false, message: refusals[event] };
  // Without its arrêt, a declaration's pieces « of each arrêt » are never asked: the arrêt comes first.
  if (t.guard === 'declarationComplete' && context.arretManquant) return { ok: false, message: context.arretManquant };
  if (t.guard === 'declarationComplete' && context.piecesManquantes.length > 0) {
    return {
      ok: false,
      message: `La déclaration reste en brouillon : il manque ${context.piecesManquantes.length > 1 ? 'les pièces obligatoires' : 'la pièce obligatoire'} ${context.piecesManquantes.map((p) => `« ${p} »`).join(', ')}.`,
    };
  }
  return { ok: true, to: t.to };
}
