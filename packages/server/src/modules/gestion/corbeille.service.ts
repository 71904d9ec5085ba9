import type {
  TAttributionInput,
  TCorbeilleCompteurs,
  TCorbeilleFiltres,
  TCorbeilleLigne,
  TCorbeillePage,
  TCorbeilleQuery,
  TEchantillonnage,
  TRisque,
} from '@statutis/domain';
import { CORBEILLE_TYPES, joursRestants, masquerNir, numeroSinistre } from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Invalid, NotFound } from '../../http/errors.js';
import type { Audit } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { acrossCollectivites } from '../../lib/scope.js';
import {
  type Apres,
  CORBEILLE_PAGE,
  type CorbeilleRepository,
  type CorbeilleRow,
  cleDe,
} from './corbeille.repository.js';

/** The page key travels as base64url JSON: opaque to clients, checked when it comes back. */
export function encodeApres(apres: Apres): string {
  return Buffer.from(JSON.stringify([apres.echeance, apres.depuis, apres.id])).toString('base64url');
}

export function decodeApres(value: string): Apres {
  try {
    const [echeance, depuis, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof echeance === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(echeance) &&
      typeof depuis === 'string' &&
      !Number.isNaN(Date.parse(depuis)) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(id)
    )
      return { echeance, depuis, id };
  } catch {
    // falls through to the error below
  }
  throw Invalid('Clé de page invalide : rechargez la corbeille.', [
    { field: 'apres', message: 'Clé de page invalide.' },
  ]);
}

const nomDe = (prenom: string, nom: string) => `${prenom} ${nom.toUpperCase()}`;

function present(row: CorbeilleRow, aujourdhui: string): TCorbeilleLigne {
  return {
    sinistreId: row.id,
    numero: numeroSinistre({ numero: Number(row.numero), dateSurvenance: row.date_survenance }),
    collectivite: { id: row.collectivite_id, nom: row.collectivite_nom },
    agent: { nom: row.agent_nom, prenom: row.agent_prenom, nirMasque: masquerNir(row.agent_nir) },
    categorie: row.categorie as TRisque,
    dateSurvenance: row.date_survenance,
    types: CORBEILLE_TYPES.filter((t) => row.types.includes(t)),
    enAttenteDepuis: row.depuis,
    echeance: row.echeance,
    joursRestants: joursRestants(row.echeance, aujourdhui),
    gestionnaire:
      row.gestionnaire_id && row.gestionnaire_nom !== null && row.gestionnaire_prenom !== null
        ? { id: row.gestionnaire_id, nom: nomDe(row.gestionnaire_prenom, row.gestionnaire_nom) }
        : null,
    drapeaux: row.drapeaux,
    aControler: row.a_controler,
  };
}

