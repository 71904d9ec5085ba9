import {
  pageOffset,
  parseSort,
  type TCompte,
  type TMoi,
  type ZCompteCreate,
  type ZCompteListQuery,
  type ZCompteUpdate,
  type ZMoiUpdate,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { AuthContext, TenantContext } from '../../http/context.js';
import { actorOf } from '../../http/context.js';
import { AppError, Conflict, Forbidden, NotFound, Unauthorized } from '../../http/errors.js';
import { type Audit, diff } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { queueMail } from '../../lib/mail/mailer.js';
import { templates } from '../../lib/mail/templates.js';
import { assertAcceptablePassword, hashPassword, verifyPassword } from '../../lib/passwords.js';
import type { AuthService } from '../auth/auth.service.js';
import { INVITATION_TTL_HOURS } from '../auth/auth.service.js';
import type { SessionRepository } from '../auth/session.repository.js';
import { createInvitationsService } from './invitations.service.js';
import type { CompteRow, UsersRepository } from './users.repository.js';

export type UsersServiceDeps = {
  db: Db;
  clock: Clock;
  audit: Audit;
  users: UsersRepository;
  sessions: SessionRepository;
  authService: AuthService;
  appUrl: string;
};

function present(row: CompteRow): TCompte {
  return {
    id: row.id,
    email: row.email,
    nom: row.nom,
    prenom: row.prenom,
    telephone: row.telephone,
    role: row.role,
    actif: row.actif,
    invitationAcceptee: row.invitationAcceptee,
    derniereConnexion: row.lastLoginAt?.toISOString() ?? null,
    creeLe: row.creeLe.toISOString(),
  };
}

const LAST_ADMIN =
  'La collectivité doit garder au moins un administrateur actif. Nommez d’abord un autre administrateur.';

export function createUsersService(deps: UsersServiceDeps) {
  const { db, clock, audit, users, sessions } = deps;
  const label = (ctx: AuthContext) => `${ctx.user.prenom} ${ctx.user.nom}`;
  const invitations = createInvitationsService(deps);

  async function collectiviteName(tx: Db, ctx: TenantContext) {
    return (await users.roleIn(tx, ctx.user, ctx.collectiviteId))?.nom ?? 'votre collectivité';
  }

  /** Refuses a change that would leave the collectivité without an active administrator. */
  async function assertAnotherAdministrator(tx: Db, ctx: TenantContext, userId: string) {
    const admins = await users.lockActiveAdministrators(tx, ctx.scope);
    if (admins.length > 0 && admins.every((id) => id === userId)) {
      throw Conflict('dernier_administrateur', LAST_ADMIN);
    }
  }

  /**
   * The user's sessions lose this collectivité; his other collectivités and their sessions stay.
   * A user left with access to none is logged out.
   */
  async function leave(tx: Db, userId: string, collectiviteId: string) {
    await sessions.leaveCollectivite(tx, userId, collectiviteId);
    const user = await users.findById(tx, userId);
    if (user && (await users.accessibleCollectivites(tx, user, 1)).length === 0) {
      await sessions.deleteForUser(tx, userId);
    }
  }

  /** An invitation's role, activation and typed details change in place: the person is not touched. */
  async function updateInvitation(
    tx: Db,
    ctx: TenantContext,
    before: CompteRow,
    input: z.output<typeof ZCompteUpdate>,
    ip: string,
  ) {
    const values = {
      role: input.role,
      actif: input.actif,
      nom: input.nom,
      prenom: input.prenom,
      telephone: input.telephone,
    };
    const changes = diff(
      { role: before.role, actif: before.actif, nom: before.nom, prenom: before.prenom, telephone: before.telephone },
      values,
    );
    if (Object.keys(changes).length > 0) {
      const { actif, ...rest } = values;
      await users.updateInvitation(
        tx,
        ctx.scope,
        before.id,
        Object.fromEntries(Object.entries({ ...rest, active: actif }).filter(([, v]) => v !== undefined)),
      );
      await audit.record(tx, actorOf(ctx, ip), {
        entity: 'compte',
        entityId: before.id,
        action: 'modification',
        changes,
      });
    }
    return present((await users.findCompte(tx, ctx.scope, before.id))!);
  }

  /** A new address: the account is created with the membership, and activated from the mailed link. */
  async function createInvited(
    tx: Db,
    ctx: TenantContext,
    input: z.output<typeof ZCompteCreate>,
    collectivite: string,
  ): Promise<string> {
    const user = await users.insert(tx, {
      email: input.email,
      nom: input.nom,
      prenom: input.prenom,
      telephone: input.telephone ?? null,
    });
    await users.insertMembership(tx, {
      userId: user.id,
      collectiviteId: ctx.collectiviteId,
      role: input.role,
      createdAt: clock.now(),
    });
    const url = await deps.authService.issueLink(tx, user.id, 'invitation', INVITATION_TTL_HOURS * 3_600_000);
    await queueMail(
      tx,
      clock.now(),
      user.email,
      templates.invitation({
        prenom: user.prenom,
        collectivite,
        invitedBy: label(ctx),
        url,
        hours: INVITATION_TTL_HOURS,
      }),
    );
    return user.id;
  }

  return {
    async list(ctx: TenantContext, query: z.infer<typeof ZCompteListQuery>) {
      const { column, direction } = parseSort(query.sort, 'nom');
      const { rows, total } = await users.listComptes(db, ctx.scope, {
        search: query.q,
        role: query.role,
        sort: column as 'nom',
        direction,
        limit: query.pageSize,
        offset: pageOffset(query.page, query.pageSize),
      });
      return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize };
    },

    async get(ctx: TenantContext, id: string) {
      const row = await users.findCompte(db, ctx.scope, id);
      if (!row) throw NotFound('Compte introuvable.');
      return present(row);
    },

    invitations,

    /**
     * Invites an address to the collectivité. A new address gets its account, activated from the
     * mailed link; an address that already has one (here or on the platform) gets an invitation
     * that its owner accepts once logged in — never an immediate membership. The answer is the same
     * in both cases and shows only what the administrator typed, so it reveals nothing of the address.
     */
    async create(ctx: TenantContext, input: z.output<typeof ZCompteCreate>, ip: string) {
      return db.transaction(async (tx) => {
        if (await users.findCompteByEmail(tx, ctx.scope, input.email)) {
          throw Conflict('compte_existant', `Un compte existe déjà pour ${input.email} dans cette collectivité.`, [
            { field: 'email', message: 'Cette adresse a déjà un compte dans la collectivité.' },
          ]);
        }
        const collectivite = await collectiviteName(tx, ctx);
        const existing = await users.findByEmail(tx, input.email);
        const id = existing
          ? await invitations.invite(tx, ctx, existing, input, collectivite)
          : await createInvited(tx, ctx, input, collectivite);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'compte',
          entityId: id,
          action: 'creation',
          changes: { email: input.email, nom: input.nom, prenom: input.prenom, role: input.role },
        });
        return present((await users.findCompte(tx, ctx.scope, id))!);
      });
    },

    async update(ctx: TenantContext, id: string, input: z.output<typeof ZCompteUpdate>, ip: string) {
      return db.transaction(async (tx) => {
        const before = await users.findCompte(tx, ctx.scope, id);
        if (!before) throw NotFound('Compte introuvable.');
        if (before.kind === 'invitation') return updateInvitation(tx, ctx, before, input, ip);
        const demoted = (input.role && input.role !== 'administrateur') || input.actif === false;
        if (before.role === 'administrateur' && before.actif && demoted) await assertAnotherAdministrator(tx, ctx, id);
        const identity = { nom: input.nom, prenom: input.prenom, telephone: input.telephone };
        const identityChanges = diff({ nom: before.nom, prenom: before.prenom, telephone: before.telephone }, identity);
        if (Object.keys(identityChanges).length > 0) {
          // Identity is shared by every collectivité of the user: only change it for a user of this one alone.
          if ((await users.countMemberships(tx, id)) > 1) {
            throw Forbidden(
              'Ce compte est aussi utilisé dans une autre collectivité : seul son titulaire peut modifier ses coordonnées (Mon compte).',
              'compte_partage',
            );
          }
          await users.update(tx, id, Object.fromEntries(Object.entries(identity).filter(([, v]) => v !== undefined)));
        }
        const membershipChanges = diff(
          { role: before.role, actif: before.actif },
          { role: input.role, actif: input.actif },
        );
        if (Object.keys(membershipChanges).length > 0) {
          await users.updateMembership(tx, ctx.scope, id, { role: input.role, active: input.actif });
        }
        // Disabled here, he loses this collectivité at once, and only this one.
        if (input.actif === false && before.actif) await leave(tx, id, ctx.collectiviteId);
        const changes = { ...identityChanges, ...membershipChanges };
        if (Object.keys(changes).length > 0) {
          await audit.record(tx, actorOf(ctx, ip), { entity: 'compte', entityId: id, action: 'modification', changes });
        }
        return present((await users.findCompte(tx, ctx.scope, id))!);
      });
    },

    /** Removes the account from the collectivité; the user disappears when it was his last one. */
    async remove(ctx: TenantContext, id: string, ip: string) {
      await db.transaction(async (tx) => {
        const before = await users.findCompte(tx, ctx.scope, id);
        if (!before) throw NotFound('Compte introuvable.');
        if (before.kind === 'invitation') {
          await users.deleteInvitation(tx, id);
        } else {
          if (before.role === 'administrateur' && before.actif) await assertAnotherAdministrator(tx, ctx, id);
          await users.deleteMembership(tx, ctx.scope, id);
          const user = await users.findById(tx, id);
          // An account that only this collectivité knew (never another, not staff) goes with it.
          if (user && !user.staffRole && (await users.countMemberships(tx, id)) === 0) await users.delete(tx, id);
          else await leave(tx, id, ctx.collectiviteId);
        }
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'compte',
          entityId: id,
          action: 'suppression',
          changes: { email: before.email, role: before.role },
        });
      });
    },

    async resendInvitation(ctx: TenantContext, id: string, ip: string) {
      await db.transaction(async (tx) => {
        const row = await users.findCompte(tx, ctx.scope, id);
        if (!row) throw NotFound('Compte introuvable.');
        if (row.kind === 'invitation') {
          await invitations.resend(tx, ctx, row, await collectiviteName(tx, ctx));
          await audit.record(tx, actorOf(ctx, ip), { entity: 'compte', entityId: id, action: 'invitation_renvoyee' });
          return;
        }
        if (row.invitationAcceptee)
          throw Conflict(
            'invitation_deja_acceptee',
            'Ce compte est déjà activé : l’utilisateur peut utiliser « Mot de passe oublié » s’il a perdu son mot de passe.',
          );
        const url = await deps.authService.issueLink(tx, id, 'invitation', INVITATION_TTL_HOURS * 3_600_000);
        await queueMail(
          tx,
          clock.now(),
          row.email,
          templates.invitation({
            prenom: row.prenom,
            collectivite: await collectiviteName(tx, ctx),
            invitedBy: label(ctx),
            url,
            hours: INVITATION_TTL_HOURS,
          }),
        );
        await audit.record(tx, actorOf(ctx, ip), { entity: 'compte', entityId: id, action: 'invitation_renvoyee' });
      });
    },

    async me(ctx: AuthContext): Promise<TMoi> {
      const user = await users.findById(db, ctx.user.id);
      if (!user) throw Unauthorized();
      return {
        id: user.id,
        email: user.email,
        nom: user.nom,
        prenom: user.prenom,
        telephone: user.telephone,
        emailNotification: user.emailNotification,
      };
    },

    async updateMe(ctx: AuthContext, input: z.output<typeof ZMoiUpdate>, ip: string): Promise<TMoi> {
      await db.transaction(async (tx) => {
        const before = await users.findById(tx, ctx.user.id);
        if (!before) throw Unauthorized();
        const values = {
          nom: input.nom,
          prenom: input.prenom,
          telephone: input.telephone ?? null,
          emailNotification: input.emailNotification ?? null,
        };
        const changes = diff(before, values);
        if (Object.keys(changes).length === 0) return;
        await users.update(tx, ctx.user.id, values);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'compte',
          entityId: ctx.user.id,
          action: 'modification_coordonnees',
          changes,
        });
      });
      return this.me(ctx);
    },

    async changePassword(ctx: AuthContext, current: string, next: string, ip: string) {
      const user = await users.findById(db, ctx.user.id);
      if (!user) throw Unauthorized();
      if (!(await verifyPassword(user.passwordHash, current))) {
        throw new AppError(403, 'mot_de_passe_incorrect', 'Le mot de passe actuel est incorrect.', [
          { field: 'motDePasseActuel', message: 'Mot de passe incorrect.' },
        ]);
      }
      assertAcceptablePassword(
        next,
        { email: user.email, nom: user.nom, prenom: user.prenom, current },
        'nouveauMotDePasse',
      );
      const passwordHash = await hashPassword(next);
      await db.transaction(async (tx) => {
        await users.update(tx, user.id, { passwordHash });
        await sessions.deleteForUser(tx, user.id, ctx.sessionIdHash);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'compte',
          entityId: user.id,
          action: 'changement_mot_de_passe',
        });
        await queueMail(
          tx,
          clock.now(),
          user.email,
          templates.passwordChanged({ prenom: user.prenom, url: `${deps.appUrl}/mot-de-passe-oublie` }),
        );
      });
    },

    async deleteMe(ctx: AuthContext, password: string, ip: string) {
      const user = await users.findById(db, ctx.user.id);
      if (!user) throw Unauthorized();
      if (!(await verifyPassword(user.passwordHash, password))) {
        throw new AppError(403, 'mot_de_passe_incorrect', 'Le mot de passe est incorrect.', [
          { field: 'motDePasse', message: 'Mot de passe incorrect.' },
        ]);
      }
      if (user.staffRole)
        throw Forbidden('Un compte de gestionnaire se supprime par l’administrateur de la plateforme.');
      await db.transaction(async (tx) => {
        const sole = await users.collectivitesWhereSoleAdministrator(tx, user.id);
        if (sole.length > 0) {
          throw Conflict(
            'dernier_administrateur',
            `Vous êtes le seul administrateur de : ${sole.join(', ')}. Nommez d’abord un autre administrateur.`,
          );
        }
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'compte',
          entityId: user.id,
          action: 'suppression_par_titulaire',
          changes: { email: user.email },
        });
        await users.delete(tx, user.id);
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
