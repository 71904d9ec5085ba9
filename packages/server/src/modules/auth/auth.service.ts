import { loginWaitSeconds, passwordMessages, THROTTLE, type TSessionInfo } from '@statutis/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/context.js';
import { Forbidden, Gone, Invalid, NotFound, TooManyRequests, Unauthorized } from '../../http/errors.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../http/guard.js';
import type { Actor, Audit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { queueMail } from '../../lib/mail/mailer.js';
import { templates } from '../../lib/mail/templates.js';
import { assertAcceptablePassword, hashPassword, verifyPassword } from '../../lib/passwords.js';
import { organisationName } from '../../lib/scope.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { UsersRepository } from '../users/users.repository.js';
import type { AuthRepository, TokenKind } from './auth.repository.js';
import type { SessionRepository } from './session.repository.js';

export const INVITATION_TTL_HOURS = 72;
export const RESET_TTL_MINUTES = 60;
export const RESET_MAX_PER_QUARTER = 3;
/** Requests from one address per quarter of an hour: a whole office forgetting at once stays below. */
export const RESET_MAX_PER_IP_PER_QUARTER = 10;
const QUARTER_MS = 15 * 60_000;

export type AuthServiceDeps = {
  db: Db;
  clock: Clock;
  audit: Audit;
  users: UsersRepository;
  auth: AuthRepository;
  sessions: SessionRepository;
  appUrl: string;
};

export function createAuthService(deps: AuthServiceDeps) {
  const { db, clock, audit, users, auth, sessions } = deps;

  async function sessionInfo(
    ctx: Pick<AuthContext, 'user' | 'csrfToken' | 'createdAt' | 'lastSeenAt' | 'collectiviteId'>,
  ): Promise<TSessionInfo> {
    const collectivites = await users.accessibleCollectivites(db, ctx.user);
    let current = collectivites.find((c) => c.id === ctx.collectiviteId) ?? null;
    if (!current && ctx.collectiviteId) {
      const access = await users.roleIn(db, ctx.user, ctx.collectiviteId);
      if (access) current = { id: ctx.collectiviteId, ...access };
    }
    return {
      user: {
        id: ctx.user.id,
        email: ctx.user.email,
        nom: ctx.user.nom,
        prenom: ctx.user.prenom,
        staffRole: ctx.user.staffRole,
        organisation: ctx.user.organisation ? organisationName(ctx.user.organisation) : null,
        organisationType: ctx.user.organisation?.kind ?? null,
      },
      collectivites,
      current,
      csrfToken: ctx.csrfToken,
      idleExpiresAt: new Date(ctx.lastSeenAt.getTime() + SESSION_IDLE_MS).toISOString(),
      absoluteExpiresAt: new Date(ctx.createdAt.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
    };
  }

  /** Issues a single-use link and queues its mail, inside the caller's transaction. */
  async function issueLink(tx: Db, userId: string, kind: TokenKind, ttlMs: number): Promise<string> {
    const token = newToken();
    const now = clock.now();
    await auth.revokeTokens(tx, userId, kind, now);
    await auth.insertToken(tx, {
      tokenHash: hashToken(token),
      userId,
      kind,
      expiresAt: new Date(now.getTime() + ttlMs),
      createdAt: now,
    });
    return `${deps.appUrl}/definir-mot-de-passe?jeton=${token}`;
  }

  return {
    sessionInfo,
    issueLink,

    async login(
      input: { email: string; motDePasse: string },
      client: {
        ip: string;
        userAgent: string | null;
        deviceToken: string | undefined;
        previousSessionToken: string | undefined;
      },
    ) {
      const now = clock.now();
      const user = await users.findByEmail(db, input.email);
      const trusted = !!(
        user &&
        client.deviceToken &&
        (await auth.isTrustedDevice(db, hashToken(client.deviceToken), user.id))
      );
      const c = await auth.throttleCounters(
        db,
        input.email,
        client.ip,
        new Date(now.getTime() - THROTTLE.windowSeconds * 1000),
      );
      const since = (d: Date | null) => (d ? (now.getTime() - d.getTime()) / 1000 : Number.POSITIVE_INFINITY);
      const untilSlot = (first: Date | null) => (first ? THROTTLE.windowSeconds - since(first) : 0);
      const wait = loginWaitSeconds({
        trustedDevice: trusted,
        pairFailures: c.pairFailures,
        secondsSincePairFailure: since(c.pairLast),
        trustedFailures: c.trustedFailures,
        secondsSinceTrustedFailure: since(c.trustedLast),
        accountFailures: c.accountFailures,
        secondsUntilAccountSlot: untilSlot(c.accountFirst),
        ipFailures: c.ipFailures,
        secondsUntilIpSlot: untilSlot(c.ipFirst),
      });
      if (wait > 0) {
        throw TooManyRequests(`Trop de tentatives de connexion. Réessayez dans ${formatWait(wait)}.`, wait);
      }

      const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.motDePasse);
      const actor: Actor = {
        userId: user?.id ?? null,
        userLabel: user ? `${user.prenom} ${user.nom} <${user.email}>` : input.email,
        collectiviteId: null,
        ip: client.ip,
      };
      if (!user || !passwordOk) {
        await db.transaction(async (tx) => {
          await auth.recordAttempt(tx, {
            email: input.email,
            ip: client.ip,
            success: false,
            trustedDevice: trusted,
            at: now,
          });
          await audit.record(tx, actor, {
            entity: 'session',
            entityId: user?.id ?? null,
            action: 'echec_connexion',
            changes: { email: input.email },
          });
        });
        throw Unauthorized('Adresse e-mail ou mot de passe incorrect.', 'identifiants_invalides');
      }
      const collectivites = await users.accessibleCollectivites(db, user, 1);
      if (!user.enabled || (collectivites.length === 0 && !user.staffRole)) {
        throw Forbidden(
          'Votre compte est désactivé. Contactez l’administrateur de votre collectivité.',
          'compte_desactive',
        );
      }

      const sessionToken = newToken();
      const csrfToken = newToken();
      const deviceToken = trusted ? null : newToken();
      // The collectivité chosen last (on any browser), while the user may still work there.
      const last = user.lastCollectiviteId ? await users.roleIn(db, user, user.lastCollectiviteId) : null;
      const currentCollectiviteId = (last ? user.lastCollectiviteId : null) ?? collectivites[0]?.id ?? null;
      await db.transaction(async (tx) => {
        // Rotation: whatever session this browser had is replaced by a fresh identifier.
        if (client.previousSessionToken) await sessions.delete(tx, hashToken(client.previousSessionToken));
        await sessions.create(tx, {
          idHash: hashToken(sessionToken),
          userId: user.id,
          csrfToken,
          currentCollectiviteId,
          createdAt: now,
          lastSeenAt: now,
          ip: client.ip,
          userAgent: client.userAgent?.slice(0, 300) ?? null,
        });
        if (deviceToken) await auth.addTrustedDevice(tx, hashToken(deviceToken), user.id);
        await auth.recordAttempt(tx, {
          email: input.email,
          ip: client.ip,
          success: true,
          trustedDevice: trusted,
          at: now,
        });
        await users.update(tx, user.id, { lastLoginAt: now });
        await audit.record(
          tx,
          { ...actor, collectiviteId: currentCollectiviteId },
          { entity: 'session', entityId: user.id, action: 'connexion' },
        );
      });
      const info = await sessionInfo({
        user: {
          id: user.id,
          email: user.email,
          nom: user.nom,
          prenom: user.prenom,
          staffRole: user.staffRole,
          staffCdgId: user.staffCdgId,
          staffAssureurId: user.staffAssureurId,
          organisation: (await sessions.find(db, hashToken(sessionToken)))?.organisation ?? null,
        },
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        collectiviteId: currentCollectiviteId,
      });
      return { sessionToken, deviceToken, info };
    },

    async logout(ctx: AuthContext, ip: string) {
      await db.transaction(async (tx) => {
        await sessions.delete(tx, ctx.sessionIdHash);
        await audit.record(
          tx,
          {
            userId: ctx.user.id,
            userLabel: `${ctx.user.prenom} ${ctx.user.nom} <${ctx.user.email}>`,
            collectiviteId: ctx.collectiviteId,
            ip,
          },
          { entity: 'session', entityId: ctx.user.id, action: 'deconnexion' },
        );
      });
    },

    async switchCollectivite(ctx: AuthContext, collectiviteId: string): Promise<TSessionInfo> {
      const access = await users.roleIn(db, ctx.user, collectiviteId);
      if (!access) throw NotFound('Collectivité introuvable.');
      await db.transaction(async (tx) => {
        await sessions.setCurrentCollectivite(tx, ctx.sessionIdHash, collectiviteId);
        // Remembered for the next login, from this browser or another one.
        await users.update(tx, ctx.user.id, { lastCollectiviteId: collectiviteId });
      });
      return sessionInfo({ ...ctx, collectiviteId });
    },

    /** Same answer whether or not the address exists; the mail goes only to real, enabled accounts. */
    async forgotPassword(email: string, ip: string) {
      // Per requester's address first, whatever the e-mail: the answer tells nothing about it.
      const now = clock.now();
      const recent = await auth.resetRequestsSince(db, ip, new Date(now.getTime() - QUARTER_MS));
      if (recent.n >= RESET_MAX_PER_IP_PER_QUARTER) {
        const wait = recent.first ? (recent.first.getTime() + QUARTER_MS - now.getTime()) / 1000 : 1;
        throw TooManyRequests(
          `Trop de demandes depuis votre connexion. Réessayez dans ${formatWait(Math.max(wait, 60))}.`,
          Math.max(1, Math.ceil(wait)),
        );
      }
      const user = await users.findByEmail(db, email);
      await db.transaction(async (tx) => {
        await auth.recordResetRequest(tx, ip, now);
        await audit.record(
          tx,
          { userId: user?.id ?? null, userLabel: email, collectiviteId: null, ip },
          { entity: 'session', entityId: user?.id ?? null, action: 'demande_reinitialisation' },
        );
        if (!user?.enabled) return;
        // Nobody can flood a mailbox through this form: three links per quarter of an hour at most.
        const recent = await auth.countTokensSince(
          tx,
          user.id,
          'reinitialisation',
          new Date(clock.now().getTime() - 15 * 60_000),
        );
        if (recent >= RESET_MAX_PER_QUARTER) return;
        const url = await issueLink(tx, user.id, 'reinitialisation', RESET_TTL_MINUTES * 60_000);
        await queueMail(
          tx,
          clock.now(),
          user.email,
          templates.passwordReset({ prenom: user.prenom, url, minutes: RESET_TTL_MINUTES }),
        );
      });
    },

    async verifyToken(token: string) {
      const row = await auth.findToken(db, hashToken(token));
      if (!row)
        throw NotFound('Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse en entier.', 'lien_invalide');
      if (row.usedAt || row.expiresAt.getTime() <= clock.now().getTime()) {
        throw Gone('lien_expire', linkExpiredMessage(row.kind as TokenKind));
      }
      const user = await users.findById(db, row.userId);
      if (!user) throw NotFound('Ce lien n’est pas valide.', 'lien_invalide');
      return { type: row.kind as TokenKind, email: user.email, prenom: user.prenom, nom: user.nom };
    },

    /** Consumes an invitation or reset link: single use, checked under a row lock. */
    async setPassword(token: string, password: string, ip: string) {
      await db.transaction(async (tx) => {
        const row = await auth.findTokenForUpdate(tx, hashToken(token));
        if (!row)
          throw NotFound(
            'Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse en entier.',
            'lien_invalide',
          );
        const now = clock.now();
        if (row.usedAt || row.expiresAt.getTime() <= now.getTime())
          throw Gone('lien_expire', linkExpiredMessage(row.kind as TokenKind));
        const user = await users.findById(tx, row.userId);
        if (!user) throw NotFound('Ce lien n’est pas valide.', 'lien_invalide');
        assertAcceptablePassword(password, user, 'motDePasse');
        // A reset that keeps the same password would leave a leaked one in place.
        if (await verifyPassword(user.passwordHash, password)) {
          throw Invalid(passwordMessages.sameAsCurrent, [
            { field: 'motDePasse', message: passwordMessages.sameAsCurrent },
          ]);
        }
        await users.update(tx, user.id, { passwordHash: await hashPassword(password) });
        await auth.markTokenUsed(tx, row.tokenHash, now);
        // A reset ends the sessions an attacker may hold.
        await sessions.deleteForUser(tx, user.id);
        await audit.record(
          tx,
          { userId: user.id, userLabel: `${user.prenom} ${user.nom} <${user.email}>`, collectiviteId: null, ip },
          {
            entity: 'compte',
            entityId: user.id,
            action: row.kind === 'invitation' ? 'activation' : 'reinitialisation_mot_de_passe',
          },
        );
      });
    },
  };
}

/** « 1 seconde », « 45 secondes », « 3 minutes ». */
export function formatWait(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} seconde${s > 1 ? 's' : ''}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m > 1 ? 's' : ''}`;
}

function linkExpiredMessage(kind: TokenKind): string {
  return kind === 'invitation'
    ? `Ce lien d’invitation a expiré ou a déjà servi (il est valable ${INVITATION_TTL_HOURS} heures, une seule fois). Demandez à l’administrateur de votre collectivité de vous renvoyer l’invitation.`
    : `Ce lien a expiré ou a déjà servi (il est valable ${RESET_TTL_MINUTES} minutes, une seule fois). Refaites une demande depuis « Mot de passe oublié ».`;
}

export type AuthService = ReturnType<typeof createAuthService>;
