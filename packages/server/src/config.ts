import path from 'node:path';
import { z } from 'zod';

const ZConfig = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'doit commencer par postgres:// ou postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  APP_URL: z.url({ error: 'doit être une URL complète, par exemple https://statutis.example.fr' }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'doit commencer par smtp:// ou smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Statutis <ne-pas-repondre@statutis.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load demo data when the embedded database is empty (the default for a trial). */
  DEMO_DATA: z.enum(['auto', 'never']).default('auto'),
  /** Interval between two polls of the job queue. */
  JOBS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Days a finished job (and a schedule, past the end of its period) is kept before the nightly purge. */
  JOBS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Days a sent mail is kept in the outbox before the nightly purge. */
  MAILS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Behind a reverse proxy, trust its X-Forwarded-For to know the client's address. */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type Config = {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  appUrl: string;
  secureCookies: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof ZConfig>['LOG_LEVEL'];
  demoData: 'auto' | 'never';
  jobsPollMs: number;
  jobsRetentionDays: number;
  mailsRetentionDays: number;
  trustProxy: boolean;
};

export class ConfigError extends Error {}

/** Reads and checks the environment; a wrong value stops the server with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = ZConfig.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}: ${i.message} (valeur reçue : ${JSON.stringify(env[String(i.path[0])])})`,
    );
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const appUrl = (c.APP_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.DATA_DIR),
    port: c.PORT,
    host: c.HOST,
    appUrl,
    secureCookies: appUrl.startsWith('https://'),
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    logLevel: c.LOG_LEVEL,
    demoData: c.DEMO_DATA,
    jobsPollMs: c.JOBS_POLL_MS,
    jobsRetentionDays: c.JOBS_RETENTION_DAYS,
    mailsRetentionDays: c.MAILS_RETENTION_DAYS,
    trustProxy: c.TRUST_PROXY,
  };
}
