import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AppelOuvert,
  compacterReference,
  contientReference,
  empreintesLignes,
  type LigneReleve,
  rapprocher,
} from './rapprochement.rules.js';

let rang = 0;
function ligne(montant: number, libelle: string, more: Partial<LigneReleve> = {}): LigneReleve {
  rang++;
  return {
    ligne: rang,
    date: '2027-03-15',
    dateValeur: null,
    montant,
    sens: 'credit',
    libelle,
    references: [],
    emetteur: null,
    referenceBanque: null,
    ...more,
  };
}

/** Two calls: Lille pays 4 quarterly instalments of 1 250,00 €, Roubaix one annual 3 000,00 €. */
const APPELS: AppelOuvert[] = [
  {
    id: 'lille',
    reference: 'AC-2027-0042',
    echeances: [
      { id: 't1', restantDu: 125_000 },
      { id: 't2', restantDu: 125_000 },
      { id: 't3', restantDu: 125_000 },
      { id: 't4', restantDu: 125_000 },
    ],
  },
  { id: 'roubaix', reference: 'AC-2027-0043', echeances: [{ id: 'annuel', restantDu: 300_000 }] },
];

describe('references found in noisy bank text', () => {
  it.each([
    ['VIR SEPA COMMUNE DE LILLE REF AC-2027-0042 COTIS T1', true],
    ['vir sepa ac 2027 0042', true], // spaces instead of dashes, lower case
    ['PRLV AC20270042COTISATION', true], // glued to a word: letters after digits
    ['Réf. : Ac-2027/0042', true], // accent and slash
    ['VIR AC-2027-00421', false], // another number: the digits go on
    ['VIR XAC-2027-0042', false], // letters before the letters of the reference
    ['VIR AC-2027-0043', false],
    ['', false],
  ])('%s → %s', (text, found) => {
    expect(contientReference(text, 'AC-2027-0042')).toBe(found);
  });

  it('compacts to upper-case letters and digits only', () => {
    expect(compacterReference(' ac-2027 / 0042 é')).toBe('AC20270042E');
  });
});

describe('rapprocher', () => {
  it('classifies matched, partial, overpaid, unknown, duplicate and debit lines', () => {
    const lignes = [
      // 1 250,00 € for Lille: exactly its first instalment.
      ligne(125_000, 'VIR COMMUNE DE LILLE AC 2027 0042 ECHEANCE 1'),
      // 1 000,00 € for Roubaix, reference in the structured field: 3 000 − 1 000 = 2 000 left.
      ligne(100_000, 'VIR CCAS', { references: ['ac20270043'] }),
      // A debit: bank fees.
      ligne(1_250, 'FRAIS TENUE DE COMPTE', { sens: 'debit' }),
      // No reference at all.
      ligne(50_000, 'VIREMENT MAIRIE DE HEM'),
      // 2 600,00 € for Roubaix: pays the 2 000,00 € left, 600,00 € too much.
      ligne(260_000, 'COTISATION AC-2027-0043'),
      // Already imported.
      ligne(125_000, 'VIR AC-2027-0042', { date: '2027-02-01' }),
    ];
    const deja = new Set([empreintesLignes(lignes)[5]!]);
    const r = rapprocher(lignes, APPELS, deja);
    expect(r.debits).toEqual([lignes[2]!.ligne]);
    expect(r.lignes.map((l) => [l.statut, l.appels, l.affectations, l.excedent, l.resteDu])).toEqual([
      // Lille owed 4 × 1 250 = 5 000; 3 750 left.
      ['rapproche', ['lille'], [{ appelId: 'lille', echeanceId: 't1', montant: 125_000 }], 0, 375_000],
      ['partiel', ['roubaix'], [{ appelId: 'roubaix', echeanceId: 'annuel', montant: 100_000 }], 0, 200_000],
      ['inconnu', [], [], 0, 0],
      ['trop_percu', ['roubaix'], [{ appelId: 'roubaix', echeanceId: 'annuel', montant: 200_000 }], 60_000, 0],
      ['doublon', [], [], 0, 0],
    ]);
  });

  it('spreads a payment over the instalments in order, and over two calls quoted in one transfer', () => {
    // 1 250 + 1 250 + 500 = 3 000 for Lille: t1, t2 paid, t3 partly (750 left), then nothing for Roubaix.
    const r1 = rapprocher([ligne(300_000, 'AC-2027-0042 T1 T2 T3')], APPELS);
    expect(r1.lignes[0]).toMatchObject({
      statut: 'partiel',
      affectations: [
        { echeanceId: 't1', montant: 125_000 },
        { echeanceId: 't2', montant: 125_000 },
        { echeanceId: 't3', montant: 50_000 },
      ],
      resteDu: 75_000 + 125_000,
    });
    // Lille's 5 000 + Roubaix's 3 000 = 8 000 in one transfer quoting both.
    const r2 = rapprocher([ligne(800_000, 'AC-2027-0042 ET AC-2027-0043')], APPELS);
    expect(r2.lignes[0]).toMatchObject({ statut: 'rapproche', appels: ['lille', 'roubaix'], excedent: 0, resteDu: 0 });
    expect(r2.lignes[0]!.affectations).toHaveLength(5);
  });

  it('lets a later line of the same statement complete what an earlier one left', () => {
    // Roubaix: 1 000 then 2 000 = 3 000.
    const r = rapprocher([ligne(100_000, 'AC-2027-0043'), ligne(200_000, 'AC-2027-0043 SOLDE')], APPELS);
    expect(r.lignes.map((l) => [l.statut, l.resteDu])).toEqual([
      ['partiel', 200_000],
      ['rapproche', 0],
    ]);
  });

  it('finds the payer’s name too, and a call already paid makes any payment overpaid', () => {
    const paye: AppelOuvert = { id: 'paye', reference: 'AC-2027-0099', echeances: [{ id: 'a', restantDu: 0 }] };
    const r = rapprocher([ligne(10_000, 'VIREMENT', { emetteur: 'SIVOM AC-2027-0099' })], [paye]);
    expect(r.lignes[0]).toMatchObject({ statut: 'trop_percu', affectations: [], excedent: 10_000 });
  });
});

