import {
  DEFAULT_PAGE_SIZE,
  ecart,
  explicationEcart,
  formatDate,
  formatEuros,
  type TAppelDetail,
  type TControlePage,
  type TControleQuery,
  type TLotResultat,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/context.js';
import { AppError, Forbidden, Invalid } from '../../http/errors.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { queueMail } from '../../lib/mail/mailer.js';
import { templates } from '../../lib/mail/templates.js';
import { acrossCollectivites } from '../../lib/scope.js';
import type { PilotageRepository } from '../gestion/pilotage.repository.js';
import { parseCursor } from '../reglements/reglements.repository.js';
import { cursorOf } from './cotisations.repository.js';
import { type CotisationsService, presentAppel } from './cotisations.service.js';
import type { ControleRow, CotisationsGestionRepository } from './cotisations-gestion.repository.js';

function presentControle(row: ControleRow, annee: number) {
  const anneePrecedente = ecart(row.baseParAgent, row.baseParAgentPrecedente);
  const medianeCdg = ecart(row.baseParAgent, row.medianeCdg);
  return {
    ...presentAppel(row),
    effectif: row.effectif,
    baseParAgent: row.baseParAgent,
    anneePrecedente,
    medianeCdg,
    signale: Boolean(anneePrecedente?.signale || medianeCdg?.signale),
    explication: explicationEcart({ annee, baseParAgent: row.baseParAgent, anneePrecedente, medianeCdg }),
  };
}

/** A bulk action's failures are reported per call; anything else than a refusal stops the run. */
async function chacun<T extends string>(
  items: readonly T[],
  run: (item: T) => Promise<unknown>,
  numero: (item: T) => Promise<string | null>,
): Promise<TLotResultat> {
  let faits = 0;
  const echecs: TLotResultat['echecs'] = [];
  for (const item of items) {
    try {
      await run(item);
      faits += 1;
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
      echecs.push({ id: item, numero: await numero(item), message: e.detail });
    }
  }
  return { faits, echecs };
}

/**
 * The CDG's control screen before emission (issue 11): the calls of a year with the base per CNRACL
 * agent against last year's and the CDG's median, flagged beyond ± 10 %; bulk generation of the
 * missing drafts, bulk control and bulk emission — each call in its own transaction (through the
 * calls' service, which audits each), so one refused call does not stop the others.
 */
export function createCotisationsGestionService(deps: {
  db: Db;
  clock: Clock;
  repo: CotisationsGestionRepository;
  appels: CotisationsService;
}) {
  const { db, clock, repo, appels } = deps;

  function cdgOnly(ctx: AuthContext) {
    if (ctx.scope.kind !== 'staff' || ctx.scope.organisation.kind !== 'cdg')
      throw Forbidden(
        'Seuls les gestionnaires d’un centre de gestion préparent, contrôlent et émettent les appels de cotisation.',
      );
  }

  const numeroDe = (ctx: AuthContext) => (id: string) =>
    appels
      .detail(acrossCollectivites(ctx.scope), id)
      .then((d) => d.numero)
      .catch(() => null);

  return {
    async controle(ctx: AuthContext, query: TControleQuery): Promise<TControlePage> {
      const annee = query.annee ?? Number(parisDate(clock.now()).slice(0, 4));
      if (query.apres && !parseCursor(query.apres))
        throw Invalid('Clé de page invalide : rechargez la liste.', [
          { field: 'apres', message: 'Clé de page invalide.' },
        ]);
      const scope = acrossCollectivites(ctx.scope);
      const rows = await repo.controle(db, scope, { ...query, annee }, DEFAULT_PAGE_SIZE + 1);
      const page = rows.slice(0, DEFAULT_PAGE_SIZE);
      return {
        annee,
        medianeCdg: rows[0]?.medianeCdg ?? null,
        items: page.map((r) => presentControle(r, annee)),
        suivant: rows.length > DEFAULT_PAGE_SIZE ? cursorOf(page.at(-1)!.a) : null,
      };
    },

    /** Drafts for every adhesion of the year with a base prévisionnelle and no call yet (annual échéance). */
    async genererManquants(ctx: AuthContext, annee: number, ip: string): Promise<TLotResultat> {
      cdgOnly(ctx);
      const todo = await repo.aGenerer(db, acrossCollectivites(ctx.scope), annee);
      const keys = todo.map((t) => `${t.collectiviteId}/${t.contratId}`);
      return chacun(
        keys,
        (k) => {
          const [collectiviteId, contratId] = k.split('/') as [string, string];
          return appels.generer(
            ctx,
            { collectiviteId, contratId, annee, periodicite: 'annuelle', dateDeliberation: null, effectifCnracl: null },
            ip,
          );
        },
        async () => null,
      );
    },

    controler: (ctx: AuthContext, ids: readonly string[], ip: string) => {
      cdgOnly(ctx);
      return chacun(ids, (id) => appels.controler(ctx, id, ip), numeroDe(ctx));
    },

    /** Each checked call issued in its own transaction, with its mail (see `mailAppelEmis`). */
    emettre: (ctx: AuthContext, ids: readonly string[], ip: string) => {
      cdgOnly(ctx);
      return chacun(ids, (id) => appels.emettre(ctx, id, ip), numeroDe(ctx));
    },
  };
}

/**
 * The mail of an issued call to the collectivité's Administrateurs, queued in the émission's
 * transaction (it leaves the outbox after commit; a rolled-back émission sends nothing).
 */
export function mailAppelEmis(deps: { pilotage: PilotageRepository; appUrl: string }) {
  return async (tx: Db, appel: TAppelDetail, at: Date) => {
    const destinataires = await deps.pilotage.administrateurs(tx, appel.collectivite.id);
    for (const d of destinataires)
      await queueMail(
        tx,
        at,
        d.email,
        templates.appelEmis({
          prenom: d.prenom,
          collectivite: appel.collectivite.nom,
          numero: appel.numero,
          annee: appel.annee,
          contrat: appel.contrat.numero,
          total: formatEuros(appel.total),
          echeances: appel.echeances.map((e) => `${formatEuros(e.montant)} au ${formatDate(e.dateEcheance)}`),
          url: `${deps.appUrl}/espace-contractuel/cotisations/${appel.id}`,
        }),
      );
  };
}

export type CotisationsGestionService = ReturnType<typeof createCotisationsGestionService>;
