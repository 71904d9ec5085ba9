import {
  ZCoordonneesBancairesInput,
  ZCoordonneesBancairesOut,
  ZDecompteOut,
  ZMiseEnPaiementInput,
  ZParametresPaiementInput,
  ZParametresPaiementOut,
  ZReglementDetail,
  ZReglementRunInput,
  ZReglementRunOut,
  ZReglementsPage,
  ZReglementsQuery,
  ZRejetInput,
  ZVirementOut,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { download, fileResponse } from '../../http/download.js';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { XLSX_TYPE } from '../../lib/export/table.js';
import { acrossCollectivites } from '../../lib/scope.js';
import { reglementsExport } from './reglements.export.js';
import { reglementsPolicy } from './reglements.policy.js';
import type { ReglementsService } from './reglements.service.js';

const tags = ['Règlements'];
const ZExportQuery = ZReglementsQuery.omit({ apres: true }).extend({
  format: z.enum(['csv', 'xlsx'], { error: 'Format : csv ou xlsx.' }).default('csv'),
});
const ZAnnee = z.object({
  annee: z.coerce
    .number({ error: 'Année invalide.' })
    .int('Année invalide.')
    .min(2000, 'Année invalide.')
    .max(2100, 'Année invalide.'),
});
const ZPaiementDuSinistre = ZDecompteOut.extend({
  reglement: z.object({ numero: z.string(), statut: z.string() }).nullable(),
});

/** Décomptes and règlements: the back office pays, the collectivité reads « Vos règlements ». */
export function reglementsRoutes(service: ReglementsService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const { payer, lireGestion, lireCollectivite, coordonnees } = reglementsPolicy;

    // -- back office

    app.get(
      '/api/gestion/reglements',
      {
        config: lireGestion,
        schema: {
          operationId: 'listerReglementsGestion',
          summary: 'Les règlements des collectivités de l’organisation, les plus récents d’abord (20 par page)',
          tags,
          querystring: ZReglementsQuery,
          response: { 200: ZReglementsPage, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.list(acrossCollectivites(authOf(request).scope), request.query),
    );

    app.post(
      '/api/gestion/reglements',
      {
        config: payer,
        schema: {
          operationId: 'creerReglements',
          summary:
            'Préparer les règlements d’une période : un par collectivité (et par praticien payé directement) avec ses décomptes validés non encore payés ; un solde nul ou négatif est reporté au règlement suivant',
          tags,
          body: ZReglementRunInput,
          response: { 201: ZReglementRunOut, ...problems(401, 403, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.creerReglements(authOf(request), request.body, request.ip)),
    );

    app.get(
      '/api/gestion/reglements/parametres',
      {
        config: payer,
        schema: {
          operationId: 'lireParametresPaiement',
          summary: 'Le seuil de double validation et le compte émetteur de l’organisation',
          tags,
          response: { 200: ZParametresPaiementOut, ...problems(401, 403) },
        },
      },
      async (request) => service.parametres(authOf(request)),
    );

    app.put(
      '/api/gestion/reglements/parametres',
      {
        config: payer,
        schema: {
          operationId: 'modifierParametresPaiement',
          summary: 'Fixer le seuil de double validation et le compte émetteur des virements',
          tags,
          body: ZParametresPaiementInput,
          response: { 200: ZParametresPaiementOut, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.setParametres(authOf(request), request.body, request.ip),
    );

    app.post(
      '/api/gestion/reglements/paiements',
      {
        config: payer,
        schema: {
          operationId: 'mettreEnPaiement',
          summary: 'Mettre en paiement des règlements validés : un fichier de virement SEPA (pain.001) pour tous',
          tags,
          body: ZMiseEnPaiementInput,
          response: { 201: ZVirementOut, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.mettreEnPaiement(authOf(request), request.body, request.ip)),
    );

    app.get(
      '/api/gestion/virements/:id/pain.001.xml',
      {
        config: payer,
        schema: {
          operationId: 'telechargerVirement',
          summary: 'Le fichier de virement SEPA (pain.001.001.09) à déposer à la banque',
          tags,
          params: ZIdParams,
          response: { 200: fileResponse('Le fichier SEPA', 'application/xml'), ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const v = await service.virementXml(authOf(request), request.params.id);
        return download(reply, { fileName: v.nom, contentType: 'application/xml', body: Buffer.from(v.xml) });
      },
    );

    app.get(
      '/api/gestion/reglements/:id',
      {
        config: lireGestion,
        schema: {
          operationId: 'lireReglementGestion',
          summary: 'Un règlement et ses décomptes',
          tags,
          params: ZIdParams,
          response: { 200: ZReglementDetail, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.detailGestion(authOf(request), request.params.id),
    );

    const step = (path: string, operationId: string, summary: string, run: typeof service.valider) =>
      app.post(
        `/api/gestion/reglements/:id/${path}`,
        {
          config: payer,
          schema: {
            operationId,
            summary,
            tags,
            params: ZIdParams,
            response: { 200: ZReglementDetail, ...problems(401, 403, 404, 409) },
          },
        },
        async (request) => run(authOf(request), request.params.id, request.ip),
      );
    step(
      'validation',
      'validerReglement',
      'Valider un règlement ; au-delà du seuil de l’organisation, un second gestionnaire l’approuve',
      service.valider,
    );
    step('paiement', 'marquerReglementPaye', 'Constater le paiement (virement exécuté)', service.marquerPaye);
    step(
      'reemission',
      'reemettreReglement',
      'Ré-émettre un règlement rejeté : un nouveau règlement, avec le compte actuel de la collectivité, à valider',
      service.reemettre,
    );

    app.post(
      '/api/gestion/reglements/:id/rejet',
      {
        config: payer,
        schema: {
          operationId: 'rejeterReglement',
          summary: 'Enregistrer le rejet du virement par la banque, avec son motif',
          tags,
          params: ZIdParams,
          body: ZRejetInput,
          response: { 200: ZReglementDetail, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) => service.rejeter(authOf(request), request.params.id, request.body.motif, request.ip),
    );

    app.post(
      '/api/gestion/decomptes/:id/validation',
      {
        config: payer,
        schema: {
          operationId: 'validerDecompte',
          summary: 'Valider un décompte calculé : il ne change plus, une nouvelle version le régularisera',
          tags,
          params: ZIdParams,
          response: { 200: ZDecompteOut, ...problems(401, 403, 404, 409) },
        },
      },
      async (request) => service.decompteAction(authOf(request), request.params.id, 'valider', request.ip),
    );

    // -- the collectivité

    app.get(
      '/api/reglements',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'listerReglements',
          summary:
            'Vos règlements, les plus récents d’abord (20 par page), filtrés par période, agent, sinistre, catégorie',
          tags,
          querystring: ZReglementsQuery,
          response: { 200: ZReglementsPage, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.list(tenantOf(request).scope, request.query),
    );

    app.get(
      '/api/reglements/export',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'exporterReglements',
          summary:
            'Exporter vos règlements filtrés, un décompte par ligne (CSV « ; » UTF-8 ou XLSX ; montants en nombres)',
          tags,
          querystring: ZExportQuery,
          response: { 200: fileResponse('Les règlements', 'text/csv', XLSX_TYPE), ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        return download(reply, reglementsExport(service.all(tenantOf(request).scope, query), format));
      },
    );

    app.get(
      '/api/reglements/recus/:annee',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'totalRemboursementsRecus',
          summary: 'Les remboursements reçus dans l’année (règlements payés), en centimes',
          tags,
          params: ZAnnee,
          response: {
            200: z.object({ annee: z.number().int(), montant: z.number().int() }),
            ...problems(401, 404, 422),
          },
        },
      },
      async (request) => ({
        annee: request.params.annee,
        montant: await service.totalRecu(tenantOf(request).scope, request.params.annee),
      }),
    );

    app.get(
      '/api/reglements/:id',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'lireReglement',
          summary: 'Un règlement et les décomptes qu’il paie',
          tags,
          params: ZIdParams,
          response: { 200: ZReglementDetail, ...problems(401, 404) },
        },
      },
      async (request) => service.detail(tenantOf(request).scope, request.params.id),
    );

    app.get(
      '/api/reglements/:id/avis.pdf',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'telechargerAvisReglement',
          summary: 'L’avis de règlement (PDF) : ce que le virement paie, décompte par décompte',
          tags,
          params: ZIdParams,
          response: { 200: fileResponse('L’avis de règlement', 'application/pdf'), ...problems(401, 404) },
        },
      },
      async (request, reply) => {
        const doc = await service.avis(tenantOf(request).scope, request.params.id);
        return download(reply, { fileName: doc.nom, contentType: 'application/pdf', body: doc.pdf });
      },
    );

    app.get(
      '/api/sinistres/:id/paiements',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'paiementsDuSinistre',
          summary: 'Les décomptes d’un sinistre et leurs règlements',
          tags,
          params: ZIdParams,
          response: { 200: z.object({ decomptes: z.array(ZPaiementDuSinistre) }), ...problems(401, 404) },
        },
      },
      async (request) => ({
        decomptes: await service.paiementsDuSinistre(tenantOf(request).scope, request.params.id),
      }),
    );

    app.get(
      '/api/collectivite/coordonnees-bancaires',
      {
        config: lireCollectivite,
        schema: {
          operationId: 'lireCoordonneesBancaires',
          summary: 'Le compte où la collectivité reçoit ses remboursements',
          tags,
          response: { 200: ZCoordonneesBancairesOut, ...problems(401, 404) },
        },
      },
      async (request) => service.coordonnees(tenantOf(request).scope),
    );

    app.put(
      '/api/collectivite/coordonnees-bancaires',
      {
        config: coordonnees,
        schema: {
          operationId: 'modifierCoordonneesBancaires',
          summary: 'Modifier le compte où la collectivité reçoit ses remboursements (IBAN vérifié)',
          tags,
          body: ZCoordonneesBancairesInput,
          response: { 200: ZCoordonneesBancairesOut, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.setCoordonnees(tenantOf(request), request.body, request.ip),
    );
  };
}
