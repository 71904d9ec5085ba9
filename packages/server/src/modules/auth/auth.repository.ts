import { and, count, eq, gte, isNull, max, min, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { authToken, loginAttempt, trustedDevice } from '../../db/schema.js';

export type TokenKind = 'invitation' | 'reinitialisation';

export function createAuthRepository() {
  return {
    async insertToken(
      db: Db,
      values: { tokenHash: string; userId: string; kind: TokenKind; expiresAt: Date; createdAt: Date },
    ) {
      await db.insert(authToken).values(values);
    },
    /** Locks the token row so two concurrent uses cannot both succeed. */
    async findTokenForUpdate(db: Db, tokenHash: string) {
      const [row] = await db.select().from(authToken).where(eq(authToken.tokenHash, tokenHash)).for('update');
      return row ?? null;
    },
    async findToken(db: Db, tokenHash: string) {
      const [row] = await db.select().from(authToken).where(eq(authToken.tokenHash, tokenHash));
      return row ?? null;
    },
    async markTokenUsed(db: Db, tokenHash: string, at: Date) {
      await db.update(authToken).set({ usedAt: at }).where(eq(authToken.tokenHash, tokenHash));
    },
    /** A new link replaces the older unused ones of the same kind. */
    async revokeTokens(db: Db, userId: string, kind: TokenKind, at: Date) {
      await db
        .update(authToken)
        .set({ usedAt: at })
        .where(and(eq(authToken.userId, userId), eq(authToken.kind, kind), isNull(authToken.usedAt)));
    },

    async countTokensSince(db: Db, userId: string, kind: TokenKind, since: Date): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(authToken)
        .where(and(eq(authToken.userId, userId), eq(authToken.kind, kind), gte(authToken.createdAt, since)));
      return row?.n ?? 0;
    },

    async recordAttempt(
      db: Db,
      values: { email: string; ip: string; success: boolean; trustedDevice: boolean; at: Date },
    ) {
      await db.insert(loginAttempt).values(values);
    },

    /** The counters the throttling rule needs, over the last hour. */
    async throttleCounters(db: Db, email: string, ip: string, since: Date) {
      const lastSuccess = db
        .select({ at: max(loginAttempt.at) })
        .from(loginAttempt)
        .where(and(eq(loginAttempt.email, email), eq(loginAttempt.ip, ip), eq(loginAttempt.success, true)));
      const [pair] = await db
        .select({ n: count(), last: max(loginAttempt.at) })
        .from(loginAttempt)
        .where(
          and(
            eq(loginAttempt.email, email),
            eq(loginAttempt.ip, ip),
            eq(loginAttempt.success, false),
            gte(loginAttempt.at, since),
            sql`${loginAttempt.at} > coalesce((${lastSuccess}), '-infinity'::timestamptz)`,
          ),
        );
      const [byIp] = await db
        .select({ n: count(), last: max(loginAttempt.at) })
        .from(loginAttempt)
        .where(and(eq(loginAttempt.ip, ip), eq(loginAttempt.success, false), gte(loginAttempt.at, since)));
      const [account] = await db
        .select({ n: count(), first: min(loginAttempt.at) })
        .from(loginAttempt)
        .where(
          and(
            eq(loginAttempt.email, email),
            eq(loginAttempt.success, false),
            eq(loginAttempt.trustedDevice, false),
            gte(loginAttempt.at, since),
          ),
        );
      const date = (v: unknown) => (v ? new Date(v as string) : null);
      return {
        pairFailures: pair?.n ?? 0,
        pairLast: date(pair?.last),
        ipFailures: byIp?.n ?? 0,
        ipLast: date(byIp?.last),
        accountFailures: account?.n ?? 0,
        accountFirst: date(account?.first),
      };
    },
    async purgeAttempts(db: Db, before: Date) {
      await db.delete(loginAttempt).where(sql`${loginAttempt.at} < ${before}`);
    },

    async isTrustedDevice(db: Db, tokenHash: string, userId: string): Promise<boolean> {
      const [row] = await db
        .select({ userId: trustedDevice.userId })
        .from(trustedDevice)
        .where(and(eq(trustedDevice.tokenHash, tokenHash), eq(trustedDevice.userId, userId)));
      return !!row;
    },
    async addTrustedDevice(db: Db, tokenHash: string, userId: string) {
      await db.insert(trustedDevice).values({ tokenHash, userId }).onConflictDoNothing();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
