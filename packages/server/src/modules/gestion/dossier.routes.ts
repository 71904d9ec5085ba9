import { ZDossierGestion, ZPieceDecision } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { dossierAccess } from './dossier.policy.js';
import type { DossierService } from './dossier.service.js';

const tags = ['Gestion'];
const ZPieceParams = ZIdParams.extend({ pieceId: z.uuid({ error: 'Identifiant invalide.' }) });

export function dossierRoutes(service: DossierService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/gestion/sinistres/:id',
      {
        config: dossierAccess.lire,
        schema: {
          operationId: 'lireDossierGestion',
          summary:
            'Le dossier d’un sinistre vu par le gestionnaire : agent, contrat, arrêts, enquête, pièces, commentaires, requalifications et contrôles automatiques',
          tags,
          params: ZIdParams,
          response: { 200: ZDossierGestion, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.get(authOf(request), request.params.id),
    );

    app.post(
      '/api/gestion/sinistres/:id/pieces/:pieceId/decision',
      {
        config: dossierAccess.deciderPiece,
        schema: {
          operationId: 'deciderPiece',
          summary:
            'Valider ou refuser une pièce (motif de la liste ; précision obligatoire pour « autre »). Une transition impossible : 409. Le volet 1 refusé est effacé.',
          tags,
          params: ZPieceParams,
          body: ZPieceDecision,
          response: { 200: ZDossierGestion, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) =>
        service.deciderPiece(authOf(request), request.params.id, request.params.pieceId, request.body, request.ip),
    );
  };
}
