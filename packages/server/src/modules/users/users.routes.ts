import {
  ZAccountDelete,
  ZCompte,
  ZCompteCreate,
  ZCompteListQuery,
  ZComptePage,
  ZCompteUpdate,
  ZInvitationInfo,
  ZInvitationJeton,
  ZMoi,
  ZMoiUpdate,
  ZPasswordChange,
  ZSessionInfo,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems, ZIdParams, ZNoContent } from '../../http/openapi.js';
import { usersPolicy } from './users.policy.js';
import type { UsersService } from './users.service.js';

const { gerer: admin, soi: self } = usersPolicy;

export function usersRoutes(service: UsersService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['Gestion des comptes'];

    app.get(
      '/api/comptes',
      {
        config: admin,
        schema: {
          operationId: 'listerComptes',
          summary: 'Lister les comptes de la collectivité (20 par page, recherche par nom ou e-mail)',
          tags,
          querystring: ZCompteListQuery,
          response: { 200: ZComptePage, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.list(tenantOf(request), request.query),
    );

    app.post(
      '/api/comptes',
      {
        config: admin,
        schema: {
          operationId: 'creerCompte',
          summary: 'Créer un compte et envoyer l’invitation',
          tags,
          body: ZCompteCreate,
          response: { 201: ZCompte, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(tenantOf(request), request.body, request.ip)),
    );

    app.get(
      '/api/comptes/:id',
      {
        config: admin,
        schema: {
          operationId: 'lireCompte',
          summary: 'Consulter un compte',
          tags,
          params: ZIdParams,
          response: { 200: ZCompte, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.get(tenantOf(request), request.params.id),
    );

    app.patch(
      '/api/comptes/:id',
      {
        config: admin,
        schema: {
          operationId: 'modifierCompte',
          summary: 'Modifier le rôle, l’activation ou les coordonnées d’un compte',
          tags,
          params: ZIdParams,
          body: ZCompteUpdate,
          response: { 200: ZCompte, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) => service.update(tenantOf(request), request.params.id, request.body, request.ip),
    );

    app.delete(
      '/api/comptes/:id',
      {
        config: admin,
        schema: {
          operationId: 'supprimerCompte',
          summary: 'Retirer un compte de la collectivité',
          tags,
          params: ZIdParams,
          response: { 204: ZNoContent, ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await service.remove(tenantOf(request), request.params.id, request.ip);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/comptes/:id/invitation',
      {
        config: admin,
        schema: {
          operationId: 'renvoyerInvitation',
          summary: 'Renvoyer l’e-mail d’invitation (nouveau lien valable 72 heures)',
          tags,
          params: ZIdParams,
          response: { 202: ZNoContent, ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await service.resendInvitation(tenantOf(request), request.params.id, request.ip);
        return reply.status(202).send(null);
      },
    );

    const invitationTags = ['Invitations'];
    app.post(
      '/api/invitations/lire',
      {
        config: self,
        schema: {
          operationId: 'lireInvitation',
          summary: 'Voir l’invitation reçue par e-mail à rejoindre une collectivité (avant de l’accepter)',
          tags: invitationTags,
          body: ZInvitationJeton,
          response: { 200: ZInvitationInfo, ...problems(401, 403, 404, 410, 422) },
        },
      },
      async (request) => service.invitations.read(authOf(request), request.body.jeton),
    );

    app.post(
      '/api/invitations/accepter',
      {
        config: self,
        schema: {
          operationId: 'accepterInvitation',
          summary: 'Accepter l’invitation : la collectivité s’ajoute aux miennes et devient la collectivité courante',
          tags: invitationTags,
          body: ZInvitationJeton,
          response: { 200: ZSessionInfo, ...problems(401, 403, 404, 410, 422) },
        },
      },
      async (request) => service.invitations.accept(authOf(request), request.body.jeton, request.ip),
    );

    app.post(
      '/api/invitations/refuser',
      {
        config: self,
        schema: {
          operationId: 'refuserInvitation',
          summary: 'Refuser l’invitation',
          tags: invitationTags,
          body: ZInvitationJeton,
          response: { 204: ZNoContent, ...problems(401, 403, 404, 410, 422) },
        },
      },
      async (request, reply) => {
        await service.invitations.refuse(authOf(request), request.body.jeton, request.ip);
        return reply.status(204).send(null);
      },
    );

    const moiTags = ['Mon compte'];
    app.get(
      '/api/moi',
      {
        config: self,
        schema: {
          operationId: 'lireMonCompte',
          summary: 'Mes coordonnées',
          tags: moiTags,
          response: { 200: ZMoi, ...problems(401) },
        },
      },
      async (request) => service.me(authOf(request)),
    );

    app.put(
      '/api/moi',
      {
        config: self,
        schema: {
          operationId: 'modifierMonCompte',
          summary: 'Modifier mes coordonnées et mon e-mail de notification',
          tags: moiTags,
          body: ZMoiUpdate,
          response: { 200: ZMoi, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.updateMe(authOf(request), request.body, request.ip),
    );

    app.post(
      '/api/moi/mot-de-passe',
      {
        config: self,
        schema: {
          operationId: 'changerMonMotDePasse',
          summary: 'Changer mon mot de passe (le mot de passe actuel est demandé ; mes autres sessions sont fermées)',
          tags: moiTags,
          body: ZPasswordChange,
          response: { 204: ZNoContent, ...problems(401, 403, 422) },
        },
      },
      async (request, reply) => {
        await service.changePassword(
          authOf(request),
          request.body.motDePasseActuel,
          request.body.nouveauMotDePasse,
          request.ip,
        );
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/api/moi',
      {
        config: self,
        schema: {
          operationId: 'supprimerMonCompte',
          summary: 'Supprimer mon compte (mot de passe demandé)',
          tags: moiTags,
          body: ZAccountDelete,
          response: { 204: ZNoContent, ...problems(401, 403, 409, 422) },
        },
      },
      async (request, reply) => {
        await service.deleteMe(authOf(request), request.body.motDePasse, request.ip);
        return reply.clearCookie(fastify.cookieNames.session, fastify.cookieNames.clear).status(204).send(null);
      },
    );
  };
}
