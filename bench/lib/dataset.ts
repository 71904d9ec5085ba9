import type { Database } from '../../packages/server/src/db/client.js';

export const BENCH_PASSWORD = 'Banc-essai-Statutis-2026';

export type Dataset = {
  adminEmail: string;
  collectiviteId: string;
  mainAccounts: number;
  totalUsers: number;
};

/**
 * Bulk-loads a CDG, one collectivité with `mainAccounts` accounts (its first one an
 * administrator) and `others` collectivités with `othersAccounts` each, in a few INSERT … SELECT
 * over generate_series: seconds instead of minutes, the same SQL on PostgreSQL and PGlite.
 * Every user shares `passwordHash` (one argon2id hash computed beforehand); a few are invited
 * users without a password, a few memberships are disabled, as in real life.
 */
export async function seedDataset(
  database: Database,
  options: { passwordHash: string; mainAccounts: number; others: number; othersAccounts: number },
): Promise<Dataset> {
  const { passwordHash, mainAccounts, others, othersAccounts } = options;
  const totalUsers = mainAccounts + others * othersAccounts;
  const [centre] = await database.query<{ id: string }>(
    `INSERT INTO cdg (nom, siret) VALUES ('CDG du banc d''essai', '99999999900000') RETURNING id`,
  );
  await database.query(
    `INSERT INTO collectivite (nom, siret, type, cdg_id)
     SELECT CASE WHEN n = 0 THEN 'Commune du banc d''essai' ELSE 'Collectivité voisine ' || n END,
            '9999' || lpad(n::text, 10, '0'), 'commune', $1
     FROM generate_series(0, $2::int) AS n`,
    [centre!.id, others],
  );
  await database.query(
    `INSERT INTO app_user (email, nom, prenom, telephone, password_hash, last_login_at, created_at)
     SELECT 'compte' || n || '@banc.statutis.fr',
            (ARRAY['MARTIN','BERNARD','THOMAS','PETIT','ROBERT','RICHARD','DURAND','DUBOIS','MOREAU','LAURENT',
                   'SIMON','MICHEL','LEFEBVRE','LEROY','ROUX','DAVID','BERTRAND','MOREL','FOURNIER','GIRARD'])[1 + n % 20]
              || '-' || upper(substr(md5(n::text), 1, 5)),
            (ARRAY['Camille','Léa','Hugo','Louise','Jules','Emma','Louis','Chloé','Gabriel','Inès','Arthur','Manon'])
              [1 + (n / 20) % 12],
            '02 43 ' || lpad((n % 100)::text, 2, '0') || ' 00 00',
            CASE WHEN n % 7 = 3 THEN NULL ELSE $1 END,
            CASE WHEN n % 3 = 0 THEN now() - (n % 90) * interval '1 day' END,
            now() - (n % 365) * interval '1 day'
     FROM generate_series(1, $2::int) AS n`,
    [passwordHash, totalUsers],
  );
  await database.query(
    `WITH c AS (SELECT id, (row_number() OVER (ORDER BY siret) - 1)::int AS k FROM collectivite WHERE cdg_id = $1),
          u AS (SELECT id, substring(email FROM '^compte([0-9]+)@')::int AS n
                FROM app_user WHERE email LIKE 'compte%@banc.statutis.fr')
     INSERT INTO membership (user_id, collectivite_id, role, active, created_at)
     SELECT u.id, c.id,
            (CASE WHEN u.n = 1 OR u.n % 50 = 0 THEN 'administrateur' WHEN u.n % 5 = 0 THEN 'publicateur'
                  ELSE 'lecteur' END)::role,
            u.n = 1 OR u.n % 11 <> 5,
            now() - (u.n % 365) * interval '1 day'
     FROM u JOIN c ON c.k = CASE WHEN u.n <= $2 THEN 0 ELSE 1 + (u.n - $2 - 1) / $3 END`,
    [centre!.id, mainAccounts, othersAccounts],
  );
  // Fresh statistics, as autovacuum would gather them in production.
  await database.query('ANALYZE');
  const [main] = await database.query<{ id: string }>(`SELECT id FROM collectivite WHERE siret = '99990000000000'`);
  return { adminEmail: 'compte1@banc.statutis.fr', collectiviteId: main!.id, mainAccounts, totalUsers };
}
