import { nameSearchKey, type TPilotageAdhesion, type TPilotageQuery } from '@statutis/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { escapeLike } from '../../db/search.js';
import { contratInScope, inScope, type Scope } from '../../lib/scope.js';

export type PilotageRow = {
  id: string;
  nom: string;
  siret: string;
  type: string;
  tri: string;
  effectif: number;
  relance_le: Date | string | null;
  /** Calls of the year (not cancelled): issued, and fully paid. */
  appels: { emis: number; payes: number };
  adhesions: (Omit<TPilotageAdhesion, 'previsionnelle' | 'reelle'> & {
    previsionnelle: BaseJson | null;
    reelle: BaseJson | null;
  })[];
};
type BaseJson = { effectif: number; assiette: number; cotisation: number; declareeLe: string };

/** The keyset cursor of the list: the last row's sort key and id, base64url JSON. */
export const pilotageCursorOf = (r: { tri: string; id: string }) =>
  Buffer.from(JSON.stringify([r.tri, r.id])).toString('base64url');
export function parsePilotageCursor(cursor: string): { tri: string; id: string } | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1]))
      return { tri: v[0], id: v[1] };
  } catch {}
  return null;
}

/** An adhesion runs during the year: its contract and the adhesion have started, the contract has not ended. */
const adhesionDeLAnnee = (annee: number) => sql`
  ad.date_adhesion <= ${`${annee}-12-31`} AND co.date_effet <= ${`${annee}-12-31`}
  AND (co.date_fin IS NULL OR co.date_fin >= ${`${annee}-01-01`})`;

/** The collectivité `c` has an adhesion of the year (of the scope's contracts) without the base `type`. */
const baseManquante = (scope: Scope, annee: number, type: 'previsionnelle' | 'reelle') => sql`EXISTS (
  SELECT 1 FROM adhesion ad JOIN contrat co ON co.id = ad.contrat_id
  WHERE ad.collectivite_id = c.id AND ${adhesionDeLAnnee(annee)} AND ${contratInScope(scope, sql`co.id`)}
    AND NOT EXISTS (SELECT 1 FROM base_assurance b WHERE b.collectivite_id = c.id AND b.contrat_id = co.id
                    AND b.annee = ${annee} AND b.type = ${type}))`;

const baseJson = (type: 'previsionnelle' | 'reelle', annee: number) => sql`(
  SELECT json_build_object('effectif', b.effectif, 'assiette', b.assiette, 'cotisation', b.cotisation,
                           'declareeLe', b.created_at)
  FROM base_assurance b
  WHERE b.collectivite_id = c.id AND b.contrat_id = co.id AND b.annee = ${annee} AND b.type = ${type})`;

