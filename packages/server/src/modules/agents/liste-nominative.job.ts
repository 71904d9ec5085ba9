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
 * Lines staged per transaction (one INSERT with a JSON parameter). Staging runs in short
 * transactions so that other requests interleave: PGlite has one connection and runs each
 * statement on the main thread, so its batches are small; PostgreSQL works in its own process,
 * where larger batches are faster.
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
  /** Lines staged per transaction (listeWriteBatch of the database). */
  writeBatch: number;
  /**
   * Called in the transaction that applied an import, its staged lines still there: the sinistres
   * of the agents it wrote follow (`sinistreChanged`).
   */
  onApplied?: (tx: Db, collectiviteId: string, importId: string) => Promise<void>;
};

/**
 * Job `liste.import`: checks every line of the stored file without writing anything; on any
 * error the import is refused with all of them and nothing is written. A valid file is then
 * staged (import_agent_ligne) in short transactions that save how many lines are staged, so that
 * a run interrupted mid-way (the process killed) resumes after the last staged batch; nobody sees
 * staged lines. Then one transaction applies them all to the agents with a few set-based
 * statements, with the counters, the outcome and its audit event: the import is all or nothing.
 * Safe to run again: a finished import is left alone.
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
   * first one got), then `work` if the import is still being written and `from` lines are staged;
   * false when it is not (finished, or staged further by another run).
   */
  async function step(row: ListeImportRow, from: number, work: (tx: Db) => Promise<void>) {
    return db.transaction(async (tx) => {
      const locked = await agents.lockImport(tx, row.collectiviteId, row.id);
      if (locked?.statut !== 'ecriture' || locked.prepares !== from) return false;
      await work(tx);
      return true;
    });
  }

  /** Stages the lines after the `from` first ones (those of an interrupted run), batch by batch. */
  async function stage(row: ListeImportRow, encodage: CsvEncoding, lignes: number, from: number) {
    let position = 0;
    let done = from;
    let batch: { ligne: number; agent: ListeAgent }[] = [];
    const flush = async () => {
      const lines = batch;
      batch = [];
      const ok = await step(row, done, async (tx) => {
        await agents.stageListe(tx, row.id, lines);
        await agents.updateRunningImport(tx, row.collectiviteId, row.id, {
          prepares: done + lines.length,
          progression: Math.min(99, Math.floor(((done + lines.length) * 100) / Math.max(1, lignes))),
        });
      });
      done += lines.length;
      return ok;
    };
    for await (const event of readListe(storage.get(row.storageKey), encodage, parisDate(clock.now()))) {
      if (event.type === 'header') continue;
      // The file was fully checked before: an error now means it changed or a bug.
      if (event.errors) throw new Error(`ligne ${event.errors[0]?.ligne} invalide à la relecture`);
      if (++position <= from) continue;
      batch.push({ ligne: event.ligne, agent: event.agent });
      if (batch.length >= writeBatch && !(await flush())) return false;
    }
    return batch.length === 0 || flush();
  }

  /**
   * The one transaction that writes the agents: every staged line, the counters, the outcome and
   * its audit event; the staged lines go with it. Imports of a collectivité apply one at a time.
   */
  async function apply(row: ListeImportRow, lignes: number) {
    await step(row, lignes, async (tx) => {
      await agents.serializeImports(tx, row.collectiviteId);
      // A staged line lost (purged meanwhile) must not make a partial import look complete.
      const staged = await agents.countStaged(tx, row.id);
      if (staged !== lignes) throw new Error(`${staged} lignes préparées sur ${lignes}`);
      const { crees, misAJour, sansDateNaissance, sansTempsTravail } = await agents.applyStaged(
        tx,
        row.collectiviteId,
        row.id,
        clock.now(),
      );
      await deps.onApplied?.(tx, row.collectiviteId, row.id);
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
      await agents.dropStaged(tx, row.id);
    });
  }

  /** Stages the lines after the `from` ones an earlier run staged, then applies them all. */
  async function write(row: ListeImportRow, encodage: CsvEncoding, lignes: number, from: number) {
    if (await stage(row, encodage, lignes, from)) await apply(row, lignes);
  }

  async function run(row: ListeImportRow) {
    const encodage = await detectEncoding(storage.get(row.storageKey));
    if (row.statut === 'ecriture') {
      // An interrupted run had checked the file and staged some batches: carry on from there.
      await write(row, encodage, row.lignes, row.prepares);
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
      prepares: 0,
      colonnesIgnorees: checked.ignored,
      progression: 0,
    });
    await write(row, encodage, checked.lignes, 0);
  }

  return async (payload) => {
    const importId = String(payload.importId);
    const collectiviteId = String(payload.collectiviteId);
    const row = await agents.findImportForJob(db, collectiviteId, importId);
    if (!row || ['termine', 'refuse', 'echec'].includes(row.statut)) return;
    try {
      await run(row);
    } catch (e) {
      logger.error({ err: e, importId }, 'échec de l’import de la liste nominative');
      // Nothing was written (the apply is one transaction). If even this fails, the error reaches
      // the queue, which runs the job again later; otherwise the staged lines go (the hourly
      // maintenance drops them if this run dies first).
      await agents.updateRunningImport(db, collectiviteId, importId, {
        statut: 'echec',
        finishedAt: clock.now(),
      });
      await agents.dropStaged(db, importId);
    }
    // The file holds NIRs: once the outcome is recorded, it is no longer kept.
    await storage.remove(row.storageKey);
  };
}
