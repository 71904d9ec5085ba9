import {
  FRAIS_BENEFICIAIRES,
  FRAIS_FACTURE_MAX_BYTES,
  FRAIS_NATURES,
  ZFraisAValiderPage,
  ZFraisAValiderQuery,
  ZFraisMedical,
  ZFraisMedicalDecision,
  ZFraisMedicauxPage,
  ZFraisMedicauxQuery,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { download, fileResponse } from '../../http/download.js';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { readUpload } from '../../http/upload.js';
import { fraisMedicauxPolicy } from './frais-medicaux.policy.js';
import type { FraisMedicauxService } from './frais-medicaux.service.js';

const tags = ['Frais médicaux'];
const ZFraisParams = ZIdParams.extend({ fraisId: z.uuid({ error: 'Identifiant invalide.' }) });
const facture = fileResponse('La facture déposée', 'application/pdf', 'image/jpeg', 'image/png');

/** Documents the multipart form in OpenAPI; the service checks the fields (`ZFraisMedicalSaisie`) and the file. */
const ZFraisForm = z.unknown().meta({
  type: 'object',
  properties: {
    dateSoins: { type: 'string', format: 'date', description: 'Date des soins (entre le sinistre et aujourd’hui)' },
    nature: { type: 'string', enum: [...FRAIS_NATURES] },
    prestataire: { type: 'string', description: 'Praticien ou établissement' },
    montantFacture: { type: 'string', description: 'Montant facturé, comme « 1 234,56 »' },
    montantPrisEnCharge: { type: 'string', description: 'Déjà pris en charge par la couverture de l’agent' },
    beneficiaire: { type: 'string', enum: [...FRAIS_BENEFICIAIRES] },
    beneficiaireNom: { type: 'string', description: 'Praticien payé directement : son nom' },
    beneficiaireIban: { type: 'string', description: 'Praticien payé directement : son IBAN' },
    fichier: {
      type: 'string',
      format: 'binary',
      description: `La facture : PDF, JPEG ou PNG, ${FRAIS_FACTURE_MAX_BYTES / 1024 / 1024} Mo au plus`,
    },
  },
  required: ['dateSoins', 'nature', 'prestataire', 'montantFacture', 'beneficiaire', 'fichier'],
});

export function fraisMedicauxRoutes(service: FraisMedicauxService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/sinistres/:id/frais-medicaux',
      {
        config: fraisMedicauxPolicy.lire,
        schema: {
          operationId: 'listerFraisMedicaux',
          summary: 'Les frais médicaux du sinistre (20 par page, soins les plus récents d’abord) et leurs totaux',
          tags,
          params: ZIdParams,
          querystring: ZFraisMedicauxQuery,
          response: { 200: ZFraisMedicauxPage, ...problems(401, 404, 422) },
        },
      },
      async (request) => service.list(tenantOf(request), request.params.id, request.query.apres),
    );

    app.post(
      '/api/sinistres/:id/frais-medicaux',
      {
        config: fraisMedicauxPolicy.saisir,
        schema: {
          operationId: 'saisirFraisMedical',
          summary:
            'Saisir une facture de soins d’un sinistre CITIS (multipart : champs puis « fichier » ; PDF, JPEG ou PNG, 10 Mo au plus)',
          tags,
          consumes: ['multipart/form-data'],
          params: ZIdParams,
          body: ZFraisForm,
          response: { 201: ZFraisMedical, ...problems(401, 403, 404, 409, 413, 422) },
        },
      },
      async (request, reply) => {
        const ctx = tenantOf(request);
        // Another scope's sinistre is a 404 whatever the body: checked before the form is read.
        await service.checkSinistre(ctx, request.params.id);
        const file = await readUpload(request, { maxBytes: FRAIS_FACTURE_MAX_BYTES });
        return reply.status(201).send(await service.saisir(ctx, request.params.id, file, request.ip));
      },
    );

    app.get(
      '/api/sinistres/:id/frais-medicaux/:fraisId/facture',
      {
        config: fraisMedicauxPolicy.lire,
        schema: {
          operationId: 'telechargerFactureFraisMedical',
          summary: 'Télécharger une facture de soins (en pièce jointe ; publicateurs et administrateurs)',
          tags,
          params: ZFraisParams,
          response: { 200: facture, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const f = await service.download(tenantOf(request), request.params.id, request.params.fraisId);
        return download(reply, { fileName: f.nom, contentType: f.contentType, body: f.stream });
      },
    );

    app.get(
      '/api/gestion/frais-medicaux',
      {
        config: fraisMedicauxPolicy.gestion,
        schema: {
          operationId: 'listerFraisMedicauxAValider',
          summary: 'Les factures de soins à valider dans les collectivités de l’organisation (20 par page)',
          tags: ['Gestion'],
          querystring: ZFraisAValiderQuery,
          response: { 200: ZFraisAValiderPage, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.aValider(authOf(request), request.query.apres),
    );

    app.get(
      '/api/gestion/sinistres/:id/frais-medicaux',
      {
        config: fraisMedicauxPolicy.gestion,
        schema: {
          operationId: 'listerFraisMedicauxGestion',
          summary: 'Les frais médicaux d’un sinistre vus par le gestionnaire (20 par page)',
          tags: ['Gestion'],
          params: ZIdParams,
          querystring: ZFraisMedicauxQuery,
          response: { 200: ZFraisMedicauxPage, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.listGestion(authOf(request), request.params.id, request.query.apres),
    );

    app.get(
      '/api/gestion/sinistres/:id/frais-medicaux/:fraisId/facture',
      {
        config: fraisMedicauxPolicy.gestion,
        schema: {
          operationId: 'telechargerFactureFraisMedicalGestion',
          summary: 'Télécharger une facture de soins (en pièce jointe)',
          tags: ['Gestion'],
          params: ZFraisParams,
          response: { 200: facture, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const f = await service.downloadGestion(authOf(request), request.params.id, request.params.fraisId);
        return download(reply, { fileName: f.nom, contentType: f.contentType, body: f.stream });
      },
    );

    app.post(
      '/api/gestion/sinistres/:id/frais-medicaux/:fraisId/decision',
      {
        config: fraisMedicauxPolicy.gestion,
        schema: {
          operationId: 'deciderFraisMedical',
          summary: 'Valider une facture de soins, ou la refuser avec son motif (courriel à la collectivité)',
          tags: ['Gestion'],
          params: ZFraisParams,
          body: ZFraisMedicalDecision,
          response: { 200: ZFraisMedical, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) =>
        service.decider(authOf(request), request.params.id, request.params.fraisId, request.body, request.ip),
    );
  };
}
