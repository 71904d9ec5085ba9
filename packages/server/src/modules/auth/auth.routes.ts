import { ZForgotPassword, ZLogin, ZSessionInfo, ZSetPassword, ZSwitchCollectivite, ZTokenInfo } from '@statutis/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../http/guard.js';
import { problems, ZNoContent } from '../../http/openapi.js';
import { authPolicy } from './auth.policy.js';
import type { AuthService } from './auth.service.js';

const tags = ['Authentification'];

export function authRoutes(service: AuthService, options: { secureCookies: boolean }) {
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies, path: '/' };

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const names = fastify.cookieNames;
    const clearSession = (reply: FastifyReply) => reply.clearCookie(names.session, names.clear);

    app.post(
      '/api/auth/connexion',
      {
        config: authPolicy.public,
        schema: {
          operationId: 'connexion',
          summary: 'Se connecter avec son adresse e-mail et son mot de passe',
          tags,
          body: ZLogin,
          response: { 200: ZSessionInfo, ...problems(401, 403, 422, 429) },
        },
      },
      async (request, reply) => {
        const result = await service.login(request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          deviceToken: request.cookies[names.device],
          previousSessionToken: request.cookies[names.session],
        });
        reply.setCookie(names.session, result.sessionToken, cookie);
        if (result.deviceToken) {
          // `__Host-` requires Path=/; without the prefix the cookie stays on the login routes only.
          const devicePath = names.device.startsWith('__Host-') ? '/' : '/api/auth';
          reply.setCookie(names.device, result.deviceToken, { ...cookie, path: devicePath, maxAge: 365 * 24 * 3600 });
        }
        return result.info;
      },
    );

    app.post(
      '/api/auth/deconnexion',
      {
        config: authPolicy.session,
        schema: {
          operationId: 'deconnexion',
          summary: 'Se déconnecter (ferme la session)',
          tags,
          response: { 204: ZNoContent, ...problems(401, 403) },
        },
      },
      async (request, reply) => {
        await service.logout(authOf(request), request.ip);
        clearSession(reply);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/session',
      {
        config: authPolicy.session,
        schema: {
          operationId: 'lireSession',
          summary: 'La session en cours : utilisateur, collectivités accessibles, jeton CSRF',
          tags,
          response: { 200: ZSessionInfo, ...problems(401) },
        },
      },
      async (request) => service.sessionInfo(authOf(request)),
    );

    app.put(
      '/api/auth/session/collectivite',
      {
        config: authPolicy.session,
        schema: {
          operationId: 'changerCollectivite',
          summary: 'Choisir la collectivité courante',
          tags,
          body: ZSwitchCollectivite,
          response: { 200: ZSessionInfo, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.switchCollectivite(authOf(request), request.body.collectiviteId),
    );

    app.post(
      '/api/auth/mot-de-passe-oublie',
      {
        config: authPolicy.public,
        schema: {
          operationId: 'motDePasseOublie',
          summary: 'Recevoir par e-mail un lien pour choisir un nouveau mot de passe',
          tags,
          body: ZForgotPassword,
          response: { 202: z.object({ message: z.string() }), ...problems(422, 429) },
        },
      },
      async (request, reply) => {
        await service.forgotPassword(request.body.email, request.ip);
        return reply.status(202).send({
          message:
            'Si un compte existe pour cette adresse, un e-mail vient de lui être envoyé avec un lien valable une heure. Pensez à regarder dans les indésirables.',
        });
      },
    );

    app.post(
      '/api/auth/jeton/verifier',
      {
        config: authPolicy.public,
        schema: {
          operationId: 'verifierJeton',
          summary: 'Vérifier un lien d’invitation ou de réinitialisation avant de choisir le mot de passe',
          tags,
          body: ZSetPassword.pick({ jeton: true }),
          response: { 200: ZTokenInfo, ...problems(404, 410, 422) },
        },
      },
      async (request) => service.verifyToken(request.body.jeton),
    );

    app.post(
      '/api/auth/definir-mot-de-passe',
      {
        config: authPolicy.public,
        schema: {
          operationId: 'definirMotDePasse',
          summary: 'Choisir son mot de passe depuis un lien d’invitation ou de réinitialisation',
          tags,
          body: ZSetPassword,
          response: { 204: ZNoContent, ...problems(404, 410, 422) },
        },
      },
      async (request, reply) => {
        await service.setPassword(request.body.jeton, request.body.motDePasse, request.ip);
        clearSession(reply);
        return reply.status(204).send(null);
      },
    );
  };
}
