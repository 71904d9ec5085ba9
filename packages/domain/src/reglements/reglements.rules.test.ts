import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afficherIban,
  approbationsRequises,
  approuver,
  DECOMPTE_ACTIONS,
  normaliserIban,
  numeroDecompte,
  REGLEMENT_ACTIONS,
  REGLEMENT_STATUTS,
  regularisationDecompte,
  soldePayable,
  transitionDecompte,
  transitionReglement,
} from './reglements.rules.js';
import { ZCoordonneesBancairesInput } from './reglements.schemas.js';

describe('décompte transitions', () => {
  it.each([
    ['calcule', 'valider', 'valide'],
    ['calcule', 'abandonner', 'abandonne'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(transitionDecompte(from, action)).toEqual({ ok: true, to });
  });

  it('never rewrites a validated or abandoned décompte, and says why in French', () => {
    for (const from of ['valide', 'abandonne'] as const)
      for (const action of DECOMPTE_ACTIONS) {
        const r = transitionDecompte(from, action);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message).toMatch(/décompte/);
      }
  });
});

describe('règlement transitions', () => {
  it.each([
    ['calcule', 'valider', 'valide'],
    ['valide', 'mettre_en_paiement', 'mis_en_paiement'],
    ['mis_en_paiement', 'marquer_paye', 'paye'],
    ['mis_en_paiement', 'rejeter', 'rejete'],
    ['paye', 'rejeter', 'rejete'],
    ['rejete', 'reemettre', 'reemis'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(transitionReglement(from, action)).toEqual({ ok: true, to });
  });

  it('refuses every other pair with a French message; « ré-émis » is final', () => {
    const allowed = new Set([
      'calcule valider',
      'valide mettre_en_paiement',
      'mis_en_paiement marquer_paye',
      'mis_en_paiement rejeter',
      'paye rejeter',
      'rejete reemettre',
    ]);
    for (const from of REGLEMENT_STATUTS)
      for (const action of REGLEMENT_ACTIONS) {
        const r = transitionReglement(from, action);
        expect(r.ok, `${from} ${action}`).toBe(allowed.has(`${from} ${action}`));
        if (!r.ok) expect(r.message).toMatch(/règlement|virement/);
      }
  });
});

describe('four eyes', () => {
  it.each([
    // threshold 10 000,00 € = 1 000 000 cents
    [1_000_000, 1_000_000, 1], // exactly the threshold: one approval
    [1_000_001, 1_000_000, 2], // one cent above: two
    [50_000_000, null, 1], // no threshold set
    [0, 0, 1],
  ] as const)('montant %i, seuil %s → %i approbation(s)', (montant, seuil, n) => {
    expect(approbationsRequises(montant, seuil)).toBe(n);
  });

  it('needs a second, different handler above the threshold', () => {
    expect(approuver('a', 2, { validePar: null, approuvePar: null })).toEqual({
      ok: true,
      complete: false,
      role: 'premiere',
    });
    const self = approuver('a', 2, { validePar: 'a', approuvePar: null });
    expect(self.ok).toBe(false);
    if (!self.ok) expect(self.message).toContain('un autre gestionnaire');
    expect(approuver('b', 2, { validePar: 'a', approuvePar: null })).toEqual({
      ok: true,
      complete: true,
      role: 'seconde',
    });
    expect(approuver('a', 1, { validePar: null, approuvePar: null })).toMatchObject({ ok: true, complete: true });
  });

  it('property: one user alone never completes a two-approval règlement', () => {
    fc.assert(
      fc.property(fc.constantFrom('a', 'b'), (user) => {
        const first = approuver(user, 2, { validePar: null, approuvePar: null });
        const again = approuver(user, 2, { validePar: user, approuvePar: null });
        return first.ok && !first.complete && !again.ok;
      }),
    );
  });
});

describe('regularisation and negative balances', () => {
  it('pays the difference with what earlier versions settled', () => {
    // v1 paid 1 234,56 €; v2 after a requalification MO → CLM is 2 000,00 €: 2 000,00 − 1 234,56 = 765,44
    expect(regularisationDecompte(200_000, 123_456)).toBe(76_544);
    // v3 after a late reprise is 1 500,00 €: 1 500,00 − 2 000,00 = −500,00
    expect(regularisationDecompte(150_000, 200_000)).toBe(-50_000);
  });

  it('carries a zero or negative balance instead of paying it', () => {
    expect(soldePayable([76_544, -50_000])).toEqual({ total: 26_544, payable: true });
    expect(soldePayable([-50_000, 20_000])).toEqual({ total: -30_000, payable: false });
    expect(soldePayable([])).toEqual({ total: 0, payable: false });
  });

  it('property: the total is the sum, payable exactly when positive', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 })), (ms) => {
        const r = soldePayable(ms);
        return r.total === ms.reduce((a, b) => a + b, 0) && r.payable === r.total > 0;
      }),
    );
  });
});

describe('bank details', () => {
  it('normalises and displays a French IBAN, refuses a wrong key', () => {
    expect(normaliserIban('fr76 3000 6000 0112 3456 7890 189')).toBe('FR7630006000011234567890189');
    expect(afficherIban('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(normaliserIban('FR7630006000011234567890188')).toBeNull();
  });

  it('validates the form with French messages', () => {
    const ok = ZCoordonneesBancairesInput.safeParse({
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      bic: 'agrifrpp',
      titulaire: 'Commune de Lille',
    });
    expect(ok.success && ok.data).toEqual({
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
      titulaire: 'Commune de Lille',
    });
    const bad = ZCoordonneesBancairesInput.safeParse({ iban: 'FR00 1234', bic: 'XX', titulaire: '' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['iban', 'IBAN invalide : recopiez-le depuis son RIB (en France, 27 caractères commençant par FR76…).'],
      ['bic', 'BIC invalide : 8 ou 11 caractères (ex. AGRIFRPP ou AGRIFRPP882).'],
      ['titulaire', 'Titulaire du compte : champ obligatoire.'],
    ]);
  });

  it('numbers décomptes readably', () => {
    expect(numeroDecompte(2026, 123)).toBe('D-2026-000123');
  });
});
