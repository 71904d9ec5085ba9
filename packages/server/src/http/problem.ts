import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, constraintViolation, type FieldError, sqlState, statusTitles } from './errors.js';

function send(reply: FastifyReply, status: number, code: string, detail: string, errors?: FieldError[]) {
  return reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `https://statutis.fr/problemes/${code}`,
      title: statusTitles[status] ?? 'Erreur',
      status,
      detail,
      code,
      ...(errors && errors.length > 0 ? { errors } : {}),
    });
}

const contextLabels: Record<string, [one: string, many: string]> = {
  body: ['Le formulaire contient une erreur', 'Le formulaire contient'],
  querystring: ['Les paramètres de recherche contiennent une erreur', 'Les paramètres de recherche contiennent'],
  params: ['L’adresse demandée contient une erreur', 'L’adresse demandée contient'],
  headers: ['Les en-têtes contiennent une erreur', 'Les en-têtes contiennent'],
};

/** Every error leaves as problem+json with a French detail; database and internal errors never leak. */
export function registerProblemHandlers(app: FastifyInstance, options: { spaFallback: () => boolean }) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return send(reply, error.status, error.code, error.detail, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? 'Valeur invalide.',
      }));
      const [one, many] = contextLabels[error.validationContext ?? 'body'] ?? contextLabels.body!;
      const detail =
        errors.length === 1
          ? `${one} : ${errors[0]?.message}`
          : `${many} ${errors.length} erreurs. Corrigez les champs signalés.`;
      return send(reply, 422, 'donnees_invalides', detail, errors);
    }
    const violation = constraintViolation(error);
    if (violation) return send(reply, violation.status, violation.code, violation.detail, violation.errors);
    const state = sqlState(error);
    if (state === '23505') return send(reply, 409, 'doublon', 'Cet élément existe déjà.');
    if (state === '23503') return send(reply, 409, 'reference_invalide', 'Cet élément est lié à d’autres données.');
    // 22021/22P05: a character PostgreSQL cannot store (NUL); the edge refuses them first.
    if (['22001', '22P02', '22007', '22008', '22021', '22P05'].includes(state ?? '')) {
      return send(reply, 422, 'donnees_invalides', 'Une valeur saisie n’est pas au bon format.');
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return send(reply, 413, 'trop_volumineux', 'Le contenu envoyé est trop volumineux.');
    if (status === 415) {
      const upload = (request.routeOptions.schema?.consumes as string[] | undefined)?.includes('multipart/form-data');
      return send(
        reply,
        415,
        'format_non_pris_en_charge',
        upload
          ? 'Format non pris en charge : envoyez le fichier dans un formulaire (Content-Type: multipart/form-data, champ « fichier »).'
          : 'Format non pris en charge : envoyez du JSON (Content-Type: application/json).',
      );
    }
    if (status === 429)
      return send(reply, 429, 'trop_de_requetes', 'Trop de requêtes. Patientez un instant puis réessayez.');
    if (status >= 400 && status < 500) {
      return send(reply, status, 'requete_invalide', 'La requête est mal formée. Rechargez la page puis réessayez.');
    }
    request.log.error({ err: error }, 'erreur non gérée');
    return send(
      reply,
      500,
      'erreur_interne',
      'Une erreur inattendue est survenue. Réessayez ; si elle persiste, contactez le support.',
    );
  });

  app.setNotFoundHandler((request, reply) => {
    // The web app's own routes (/comptes, /mon-compte…) are rendered by index.html.
    // A missing file (/assets/app-123.js) stays a 404: answering index.html would break the page.
    const path = request.url.split('?')[0] ?? '';
    const isFile = path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path);
    if (request.method === 'GET' && !path.startsWith('/api') && !isFile && options.spaFallback()) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return send(
      reply,
      404,
      'route_inconnue',
      `Aucune ressource à l’adresse ${request.method} ${request.url.split('?')[0]}.`,
    );
  });
}
