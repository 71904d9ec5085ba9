import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkDateSoins,
  type FraisPourDecompte,
  fraisVersLignesDecompte,
  montantRetenu,
  ouvreFraisMedicaux,
} from './frais-medicaux.rules.js';
import {
  fraisMedicalSaisie,
  ZFraisAValiderQuery,
  ZFraisMedicalDecision,
  ZFraisMedicalSaisie,
  ZFraisMedicauxQuery,
} from './frais-medicaux.schemas.js';

const IBAN_KINE = 'FR7630006000011234567890189';
const IBAN_PHARMA = 'FR1420041010050500013M02606';

const frais = (over: Partial<FraisPourDecompte> & { id: string }): FraisPourDecompte => ({
  dateSoins: '2026-03-10',
  nature: 'consultation',
  prestataire: 'Dr Martin',
  montantRetenu: 2_500,
  statut: 'validee',
  beneficiaire: 'collectivite',
  beneficiaireNom: null,
  beneficiaireIban: null,
  decompteId: null,
  ...over,
});

describe('categories with medical fees', () => {
  it.each([
    ['accident_service', true],
    ['accident_trajet', true],
    ['maladie_professionnelle', true],
    ['maladie_ordinaire', false],
    ['clm', false],
    ['maternite', false],
  ] as const)('%s → %s', (categorie, attendu) => expect(ouvreFraisMedicaux(categorie)).toBe(attendu));
});

describe('montant retenu', () => {
  it.each([
    // real amount, nothing covered by the agent's own insurance
    [12_345, 0, 12_345],
    // 80,00 € invoiced, 56,00 € by the mutuelle → 80,00 − 56,00 = 24,00 €
    [8_000, 5_600, 2_400],
    // fully covered elsewhere: nothing left
    [8_000, 8_000, 0],
  ])('%i cents invoiced, %i covered → %i', (facture, couvert, retenu) =>
    expect(montantRetenu(facture, couvert)).toBe(retenu),
  );
});

describe('date des soins', () => {
  const context = { aujourdhui: '2026-12-07', dateSurvenance: '2026-03-02' };
  it('between the sinistre and today', () => {
    expect(checkDateSoins('2026-03-02', context)).toEqual([]);
    expect(checkDateSoins('2026-12-07', context)).toEqual([]);
  });
  it('not in the future', () =>
    expect(checkDateSoins('2026-12-08', context)[0]?.message).toBe(
      'La date des soins (08/12/2026) est dans le futur : saisissez une facture de soins déjà reçus, au plus tard aujourd’hui (07/12/2026).',
    ));
  it('not before the sinistre', () =>
    expect(checkDateSoins('2026-03-01', context)[0]?.message).toBe(
      'La date des soins (01/03/2026) précède le sinistre (survenu le 02/03/2026) : ces soins ne relèvent pas de ce dossier.',
    ));
});

