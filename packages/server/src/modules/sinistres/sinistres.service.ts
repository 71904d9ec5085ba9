import {
  agentIncomplet,
  categoriesAutorisees,
  checkArret,
  dureeArret,
  formatDate,
  horsDelai,
  pageOffset,
  parseSort,
  piecesManquantes,
  piecesRequises,
  risqueLabels,
  type TArretType,
  type TGarantie,
  type TRisque,
  type TSinistre,
  type TSinistreStatut,
  type TTempsTravail,
  transition,
  type ZArretCreate,
  type ZSinistreCreate,
  type ZSinistreListQuery,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { actorOf, type TenantContext } from '../../http/context.js';
import { AppError, Invalid, NotFound } from '../../http/errors.js';
import type { Audit } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { AgentsRepository } from '../agents/agents.repository.js';
import type { BaseAssuranceService } from '../base-assurance/base-assurance.service.js';
import type { SinistreRow, SinistresRepository } from './sinistres.repository.js';

const numero = (row: Pick<SinistreRow, 'numero' | 'dateSurvenance'>) =>
  `${row.dateSurvenance.slice(0, 4)}-${String(row.numero).padStart(6, '0')}`;

function present(row: SinistreRow): TSinistre {
  return {
    id: row.id,
    numero: numero(row),
    agentId: row.agentId,
    agentNom: row.agentNom,
    agentPrenom: row.agentPrenom,
    contratId: row.contratId,
    contratNumero: row.contratNumero,
    categorie: row.categorie as TRisque,
    dateSurvenance: row.dateSurvenance,
    tiersImplique: row.tiersImplique,
    recoursTiers: row.recoursTiers,
    commentaire: row.commentaire,
    statut: row.statut as TSinistreStatut,
    horsDelai: row.horsDelai,
    creeLe: row.createdAt.toISOString(),
  };
}

/** Sinistres and their arrêts (domain §5): creation rules, arrêt rules, status transitions. */
export function createSinistresService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: SinistresRepository;
  agents: AgentsRepository;
  bases: BaseAssuranceService;
}) {
  const { db, clock, audit, repo } = deps;
  const today = () => parisDate(clock.now());

  async function detail(executor: Db, ctx: TenantContext, id: string) {
    const row = await repo.find(executor, ctx.collectiviteId, id);
    if (!row) throw NotFound('Sinistre introuvable.');
    const arrets = await repo.arrets(executor, ctx.collectiviteId, id);
    const agent = await deps.agents.findAgent(executor, ctx.collectiviteId, row.agentId);
    const etapes =
      arrets.length > 0
        ? (['declaration', 'imputabilite', 'arret'] as const)
        : (['declaration', 'imputabilite'] as const);
    // Pieces are deposited in the next step of this capability: until then every mandatory one is missing.
    const manquantes = piecesManquantes(
      piecesRequises(row.categorie as TRisque, agent?.regime ?? 'CNRACL', etapes),
      [],
    );
    return {
      ...present(row),
      arrets: arrets.map((a) => ({
        id: a.id,
        type: a.type as TArretType,
        debut: a.debut,
        fin: a.fin,
        reprise: a.reprise,
        jours: dureeArret(a),
        horsDelai: a.horsDelai,
        declareLe: a.createdAt.toISOString(),
      })),
      piecesManquantes: manquantes,
    };
  }

  async function garantieOf(executor: Db, contratId: string, categorie: string): Promise<TGarantie | undefined> {
    return (await repo.garanties(executor, contratId)).find((g) => g.risque === categorie) as TGarantie | undefined;
  }

  return {
    get: (ctx: TenantContext, id: string) => detail(db, ctx, id),

    async list(ctx: TenantContext, query: z.infer<typeof ZSinistreListQuery>) {
      const { column, direction } = parseSort(query.sort ?? '-dateSurvenance', 'dateSurvenance');
      const { rows, total } = await repo.list(
        db,
        ctx.collectiviteId,
        {
          agentId: query.agentId,
          search: query.q,
          categorie: query.categorie,
          statut: query.statut,
          du: query.du,
          au: query.au,
          horsDelai: query.horsDelai === undefined ? undefined : query.horsDelai === 'oui',
        },
        {
          sort: column as 'dateSurvenance',
          direction,
          limit: query.pageSize,
          offset: pageOffset(query.page, query.pageSize),
        },
      );
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
        const errors: { field: string; message: string }[] = [];
        if (input.dateSurvenance > today())
          errors.push({ field: 'dateSurvenance', message: 'La date de survenance ne peut être dans le futur.' });
        if (input.dateSurvenance < agent.dateEntree) {
          errors.push({
            field: 'dateSurvenance',
            message: `La date de survenance précède l’entrée de l’agent dans la collectivité (${formatDate(agent.dateEntree)}).`,
          });
        }
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
          createdAt: clock.now(),
        });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'sinistre',
          entityId: sinistreId,
          action: 'creation',
          changes: {
            agent: `${agent.prenom} ${agent.nom}`,
            categorie: input.categorie,
            dateSurvenance: input.dateSurvenance,
          },
        });
        return sinistreId;
      });
      return detail(db, ctx, id);
    },

    /** Adds an arrêt; a declaration past the contract's deadline is flagged « hors délai ». A new arrêt reopens a closed sinistre. */
    async addArret(ctx: TenantContext, sinistreId: string, input: z.output<typeof ZArretCreate>, ip: string) {
      await db.transaction(async (tx) => {
        const s = await repo.find(tx, ctx.collectiviteId, sinistreId, true);
        if (!s) throw NotFound('Sinistre introuvable.');
        const own = await repo.arrets(tx, ctx.collectiviteId, sinistreId);
        const others = await repo.autresArretsAgent(tx, ctx.collectiviteId, s.agentId, sinistreId);
        const problems = checkArret(
          { type: input.type, debut: input.debut, fin: input.fin },
          {
            dateSurvenance: s.dateSurvenance,
            maladieOrdinaire: s.categorie === 'maladie_ordinaire',
            arretsDuSinistre: own.map((a) => ({ id: a.id, type: a.type as TArretType, debut: a.debut, fin: a.fin })),
            autresArretsAgent: others.map((a) => ({
              id: a.id,
              type: a.type as TArretType,
              debut: a.debut,
              fin: a.fin,
            })),
          },
        );
        if (input.reprise && input.reprise <= input.debut) {
          problems.push({
            field: 'fin',
            message: `La reprise (${formatDate(input.reprise)}) doit suivre le début de l’arrêt (${formatDate(input.debut)}).`,
          });
        }
        if (problems.length > 0)
          throw Invalid(
            problems.length === 1 ? problems[0]!.message : `L’arrêt contient ${problems.length} erreurs.`,
            problems,
          );
        const garantie = await garantieOf(tx, s.contratId, s.categorie);
        const late = garantie ? horsDelai(input.debut, today(), garantie.delaiDeclarationJours) : false;
        const now = clock.now();
        const arretId = await repo.insertArret(tx, {
          sinistreId,
          collectiviteId: ctx.collectiviteId,
          agentId: s.agentId,
          type: input.type,
          debut: input.debut,
          fin: input.fin,
          reprise: input.reprise ?? null,
          horsDelai: late,
          createdAt: now,
        });
        if (s.statut === 'clos') {
          const next = transition('clos', 'nouvel_arret');
          if (next.ok) await repo.setStatut(tx, ctx.collectiviteId, sinistreId, next.to, now);
        }
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'arret',
          entityId: arretId,
          action: 'creation',
          changes: { sinistre: numero(s), type: input.type, debut: input.debut, fin: input.fin, horsDelai: late },
        });
      });
      return detail(db, ctx, sinistreId);
    },

    /** « Valider la déclaration »: Brouillon → Ouvert when every mandatory piece is there. */
    async valider(ctx: TenantContext, sinistreId: string, ip: string) {
      await db.transaction(async (tx) => {
        const current = await detail(tx, ctx, sinistreId);
        const next = transition(current.statut, 'valider', { piecesManquantes: current.piecesManquantes });
        if (!next.ok) throw new AppError(409, 'validation_impossible', next.message);
        await repo.setStatut(tx, ctx.collectiviteId, sinistreId, next.to, clock.now());
        await audit.record(tx, actorOf(ctx, ip), { entity: 'sinistre', entityId: sinistreId, action: 'validation' });
      });
      return detail(db, ctx, sinistreId);
    },
  };
}
export type SinistresService = ReturnType<typeof createSinistresService>;