describe('fingerprints', () => {
  it('tell apart two identical transfers of one file, and are the same when the file is read again', () => {
    const a = ligne(10_000, 'VIR AC-2027-0042');
    const b = { ...a, ligne: a.ligne + 1 };
    const first = empreintesLignes([a, b]);
    expect(first[0]).not.toBe(first[1]);
    expect(
      empreintesLignes([
        { ...a, ligne: 7 },
        { ...b, ligne: 8 },
      ]),
    ).toEqual(first);
    const r = rapprocher([a, b], APPELS, new Set(first));
    expect(r.lignes.map((l) => l.statut)).toEqual(['doublon', 'doublon']);
  });

  it('use the bank’s entry id when there is one, whatever the text', () => {
    const a = ligne(10_000, 'VIR AC-2027-0042', { referenceBanque: 'XK-001' });
    expect(empreintesLignes([a])).toEqual(empreintesLignes([{ ...a, libelle: 'VIR AC 2027 0042 (relu)' }]));
  });
});

describe('properties', () => {
  const arbLigne = fc.record({
    montant: fc.integer({ min: 1, max: 10_000_000 }),
    sens: fc.constantFrom('credit' as const, 'credit' as const, 'debit' as const),
    appel: fc.integer({ min: -1, max: 2 }),
    bruit: fc.string({ maxLength: 12 }),
  });
  const arbAppels = fc.array(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 4 }), {
    minLength: 3,
    maxLength: 3,
  });
  const build = (
    specs: { montant: number; sens: 'credit' | 'debit'; appel: number; bruit: string }[],
    dus: number[][],
  ) => {
    const appels: AppelOuvert[] = dus.map((echeances, i) => ({
      id: `a${i}`,
      reference: `AC-2027-000${i + 1}`,
      echeances: echeances.map((restantDu, j) => ({ id: `e${j}`, restantDu })),
    }));
    const lignes: LigneReleve[] = specs.map((s, i) =>
      ligne(s.montant, `${s.bruit} ${s.appel >= 0 ? `VIR AC 2027 000${s.appel + 1}` : 'SANS REFERENCE'} `, {
        ligne: i + 1,
        sens: s.sens,
      }),
    );
    return { appels, lignes };
  };

  it('never gives an instalment more than it owed, and every cent of a matched line is either given or overpaid', () => {
    fc.assert(
      fc.property(fc.array(arbLigne, { maxLength: 15 }), arbAppels, (specs, dus) => {
        const { appels, lignes } = build(specs, dus);
        const r = rapprocher(lignes, appels);
        const given = new Map<string, number>();
        for (const l of r.lignes) {
          const source = lignes.find((x) => x.ligne === l.ligne)!;
          const total = l.affectations.reduce((s, a) => s + a.montant, 0);
          if (l.statut === 'inconnu' || l.statut === 'doublon') {
            if (total !== 0 || l.excedent !== 0) return false;
            continue;
          }
          if (total + l.excedent !== source.montant) return false;
          if ((l.statut === 'trop_percu') !== l.excedent > 0) return false;
          for (const a of l.affectations) {
            const k = `${a.appelId}/${a.echeanceId}`;
            given.set(k, (given.get(k) ?? 0) + a.montant);
          }
        }
        for (const a of appels)
          for (const e of a.echeances) if ((given.get(`${a.id}/${e.id}`) ?? 0) > e.restantDu) return false;
        // Every line is either a debit or classified once.
        return r.debits.length + r.lignes.length === lignes.length;
      }),
    );
  });

  it('importing the same statement a second time finds only duplicates', () => {
    fc.assert(
      fc.property(fc.array(arbLigne, { maxLength: 15 }), arbAppels, (specs, dus) => {
        const { appels, lignes } = build(specs, dus);
        const first = rapprocher(lignes, appels);
        const again = rapprocher(lignes, appels, new Set(first.lignes.map((l) => l.empreinte)));
        return again.lignes.every((l) => l.statut === 'doublon');
      }),
    );
  });

  it('does not depend on case, accents or spacing of the reference', () => {
    fc.assert(
      fc.property(fc.constantFrom(' ', '-', '/', '.', '', '  '), fc.boolean(), (sep, lower) => {
        const ref = ['AC', '2027', '0042'].join(sep);
        return contientReference(`VIR ${lower ? ref.toLowerCase() : ref} FIN`, 'AC-2027-0042');
      }),
    );
  });
});
