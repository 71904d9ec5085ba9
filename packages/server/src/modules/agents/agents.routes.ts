import {
  LISTE_MAX_BYTES,
  ZAgentExportQuery,
  ZAgentListQuery,
  ZAgentPage,
  ZListeImport,
  ZListeImportListQuery,
  ZListeImportPage,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { download, fileResponse as file } from '../../http/download.js';
import { tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { receiveUpload } from '../../http/upload.js';
import { XLSX_TYPE } from '../../lib/export/table.js';
import type { Storage } from '../../lib/storage/storage.js';
import { agentsPolicy } from './agents.policy.js';
import type { AgentsService } from './agents.service.js';
import type { ListeNominativeService } from './liste-nominative.service.js';

const { lire: read, modifier: write } = agentsPolicy;

/**
 * Documents the multipart form in OpenAPI. The body itself is not validated here (a multipart
 * body reaches validation as null): receiveUpload reads the file and checks its content and size.
 */
const ZImportForm = z.unknown().meta({
  type: 'object',
  properties: {
    fichier: {
      type: 'string',
      format: 'binary',
      description: 'La liste nominative : CSV (`;`, `,` ou tabulation), UTF-8 ou Windows-1252, 20 Mo au plus.',
    },
  },
  required: ['fichier'],
});

export function agentsRoutes(deps: { agents: AgentsService; liste: ListeNominativeService; storage: Storage }) {
  const { agents, liste, storage } = deps;
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/agents',
      {
        config: read,
        schema: {
          operationId: 'listerAgents',
          summary:
            'Lister les agents (20 par page ; recherche par nom ou début de NIR ; filtres régime, statut, présence, fiche incomplète)',
          tags: ['Agents'],
          querystring: ZAgentListQuery,
          response: { 200: ZAgentPage, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => agents.list(tenantOf(request), request.query),
    );

    app.get(
      '/api/agents/export',
      {
        config: read,
        schema: {
          operationId: 'exporterAgents',
          summary: 'Exporter la liste des agents filtrée (CSV « ; » UTF-8 ou XLSX)',
          tags: ['Agents'],
          querystring: ZAgentExportQuery,
          response: {
            200: file('La liste des agents', 'text/csv', XLSX_TYPE),
            ...problems(401, 403, 404, 422),
          },
        },
      },
      async (request, reply) => download(reply, await agents.export(tenantOf(request), request.query)),
    );

    const listeTags = ['Liste nominative'];

    app.get(
      '/api/agents/liste-nominative/modele',
      {
        config: read,
        schema: {
          operationId: 'telechargerModeleListeNominative',
          summary: 'Télécharger le modèle de liste nominative (CSV « ; », UTF-8 avec BOM, en-têtes seuls)',
          tags: listeTags,
          response: { 200: file('Le modèle à remplir', 'text/csv'), ...problems(401, 403, 404) },
        },
      },
      async (_request, reply) => download(reply, { ...liste.template(), contentType: 'text/csv; charset=utf-8' }),
    );

    app.post(
      '/api/agents/imports',
      {
        config: write,
        schema: {
          operationId: 'importerListeNominative',
          summary:
            'Déposer une liste nominative (multipart, champ « fichier ») : vérification puis import en tâche de fond, tout ou rien',
          tags: listeTags,
          consumes: ['multipart/form-data'],
          body: ZImportForm,
          response: { 202: ZListeImport, ...problems(401, 403, 404, 413, 422) },
        },
      },
      async (request, reply) => {
        const ctx = tenantOf(request);
        const stored = await receiveUpload(request, storage, {
          kind: 'csv',
          maxBytes: LISTE_MAX_BYTES,
          prefix: 'imports',
        });
        return reply.status(202).send(await liste.start(ctx, stored, request.ip));
      },
    );

    app.get(
      '/api/agents/imports',
      {
        config: read,
        schema: {
          operationId: 'listerImportsListeNominative',
          summary: 'Historique des imports de liste nominative (20 par page, du plus récent au plus ancien)',
          tags: listeTags,
          querystring: ZListeImportListQuery,
          response: { 200: ZListeImportPage, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => liste.history(tenantOf(request), request.query),
    );

    app.get(
      '/api/agents/imports/:id',
      {
        config: read,
        schema: {
          operationId: 'lireImportListeNominative',
          summary: 'Avancement ou résultat d’un import (progression, compteurs, erreurs avec ligne et colonne)',
          tags: listeTags,
          params: ZIdParams,
          response: { 200: ZListeImport, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => liste.get(tenantOf(request), request.params.id),
    );
  };
}
