import type { ListeAgent, TRegime, TStatut } from '@statutis/domain';
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gt,
  inArray,
  isNotNull,
  isNull,
  like,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { escapeLike, frenchNameOrder, nameContains } from '../../db/search.js';
import { parisDate } from '../../lib/clock.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { agent, agentEmploi, importAgentLigne, listeImport } from './agents.table.js';

export type AgentRow = typeof agent.$inferSelect;
export type ListeImportRow = typeof listeImport.$inferSelect;

export type AgentFilters = {
  /** A name (matched anywhere in « nom prénom ») or the beginning of a NIR. */
  search?: string;
  regime?: TRegime;
  statut?: TStatut;
  presence?: 'present' | 'parti';
  incomplet?: boolean;
  /** Today in France (YYYY-MM-DD): an agent whose departure date is today or earlier has left. */
  today: string;
};

/** The search text is a NIR prefix when it starts with a digit (spaces and dots as typed on a card). */
function searchCondition(search: string): SQL | undefined {
  const compact = search.replace(/[\s.]/g, '').toUpperCase();
  if (/^\d[\dAB]*$/.test(compact)) return like(agent.nir, `${escapeLike(compact.slice(0, 13))}%`);
  // The generated column has a trigram index, so LIKE '%…%' can use it; accents and capitals are folded.
  return like(agent.recherche, nameContains(search));
}

const agentInScope = (scope: Scope) => inScope(scope, { collectiviteId: agent.collectiviteId });
const emploiInScope = (scope: Scope) => inScope(scope, { collectiviteId: agentEmploi.collectiviteId });

function whereAgents(scope: Scope, f: AgentFilters): SQL | undefined {
  const search = f.search?.trim();
  return and(
    agentInScope(scope),
    search ? searchCondition(search) : undefined,
    f.regime ? eq(agent.regime, f.regime) : undefined,
    f.statut ? eq(agent.statut, f.statut) : undefined,
    f.presence === 'parti' ? and(isNotNull(agent.dateDepart), lte(agent.dateDepart, f.today)) : undefined,
    f.presence === 'present' ? or(isNull(agent.dateDepart), gt(agent.dateDepart, f.today)) : undefined,
    // The rule of agentIncomplet (domain), in SQL.
    f.incomplet === true ? or(isNull(agent.dateNaissance), isNull(agent.tempsTravail)) : undefined,
    f.incomplet === false ? and(isNotNull(agent.dateNaissance), isNotNull(agent.tempsTravail)) : undefined,
  );
}

const byName = frenchNameOrder(agent.tri, agent.nom, agent.prenom);
const sortColumns = {
  nom: byName,
  dateEntree: [agent.dateEntree, ...byName],
  nir: [agent.nir],
} as const;

/**
 * What an import writes, column by column. An empty optional cell keeps what is known (an import
 * completes agents, it never erases); the hours follow the working time they belong to.
 * Constant SQL text: `agent` is the existing row, `excluded` the one from the file.
 */
const imported: [column: string, value: string][] = [
  ['nir_cle', 'COALESCE(excluded.nir_cle, agent.nir_cle)'],
  ['nir_temporaire', 'excluded.nir_temporaire'],
  ['nom', 'excluded.nom'],
  ['nom_usage', 'COALESCE(excluded.nom_usage, agent.nom_usage)'],
  ['prenom', 'excluded.prenom'],
  ['sexe', 'COALESCE(excluded.sexe, agent.sexe)'],
  ['date_naissance', 'COALESCE(excluded.date_naissance, agent.date_naissance)'],
  ['regime', 'excluded.regime'],
  ['statut', 'excluded.statut'],
  ['date_entree', 'excluded.date_entree'],
  ['emploi', 'COALESCE(excluded.emploi, agent.emploi)'],
  ['grade', 'COALESCE(excluded.grade, agent.grade)'],
  ['temps_travail', 'COALESCE(excluded.temps_travail, agent.temps_travail)'],
  ['heures_hebdo', 'CASE WHEN excluded.temps_travail IS NULL THEN agent.heures_hebdo ELSE excluded.heures_hebdo END'],
  ['service', 'COALESCE(excluded.service, agent.service)'],
  ['date_depart', 'COALESCE(excluded.date_depart, agent.date_depart)'],
];
/** The employment columns kept in the history (`agent_emploi`): a change of one of them is a new line. */
const emploiColumns = ['regime', 'statut', 'emploi', 'grade', 'temps_travail', 'heures_hebdo', 'service'];
const emploiOf = (alias: string) => sql.raw(`(${emploiColumns.map((c) => `${alias}.${c}`).join(', ')})`);
/** The columns a staged line carries, in the order of both tables' INSERTs. */
const stagedColumns = sql.raw(['nir', ...imported.map(([column]) => column)].join(', '));
const upsertSet = sql.raw(imported.map(([column, value]) => `${column} = ${value}`).join(', '));
/**
 * Only a row with a different value is updated, so a re-import changes nothing. The NIR key is
 * left out: it follows from the 13 digits, so a file that merely adds it (an export, which always
 * shows it) changes nothing about the agent.
 */
