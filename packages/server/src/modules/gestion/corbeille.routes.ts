import {
  ZAttributionInput,
  ZAttributionResult,
  ZCorbeilleCompteurs,
  ZCorbeilleFiltres,
  ZCorbeillePage,
  ZCorbeilleQuery,
  ZEchantillonnage,
  ZExamenInput,
  ZFiltre,
  ZFiltreInput,
  ZFiltres,
  ZGestionnaires,
  ZPortefeuille,
  ZPortefeuilleInput,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../http/guard.js';
import { problems, ZIdParams, ZNoContent } from '../../http/openapi.js';
import { corbeillePolicy } from './corbeille.policy.js';
import type { CorbeilleService } from './corbeille.service.js';

const { lire, attribuer, parametrer } = corbeillePolicy;

export function corbeilleRoutes(service: CorbeilleService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['Gestion — corbeille'];

    app.get(
      '/api/gestion/corbeille',
      {
        config: lire,
        schema: {
          operationId: 'listerCorbeille',
          summary:
            'Les dossiers en attente d’un gestionnaire, les plus urgents d’abord (20 par page, page suivante par `apres`)',
          tags,
          querystring: ZCorbeilleQuery,
          response: { 200: ZCorbeillePage, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.page(authOf(request), request.query),
    );

    app.get(
      '/api/gestion/corbeille/compteurs',
      {
        config: lire,
        schema: {
          operationId: 'compterCorbeille',
          summary: 'Nombre de dossiers en attente par motif (menu)',
          tags,
          querystring: ZCorbeilleFiltres,
          response: { 200: ZCorbeilleCompteurs, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.compteurs(authOf(request), request.query),
    );

    app.post(
      '/api/gestion/corbeille/attribution',
      {
        config: attribuer,
        schema: {
          operationId: 'attribuerDossiers',
          summary: 'M’attribuer des dossiers, les réattribuer à un gestionnaire ou les rendre (null)',
          tags,
          body: ZAttributionInput,
          response: { 200: ZAttributionResult, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.attribuer(authOf(request), request.body, request.ip),
    );

    app.post(
      '/api/gestion/corbeille/examen',
      {
        config: lire,
        schema: {
          operationId: 'examinerDossier',
          summary: 'Marquer un dossier comme examiné (nouveau sinistre, nouveaux arrêts, réponses lues)',
          tags,
          body: ZExamenInput,
          response: { 204: ZNoContent, ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        await service.examiner(authOf(request), request.body.sinistreId, request.ip);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/gestion/gestionnaires',
      {
        config: lire,
        schema: {
          operationId: 'listerGestionnaires',
          summary: 'Les gestionnaires de mon organisation',
          tags,
          response: { 200: ZGestionnaires, ...problems(401, 403) },
        },
      },
      async (request) => service.gestionnaires(authOf(request)),
    );

    app.get(
      '/api/gestion/portefeuille',
      {
        config: lire,
        schema: {
          operationId: 'lirePortefeuille',
          summary: 'Le portefeuille de collectivités d’un gestionnaire (le mien par défaut)',
          tags,
          querystring: z.object({ gestionnaireId: z.uuid({ error: 'Gestionnaire inconnu.' }).optional() }),
          response: { 200: ZPortefeuille, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.portefeuille(authOf(request), request.query.gestionnaireId),
    );

    app.put(
      '/api/gestion/portefeuille',
      {
        config: parametrer,
        schema: {
          operationId: 'definirPortefeuille',
          summary: 'Définir le portefeuille de collectivités d’un gestionnaire (le mien par défaut)',
          tags,
          body: ZPortefeuilleInput,
          response: { 200: ZPortefeuille, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.definirPortefeuille(authOf(request), request.body, request.ip),
    );

    app.get(
      '/api/gestion/corbeille/filtres',
      {
        config: lire,
        schema: {
          operationId: 'listerFiltresCorbeille',
          summary: 'Mes filtres enregistrés',
          tags,
          response: { 200: ZFiltres, ...problems(401, 403) },
        },
      },
      async (request) => service.filtres(authOf(request)),
    );

    app.post(
      '/api/gestion/corbeille/filtres',
      {
        config: parametrer,
        schema: {
          operationId: 'enregistrerFiltreCorbeille',
          summary: 'Enregistrer un filtre de la corbeille',
          tags,
          body: ZFiltreInput,
          response: { 201: ZFiltre, ...problems(401, 403, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(await service.creerFiltre(authOf(request), request.body)),
    );

    app.delete(
      '/api/gestion/corbeille/filtres/:id',
      {
        config: parametrer,
        schema: {
          operationId: 'supprimerFiltreCorbeille',
          summary: 'Supprimer un de mes filtres',
          tags,
          params: ZIdParams,
          response: { 204: ZNoContent, ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        await service.supprimerFiltre(authOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/gestion/echantillonnage',
      {
        config: lire,
        schema: {
          operationId: 'lireEchantillonnage',
          summary: 'La règle d’échantillonnage « à contrôler » de mon organisation',
          tags,
          response: { 200: ZEchantillonnage, ...problems(401, 403) },
        },
      },
      async (request) => service.echantillonnage(authOf(request)),
    );

    app.put(
      '/api/gestion/echantillonnage',
      {
        config: parametrer,
        schema: {
          operationId: 'definirEchantillonnage',
          summary: 'Définir la règle d’échantillonnage (pourcentage tiré au sort, seuil de montant en centimes)',
          tags,
          body: ZEchantillonnage,
          response: { 200: ZEchantillonnage, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.definirEchantillonnage(authOf(request), request.body, request.ip),
    );
  };
}
