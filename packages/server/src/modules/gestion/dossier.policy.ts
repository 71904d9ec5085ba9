/**
 * Who works a file in the back office: any gestionnaire of an organisation whose scope holds the
 * sinistre (CDG, insurer or broker party to its contract), and the platform administrator. The
 * scope itself is applied by the repository (`inScope`): outside it, a 404.
 */
export const dossierAccess = {
  lire: { access: { kind: 'staff', staffRole: 'any' } },
  deciderPiece: { access: { kind: 'staff', staffRole: 'any' } },
} as const;
