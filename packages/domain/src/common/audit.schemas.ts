import { z } from 'zod';
import { zListQuery, zPage } from './pagination.js';

export const ZAuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userLabel: z.string().nullable(),
  /** The author as the collectivité reads him: « Centre de gestion — Prénom NOM » for staff. */
  auteur: z.string().nullable(),
  /** The organisation a staff member acted for; null for the collectivité's own users. */
  organisation: z.string().nullable(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  /** Changed fields: `{ field: [before, after] }`; secrets are never recorded. */
  changes: z.record(z.string(), z.unknown()).nullable(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;
export const ZAuditListQuery = zListQuery(['at']).extend({
  entity: z.string().trim().max(50).optional(),
});
export const ZAuditPage = zPage(ZAuditEvent);
