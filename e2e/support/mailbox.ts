import { readFileSync } from 'node:fs';
import { mailboxFile } from './env';
import type { CapturedMail } from './mime';

export type { CapturedMail } from './mime';

/** Every mail captured so far by the SMTP server of the global set-up, oldest first. */
export function readMailbox(): CapturedMail[] {
  try {
    return JSON.parse(readFileSync(mailboxFile, 'utf8')) as CapturedMail[];
  } catch {
    return [];
  }
}

/** The mails sent to `to` (envelope recipient, case-insensitive), oldest first. */
export function mailsTo(to: string): CapturedMail[] {
  const address = to.toLowerCase();
  return readMailbox().filter((m) => m.to.includes(address));
}

/**
 * Waits for a mail to `to` whose subject contains `subjectIncludes` and returns the most recent one.
 * Pass `options.after` (a count from `mailsTo(to).length` taken before the action) to ignore the mails
 * that were already there.
 */
export async function waitForMail(
  to: string,
  subjectIncludes: string,
  timeoutMs = 15_000,
  options: { after?: number } = {},
): Promise<CapturedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailsTo(to)
      .slice(options.after ?? 0)
      .filter((m) => m.subject.includes(subjectIncludes));
    const last = found.at(-1);
    if (last) return last;
    if (Date.now() > deadline) {
      const seen = readMailbox()
        .map((m) => `  - à ${m.to.join(', ')} : « ${m.subject} »`)
        .join('\n');
      throw new Error(
        `Aucun courriel « ${subjectIncludes} » reçu pour ${to} en ${timeoutMs} ms. Courriels reçus :\n${seen || '  (aucun)'}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The first link of the mail that points into the application (the action button's address, also
 * written in full in the plain-text part). `contains` narrows it, e.g. '/definir-mot-de-passe'.
 */
export function extractLink(mail: CapturedMail, contains = ''): string {
  const candidates = [...`${mail.text}\n${mail.html}`.matchAll(/https?:\/\/[^\s"'<>]+/g)]
    .map((m) => m[0].replace(/&amp;/g, '&').replace(/[.,;)]+$/, ''))
    .filter((url) => url.includes(contains));
  const link = candidates[0];
  if (!link) throw new Error(`Aucun lien${contains ? ` contenant « ${contains} »` : ''} dans « ${mail.subject} ».`);
  return link;
}
