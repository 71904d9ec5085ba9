import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { agent } from '../agents/agents.table.js';
import { arret } from '../arrets/arrets.table.js';
import { baseAssurance } from '../base-assurance/base-assurance.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { adhesion, contrat, garantie } from '../contrats/contrats.table.js';
import { piece } from '../pieces/pieces.table.js';
import { sinistre } from '../sinistres/sinistres.table.js';
import { pieceDecision } from './pieces-decision.table.js';

export type DossierRow = typeof sinistre.$inferSelect & {
  agentNom: string;
  agentPrenom: string;
  contratNumero: string;
  contratRegime: 'CNRACL' | 'IRCANTEC';
  contratFin: string | null;
  collectiviteNom: string;
  commentairesNonLus: number;
};
export type PieceDecisionRow = typeof pieceDecision.$inferSelect;

/**
 * The back office's reads and writes on one file. The sinistre is found through the scope
 * (`inScope` on its collectivité and contract); what hangs off it is then read by its collectivité
 * and id, derived from that scoped row.
 */
export function createDossierRepository() {
  return {
    async find(db: Db, scope: Scope, id: string, lock = false): Promise<DossierRow | null> {
      const query = db
        .select({
          s: sinistre,
          agentNom: agent.nom,
          agentPrenom: agent.prenom,
          contratNumero: contrat.numero,
          contratRegime: contrat.regime,
          contratFin: contrat.dateFin,
          collectiviteNom: collectivite.nom,
        })
        .from(sinistre)
        .innerJoin(agent, eq(agent.id, sinistre.agentId))
        .innerJoin(contrat, eq(contrat.id, sinistre.contratId))
        .innerJoin(collectivite, eq(collectivite.id, sinistre.collectiviteId))
        .where(
          and(
            eq(sinistre.id, id),
            inScope(scope, { collectiviteId: sinistre.collectiviteId, contratId: sinistre.contratId }),
          ),
        );
      const [row] = lock ? await query.for('update', { of: sinistre }) : await query;
      return row
        ? {
            ...row.s,
            agentNom: row.agentNom,
            agentPrenom: row.agentPrenom,
            contratNumero: row.contratNumero,
            contratRegime: row.contratRegime,
            contratFin: row.contratFin,
            collectiviteNom: row.collectiviteNom,
            commentairesNonLus: 0,
          }
        : null;
    },

    async agent(db: Db, collectiviteId: string, agentId: string) {
      const [row] = await db
        .select()
        .from(agent)
        .where(and(eq(agent.collectiviteId, collectiviteId), eq(agent.id, agentId)));
      return row!;
    },

    /** Every contract the collectivité adheres to, with its adhesion date: the one in force covers a chain. */
    async contrats(db: Db, collectiviteId: string) {
      return db
        .select({
          id: contrat.id,
          numero: contrat.numero,
          libelle: contrat.libelle,
          regime: contrat.regime,
          dateEffet: contrat.dateEffet,
          dateFin: contrat.dateFin,
          dateAdhesion: adhesion.dateAdhesion,
        })
        .from(contrat)
        .innerJoin(adhesion, and(eq(adhesion.contratId, contrat.id), eq(adhesion.collectiviteId, collectiviteId)))
        .orderBy(asc(contrat.dateEffet));
    },
    async garanties(db: Db, contratId: string) {
      return db.select().from(garantie).where(eq(garantie.contratId, contratId));
    },
    /** The years a base de l'assurance was declared for on this contract. */
    async basesDeclarees(db: Db, collectiviteId: string, contratId: string) {
      return db
        .selectDistinct({ annee: baseAssurance.annee })
        .from(baseAssurance)
        .where(and(eq(baseAssurance.collectiviteId, collectiviteId), eq(baseAssurance.contratId, contratId)));
    },

    /** The agent's arrêts of his other sinistres, with their sinistre's number, for the overlap check. */
    async autresArretsAgent(db: Db, collectiviteId: string, agentId: string, sinistreId: string) {
      return db
        .select({
          id: arret.id,
          debut: arret.debut,
          fin: arret.fin,
          numero: sinistre.numero,
          dateSurvenance: sinistre.dateSurvenance,
        })
        .from(arret)
        .innerJoin(sinistre, eq(sinistre.id, arret.sinistreId))
        .where(
          and(eq(arret.collectiviteId, collectiviteId), eq(arret.agentId, agentId), ne(arret.sinistreId, sinistreId)),
        )
        .orderBy(asc(arret.debut))
        .limit(5000);
    },

    /** Each piece's last decision, for who decided it and when. */
    async dernieresDecisions(db: Db, collectiviteId: string, sinistreId: string): Promise<PieceDecisionRow[]> {
      return db
        .selectDistinctOn([pieceDecision.pieceId])
        .from(pieceDecision)
        .innerJoin(piece, eq(piece.id, pieceDecision.pieceId))
        .where(and(eq(pieceDecision.collectiviteId, collectiviteId), eq(piece.sinistreId, sinistreId)))
        .orderBy(pieceDecision.pieceId, desc(pieceDecision.decideLe))
        .then((rows) => rows.map((r) => r.piece_decision));
    },
    /** Whether a file of a piece was ever erased (a volet 1): nothing is left to download. */
    async fichiersEffaces(db: Db, collectiviteId: string, sinistreId: string): Promise<Set<string>> {
      const rows = await db
        .select({ id: pieceDecision.pieceId })
        .from(pieceDecision)
        .innerJoin(piece, eq(piece.id, pieceDecision.pieceId))
        .where(
          and(
            eq(pieceDecision.collectiviteId, collectiviteId),
            eq(piece.sinistreId, sinistreId),
            eq(pieceDecision.fichierEfface, true),
          ),
        );
      return new Set(rows.map((r) => r.id));
    },

    async piece(db: Db, collectiviteId: string, sinistreId: string, pieceId: string) {
      const [row] = await db
        .select()
        .from(piece)
        .where(and(eq(piece.collectiviteId, collectiviteId), eq(piece.sinistreId, sinistreId), eq(piece.id, pieceId)))
        .for('update');
      return row ?? null;
    },
    /** The piece's new status and the motif the employer reads, and the decision in the history. */
    async decider(
      db: Db,
      p: { id: string; collectiviteId: string },
      statut: string,
      motifRefus: string | null,
      decision: Omit<typeof pieceDecision.$inferInsert, 'pieceId' | 'collectiviteId'>,
    ) {
      await db
        .update(piece)
        .set({ statut, motifRefus })
        .where(and(eq(piece.collectiviteId, p.collectiviteId), eq(piece.id, p.id)));
      await db.insert(pieceDecision).values({ ...decision, pieceId: p.id, collectiviteId: p.collectiviteId });
    },
  };
}
export type DossierRepository = ReturnType<typeof createDossierRepository>;
