import { and, count, eq, gte, isNull, max, min, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { authToken, loginAttempt, passwordResetRequest, trustedDevice } from './auth.table.js';

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

    /** The counters the throttling rule needs, over the last hour (see `loginWaitSeconds`). */
    async throttleCounters(db: Db, email: string, ip: string, since: Date) {
      // The pair's delay restarts after a success from an untrusted browser there (the user who mistyped,
      // then got it right); a success from the owner's trusted browser must not restart an attacker's.
      const lastSuccess = (pair: boolean) =>
        db
          .select({ at: max(loginAttempt.at) })
          .from(loginAttempt)
          .where(
            and(
              eq(loginAttempt.email, email),
              pair ? eq(loginAttempt.ip, ip) : undefined,
              pair ? eq(loginAttempt.trustedDevice, false) : undefined,
              eq(loginAttempt.success, true),
            ),
          );
      const failed = and(eq(loginAttempt.success, false), gte(loginAttempt.at, since));
      const [pair] = await db
        .select({ n: count(), last: max(loginAttempt.at) })
        .from(loginAttempt)
        .where(
          and(
            failed,
            eq(loginAttempt.email, email),
            eq(loginAttempt.ip, ip),
            sql`${loginAttempt.at} > coalesce((${lastSuccess(true)}), '-infinity'::timestamptz)`,
          ),
        );
      const [trusted] = await db
        .select({ n: count(), last: max(loginAttempt.at) })
        .from(loginAttempt)
        .where(
          and(
            failed,
            eq(loginAttempt.email, email),
            eq(loginAttempt.trustedDevice, true),
            sql`${loginAttempt.at} > coalesce((${lastSuccess(false)}), '-infinity'::timestamptz)`,
          ),
        );
      const [account] = await db
        .select({ n: count(), first: min(loginAttempt.at) })
        .from(loginAttempt)
        .where(and(failed, eq(loginAttempt.email, email), eq(loginAttempt.trustedDevice, false)));
      const [byIp] = await db
        .select({ n: count(), first: min(loginAttempt.at) })
        .from(loginAttempt)
        .where(and(failed, eq(loginAttempt.ip, ip), eq(loginAttempt.trustedDevice, false)));
      const date = (v: unknown) => (v ? new Date(v as string) : null);
      return {
        pairFailures: pair?.n ?? 0,
        pairLast: date(pair?.last),
        trustedFailures: trusted?.n ?? 0,
        trustedLast: date(trusted?.last),
        accountFailures: account?.n ?? 0,
        accountFirst: date(account?.first),
        ipFailures: byIp?.n ?? 0,
        ipFirst: date(byIp?.first),
      };
    },
    async purgeAttempts(db: Db, before: Date) {
      await db.delete(loginAttempt).where(sql`${loginAttempt.at} < ${before}`);
      await db.delete(passwordResetRequest).where(sql`${passwordResetRequest.at} < ${before}`);
    },

    /** « Mot de passe oublié » requests from one address since a date: their number and the oldest. */
    async resetRequestsSince(db: Db, ip: string, since: Date): Promise<{ n: number; first: Date | null }> {
      const [row] = await db
        .select({ n: count(), first: min(passwordResetRequest.at) })
        .from(passwordResetRequest)
        .where(and(eq(passwordResetRequest.ip, ip), gte(passwordResetRequest.at, since)));
      return { n: row?.n ?? 0, first: row?.first ? new Date(row.first as unknown as string) : null };
    },
    async recordResetRequest(db: Db, ip: string, at: Date) {
      await db.insert(passwordResetRequest).values({ ip, at });
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
