import {
  pageOffset,
  parseSort,
  type TContrat,
  type ZAdhesionInput,
  type ZContratInput,
  type ZContratListQuery,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf, type TenantContext } from '../../http/context.js';
import { Conflict, Forbidden, NotFound, sqlState } from '../../http/errors.js';
import { type IncomingFile, storeUpload } from '../../http/upload.js';
import { type Audit, diff } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { acrossCollectivites, type StaffScope } from '../../lib/scope.js';
import type { Storage } from '../../lib/storage/storage.js';
import { contratsPolicy } from './contrats.policy.js';
import type { ContratRow, ContratScope, ContratsRepository } from './contrats.repository.js';

export const CONTRAT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The back office works across the collectivités of the organisation, whichever is chosen in the header. */
function backOffice(ctx: AuthContext): StaffScope {
  if (!contratsPolicy.gereContrats(ctx.scope)) throw Forbidden('Cette action est réservée aux gestionnaires.');
  return acrossCollectivites(ctx.scope);
}

export function createContratsService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: ContratsRepository;
  storage: Storage;
}) {
  const { db, repo, audit } = deps;

  async function detail(scope: ContratScope, id: string, executor: Db = db): Promise<TContrat> {
    const row = await repo.find(executor, scope, id);
    if (!row) throw NotFound('Contrat introuvable.');
    return present(row, await repo.garanties(executor, id), await repo.documents(executor, id));
  }

  function present(
    row: ContratRow,
    garanties: TContrat['garanties'],
    documents: { id: string; nom: string; taille: number; createdAt: Date }[],
  ): TContrat {
    return {
      id: row.id,
      numero: row.numero,
      libelle: row.libelle,
      regime: row.regime,
      assureur: row.assureur ?? '',
      courtier: row.courtier,
      dateEffet: row.dateEffet,
      dateFin: row.dateFin ?? row.dateEffet,
      preavisAssureurMois: row.preavisAssureurMois,
      preavisAssureMois: row.preavisAssureMois,
      tauxCotisation: row.tauxCotisation,
      elementsAssurables: row.elementsAssurables as TContrat['elementsAssurables'],
      garanties,
      dateAdhesion: row.dateAdhesion,
      documents: documents.map((d) => ({
        id: d.id,
        nom: d.nom,
        taille: d.taille,
        deposeLe: d.createdAt.toISOString(),
      })),
    };
  }

  async function list(scope: ContratScope, query: z.infer<typeof ZContratListQuery>) {
    const { column, direction } = parseSort(query.sort, 'numero');
    const { rows, total } = await repo.list(db, scope, {
      regime: query.regime,
      sort: column as 'numero',
      direction,
      limit: query.pageSize,
      offset: pageOffset(query.page, query.pageSize),
    });
    const items = rows.map((r) => {
      const { garanties: _, documents: __, ...rest } = present(r, [], []);
      return rest;
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async function values(tx: Db, input: z.output<typeof ZContratInput>) {
    return {
      numero: input.numero,
      libelle: input.libelle,
      regime: input.regime,
      assureurId: await repo.partyId(tx, input.assureur, 'assureur'),
      courtierId: input.courtier ? await repo.partyId(tx, input.courtier, 'courtier') : null,
      dateEffet: input.dateEffet,
      dateFin: input.dateFin,
      preavisAssureurMois: input.preavisAssureurMois,
      preavisAssureMois: input.preavisAssureMois,
      tauxCotisation: input.tauxCotisation,
      elementsAssurables: input.elementsAssurables,
    };
  }

  const duplicate = (e: unknown) => {
    if (sqlState(e) === '23505') {
      return Conflict('contrat_existant', 'Un contrat porte déjà ce numéro.', [
        { field: 'numero', message: 'Ce numéro de contrat existe déjà.' },
      ]);
    }
    return e;
  };

  return {
    /** Employer side: the collectivité's contracts, read-only. */
    listForCollectivite: (ctx: TenantContext, query: z.infer<typeof ZContratListQuery>) => list(ctx.scope, query),
    getForCollectivite: (ctx: TenantContext, id: string) => detail(ctx.scope, id),
    async documentForCollectivite(ctx: TenantContext, id: string, documentId: string) {
      const doc = await repo.findDocument(db, ctx.scope, id, documentId);
      if (!doc) throw NotFound('Document introuvable.');
      return { nom: doc.nom, taille: doc.taille, stream: deps.storage.get(doc.storageKey) };
    },

    /** Back office: contracts of the gestionnaire's CDG, or all for the platform administrator. */
    listForStaff: (ctx: AuthContext, query: z.infer<typeof ZContratListQuery>) => list(backOffice(ctx), query),
    async getForStaff(ctx: AuthContext, id: string) {
      const scope = backOffice(ctx);
      const row = await repo.find(db, scope, id);
      if (!row) throw NotFound('Contrat introuvable.');
      const contrat = present(row, await repo.garanties(db, id), await repo.documents(db, id));
      return { ...contrat, successeurId: row.successeurId, adhesions: await repo.adhesions(db, scope, id) };
    },

    async create(ctx: AuthContext, input: z.output<typeof ZContratInput>, ip: string) {
      try {
        const id = await db.transaction(async (tx) => {
          const scope = backOffice(ctx);
          const contratId = await repo.insert(tx, scope, await values(tx, input));
          await repo.replaceGaranties(tx, scope, contratId, input.garanties);
          await audit.record(
            tx,
            { ...actorOf(ctx, ip), collectiviteId: null },
            {
              entity: 'contrat',
              entityId: contratId,
              action: 'creation',
              changes: { numero: input.numero, regime: input.regime },
            },
          );
          return contratId;
        });
        return this.getForStaff(ctx, id);
      } catch (e) {
        throw duplicate(e);
      }
    },

    async update(ctx: AuthContext, id: string, input: z.output<typeof ZContratInput>, ip: string) {
      try {
        await db.transaction(async (tx) => {
          const scope = backOffice(ctx);
          const before = await detail(scope, id, tx);
          if (!(await repo.update(tx, scope, id, await values(tx, input)))) throw NotFound('Contrat introuvable.');
          await repo.replaceGaranties(tx, scope, id, input.garanties);
          const { garanties: beforeGaranties, documents: _, dateAdhesion: __, ...beforeFields } = before;
          const changes: Record<string, unknown> = diff(
            { ...beforeFields, elementsAssurables: beforeFields.elementsAssurables.join(',') } as Record<
              string,
              unknown
            >,
            { ...input, garanties: undefined, elementsAssurables: input.elementsAssurables.join(',') },
          );
          if (
            JSON.stringify(beforeGaranties) !==
            JSON.stringify([...input.garanties].sort((a, b) => a.risque.localeCompare(b.risque)))
          ) {
            changes.garanties = [beforeGaranties, input.garanties];
          }
          await audit.record(
            tx,
            { ...actorOf(ctx, ip), collectiviteId: null },
            { entity: 'contrat', entityId: id, action: 'modification', changes },
          );
        });
      } catch (e) {
        throw duplicate(e);
      }
      return this.getForStaff(ctx, id);
    },

    /** A contract of the scope, or 404: checked before the route reads the upload's bytes. */
    async checkContrat(ctx: AuthContext, id: string) {
      await detail(backOffice(ctx), id);
    },

    async addDocument(ctx: AuthContext, id: string, incoming: IncomingFile, ip: string) {
      const file = await storeUpload(incoming, deps.storage, {
        kind: 'pdf',
        maxBytes: CONTRAT_DOCUMENT_MAX_BYTES,
        prefix: 'contrats',
      });
      try {
        return await db.transaction(async (tx) => {
          const doc = await repo.insertDocument(tx, backOffice(ctx), {
            contratId: id,
            nom: file.name,
            storageKey: file.key,
            sha256: file.sha256,
            taille: file.size,
            createdAt: deps.clock.now(),
          });
          if (!doc) throw NotFound('Contrat introuvable.');
          await audit.record(
            tx,
            { ...actorOf(ctx, ip), collectiviteId: null },
            {
              entity: 'contrat_document',
              entityId: doc.id,
              action: 'depot',
              changes: { contratId: id, nom: file.name, sha256: file.sha256 },
            },
          );
          return { id: doc.id, nom: doc.nom, taille: doc.taille, deposeLe: doc.createdAt.toISOString() };
        });
      } catch (e) {
        await deps.storage.remove(file.key);
        throw e;
      }
    },

    async documentForStaff(ctx: AuthContext, id: string, documentId: string) {
      const doc = await repo.findDocument(db, backOffice(ctx), id, documentId);
      if (!doc) throw NotFound('Document introuvable.');
      return { nom: doc.nom, taille: doc.taille, stream: deps.storage.get(doc.storageKey) };
    },

    async removeDocument(ctx: AuthContext, id: string, documentId: string, ip: string) {
      const key = await db.transaction(async (tx) => {
        const doc = await repo.deleteDocument(tx, backOffice(ctx), id, documentId);
        if (!doc) throw NotFound('Document introuvable.');
        await audit.record(
          tx,
          { ...actorOf(ctx, ip), collectiviteId: null },
          { entity: 'contrat_document', entityId: documentId, action: 'suppression', changes: { nom: doc.nom } },
        );
        return doc.storageKey;
      });
      await deps.storage.remove(key);
    },

    /** Links a collectivité of the gestionnaire's CDG to the contract (or changes its adhesion date). */
    async setAdhesion(ctx: AuthContext, id: string, input: z.output<typeof ZAdhesionInput>, ip: string) {
      await db.transaction(async (tx) => {
        const scope = backOffice(ctx);
        await detail(scope, id, tx);
        if (!(await repo.upsertAdhesion(tx, scope, id, input.collectiviteId, input.dateAdhesion)))
          throw NotFound('Collectivité introuvable.');
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'adhesion',
          entityId: id,
          action: 'adhesion',
          changes: { dateAdhesion: input.dateAdhesion },
          collectiviteId: input.collectiviteId,
        });
      });
      return this.getForStaff(ctx, id);
    },

    async removeAdhesion(ctx: AuthContext, id: string, collectiviteId: string, ip: string) {
      await db.transaction(async (tx) => {
        const scope = backOffice(ctx);
        await detail(scope, id, tx);
        if (!(await repo.deleteAdhesion(tx, scope, id, collectiviteId)))
          throw NotFound('Cette collectivité n’adhère pas à ce contrat.');
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'adhesion',
          entityId: id,
          action: 'fin_adhesion',
          collectiviteId,
        });
      });
    },
  };
}
export type ContratsService = ReturnType<typeof createContratsService>;
