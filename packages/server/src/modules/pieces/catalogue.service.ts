import { PIECE_AUTRE, type ZPieceModeleInput, type ZPieceModeleUpdate } from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { AppError, NotFound } from '../../http/errors.js';
import { type Audit, diff } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { enqueueJob } from '../../lib/jobs/queue.js';
import { RECALCUL_PIECES_JOB } from './pieces.jobs.js';
import type { PiecesRepository } from './pieces.repository.js';
import { presentModele } from './pieces.service.js';

/** A code from a label, for a piece type the administrator adds: « Rapport du médecin » → rapport_du_medecin. */
const codeFrom = (libelle: string) =>
  libelle
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 50) || 'piece';

/**
 * The catalogue of pieces per category and step, kept by the platform administrator. A change
 * queues the recount of the category's sinistres (`RECALCUL_PIECES_JOB`): at national scale that
 * is millions of rows, work for the queue rather than for the request.
 */
export function createCatalogueService(deps: { db: Db; clock: Clock; audit: Audit; repo: PiecesRepository }) {
  const { db, clock, audit, repo } = deps;
  return {
    async catalogue(categorie?: string) {
      return (await repo.catalogue(db, categorie)).map(presentModele);
    },

    async createModele(ctx: AuthContext, input: z.output<typeof ZPieceModeleInput>, ip: string) {
      return db.transaction(async (tx) => {
        const existing = await repo.catalogue(tx, input.categorie);
        let code = codeFrom(input.libelle);
        for (let i = 2; existing.some((m) => m.code === code); i++) code = `${codeFrom(input.libelle)}_${i}`;
        const row = await repo.insertModele(tx, {
          categorie: input.categorie,
          regime: input.regime ?? null,
          code,
          libelle: input.libelle,
          etape: input.etape,
          obligatoire: input.obligatoire,
          medicale: input.medicale,
          aide: input.aide,
          actif: input.actif,
          ordre: await repo.nextOrdre(tx, input.categorie),
          updatedAt: clock.now(),
        });
        await enqueueJob(tx, RECALCUL_PIECES_JOB, { categorie: input.categorie }, clock.now());
        await audit.record(
          tx,
          { ...actorOf(ctx, ip), collectiviteId: null },
          { entity: 'piece_modele', entityId: row.id, action: 'creation', changes: { ...input, code } },
        );
        return presentModele(row);
      });
    },

    async updateModele(ctx: AuthContext, id: string, input: z.output<typeof ZPieceModeleUpdate>, ip: string) {
      return db.transaction(async (tx) => {
        const before = await repo.findModele(tx, id);
        if (!before) throw NotFound('Type de pièce introuvable.');
        if (before.code === PIECE_AUTRE && (input.obligatoire || !input.actif))
          throw new AppError(422, 'autre_obligatoire', 'Le type « Autre » reste facultatif et toujours proposé.', [
            { field: 'obligatoire', message: '« Autre » est toujours facultatif.' },
          ]);
        const row = await repo.updateModele(tx, id, { ...input, updatedAt: clock.now() });
        const changes = diff(before, input);
        await enqueueJob(tx, RECALCUL_PIECES_JOB, { categorie: before.categorie }, clock.now());
        await audit.record(
          tx,
          { ...actorOf(ctx, ip), collectiviteId: null },
          { entity: 'piece_modele', entityId: id, action: 'modification', changes },
        );
        return presentModele(row);
      });
    },
  };
}
export type CatalogueService = ReturnType<typeof createCatalogueService>;
