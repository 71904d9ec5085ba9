import { ZEnquete, ZImputabilite, ZSinistreDetail } from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { download, fileResponse } from '../../http/download.js';
import { tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { enquetePolicy } from './enquete.policy.js';
import type { EnqueteService } from './enquete.service.js';

const tags = ['Sinistres'];

/** The enquête administrative of an accident, the imputability decision, and the accident's PDFs. */
export function enqueteRoutes(enquete: EnqueteService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.put(
      '/api/sinistres/:id/enquete',
      {
        config: enquetePolicy.remplir,
        schema: {
          operationId: 'enregistrerEnquete',
          summary: 'Remplir l’enquête administrative d’un accident',
          tags,
          params: ZIdParams,
          body: ZEnquete,
          response: { 200: ZSinistreDetail, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => enquete.setEnquete(tenantOf(request), request.params.id, request.body, request.ip),
    );

    app.put(
      '/api/sinistres/:id/imputabilite',
      {
        config: enquetePolicy.remplir,
        schema: {
          operationId: 'enregistrerImputabilite',
          summary: 'Décision d’imputabilité au service, sa date, et l’arrêt de travail (oui/non)',
          tags,
          params: ZIdParams,
          body: ZImputabilite,
          response: { 200: ZSinistreDetail, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => enquete.setImputabilite(tenantOf(request), request.params.id, request.body, request.ip),
    );

    for (const [path, kind, operationId, summary] of [
      [
        'enquete.pdf',
        'enquete',
        'telechargerEnquete',
        'L’enquête administrative pré-remplie, à imprimer et faire signer',
      ],
      [
        'attestation.pdf',
        'attestation',
        'telechargerAttestation',
        'L’attestation de prise en charge (accidents, maladie professionnelle)',
      ],
      [
        'bon-remboursement.pdf',
        'bon',
        'telechargerBonRemboursement',
        'Le bon de remboursement (accidents, maladie professionnelle)',
      ],
    ] as const) {
      app.get(
        `/api/sinistres/:id/${path}`,
        {
          config: enquetePolicy.lire,
          schema: {
            operationId,
            summary,
            tags,
            params: ZIdParams,
            response: { 200: fileResponse('Le document PDF', 'application/pdf'), ...problems(401, 404, 409, 422) },
          },
        },
        async (request, reply) => {
          const doc = await enquete.document(tenantOf(request), request.params.id, kind);
          return download(reply, { fileName: doc.nom, contentType: 'application/pdf', body: doc.pdf });
        },
      );
    }
  };
}
