import { Readable } from 'node:stream';
import {
  type TSimulationEvenement,
  type TSimulationResultat,
  ZSimulationContexte,
  ZSimulationContexteQuery,
  ZSimulationGestionInput,
  ZSimulationInput,
  ZSimulationResultat,
} from '@statutis/domain';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authOf, tenantOf } from '../../http/guard.js';
import { problems } from '../../http/openapi.js';
import { acrossCollectivites } from '../../lib/scope.js';
import { simulateurPolicy } from './simulateur.policy.js';
import type { Avancement, SimulateurService } from './simulateur.service.js';

const tags = ['Pilotage'];
const RESUME =
  'Rejouer les arrêts réels des trois dernières années complètes sous d’autres formules (franchise, taux, éléments, risques) : primes, remboursements, reste à charge et S/P par formule et par année';

const NDJSON = 'application/x-ndjson';
const FLUX =
  ' Avec `Accept: application/x-ndjson`, la réponse arrive ligne par ligne : l’avancement (`progression`, collectivités faites sur le total), puis le résultat (`resultat`) ou l’erreur rencontrée en route (`erreur`).';

type Lancer = (onAvancement: (a: Avancement) => void, signal: AbortSignal) => Promise<TSimulationResultat>;

/**
 * The simulation's events as NDJSON lines: its progress (one line per whole percent reached), then
 * its result or its error. A client that leaves stops the simulation.
 */
async function* evenements(lancer: Lancer, log: FastifyBaseLogger): AsyncGenerator<string> {
  const file: TSimulationEvenement[] = [];
  let reveil = () => {};
  let fini = false;
  const arret = new AbortController();
  const pousser = (e: TSimulationEvenement) => {
    file.push(e);
    reveil();
  };
  let dernier = -1;
  lancer(({ faites, total }) => {
    const progression = total > 0 ? Math.min(100, Math.floor((faites * 100) / total)) : 100;
    if (progression === dernier) return;
    dernier = progression;
    pousser({ type: 'progression', faites, total, progression });
  }, arret.signal)
    .then(
      (resultat) => pousser({ type: 'resultat', resultat }),
      (err) => {
        if (arret.signal.aborted) return;
        log.error({ err }, 'échec d’une simulation de formules');
        pousser({
          type: 'erreur',
          code: 'erreur_serveur',
          detail: 'La simulation a échoué. Réessayez dans un instant.',
        });
      },
    )
    .finally(() => {
      fini = true;
      reveil();
    });
  try {
    for (;;) {
      while (file.length > 0) yield `${JSON.stringify(file.shift())}\n`;
      if (fini) return;
      await new Promise<void>((resolve) => {
        reveil = resolve;
      });
    }
  } finally {
    arret.abort();
  }
}

/** The simulation as one JSON answer, or streamed with its progress when the client asks for NDJSON. */
async function repondre(request: FastifyRequest, reply: FastifyReply, lancer: Lancer) {
  if (!(request.headers.accept ?? '').includes(NDJSON)) return lancer(() => {}, new AbortController().signal);
  return (
    reply
      .type(NDJSON)
      .header('Cache-Control', 'no-store')
      // A proxy in front must pass each line on as it comes, not buffer the answer.
      .header('X-Accel-Buffering', 'no')
      .send(Readable.from(evenements(lancer, request.log)))
  );
}

/** The formula simulator: the employer on his collectivité, the CDG on one collectivité or all of them. */
export function simulateurRoutes(service: SimulateurService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/simulateur',
      {
        config: simulateurPolicy.collectivite,
        schema: {
          operationId: 'contexteSimulateur',
          summary: 'Les années rejouées et la formule du contrat en vigueur, pour pré-remplir le simulateur',
          tags,
          response: { 200: ZSimulationContexte, ...problems(401, 403, 422) },
        },
      },
      async (request) => service.contexte(tenantOf(request).scope),
    );

    app.post(
      '/api/simulateur',
      {
        config: simulateurPolicy.collectivite,
        schema: {
          operationId: 'simulerFormules',
          summary: `${RESUME} (la collectivité)`,
          description: FLUX,
          tags,
          body: ZSimulationInput,
          response: { 200: ZSimulationResultat, ...problems(401, 403, 422) },
        },
      },
      async (request, reply) => {
        const { scope } = tenantOf(request);
        return repondre(request, reply, (onAvancement, signal) =>
          service.simuler(scope, request.body, onAvancement, signal),
        );
      },
    );

    app.get(
      '/api/gestion/simulateur',
      {
        config: simulateurPolicy.gestion,
        schema: {
          operationId: 'contexteSimulateurGestion',
          summary: 'Les années rejouées et la formule du contrat en vigueur (une collectivité, ou le CDG)',
          tags,
          querystring: ZSimulationContexteQuery,
          response: { 200: ZSimulationContexte, ...problems(401, 403, 404, 422) },
        },
      },
      async (request) =>
        service.contexteGestion(acrossCollectivites(authOf(request).scope), request.query.collectiviteId ?? null),
    );

    app.post(
      '/api/gestion/simulateur',
      {
        config: simulateurPolicy.gestion,
        schema: {
          operationId: 'simulerFormulesGestion',
          summary: `${RESUME} (une collectivité du centre de gestion, ou toutes)`,
          description: FLUX,
          tags,
          body: ZSimulationGestionInput,
          response: { 200: ZSimulationResultat, ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        // Checked before the first line: outside his CDG, a 404 like any other.
        const perimetre = await service.perimetreGestion(
          acrossCollectivites(authOf(request).scope),
          request.body.collectiviteId,
        );
        return repondre(request, reply, (onAvancement, signal) =>
          service.simuler(perimetre, request.body, onAvancement, signal),
        );
      },
    );
  };
}
