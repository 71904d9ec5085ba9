import type { Readable } from 'node:stream';
import {
  checkNir,
  LISTE_COLUMNS,
  LISTE_MAX_LINES,
  type ListeAgent,
  type ListeError,
  mapHeader,
  parseListeLine,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import type { Audit } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { type CsvEncoding, detectEncoding } from '../../lib/csv/decode.js';
import { CsvSyntaxError, readCsv } from '../../lib/csv/reader.js';
import type { JobHandler, JobLogger } from '../../lib/jobs/queue.js';
import type { Storage } from '../../lib/storage/storage.js';
import type { AgentsRepository, ListeImportRow } from './agents.repository.js';
import { MAX_ERREURS_LISTEES } from './liste-nominative.service.js';

/**
 * Agents written per INSERT … ON CONFLICT statement (one JSON parameter of about 1 MB): measured
 * about twice as fast as batches of 1 000 on both databases.
 */
const WRITE_BATCH = 5000;
/** Progress is saved every this many lines while the file is checked. */
const PROGRESS_EVERY = 2000;

type ListeEvent =
  | { type: 'header'; ignored: string[] }
  /** One data line: its agent, or every error found on it. */
  | { type: 'line'; ligne: number; agent: ListeAgent; errors?: undefined }
  | { type: 'line'; ligne: number; agent?: undefined; errors: ListeError[] }
  /** The file as a whole cannot be read further (header, syntax, size). */
  | { type: 'file'; errors: ListeError[] };

const fileError = (ligne: number, message: string): ListeEvent => ({
  type: 'file',
  errors: [{ ligne, colonne: '', message }],
});

/**
 * Reads a roster file line by line: the header, then each agent or the errors of its line,
 * including a NIR already seen on an earlier line and the line limit. Stops at the first line past
 * the limit and at a line the CSV reader cannot get past.
 */
async function* readListe(
  source: AsyncIterable<Buffer>,
  encoding: CsvEncoding,
  today: string,
): AsyncGenerator<ListeEvent> {
  const rows = readCsv(source, encoding);
  const seen = new Map<string, number>();
  let header: ReturnType<typeof mapHeader> | null = null;
  let nirIndex = -1;
  let dataLines = 0;
  try {
    for await (const { ligne, cells } of rows) {
      if (!header) {
        header = mapHeader(cells);
        if (!header.ok) {
          yield { type: 'file', errors: header.errors.map((e) => ({ ...e, ligne })) };
          return;
        }
        for (const [index, column] of header.map.columns) if (column === 'nir') nirIndex = index;
        yield { type: 'header', ignored: header.map.ignored };
        continue;
      }
      if (++dataLines > LISTE_MAX_LINES) {
        yield fileError(
          ligne,
          `Le fichier dépasse ${LISTE_MAX_LINES.toLocaleString('fr-FR')} lignes d’agents : découpez-le en plusieurs fichiers (chaque import complète les agents déjà enregistrés).`,
        );
        return;
      }
      const result = parseListeLine(cells, header.map, ligne, today);
      const errors = result.ok ? [] : [...result.errors];
      // A NIR is checked against the earlier lines even when the line has other errors.
      const nir = checkNir(cells[nirIndex] ?? '');
      if (nir.ok) {
        const first = seen.get(nir.nir);
        if (first === undefined) seen.set(nir.nir, ligne);
        else errors.push({ ligne, colonne: LISTE_COLUMNS[0].header, message: `NIR déjà présent ligne ${first}.` });
      }
      if (errors.length > 0) yield { type: 'line', ligne, errors };
      else if (result.ok) yield { type: 'line', ligne, agent: result.agent };
    }
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      yield fileError(e.ligne, e.message);
      return;
    }
    throw e;
  }
  if (!header) yield fileError(1, 'Le fichier est vide : partez du modèle à télécharger.');
  else if (dataLines === 0)
    yield fileError(2, 'Le fichier ne contient aucun agent : seule la ligne d’en-tête est remplie.');
}

/** Counts the bytes read from the stored file, for the progress bar. */
async function* metered(source: Readable, meter: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    meter.bytes += (chunk as Buffer).length;
    yield chunk as Buffer;
  }
}

export type ListeImportJobDeps = {
  db: Db;
  clock: Clock;
  audit: Audit;
  storage: Storage;
  agents: AgentsRepository;
  logger: JobLogger;
};

/**
 * Job `liste.import`: checks every line of the stored file without writing anything; on any
 * error the import is refused with all of them; otherwise all agents are written in one
 * transaction. Safe to run again: a finished import is left alone, an interrupted one starts over
 * (nothing was written, since the writing is a single transaction).
 */
