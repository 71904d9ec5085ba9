import {
  AIDE_MODULES,
  ZFaqEntree,
  ZFaqInput,
  ZFaqPage,
  ZFaqQuery,
  ZGuideSection,
  ZGuideSectionInput,
  ZGuideSections,
} from '@statutis/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../http/guard.js';
import { problems, ZIdParams, ZNoContent } from '../../http/openapi.js';
import { aidePolicy } from './aide.policy.js';
import type { AideService } from './aide.service.js';

const { lire: reader, rediger: editor } = aidePolicy;
const ZGuideQuery = z.object({
  module: z.enum(AIDE_MODULES, { error: `Module inconnu. Valeurs possibles : ${AIDE_MODULES.join(', ')}.` }).optional(),
});

export function aideRoutes(service: AideService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['Aide'];
    app.get(
      '/api/aide/guide',
      {
        config: reader,
        schema: {
          operationId: 'lireGuidePratique',
          summary: 'Sections du guide pratique, par module',
          tags,
          querystring: ZGuideQuery,
          response: { 200: ZGuideSections, ...problems(401, 422) },
        },
      },
      async (request) => service.sections(request.query.module),
    );
    app.post(
      '/api/aide/guide',
      {
        config: editor,
        schema: {
          operationId: 'creerSectionGuide',
          summary: 'Ajouter une section au guide (administrateur de la plateforme)',
          tags,
          body: ZGuideSectionInput,
          response: { 201: ZGuideSection, ...problems(401, 403, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.guide.create(authOf(request), request.body, request.ip)),
    );
    app.put(
      '/api/aide/guide/:id',
      {
        config: editor,
        schema: {
          operationId: 'modifierSectionGuide',
          summary: 'Modifier une section du guide',
          tags,
          params: ZIdParams,
          body: ZGuideSectionInput,
          response: { 200: ZGuideSection, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.guide.update(authOf(request), request.params.id, request.body, request.ip),
    );
    app.delete(
      '/api/aide/guide/:id',
      {
        config: editor,
        schema: {
          operationId: 'supprimerSectionGuide',
          summary: 'Supprimer une section du guide',
          tags,
          params: ZIdParams,
          response: { 204: ZNoContent, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await service.guide.remove(authOf(request), request.params.id, request.ip);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/aide/faq',
      {
        config: reader,
        schema: {
          operationId: 'chercherFaq',
          summary: 'Questions de la FAQ, recherche sans accents ni majuscules, par pages de 20',
          tags,
          querystring: ZFaqQuery,
          response: { 200: ZFaqPage, ...problems(401, 422) },
        },
      },
      async (request) => service.faq(request.query),
    );
    app.post(
      '/api/aide/faq',
      {
        config: editor,
        schema: {
          operationId: 'creerQuestionFaq',
          summary: 'Ajouter une question à la FAQ (administrateur de la plateforme)',
          tags,
          body: ZFaqInput,
          response: { 201: ZFaqEntree, ...problems(401, 403, 422) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.faqEntree.create(authOf(request), request.body, request.ip)),
    );
    app.put(
      '/api/aide/faq/:id',
      {
        config: editor,
        schema: {
          operationId: 'modifierQuestionFaq',
          summary: 'Modifier une question de la FAQ',
          tags,
          params: ZIdParams,
          body: ZFaqInput,
          response: { 200: ZFaqEntree, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => service.faqEntree.update(authOf(request), request.params.id, request.body, request.ip),
    );
    app.delete(
      '/api/aide/faq/:id',
      {
        config: editor,
        schema: {
          operationId: 'supprimerQuestionFaq',
          summary: 'Supprimer une question de la FAQ',
          tags,
          params: ZIdParams,
          response: { 204: ZNoContent, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await service.faqEntree.remove(authOf(request), request.params.id, request.ip);
        return reply.status(204).send(null);
      },
    );
  };
}
