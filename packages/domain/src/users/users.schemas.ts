import { z } from 'zod';
import { zListQuery, zPage } from '../common/pagination.js';
import { checkTelephone } from '../common/phone.js';
import { normalizeEmail } from '../common/text.js';

/** Roles inside one collectivité, from the least to the most powerful. */
export const ROLES = ['lecteur', 'publicateur', 'administrateur'] as const;
export const ZRole = z.enum(ROLES, { error: 'Choisissez un rôle : Lecteur, Publicateur ou Administrateur.' });
export type TRole = z.infer<typeof ZRole>;

export const roleLabels: Record<TRole, string> = {
  lecteur: 'Lecteur',
  publicateur: 'Publicateur',
  administrateur: 'Administrateur',
};

/** What each role may do: a Lecteur reads, a Publicateur declares, an Administrateur also manages accounts. */
export const roleRank: Record<TRole, number> = { lecteur: 0, publicateur: 1, administrateur: 2 };
export function roleAllows(role: TRole, needed: TRole): boolean {
  return roleRank[role] >= roleRank[needed];
}

export const ZEmail = z
  .string({ error: 'L’adresse e-mail est obligatoire.' })
  .trim()
  .min(1, 'L’adresse e-mail est obligatoire.')
  .max(254, 'L’adresse e-mail est trop longue.')
  .pipe(z.email({ error: 'L’adresse e-mail n’est pas valide (exemple : prenom.nom@mairie.fr).' }))
  .transform(normalizeEmail);

const zName = (label: string) =>
  z
    .string({ error: `Le ${label} est obligatoire.` })
    .trim()
    .min(1, `Le ${label} est obligatoire.`)
    .max(100, `Le ${label} ne peut dépasser 100 caractères.`);

/**
 * French or international phone number, checked by libphonenumber (`checkTelephone`); spaces,
 * dots and dashes are allowed while typing, the number is stored in its standard spacing.
 */
export const ZTelephone = z
  .string()
  .trim()
  .max(30, 'Le numéro de téléphone est trop long.')
  .transform((v, ctx) => {
    if (v === '') return null;
    const check = checkTelephone(v);
    if (check.ok) return check.telephone;
    ctx.addIssue({ code: 'custom', message: check.message });
    return z.NEVER;
  })
  .nullable()
  .optional();

export const ZCoordonnees = z.object({
  nom: zName('nom'),
  prenom: zName('prénom'),
  telephone: ZTelephone,
});

export const ZCompteCreate = ZCoordonnees.extend({
  email: ZEmail,
  role: ZRole,
});
export type TCompteCreate = z.input<typeof ZCompteCreate>;

export const ZCompteUpdate = z
  .object({
    role: ZRole.optional(),
    actif: z.boolean({ error: 'Indiquez si le compte est actif.' }).optional(),
    nom: zName('nom').optional(),
    prenom: zName('prénom').optional(),
    telephone: ZTelephone,
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Aucune modification à enregistrer.');
export type TCompteUpdate = z.input<typeof ZCompteUpdate>;

/** An account as seen by the administrators of one collectivité. */
export const ZCompte = z.object({
  id: z.uuid(),
  email: z.string(),
  nom: z.string(),
  prenom: z.string(),
  telephone: z.string().nullable(),
  role: ZRole,
  actif: z.boolean(),
  /** False until the invited user has chosen a password. */
  invitationAcceptee: z.boolean(),
  derniereConnexion: z.string().nullable(),
  creeLe: z.string(),
});
export type TCompte = z.infer<typeof ZCompte>;

/** The token of a mailed invitation to join a collectivité. */
export const ZInvitationJeton = z.object({
  jeton: z
    .string({ error: 'Le lien d’invitation est incomplet.' })
    .trim()
    .min(20, 'Le lien d’invitation est incomplet : copiez l’adresse en entier.')
    .max(100, 'Le lien d’invitation n’est pas valide.'),
});

/** What the invited person is shown before accepting or refusing. */
export const ZInvitationInfo = z.object({
  collectivite: z.string(),
  role: ZRole,
  invitePar: z.string(),
  expireLe: z.string(),
});
export type TInvitationInfo = z.infer<typeof ZInvitationInfo>;

export const ZCompteListQuery = zListQuery(['nom', 'email', 'role', 'creeLe']).extend({
  q: z.string().trim().max(100, 'La recherche est trop longue.').optional(),
  role: ZRole.optional(),
});
export const ZComptePage = zPage(ZCompte);

/** Mon compte. */
export const ZMoi = z.object({
  id: z.uuid(),
  email: z.string(),
  nom: z.string(),
  prenom: z.string(),
  telephone: z.string().nullable(),
  /** Where notifications go when it is not the login address (a shared service mailbox, say). */
  emailNotification: z.string().nullable(),
});
export type TMoi = z.infer<typeof ZMoi>;

export const ZMoiUpdate = ZCoordonnees.extend({
  emailNotification: z
    .union([z.literal(''), ZEmail])
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
});
export type TMoiUpdate = z.input<typeof ZMoiUpdate>;

export const ZPasswordChange = z.object({
  motDePasseActuel: z
    .string({ error: 'Saisissez votre mot de passe actuel.' })
    .min(1, 'Saisissez votre mot de passe actuel.'),
  nouveauMotDePasse: z.string({ error: 'Saisissez le nouveau mot de passe.' }),
});

export const ZAccountDelete = z.object({
  motDePasse: z
    .string({ error: 'Saisissez votre mot de passe pour confirmer.' })
    .min(1, 'Saisissez votre mot de passe pour confirmer.'),
});
