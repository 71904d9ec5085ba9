import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { agent } from '../agents/agents.table.js';
import { arret } from '../arrets/arrets.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { contrat, garantie } from '../contrats/contrats.table.js';
import { requalification, sinistre } from '../sinistres/sinistres.table.js';
import { decision } from './decisions.table.js';

export type DecisionRow = typeof decision.$inferSelect;
export type ArretRow = typeof arret.$inferSelect;
export type DecisionSinistreRow = NonNullable<Awaited<ReturnType<DecisionsRepository['sinistre']>>>;

/** A sinistre of the scope: its own rows, and only those of the scope's contracts for an insurer. */
const sinistreInScope = (scope: Scope) =>
  inScope(scope, { collectiviteId: sinistre.collectiviteId, contratId: sinistre.contratId });

/** Decisions on sinistres, and the changes an accepted requalification makes to the sinistre and its arrêts. */
export function createDecisionsRepository() {
  return {
    /** The sinistre with what a letter names (agent, collectivité) and the contract's regime; locked on demand. */
    async sinistre(db: Db, scope: Scope, id: string, lock = false) {
      const query = db
        .select({
          id: sinistre.id,
          numero: sinistre.numero,
          collectiviteId: sinistre.collectiviteId,
          contratId: sinistre.contratId,
          categorie: sinistre.categorie,
          dateSurvenance: sinistre.dateSurvenance,
          statut: sinistre.statut,
          remboursementARecalculerDepuis: sinistre.remboursementARecalculerDepuis,
          agentNom: agent.nom,
          agentPrenom: agent.prenom,
          collectiviteNom: collectivite.nom,
          regime: contrat.regime,
        })
        .from(sinistre)
        .innerJoin(agent, eq(agent.id, sinistre.agentId))
        .innerJoin(collectivite, eq(collectivite.id, sinistre.collectiviteId))
        .innerJoin(contrat, eq(contrat.id, sinistre.contratId))
        .where(and(eq(sinistre.id, id), sinistreInScope(scope)));
      const [row] = lock ? await query.for('update', { of: sinistre }) : await query;
      return row ?? null;
    },

    async garanties(db: Db, contratId: string) {
      return db
        .select({ risque: garantie.risque, couvert: garantie.couvert })
        .from(garantie)
        .where(eq(garantie.contratId, contratId));
    },

    async arrets(db: Db, s: { id: string; collectiviteId: string }): Promise<ArretRow[]> {
      return db
        .select()
        .from(arret)
        .where(and(eq(arret.collectiviteId, s.collectiviteId), eq(arret.sinistreId, s.id)))
        .orderBy(asc(arret.debut));
    },

    /** The request waiting for the handler's decision (at most one: a second one is refused). */
    async requalificationEnAttente(db: Db, s: { id: string; collectiviteId: string }) {
      const [row] = await db
        .select()
        .from(requalification)
        .where(
          and(
            eq(requalification.collectiviteId, s.collectiviteId),
            eq(requalification.sinistreId, s.id),
            eq(requalification.statut, 'demandee'),
          ),
        )
        .orderBy(desc(requalification.createdAt))
        .limit(1);
      return row ?? null;
    },

    async decisions(db: Db, scope: Scope, sinistreId: string): Promise<DecisionRow[]> {
      return db
        .select({ d: decision })
        .from(decision)
        .innerJoin(sinistre, eq(sinistre.id, decision.sinistreId))
        .where(and(eq(decision.sinistreId, sinistreId), sinistreInScope(scope)))
        .orderBy(desc(decision.createdAt))
        .then((rows) => rows.map((r) => r.d));
    },

    async decision(db: Db, scope: Scope, sinistreId: string, id: string): Promise<DecisionRow | null> {
      const [row] = await db
        .select({ d: decision })
        .from(decision)
        .innerJoin(sinistre, eq(sinistre.id, decision.sinistreId))
        .where(and(eq(decision.id, id), eq(decision.sinistreId, sinistreId), sinistreInScope(scope)));
      return row?.d ?? null;
    },

    async insertDecision(db: Db, values: typeof decision.$inferInsert): Promise<DecisionRow> {
      const [row] = await db.insert(decision).values(values).returning();
      return row!;
    },

    async decideRequalification(db: Db, id: string, statut: 'acceptee' | 'refusee') {
      await db.update(requalification).set({ statut }).where(eq(requalification.id, id));
    },

    async updateArret(db: Db, id: string, values: Partial<typeof arret.$inferInsert>) {
      await db.update(arret).set(values).where(eq(arret.id, id));
    },

    async insertArret(db: Db, values: typeof arret.$inferInsert) {
      await db.insert(arret).values(values);
    },

    /** The sinistre's new category (the day its reimbursement is recomputed from: `marquerRecalcul`). */
    async requalifierSinistre(db: Db, id: string, categorie: string, at: Date) {
      await db.update(sinistre).set({ categorie, updatedAt: at }).where(eq(sinistre.id, id));
    },
  };
}

export type DecisionsRepository = ReturnType<typeof createDecisionsRepository>;
