import { eq } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { job } from '../jobs/job.table.js';
import { enqueueJob, type JobLogger } from '../jobs/queue.js';
import { outboxMail } from './outbox.table.js';
import type { MailContent } from './templates.js';

export const MAIL_JOB = 'mail.send';

/** Writes the mail to the outbox in the caller's transaction; the job runner sends it after commit. */
export async function queueMail(tx: Db, at: Date, to: string, content: MailContent): Promise<void> {
  const [row] = await tx
    .insert(outboxMail)
    .values({ to, ...content, createdAt: at })
    .returning({ id: outboxMail.id });
  await enqueueJob(tx, MAIL_JOB, { outboxId: row!.id }, at);
}

/** `queueMail` for many mails in two statements (a bulk action's mails, e.g. 100 calls issued). */
export async function queueMails(tx: Db, at: Date, mails: readonly { to: string; content: MailContent }[]) {
  if (mails.length === 0) return;
  const rows = await tx
    .insert(outboxMail)
    .values(mails.map((m) => ({ to: m.to, ...m.content, createdAt: at })))
    .returning({ id: outboxMail.id });
  await tx.insert(job).values(rows.map((r) => ({ kind: MAIL_JOB, payload: { outboxId: r.id }, runAt: at })));
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
