import type { Db } from '../db/client.js';
import { auditEvent } from '../modules/audit/audit.table.js';
import type { Clock } from './clock.js';

/** Who acts: the logged-in user, or nobody for anonymous actions (failed login, reset request). */
export type Actor = {
  userId: string | null;
  userLabel: string | null;
  /** For staff: the organisation he acts for, and how the employer reads him (lib/scope `signature`). */
  organisation?: string | null;
  signature?: string | null;
  collectiviteId: string | null;
  ip: string | null;
};

export type AuditEntry = {
  entity: string;
  entityId?: string | null;
  action: string;
  /** Changed fields; pass `diff(before, after)` for updates. Never put a secret here. */
  changes?: Record<string, unknown> | null;
  /** Overrides the actor's current collectivité (e.g. an account removed from another one). */
  collectiviteId?: string | null;
};

export type Audit = {
  /** Writes the event with the caller's executor so it commits or rolls back with the change. */
  record(tx: Db, actor: Actor, entry: AuditEntry): Promise<void>;
  /** The events of a bulk action, in one statement (same transaction rule). */
  recordMany(tx: Db, actor: Actor, entries: readonly AuditEntry[]): Promise<void>;
};

export function createAudit(clock: Clock): Audit {
  const row = (actor: Actor, entry: AuditEntry, at: Date) => ({
    at,
    userId: actor.userId,
    userLabel: actor.userLabel,
    organisation: actor.organisation ?? null,
    signature: actor.signature ?? null,
    collectiviteId: entry.collectiviteId === undefined ? actor.collectiviteId : entry.collectiviteId,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    action: entry.action,
    changes: entry.changes ?? null,
    ip: actor.ip,
  });
  return {
    async record(tx, actor, entry) {
      await tx.insert(auditEvent).values(row(actor, entry, clock.now()));
    },
    async recordMany(tx, actor, entries) {
      if (entries.length === 0) return;
      const at = clock.now();
      await tx.insert(auditEvent).values(entries.map((e) => row(actor, e, at)));
    },
  };
}
/** The fields whose value changed, as `{ field: [before, after] }`. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && before[key] !== value) changes[key] = [before[key] ?? null, value];
  }
  return changes;
}
