import {
  CORBEILLE_TYPES,
  ECHEANCE_PROCHE_JOURS,
  RISQUES_ACCIDENT,
  SANS_ECHEANCE,
  type TCorbeilleDrapeau,
  type TCorbeilleFiltres,
  type TCorbeilleType,
} from '@statutis/domain';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { echeanceCitisSql, echeancePiecesSql } from '../echeances/echeances.sql.js';
import { sinistre } from '../sinistres/sinistres.table.js';
import { appUser } from '../users/users.table.js';
import { gestionAttribution, gestionEchantillonnage, gestionFiltre, gestionPortefeuille } from './corbeille.table.js';

/** The lines of a page, plus one to know whether another page follows. */
export const CORBEILLE_PAGE = 20;

/** Where the reading starts: the key of the last line of the previous page (`cleUrgence`'s order). */
export type Apres = { echeance: string; depuis: string; id: string };

export type CorbeilleCriteres = TCorbeilleFiltres & {
  /** The gestionnaire reading the queue (« moi », his portfolio). */
  userId: string;
  /** Today in Europe/Paris, ISO date. */
  aujourdhui: string;
};

export type CorbeilleRow = {
  id: string;
  numero: number;
  collectivite_id: string;
  collectivite_nom: string;
  agent_nom: string;
  agent_prenom: string;
  agent_nir: string;
  categorie: string;
  date_survenance: string;
  types: TCorbeilleType[];
  /** ISO timestamp with microseconds (UTC), exact for the next page's key. */
  depuis: string;
  echeance: string | null;
  gestionnaire_id: string | null;
  gestionnaire_prenom: string | null;
  gestionnaire_nom: string | null;
  drapeaux: TCorbeilleDrapeau[];
  a_controler: boolean;
};

const ACCIDENTS = sql.raw(RISQUES_ACCIDENT.map((r) => `'${r}'`).join(', '));

/** The organisation's sampling rule, as a one-row (or empty) relation. */
function regleOf(scope: Scope): SQL {
  if (scope.kind !== 'staff') return sql`SELECT pourcentage, seuil_montant FROM gestion_echantillonnage WHERE false`;
  const column = scope.organisation.kind === 'cdg' ? sql`cdg_id` : sql`assureur_id`;
  return sql`SELECT pourcentage, seuil_montant FROM gestion_echantillonnage WHERE ${column} = ${scope.organisation.id} LIMIT 1`;
}

const citis = sql`(s.imputabilite IS NULL AND s.categorie IN (${ACCIDENTS}))`;

/**
 * The queue's rows of the sinistres `only` selects (its argument: a sinistre id column), computed
 * from the data: each reason reads only its waiting rows through a partial index (named beside it).
 * What it answers is what `gestion_file` holds; `refreshFile` runs it for one sinistre.
 */
