import { and, asc, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Scope } from '../../lib/scope.js';
import { agent } from '../agents/agents.table.js';
import { arret } from '../arrets/arrets.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { contrat } from '../contrats/contrats.table.js';
import { fraisMedical } from '../frais-medicaux/frais-medicaux.table.js';
import {
  type DecompteDetailRow,
  decompteFields,
  decompteInScope,
  parseCursor,
} from '../reglements/reglements.repository.js';
import { decompte } from '../reglements/reglements.table.js';
import { sinistreInScope } from '../sinistres/sinistres.repository.js';
import { sinistre } from '../sinistres/sinistres.table.js';

/** A file the period costs: an arrêt day in it, or a validated medical fee of care up to its end still unpaid. */
const aCoutEnPeriode = (periode: { du: string; au: string }) =>
  sql`(EXISTS (SELECT 1 FROM ${arret} WHERE ${arret.sinistreId} = ${sinistre.id}
      AND ${arret.debut} <= ${periode.au} AND ${arret.fin} >= ${periode.du})
    OR EXISTS (SELECT 1 FROM ${fraisMedical} WHERE ${fraisMedical.sinistreId} = ${sinistre.id}
      AND ${fraisMedical.statut} = 'validee' AND ${fraisMedical.decompteId} IS NULL
      AND ${fraisMedical.dateSoins} <= ${periode.au}))`;