describe('fraisVersLignesDecompte', () => {
  it('no fee, no line', () => expect(fraisVersLignesDecompte([])).toEqual([]));

  it('keeps only validated fees not yet on a décompte', () => {
    const lignes = fraisVersLignesDecompte([
      frais({ id: 'a', montantRetenu: 2_500 }),
      frais({ id: 'b', statut: 'saisie', montantRetenu: 1_000 }),
      frais({ id: 'c', statut: 'refusee', montantRetenu: 1_000 }),
      frais({ id: 'd', decompteId: 'dec-1', montantRetenu: 1_000 }),
      frais({ id: 'e', montantRetenu: 0 }),
    ]);
    expect(lignes).toEqual([
      {
        nature: 'frais_medicaux',
        beneficiaire: 'collectivite',
        beneficiaireNom: null,
        beneficiaireIban: null,
        montant: 2_500,
        libelle: 'Frais médicaux remboursés à la collectivité : 1 facture de soins du 10/03/2026',
        fraisIds: ['a'],
      },
    ]);
  });

  it('one line per payee: the collectivité, then each practitioner by IBAN, fees in date order', () => {
    const lignes = fraisVersLignesDecompte([
      frais({
        id: 'k2',
        dateSoins: '2026-03-20',
        montantRetenu: 4_200,
        beneficiaire: 'praticien',
        beneficiaireNom: 'Cabinet Kiné du Port',
        beneficiaireIban: IBAN_KINE,
      }),
      frais({ id: 'c1', dateSoins: '2026-03-12', montantRetenu: 2_500 }),
      frais({
        id: 'k1',
        dateSoins: '2026-03-13',
        montantRetenu: 4_200,
        beneficiaire: 'praticien',
        beneficiaireNom: 'Cabinet Kiné du Port',
        beneficiaireIban: IBAN_KINE,
      }),
      frais({ id: 'c2', dateSoins: '2026-03-03', montantRetenu: 1_234_56 }),
      frais({
        id: 'p1',
        dateSoins: '2026-03-04',
        montantRetenu: 1_899,
        beneficiaire: 'praticien',
        beneficiaireNom: 'Pharmacie Centrale',
        beneficiaireIban: IBAN_PHARMA,
      }),
    ]);
    expect(lignes.map((l) => [l.beneficiaireNom, l.montant, l.fraisIds, l.libelle])).toEqual([
      // 1 234,56 + 25,00 = 1 259,56 €
      [
        null,
        125_956,
        ['c2', 'c1'],
        'Frais médicaux remboursés à la collectivité : 2 factures de soins du 03/03/2026 au 12/03/2026',
      ],
      // IBAN « FR14… » sorts before « FR76… »
      [
        'Pharmacie Centrale',
        1_899,
        ['p1'],
        'Frais médicaux versés à Pharmacie Centrale : 1 facture de soins du 04/03/2026',
      ],
      // 42,00 + 42,00 = 84,00 €
      [
        'Cabinet Kiné du Port',
        8_400,
        ['k1', 'k2'],
        'Frais médicaux versés à Cabinet Kiné du Port : 2 factures de soins du 13/03/2026 au 20/03/2026',
      ],
    ]);
    expect(lignes[2]!.beneficiaireIban).toBe(IBAN_KINE);
  });

  const arbitraryFrais = fc.record({
    id: fc.uuid(),
    dateSoins: fc.constantFrom('2026-01-05', '2026-02-28', '2026-03-01', '2026-07-14'),
    nature: fc.constantFrom('consultation' as const, 'pharmacie' as const),
    prestataire: fc.constant('Dr Martin'),
    montantRetenu: fc.integer({ min: 0, max: 100_000_000 }),
    statut: fc.constantFrom('saisie' as const, 'validee' as const, 'refusee' as const),
    beneficiaire: fc.constantFrom('collectivite' as const, 'praticien' as const),
    beneficiaireNom: fc.constant('Dr Martin'),
    beneficiaireIban: fc.constantFrom(IBAN_KINE, IBAN_PHARMA),
    decompteId: fc.option(fc.constant('dec-1')),
  });

  it('property: every payable fee is on exactly one line, and the lines sum to the payable total', () =>
    fc.assert(
      fc.property(fc.array(arbitraryFrais, { maxLength: 30 }), (list) => {
        const payables = list.filter((f) => f.statut === 'validee' && f.decompteId === null && f.montantRetenu > 0);
        const lignes = fraisVersLignesDecompte(list);
        expect(lignes.flatMap((l) => l.fraisIds).sort()).toEqual(payables.map((f) => f.id).sort());
        expect(lignes.reduce((t, l) => t + l.montant, 0)).toBe(payables.reduce((t, f) => t + f.montantRetenu, 0));
        for (const l of lignes) expect(l.montant).toBeGreaterThan(0);
      }),
    ));

  it('property: the order of the input does not change the lines', () =>
    fc.assert(
      fc.property(fc.array(arbitraryFrais, { maxLength: 20 }), (list) => {
        expect(fraisVersLignesDecompte([...list].reverse())).toEqual(fraisVersLignesDecompte(list));
      }),
    ));
});

