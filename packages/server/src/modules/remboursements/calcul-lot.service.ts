import { numeroSinistre, type TCalculLotOut, type TCalculLotStatut, type TPeriodeCalcul } from '@statutis/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Forbidden, NotFound } from '../../http/errors.js';
import type { Actor, Audit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { enqueueJob, type JobLogger } from '../../lib/jobs/queue.js';
import type { Scope } from '../../lib/scope.js';
import { calculLot } from './calcul-lot.table.js';
import type { DecomptesRepository } from './decomptes.repository.js';
import type { DecomptesService } from './decomptes.service.js';

export const CALCUL_LOT_JOB = 'decomptes.calcul_periode';
/** Files costed between two progress updates (each file is its own transaction). */
const LOT = 20;

type CalculLotRow = typeof calculLot.$inferSelect;

const present = (r: CalculLotRow): TCalculLotOut => ({
  id: r.id,
  statut: r.statut as TCalculLotStatut,
  periode: { du: r.periodeDu, au: r.periodeAu },
  progression: r.statut === 'termine' ? 100 : r.total === 0 ? 0 : Math.min(99, Math.floor((r.traites * 100) / r.total)),
  total: r.total,
  calcules: r.calcules,
  sansMontant: r.sansMontant,
  aCompleter: r.aCompleter,
  erreurs: r.erreurs,
  message: r.message,
});

/** What the handler reads when a run stops on an error: how far it went, and what to do. */
export function messageEchec(r: { traites: number; total: number }): string {
  const avancement =
    r.traites === 0
      ? 'avant d’avoir calculé un dossier'
      : `après ${r.traites.toLocaleString('fr-FR')} ${r.traites > 1 ? 'dossiers' : 'dossier'} sur ${r.total.toLocaleString('fr-FR')}`;
  return `Le calcul s’est arrêté sur une erreur ${avancement}. Les décomptes déjà calculés sont conservés : relancez le calcul de la période. Si l’erreur se répète, signalez-la au support (elle est dans le journal du serveur).`;
}

/**
 * « Calculer les décomptes de la période » for every Ouvert or Clos file of the organisation with
 * arrêt days in it, as a job: a file missing a month's salary is listed « à compléter », not costed.
 */
export function createCalculLotService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: DecomptesRepository;
  decomptes: Pick<DecomptesService, 'calculer'>;
  logger?: JobLogger;
}) {
  const { db, clock, audit, repo, decomptes } = deps;

  /**
   * The job. A file that fails is counted in `erreurs` and the run goes on; a run that fails as a
   * whole (its listing, its progress, its scope) ends in `echec` with a message for the handler, who
   * may launch the period again: the décomptes already computed stay, and computing them again
   * changes nothing. The job itself then succeeds: retrying it would resume a run the handler has
   * been told is over. If even `echec` cannot be written, the job fails and its retry resumes.
   */
  async function run(id: string) {
    const [row] = await db.select().from(calculLot).where(eq(calculLot.id, id));
    if (!row || row.statut === 'termine' || row.statut === 'echec') return;
    try {
      await costAll(row);
    } catch (e) {
      deps.logger?.error({ err: e, calculLotId: id }, 'échec du calcul des décomptes de la période');
      const [now] = await db
        .select({ traites: calculLot.traites, total: calculLot.total })
        .from(calculLot)
        .where(eq(calculLot.id, id));
      await db
        .update(calculLot)
        .set({ statut: 'echec', message: messageEchec(now ?? row), finishedAt: clock.now() })
        .where(eq(calculLot.id, id));
    }
  }

  async function costAll(row: CalculLotRow) {
    const { id } = row;
    if (!row.userId) throw new Error('calcul sans auteur');
    const scope: Scope = { kind: 'staff', userId: row.userId, organisation: row.organisation, collectiviteId: null };
    const actor: Actor = {
      userId: row.userId,
      userLabel: row.userLabel,
      organisation: row.organisation.nom,
      collectiviteId: null,
      ip: null,
    };
    const periode = { du: row.periodeDu, au: row.periodeAu };
    const total = row.total || (await repo.compterACalculer(db, scope, periode));
    await db.update(calculLot).set({ statut: 'en_cours', total }).where(eq(calculLot.id, id));
    let after = row.dernierId;
    for (;;) {
      const files = await repo.aCalculer(db, scope, periode, after, LOT);
      if (files.length === 0) break;
      const counts = { calcules: 0, sansMontant: 0, erreurs: 0 };
      const aCompleter: CalculLotRow['aCompleter'] = [];
      for (const f of files) {
        try {
          const issue = await db.transaction((tx) => decomptes.calculer(tx, actor, scope, f.id, periode, null));
          if (issue.kind === 'calcule' || issue.frais.decompteIds.length > 0) counts.calcules++;
          else if (issue.kind === 'sans_montant') counts.sansMontant++;
          else
            aCompleter.push({
              sinistreId: f.id,
              numero: numeroSinistre(f),
              agent: `${f.nom} ${f.prenom}`,
              mois: issue.mois,
            });
        } catch (e) {
          counts.erreurs++;
          deps.logger?.error({ err: e, sinistreId: f.id }, 'calcul du décompte impossible');
        }
      }
      after = files.at(-1)!.id;
      await db
        .update(calculLot)
        .set({
          traites: sql`${calculLot.traites} + ${files.length}`,
          calcules: sql`${calculLot.calcules} + ${counts.calcules}`,
          sansMontant: sql`${calculLot.sansMontant} + ${counts.sansMontant}`,
          erreurs: sql`${calculLot.erreurs} + ${counts.erreurs}`,
          aCompleter: sql`${calculLot.aCompleter} || ${JSON.stringify(aCompleter)}::jsonb`,
          dernierId: after,
        })
        .where(eq(calculLot.id, id));
      if (files.length < LOT) break;
    }
    await db.update(calculLot).set({ statut: 'termine', finishedAt: clock.now() }).where(eq(calculLot.id, id));
  }

  return {
    async lancer(ctx: AuthContext, periode: TPeriodeCalcul, ip: string): Promise<TCalculLotOut> {
      if (ctx.scope.kind !== 'staff') throw Forbidden('Seul un gestionnaire calcule les décomptes.');
      const organisation = ctx.scope.organisation;
      return db.transaction(async (tx) => {
        const actor = actorOf(ctx, ip);
        const [row] = await tx
          .insert(calculLot)
          .values({
            organisation,
            userId: ctx.user.id,
            userLabel: actor.userLabel ?? '',
            periodeDu: periode.du,
            periodeAu: periode.au,
            statut: 'en_attente',
            createdAt: clock.now(),
          })
          .returning();
        await enqueueJob(tx, CALCUL_LOT_JOB, { id: row!.id }, clock.now());
        await audit.record(tx, actor, {
          entity: 'calcul_lot',
          entityId: row!.id,
          action: 'creation',
          changes: { du: periode.du, au: periode.au },
          collectiviteId: null,
        });
        return present(row!);
      });
    },

    /** The launcher reads his own runs only. */
    async lire(ctx: AuthContext, id: string): Promise<TCalculLotOut> {
      const [row] = await db
        .select()
        .from(calculLot)
        .where(and(eq(calculLot.id, id), eq(calculLot.userId, ctx.user.id)));
      if (!row) throw NotFound('Calcul introuvable.');
      return present(row);
    },

    run,
  };
}
export type CalculLotService = ReturnType<typeof createCalculLotService>;
