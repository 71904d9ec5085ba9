import { ZProblem } from '@statutis/domain';
import { z } from 'zod';

const problemDescriptions: Record<number, string> = {
  401: 'Non connecté ou session expirée',
  403: 'Action interdite pour ce rôle, ou jeton CSRF absent',
  404: 'Introuvable (ou appartenant à une autre collectivité)',
  409: 'Conflit avec l’état actuel des données',
  410: 'Lien expiré ou déjà utilisé',
  422: 'Données invalides (le détail de chaque champ est dans `errors`)',
  429: 'Trop de tentatives',
};

/** The problem+json responses a route may give, documented in OpenAPI. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, ZProblem.describe(problemDescriptions[s] ?? 'Erreur')]));
}

export const ZNoContent = z.null().describe('Aucun contenu');
export const ZIdParams = z.object({ id: z.uuid({ error: 'Identifiant invalide.' }) });
