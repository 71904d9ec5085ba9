import type { Db } from '../../db/client.js';
import { type Clock, prochaineHeureParis } from '../../lib/clock.js';
import type { JobDefinition } from '../../lib/jobs/queue.js';
import type { EncaissementsRepository } from './encaissements.repository.js';
import { createRelanceEcheanceJob, RELANCE_ECHEANCE_JOB } from './encaissements.service.js';

/** 07:00 in Paris, every day: the reminder of unpaid échéances is read in the morning. */
const prochaineRelanceEcheance = (now: Date) => prochaineHeureParis(now, 7, 0);

/** The reminder of échéances unpaid 15 days after their due date, daily. */
export function encaissementsJobs(deps: {
  db: Db;
  clock: Clock;
  repo: EncaissementsRepository;
  administrateurs: (db: Db, collectiviteId: string) => Promise<{ email: string; prenom: string }[]>;
  appUrl: string;
}): JobDefinition[] {
  return [
    {
      kind: RELANCE_ECHEANCE_JOB,
      handler: createRelanceEcheanceJob(deps),
      recurrence: { first: prochaineRelanceEcheance, next: prochaineRelanceEcheance },
    },
  ];
}
