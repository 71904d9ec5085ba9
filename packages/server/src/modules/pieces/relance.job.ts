import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { queueMail } from '../../lib/mail/mailer.js';
import { templates } from '../../lib/mail/templates.js';
import type { PiecesRepository } from './pieces.repository.js';

export const RELANCE_PIECES_JOB = 'sinistres.relance_pieces';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Sinistres younger than this are still being completed: no reminder yet. */
export const RELANCE_APRES_JOURS = 7;

/** Next Monday, 06:00 UTC (7 or 8 h in Paris): the reminder is read at the start of the week. */
export function prochaineRelance(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 6));
  do next.setUTCDate(next.getUTCDate() + 1);
  while (next.getUTCDay() !== 1);
  return next;
}

/**
 * Weekly, on Monday morning (pieces.jobs.ts): each collectivité with mandatory pieces missing
 * on sinistres declared more than a week ago gets one e-mail per Publicateur and Administrateur,
 * leading to « Documents manquants » (the seeds' « mail de relance des pièces manquantes »).
 */
export function createRelancePiecesJob(deps: { db: Db; clock: Clock; repo: PiecesRepository; appUrl: string }) {
  return async () => {
    const now = deps.clock.now();
    const relances = await deps.repo.relances(deps.db, new Date(now.getTime() - RELANCE_APRES_JOURS * DAY_MS));
    for (const r of relances) {
      await deps.db.transaction(async (tx) => {
        for (const d of await deps.repo.destinatairesRelance(tx, r.collectiviteId)) {
          await queueMail(
            tx,
            now,
            d.email,
            templates.relancePieces({
              prenom: d.prenom,
              collectivite: r.nom,
              pieces: r.pieces,
              sinistres: r.sinistres,
              url: `${deps.appUrl}/declarations/documents-manquants`,
            }),
          );
        }
      });
    }
  };
}