/** The reads around a computation: the requalification flag, the periods to cost again, the files of a batch. */
export function createDecomptesRepository() {
  return {
    /** The sinistre of the scope, the date its validated décomptes must be computed again from, and why. */
    async sinistre(db: Db, scope: Scope, id: string) {
      const [row] = await db
        .select({
          id: sinistre.id,
          collectiviteId: sinistre.collectiviteId,
          aRecalculerDepuis: sinistre.remboursementARecalculerDepuis,
          recalculMotif: sinistre.remboursementRecalculMotif,
        })
        .from(sinistre)
        .where(and(sinistreInScope(scope), eq(sinistre.id, id)));
      return row ?? null;
    },

    /** A décompte of a sinistre of the scope (not an abandoned one), with its collectivité's name and its contract's number: its PDF. */
    async pourPdf(
      db: Db,
      scope: Scope,
      sinistreId: string,
      decompteId: string,
    ): Promise<(DecompteDetailRow & { collectiviteNom: string; contratNumero: string }) | null> {
      const [row] = await db
        .select({ ...decompteFields, collectiviteNom: collectivite.nom, contratNumero: contrat.numero })
        .from(decompte)
        .innerJoin(sinistre, eq(sinistre.id, decompte.sinistreId))
        .innerJoin(agent, eq(agent.id, sinistre.agentId))
        .innerJoin(collectivite, eq(collectivite.id, decompte.collectiviteId))
        .innerJoin(contrat, eq(contrat.id, decompte.contratId))
        .where(
          and(
            eq(decompte.id, decompteId),
            eq(decompte.sinistreId, sinistreId),
            decompteInScope(scope),
            ne(decompte.statut, 'abandonne'),
          ),
        );
      return row ?? null;
    },

    /**
     * « Décomptes à valider »: the computed décomptes of the scope, oldest first, by keyset on
     * (calcule_le, id) — a range of the partial index `decompte_a_valider_idx`, whatever the page.
     * An unreadable cursor starts again at the first page rather than failing.
     */
    async aValider(db: Db, scope: Scope, q: { collectiviteId?: string; apres?: string }, limit: number) {
      const after = q.apres ? parseCursor(q.apres) : null;
      return db
        .select({
          id: decompte.id,
          numero: decompte.numero,
          collectiviteId: decompte.collectiviteId,
          collectiviteNom: collectivite.nom,
          sinistreId: decompte.sinistreId,
          sinistreNumero: sinistre.numero,
          sinistreCategorie: sinistre.categorie,
          dateSurvenance: sinistre.dateSurvenance,
          agentNom: agent.nom,
          agentPrenom: agent.prenom,
          periodeDu: decompte.periodeDu,
          periodeAu: decompte.periodeAu,
          version: decompte.version,
          montant: decompte.montant,
          aRegler: decompte.aRegler,
          calculeLe: decompte.calculeLe,
        })
        .from(decompte)
        .innerJoin(sinistre, eq(sinistre.id, decompte.sinistreId))
        .innerJoin(agent, eq(agent.id, sinistre.agentId))
        .innerJoin(collectivite, eq(collectivite.id, decompte.collectiviteId))
        .where(
          and(
            eq(decompte.statut, 'calcule'),
            decompteInScope(scope),
            q.collectiviteId ? eq(decompte.collectiviteId, q.collectiviteId) : undefined,
            after ? sql`(${decompte.calculeLe}, ${decompte.id}) > (${after.at}, ${after.id})` : undefined,
          ),
        )
        .orderBy(asc(decompte.calculeLe), asc(decompte.id))
        .limit(limit);
    },

    async effacerRecalcul(db: Db, id: string, at: Date) {
      await db
        .update(sinistre)
        .set({ remboursementARecalculerDepuis: null, remboursementRecalculMotif: null, updatedAt: at })
        .where(eq(sinistre.id, id));
    },

    /**
     * The validated décomptes of daily allowances a change of inputs touches: per sinistre (the one
     * given, or every one of the agent), the latest version of the first period overlapping `du`…`au`
     * (open-ended without `au`).
     */
    async decomptesValidesTouches(
      db: Db,
      cible: { sinistreId: string } | { collectiviteId: string; agentId: string },
      du: string,
      au: string | null,
    ) {
      return db
        .selectDistinctOn([decompte.sinistreId], { sinistreId: decompte.sinistreId, numero: decompte.numero })
        .from(decompte)
        .innerJoin(sinistre, eq(sinistre.id, decompte.sinistreId))
        .where(
          and(
            'sinistreId' in cible
              ? eq(decompte.sinistreId, cible.sinistreId)
              : and(eq(sinistre.collectiviteId, cible.collectiviteId), eq(sinistre.agentId, cible.agentId)),
            eq(decompte.statut, 'valide'),
            eq(decompte.nature, 'indemnites_journalieres'),
            gte(decompte.periodeAu, du),
            au ? lte(decompte.periodeDu, au) : undefined,
          ),
        )
        .orderBy(asc(decompte.sinistreId), asc(decompte.periodeDu), desc(decompte.version));
    },

    /**
     * Marks a sinistre for recalculation from `depuis`: the earliest of this date and one already set,
     * the reason going with the earliest (both read before the update, as SQL sets them).
     */
    async marquerRecalcul(db: Db, sinistreId: string, depuis: string, motif: string, at: Date) {
      const actuel = sinistre.remboursementARecalculerDepuis;
      await db
        .update(sinistre)
        .set({
          remboursementARecalculerDepuis: sql`least(${actuel}, ${depuis}::date)`,
          remboursementRecalculMotif: sql`CASE WHEN ${actuel} IS NULL OR ${depuis}::date < ${actuel} THEN ${motif} ELSE ${sinistre.remboursementRecalculMotif} END`,
          updatedAt: at,
        })
        .where(eq(sinistre.id, sinistreId));
    },

    /** The periods of the sinistre's current décomptes (validated or pending) that end on or after `depuis`, oldest first. */
    async periodesValidees(db: Db, sinistreId: string, depuis: string) {
      return db
        .selectDistinct({ du: decompte.periodeDu, au: decompte.periodeAu })
        .from(decompte)
        .where(
          and(
            eq(decompte.sinistreId, sinistreId),
            eq(decompte.nature, 'indemnites_journalieres'),
            inArray(decompte.statut, ['valide', 'calcule']),
            gte(decompte.periodeAu, depuis),
          ),
        )
        .orderBy(asc(decompte.periodeDu), asc(decompte.periodeAu));
    },

    /**
     * The files a batch costs: Ouvert or Clos sinistres of the scope with an arrêt day in the period or fees to pay,
     * with their number and agent for the « à compléter » list, `after` the last id seen (keyset).
     */
    async aCalculer(db: Db, scope: Scope, periode: { du: string; au: string }, after: string | null, limit: number) {
      return db
        .select({
          id: sinistre.id,
          numero: sinistre.numero,
          dateSurvenance: sinistre.dateSurvenance,
          nom: agent.nom,
          prenom: agent.prenom,
        })
        .from(sinistre)
        .innerJoin(agent, eq(agent.id, sinistre.agentId))
        .where(
          and(
            sinistreInScope(scope),
            inArray(sinistre.statut, ['ouvert', 'clos']),
            aCoutEnPeriode(periode),
            after ? sql`${sinistre.id} > ${after}` : undefined,
          ),
        )
        .orderBy(asc(sinistre.id))
        .limit(limit);
    },

    async compterACalculer(db: Db, scope: Scope, periode: { du: string; au: string }) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(sinistre)
        .where(and(sinistreInScope(scope), inArray(sinistre.statut, ['ouvert', 'clos']), aCoutEnPeriode(periode)));
      return row?.n ?? 0;
    },
  };
}
export type DecomptesRepository = ReturnType<typeof createDecomptesRepository>;
