import {
  agentIncomplet,
  categoriesAutorisees,
  checkDateSurvenance,
  delaiDeclaration,
  formatDate,
  messageDoublon,
  numeroSinistre as numero,
  pageOffset,
  parseSort,
  risqueLabels,
  type TGarantie,
  type TRisque,
  type TSinistreDetail,
  type TTempsTravail,
  transition,
  type ZRequalificationCreate,
  type ZSinistreCreate,
  type ZSinistreListQuery,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf, type TenantContext } from '../../http/context.js';
import { AppError, Conflict, Invalid, NotFound } from '../../http/errors.js';
import type { Audit } from '../../lib/audit.js';
import { readInBatches } from '../../lib/batches.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { acrossCollectivites, signature } from '../../lib/scope.js';
import type { Storage } from '../../lib/storage/storage.js';
import type { AgentsRepository } from '../agents/agents.repository.js';
import type { ArretsRepository } from '../arrets/arrets.repository.js';
import type { BaseAssuranceService } from '../base-assurance/base-assurance.service.js';
import type { EcheancesService } from '../echeances/echeances.service.js';
import type { EnqueteRepository } from '../enquete/enquete.repository.js';
import { DECLARANTS, type Notifier } from '../notifications/notifications.repository.js';
import type { PiecesService } from '../pieces/pieces.service.js';
import type { SinistreChanged } from './sinistre-changed.js';
import { createSinistreDetail, present } from './sinistres.detail.js';
import type { SinistreFilters, SinistreRow, SinistresRepository } from './sinistres.repository.js';

/**
 * Sinistres (domain §5): declaration, detail, search and export, validation, deletion of a
 * Brouillon, requalification requests, comments. `change` is the frame of every change of a
 * sinistre, here and in the arrêts and enquête modules.
 */
