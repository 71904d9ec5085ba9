import type { TElementBase, TRenouvellementSens } from '@statutis/domain';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contratInScope, inScope, type StaffScope } from '../../lib/scope.js';
import { parsePilotageCursor, pilotageCursorOf } from '../gestion/pilotage.repository.js';
import { contrat } from './contrats.table.js';

/** The two contracts of a renewal as the repository reads them. */
export type ContratRenouvellementRow = {
  id: string;
  numero: string;
  libelle: string;
  regime: 'CNRACL' | 'IRCANTEC';
  cdgId: string | null;
  dateEffet: string;
  dateFin: string | null;
  successeurId: string | null;
  elementsAssurables: string[];
};

/** The split around `dateBascule` of the sinistres of contract `a`, towards contract `b`. */
export type Split = { a: string; b: string; dateBascule: string };

export type CollectiviteSplitRow = {
  collectivite_id: string;
  nom: string;
  tri: string;
  date_adhesion: string;
  adhesion_successeur: string | null;
  restent: number;
  basculent: number;
  bloquants: number;
  options_non_assurees: TElementBase[];
};

export type SinistreSplitRow = {
  id: string;
  numero: number;
  collectivite_id: string;
  collectivite: string;
  agent: string;
  categorie: string;
  date_survenance: string;
  debut_chaine: string;
  sans_arret: boolean;
  statut: string;
  categorie_non_couverte: boolean;
  decomptes: boolean;
};

export type Totaux = {
  collectivites: number;
  adhesionsACreer: number;
  restent: number;
  basculent: number;
  bloquants: number;
};

/** Keyset cursors, base64url JSON: the collectivités by (tri, id) as the pilotage's list, the sinistres by numero. */
export const curseurCollectivite = (r: { tri: string; collectivite_id: string }) =>
  pilotageCursorOf({ tri: r.tri, id: r.collectivite_id });
export const lireCurseurCollectivite = parsePilotageCursor;
export const curseurSinistre = (r: { numero: number }) => Buffer.from(JSON.stringify([r.numero])).toString('base64url');
export function lireCurseurSinistre(cursor: string): number | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(v) && Number.isSafeInteger(v[0])) return v[0] as number;
  } catch {}
  return null;
}

/** The first day of the sinistre `s`'s chain: its first arrêt (`arret_sinistre_idx`), else its survenance. */
const debutChaine = sql`coalesce((SELECT min(ar.debut) FROM arret ar WHERE ar.sinistre_id = s.id), s.date_survenance)`;

/** The collectivité `c` adheres to A: only A's adherents are carried to B. */
const adhereA = (split: Split, collectiviteId: SQL) =>
  sql`EXISTS (SELECT 1 FROM adhesion ada WHERE ada.contrat_id = ${split.a} AND ada.collectivite_id = ${collectiviteId})`;

/**
 * The sinistres of A in the scope, each with its chain start, its side of the switch and what
 * would block its move (B does not cover its category; décomptes were made on A).
 */
function sinistresDeA(scope: StaffScope, split: Split, extra: SQL[] = []) {
  return sql`
    SELECT s.*, s.debut_chaine >= ${split.dateBascule}::date AS bascule,
      s.debut_chaine < ${split.dateBascule}::date AND s.statut <> 'clos' AS reste,
      s.debut_chaine >= ${split.dateBascule}::date AND (s.categorie_non_couverte OR s.decomptes) AS bloquant
    FROM (
      SELECT s.id, s.numero, s.collectivite_id, s.agent_id, s.categorie, s.statut, s.date_survenance,
        ${debutChaine} AS debut_chaine,
        NOT EXISTS (SELECT 1 FROM arret ar WHERE ar.sinistre_id = s.id) AS sans_arret,
        s.categorie NOT IN (SELECT g.risque FROM garantie g WHERE g.contrat_id = ${split.b} AND g.couvert) AS categorie_non_couverte,
        EXISTS (SELECT 1 FROM decompte d WHERE d.sinistre_id = s.id AND d.contrat_id = ${split.a}) AS decomptes
      FROM sinistre s
      WHERE s.contrat_id = ${split.a}
        AND ${inScope(scope, { collectiviteId: sql`s.collectivite_id`, contratId: sql`s.contrat_id` })}
        AND ${adhereA(split, sql`s.collectivite_id`)}
        ${extra.length ? sql`AND ${sql.join(extra, sql` AND `)}` : sql``}
    ) s`;
}

