import type { Db } from '../../db/client.js';
import { createDecomptesRepository } from './decomptes.repository.js';

/**
 * A change of the engine's inputs (issue 10: salary, IJSS, antécédent, arrêt, reprise, contre-visite,
 * requalification): the sinistre it concerns, or every sinistre of the agent when the input is the
 * agent's (his payslips, his antécédents, an arrêt the rolling year reads), and the days it alters.
 */
export type ChangementEntrees = {
  cible: { sinistreId: string } | { collectiviteId: string; agentId: string };
  /** The first day whose amount may change. */
  du: string;
  /** The last one; absent: every later day (a count of days, a chain, a rolling year read it). */
  au?: string;
  /** The French reason the handler reads, given the number of the first validated décompte it touches. */
  motif: (numero: string | null) => string;
  /** Mark the sinistre even when no validated décompte is touched (a requalification). */
  toujours?: boolean;
  at: Date;
};

const repo = createDecomptesRepository();

/**
 * The one place that decides whether a change of inputs calls for a recalculation, called by each
 * writer inside its transaction: every sinistre with a validated décompte of daily allowances whose
 * period the change touches is marked from `du` (or keeps an earlier mark), with the reason; the
 * handler's « Recalculer » then records the regularisations — what was paid is never rewritten.
 * Returns the number of sinistres marked.
 */
export async function marquerRecalcul(tx: Db, c: ChangementEntrees): Promise<number> {
  const touches: { sinistreId: string; numero: string | null }[] = await repo.decomptesValidesTouches(
    tx,
    c.cible,
    c.du,
    c.au ?? null,
  );
  if (touches.length === 0 && c.toujours && 'sinistreId' in c.cible)
    touches.push({ sinistreId: c.cible.sinistreId, numero: null });
  for (const t of touches) await repo.marquerRecalcul(tx, t.sinistreId, c.du, c.motif(t.numero), c.at);
  return touches.length;
}