describe('the invoice form', () => {
  const valide = {
    dateSoins: '2026-03-10',
    nature: 'kinesitherapie',
    prestataire: 'Cabinet Kiné du Port',
    montantFacture: '1 234,56',
    beneficiaire: 'collectivite',
  };
  const errors = (input: unknown, schema = ZFraisMedicalSaisie) => {
    const r = schema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
  };

  it('reads the amounts as typed, and retains the real amount less what is already covered', () => {
    expect(ZFraisMedicalSaisie.parse({ ...valide, montantPrisEnCharge: '234,56 €' })).toEqual({
      dateSoins: '2026-03-10',
      nature: 'kinesitherapie',
      prestataire: 'Cabinet Kiné du Port',
      montantFacture: 123_456,
      montantPrisEnCharge: 23_456,
      // 1 234,56 − 234,56 = 1 000,00 €
      montantRetenu: 100_000,
      beneficiaire: 'collectivite',
      beneficiaireNom: null,
      beneficiaireIban: null,
    });
    expect(ZFraisMedicalSaisie.parse({ ...valide, montantPrisEnCharge: '' }).montantRetenu).toBe(123_456);
  });

  it.each([
    [
      { montantFacture: 'douze' },
      'montantFacture',
      'Montant facturé : saisissez un montant en euros, par exemple 1 234,56.',
    ],
    [{ montantFacture: '0' }, 'montantFacture', 'Montant facturé : le montant doit être supérieur à 0.'],
    [{ montantFacture: '1 000 000,01' }, 'montantFacture', 'Montant facturé : 1 000 000,00 € au plus par facture.'],
    [
      { montantPrisEnCharge: '2 000' },
      'montantPrisEnCharge',
      'Déjà pris en charge : ne peut dépasser le montant facturé.',
    ],
    [{ dateSoins: '2026-02-30' }, 'dateSoins', 'Date des soins : saisissez une date valide (JJ/MM/AAAA).'],
    [{ prestataire: '  ' }, 'prestataire', 'Praticien ou établissement : champ obligatoire.'],
    [
      {
        beneficiaire: 'praticien',
        beneficiaireNom: 'Dr Martin',
        beneficiaireIban: 'FR76 3000 6000 0112 3456 7890 188',
      },
      'beneficiaireIban',
      'IBAN du praticien invalide : recopiez-le depuis son RIB (en France, 27 caractères commençant par FR76…).',
    ],
    [
      { beneficiaire: 'praticien', beneficiaireIban: IBAN_KINE },
      'beneficiaireNom',
      'Nom du praticien à payer : champ obligatoire pour un paiement direct.',
    ],
  ])('%o → %s', (over, field, message) => expect(errors({ ...valide, ...over })).toContainEqual([field, message]));

  it('a practitioner paid directly: his IBAN as printed on a RIB, kept in electronic format', () => {
    const v = ZFraisMedicalSaisie.parse({
      ...valide,
      beneficiaire: 'praticien',
      beneficiaireNom: 'Cabinet Kiné du Port',
      beneficiaireIban: 'fr76 3000 6000 0112 3456 7890 189',
    });
    expect([v.beneficiaireNom, v.beneficiaireIban]).toEqual(['Cabinet Kiné du Port', IBAN_KINE]);
  });

  it('the date of care lies between the sinistre and today', () => {
    const schema = fraisMedicalSaisie({ aujourdhui: '2026-12-07', dateSurvenance: '2026-03-02' });
    expect(errors({ ...valide, dateSoins: '2026-12-08' }, schema)[0]?.[0]).toBe('dateSoins');
    expect(errors({ ...valide, dateSoins: '2026-03-01' }, schema)[0]?.[0]).toBe('dateSoins');
    expect(errors(valide, schema)).toEqual([]);
  });

  it('a refusal needs its motif', () => {
    expect(ZFraisMedicalDecision.safeParse({ action: 'refuser', motif: ' ' }).error?.issues[0]?.message).toBe(
      'Motif du refus : champ obligatoire.',
    );
    expect(ZFraisMedicalDecision.parse({ action: 'valider' })).toEqual({ action: 'valider' });
  });
});

describe('page keys', () => {
  const id = '0b7c6a9e-1111-4222-8333-444455556666';
  it('a sinistre’s list: « date_id »; the fees to decide: « instant_id »', () => {
    expect(ZFraisMedicauxQuery.safeParse({ apres: `2026-03-01_${id}` }).success).toBe(true);
    expect(ZFraisAValiderQuery.safeParse({ apres: `2026-03-01T10:00:00.000Z_${id}` }).success).toBe(true);
    expect(ZFraisMedicauxQuery.safeParse({ apres: `2026-03-01T10:00:00.000Z_${id}` }).error?.issues[0]?.message).toBe(
      'Clé de page invalide.',
    );
    expect(ZFraisAValiderQuery.safeParse({ apres: "x' OR 1=1" }).success).toBe(false);
  });
});
