import { ZNotificationPage, ZNotificationsNonLues, ZNotificationsQuery } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { notificationsPolicy } from './notifications.policy.js';
import type { NotificationsService } from './notifications.service.js';

const { lire: reader } = notificationsPolicy;

export function notificationsRoutes(service: NotificationsService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['Notifications'];
    app.get(
      '/api/notifications',
      {
        config: reader,
        schema: {
          operationId: 'listerNotifications',
          summary: 'Mes notifications, les plus récentes d’abord (pages de 20)',
          tags,
          querystring: ZNotificationsQuery,
          response: { 200: ZNotificationPage, ...problems(401, 422) },
        },
      },
      async (request) => service.list(authOf(request), request.query.apres),
    );
    app.get(
      '/api/notifications/non-lues',
      {
        config: reader,
        schema: {
          operationId: 'compterNotificationsNonLues',
          summary: 'Nombre de mes notifications non lues',
          tags,
          response: { 200: ZNotificationsNonLues, ...problems(401) },
        },
      },
      async (request) => service.nonLues(authOf(request)),
    );
    app.post(
      '/api/notifications/:id/lue',
      {
        config: reader,
        schema: {
          operationId: 'marquerNotificationLue',
          summary: 'Marquer une notification comme lue',
          tags,
          params: ZIdParams,
          response: { 200: ZNotificationsNonLues, ...problems(401, 404, 422) },
        },
      },
      async (request) => service.marquerLue(authOf(request), request.params.id),
    );
    app.post(
      '/api/notifications/lues',
      {
        config: reader,
        schema: {
          operationId: 'marquerNotificationsLues',
          summary: 'Marquer toutes mes notifications comme lues',
          tags,
          response: { 200: ZNotificationsNonLues, ...problems(401) },
        },
      },
      async (request) => service.marquerToutesLues(authOf(request)),
    );
  };
}
