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
import { yielder } from '../../lib/batches.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { type CsvEncoding, detectEncoding } from '../../lib/csv/decode.js';
import { CsvSyntaxError, readCsv } from '../../lib/csv/reader.js';
import type { JobHandler, JobLogger } from '../../lib/jobs/queue.js';
import type { Storage } from '../../lib/storage/storage.js';
import type { AgentsRepository, ListeImportRow } from './agents.repository.js';
import { MAX_ERREURS_LISTEES } from './liste-nominative.service.js';

/**
 * Agents written per transaction (one INSERT … ON CONFLICT with a JSON parameter). Each batch is
 * its own short transaction so that other requests interleave: one transaction for 50 000 agents
 * held PGlite's single connection — every other request of the instance — for seconds. PGlite also
 * runs the statement on the main thread (about 0.07 ms of CPU per agent), so its batches are small;
 * PostgreSQL works in its own process, where larger batches are faster (5 000 measured twice as
 * fast as 1 000).
 */
export function listeWriteBatch(kind: 'pglite' | 'postgres'): number {
  return kind === 'pglite' ? 250 : 5000;
}
/** Progress is saved every this many lines while the file is checked. */
const PROGRESS_EVERY = 2000;
/**
 * Parsing and checking a line is synchronous work (about 20 µs): the event loop gets a turn every
 * this many lines, so that the other requests of the instance wait a few milliseconds at most.
 */
const LINES_PER_TURN = 200;

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
  const turn = yielder(LINES_PER_TURN);
  try {
    for await (const { ligne, cells } of rows) {
      await turn();
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
  /** Agents written per transaction (listeWriteBatch of the database). */
  writeBatch: number;
};

/** Agents of the file already written: the batches commit the counters with the agents. */
const written = (row: Pick<ListeImportRow, 'crees' | 'misAJour' | 'inchanges'>) =>
  row.crees + row.misAJour + row.inchanges;

/**
 * Job `liste.import`: checks every line of the stored file without writing anything; on any
 * error the import is refused with all of them and nothing is written. A valid file is then
 * written in batches, each one transaction that also saves the counters (created, updated,
 * unchanged): the counters say how far the writing went, so a run interrupted mid-way (the process
 * killed) resumes after the last committed batch and the import still ends with every agent
 * written once and exact counters. The last transaction marks the import done with its audit
 * event. Safe to run again: a finished import is left alone.
 */
export function createListeImportJob(deps: ListeImportJobDeps): JobHandler {
  const { db, clock, audit, storage, agents, logger, writeBatch } = deps;

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

  /**
   * One transaction: the import row locked (a second run of the job waits, then sees where the
   * first one got), then `work` if the import is still being written and `from` agents are
   * already written; false when it is not (finished, or written further by another run).
   */
  async function step(row: ListeImportRow, from: number, work: (tx: Db, locked: ListeImportRow) => Promise<void>) {
    return db.transaction(async (tx) => {
      const locked = await agents.lockImport(tx, row.collectiviteId, row.id);
      if (locked?.statut !== 'ecriture' || written(locked) !== from) return false;
      await agents.serializeImports(tx, row.collectiviteId);
      await work(tx, locked);
      return true;
    });
  }

  /** Writes the agents after the `from` first ones (those of an interrupted run), batch by batch. */
  async function write(row: ListeImportRow, encodage: CsvEncoding, lignes: number, from: number) {
    let position = 0;
    let done = from;
    let batch: ListeAgent[] = [];
    const flush = async () => {
      const agentsOfBatch = batch;
      batch = [];
      const ok = await step(row, done, async (tx, locked) => {
        const counts = await agents.upsertFromListe(tx, row.collectiviteId, agentsOfBatch, clock.now());
        await agents.updateRunningImport(tx, row.collectiviteId, row.id, {
          crees: locked.crees + counts.crees,
          misAJour: locked.misAJour + counts.misAJour,
          inchanges: locked.inchanges + agentsOfBatch.length - counts.crees - counts.misAJour,
          sansDateNaissance: locked.sansDateNaissance + counts.sansDateNaissance,
          sansTempsTravail: locked.sansTempsTravail + counts.sansTempsTravail,
          progression: Math.floor(((done + agentsOfBatch.length) * 100) / Math.max(1, lignes)),
        });
      });
      done += agentsOfBatch.length;
      return ok;
    };
    for await (const event of readListe(storage.get(row.storageKey), encodage, parisDate(clock.now()))) {
      if (event.type === 'header') continue;
      // The file was fully checked before: an error now means it changed or a bug.
      if (event.errors) throw new Error(`ligne ${event.errors[0]?.ligne} invalide à la relecture`);
      if (++position <= from) continue;
      batch.push(event.agent);
      if (batch.length >= writeBatch && !(await flush())) return;
    }
    if (batch.length > 0 && !(await flush())) return;
    await step(row, lignes, async (tx, locked) => {
      await agents.updateRunningImport(tx, row.collectiviteId, row.id, {
        statut: 'termine',
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
          changes: {
            nomFichier: row.nomFichier,
            lignes,
            crees: locked.crees,
            misAJour: locked.misAJour,
            inchanges: locked.inchanges,
          },
        },
      );
    });
  }

  async function run(row: ListeImportRow) {
    const encodage = await detectEncoding(storage.get(row.storageKey));
    if (row.statut === 'ecriture') {
      // An interrupted run had checked the file and written some batches: carry on from there.
      await write(row, encodage, row.lignes, written(row));
      return;
    }
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
    // Outside the batches, so that the page polling the import sees the phase change.
    await agents.updateRunningImport(db, row.collectiviteId, row.id, {
      statut: 'ecriture',
      lignes: checked.lignes,
      colonnesIgnorees: checked.ignored,
      progression: 0,
    });
    await write(row, encodage, checked.lignes, 0);
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
      // If even this fails, the error reaches the queue, which runs the job again later. The
      // counters stay as the last batch committed them: the message says how many were written.
      await agents.updateRunningImport(db, collectiviteId, importId, {
        statut: 'echec',
        finishedAt: clock.now(),
      });
    }
    // The file holds NIRs: once the outcome is recorded, it is no longer kept.
    await storage.remove(row.storageKey);
  };
}
