import { bigserial, boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../db/columns.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { appUser } from '../users/users.table.js';

/** Server-side sessions: the cookie carries a random id, the table keeps only its SHA-256. */
export const session = pgTable(
  'session',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    currentCollectiviteId: uuid('current_collectivite_id').references(() => collectivite.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

/** Single-use links (invitation, password reset); only the SHA-256 of the token is kept. */
export const authToken = pgTable(
  'auth_token',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(), // 'invitation' | 'reinitialisation'
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('auth_token_user_idx').on(t.userId)],
);

/** Browsers where the user has logged in before: their attempts escape the per-account failure cap. */
export const trustedDevice = pgTable(
  'trusted_device',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('trusted_device_user_idx').on(t.userId)],
);

/** Every login attempt, for throttling and the security log. */
export const loginAttempt = pgTable(
  'login_attempt',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    success: boolean('success').notNull(),
    /** Attempts made with a trusted-device cookie escape the per-account cap, so an attacker cannot lock the owner out. */
    trustedDevice: boolean('trusted_device').notNull().default(false),
    at: ts('at').notNull(),
  },
  (t) => [index('login_attempt_email_idx').on(t.email, t.at), index('login_attempt_ip_idx').on(t.ip, t.at)],
);

/** « Mot de passe oublié » requests, known address or not: limited per address of the requester. */
export const passwordResetRequest = pgTable(
  'password_reset_request',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ip: text('ip').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('password_reset_request_ip_idx').on(t.ip, t.at)],
);
