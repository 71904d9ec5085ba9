import type { SalaireMois } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';

/** A sinistre with a certificate in the forecast's window, and its agent. */
export type SinistreEnArretRow = {
  sinistre_id: string;
  numero: number;
  date_survenance: string;
  agent_id: string;
  nom: string;
  prenom: string;
};

type DernierSalaireRow = {
  agent_id: string;
  mois: string;
  tbi: number | null;
  nbi: number | null;
  sft: number | null;
  ir: number | null;
};

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** What the 90-day forecast reads beyond the engine's inputs (`entreesCalculDe`): two set-based statements. */
export function createPrevisionRepository() {
  return {
    /**
     * The declared sinistres (not brouillons, as the dashboard) of the collectivité with a certificate
     * between `debut` and `fin`, in the scope (an insurer's staff: his contracts' only), with their agent.
     */
    async sinistresEnArret(db: Db, scope: Scope, collectiviteId: string, debut: string, fin: string) {
      return rowsOf<SinistreEnArretRow>(
        await db.execute(sql`
          SELECT DISTINCT s.id AS sinistre_id, s.numero, s.date_survenance::text AS date_survenance,
                 ag.id AS agent_id, ag.nom, ag.prenom
          FROM arret a
          JOIN sinistre s ON s.id = a.sinistre_id
          JOIN agent ag ON ag.id = a.agent_id
          WHERE a.collectivite_id = ${collectiviteId}::uuid
            AND ${inScope(scope, { collectiviteId: sql`a.collectivite_id`, contratId: sql`s.contrat_id` })}
            AND s.statut <> 'brouillon'
            AND a.debut <= ${fin}::date AND a.fin >= ${debut}::date
          ORDER BY ag.id, s.id`),
      ).map((r) => ({ ...r, numero: Number(r.numero) }));
    },

    /** Each agent's latest payslip up to the month `mois` (`YYYY-MM`): the forecast carries it forward. */
    async derniersSalaires(
      db: Db,
      scope: Scope,
      collectiviteId: string,
      agentIds: readonly string[],
      mois: string,
    ): Promise<Map<string, { mois: string; salaire: SalaireMois }>> {
      if (agentIds.length === 0) return new Map();
      const rows = rowsOf<DernierSalaireRow>(
        await db.execute(sql`
          SELECT DISTINCT ON (sm.agent_id) sm.agent_id, sm.mois, sm.tbi, sm.nbi, sm.sft, sm.ir
          FROM salaire_mensuel sm
          WHERE sm.collectivite_id = ${collectiviteId}::uuid
            AND ${inScope(scope, { collectiviteId: sql`sm.collectivite_id` })}
            AND sm.agent_id IN (${sql.join(
              agentIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})
            AND sm.mois <= ${mois} AND sm.tbi IS NOT NULL
          ORDER BY sm.agent_id, sm.mois DESC`),
      );
      const n = (v: number | null) => (v === null ? undefined : Number(v));
      return new Map(
        rows.map((r) => [
          r.agent_id,
          {
            mois: r.mois,
            salaire: Object.fromEntries(
              Object.entries({ tbi: Number(r.tbi), nbi: n(r.nbi), sft: n(r.sft), ir: n(r.ir) }).filter(
                ([, v]) => v !== undefined,
              ),
            ) as SalaireMois,
          },
        ]),
      );
    },
  };
}

export type PrevisionRepository = ReturnType<typeof createPrevisionRepository>;
