import { ZAdhesionInput, ZContrat, ZContratInput, ZContratListQuery, ZContratPage } from '@statutis/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems, ZIdParams, ZNoContent } from '../../http/openapi.js';
import { attachment, readUpload } from '../../http/upload.js';
import { contratsPolicy } from './contrats.policy.js';
import { CONTRAT_DOCUMENT_MAX_BYTES, type ContratsService } from './contrats.service.js';

const { lire: reader, gerer: staff } = contratsPolicy;
const ZDocumentParams = ZIdParams.extend({ documentId: z.uuid({ error: 'Identifiant invalide.' }) });
const ZAdhesionParams = ZIdParams.extend({ collectiviteId: z.uuid({ error: 'Identifiant invalide.' }) });
const ZDocument = z.object({ id: z.uuid(), nom: z.string(), taille: z.number(), deposeLe: z.string() });
const ZContratGestion = ZContrat.extend({
  /** The contract that succeeded this one at its renewal, if any. */
  successeurId: z.uuid().nullable(),
  adhesions: z.array(z.object({ collectiviteId: z.uuid(), nom: z.string(), dateAdhesion: z.string() })),
});
const ZFile = z.any().describe('Le fichier (PDF)');

function sendFile(reply: FastifyReply, file: { nom: string; taille: number; stream: NodeJS.ReadableStream }) {
  return reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', attachment(file.nom))
    .header('Content-Length', String(file.taille))
    .header('X-Content-Type-Options', 'nosniff')
    .send(file.stream);
}

export function contratsRoutes(service: ContratsService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['Contrats'];

    app.get(
      '/api/contrats',
      {
        config: reader,
        schema: {
          operationId: 'listerContrats',
          summary: 'Contrats de la collectivité',
          tags,
          querystring: ZContratListQuery,
          response: { 200: ZContratPage, ...problems(401, 404, 422) },
        },
      },
      async (request) => service.listForCollectivite(tenantOf(request), request.query),
    );

    app.get(
      '/api/contrats/:id',
      {
        config: reader,
        schema: {
          operationId: 'lireContrat',
          summary: 'Détail d’un contrat : garanties, franchises, délais de déclaration, préavis, documents',
          tags,
          params: ZIdParams,
          response: { 200: ZContrat, ...problems(401, 404) },
        },
      },
      async (request) => service.getForCollectivite(tenantOf(request), request.params.id),
    );

    app.get(
      '/api/contrats/:id/documents/:documentId',
      {
        config: reader,
        schema: {
          operationId: 'telechargerDocumentContrat',
          summary: 'Télécharger un document du contrat (PDF)',
          tags,
          params: ZDocumentParams,
          response: { 200: ZFile, ...problems(401, 404) },
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await service.documentForCollectivite(tenantOf(request), request.params.id, request.params.documentId),
        ),
    );

    const gestion = ['Gestion des contrats'];
    app.get(
      '/api/gestion/contrats',
      {
        config: staff,
        schema: {
          operationId: 'listerContratsGestion',
          summary: 'Contrats gérés (gestionnaire : ceux de son CDG)',
          tags: gestion,
          querystring: ZContratListQuery,
          response: { 200: ZContratPage, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.listForStaff(authOf(request), request.query),
    );

    app.post(
      '/api/gestion/contrats',
      {
        config: staff,
        schema: {
          operationId: 'creerContrat',
          summary: 'Créer un contrat avec ses garanties',
          tags: gestion,
          body: ZContratInput,
          response: { 201: ZContratGestion, ...problems(401, 403, 409, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(authOf(request), request.body, request.ip)),
    );

    app.get(
      '/api/gestion/contrats/:id',
      {
        config: staff,
        schema: {
          operationId: 'lireContratGestion',
          summary: 'Détail d’un contrat et de ses adhésions',
          tags: gestion,
          params: ZIdParams,
          response: { 200: ZContratGestion, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.getForStaff(authOf(request), request.params.id),
    );

    app.put(
      '/api/gestion/contrats/:id',
      {
        config: staff,
        schema: {
          operationId: 'modifierContrat',
          summary: 'Modifier un contrat et ses garanties',
          tags: gestion,
          params: ZIdParams,
          body: ZContratInput,
          response: { 200: ZContratGestion, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) => service.update(authOf(request), request.params.id, request.body, request.ip),
    );

    app.post(
      '/api/gestion/contrats/:id/documents',
      {
        config: staff,
        schema: {
          operationId: 'deposerDocumentContrat',
          summary: 'Joindre un document PDF au contrat (10 Mo au plus, contenu vérifié)',
          tags: gestion,
          params: ZIdParams,
          consumes: ['multipart/form-data'],
          body: z.object({ fichier: ZFile }).optional(),
          response: { 201: ZDocument, ...problems(401, 403, 404, 422) },
        },
        // multipart bodies are read by the service, not validated as JSON
        validatorCompiler: () => () => true,
      },
      async (request, reply) => {
        const ctx = authOf(request);
        await service.checkContrat(ctx, request.params.id);
        const file = await readUpload(request, { maxBytes: CONTRAT_DOCUMENT_MAX_BYTES });
        reply.status(201).send(await service.addDocument(ctx, request.params.id, file, request.ip));
      },
    );

    app.get(
      '/api/gestion/contrats/:id/documents/:documentId',
      {
        config: staff,
        schema: {
          operationId: 'telechargerDocumentContratGestion',
          summary: 'Télécharger un document du contrat',
          tags: gestion,
          params: ZDocumentParams,
          response: { 200: ZFile, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) =>
        sendFile(reply, await service.documentForStaff(authOf(request), request.params.id, request.params.documentId)),
    );

    app.delete(
      '/api/gestion/contrats/:id/documents/:documentId',
      {
        config: staff,
        schema: {
          operationId: 'supprimerDocumentContrat',
          summary: 'Retirer un document du contrat',
          tags: gestion,
          params: ZDocumentParams,
          response: { 204: ZNoContent, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await service.removeDocument(authOf(request), request.params.id, request.params.documentId, request.ip);
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/gestion/contrats/:id/adhesions',
      {
        config: staff,
        schema: {
          operationId: 'rattacherCollectivite',
          summary: 'Rattacher une collectivité au contrat (date d’adhésion)',
          tags: gestion,
          params: ZIdParams,
          body: ZAdhesionInput,
          response: { 200: ZContratGestion, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.setAdhesion(authOf(request), request.params.id, request.body, request.ip),
    );

    app.delete(
      '/api/gestion/contrats/:id/adhesions/:collectiviteId',
      {
        config: staff,
        schema: {
          operationId: 'detacherCollectivite',
          summary: 'Mettre fin à l’adhésion d’une collectivité',
          tags: gestion,
          params: ZAdhesionParams,
          response: { 204: ZNoContent, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await service.removeAdhesion(authOf(request), request.params.id, request.params.collectiviteId, request.ip);
        return reply.status(204).send(null);
      },
    );
  };
}
