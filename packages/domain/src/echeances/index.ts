export * from './delais.rules.js';
export * from './droits.rules.js';
export * from './echeances.schemas.js';
