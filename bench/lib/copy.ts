/**
 * `COPY … FROM STDIN` with `pg` alone: the fastest way to load rows into PostgreSQL, used as the
 * raw floor of bulk writes. `pg-copy-streams` is not a dependency; `pg` accepts any object with a
 * `submit(connection)` method as a query and hands it the protocol messages, which is all a COPY
 * needs: send the statement, answer CopyInResponse with CopyData messages and CopyDone, read the
 * row count from CommandComplete, settle on ReadyForQuery (or on the error).
 */
import type pg from 'pg';

/** What pg's Connection offers for the copy sub-protocol (not in @types/pg). */
type CopyConnection = {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
};

const CHUNK_BYTES = 64 * 1024;

class CopyFromStdin {
  private rows = 0;
  private error: Error | null = null;
  readonly done: Promise<number>;
  private settle!: { resolve: (rows: number) => void; reject: (e: Error) => void };

  constructor(
    private readonly text: string,
    private readonly data: Buffer,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(connection: CopyConnection) {
    connection.query(this.text);
  }

  /** Sends the data in 64 KiB messages, waiting for the socket to drain as a stream would. */
  handleCopyInResponse(connection: CopyConnection) {
    void (async () => {
      for (let offset = 0; offset < this.data.length; offset += CHUNK_BYTES) {
        connection.sendCopyFromChunk(this.data.subarray(offset, offset + CHUNK_BYTES));
        if (connection.stream.writableNeedDrain) {
          await new Promise((resolve) => connection.stream.once('drain', resolve));
        }
      }
      connection.endCopyFrom();
    })();
  }

  handleCommandComplete(message: { text: string }) {
    this.rows = Number(message.text.split(' ').pop());
  }

  handleError(error: Error) {
    this.error = error;
    // After an error, pg clears the active query: ReadyForQuery will not reach us.
    this.settle.reject(error);
  }

  handleReadyForQuery() {
    if (!this.error) this.settle.resolve(this.rows);
  }

  // Messages a COPY FROM does not receive.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/**
 * Runs `COPY table (columns) FROM STDIN` on `client` with `data` in COPY's text format;
 * returns the number of rows copied.
 */
export async function copyFromStdin(
  client: pg.Client | pg.PoolClient,
  table: string,
  columns: readonly string[],
  data: Buffer,
): Promise<number> {
  const copy = new CopyFromStdin(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, data);
  (client as unknown as { query(q: unknown): void }).query(copy);
  return copy.done;
}