export function createListeImportJob(deps: ListeImportJobDeps): JobHandler {
  const { db, clock, audit, storage, agents, logger } = deps;

  async function validate(row: ListeImportRow, encodage: CsvEncoding) {
    const meter = { bytes: 0 };
    const errors: ListeError[] = [];
    let nombreErreurs = 0;
    let lignes = 0;
    let ignored: string[] = [];
    for await (const event of readListe(
      metered(storage.get(row.storageKey), meter),
      encodage,
      parisDate(clock.now()),
    )) {
      if (event.type === 'header') {
        ignored = event.ignored;
        continue;
      }
      if (event.errors) {
        nombreErreurs += event.errors.length;
        errors.push(...event.errors.slice(0, Math.max(0, MAX_ERREURS_LISTEES - errors.length)));
      }
      if (event.type === 'line' && ++lignes % PROGRESS_EVERY === 0) {
        await agents.updateRunningImport(db, row.collectiviteId, row.id, {
          lignes,
          progression: Math.min(99, Math.floor((meter.bytes * 100) / Math.max(1, row.taille))),
        });
      }
    }
    return { errors, nombreErreurs, lignes, ignored };
  }

  /** The single write transaction; returns false when another run has already finished the import. */
  async function write(row: ListeImportRow, encodage: CsvEncoding, lignes: number) {
    await db.transaction(async (tx) => {
      const locked = await agents.lockImport(tx, row.collectiviteId, row.id);
      if (locked?.statut !== 'ecriture') return;
      await agents.serializeImports(tx, row.collectiviteId);
      const now = clock.now();
      let crees = 0;
      let misAJour = 0;
      let sansDateNaissance = 0;
      let sansTempsTravail = 0;
      let batch: ListeAgent[] = [];
      const flush = async () => {
        const counts = await agents.upsertFromListe(tx, row.collectiviteId, batch, now);
        crees += counts.crees;
        misAJour += counts.misAJour;
        sansDateNaissance += counts.sansDateNaissance;
        sansTempsTravail += counts.sansTempsTravail;
        batch = [];
      };
      for await (const event of readListe(storage.get(row.storageKey), encodage, parisDate(now))) {
        if (event.type === 'header') continue;
        // The file was fully checked just before: an error now means it changed or a bug.
        if (event.errors) throw new Error(`ligne ${event.errors[0]?.ligne} invalide à la relecture`);
        batch.push(event.agent);
        if (batch.length >= WRITE_BATCH) await flush();
      }
      await flush();
      const inchanges = lignes - crees - misAJour;
      await agents.updateRunningImport(tx, row.collectiviteId, row.id, {
        statut: 'termine',
        crees,
        misAJour,
        inchanges,
        sansDateNaissance,
        sansTempsTravail,
        progression: 100,
        finishedAt: clock.now(),
      });
      await audit.record(
        tx,
        { userId: row.userId, userLabel: row.userLabel, collectiviteId: row.collectiviteId, ip: null },
        {
          entity: 'liste_import',
          entityId: row.id,
          action: 'import',
          changes: { nomFichier: row.nomFichier, lignes, crees, misAJour, inchanges },
        },
      );
    });
  }

  async function run(row: ListeImportRow) {
    const encodage = await detectEncoding(storage.get(row.storageKey));
    await agents.updateRunningImport(db, row.collectiviteId, row.id, {
      statut: 'validation',
      encodage,
      progression: 0,
      lignes: 0,
    });
    const checked = await validate(row, encodage);
    if (checked.nombreErreurs > 0) {
      await agents.updateRunningImport(db, row.collectiviteId, row.id, {
        statut: 'refuse',
        erreurs: checked.errors,
        nombreErreurs: checked.nombreErreurs,
        lignes: checked.lignes,
        colonnesIgnorees: checked.ignored,
        progression: 100,
        finishedAt: clock.now(),
      });
      return;
    }
    // Outside the transaction, so that the page polling the import sees the phase change.
    await agents.updateRunningImport(db, row.collectiviteId, row.id, {
      statut: 'ecriture',
      lignes: checked.lignes,
      colonnesIgnorees: checked.ignored,
      progression: 100,
    });
    await write(row, encodage, checked.lignes);
  }

  return async (payload) => {
    const importId = String(payload.importId);
    const collectiviteId = String(payload.collectiviteId);
    const row = await agents.findImport(db, collectiviteId, importId);
    if (!row || ['termine', 'refuse', 'echec'].includes(row.statut)) return;
    try {
      await run(row);
    } catch (e) {
      logger.error({ err: e, importId }, 'échec de l’import de la liste nominative');
      // If even this fails, the error reaches the queue, which runs the job again later.
      await agents.updateRunningImport(db, collectiviteId, importId, {
        statut: 'echec',
        finishedAt: clock.now(),
      });
    }
    // The file holds NIRs: once the outcome is recorded, it is no longer kept.
    await storage.remove(row.storageKey);
  };
}
