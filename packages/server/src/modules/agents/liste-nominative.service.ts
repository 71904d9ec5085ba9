import {
  importManques,
  LISTE_TEMPLATE_COLUMNS,
  type ListeError,
  pageOffset,
  type TImportStatut,
  type TListeImport,
  type ZListeImportListQuery,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { TenantContext } from '../../http/context.js';
import { actorOf } from '../../http/context.js';
import { NotFound } from '../../http/errors.js';
import type { Audit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { CSV_BOM, csvLine } from '../../lib/csv/write.js';
import { enqueueJob } from '../../lib/jobs/queue.js';
import type { Storage } from '../../lib/storage/storage.js';
import type { AgentsRepository, ListeImportRow } from './agents.repository.js';

export const LISTE_IMPORT_JOB = 'liste.import';
/** Errors kept for display; all are counted. */
export const MAX_ERREURS_LISTEES = 1000;

export type ListeNominativeServiceDeps = {
  db: Db;
  clock: Clock;
  audit: Audit;
  storage: Storage;
  agents: AgentsRepository;
};

const n = (value: number) => value.toLocaleString('fr-FR');
const plural = (count: number, one: string, many: string) => `${n(count)} ${count > 1 ? many : one}`;

/** What the user reads about an import, in one sentence. */
function importMessage(row: ListeImportRow): string {
  const listed = Math.min(row.nombreErreurs, MAX_ERREURS_LISTEES);
  const lacks = importManques(row);
  switch (row.statut as TImportStatut) {
    case 'en_attente':
      return 'Fichier reçu : sa vérification va commencer.';
    case 'validation':
      return `Vérification du fichier : ${plural(row.lignes, 'ligne lue', 'lignes lues')}.`;
    case 'ecriture':
      // The lines are staged first (nothing visible), then applied all at once.
      return row.prepares < row.lignes
        ? `Fichier valide (${plural(row.lignes, 'ligne', 'lignes')}) : préparation de l’enregistrement (${n(row.prepares)} sur ${n(row.lignes)}).`
        : `Fichier valide (${plural(row.lignes, 'ligne', 'lignes')}) : enregistrement des agents en cours.`;
    case 'termine':
      return `Import terminé : ${plural(row.crees, 'agent créé', 'agents créés')}, ${n(row.misAJour)} mis à jour, ${plural(row.inchanges, 'inchangé', 'inchangés')}.${lacks ? ` ${lacks}` : ''}`;
    case 'refuse':
      return `Fichier refusé : ${plural(row.nombreErreurs, 'erreur', 'erreurs')}${
        row.nombreErreurs > listed ? ` (les ${n(listed)} premières sont listées)` : ''
      }. Aucun agent n’a été enregistré : corrigez le fichier puis déposez-le à nouveau.`;
    case 'echec':
      // The agents are written in one transaction: a failure leaves them as they were.
      return 'L’import n’a pas pu aboutir à cause d’une erreur technique ; aucun agent n’a été modifié. Déposez le fichier à nouveau ; si le problème persiste, contactez le support.';
  }
  return '';
}

export function presentImport(row: ListeImportRow): TListeImport {
  const erreurs = (row.erreurs as ListeError[] | null) ?? [];
  return {
    id: row.id,
    nomFichier: row.nomFichier,
    taille: row.taille,
    statut: row.statut as TImportStatut,
    progression: row.progression,
    lignes: row.lignes,
    crees: row.crees,
    misAJour: row.misAJour,
    inchanges: row.inchanges,
    sansDateNaissance: row.sansDateNaissance,
    sansTempsTravail: row.sansTempsTravail,
    nombreErreurs: row.nombreErreurs,
    erreurs,
    colonnesIgnorees: row.colonnesIgnorees ?? [],
    encodage: row.encodage === 'utf-8' || row.encodage === 'windows-1252' ? row.encodage : null,
    userLabel: row.userLabel,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    message: importMessage(row),
  };
}

export function createListeNominativeService(deps: ListeNominativeServiceDeps) {
  const { db, clock, audit, storage, agents } = deps;

  return {
    /** The empty roster to fill in: headers only, UTF-8 with BOM and `;` as French Excel expects. */
    template(): { fileName: string; body: Buffer } {
      return {
        fileName: 'modele-liste-nominative.csv',
        body: Buffer.from(CSV_BOM + csvLine(LISTE_TEMPLATE_COLUMNS.map((c) => c.header)), 'utf8'),
      };
    },

    /**
     * Records a stored roster file and queues its import in the same transaction: the job exists
     * only if the import does. The file is removed if nothing could be recorded.
     */
    async start(
      ctx: TenantContext,
      file: { key: string; size: number; sha256: string; name: string },
      ip: string,
    ): Promise<TListeImport> {
      const actor = actorOf(ctx, ip);
      try {
        return await db.transaction(async (tx) => {
          const row = await agents.insertImport(tx, {
            collectiviteId: ctx.collectiviteId,
            userId: ctx.user.id,
            userLabel: actor.userLabel!,
            nomFichier: file.name,
            storageKey: file.key,
            taille: file.size,
            statut: 'en_attente',
            createdAt: clock.now(),
          });
          await enqueueJob(tx, LISTE_IMPORT_JOB, { importId: row.id, collectiviteId: ctx.collectiviteId }, clock.now());
          await audit.record(tx, actor, {
            entity: 'liste_import',
            entityId: row.id,
            action: 'depot',
            changes: { nomFichier: file.name, taille: file.size, sha256: file.sha256 },
          });
          return presentImport(row);
        });
      } catch (e) {
        await storage.remove(file.key).catch(() => {});
        throw e;
      }
    },

    async history(ctx: TenantContext, query: z.output<typeof ZListeImportListQuery>) {
      const { rows, total } = await agents.listImports(db, ctx.scope, {
        limit: query.pageSize,
        offset: pageOffset(query.page, query.pageSize),
      });
      return {
        items: rows.map((row) => {
          const { erreurs: _erreurs, ...resume } = presentImport(row);
          return resume;
        }),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async get(ctx: TenantContext, id: string): Promise<TListeImport> {
      const row = await agents.findImport(db, ctx.scope, id);
      if (!row) throw NotFound('Import introuvable.');
      return presentImport(row);
    },
  };
}

export type ListeNominativeService = ReturnType<typeof createListeNominativeService>;
