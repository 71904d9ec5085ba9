import type { Db } from '../../db/client.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { queueMail } from '../../lib/mail/mailer.js';
import { templates } from '../../lib/mail/templates.js';
import type { PilotageRepository } from './pilotage.repository.js';

export const RELANCE_BASE_JOB = 'gestion.relance_base';

/**
 * The prévisionnelle base is declared at the start of the year: January is left to the collectivités,
 * the reminder goes from this month on (a choice: no source gives a deadline).
 */
export const RELANCE_BASE_DES_MOIS = 2;

/**
 * Weekly (with the pieces' reminder, Monday morning): each active collectivité with a contract of the
 * year and no prévisionnelle base for it gets one e-mail per Administrateur — once per year. The
 * `relance_base` row is inserted in the transaction that queues the e-mails and the e-mails are
 * queued only when this transaction inserted it, so a second run, a retry or another instance's
 * runner sends nothing more. A collectivité without an Administrateur able to log in is not marked:
 * it is reminded once one exists.
 */
export function createRelanceBaseJob(deps: { db: Db; clock: Clock; repo: PilotageRepository; appUrl: string }) {
  return async () => {
    const now = deps.clock.now();
    const today = parisDate(now);
    const annee = Number(today.slice(0, 4));
    if (Number(today.slice(5, 7)) < RELANCE_BASE_DES_MOIS) return;
    for (const c of await deps.repo.sansBase(deps.db, annee)) {
      await deps.db.transaction(async (tx) => {
        const administrateurs = await deps.repo.administrateurs(tx, c.id);
        if (administrateurs.length === 0) return;
        if (!(await deps.repo.marquerRelance(tx, c.id, annee, now, administrateurs.length))) return;
        for (const a of administrateurs)
          await queueMail(
            tx,
            now,
            a.email,
            templates.relanceBase({
              prenom: a.prenom,
              collectivite: c.nom,
              annee,
              contrats: c.contrats,
              url: `${deps.appUrl}/espace-contractuel/base-assurance`,
            }),
          );
      });
    }
  };
}
