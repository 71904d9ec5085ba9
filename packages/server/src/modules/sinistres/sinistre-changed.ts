import type { Db } from '../../db/client.js';
import type { PiecesRepository } from '../pieces/pieces.repository.js';
import type { SinistresRepository } from './sinistres.repository.js';

/**
 * Work that follows any change of a sinistre, in the writer's transaction: the recount of its
 * missing pieces first, then whatever other module registers (the work queue, the reimbursement's
 * recomputation…). A listener reads the sinistre as the transaction sees it and may write.
 */
export type SinistreListener = (tx: Db, sinistreId: string) => Promise<void>;

/** Sinistres locked and recounted per transaction by the jobs: a few ms each, writers barely wait. */
const RECOUNT_BATCH = 500;

/** A sinistre whose missing-pieces count the recount changed. */
export type Recount = { id: string; avant: number; apres: number };

/**
 * The one path every writer of a sinistre's data calls after its change (an arrêt added, edited or
 * ended by a reprise; a piece deposited, withdrawn, validated or refused; the enquête, the
 * imputabilité, the validation; an agent's data; the catalogue). The sinistre rows are locked
 * first (`FOR UPDATE`, in id order): a recount that read its pieces before a concurrent deposit
 * committed would otherwise write an older count over the deposit's. `pieces_manquantes` is
 * computed from the regime of the sinistre's contract, by the SQL twin of the domain's rule.
 */
export function createSinistreChanged(deps: {
  db: Db;
  sinistres: Pick<SinistresRepository, 'lock' | 'lockBatch'>;
  pieces: Pick<PiecesRepository, 'recount'>;
  listeners?: readonly SinistreListener[];
}) {
  const listeners: SinistreListener[] = [...(deps.listeners ?? [])];

  /** Many sinistres at once (the recount jobs); answers those whose count was wrong. */
  async function sinistresChanged(tx: Db, sinistreIds: readonly string[]): Promise<Recount[]> {
    if (sinistreIds.length === 0) return [];
    await deps.sinistres.lock(tx, sinistreIds);
    const fixed = await deps.pieces.recount(tx, sinistreIds);
    for (const id of sinistreIds) for (const listener of listeners) await listener(tx, id);
    return fixed;
  }

  return {
    sinistreChanged: async (tx: Db, sinistreId: string): Promise<void> => {
      await sinistresChanged(tx, [sinistreId]);
    },
    sinistresChanged,
    /**
     * Every sinistre (or those of a category), a short transaction per batch of ids, each batch
     * locked: the catalogue's recount and the nightly reconciliation. Answers what was wrong.
     */
    async recountAll(options: { categorie?: string; batch?: number } = {}): Promise<Recount[]> {
      const fixed: Recount[] = [];
      let after: string | null = null;
      for (;;) {
        const ids: string[] = await deps.db.transaction(async (tx) => {
          const batch = await deps.sinistres.lockBatch(tx, {
            categorie: options.categorie,
            after,
            limit: options.batch ?? RECOUNT_BATCH,
          });
          fixed.push(...(await sinistresChanged(tx, batch)));
          return batch;
        });
        if (ids.length === 0) return fixed;
        after = ids.at(-1)!;
      }
    },
    /** Adds a listener (at wiring time, in app.ts): called after the recount, for each sinistre changed. */
    listen(listener: SinistreListener) {
      listeners.push(listener);
    },
  };
}
export type SinistreChanged = ReturnType<typeof createSinistreChanged>;
