import { DEFAULT_PAGE_SIZE, type TPilotagePage, type TPilotageQuery } from '@statutis/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/context.js';
import { Invalid } from '../../http/errors.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { acrossCollectivites } from '../../lib/scope.js';
import {
  type PilotageRepository,
  type PilotageRow,
  parsePilotageCursor,
  pilotageCursorOf,
} from './pilotage.repository.js';

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

function present(row: PilotageRow) {
  const base = (b: PilotageRow['adhesions'][number]['previsionnelle']) =>
    b && {
      effectif: b.effectif,
      assiette: Number(b.assiette),
      cotisation: Number(b.cotisation),
      declareeLe: iso(b.declareeLe),
    };
  return {
    id: row.id,
    nom: row.nom,
    siret: row.siret,
    type: row.type as TPilotagePage['items'][number]['type'],
    effectif: row.effectif,
    adhesions: row.adhesions.map((a) => ({ ...a, previsionnelle: base(a.previsionnelle), reelle: base(a.reelle) })),
    relanceBaseLe: row.relance_le ? iso(row.relance_le) : null,
    // « Appels émis / payés » of the year (read in the page's one query).
    appels: { emis: Number(row.appels.emis), payes: Number(row.appels.payes) },
  };
}

/** The back office's view of its collectivités: adhesion, headcount, bases of the year, reminder. */
export function createPilotageService(deps: { db: Db; clock: Clock; repo: PilotageRepository }) {
  const { db, clock, repo } = deps;
  return {
    async page(ctx: AuthContext, query: TPilotageQuery): Promise<TPilotagePage> {
      const today = parisDate(clock.now());
      const annee = query.annee ?? Number(today.slice(0, 4));
      const apres = query.apres ? parsePilotageCursor(query.apres) : null;
      if (query.apres && !apres)
        throw Invalid('Clé de page invalide : rechargez la liste.', [
          { field: 'apres', message: 'Clé de page invalide.' },
        ]);
      const rows = await repo.page(
        db,
        acrossCollectivites(ctx.scope),
        { ...query, annee, apres },
        today,
        DEFAULT_PAGE_SIZE + 1,
      );
      const page = rows.slice(0, DEFAULT_PAGE_SIZE);
      return {
        annee,
        items: page.map(present),
        suivant: rows.length > DEFAULT_PAGE_SIZE ? pilotageCursorOf(page.at(-1)!) : null,
      };
    },
  };
}

export type PilotageService = ReturnType<typeof createPilotageService>;