/** The optional base elements the collectivité `c` insures on A (its latest year) that B does not insure. */
const optionsNonAssurees = (split: Split) => sql`ARRAY(
  SELECT DISTINCT v.e FROM base_assurance b
  CROSS JOIN LATERAL (VALUES ('nbi', b.nbi IS NOT NULL), ('sft', b.sft IS NOT NULL), ('ir', b.ir IS NOT NULL),
                             ('ri', b.ri_pct IS NOT NULL), ('cp', b.cp_pct IS NOT NULL)) v(e, choisi)
  WHERE b.collectivite_id = c.id AND b.contrat_id = ${split.a} AND v.choisi
    AND b.annee = (SELECT max(b2.annee) FROM base_assurance b2 WHERE b2.collectivite_id = c.id AND b2.contrat_id = ${split.a})
    AND NOT EXISTS (SELECT 1 FROM contrat co WHERE co.id = ${split.b} AND v.e = ANY(co.elements_assurables))
  ORDER BY v.e)`;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export function createRenouvellementRepository() {
  return {
    /** The contracts of the scope among `ids`; `lock` takes A's row lock for the switch. */
    async contrats(db: Db, scope: StaffScope, ids: string[], lock = false): Promise<ContratRenouvellementRow[]> {
      const q = db
        .select({
          id: contrat.id,
          numero: contrat.numero,
          libelle: contrat.libelle,
          regime: contrat.regime,
          cdgId: contrat.cdgId,
          dateEffet: contrat.dateEffet,
          dateFin: contrat.dateFin,
          successeurId: contrat.successeurId,
          elementsAssurables: contrat.elementsAssurables,
        })
        .from(contrat)
        .where(and(inArray(contrat.id, ids), contratInScope(scope, contrat.id)))
        .orderBy(contrat.id);
      return lock ? q.for('update') : q;
    },

    /**
     * The split's totals and one page of A's adherent collectivités (in name order, `limit` rows),
     * in one round trip: the totals read every sinistre of A once, the page only its collectivités'.
     */
    async apercu(
      db: Db,
      scope: StaffScope,
      split: Split,
      apres: { tri: string; id: string } | null,
      limit: number,
    ): Promise<{ totaux: Totaux; page: CollectiviteSplitRow[] }> {
      const collectivites: SQL[] = [
        sql`ad.contrat_id = ${split.a}`,
        inScope(scope, { collectiviteId: sql`c.id` }),
        ...(scope.kind === 'plateforme' ? [] : [sql`c.active`]),
      ];
      const pageWhere = apres
        ? [...collectivites, sql`(c.tri COLLATE "C", c.id) > (${apres.tri} COLLATE "C", ${apres.id}::uuid)`]
        : collectivites;
      const result = await db.execute(sql`
        WITH tous AS (${sinistresDeA(scope, split)}),
        adherentes AS (
          SELECT c.id, NOT EXISTS (SELECT 1 FROM adhesion adb WHERE adb.contrat_id = ${split.b} AND adb.collectivite_id = c.id) AS a_creer,
                 cardinality(${optionsNonAssurees(split)}) > 0 AS options_bloquantes
          FROM adhesion ad JOIN collectivite c ON c.id = ad.collectivite_id
          WHERE ${sql.join(collectivites, sql` AND `)}
        ),
        page AS (
          SELECT c.id AS collectivite_id, c.nom, c.tri, ad.date_adhesion::text AS date_adhesion,
            (SELECT adb.date_adhesion::text FROM adhesion adb WHERE adb.contrat_id = ${split.b} AND adb.collectivite_id = c.id) AS adhesion_successeur,
            ${optionsNonAssurees(split)} AS options_non_assurees
          FROM adhesion ad JOIN collectivite c ON c.id = ad.collectivite_id
          WHERE ${sql.join(pageWhere, sql` AND `)}
          ORDER BY c.tri COLLATE "C", c.id
          LIMIT ${limit}
        ),
        par_collectivite AS (
          SELECT t.collectivite_id, count(*) FILTER (WHERE t.reste)::int AS restent,
            count(*) FILTER (WHERE t.bascule)::int AS basculent, count(*) FILTER (WHERE t.bloquant)::int AS bloquants
          FROM tous t WHERE t.collectivite_id IN (SELECT collectivite_id FROM page)
          GROUP BY t.collectivite_id
        )
        SELECT
          json_build_object(
            'collectivites', (SELECT count(*)::int FROM adherentes),
            'adhesionsACreer', (SELECT count(*)::int FROM adherentes WHERE a_creer),
            'restent', (SELECT count(*)::int FROM tous WHERE reste),
            'basculent', (SELECT count(*)::int FROM tous WHERE bascule),
            'bloquants', (SELECT count(*)::int FROM tous WHERE bloquant) + (SELECT count(*)::int FROM adherentes WHERE options_bloquantes)
          ) AS totaux,
          coalesce((
            SELECT json_agg(json_build_object(
              'collectivite_id', p.collectivite_id, 'nom', p.nom, 'tri', p.tri, 'date_adhesion', p.date_adhesion,
              'adhesion_successeur', p.adhesion_successeur, 'options_non_assurees', to_json(p.options_non_assurees),
              'restent', coalesce(pc.restent, 0), 'basculent', coalesce(pc.basculent, 0), 'bloquants', coalesce(pc.bloquants, 0)
            ) ORDER BY p.tri COLLATE "C", p.collectivite_id)
            FROM page p LEFT JOIN par_collectivite pc ON pc.collectivite_id = p.collectivite_id
          ), '[]'::json) AS page`);
      const [row] = rowsOf<{ totaux: Totaux; page: CollectiviteSplitRow[] }>(result);
      return row!;
    },

    /** One page of the split's sinistres of one side, by number (`limit` rows after `apres`). */
    async sinistres(
      db: Db,
      scope: StaffScope,
      split: Split,
      f: { sens: TRenouvellementSens; collectiviteId?: string; apres: number | null },
      limit: number,
    ): Promise<SinistreSplitRow[]> {
      const extra: SQL[] = [];
      if (f.collectiviteId) extra.push(sql`s.collectivite_id = ${f.collectiviteId}`);
      if (f.apres !== null) extra.push(sql`s.numero > ${f.apres}`);
      const side = f.sens === 'restent' ? sql`t.reste` : f.sens === 'basculent' ? sql`t.bascule` : sql`t.bloquant`;
      const result = await db.execute(sql`
        SELECT t.id, t.numero::float8 AS numero, t.collectivite_id, c.nom AS collectivite,
          (ag.prenom || ' ' || ag.nom) AS agent, t.categorie, t.date_survenance::text AS date_survenance,
          t.debut_chaine::text AS debut_chaine, t.sans_arret, t.statut, t.categorie_non_couverte, t.decomptes
        FROM (${sinistresDeA(scope, split, extra)}) t
        JOIN collectivite c ON c.id = t.collectivite_id
        JOIN agent ag ON ag.id = t.agent_id
        WHERE ${side}
        ORDER BY t.numero
        LIMIT ${limit}`);
      return rowsOf<SinistreSplitRow>(result);
    },

    /** Ends A on B's eve and records B as its successor; false when nothing changed. */
    async terminer(db: Db, split: Split, finAncien: string) {
      const rows = await db
        .update(contrat)
        .set({ dateFin: finAncien, successeurId: split.b })
        .where(
          and(
            eq(contrat.id, split.a),
            sql`(${contrat.dateFin} IS DISTINCT FROM ${finAncien}::date OR ${contrat.successeurId} IS DISTINCT FROM ${split.b}::uuid)`,
          ),
        )
        .returning({ id: contrat.id });
      return rows.length > 0;
    },

    /** Carries A's adherents of the scope to B from B's effective date; the collectivités newly joined. */
    async reporterAdhesions(db: Db, scope: StaffScope, split: Split) {
      const result = await db.execute(sql`
        INSERT INTO adhesion (collectivite_id, contrat_id, date_adhesion)
        SELECT ad.collectivite_id, ${split.b}::uuid, ${split.dateBascule}::date
        FROM adhesion ad JOIN collectivite c ON c.id = ad.collectivite_id
        WHERE ad.contrat_id = ${split.a} AND ${inScope(scope, { collectiviteId: sql`c.id` })}
        ON CONFLICT (collectivite_id, contrat_id) DO NOTHING
        RETURNING collectivite_id`);
      return rowsOf<{ collectivite_id: string }>(result).map((r) => r.collectivite_id);
    },

    /** Moves to B the sinistres of A whose chain starts on or after the switch; those moved. */
    async basculerSinistres(db: Db, scope: StaffScope, split: Split, now: Date) {
      const result = await db.execute(sql`
        UPDATE sinistre s SET contrat_id = ${split.b}, updated_at = ${now}
        WHERE s.contrat_id = ${split.a}
          AND ${inScope(scope, { collectiviteId: sql`s.collectivite_id`, contratId: sql`s.contrat_id` })}
          AND ${adhereA(split, sql`s.collectivite_id`)}
          AND ${debutChaine} >= ${split.dateBascule}::date
        RETURNING s.id, s.collectivite_id, s.numero::float8 AS numero, s.date_survenance::text AS date_survenance`);
      return rowsOf<{ id: string; collectivite_id: string; numero: number; date_survenance: string }>(result);
    },
  };
}
export type RenouvellementRepository = ReturnType<typeof createRenouvellementRepository>;
