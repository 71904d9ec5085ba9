import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { arret } from '../arrets/arrets.table.js';
import { sinistre } from '../sinistres/sinistres.table.js';
import {
  controleMedical,
  recoursAction,
  recoursRecouvrement,
  recoursTiers,
  repriseSuivi,
} from './suivi-gestion.table.js';

export type ControleMedicalRow = typeof controleMedical.$inferSelect;
export type RecoursRow = typeof recoursTiers.$inferSelect;
export type RepriseRow = typeof repriseSuivi.$inferSelect;

/**
 * Every read and write goes through `sinistre`, filtered by the scope: the follow-up rows of a
 * sinistre outside it are never reached (a 404 for the caller); the functions taking a `sinistreId`
 * are called only with one `sinistre(…)` returned.
 */
export function createSuiviGestionRepository() {
  return {
    /** The sinistre if the scope reaches it; locked for the write of a use case. */
    async sinistre(db: Db, scope: Scope, id: string, lock = false) {
      const query = db
        .select({
          id: sinistre.id,
          collectiviteId: sinistre.collectiviteId,
          agentId: sinistre.agentId,
          categorie: sinistre.categorie,
          tiersImplique: sinistre.tiersImplique,
        })
        .from(sinistre)
        .where(
          and(
            eq(sinistre.id, id),
            inScope(scope, { collectiviteId: sinistre.collectiviteId, contratId: sinistre.contratId }),
          ),
        );
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },

    /** The arrêts with their salary data, for the chains and the créance. */
    async arrets(db: Db, sinistreId: string) {
      return db
        .select({
          debut: arret.debut,
          fin: arret.fin,
          quotiteTpt: arret.quotiteTpt,
          tbi: arret.tbi,
          nbi: arret.nbi,
          sft: arret.sft,
          ir: arret.ir,
          ri: arret.ri,
          cp: arret.cp,
        })
        .from(arret)
        .where(eq(arret.sinistreId, sinistreId))
        .orderBy(asc(arret.debut));
    },

    // -- contrôles médicaux
    async controles(db: Db, sinistreId: string) {
      return db
        .select()
        .from(controleMedical)
        .where(eq(controleMedical.sinistreId, sinistreId))
        .orderBy(asc(controleMedical.createdAt), asc(controleMedical.id));
    },
    async controle(db: Db, sinistreId: string, id: string) {
      const [row] = await db
        .select()
        .from(controleMedical)
        .where(and(eq(controleMedical.sinistreId, sinistreId), eq(controleMedical.id, id)))
        .for('update');
      return row ?? null;
    },
    async insertControle(db: Db, values: typeof controleMedical.$inferInsert) {
      const [row] = await db.insert(controleMedical).values(values).returning();
      return row!;
    },
    async updateControle(db: Db, id: string, values: Partial<typeof controleMedical.$inferInsert>) {
      const [row] = await db.update(controleMedical).set(values).where(eq(controleMedical.id, id)).returning();
      return row!;
    },

    // -- recours contre tiers
    async recours(db: Db, sinistreId: string) {
      const [row] = await db.select().from(recoursTiers).where(eq(recoursTiers.sinistreId, sinistreId));
      return row ?? null;
    },
    async saveRecours(db: Db, values: typeof recoursTiers.$inferInsert) {
      const { sinistreId: _, collectiviteId: __, ...set } = values;
      await db.insert(recoursTiers).values(values).onConflictDoUpdate({ target: recoursTiers.sinistreId, set });
    },
    async actions(db: Db, sinistreId: string) {
      return db
        .select()
        .from(recoursAction)
        .where(eq(recoursAction.sinistreId, sinistreId))
        .orderBy(asc(recoursAction.date), asc(recoursAction.createdAt));
    },
    async insertAction(db: Db, values: typeof recoursAction.$inferInsert) {
      const [row] = await db.insert(recoursAction).values(values).returning({ id: recoursAction.id });
      return row!.id;
    },
    async recouvrements(db: Db, sinistreId: string) {
      return db
        .select()
        .from(recoursRecouvrement)
        .where(eq(recoursRecouvrement.sinistreId, sinistreId))
        .orderBy(asc(recoursRecouvrement.date), asc(recoursRecouvrement.createdAt));
    },
    async insertRecouvrement(db: Db, values: typeof recoursRecouvrement.$inferInsert) {
      const [row] = await db.insert(recoursRecouvrement).values(values).returning({ id: recoursRecouvrement.id });
      return row!.id;
    },

    // -- reprise
    async reprise(db: Db, sinistreId: string) {
      const [row] = await db.select().from(repriseSuivi).where(eq(repriseSuivi.sinistreId, sinistreId));
      return row ?? null;
    },
    async saveReprise(db: Db, values: typeof repriseSuivi.$inferInsert) {
      const { sinistreId: _, collectiviteId: __, ...set } = values;
      await db.insert(repriseSuivi).values(values).onConflictDoUpdate({ target: repriseSuivi.sinistreId, set });
    },
  };
}

export type SuiviGestionRepository = ReturnType<typeof createSuiviGestionRepository>;
