import {
  assietteAssuree,
  baseRequisePourSinistre,
  checkBase,
  cotisation,
  elementsAssuresDeBase,
  formatDate,
  PCT_SCALE,
  pageOffset,
  parseSort,
  peutModifierBase,
  regularisation,
  type TBase,
  type TBudget,
  type TElementBase,
  type TSalaireElement,
  type TTypeBase,
  typeBaseLabels,
  type ZBaseAmounts,
  type ZBaseCreate,
  type ZBaseListQuery,
  type ZBudgetInput,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { actorOf, type TenantContext } from '../../http/context.js';
import { Conflict, Forbidden, Invalid, NotFound, sqlState } from '../../http/errors.js';
import { type Audit, diff } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { CSV_BOM, csvAmount, csvLine } from '../../lib/csv/write.js';
import { baseAssurancePolicy } from './base-assurance.policy.js';
import type { BaseAssuranceRepository, BaseRow } from './base-assurance.repository.js';

type Amounts = z.output<typeof ZBaseAmounts>;

/** Hundredths of a percent → « 7,26 », a number a French spreadsheet recognises. */
const csvPct = (pct: number | null) => (pct === null ? null : (pct / PCT_SCALE).toFixed(2).replace('.', ','));

export function createBaseAssuranceService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: BaseAssuranceRepository;
}) {
  const { db, clock, audit, repo } = deps;
  const isStaff = (ctx: TenantContext) => baseAssurancePolicy.corrigeApresCreation(ctx.scope);

  function present(ctx: TenantContext, row: BaseRow): TBase {
    const b = row.base;
    return {
      id: b.id,
      contratId: b.contratId,
      contratNumero: row.contratNumero,
      contratLibelle: row.contratLibelle,
      regime: row.regime,
      annee: b.annee,
      type: b.type as TTypeBase,
      effectif: b.effectif,
      tbi: b.tbi,
      nbi: b.nbi,
      sft: b.sft,
      ir: b.ir,
      riMontant: b.riMontant,
      riPct: b.riPct,
      cpMontant: b.cpMontant,
      cpPct: b.cpPct,
      tauxCotisation: b.tauxCotisation,
      assiette: b.assiette,
      cotisation: b.cotisation,
      regularisation:
        b.type === 'reelle' && row.cotisationAutre !== null ? regularisation(b.cotisation, row.cotisationAutre) : null,
      creeLe: b.createdAt.toISOString(),
      modifiable: peutModifierBase(parisDate(b.createdAt), parisDate(clock.now()), isStaff(ctx)),
    };
  }

  /** Checks the amounts against the contract; answers 422 with every faulty field. */
  function validate(amounts: Amounts, allowed: readonly TElementBase[]) {
    const problems = checkBase(amounts, allowed);
    if (problems.length > 0) {
      throw Invalid(
        problems.length === 1
          ? problems[0]!.message
          : `La base contient ${problems.length} erreurs. Corrigez les champs signalés.`,
        problems.map((p) => ({ field: p.field, message: p.message })),
      );
    }
  }

  const computed = (amounts: Amounts, taux: number) => ({
    assiette: assietteAssuree(amounts),
    cotisation: cotisation(amounts, taux),
  });

  async function editable(tx: Db, ctx: TenantContext, id: string) {
    const row = await repo.find(tx, ctx.scope, id, true);
    if (!row) throw NotFound('Base de l’assurance introuvable.');
    if (!peutModifierBase(parisDate(row.base.createdAt), parisDate(clock.now()), isStaff(ctx))) {
      throw Forbidden(
        `Cette base a été créée le ${formatDate(parisDate(row.base.createdAt))} : elle ne peut être modifiée ou supprimée que le jour de sa création. Contactez votre gestionnaire.`,
        'base_verrouillee',
      );
    }
    return row;
  }

  return {
    async list(ctx: TenantContext, query: z.infer<typeof ZBaseListQuery>) {
      const { column, direction } = parseSort(query.sort ?? '-annee', 'annee');
      const { rows, total } = await repo.list(db, ctx.scope, {
        contratId: query.contratId,
        annee: query.annee,
        type: query.type,
        sort: column as 'annee',
        direction,
        limit: query.pageSize,
        offset: pageOffset(query.page, query.pageSize),
      });
      return { items: rows.map((r) => present(ctx, r)), total, page: query.page, pageSize: query.pageSize };
    },

    async get(ctx: TenantContext, id: string) {
      const row = await repo.find(db, ctx.scope, id);
      if (!row) throw NotFound('Base de l’assurance introuvable.');
      return present(ctx, row);
    },

    async create(ctx: TenantContext, input: z.output<typeof ZBaseCreate>, ip: string) {
      const id = await db.transaction(async (tx) => {
        const c = await repo.contratOf(tx, ctx.scope, input.contratId);
        if (!c)
          throw Invalid('Ce contrat n’est pas un contrat de votre collectivité.', [
            { field: 'contratId', message: 'Choisissez un de vos contrats.' },
          ]);
        const debut = Number(c.dateEffet.slice(0, 4));
        const fin = c.dateFin ? Number(c.dateFin.slice(0, 4)) : 9999;
        if (input.annee < debut || input.annee > fin) {
          throw Invalid(`Le contrat ${c.numero} couvre les années ${debut} à ${fin}.`, [
            { field: 'annee', message: `Année hors du contrat (${debut}–${fin}).` },
          ]);
        }
        validate(input, c.elementsAssurables as TElementBase[]);
        try {
          const baseId = await repo.insert(tx, {
            ...input,
            collectiviteId: ctx.collectiviteId,
            tauxCotisation: c.tauxCotisation,
            ...computed(input, c.tauxCotisation),
            createdAt: clock.now(),
          });
          await audit.record(tx, actorOf(ctx, ip), {
            entity: 'base_assurance',
            entityId: baseId,
            action: 'creation',
            changes: { contrat: c.numero, annee: input.annee, type: input.type, tbi: input.tbi },
          });
          return baseId;
        } catch (e) {
          if (sqlState(e) === '23505') {
            throw Conflict(
              'base_existante',
              `Une base ${typeBaseLabels[input.type].toLowerCase()} ${input.annee} existe déjà pour le contrat ${c.numero}. Modifiez-la plutôt que d’en créer une seconde.`,
              [{ field: 'type', message: 'Déjà déclarée pour ce contrat et cette année.' }],
            );
          }
          throw e;
        }
      });
      return this.get(ctx, id);
    },

    async update(ctx: TenantContext, id: string, input: Amounts, ip: string) {
      await db.transaction(async (tx) => {
        const row = await editable(tx, ctx, id);
        const c = await repo.contratOf(tx, ctx.scope, row.base.contratId);
        validate(input, (c?.elementsAssurables ?? []) as TElementBase[]);
        const values = {
          effectif: input.effectif,
          tbi: input.tbi,
          nbi: input.nbi ?? null,
          sft: input.sft ?? null,
          ir: input.ir ?? null,
          riMontant: input.riMontant ?? null,
          riPct: input.riPct ?? null,
          cpMontant: input.cpMontant ?? null,
          cpPct: input.cpPct ?? null,
          ...computed(input, row.base.tauxCotisation),
        };
        await repo.update(tx, ctx.scope, id, { ...values, updatedAt: clock.now() });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'base_assurance',
          entityId: id,
          action: isStaff(ctx) ? 'modification_gestionnaire' : 'modification',
          changes: diff(row.base, values),
        });
      });
      return this.get(ctx, id);
    },

    async remove(ctx: TenantContext, id: string, ip: string) {
      await db.transaction(async (tx) => {
        const row = await editable(tx, ctx, id);
        await repo.delete(tx, ctx.scope, id);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'base_assurance',
          entityId: id,
          action: 'suppression',
          changes: { contrat: row.contratNumero, annee: row.base.annee, type: row.base.type },
        });
      });
    },

    /** CSV of the bases matching the filters (a collectivité has a few per year: bounded). */
    async exportCsv(ctx: TenantContext, query: z.infer<typeof ZBaseListQuery>): Promise<string> {
      const { items } = await this.list(ctx, { ...query, page: 1, pageSize: 10_000 });
      const header = [
        'Contrat',
        'Régime',
        'Année',
        'Type',
        'Effectif',
        'TBI',
        'NBI',
        'SFT',
        'IR',
        'RI réel',
        'RI %',
        'CP réelles',
        'CP %',
        'Assiette assurée',
        'Taux (%)',
        'Cotisation',
        'Régularisation',
        'Créée le',
      ];
      const lines = items.map((b) =>
        csvLine([
          b.contratNumero,
          b.regime,
          b.annee,
          typeBaseLabels[b.type],
          b.effectif,
          csvAmount(b.tbi),
          csvAmount(b.nbi),
          csvAmount(b.sft),
          csvAmount(b.ir),
          csvAmount(b.riMontant),
          csvPct(b.riPct),
          csvAmount(b.cpMontant),
          csvPct(b.cpPct),
          csvAmount(b.assiette),
          (b.tauxCotisation / 1000).toFixed(3).replace('.', ','),
          csvAmount(b.cotisation),
          csvAmount(b.regularisation),
          formatDate(parisDate(new Date(b.creeLe))),
        ]),
      );
      return CSV_BOM + csvLine(header) + lines.join('');
    },

    /** For the sinistres: the contract-year must have a base (either type). */
    async checkBaseForSinistre(executor: Db, collectiviteId: string, contratId: string, dateSurvenance: string) {
      return baseRequisePourSinistre(dateSurvenance, await repo.anneesDeclarees(executor, collectiviteId, contratId));
    },

    /** Salary elements insured by the base of the sinistre's contract-year: TBI always, the others when declared. */
    async elementsAssures(executor: Db, collectiviteId: string, contratId: string, annee: number) {
      const base = await repo.baseAnnee(executor, collectiviteId, contratId, annee);
      if (!base) return ['tbi'] as TSalaireElement[];
      return elementsAssuresDeBase(base);
    },

    async getBudget(ctx: TenantContext, annee: number): Promise<TBudget> {
      const [row, cotisations, appels] = await Promise.all([
        repo.findBudget(db, ctx.scope, annee),
        repo.cotisationsAnnee(db, ctx.scope, annee),
        repo.appelsAnnee(db, ctx.scope, annee),
      ]);
      const estimees = cotisations.reduce((sum, c) => sum + (c.cotisation ?? 0), 0);
      const montantCotisations = row?.montantCotisations ?? 0;
      return {
        annee,
        montantCotisations,
        montantAbsences: row?.montantAbsences ?? 0,
        cotisationsEstimees: estimees,
        ecartCotisations: montantCotisations - estimees,
        cotisationsAppelees: appels.appele,
        cotisationsPayees: appels.paye,
        basesManquantes: cotisations
          .filter((c) => c.cotisation === null)
          .map((c) => ({ contratId: c.contratId, numero: c.numero })),
      };
    },

    async setBudget(ctx: TenantContext, input: z.output<typeof ZBudgetInput>, ip: string) {
      await db.transaction(async (tx) => {
        const before = await repo.findBudget(tx, ctx.scope, input.annee);
        await repo.upsertBudget(tx, { collectiviteId: ctx.collectiviteId, ...input, updatedAt: clock.now() });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'budget',
          entityId: String(input.annee),
          action: before ? 'modification' : 'creation',
          changes: diff(
            {
              montantCotisations: before?.montantCotisations ?? null,
              montantAbsences: before?.montantAbsences ?? null,
            },
            { montantCotisations: input.montantCotisations, montantAbsences: input.montantAbsences },
          ),
        });
      });
      return this.getBudget(ctx, input.annee);
    },
  };
}
export type BaseAssuranceService = ReturnType<typeof createBaseAssuranceService>;
