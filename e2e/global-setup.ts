import { writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { SMTPServer } from 'smtp-server';
import { mailboxFile, smtpPort } from './support/env';
import { type CapturedMail, parseMail } from './support/mime';

/**
 * Starts an in-process SMTP server that accepts every mail (no authentication, no STARTTLS) and
 * appends it, parsed, to `mailboxFile`. The tests read that file through `support/mailbox.ts`.
 *
 * Playwright starts the `webServer` before the global set-up: that is fine, the application opens an
 * SMTP connection only when a mail job runs, and none is queued before the first test acts.
 */
export default async function globalSetup() {
  const mails: CapturedMail[] = [];
  writeFileSync(mailboxFile, '[]');
  // Writes are chained and atomic (temporary file + rename): a reader never sees half a file.
  let writing: Promise<void> = Promise.resolve();
  const save = () => {
    writing = writing.then(async () => {
      const tmp = `${mailboxFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(mails, null, 2));
      await rename(tmp, mailboxFile);
    });
    return writing;
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        try {
          const envelope = session.envelope;
          mails.push(
            parseMail(Buffer.concat(chunks).toString('latin1'), {
              to: envelope.rcptTo.map((r) => r.address),
              from: envelope.mailFrom ? envelope.mailFrom.address : '',
            }),
          );
          save().then(() => callback(), callback);
        } catch (e) {
          callback(e as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(smtpPort, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return async () => {
    await writing;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