export function fileRowsSql(only: (sinistreId: SQL) => SQL): SQL {
  const of = (column: string) => only(sql.raw(column));
  // The pieces and imputability clocks of `echeancesSinistre`, while they run.
  const echeancePieces = sql`CASE WHEN s.pieces_manquantes > 0 THEN ${echeancePiecesSql(sql`s`, sql`g`)} END`;
  const echeanceCitis = sql`CASE WHEN ${citis} THEN ${echeanceCitisSql(sql`s`)} END`;
  return sql`
    WITH attente AS (
      -- sinistre_corbeille_nouveau_idx
      SELECT s.id, 'nouveau_sinistre' AS type, s.created_at AS depuis FROM sinistre s
        WHERE s.statut = 'ouvert' AND s.examine_le IS NULL AND ${of('s.id')}
      UNION ALL -- arret_non_examine_idx
      SELECT a.sinistre_id, 'nouvel_arret', min(a.created_at) FROM arret a
        WHERE a.examine_le IS NULL AND ${of('a.sinistre_id')} GROUP BY a.sinistre_id
      UNION ALL -- piece_deposee_idx
      SELECT p.sinistre_id, 'piece', min(p.created_at) FROM piece p
        WHERE p.statut = 'deposee' AND ${of('p.sinistre_id')} GROUP BY p.sinistre_id
      UNION ALL -- requalification_demandee_idx
      SELECT r.sinistre_id, 'requalification', min(r.created_at) FROM requalification r
        WHERE r.statut = 'demandee' AND ${of('r.sinistre_id')} GROUP BY r.sinistre_id
      UNION ALL -- commentaire_non_lu_gestion_idx: answers of the employer to a comment of a handler
      SELECT m.sinistre_id, 'reponse_employeur', min(m.created_at) FROM commentaire m
        WHERE NOT m.gestion AND m.lu_gestion_le IS NULL AND ${of('m.sinistre_id')}
          AND EXISTS (SELECT 1 FROM commentaire h WHERE h.sinistre_id = m.sinistre_id AND h.gestion AND h.created_at < m.created_at)
        GROUP BY m.sinistre_id
      UNION ALL -- frais_medical_sinistre_idx: an invoice of medical fees waiting for its decision
      SELECT fm.sinistre_id, 'frais_medicaux', min(fm.created_at) FROM frais_medical fm
        WHERE fm.statut = 'saisie' AND ${of('fm.sinistre_id')} GROUP BY fm.sinistre_id
      UNION ALL -- sinistre_corbeille_echeance_idx: a deadline running (pieces, imputability)
      SELECT s.id, 'echeance', NULL FROM sinistre s
        WHERE s.statut = 'ouvert' AND (s.pieces_manquantes > 0 OR ${citis}) AND ${of('s.id')}
    ),
    lignes AS (
      SELECT s.id, s.collectivite_id, s.contrat_id, s.tiers_implique, s.hors_delai, s.created_at,
        array_agg(DISTINCT w.type) AS types,
        min(w.depuis) AS depuis,
        LEAST(${echeancePieces}, ${echeanceCitis}) AS echeance,
        ${citis} AS citis
      FROM attente w
      JOIN sinistre s ON s.id = w.id
      LEFT JOIN garantie g ON g.contrat_id = s.contrat_id AND g.risque = s.categorie
      WHERE s.statut = 'ouvert'
      GROUP BY s.id, g.delai_pieces_jours
    )
    SELECT l.id AS sinistre_id, l.collectivite_id, l.contrat_id, l.types,
      coalesce(l.depuis, l.created_at) AS depuis, l.echeance, coalesce(l.echeance, ${SANS_ECHEANCE}::date) AS cle,
      l.citis, l.tiers_implique,
      l.hors_delai OR EXISTS (SELECT 1 FROM arret a WHERE a.sinistre_id = l.id AND a.hors_delai) AS hors_delai,
      EXISTS (SELECT 1 FROM arret a WHERE a.sinistre_id = l.id AND a.type = 'rechute') AS rechute
    FROM lignes l`;
}

const FILE_COLUMNS = sql.raw(
  'sinistre_id, collectivite_id, contrat_id, types, depuis, echeance, cle, citis, tiers_implique, hors_delai, rechute',
);

/**
 * Brings the sinistre's row of the queue in line with its data, in the writer's transaction: every
 * change of a sinistre reaches it through `sinistreChanged` (a listener registered in app.ts).
 */
export async function refreshFile(tx: Db, sinistreId: string): Promise<void> {
  await tx.execute(sql`DELETE FROM gestion_file WHERE sinistre_id = ${sinistreId}`);
  await tx.execute(fileInsertSql((id) => sql`${id} = ${sinistreId}`));
}

/** Inserts the queue's rows of the sinistres `only` selects (the migration's backfill, the benches' seed). */
export function fileInsertSql(only: (sinistreId: SQL) => SQL): SQL {
  return sql`INSERT INTO gestion_file (${FILE_COLUMNS}) SELECT ${FILE_COLUMNS} FROM (${fileRowsSql(only)}) f`;
}

/**
 * « À contrôler » under the organisation's sampling rule: evaluated on the page's lines only (or as
 * a filter), so that the page stays an index scan in urgency order that stops at its last line.
 */
