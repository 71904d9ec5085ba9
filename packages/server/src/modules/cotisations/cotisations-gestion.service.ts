import {
  DEFAULT_PAGE_SIZE,
  ecart,
  explicationEcart,
  formatDate,
  formatEuros,
  libelleAppel,
  type TControlePage,
  type TControleQuery,
  type TLotResultat,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/context.js';
import { Forbidden, Invalid } from '../../http/errors.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { groupBy } from '../../lib/group-by.js';
import { queueMails } from '../../lib/mail/mailer.js';
import { templates } from '../../lib/mail/templates.js';
import { acrossCollectivites } from '../../lib/scope.js';
import type { PilotageRepository } from '../gestion/pilotage.repository.js';
import { ADMINISTRATEURS, type Notifier } from '../notifications/notifications.repository.js';
import { parseCursor } from '../reglements/reglements.repository.js';
import { cursorOf } from './cotisations.repository.js';
import { type ApresEmission, presentAppel } from './cotisations.service.js';
import type { ControleRow, CotisationsGestionRepository } from './cotisations-gestion.repository.js';
import type { AppelsLots } from './cotisations-lots.js';

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

/**
 * The CDG's control screen before emission (issue 11): the calls of a year with the base per CNRACL
 * agent against last year's and the CDG's median, flagged beyond ± 10 %; bulk generation of the
 * missing drafts, bulk control and bulk emission — set-based, a batch per transaction
 * (`cotisations-lots.ts`); a call refused by the rule does not stop the others.
 */
export function createCotisationsGestionService(deps: {
  db: Db;
  clock: Clock;
  repo: CotisationsGestionRepository;
  lots: AppelsLots;
}) {
  const { db, clock, repo, lots } = deps;

  function cdgOnly(ctx: AuthContext) {
    if (ctx.scope.kind !== 'staff' || ctx.scope.organisation.kind !== 'cdg')
      throw Forbidden(
        'Seuls les gestionnaires d’un centre de gestion préparent, contrôlent et émettent les appels de cotisation.',
      );
  }

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
      return lots.genererLot(ctx, annee, todo, ip);
    },

    controler: (ctx: AuthContext, ids: readonly string[], ip: string) => {
      cdgOnly(ctx);
      return lots.controler(ctx, ids, ip);
    },

    /** The checked calls issued in one transaction, with their mails (see `mailAppelEmis`). */
    emettre: (ctx: AuthContext, ids: readonly string[], ip: string) => {
      cdgOnly(ctx);
      return lots.emettre(ctx, ids, ip);
    },
  };
}

/**
 * The mails of issued calls to their collectivités' Administrateurs, queued in the émission's
 * transaction (they leave the outbox after commit; a rolled-back émission sends nothing): one
 * statement for the recipients, two for the outbox, however many calls.
 */
export function mailAppelEmis(deps: {
  pilotage: PilotageRepository;
  appUrl: string;
  notifications: Notifier;
}): ApresEmission {
  return async (tx, appels, at) => {
    const destinataires = await deps.pilotage.administrateursDe(tx, [...new Set(appels.map((a) => a.collectivite.id))]);
    const parCollectivite = groupBy(destinataires, (d) => d.collectiviteId);
    const mails = appels.flatMap((appel) =>
      (parCollectivite.get(appel.collectivite.id) ?? []).map((d) => ({
        to: d.email,
        content: templates.appelEmis({
          prenom: d.prenom,
          collectivite: appel.collectivite.nom,
          libelle: libelleAppel(appel),
          numero: appel.numero,
          annee: appel.annee,
          contrat: appel.contrat.numero,
          total: formatEuros(appel.total),
          echeances: appel.echeances.map((e) => `${formatEuros(e.montant)} au ${formatDate(e.dateEcheance)}`),
          url: `${deps.appUrl}/espace-contractuel/cotisations/${appel.id}`,
        }),
      })),
    );
    await queueMails(tx, at, mails);
    await deps.notifications.notifier(
      tx,
      at,
      ADMINISTRATEURS,
      appels.map((appel) => ({
        collectiviteId: appel.collectivite.id,
        kind: 'appel' as const,
        titre: `${libelleAppel(appel)} ${appel.numero} émis : ${formatEuros(appel.total)}`,
        lien: `/espace-contractuel/cotisations/${appel.id}`,
        sujet: `appel:${appel.id}`,
      })),
    );
  };
}

export type CotisationsGestionService = ReturnType<typeof createCotisationsGestionService>;
