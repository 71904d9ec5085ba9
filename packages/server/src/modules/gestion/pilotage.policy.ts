import type { Access } from '../../http/context.js';

/**
 * « Pilotage du contrat groupe »: every gestionnaire of an organisation (CDG: its collectivités;
 * insurer or broker: those adhering to its contracts, with those contracts only).
 */
export const pilotagePolicy = {
  lire: { access: { kind: 'staff', staffRole: 'any' } },
} satisfies Record<string, { access: Access }>;