export function createCorbeilleService(deps: { db: Db; clock: Clock; audit: Audit; repo: CorbeilleRepository }) {
  const { db, clock, audit, repo } = deps;
  const criteres = (ctx: AuthContext, filtres: TCorbeilleFiltres) => ({
    ...filtres,
    userId: ctx.user.id,
    aujourdhui: parisDate(clock.now()),
  });

  return {
    /** One page of the queue, across every collectivité of the organisation, most urgent first. */
    async page(ctx: AuthContext, query: TCorbeilleQuery): Promise<TCorbeillePage> {
      const { apres, ...filtres } = query;
      const c = criteres(ctx, filtres);
      const rows = await repo.page(db, acrossCollectivites(ctx.scope), c, apres ? decodeApres(apres) : null);
      const items = rows.slice(0, CORBEILLE_PAGE);
      const last = items.at(-1);
      return {
        items: items.map((r) => present(r, c.aujourdhui)),
        suivant: rows.length > CORBEILLE_PAGE && last ? encodeApres(cleDe(last)) : null,
      };
    },

    async compteurs(ctx: AuthContext, filtres: TCorbeilleFiltres = {}): Promise<TCorbeilleCompteurs> {
      const row = await repo.compteurs(db, acrossCollectivites(ctx.scope), criteres(ctx, filtres));
      return {
        total: row.total ?? 0,
        mesDossiers: row.mes_dossiers ?? 0,
        parType: Object.fromEntries(CORBEILLE_TYPES.map((t) => [t, row[t] ?? 0])) as TCorbeilleCompteurs['parType'],
      };
    },

    /** « M'attribuer » (no gestionnaire given), reassign to a colleague, or give back (null). */
    async attribuer(ctx: AuthContext, input: TAttributionInput, ip: string | null) {
      const scope = acrossCollectivites(ctx.scope);
      const ids = [...new Set(input.sinistreIds)];
      const cible = input.gestionnaireId === undefined ? ctx.user.id : input.gestionnaireId;
      return db.transaction(async (tx) => {
        const found = await repo.sinistresInScope(tx, scope, ids);
        if (found.length !== ids.length) throw NotFound('Dossier introuvable.');
        if (cible !== null && !(await repo.gestionnaires(tx, scope)).some((g) => g.id === cible))
          throw NotFound('Gestionnaire introuvable.');
        const avant = new Map((await repo.attributionsOf(tx, ids)).map((a) => [a.sinistreId, a.gestionnaireId]));
        const changes = found.filter((s) => (avant.get(s.id) ?? null) !== cible);
        await repo.attribuer(
          tx,
          changes.map((s) => s.id),
          cible,
          ctx.user.id,
          clock.now(),
        );
        for (const s of changes)
          await audit.record(tx, actorOf(ctx, ip), {
            entity: 'sinistre',
            entityId: s.id,
            action: 'attribution',
            changes: { gestionnaire: [avant.get(s.id) ?? null, cible] },
            collectiviteId: s.collectiviteId,
          });
        return { attribues: changes.length };
      });
    },

    /**
     * A handler opened the file: it leaves the queue as « nouveau sinistre », « nouvel arrêt » and
     * « réponse de l'employeur » (pieces and requalifications leave it when decided).
     */
    async examiner(ctx: AuthContext, sinistreId: string, ip: string | null) {
      await db.transaction(async (tx) => {
        const [s] = await repo.sinistresInScope(tx, acrossCollectivites(ctx.scope), [sinistreId]);
        if (!s) throw NotFound('Dossier introuvable.');
        await repo.examiner(tx, sinistreId, ctx.user.id, clock.now());
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'sinistre',
          entityId: sinistreId,
          action: 'examen',
          collectiviteId: s.collectiviteId,
        });
      });
    },

    async gestionnaires(ctx: AuthContext) {
      const rows = await repo.gestionnaires(db, ctx.scope);
      return rows.map((g) => ({ id: g.id, nom: nomDe(g.prenom, g.nom) }));
    },

    async portefeuille(ctx: AuthContext, gestionnaireId = ctx.user.id) {
      if (!(await repo.gestionnaires(db, ctx.scope)).some((g) => g.id === gestionnaireId))
        throw NotFound('Gestionnaire introuvable.');
      return { gestionnaireId, collectivites: await repo.portefeuille(db, gestionnaireId) };
    },

    async definirPortefeuille(
      ctx: AuthContext,
      input: { gestionnaireId?: string | undefined; collectiviteIds: string[] },
      ip: string | null,
    ) {
      const gestionnaireId = input.gestionnaireId ?? ctx.user.id;
      const ids = [...new Set(input.collectiviteIds)];
      const scope = acrossCollectivites(ctx.scope);
      await db.transaction(async (tx) => {
        if (!(await repo.gestionnaires(tx, scope)).some((g) => g.id === gestionnaireId))
          throw NotFound('Gestionnaire introuvable.');
        if ((await repo.collectivitesInScope(tx, scope, ids)).length !== ids.length)
          throw NotFound('Collectivité introuvable.');
        await repo.remplacerPortefeuille(tx, gestionnaireId, ids);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'gestion_portefeuille',
          entityId: gestionnaireId,
          action: 'modification',
          changes: { collectivites: ids.length },
          collectiviteId: null,
        });
      });
      return this.portefeuille(ctx, gestionnaireId);
    },

    filtres: (ctx: AuthContext) => repo.filtres(db, ctx.user.id),
    creerFiltre: (ctx: AuthContext, input: { nom: string; criteres: Record<string, unknown> }) =>
      repo.creerFiltre(db, ctx.user.id, input.nom, input.criteres),
    async supprimerFiltre(ctx: AuthContext, id: string) {
      if (!(await repo.supprimerFiltre(db, ctx.user.id, id))) throw NotFound('Filtre introuvable.');
    },

    async echantillonnage(ctx: AuthContext): Promise<TEchantillonnage> {
      return (await repo.echantillonnage(db, ctx.scope)) ?? { pourcentage: 0, seuilMontant: null };
    },

    async definirEchantillonnage(ctx: AuthContext, input: TEchantillonnage, ip: string | null) {
      await db.transaction(async (tx) => {
        const avant = await repo.echantillonnage(tx, ctx.scope);
        await repo.definirEchantillonnage(tx, ctx.scope, input.pourcentage, input.seuilMontant);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'gestion_echantillonnage',
          action: 'modification',
          changes: {
            pourcentage: [avant?.pourcentage ?? 0, input.pourcentage],
            seuilMontant: [avant?.seuilMontant ?? null, input.seuilMontant],
          },
          collectiviteId: null,
        });
      });
      return input;
    },
  };
}

export type CorbeilleService = ReturnType<typeof createCorbeilleService>;
