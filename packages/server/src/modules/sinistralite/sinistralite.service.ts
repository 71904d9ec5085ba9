import {
  expliquerRapport,
  rapportSP,
  type TSinistraliteLigne,
  type TSinistralitePage,
  type TSinistraliteQuery,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import type { Scope } from '../../lib/scope.js';
import {
  decodeCursor,
  encodeCursor,
  type SinistraliteRepository,
  type SinistraliteRow,
} from './sinistralite.repository.js';

const PAGE = 20;
/** Lines per statement when the whole table is exported. */
const EXPORT_BATCH = 500;

function present(r: SinistraliteRow): TSinistraliteLigne {
  const [primes, regle, du] = [Number(r.primes), Number(r.regle), Number(r.du)];
  return {
    collectivite: { id: r.collectivite_id, nom: r.nom },
    contrat: { id: r.contrat_id, numero: r.numero },
    baseType: r.base_type,
    primes,
    regle,
    du,
    rapport: rapportSP(regle + du, primes),
    explication: expliquerRapport({ regle, du, primes, baseType: r.base_type }),
  };
}

const cursorOf = (r: SinistraliteRow) =>
  encodeCursor({ cle: r.cle_texte, collectiviteId: r.collectivite_id, contratId: r.contrat_id });

/** The loss ratio S/P per collectivité and contract for a year, with the scope's total. */
export function createSinistraliteService(deps: { db: Db; repo: SinistraliteRepository }) {
  const { db, repo } = deps;
  return {
    async page(scope: Scope, q: TSinistraliteQuery): Promise<TSinistralitePage> {
      const after = q.apres ? decodeCursor(q.apres) : null;
      const rows = await repo.page(db, scope, q, after, PAGE + 1);
      const page = rows.slice(0, PAGE);
      const first = rows[0];
      const t = first
        ? {
            primes: Number(first.t_primes),
            regle: Number(first.t_regle),
            du: Number(first.t_du),
            lignes: Number(first.lignes),
          }
        : { primes: 0, regle: 0, du: 0, lignes: 0 };
      return {
        annee: q.annee,
        items: page.map(present),
        suivant: rows.length > PAGE ? cursorOf(page.at(-1)!) : null,
        total: { ...t, rapport: rapportSP(t.regle + t.du, t.primes) },
      };
    },

    /** Every line of the filter in the order asked, batch by batch (the export). */
    async *all(scope: Scope, q: Omit<TSinistraliteQuery, 'apres'>): AsyncGenerator<TSinistraliteLigne[]> {
      let after = null;
      for (;;) {
        const rows = await repo.page(db, scope, q, after, EXPORT_BATCH);
        if (rows.length > 0) yield rows.map(present);
        if (rows.length < EXPORT_BATCH) return;
        const last = rows.at(-1)!;
        after = { cle: last.cle_texte, collectiviteId: last.collectivite_id, contratId: last.contrat_id };
      }
    },
  };
}

export type SinistraliteService = ReturnType<typeof createSinistraliteService>;
