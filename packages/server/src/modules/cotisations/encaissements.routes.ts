import {
  ZEncaissementInput,
  ZEncaissementsAppel,
  ZReleveImportDetail,
  ZReleveImportsPage,
  ZReleveImportsQuery,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { readUpload } from '../../http/upload.js';
import { RELEVE_TAILLE_MAX } from '../../lib/releves/index.js';
import { acrossCollectivites } from '../../lib/scope.js';
import { encaissementsPolicy } from './encaissements.policy.js';
import type { EncaissementsService } from './encaissements.service.js';

const tags = ['Cotisations'];

/** Documents the multipart form in OpenAPI; the service reads and checks the file. */
const ZReleveForm = z.unknown().meta({
  type: 'object',
  properties: {
    fichier: {
      type: 'string',
      format: 'binary',
      description: 'Le relevé bancaire : export CSV de la banque ou CAMT.053 (XML), 5 Mo au plus.',
    },
  },
  required: ['fichier'],
});

/** Payments of contribution calls: entered by hand, imported from a bank statement, read by both sides. */
export function encaissementsRoutes(service: EncaissementsService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const { encaisser, lireGestion, lireCollectivite } = encaissementsPolicy;

    app.get(
      '/api/gestion/cotisations/appels/:id/encaissements',
      {
        config: lireGestion,
        schema: {
          operationId: 'lireEncaissementsGestion',
          summary: 'Les paiements reçus sur un appel et, par échéance, ce qui est payé et ce qui reste dû',
          tags,
          params: ZIdParams,
          response: { 200: ZEncaissementsAppel, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.situation(acrossCollectivites(authOf(request).scope), request.params.id),
    );

    app.post(
      '/api/gestion/cotisations/appels/:id/encaissements',
      {
        config: encaisser,
        schema: {
          operationId: 'saisirEncaissement',
          summary: 'Enregistrer un paiement reçu sur un appel émis (montant, date, référence, mode)',
          tags,
          params: ZIdParams,
          body: ZEncaissementInput,
          response: { 201: ZEncaissementsAppel, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.saisir(authOf(request), request.params.id, request.body, request.ip)),
    );

    app.get(
      '/api/cotisations/:id/encaissements',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'lireEncaissements',
          summary: 'Vos paiements sur un appel de cotisation et, par échéance, ce qui reste dû',
          tags,
          params: ZIdParams,
          response: { 200: ZEncaissementsAppel, ...problems(401, 404) },
        },
      },
      async (request) => service.situation(tenantOf(request).scope, request.params.id),
    );

    app.post(
      '/api/gestion/cotisations/releves',
      {
        config: encaisser,
        schema: {
          operationId: 'deposerReleve',
          summary:
            'Déposer un relevé bancaire (CSV ou CAMT.053, multipart, champ « fichier ») : lu, rapproché des appels ouverts, à valider',
          tags,
          consumes: ['multipart/form-data'],
          body: ZReleveForm,
          response: { 201: ZReleveImportDetail, ...problems(400, 401, 403, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const file = await readUpload(request, { maxBytes: RELEVE_TAILLE_MAX });
        return reply.status(201).send(await service.deposer(authOf(request), file, request.ip));
      },
    );

    app.get(
      '/api/gestion/cotisations/releves',
      {
        config: encaisser,
        schema: {
          operationId: 'listerReleves',
          summary: 'Historique des relevés bancaires importés par l’organisation (20 par page)',
          tags,
          querystring: ZReleveImportsQuery,
          response: { 200: ZReleveImportsPage, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.imports(authOf(request), request.query.apres),
    );

    app.get(
      '/api/gestion/cotisations/releves/:id',
      {
        config: encaisser,
        schema: {
          operationId: 'lireReleve',
          summary: 'Un relevé importé et ses lignes : rapprochées, partielles, trop-perçues, inconnues, déjà importées',
          tags,
          params: ZIdParams,
          response: { 200: ZReleveImportDetail, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.importDetail(authOf(request), request.params.id),
    );

    app.post(
      '/api/gestion/cotisations/releves/:id/application',
      {
        config: encaisser,
        schema: {
          operationId: 'appliquerReleve',
          summary:
            'Enregistrer les paiements des lignes rapprochées et partielles d’un relevé, en une fois (tout ou rien)',
          tags,
          params: ZIdParams,
          response: { 200: ZReleveImportDetail, ...problems(401, 403, 404, 409) },
        },
      },
      async (request) => service.appliquer(authOf(request), request.params.id, request.ip),
    );
  };
}
