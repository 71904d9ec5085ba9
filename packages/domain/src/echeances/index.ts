export * from './droits.rules.js';
