import { ZArretCertificat, ZArretCreate, ZReprise, ZSalaire, ZSinistreDetail } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { arretsPolicy } from './arrets.policy.js';
import type { ArretsService } from './arrets.service.js';

const tags = ['Sinistres'];
const ZArretParams = ZIdParams.extend({ arretId: z.uuid({ error: 'Identifiant invalide.' }) });

/** The arrêts of a sinistre, their salary, the return to work. Each answers the sinistre's detail. */
export function arretsRoutes(arrets: ArretsService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/sinistres/:id/arrets',
      {
        config: arretsPolicy.declarer,
        schema: {
          operationId: 'declarerArret',
          summary:
            'Déclarer un arrêt (initial, prolongation le lendemain du précédent, rechute hors maladie ordinaire) ; une reprise pendant l’arrêt : 409 « reprise_a_confirmer », sauf avec « confirmerReprise »',
          tags,
          params: ZIdParams,
          body: ZArretCreate,
          response: { 201: ZSinistreDetail, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await arrets.addArret(tenantOf(request), request.params.id, request.body, request.ip)),
    );

    app.put(
      '/api/sinistres/:id/arrets/:arretId/salaire',
      {
        config: arretsPolicy.declarer,
        schema: {
          operationId: 'modifierSalaireArret',
          summary: 'Données salariales de la période d’arrêt (seuls les éléments assurés dans la base)',
          tags,
          params: ZArretParams,
          body: ZSalaire,
          response: { 200: ZSinistreDetail, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) =>
        arrets.setSalaire(tenantOf(request), request.params.id, request.params.arretId, request.body, request.ip),
    );

    app.put(
      '/api/sinistres/:id/arrets/:arretId/certificat',
      {
        config: arretsPolicy.declarer,
        schema: {
          operationId: 'modifierCertificatArret',
          summary:
            'Date de réception du certificat par l’employeur (envoi tardif au-delà de 2 jours), arrêt lié à une grossesse ou à une affection de longue durée (pas de jour de carence)',
          tags,
          params: ZArretParams,
          body: ZArretCertificat,
          response: { 200: ZSinistreDetail, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) =>
        arrets.setCertificat(tenantOf(request), request.params.id, request.params.arretId, request.body, request.ip),
    );

    app.post(
      '/api/sinistres/:id/reprise',
      {
        config: arretsPolicy.declarer,
        schema: {
          operationId: 'declarerReprise',
          summary:
            'Déclarer la reprise du travail (Ouvert → Clos ; les paiements en cours continuent). Une reprise pendant le dernier arrêt le raccourcit : 409 « reprise_a_confirmer » décrivant le changement, sauf avec « confirmer »',
          tags,
          params: ZIdParams,
          body: ZReprise,
          response: { 200: ZSinistreDetail, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) => arrets.reprise(tenantOf(request), request.params.id, request.body, request.ip),
    );
  };
}
