import {
  ZControleMedical,
  ZControleMedicalVue,
  ZControlesMedicauxVue,
  ZDemandeControleMedical,
  ZRecoursActionInput,
  ZRecoursInput,
  ZRecoursVue,
  ZRecouvrementInput,
  ZRepriseSuivi,
  ZRepriseVue,
} from '@statutis/domain';
import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems, ZIdParams } from '../../http/openapi.js';
import { acrossCollectivites } from '../../lib/scope.js';
import { suiviGestionPolicy } from './suivi-gestion.policy.js';
import type { SuiviGestionService } from './suivi-gestion.service.js';

const { gestion, lire, ecrire } = suiviGestionPolicy;
const ZControleParams = ZIdParams.extend({ controleId: z.uuid({ error: 'Identifiant invalide.' }) });

/** The back office works across every collectivité of its organisation. */
const staff = (request: FastifyRequest) => {
  const ctx = authOf(request);
  return { ctx, scope: acrossCollectivites(ctx.scope) };
};
/** The employer (or staff reading his space) in the current collectivité. */
const employer = (request: FastifyRequest) => {
  const ctx = tenantOf(request);
  return { ctx, scope: ctx.scope };
};

export function suiviGestionRoutes(service: SuiviGestionService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tagsControles = ['Contrôles médicaux'];
    const tagsRecours = ['Recours contre tiers'];
    const tagsReprise = ['Reprise du travail'];

    // -- contrôles médicaux
    app.get(
      '/api/gestion/sinistres/:id/controles-medicaux',
      {
        config: gestion,
        schema: {
          operationId: 'listerControlesMedicauxGestion',
          summary:
            'Contre-visites, expertises et conseils médicaux du sinistre, avec la fin de la période remboursable',
          tags: tagsControles,
          params: ZIdParams,
          response: { 200: ZControlesMedicauxVue, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.controles(staff(request).scope, request.params.id, { staff: true }),
    );

    app.post(
      '/api/gestion/sinistres/:id/controles-medicaux',
      {
        config: gestion,
        schema: {
          operationId: 'creerControleMedical',
          summary: 'Enregistrer un contrôle médical (jamais de diagnostic)',
          tags: tagsControles,
          params: ZIdParams,
          body: ZControleMedical,
          response: { 201: ZControleMedicalVue, ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const { ctx, scope } = staff(request);
        return reply
          .status(201)
          .send(await service.creerControle(ctx, scope, request.params.id, request.body, request.ip));
      },
    );

    app.put(
      '/api/gestion/sinistres/:id/controles-medicaux/:controleId',
      {
        config: gestion,
        schema: {
          operationId: 'modifierControleMedical',
          summary: 'Planifier un contrôle demandé, ou en enregistrer le résultat',
          tags: tagsControles,
          params: ZControleParams,
          body: ZControleMedical,
          response: { 200: ZControleMedicalVue, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const { ctx, scope } = staff(request);
        const { id, controleId } = request.params;
        return service.modifierControle(ctx, scope, id, controleId, request.body, request.ip);
      },
    );

    app.get(
      '/api/sinistres/:id/controles-medicaux',
      {
        config: lire,
        schema: {
          operationId: 'listerControlesMedicaux',
          summary: 'Contrôles médicaux du sinistre (demandés, planifiés, avec leur résultat)',
          tags: tagsControles,
          params: ZIdParams,
          response: { 200: ZControlesMedicauxVue, ...problems(401, 404) },
        },
      },
      async (request) => service.controles(employer(request).scope, request.params.id, { staff: false }),
    );

    app.post(
      '/api/sinistres/:id/controles-medicaux',
      {
        config: ecrire,
        schema: {
          operationId: 'demanderControleMedical',
          summary: 'Demander une contre-visite, une expertise ou la saisine du conseil médical',
          tags: tagsControles,
          params: ZIdParams,
          body: ZDemandeControleMedical,
          response: { 201: ZControleMedicalVue, ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const { ctx, scope } = employer(request);
        return reply
          .status(201)
          .send(await service.demanderControle(ctx, scope, request.params.id, request.body, request.ip));
      },
    );

    // -- recours contre tiers
    app.get(
      '/api/gestion/sinistres/:id/recours',
      {
        config: gestion,
        schema: {
          operationId: 'lireRecoursGestion',
          summary: 'Recours contre le tiers : créance, courriers et relances, sommes recouvrées et leur répartition',
          tags: tagsRecours,
          params: ZIdParams,
          response: { 200: ZRecoursVue, ...problems(401, 403, 404) },
        },
      },
      async (request) => service.recours(staff(request).scope, request.params.id),
    );

    app.put(
      '/api/gestion/sinistres/:id/recours',
      {
        config: gestion,
        schema: {
          operationId: 'enregistrerRecours',
          summary: 'Ouvrir ou modifier le recours contre le tiers (sinistre avec tiers impliqué)',
          tags: tagsRecours,
          params: ZIdParams,
          body: ZRecoursInput,
          response: { 200: ZRecoursVue, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request) => {
        const { ctx, scope } = staff(request);
        return service.enregistrerRecours(ctx, scope, request.params.id, request.body, request.ip);
      },
    );

    app.post(
      '/api/gestion/sinistres/:id/recours/actions',
      {
        config: gestion,
        schema: {
          operationId: 'ajouterActionRecours',
          summary: 'Noter un courrier, une relance ou une réponse, avec la date de la prochaine relance',
          tags: tagsRecours,
          params: ZIdParams,
          body: ZRecoursActionInput,
          response: { 201: ZRecoursVue, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const { ctx, scope } = staff(request);
        return reply
          .status(201)
          .send(await service.ajouterAction(ctx, scope, request.params.id, request.body, request.ip));
      },
    );

    app.post(
      '/api/gestion/sinistres/:id/recours/recouvrements',
      {
        config: gestion,
        schema: {
          operationId: 'ajouterRecouvrement',
          summary: 'Enregistrer une somme recouvrée auprès du tiers',
          tags: tagsRecours,
          params: ZIdParams,
          body: ZRecouvrementInput,
          response: { 201: ZRecoursVue, ...problems(401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const { ctx, scope } = staff(request);
        return reply
          .status(201)
          .send(await service.ajouterRecouvrement(ctx, scope, request.params.id, request.body, request.ip));
      },
    );

    app.get(
      '/api/sinistres/:id/recours',
      {
        config: lire,
        schema: {
          operationId: 'lireRecours',
          summary: 'Recours contre le tiers exercé par le gestionnaire (lecture seule)',
          tags: tagsRecours,
          params: ZIdParams,
          response: { 200: ZRecoursVue, ...problems(401, 404) },
        },
      },
      async (request) => service.recours(employer(request).scope, request.params.id),
    );

    // -- reprise
    for (const side of ['gestion', 'collectivite'] as const) {
      const read: FastifyContextConfig = side === 'gestion' ? gestion : lire;
      const write: FastifyContextConfig = side === 'gestion' ? gestion : ecrire;
      const url = side === 'gestion' ? '/api/gestion/sinistres/:id/reprise-suivi' : '/api/sinistres/:id/reprise-suivi';
      const who = side === 'gestion' ? staff : employer;
      const suffix = side === 'gestion' ? 'Gestion' : '';
      app.get(
        url,
        {
          config: read,
          schema: {
            operationId: `lireRepriseSuivi${suffix}`,
            summary:
              'Suivi de la reprise : date prévue et effective, forme, visite de reprise, suivis à 30 et 90 jours',
            tags: tagsReprise,
            params: ZIdParams,
            response: { 200: ZRepriseVue, ...problems(401, 403, 404) },
          },
        },
        async (request) => service.reprise(who(request).scope, request.params.id),
      );
      app.put(
        url,
        {
          config: write,
          schema: {
            operationId: `enregistrerRepriseSuivi${suffix}`,
            summary: 'Enregistrer le suivi de la reprise du travail',
            tags: tagsReprise,
            params: ZIdParams,
            body: ZRepriseSuivi,
            response: { 200: ZRepriseVue, ...problems(401, 403, 404, 422) },
          },
        },
        async (request) => {
          const { ctx, scope } = who(request);
          return service.enregistrerReprise(ctx, scope, request.params.id, request.body, request.ip);
        },
      );
    }
  };
}
