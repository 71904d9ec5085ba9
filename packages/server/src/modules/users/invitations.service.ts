import { roleLabels, type TInvitationInfo, type TSessionInfo, type ZCompteCreate } from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { AuthContext, TenantContext } from '../../http/context.js';
import { Gone, NotFound } from '../../http/errors.js';
import { queueMail } from '../../lib/mail/mailer.js';
import { templates } from '../../lib/mail/templates.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { INVITATION_TTL_HOURS } from '../auth/auth.service.js';
import type { CompteRow, UserRow } from './users.repository.js';
import type { UsersServiceDeps } from './users.service.js';

/** The same dependencies as the accounts of a collectivité, which own these invitations. */
export type InvitationsServiceDeps = UsersServiceDeps;

const label = (ctx: AuthContext) => `${ctx.user.prenom} ${ctx.user.nom}`;

/**
 * Invitations of addresses that already have an account. Such a person is never attached by an
 * administrator: he receives a link, logs in and accepts (or refuses). Until then the inviting
 * collectivité sees only what its administrator typed, and can do nothing to his account.
 */
export function createInvitationsService(deps: InvitationsServiceDeps) {
  const { db, clock, audit, users, sessions } = deps;
  const ttlMs = INVITATION_TTL_HOURS * 3_600_000;

  async function mailInvitation(
    tx: Db,
    ctx: TenantContext,
    to: { email: string; prenom: string },
    role: CompteRow['role'],
    collectivite: string,
  ): Promise<string> {
    const token = newToken();
    await queueMail(
      tx,
      clock.now(),
      to.email,
      templates.membershipInvitation({
        prenom: to.prenom,
        collectivite,
        invitedBy: label(ctx),
        role: roleLabels[role],
        url: `${deps.appUrl}/invitation?jeton=${token}`,
        hours: INVITATION_TTL_HOURS,
      }),
    );
    return hashToken(token);
  }

  /** The caller's pending invitation of this link, locked; 404 for anyone else's, 410 once expired. */
  async function pending(tx: Db, ctx: AuthContext, jeton: string) {
    const invitation = await users.findInvitationByTokenForUpdate(tx, hashToken(jeton));
    if (!invitation || invitation.userId !== ctx.user.id) {
      throw NotFound(
        'Cette invitation n’existe plus ou ne vous est pas adressée : connectez-vous avec l’adresse qui l’a reçue.',
        'invitation_introuvable',
      );
    }
    if (invitation.expiresAt.getTime() <= clock.now().getTime()) {
      throw Gone(
        'invitation_expiree',
        `Cette invitation a expiré (elle est valable ${INVITATION_TTL_HOURS} heures). Demandez à l’administrateur de ${invitation.collectiviteNom} de vous la renvoyer.`,
      );
    }
    return invitation;
  }

  const actor = (ctx: AuthContext, collectiviteId: string, ip: string) => ({
    userId: ctx.user.id,
    userLabel: `${ctx.user.prenom} ${ctx.user.nom} <${ctx.user.email}>`,
    collectiviteId,
    ip,
  });

  return {
    /** Records the invitation of an existing account and mails him; returns the id of its line. */
    async invite(
      tx: Db,
      ctx: TenantContext,
      person: UserRow,
      input: z.output<typeof ZCompteCreate>,
      collectivite: string,
    ): Promise<string> {
      const now = clock.now();
      const row = await users.insertInvitation(tx, {
        collectiviteId: ctx.collectiviteId,
        userId: person.id,
        role: input.role,
        nom: input.nom,
        prenom: input.prenom,
        telephone: input.telephone ?? null,
        tokenHash: await mailInvitation(tx, ctx, person, input.role, collectivite),
        invitedBy: label(ctx),
        expiresAt: new Date(now.getTime() + ttlMs),
        createdAt: now,
      });
      return row.id;
    },

    /** A new link, valid anew, replaces the previous one. */
    async resend(tx: Db, ctx: TenantContext, row: CompteRow, collectivite: string) {
      const person = await users.findByEmail(tx, row.email);
      if (!person) throw NotFound('Compte introuvable.');
      const tokenHash = await mailInvitation(tx, ctx, person, row.role, collectivite);
      await users.updateInvitation(tx, ctx.scope, row.id, {
        tokenHash,
        expiresAt: new Date(clock.now().getTime() + ttlMs),
      });
    },

    async read(ctx: AuthContext, jeton: string): Promise<TInvitationInfo> {
      return db.transaction(async (tx) => {
        const invitation = await pending(tx, ctx, jeton);
        return {
          collectivite: invitation.collectiviteNom,
          role: invitation.role,
          invitePar: invitation.invitedBy,
          expireLe: invitation.expiresAt.toISOString(),
        };
      });
    },

    /** The membership begins; the session moves to the new collectivité. */
    async accept(ctx: AuthContext, jeton: string, ip: string): Promise<TSessionInfo> {
      const current = await db.transaction(async (tx) => {
        const invitation = await pending(tx, ctx, jeton);
        const already = await users.isMember(tx, invitation.collectiviteId, ctx.user.id);
        if (!already) {
          await users.insertMembership(tx, {
            userId: ctx.user.id,
            collectiviteId: invitation.collectiviteId,
            role: invitation.role,
            active: invitation.active,
            createdAt: clock.now(),
          });
        }
        await users.deleteInvitation(tx, invitation.id);
        await audit.record(tx, actor(ctx, invitation.collectiviteId, ip), {
          entity: 'compte',
          entityId: ctx.user.id,
          action: 'invitation_acceptee',
          changes: { role: invitation.role },
        });
        if (!invitation.active) return ctx.collectiviteId;
        await sessions.setCurrentCollectivite(tx, ctx.sessionIdHash, invitation.collectiviteId);
        return invitation.collectiviteId;
      });
      return deps.authService.sessionInfo({ ...ctx, collectiviteId: current });
    },

    async refuse(ctx: AuthContext, jeton: string, ip: string) {
      await db.transaction(async (tx) => {
        const invitation = await pending(tx, ctx, jeton);
        await users.deleteInvitation(tx, invitation.id);
        // The inviting collectivité's journal shows the address it typed, not the person's name.
        await audit.record(
          tx,
          { ...actor(ctx, invitation.collectiviteId, ip), userLabel: ctx.user.email },
          { entity: 'compte', entityId: invitation.id, action: 'invitation_refusee' },
        );
      });
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