export function createPilotageRepository() {
  return {
    /**
     * One page of the scope's collectivités in name order, with their adhesions of the year (the
     * contract's options, the year's bases), their headcount and the year's reminder: one query,
     * the collectivités read by `collectivite_cdg_tri_idx` for a CDG.
     */
    async page(
      db: Db,
      scope: Scope,
      f: Omit<TPilotageQuery, 'annee' | 'apres'> & { annee: number; apres: { tri: string; id: string } | null },
      today: string,
      limit: number,
    ): Promise<PilotageRow[]> {
      const where: SQL[] = [inScope(scope, { collectiviteId: sql`c.id` })];
      // Redundant with inScope for a CDG, but lets `collectivite_cdg_tri_idx` give the rows in order.
      if (scope.kind === 'staff' && scope.organisation.kind === 'cdg')
        where.push(sql`c.cdg_id = ${scope.organisation.id}`);
      if (scope.kind !== 'plateforme') where.push(sql`c.active`);
      if (f.q) where.push(sql`c.tri LIKE ${`%${escapeLike(nameSearchKey(f.q))}%`}`);
      if (f.contratId)
        where.push(sql`EXISTS (SELECT 1 FROM adhesion ad WHERE ad.collectivite_id = c.id AND ad.contrat_id = ${f.contratId}
                               AND ${contratInScope(scope, sql`ad.contrat_id`)})`);
      if (f.base === 'previsionnelle_manquante') where.push(baseManquante(scope, f.annee, 'previsionnelle'));
      if (f.base === 'reelle_manquante') where.push(baseManquante(scope, f.annee, 'reelle'));
      if (f.base === 'completes')
        where.push(
          sql`NOT ${baseManquante(scope, f.annee, 'previsionnelle')} AND NOT ${baseManquante(scope, f.annee, 'reelle')}`,
        );
      if (f.apres) where.push(sql`(c.tri COLLATE "C", c.id) > (${f.apres.tri} COLLATE "C", ${f.apres.id}::uuid)`);
      const result = await db.execute(sql`
        SELECT c.id, c.nom, c.siret, c.type, c.tri,
          (SELECT count(*)::int FROM agent a
           WHERE a.collectivite_id = c.id AND (a.date_depart IS NULL OR a.date_depart >= ${today})) AS effectif,
          (SELECT r.envoyee_le FROM relance_base r WHERE r.collectivite_id = c.id AND r.annee = ${f.annee}) AS relance_le,
          (SELECT json_build_object('emis', count(*) FILTER (WHERE ap.emis_le IS NOT NULL),
                                    'payes', count(*) FILTER (WHERE ap.statut = 'solde'))
           FROM appel_cotisation ap
           WHERE ap.collectivite_id = c.id AND ap.annee = ${f.annee} AND ap.statut <> 'annule'
             AND ${contratInScope(scope, sql`ap.contrat_id`)}) AS appels,
          coalesce((
            SELECT json_agg(json_build_object(
              'contrat', json_build_object('id', co.id, 'numero', co.numero, 'libelle', co.libelle, 'regime', co.regime),
              'dateAdhesion', ad.date_adhesion,
              'tauxCotisation', co.taux_cotisation,
              'garanties', coalesce((
                SELECT json_agg(json_build_object('risque', g.risque, 'franchiseNombre', g.franchise_nombre,
                                                  'franchiseUnite', g.franchise_unite, 'remboursementPct', g.remboursement_pct)
                                ORDER BY g.risque)
                FROM garantie g WHERE g.contrat_id = co.id AND g.couvert), '[]'::json),
              'previsionnelle', ${baseJson('previsionnelle', f.annee)},
              'reelle', ${baseJson('reelle', f.annee)}
            ) ORDER BY co.numero)
            FROM adhesion ad JOIN contrat co ON co.id = ad.contrat_id
            WHERE ad.collectivite_id = c.id AND ${adhesionDeLAnnee(f.annee)} AND ${contratInScope(scope, sql`co.id`)}
          ), '[]'::json) AS adhesions
        FROM collectivite c
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY c.tri COLLATE "C", c.id
        LIMIT ${limit}`);
      return (result as unknown as { rows: PilotageRow[] }).rows;
    },

    /**
     * Active collectivités with an adhesion of the year that has no prévisionnelle base, and no
     * reminder yet for that year, with the numbers of those contracts: the reminder's work list.
     * Across every organisation: it is the platform's job, not a person's request.
     */
    async sansBase(db: Db, annee: number): Promise<{ id: string; nom: string; contrats: string[] }[]> {
      const result = await db.execute(sql`
        SELECT c.id, c.nom, array_agg(co.numero ORDER BY co.numero) AS contrats
        FROM collectivite c
        JOIN adhesion ad ON ad.collectivite_id = c.id
        JOIN contrat co ON co.id = ad.contrat_id
        WHERE c.active AND ${adhesionDeLAnnee(annee)}
          AND NOT EXISTS (SELECT 1 FROM base_assurance b WHERE b.collectivite_id = c.id AND b.contrat_id = co.id
                          AND b.annee = ${annee} AND b.type = 'previsionnelle')
          AND NOT EXISTS (SELECT 1 FROM relance_base r WHERE r.collectivite_id = c.id AND r.annee = ${annee})
        GROUP BY c.id, c.nom
        ORDER BY c.id`);
      return (result as unknown as { rows: { id: string; nom: string; contrats: string[] }[] }).rows;
    },

    /**
     * Marks the year's reminder of the collectivité as sent, in the caller's transaction. False when
     * it already was (another run got there first): the caller then sends nothing.
     */
    async marquerRelance(db: Db, collectiviteId: string, annee: number, at: Date, destinataires: number) {
      const result = await db.execute(sql`
        INSERT INTO relance_base (collectivite_id, annee, envoyee_le, destinataires)
        VALUES (${collectiviteId}, ${annee}, ${at}, ${destinataires})
        ON CONFLICT (collectivite_id, annee) DO NOTHING
        RETURNING collectivite_id`);
      return (result as unknown as { rows: unknown[] }).rows.length === 1;
    },

    /** The collectivité's active Administrateurs who can log in. */
    async administrateurs(db: Db, collectiviteId: string) {
      const result = await db.execute(sql`
        SELECT coalesce(u.email_notification, u.email) AS email, u.prenom
        FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.collectivite_id = ${collectiviteId} AND m.active AND u.enabled
          AND m.role = 'administrateur' AND u.password_hash IS NOT NULL
        ORDER BY u.email`);
      return (result as unknown as { rows: { email: string; prenom: string }[] }).rows;
    },

    /** `administrateurs` of many collectivités in one statement, each row saying whose. */
    async administrateursDe(db: Db, collectiviteIds: readonly string[]) {
      if (collectiviteIds.length === 0) return [];
      const result = await db.execute(sql`
        SELECT m.collectivite_id AS "collectiviteId", coalesce(u.email_notification, u.email) AS email, u.prenom
        FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.collectivite_id IN (SELECT unnest(${`{${collectiviteIds.join(',')}}`}::uuid[])) AND m.active AND u.enabled
          AND m.role = 'administrateur' AND u.password_hash IS NOT NULL
        ORDER BY m.collectivite_id, u.email`);
      return (result as unknown as { rows: { collectiviteId: string; email: string; prenom: string }[] }).rows;
    },
  };
}

export type PilotageRepository = ReturnType<typeof createPilotageRepository>;
