import { z } from 'zod';
import { ZEmail, ZRole } from '../users/users.schemas.js';

export const ZLogin = z.object({
  email: ZEmail,
  motDePasse: z.string({ error: 'Saisissez votre mot de passe.' }).min(1, 'Saisissez votre mot de passe.').max(1024),
});
export type TLogin = z.input<typeof ZLogin>;

export const ZForgotPassword = z.object({ email: ZEmail });

/** Sets the password from an invitation or reset link. */
export const ZSetPassword = z.object({
  jeton: z.string().min(20, 'Ce lien n’est pas valide.').max(200, 'Ce lien n’est pas valide.'),
  motDePasse: z.string({ error: 'Saisissez un mot de passe.' }),
});

export const ZTokenInfo = z.object({
  type: z.enum(['invitation', 'reinitialisation']),
  email: z.string(),
  prenom: z.string(),
  nom: z.string(),
});

/** Staff roles act across collectivités: a gestionnaire on those of one CDG, the platform administrator on all. */
export const STAFF_ROLES = ['gestionnaire', 'admin_plateforme'] as const;
export const ZStaffRole = z.enum(STAFF_ROLES);
export type TStaffRole = z.infer<typeof ZStaffRole>;

export const ZCollectiviteAccess = z.object({
  id: z.uuid(),
  nom: z.string(),
  /** Null for staff: they follow the collectivité from the back office, not as one of its users. */
  role: ZRole.nullable(),
});
export type TCollectiviteAccess = z.infer<typeof ZCollectiviteAccess>;

export const ZSessionInfo = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    nom: z.string(),
    prenom: z.string(),
    staffRole: ZStaffRole.nullable(),
    /** The gestionnaire's organisation, as the employer sees it on his work. */
    organisation: z.string().nullable(),
    /** The kind of that organisation: some back-office pages are a CDG's only (its statistics). */
    organisationType: z.enum(['cdg', 'assureur', 'courtier']).nullable(),
  }),
  /** The collectivités the user can switch to (for staff, those of their scope, first 50). */
  collectivites: z.array(ZCollectiviteAccess),
  current: ZCollectiviteAccess.nullable(),
  /** Sent back in the X-CSRF-Token header of every write. */
  csrfToken: z.string(),
  /** ISO timestamps, so the UI can warn before the session ends. */
  idleExpiresAt: z.string(),
  absoluteExpiresAt: z.string(),
});
export type TSessionInfo = z.infer<typeof ZSessionInfo>;

export const ZSwitchCollectivite = z.object({ collectiviteId: z.uuid({ error: 'Collectivité inconnue.' }) });