function aControler(scope: Scope, sinistreId: SQL): SQL {
  return sql`coalesce((SELECT ('x' || substr(${sinistreId}::text, 1, 8))::bit(32)::bigint % 100 < r.pourcentage
      OR (r.seuil_montant IS NOT NULL AND (
        SELECT coalesce(sum((a.fin - a.debut + 1) * coalesce(a.tbi, 0) / 30), 0) FROM arret a WHERE a.sinistre_id = ${sinistreId}
      ) >= r.seuil_montant) FROM (${regleOf(scope)}) r), false)`;
}

/**
 * The waiting files of the scope with their reasons, deadline and assignee, read from `gestion_file`
 * in urgency order (`gestion_file_urgence_idx`); what depends on today, the reader or his
 * organisation (« échéance proche », assignee, sampling) is computed here.
 */
function queue(scope: Scope, c: CorbeilleCriteres): SQL {
  const proche = sql`${c.aujourdhui}::date + ${ECHEANCE_PROCHE_JOURS}::int`;
  const filters: SQL[] = [];
  if (c.type) filters.push(sql`${c.type} = ANY(q.types)`);
  if (c.collectiviteId) filters.push(sql`q.collectivite_id = ${c.collectiviteId}`);
  if (c.attribution === 'moi') filters.push(sql`q.gestionnaire_id = ${c.userId}`);
  else if (c.attribution === 'personne') filters.push(sql`q.gestionnaire_id IS NULL`);
  else if (c.attribution) filters.push(sql`q.gestionnaire_id = ${c.attribution}`);
  if (c.portefeuille)
    filters.push(
      sql`q.collectivite_id IN (SELECT collectivite_id FROM gestion_portefeuille WHERE gestionnaire_id = ${c.userId})`,
    );
  if (c.drapeau === 'tiers') filters.push(sql`q.tiers_implique`);
  if (c.drapeau === 'hors_delai') filters.push(sql`q.hors_delai`);
  if (c.drapeau === 'rechute') filters.push(sql`q.rechute`);
  if (c.aControler) filters.push(aControler(scope, sql`q.id`));
  // A plain subquery, not a CTE: it is pulled up into the page's query, whose ORDER BY … LIMIT then
  // reads gestion_file_urgence_idx and stops at the page's last line.
  return sql`
    SELECT * FROM (
      SELECT f.sinistre_id AS id, f.collectivite_id, f.echeance, f.cle, f.depuis AS attend, f.tiers_implique,
        f.hors_delai, f.rechute,
        array_remove(f.types, 'echeance')
          || CASE WHEN f.echeance <= ${proche} THEN ARRAY['echeance_proche'] ELSE ARRAY[]::text[] END
          || CASE WHEN f.citis THEN ARRAY['citis_provisoire'] ELSE ARRAY[]::text[] END AS types,
        ga.gestionnaire_id
      FROM gestion_file f
      LEFT JOIN gestion_attribution ga ON ga.sinistre_id = f.sinistre_id
      WHERE ${inScope(scope, { collectiviteId: sql`f.collectivite_id`, contratId: sql`f.contrat_id` })}
        AND (f.types <> ARRAY['echeance'] OR f.echeance <= ${proche} OR f.citis)
    ) q ${filters.length ? sql`WHERE ${sql.join(filters, sql` AND `)}` : sql``}`;
}

/** One page of the queue in urgency order (`comparerUrgence`), read in one round trip. */
export function corbeillePageSql(scope: Scope, c: CorbeilleCriteres, apres: Apres | null): SQL {
  const after = apres
    ? sql`WHERE (p.cle, p.attend, p.id) > (${apres.echeance}::date, ${apres.depuis}::timestamptz, ${apres.id}::uuid)`
    : sql``;
  return sql`
    WITH page AS (
      SELECT * FROM (${queue(scope, c)}) p ${after}
      ORDER BY p.cle, p.attend, p.id
      LIMIT ${CORBEILLE_PAGE + 1}
    )
    SELECT p.id, s.numero, p.collectivite_id, co.nom AS collectivite_nom, ag.nom AS agent_nom,
      ag.prenom AS agent_prenom, ag.nir AS agent_nir, s.categorie, s.date_survenance::text AS date_survenance,
      p.types, to_char(p.attend AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS depuis,
      p.echeance::text AS echeance, p.gestionnaire_id, u.prenom AS gestionnaire_prenom, u.nom AS gestionnaire_nom,
      array_remove(ARRAY[
        CASE WHEN p.tiers_implique THEN 'tiers' END,
        CASE WHEN p.hors_delai THEN 'hors_delai' END,
        CASE WHEN p.rechute THEN 'rechute' END
      ], NULL) AS drapeaux,
      ${aControler(scope, sql`p.id`)} AS a_controler
    FROM page p
    JOIN sinistre s ON s.id = p.id
    JOIN collectivite co ON co.id = p.collectivite_id
    JOIN agent ag ON ag.id = s.agent_id
    LEFT JOIN app_user u ON u.id = p.gestionnaire_id
    ORDER BY p.cle, p.attend, p.id`;
}