export function createSinistresService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: SinistresRepository;
  arrets: ArretsRepository;
  enquete: EnqueteRepository;
  agents: AgentsRepository;
  bases: BaseAssuranceService;
  pieces: PiecesService;
  echeances: EcheancesService;
  changed: SinistreChanged;
  storage: Storage;
  notifications: Notifier;
  /** Rows read per query by the CSV export (EXPORT_BATCH; smaller in tests). */
  exportBatch?: number;
}) {
  const { db, clock, audit, repo } = deps;
  const today = () => parisDate(clock.now());

  const detail = createSinistreDetail(deps);

  /**
   * Runs one change of a sinistre in a transaction, the sinistre row locked, then `sinistreChanged`
   * in the same transaction (its count of missing pieces, its listeners), and answers its detail.
   */
  async function change(
    ctx: TenantContext,
    id: string,
    work: (tx: Db, s: SinistreRow) => Promise<void>,
  ): Promise<TSinistreDetail> {
    await db.transaction(async (tx) => {
      const s = await repo.find(tx, ctx.scope, id, true);
      if (!s) throw NotFound('Sinistre introuvable.');
      await work(tx, s);
      await deps.changed.sinistreChanged(tx, id);
    });
    return detail(db, ctx, id);
  }

  return {
    get: (ctx: TenantContext, id: string) => detail(db, ctx, id),
    detail,
    change,

    async list(ctx: TenantContext, query: z.infer<typeof ZSinistreListQuery>) {
      const { column, direction } = parseSort(query.sort ?? '-dateSurvenance', 'dateSurvenance');
      const { rows, total } = await repo.list(db, ctx.scope, ctx.collectiviteId, filtersOf(query, deps.clock.now()), {
        sort: column as 'dateSurvenance',
        direction,
        limit: query.pageSize,
        offset: pageOffset(query.page, query.pageSize),
      });
      return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize };
    },

    async create(ctx: TenantContext, input: z.output<typeof ZSinistreCreate>, ip: string) {
      const id = await db.transaction(async (tx) => {
        const agent = await deps.agents.findAgent(tx, ctx.collectiviteId, input.agentId);
        if (!agent) throw NotFound('Agent introuvable.');
        if (
          agentIncomplet({
            dateNaissance: agent.dateNaissance,
            tempsTravail: agent.tempsTravail as TTempsTravail | null,
          })
        ) {
          throw new AppError(
            422,
            'agent_incomplet',
            `La fiche de ${agent.prenom} ${agent.nom} est incomplète (date de naissance ou temps de travail) : complétez-la avant de déclarer un sinistre.`,
            [{ field: 'agentId', message: 'Fiche agent incomplète.' }],
          );
        }
        const errors: { field: string; message: string }[] = checkDateSurvenance(input.dateSurvenance, {
          aujourdhui: today(),
          dateEntree: agent.dateEntree,
        });
        if (input.tiersImplique && !input.recoursTiers)
          errors.push({
            field: 'recoursTiers',
            message: 'Un tiers est impliqué : indiquez qui (nom, assureur, référence) pour le recours.',
          });
        if (errors.length > 0) throw Invalid(errors[0]!.message, errors);

        const contrat = await repo.contratCouvrant(tx, ctx.collectiviteId, agent.regime, input.dateSurvenance);
        if (!contrat) {
          throw Invalid(
            `Aucun contrat ${agent.regime} de la collectivité ne couvre le ${formatDate(input.dateSurvenance)}.`,
            [{ field: 'dateSurvenance', message: 'Pas de contrat à cette date.' }],
          );
        }
        const allowed = categoriesAutorisees(agent.regime, (await repo.garanties(tx, contrat.id)) as TGarantie[]);
        if (!allowed.includes(input.categorie)) {
          throw Invalid(
            `La catégorie « ${risqueLabels[input.categorie]} » n’est pas couverte par le contrat ${contrat.numero} pour un agent ${agent.regime}.`,
            [
              {
                field: 'categorie',
                message: `Catégories possibles : ${allowed.map((r) => risqueLabels[r]).join(', ')}.`,
              },
            ],
          );
        }
        const base = await deps.bases.checkBaseForSinistre(tx, ctx.collectiviteId, contrat.id, input.dateSurvenance);
        if (!base.ok)
          throw new AppError(422, 'base_manquante', base.message, [
            { field: 'dateSurvenance', message: `Base de l’assurance ${base.annee} manquante.` },
          ]);

        if (!input.confirmerDoublon) {
          const existants = await repo.memeJour(tx, ctx.scope, agent.id, input.dateSurvenance);
          // A warning, not an invalid field: the detail names the existing sinistres (the web links them).
          if (existants.length > 0)
            throw Conflict(
              'sinistre_doublon',
              messageDoublon(
                `${agent.prenom} ${agent.nom}`,
                existants.map((e) => ({
                  numero: numero(e),
                  categorie: e.categorie as TRisque,
                  dateSurvenance: e.dateSurvenance,
                })),
                input.categorie,
              ),
            );
        }
        const garantie = (await repo.garanties(tx, contrat.id)).find((g) => g.risque === input.categorie);
        // The declaration itself is late or not from the survenance, before any arrêt, and at most 30
        // days after the contract's end (domain §5): the rule of the detail's header and of its clock.
        const late = garantie
          ? delaiDeclaration(input.dateSurvenance, today(), garantie.delaiDeclarationJours, contrat.dateFin).horsDelai
          : false;
        const sinistreId = await repo.insert(tx, {
          collectiviteId: ctx.collectiviteId,
          agentId: agent.id,
          contratId: contrat.id,
          categorie: input.categorie,
          dateSurvenance: input.dateSurvenance,
          tiersImplique: input.tiersImplique,
          recoursTiers: input.tiersImplique ? (input.recoursTiers ?? null) : null,
          commentaire: input.commentaire ?? null,
          statut: 'brouillon',
          horsDelai: late,
          createdAt: clock.now(),
        });
        await deps.changed.sinistreChanged(tx, sinistreId);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'sinistre',
          entityId: sinistreId,
          action: 'creation',
          changes: {
            agent: `${agent.prenom} ${agent.nom}`,
            categorie: input.categorie,
            dateSurvenance: input.dateSurvenance,
            ...(late ? { horsDelai: true } : {}),
            ...(input.confirmerDoublon ? { doublonConfirme: true } : {}),
          },
        });
        return sinistreId;
      });
      return detail(db, ctx, id);
    },

    /** « Valider la déclaration »: Brouillon → Ouvert when every mandatory piece is there. */
    async valider(ctx: TenantContext, sinistreId: string, ip: string) {
      return change(ctx, sinistreId, async (tx) => {
        const current = await detail(tx, ctx, sinistreId);
        const next = transition(current.statut, 'valider', {
          piecesManquantes: current.piecesManquantes,
          arretManquant: current.arretManquant,
        });
        if (!next.ok) throw new AppError(409, 'validation_impossible', next.message);
        await repo.setStatut(tx, ctx.scope, sinistreId, next.to, clock.now());
        await audit.record(tx, actorOf(ctx, ip), { entity: 'sinistre', entityId: sinistreId, action: 'validation' });
      });
    },

    /**
     * A Brouillon declared by mistake (a duplicate, a wrong agent) is deleted with its arrêts, pieces
     * and comments, while no handler has looked at it: no handler's comment, no piece examined. The
     * files go after the commit, so a rollback never leaves a row without its file.
     */
    async supprimer(ctx: TenantContext, sinistreId: string, ip: string) {
      const keys = await db.transaction(async (tx) => {
        const s = await repo.find(tx, ctx.scope, sinistreId, true);
        if (!s) throw NotFound('Sinistre introuvable.');
        if (s.statut !== 'brouillon')
          throw Conflict(
            'sinistre_transmis',
            `Le sinistre n° ${numero(s)} est ${s.statut === 'ouvert' ? 'ouvert' : 'clos'} : il a été transmis au gestionnaire et ne peut plus être supprimé. Seul un brouillon peut l’être.`,
          );
        const vu = await repo.vuParGestionnaire(tx, ctx.scope, sinistreId);
        if (vu)
          throw Conflict(
            'sinistre_examine',
            `Le gestionnaire a déjà ${vu === 'commentaire' ? 'commenté ce sinistre' : 'examiné une pièce de ce sinistre'} : il ne peut plus être supprimé. Écrivez-lui un commentaire pour qu’il le clôture.`,
          );
        const removed = await repo.remove(tx, ctx.scope, sinistreId);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'sinistre',
          entityId: sinistreId,
          action: 'suppression',
          changes: {
            numero: numero(s),
            agent: `${s.agentPrenom} ${s.agentNom}`,
            categorie: s.categorie,
            dateSurvenance: s.dateSurvenance,
            arrets: removed.arrets,
            pieces: removed.storageKeys.length,
          },
        });
        return removed.storageKeys;
      });
      for (const key of keys) await deps.storage.remove(key);
    },

    /** A request to change the category, recorded for the handler's decision. */
    async requalifier(
      ctx: TenantContext,
      sinistreId: string,
      input: z.output<typeof ZRequalificationCreate>,
      ip: string,
    ) {
      return change(ctx, sinistreId, async (tx, s) => {
        const current = await detail(tx, ctx, sinistreId);
        if (!current.categoriesRequalification.includes(input.vers))
          throw Invalid(
            `Ce sinistre ne peut être requalifié en « ${risqueLabels[input.vers]} » (régime de l’agent ou garanties du contrat).`,
            [{ field: 'vers', message: 'Catégorie impossible.' }],
          );
        if (current.requalifications.some((r) => r.statut === 'demandee'))
          throw Conflict(
            'requalification_en_cours',
            'Une demande de requalification attend déjà la décision du gestionnaire.',
          );
        const id = await repo.insertRequalification(tx, {
          collectiviteId: s.collectiviteId,
          sinistreId,
          de: s.categorie,
          vers: input.vers,
          motif: input.motif,
          statut: 'demandee',
          demandePar: `${ctx.user.prenom} ${ctx.user.nom}`,
          createdAt: clock.now(),
        });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'requalification',
          entityId: id,
          action: 'creation',
          changes: { sinistre: numero(s), de: s.categorie, vers: input.vers },
        });
      });
    },

    async commenter(ctx: TenantContext, sinistreId: string, texte: string, ip: string) {
      return change(ctx, sinistreId, async (tx, s) => {
        await insertCommentaire(tx, ctx, s, texte, false, ip);
      });
    },

    async marquerLus(ctx: TenantContext, sinistreId: string) {
      await detail(db, ctx, sinistreId);
      await repo.marquerCommentairesLus(db, ctx.scope, sinistreId, clock.now());
      return detail(db, ctx, sinistreId);
    },

    /** A handler's comment (back office): unread for the collectivité until it opens the sinistre. */
    async commenterGestion(ctx: AuthContext, sinistreId: string, texte: string, ip: string) {
      await db.transaction(async (tx) => {
        const s = await repo.find(tx, acrossCollectivites(ctx.scope), sinistreId, true);
        if (!s) throw NotFound('Sinistre introuvable.');
        await insertCommentaire(tx, ctx, s, texte, true, ip);
      });
      return { ok: true as const };
    },

    /**
     * The search as CSV rows, read by keyset in batches (the event loop gets a turn between two):
     * a large collectivité never loads every sinistre at once nor holds the instance. Resolves
     * once the first batch is read, so a failing query never starts a 200.
     */
    async exportRows(ctx: TenantContext, query: z.infer<typeof ZSinistreListQuery>) {
      const filters = filtersOf(query, deps.clock.now());
      const batches = await readInBatches<SinistreRow>(
        async (after, limit) =>
          (
            await repo.list(db, ctx.scope, ctx.collectiviteId, filters, {
              sort: 'dateSurvenance',
              direction: 'desc',
              limit,
              offset: 0,
              withTotal: false,
              ...(after ? { after: { dateSurvenance: after.dateSurvenance, numero: after.numero } } : {}),
            })
          ).rows,
        deps.exportBatch ?? EXPORT_BATCH,
      );
      return (async function* () {
        for await (const rows of batches) yield rows.map(present);
      })();
    },
  };

  async function insertCommentaire(
    tx: Db,
    ctx: AuthContext,
    s: SinistreRow,
    texte: string,
    gestion: boolean,
    ip: string,
  ) {
    const id = await repo.insertCommentaire(tx, {
      collectiviteId: s.collectiviteId,
      sinistreId: s.id,
      auteur: signature(ctx.scope, ctx.user),
      gestion,
      texte,
      createdAt: clock.now(),
    });
    await audit.record(
      tx,
      { ...actorOf(ctx, ip), collectiviteId: s.collectiviteId },
      {
        entity: 'commentaire',
        entityId: id,
        action: 'creation',
        changes: { sinistre: numero(s) },
      },
    );
    // A handler's comment waits for the collectivité: its declarants hear of it.
    if (gestion)
      await deps.notifications.notifier(tx, clock.now(), DECLARANTS, [
        {
          collectiviteId: s.collectiviteId,
          kind: 'commentaire',
          titre: `Commentaire du gestionnaire : sinistre ${numero(s)}`,
          lien: `/declarations/sinistres/${s.id}#commentaires`,
          sujet: `sinistre:${s.id}`,
        },
      ]);
  }
}

/** Sinistres read per query by the export: a short query each, the event loop free between two. */
const EXPORT_BATCH = 500;

function filtersOf(query: z.infer<typeof ZSinistreListQuery>, now: Date): SinistreFilters {
  return {
    agentId: query.agentId,
    search: query.q,
    categorie: query.categorie,
    statut: query.statut,
    du: query.du,
    au: query.au,
    horsDelai: query.horsDelai === undefined ? undefined : query.horsDelai === 'oui',
    nonLus: query.nonLus === 'oui',
    enRetardAu: query.enRetard === 'oui' ? now : undefined,
  };
}

export type SinistresService = ReturnType<typeof createSinistresService>;