const compared = imported.filter(([column]) => column !== 'nir_cle');
const upsertChanged = sql.raw(
  `(${compared.map(([column]) => `agent.${column}`).join(', ')}) IS DISTINCT FROM (${compared.map(([, value]) => value).join(', ')})`,
);

export function createAgentsRepository() {
  return {
    async find(db: Db, scope: Scope, id: string, lock = false): Promise<AgentRow | null> {
      const query = db
        .select()
        .from(agent)
        .where(and(agentInScope(scope), eq(agent.id, id)));
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },
    /** The agent of a record (a sinistre) that its module has already read through the scope. */
    async findAgent(db: Db, collectiviteId: string, id: string, lock = false): Promise<AgentRow | null> {
      const query = db
        .select()
        .from(agent)
        .where(and(eq(agent.collectiviteId, collectiviteId), eq(agent.id, id)));
      const [row] = lock ? await query.for('update') : await query;
      return row ?? null;
    },
    async findAgentByNir(db: Db, scope: Scope, nir: string): Promise<AgentRow | null> {
      const [row] = await db
        .select()
        .from(agent)
        .where(and(agentInScope(scope), eq(agent.nir, nir)));
      return row ?? null;
    },
    async insertAgent(db: Db, values: typeof agent.$inferInsert): Promise<AgentRow> {
      const [row] = await db.insert(agent).values(values).returning();
      return row!;
    },
    async updateAgent(db: Db, scope: Scope, id: string, values: Partial<typeof agent.$inferInsert>) {
      await db
        .update(agent)
        .set(values)
        .where(and(agentInScope(scope), eq(agent.id, id)));
    },
    async insertEmploi(db: Db, values: typeof agentEmploi.$inferInsert) {
      await db.insert(agentEmploi).values(values);
    },
    async hasEmplois(db: Db, scope: Scope, agentId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: agentEmploi.id })
        .from(agentEmploi)
        .where(and(emploiInScope(scope), eq(agentEmploi.agentId, agentId)))
        .limit(1);
      return row !== undefined;
    },
    async emplois(db: Db, scope: Scope, agentId: string) {
      return db
        .select()
        .from(agentEmploi)
        .where(and(emploiInScope(scope), eq(agentEmploi.agentId, agentId)))
        .orderBy(desc(agentEmploi.dateEffet), desc(agentEmploi.createdAt))
        .limit(200);
    },

    async listAgents(
      db: Db,
      scope: Scope,
      q: AgentFilters & { sort: keyof typeof sortColumns; direction: 'asc' | 'desc'; limit: number; offset: number },
    ): Promise<{ rows: AgentRow[]; total: number }> {
      const where = whereAgents(scope, q);
      const order = sortColumns[q.sort].map((c) => (q.direction === 'desc' ? desc(c) : asc(c)));
      const [rows, [totalRow]] = await Promise.all([
        db
          .select()
          .from(agent)
          .where(where)
          .orderBy(...order, q.direction === 'desc' ? desc(agent.id) : asc(agent.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ total: count() }).from(agent).where(where),
      ]);
      return { rows, total: totalRow?.total ?? 0 };
    },

    /** The next rows in French name order after `after`: exports read the list by keyset, in batches. */
    async agentsAfter(
      db: Db,
      scope: Scope,
      filters: AgentFilters,
      after: { tri: string; nom: string; prenom: string; id: string } | null,
      limit: number,
    ): Promise<AgentRow[]> {
      return db
        .select()
        .from(agent)
        .where(
          and(
            whereAgents(scope, filters),
            after
              ? sql`(${sql.join([...byName, sql`${agent.id}`], sql`, `)}) > (${after.tri}, ${after.nom}, ${after.prenom}, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(...byName, asc(agent.id))
        .limit(limit);
    },

    /**
     * Stages agents of a valid roster (their line numbers with them) for the import's apply: one
     * statement, the batch travelling as one JSON parameter (a multi-row VALUES built by the ORM
     * costs more than the database's own work at this size).
     */
    async stageListe(tx: Db, importId: string, lines: { ligne: number; agent: ListeAgent }[]) {
      if (lines.length === 0) return;
      const batch = JSON.stringify(
        lines.map(({ ligne, agent: a }) => ({
          ligne,
          nir: a.nir,
          nir_cle: a.nirCle,
          nir_temporaire: a.nirTemporaire,
          nom: a.nom,
          nom_usage: a.nomUsage,
          prenom: a.prenom,
          sexe: a.sexe,
          date_naissance: a.dateNaissance,
          regime: a.regime,
          statut: a.statut,
          date_entree: a.dateEntree,
          emploi: a.emploi,
          grade: a.grade,
          temps_travail: a.tempsTravail,
          heures_hebdo: a.heuresHebdo,
          service: a.service,
          date_depart: a.dateDepart,
        })),
      );
      await tx.execute(sql`
        INSERT INTO import_agent_ligne (import_id, ligne, ${stagedColumns})
        SELECT ${importId}::uuid, x.ligne, x.nir, x.nir_cle, x.nir_temporaire, x.nom, x.nom_usage, x.prenom, x.sexe,
               x.date_naissance, x.regime::regime, x.statut, x.date_entree, x.emploi, x.grade, x.temps_travail,
               x.heures_hebdo, x.service, x.date_depart
        FROM jsonb_to_recordset(${batch}::jsonb) AS x(ligne integer, nir text, nir_cle text, nir_temporaire boolean,
             nom text, nom_usage text, prenom text, sexe text, date_naissance date, regime text, statut text,
             date_entree date, emploi text, grade text, temps_travail text, heures_hebdo integer, service text,
             date_depart date)`);
    },

    /** Lines staged for an import (the apply checks that none is missing). */
    async countStaged(tx: Db, importId: string): Promise<number> {
      const [row] = await tx
        .select({ n: count() })
        .from(importAgentLigne)
        .where(eq(importAgentLigne.importId, importId));
      return row?.n ?? 0;
    },

    /**
     * Creates or updates the collectivité's agents by NIR from the staged lines of an import, and
     * their employment history, in one statement. A row whose values are all the same is not
     * touched (not even updated_at); an empty optional cell keeps what is known. Returns how many
     * agents were created and updated, and how many of the file's agents still lack a date de
     * naissance or a temps de travail once written (an import completes, never erases).
     */
    async applyStaged(
      tx: Db,
      collectiviteId: string,
      importId: string,
      now: Date,
    ): Promise<{ crees: number; misAJour: number; sansDateNaissance: number; sansTempsTravail: number }> {
      // A new agent's employment opens his history at his entry date; a changed one is a new line
      // from today (the fiche does the same), so that a later change keeps every earlier line. The
      // `agent` read by `hist` is the table as it was before this statement: the previous values.
      // xmax is 0 for a row this statement inserted, the updating transaction otherwise.
      const today = parisDate(now);
      const result = await tx.execute(sql`
        WITH up AS (
          INSERT INTO agent (collectivite_id, ${stagedColumns}, created_at, updated_at)
          SELECT ${collectiviteId}::uuid, ${stagedColumns}, ${now}::timestamptz, ${now}::timestamptz
          FROM import_agent_ligne WHERE import_id = ${importId}
          ON CONFLICT (collectivite_id, nir) DO UPDATE SET ${upsertSet}, updated_at = ${now}
          WHERE ${upsertChanged}
          RETURNING agent.id, agent.nir, agent.date_entree, agent.regime, agent.statut, agent.emploi, agent.grade,
                    agent.temps_travail, agent.heures_hebdo, agent.service, (xmax = 0) AS inserted
        ), hist AS (
          INSERT INTO agent_emploi (agent_id, collectivite_id, date_effet, regime, statut, emploi, grade, temps_travail,
                                    heures_hebdo, service, created_at)
          SELECT up.id, ${collectiviteId}::uuid,
                 CASE WHEN up.inserted THEN up.date_entree ELSE GREATEST(${today}::date, up.date_entree) END,
                 up.regime, up.statut, up.emploi, up.grade, up.temps_travail,
                 CASE WHEN up.temps_travail = 'non_complet' THEN up.heures_hebdo END, up.service, ${now}::timestamptz
          FROM up LEFT JOIN agent old ON old.collectivite_id = ${collectiviteId}::uuid AND old.nir = up.nir
          WHERE up.inserted OR ${emploiOf('old')} IS DISTINCT FROM ${emploiOf('up')}
        )
        SELECT (count(*) FILTER (WHERE inserted))::int AS crees, (count(*) FILTER (WHERE NOT inserted))::int AS mis_a_jour
        FROM up`);
      const written = (result as unknown as { rows: { crees: number; mis_a_jour: number }[] }).rows[0]!;
      // A second statement sees the agents as the first one left them. Each staged line looks its
      // agent up by the unique key (OFFSET 0 keeps the planner from flattening the look-up into a
      // join): the statistics never know of the rows this import just wrote (PGlite has no
      // autovacuum), and a join planned on them compared every line with every agent.
      const missing = await tx.execute(sql`
        SELECT count(*) FILTER (WHERE a.date_naissance IS NULL)::int AS sans_date_naissance,
               count(*) FILTER (WHERE a.temps_travail IS NULL)::int AS sans_temps_travail
        FROM import_agent_ligne s
        CROSS JOIN LATERAL (
          SELECT date_naissance, temps_travail FROM agent
          WHERE collectivite_id = ${collectiviteId}::uuid AND nir = s.nir OFFSET 0
        ) a
        WHERE s.import_id = ${importId}`);
      const lacks = (missing as unknown as { rows: { sans_date_naissance: number; sans_temps_travail: number }[] })
        .rows[0]!;
      return {
        crees: Number(written.crees),
        misAJour: Number(written.mis_a_jour),
        sansDateNaissance: Number(lacks.sans_date_naissance),
        sansTempsTravail: Number(lacks.sans_temps_travail),
      };
    },

    async dropStaged(db: Db, importId: string) {
      await db.delete(importAgentLigne).where(eq(importAgentLigne.importId, importId));
    },

    /**
     * Staged lines nobody will apply: those of a finished import (its job died before dropping
     * them), and those of an import started before `before` (its job has long given up).
     */
    async purgeStaged(db: Db, before: Date) {
      await db.execute(sql`
        DELETE FROM import_agent_ligne s USING liste_import i
        WHERE s.import_id = i.id AND (i.statut IN ('termine', 'refuse', 'echec') OR i.created_at < ${before})`);
    },

    async insertImport(tx: Db, values: typeof listeImport.$inferInsert): Promise<ListeImportRow> {
      const [row] = await tx.insert(listeImport).values(values).returning();
      return row!;
    },

    async findImport(db: Db, scope: Scope, id: string): Promise<ListeImportRow | null> {
      const [row] = await db
        .select()
        .from(listeImport)
        .where(and(inScope(scope, { collectiviteId: listeImport.collectiviteId }), eq(listeImport.id, id)));
      return row ?? null;
    },
    /** The import a job runs, named by its own payload (no request, no scope). */
    async findImportForJob(db: Db, collectiviteId: string, id: string): Promise<ListeImportRow | null> {
      const [row] = await db
        .select()
        .from(listeImport)
        .where(and(eq(listeImport.collectiviteId, collectiviteId), eq(listeImport.id, id)));
      return row ?? null;
    },

    /** Locks the import row for the write transaction, so that a second run of the job waits and then sees it done. */
    async lockImport(tx: Db, collectiviteId: string, id: string): Promise<ListeImportRow | null> {
      const [row] = await tx
        .select()
        .from(listeImport)
        .where(and(eq(listeImport.collectiviteId, collectiviteId), eq(listeImport.id, id)))
        .for('update');
      return row ?? null;
    },

    /** The history, newest first; the error lists are left out (up to 1 000 entries each). */
    async listImports(
      db: Db,
      scope: Scope,
      q: { limit: number; offset: number },
    ): Promise<{ rows: ListeImportRow[]; total: number }> {
      const where = inScope(scope, { collectiviteId: listeImport.collectiviteId });
      const { erreurs: _erreurs, ...columns } = getTableColumns(listeImport);
      const [rows, [totalRow]] = await Promise.all([
        db
          .select({ ...columns, erreurs: sql<null>`NULL` })
          .from(listeImport)
          .where(where)
          .orderBy(desc(listeImport.createdAt), desc(listeImport.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ total: count() }).from(listeImport).where(where),
      ]);
      return { rows, total: totalRow?.total ?? 0 };
    },

    /**
     * Progress and outcome of an import that is still running; a finished import (termine, refuse,
     * echec) is never changed, even by a late second run of the job.
     */
    async updateRunningImport(
      db: Db,
      collectiviteId: string,
      id: string,
      values: Partial<Omit<typeof listeImport.$inferInsert, 'id' | 'collectiviteId'>>,
    ): Promise<boolean> {
      const rows = await db
        .update(listeImport)
        .set(values)
        .where(
          and(
            eq(listeImport.collectiviteId, collectiviteId),
            eq(listeImport.id, id),
            inArray(listeImport.statut, ['en_attente', 'validation', 'ecriture']),
          ),
        )
        .returning({ id: listeImport.id });
      return rows.length > 0;
    },

    /** Imports of one collectivité write one after the other (held until the transaction ends). */
    async serializeImports(tx: Db, collectiviteId: string) {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`liste_import:${collectiviteId}`}))`);
    },
  };
}

export type AgentsRepository = ReturnType<typeof createAgentsRepository>;
