import { eq } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { job } from '../jobs/job.table.js';
import type { JobLogger } from '../jobs/queue.js';
import { outboxMail } from './outbox.table.js';
import type { MailContent } from './templates.js';

export const MAIL_JOB = 'mail.send';

/**
 * A mail to queue. `key`, for a writer that may run twice (a retried job, a schedule's run): a mail
 * whose key was already queued is not queued again, so it leaves once. Unique for ever within the
 * mail retention (`MAILS_RETENTION_DAYS`): name the recipient and the occurrence in it.
 */
export type QueuedMail = { to: string; content: MailContent; key?: string };

/** Writes the mail to the outbox in the caller's transaction; the job runner sends it after commit. */
export async function queueMail(tx: Db, at: Date, to: string, content: MailContent, key?: string): Promise<void> {
  await queueMails(tx, at, [{ to, content, ...(key === undefined ? {} : { key }) }]);
}

/**
 * `queueMail` for many mails in two statements (a bulk action's mails, e.g. 100 calls issued).
 * Returns how many were queued: those whose key was already queued are not.
 */
export async function queueMails(tx: Db, at: Date, mails: readonly QueuedMail[]): Promise<number> {
  if (mails.length === 0) return 0;
  const rows = await tx
    .insert(outboxMail)
    .values(mails.map((m) => ({ to: m.to, ...m.content, createdAt: at, idempotencyKey: m.key ?? null })))
    .onConflictDoNothing({ target: outboxMail.idempotencyKey })
    .returning({ id: outboxMail.id });
  if (rows.length === 0) return 0;
  await tx.insert(job).values(rows.map((r) => ({ kind: MAIL_JOB, payload: { outboxId: r.id }, runAt: at })));
  return rows.length;
}

/**
 * The job handler that delivers outbox mails: over SMTP when SMTP_URL is set, otherwise printed to
 * the log (links included) so a trial installation can still invite users.
 */
export function createMailSender(deps: { db: Db; clock: Clock; smtpUrl?: string; from: string; logger: JobLogger }) {
  const { smtpUrl } = deps;
  // nodemailer is loaded with the first mail, and only with SMTP_URL: not on every start.
  let transporter: Promise<Transporter> | undefined;
  const smtp = (url: string) =>
    (transporter ??= import('nodemailer')
      .then(({ default: nodemailer }) => nodemailer.createTransport(url))
      .catch((e: unknown) => {
        // This mail's job fails (and is retried); the next mail tries again.
        transporter = undefined;
        throw e;
      }));
  return async (payload: Record<string, unknown>) => {
    const id = Number(payload.outboxId);
    const [mail] = await deps.db.select().from(outboxMail).where(eq(outboxMail.id, id));
    if (!mail || mail.status === 'sent' || mail.status === 'logged') return;
    const transport = smtpUrl ? await smtp(smtpUrl) : null;
    if (transport) {
      await transport.sendMail({
        from: deps.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    } else {
      deps.logger.info(
        { to: mail.to, subject: mail.subject },
        `Courriel (pas de SMTP_URL, non envoyé) :\n${mail.text}`,
      );
    }
    await deps.db
      .update(outboxMail)
      .set({ status: transport ? 'sent' : 'logged', sentAt: deps.clock.now() })
      .where(eq(outboxMail.id, id));
  };
}
