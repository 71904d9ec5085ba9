import type { Readable } from 'node:stream';
import {
  agentIncomplet,
  maskNir,
  pageOffset,
  parseSort,
  type TAgent,
  type TStatut,
  type TTempsTravail,
  type ZAgentExportQuery,
  type ZAgentListQuery,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { TenantContext } from '../../http/context.js';
import { readInBatches } from '../../lib/batches.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { XLSX_TYPE } from '../../lib/export/table.js';
import type { Scope } from '../../lib/scope.js';
import { agentsCsv, agentsXlsx, EXPORT_BATCH } from './agents.export.js';
import { agentsPolicy } from './agents.policy.js';
import type { AgentFilters, AgentRow, AgentsRepository } from './agents.repository.js';

export type AgentsServiceDeps = {
  db: Db;
  clock: Clock;
  agents: AgentsRepository;
  /** Rows read per query by an export (EXPORT_BATCH; smaller in tests). */
  exportBatch?: number;
};

/** The row as the scope may read it: the NIR masked for those the policy does not let see it. */
export function agentFor(scope: Scope, row: AgentRow): AgentRow {
  return agentsPolicy.voitNirComplet(scope) ? row : { ...row, nir: maskNir(row.nir), nirCle: null };
}

export function presentAgent(row: AgentRow): TAgent {
  const tempsTravail = row.tempsTravail as TTempsTravail | null;
  return {
    id: row.id,
    nir: row.nir,
    nirCle: row.nirCle,
    nirTemporaire: row.nirTemporaire,
    nom: row.nom,
    nomUsage: row.nomUsage,
    prenom: row.prenom,
    dateNaissance: row.dateNaissance,
    sexe: row.sexe === 'M' || row.sexe === 'F' ? row.sexe : null,
    regime: row.regime,
    statut: row.statut as TStatut,
    dateEntree: row.dateEntree,
    emploi: row.emploi,
    grade: row.grade,
    tempsTravail,
    heuresHebdo: row.heuresHebdo,
    service: row.service,
    dateDepart: row.dateDepart,
    incomplet: agentIncomplet({ dateNaissance: row.dateNaissance, tempsTravail }),
  };
}

type Filters = Pick<z.output<typeof ZAgentListQuery>, 'q' | 'regime' | 'statut' | 'presence' | 'incomplet'>;

export function createAgentsService(deps: AgentsServiceDeps) {
  const { db, clock, agents } = deps;
  const exportBatch = deps.exportBatch ?? EXPORT_BATCH;

  const filtersOf = (query: Filters): AgentFilters => ({
    search: query.q,
    regime: query.regime,
    statut: query.statut,
    presence: query.presence,
    incomplet: query.incomplet === undefined ? undefined : query.incomplet === 'oui',
    today: parisDate(clock.now()),
  });

  return {
    async list(ctx: TenantContext, query: z.output<typeof ZAgentListQuery>) {
      const { column, direction } = parseSort(query.sort, 'nom');
      const { rows, total } = await agents.listAgents(db, ctx.scope, {
        ...filtersOf(query),
        sort: column as 'nom',
        direction,
        limit: query.pageSize,
        offset: pageOffset(query.page, query.pageSize),
      });
      return {
        items: rows.map((r) => presentAgent(agentFor(ctx.scope, r))),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /**
     * The filtered list as a file, streamed: rows are read by keyset in batches, so a large
     * collectivité is never held in memory and the other requests of the instance run between two
     * batches; nothing is read once the client has gone. Resolves once the first batch is read:
     * a failing query is an error answer, never a 200 cut short.
     */
    async export(
      ctx: TenantContext,
      query: z.output<typeof ZAgentExportQuery>,
    ): Promise<{ fileName: string; contentType: string; body: Readable }> {
      const filters = filtersOf(query);
      const batches = await readInBatches<AgentRow>(
        async (after, size) =>
          (await agents.agentsAfter(db, ctx.scope, filters, after, size)).map((r) => agentFor(ctx.scope, r)),
        exportBatch,
      );
      const fileName = `agents-${filters.today}.${query.format}`;
      return query.format === 'xlsx'
        ? { fileName, contentType: XLSX_TYPE, body: agentsXlsx(batches) }
        : { fileName, contentType: 'text/csv; charset=utf-8', body: agentsCsv(batches) };
    },
  };
}

export type AgentsService = ReturnType<typeof createAgentsService>;
