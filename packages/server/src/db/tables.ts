/** Every table and enum, for the Drizzle client's schema object (and the `Db` type it gives). */
export * from '../lib/jobs/job.table.js';
export * from '../lib/mail/outbox.table.js';
export * from '../modules/actualites/actualites.table.js';
export * from '../modules/agents/agents.table.js';
export * from '../modules/arrets/arrets.table.js';
export * from '../modules/audit/audit.table.js';
export * from '../modules/auth/auth.table.js';
export * from '../modules/base-assurance/base-assurance.table.js';
export * from '../modules/collectivites/collectivites.table.js';
export * from '../modules/contrats/contrats.table.js';
export * from '../modules/enquete/enquete.table.js';
export * from '../modules/gestion/corbeille.table.js';
export * from '../modules/pieces/pieces.table.js';
export * from '../modules/sinistres/sinistres.table.js';
export * from '../modules/users/users.table.js';