/** The waiting files per kind: what the menu shows. */
export function corbeilleCompteursSql(scope: Scope, c: CorbeilleCriteres): SQL {
  return sql`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE q.gestionnaire_id = ${c.userId})::int AS mes_dossiers,
      ${sql.join(
        CORBEILLE_TYPES.map((t) => sql`count(*) FILTER (WHERE ${t} = ANY(q.types))::int AS ${sql.identifier(t)}`),
        sql`, `,
      )}
    FROM (${queue(scope, c)}) q`;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The key of a line for the next page, in the order of `cleUrgence`. */
export function cleDe(row: CorbeilleRow): Apres {
  return { echeance: row.echeance ?? SANS_ECHEANCE, depuis: row.depuis, id: row.id };
}

export function createCorbeilleRepository() {
  return {
    async page(db: Db, scope: Scope, c: CorbeilleCriteres, apres: Apres | null): Promise<CorbeilleRow[]> {
      return rowsOf<CorbeilleRow>(await db.execute(corbeillePageSql(scope, c, apres)));
    },

    async compteurs(db: Db, scope: Scope, c: CorbeilleCriteres) {
      const [row] = rowsOf<Record<string, number>>(await db.execute(corbeilleCompteursSql(scope, c)));
      return row!;
    },

    /** The sinistres of the scope among these ids, with their collectivité (for the audit). */
    async sinistresInScope(db: Db, scope: Scope, ids: string[]) {
      return db
        .select({ id: sinistre.id, collectiviteId: sinistre.collectiviteId })
        .from(sinistre)
        .where(
          and(
            inArray(sinistre.id, ids),
            inScope(scope, { collectiviteId: sinistre.collectiviteId, contratId: sinistre.contratId }),
          ),
        );
    },

    /** The gestionnaires of the scope's organisation (assignees, portfolio owners). */
    async gestionnaires(db: Db, scope: Scope) {
      const org =
        scope.kind !== 'staff'
          ? sql`false`
          : scope.organisation.kind === 'cdg'
            ? sql`${appUser.staffCdgId} = ${scope.organisation.id}`
            : sql`${appUser.staffAssureurId} = ${scope.organisation.id}`;
      return db
        .select({ id: appUser.id, prenom: appUser.prenom, nom: appUser.nom })
        .from(appUser)
        .where(and(eq(appUser.staffRole, 'gestionnaire'), org))
        .orderBy(appUser.nom, appUser.prenom);
    },

    async attributionsOf(db: Db, ids: string[]) {
      return db.select().from(gestionAttribution).where(inArray(gestionAttribution.sinistreId, ids));
    },

    async attribuer(db: Db, ids: string[], gestionnaireId: string | null, par: string, at: Date) {
      if (ids.length === 0) return;
      if (gestionnaireId === null) {
        await db.delete(gestionAttribution).where(inArray(gestionAttribution.sinistreId, ids));
        return;
      }
      await db
        .insert(gestionAttribution)
        .values(ids.map((sinistreId) => ({ sinistreId, gestionnaireId, attribuePar: par, attribueLe: at })))
        .onConflictDoUpdate({
          target: gestionAttribution.sinistreId,
          set: { gestionnaireId, attribuePar: par, attribueLe: at },
        });
    },

    /** Marks the file, its arrêts and the employer's comments as seen by a handler. */
    async examiner(db: Db, sinistreId: string, userId: string, at: Date) {
      await db.execute(
        sql`UPDATE sinistre SET examine_le = ${at}, examine_par = ${userId} WHERE id = ${sinistreId} AND examine_le IS NULL`,
      );
      await db.execute(
        sql`UPDATE arret SET examine_le = ${at}, examine_par = ${userId} WHERE sinistre_id = ${sinistreId} AND examine_le IS NULL`,
      );
      await db.execute(
        sql`UPDATE commentaire SET lu_gestion_le = ${at} WHERE sinistre_id = ${sinistreId} AND NOT gestion AND lu_gestion_le IS NULL`,
      );
      // Only the queue reads what changed here: the sinistre's other listeners have nothing to redo.
      await refreshFile(db, sinistreId);
    },

    async portefeuille(db: Db, gestionnaireId: string) {
      return db
        .select({ id: collectivite.id, nom: collectivite.nom })
        .from(gestionPortefeuille)
        .innerJoin(collectivite, eq(collectivite.id, gestionPortefeuille.collectiviteId))
        .where(eq(gestionPortefeuille.gestionnaireId, gestionnaireId))
        .orderBy(collectivite.nom);
    },

    /** The collectivités of the scope among these ids. */
    async collectivitesInScope(db: Db, scope: Scope, ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .select({ id: collectivite.id })
        .from(collectivite)
        .where(and(inArray(collectivite.id, ids), inScope(scope, { collectiviteId: collectivite.id })));
    },

    async remplacerPortefeuille(db: Db, gestionnaireId: string, collectiviteIds: string[]) {
      await db.delete(gestionPortefeuille).where(eq(gestionPortefeuille.gestionnaireId, gestionnaireId));
      if (collectiviteIds.length)
        await db
          .insert(gestionPortefeuille)
          .values(collectiviteIds.map((collectiviteId) => ({ gestionnaireId, collectiviteId })));
    },

    async filtres(db: Db, gestionnaireId: string) {
      return db
        .select({ id: gestionFiltre.id, nom: gestionFiltre.nom, criteres: gestionFiltre.criteres })
        .from(gestionFiltre)
        .where(eq(gestionFiltre.gestionnaireId, gestionnaireId))
        .orderBy(gestionFiltre.nom);
    },

    async creerFiltre(db: Db, gestionnaireId: string, nom: string, criteres: Record<string, unknown>) {
      const [row] = await db
        .insert(gestionFiltre)
        .values({ gestionnaireId, nom, criteres })
        .returning({ id: gestionFiltre.id, nom: gestionFiltre.nom, criteres: gestionFiltre.criteres });
      return row!;
    },

    async supprimerFiltre(db: Db, gestionnaireId: string, id: string) {
      const rows = await db
        .delete(gestionFiltre)
        .where(and(eq(gestionFiltre.id, id), eq(gestionFiltre.gestionnaireId, gestionnaireId)))
        .returning({ id: gestionFiltre.id });
      return rows.length > 0;
    },

    async echantillonnage(db: Db, scope: Scope) {
      const [row] = rowsOf<{ pourcentage: number; seuil_montant: string | number | null }>(
        await db.execute(regleOf(scope)),
      );
      return row
        ? { pourcentage: row.pourcentage, seuilMontant: row.seuil_montant === null ? null : Number(row.seuil_montant) }
        : null;
    },

    async definirEchantillonnage(db: Db, scope: Scope, pourcentage: number, seuilMontant: number | null) {
      if (scope.kind !== 'staff') return;
      const cdg = scope.organisation.kind === 'cdg';
      const column = cdg ? gestionEchantillonnage.cdgId : gestionEchantillonnage.assureurId;
      await db.delete(gestionEchantillonnage).where(eq(column, scope.organisation.id));
      await db.insert(gestionEchantillonnage).values({
        cdgId: cdg ? scope.organisation.id : null,
        assureurId: cdg ? null : scope.organisation.id,
        pourcentage,
        seuilMontant,
      });
    },
  };
}

export type CorbeilleRepository = ReturnType<typeof createCorbeilleRepository>;
