export * from './delais.rules.js';
export * from './echeances.schemas.js';
