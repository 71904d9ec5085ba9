import { sql } from 'drizzle-orm';
import { boolean, check, index, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../db/columns.js';
import { cdg, collectivite } from '../collectivites/collectivites.table.js';
import { assureur } from '../contrats/contrats.table.js';

export const roleEnum = pgEnum('role', ['lecteur', 'publicateur', 'administrateur']);

export const staffRoleEnum = pgEnum('staff_role', ['gestionnaire', 'admin_plateforme']);

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Always lower case: the login identifier. */
    email: text('email').notNull().unique(),
    nom: text('nom').notNull(),
    prenom: text('prenom').notNull(),
    telephone: text('telephone'),
    emailNotification: text('email_notification'),
    /** Null until the invited user chooses a password. */
    passwordHash: text('password_hash'),
    /** Platform-wide switch (the platform administrator's); memberships have their own. */
    enabled: boolean('enabled').notNull().default(true),
    staffRole: staffRoleEnum('staff_role'),
    /** The CDG whose collectivités a gestionnaire handles. */
    staffCdgId: uuid('staff_cdg_id').references(() => cdg.id),
    /** The insurer or broker whose contracts a gestionnaire handles (instead of a CDG). */
    staffAssureurId: uuid('staff_assureur_id').references(() => assureur.id),
    /** The collectivité last chosen: the next login opens there (from any browser) while it stays accessible. */
    lastCollectiviteId: uuid('last_collectivite_id').references(() => collectivite.id, {
      onDelete: 'set null',
    }),
    lastLoginAt: ts('last_login_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // A gestionnaire belongs to one organisation at most: a CDG or an insurer/broker, never both.
    check('app_user_organisation_check', sql`num_nonnulls(${t.staffCdgId}, ${t.staffAssureurId}) <= 1`),
  ],
);

export const membership = pgTable(
  'membership',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.collectiviteId, t.userId] }), index('membership_user_idx').on(t.userId)],
);

/**
 * An invitation of an address that already has an account: a membership only once the person,
 * logged in, accepts it. Until then the inviter sees only what he typed (nom, prénom, téléphone),
 * never the person's own details.
 */
export const membershipInvitation = pgTable(
  'membership_invitation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    /** The membership's activation once accepted; the administrator may switch it meanwhile. */
    active: boolean('active').notNull().default(true),
    nom: text('nom').notNull(),
    prenom: text('prenom').notNull(),
    telephone: text('telephone'),
    /** SHA-256 of the token in the mailed link. */
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('membership_invitation_collectivite_user_idx').on(t.collectiviteId, t.userId),
    index('membership_invitation_user_idx').on(t.userId),
  ],
);
