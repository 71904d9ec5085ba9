import { elementLabels, formatEuros } from '@statutis/domain';
import { describe, expect, it } from 'vitest';
import { pdfPages, pdfText } from '../../../test/pdf-text.js';
import { type AvisReglementInput, documentAvisReglement, maskIban } from './avis-reglement.pdf.js';
import { type DecompteInput, documentDecompte, type LigneDecompte } from './decompte.pdf.js';
import { fields, heading, paragraph, renderDocument, table } from './document.js';

/** Names as people type them: Turkish, Polish, Vietnamese, an apostrophe and a hyphen, Danish. */
const NAMES = ['Ünal Çakır', 'Łukasz Żółw', 'Nguyễn Thị', 'O’Brien-Müller', 'Ørsted'];

const NNBSP = '\u202f';
const NBSP = '\u00a0';

function decompte(lignes: LigneDecompte[], over: Partial<DecompteInput> = {}): DecompteInput {
  return {
    organisation: 'CDG de la Lozère',
    numero: 'D-2026-000123',
    editeLe: '2026-12-07',
    collectivite: { nom: 'Commune de Saint-Étienne-du-Valdonnez' },
    agent: { nom: 'CHEVALIER', prenom: 'Anaïs' },
    sinistre: { numero: '2026-000042', categorie: 'maladie_ordinaire' },
    periode: { debut: '2025-03-03', fin: '2025-05-11' },
    joursFranchise: 15,
    joursCarence: 1,
    lignes,
    totaux: { elements: 337_087, ijss: 0, taux: 100, rembourse: 337_087 },
    ...over,
  };
}

/*
 * domain.md §6's worked example: IM 400, TBI 1 969,11 € and NBI 73,84 € a month, MO from 03/03/2025
 * (carence 03/03, franchise 15 days) to 11/05/2025, paid at 90 % from 18/03. March: 18–31 = 14/30; April:
 * 30/30; May: 1–11 = 11/30. Lines: TBI 1 969,11 × 14/30 × 0,9 = 827,0262 → 827,03; NBI 73,84 × 0,42 =
 * 31,0128 → 31,01; April 1 772,199 → 1 772,20 and 66,456 → 66,46; May (× 0,33) 649,8063 → 649,81 and
 * 24,3672 → 24,37. The total is the engine's, rounded per month (§6.1 rule 15): 2 042,95 × 0,42 = 858,039
 * → 858,04; × 0,9 = 1 838,655 → 1 838,66; × 0,33 = 674,1735 → 674,17; sum 3 370,87 €, printed as given
 * (the rounded lines add up to 3 370,88).
 */
const EXEMPLE: LigneDecompte[] = [
  { mois: '2025-03', element: elementLabels.tbi, trentiemes: 14, fraction: 0.9, montant: 82_703 },
  { mois: '2025-03', element: elementLabels.nbi, trentiemes: 14, fraction: 0.9, montant: 3_101 },
  { mois: '2025-04', element: elementLabels.tbi, trentiemes: 30, fraction: 0.9, montant: 177_220 },
  { mois: '2025-04', element: elementLabels.nbi, trentiemes: 30, fraction: 0.9, montant: 6_646 },
  { mois: '2025-05', element: elementLabels.tbi, trentiemes: 11, fraction: 0.9, montant: 64_981 },
  { mois: '2025-05', element: elementLabels.nbi, trentiemes: 11, fraction: 0.9, montant: 2_437 },
];

function avis(over: Partial<AvisReglementInput> = {}): AvisReglementInput {
  return {
    organisation: 'CDG de la Lozère',
    numero: 'R-2026-000007',
    periode: { debut: '2026-11-01', fin: '2026-11-30' },
    datePaiement: '2026-12-04',
    editeLe: '2026-12-07',
    collectivite: { nom: 'Commune de Saint-Étienne-du-Valdonnez', adresse: ['Mairie', '48000 Saint-Étienne'] },
    beneficiaire: { nom: 'Commune de Saint-Étienne-du-Valdonnez', iban: 'FR76 3000 6000 0112 3456 7890 189' },
    lignes: [
      {
        decompte: 'D-2026-000123',
        sinistre: '2026-000042',
        agent: { nom: 'CHEVALIER', prenom: 'Anaïs' },
        periode: { debut: '2026-11-01', fin: '2026-11-30' },
        montant: 204_295,
      },
      {
        decompte: 'D-2026-000124',
        sinistre: '2026-000043',
        agent: { nom: 'MARTIN', prenom: 'Paul' },
        periode: { debut: '2026-10-01', fin: '2026-10-31' },
        montant: -12_050,
      },
    ],
    ...over,
  };
}

describe('document layer', () => {
  it('prints every name as typed, with the euro sign and French number spacing', async () => {
    const pdf = await renderDocument(
      { title: 'Essai', author: NAMES[0]!, organisation: NAMES[4]!, reference: NAMES[3], footer: NAMES[1]! },
      [
        fields(NAMES.map((n, i) => [`Nom ${i + 1}`, n])),
        paragraph(`${NAMES.join(', ')} : ${formatEuros(123_456)}`),
        table([{ header: 'Nom' }, { header: 'Montant', amount: true }], [[NAMES[2]!, 123_456]]),
      ],
    );
    const text = pdfText(pdf);
    for (const [i, name] of NAMES.entries()) expect(text).toContain(`Nom ${i + 1} ${name}`);
    // formatEuros: narrow no-break space between thousands, no-break space before « € ».
    expect(formatEuros(123_456)).toBe(`1${NNBSP}234,56${NBSP}€`);
    expect(text).toContain(`Ünal Çakır, Łukasz Żółw, Nguyễn Thị, O’Brien-Müller, Ørsted : 1${NNBSP}234,56${NBSP}€`);
    expect(text).toContain(`Nguyễn Thị 1${NNBSP}234,56${NBSP}€`);
    // The header (organisation, reference) and the footer (its line, the page count) of the only page.
    expect(text.split('\n')[0]).toBe('Ørsted O’Brien-Müller');
    expect(text.split('\n').at(-1)).toBe('Łukasz Żółw Page 1 sur 1');
  });
});

describe('page breaks', () => {
  it('never leave a heading or a table’s header row alone at the bottom of a page', async () => {
    // About 37 short paragraphs fill a page: the heading and the table fall across its end.
    for (let n = 31; n <= 37; n++) {
      const pages = pdfPages(
        await renderDocument({ title: 'T', author: 'A', organisation: 'O', footer: 'F' }, [
          ...Array.from({ length: n }, (_, i) => paragraph(`Ligne ${i + 1}`)),
          heading('Titre de section'),
          table([{ header: 'Colonne' }], [['a'], ['b']]),
        ]),
      );
      const lastLine = pages[0]!.split('\n').at(-2);
      expect(lastLine, `${n} paragraphes`).toMatch(/^(Ligne \d+|b)$/);
    }
  });
});

describe('documentDecompte', () => {
  it('prints domain.md §6’s worked example: lines, days not paid, totals', async () => {
    const text = pdfText(await documentDecompte(decompte(EXEMPLE)));
    for (const expected of [
      'CDG de la Lozère Décompte n° D-2026-000123',
      'Décompte de remboursement',
      'Collectivité Commune de Saint-Étienne-du-Valdonnez',
      'Agent CHEVALIER Anaïs',
      'Sinistre n° 2026-000042 — Maladie ordinaire',
      'Période du 03/03/2025 au 11/05/2025',
      'Jours de franchise 15 jours',
      'Jours de carence 1 jour',
      'Mois Élément Trentièmes Fraction Montant',
      `mars 2025 Traitement brut indiciaire (TBI) 14/30 90${NBSP}% 827,03${NBSP}€`,
      `avril 2025 Nouvelle bonification indiciaire (NBI) 30/30 90${NBSP}% 66,46${NBSP}€`,
      `mai 2025 Traitement brut indiciaire (TBI) 11/30 90${NBSP}% 649,81${NBSP}€`,
      `Total des éléments 3${NNBSP}370,87${NBSP}€`,
      `Remboursement à 100${NBSP}% 3${NNBSP}370,87${NBSP}€`,
      'Décompte n° D-2026-000123 — sinistre 2026-000042 — édité le 07/12/2026 avec Statutis Page 1 sur 1',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('Régularisation');
    expect(text).not.toContain('IJSS');
  });

  it('a new version prints what was already paid and the regularisation, negative included', async () => {
    const text = pdfText(
      await documentDecompte(
        decompte(EXEMPLE, {
          version: 2,
          totaux: { elements: 337_087, ijss: 12_000, taux: 95.5, rembourse: 310_457, dejaRegle: 337_087 },
          mentions: ['Salaires : version du 12/03/2025. Garantie : contrat 2025, version du 01/01/2025.'],
        }),
      ),
    );
    expect(text).toContain('Décompte de remboursement (version 2)');
    expect(text).toContain(`IJSS déduites -120,00${NBSP}€`);
    expect(text).toContain(`Remboursement à 95,5${NBSP}% 3${NNBSP}104,57${NBSP}€`);
    expect(text).toContain(`Déjà réglé -3${NNBSP}370,87${NBSP}€`);
    // 3 104,57 − 3 370,87 = −266,30.
    expect(text).toContain(`Régularisation -266,30${NBSP}€`);
    expect(text).toContain('Salaires : version du 12/03/2025. Garantie : contrat 2025, version du 01/01/2025.');
  });

  it('120 lines run over several pages, each with the organisation, the table’s header and its number', async () => {
    const lignes = Array.from({ length: 120 }, (_, i): LigneDecompte => {
      const month = `${2020 + Math.floor(i / 24)}-${String(1 + (Math.floor(i / 2) % 12)).padStart(2, '0')}`;
      return {
        mois: month,
        element: i % 2 ? elementLabels.nbi : elementLabels.tbi,
        trentiemes: 30,
        fraction: 1,
        montant: 100_000 + i,
      };
    });
    const pages = pdfPages(await documentDecompte(decompte(lignes)));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const second = pages[1]!.split('\n');
    expect(second[0]).toBe('CDG de la Lozère Décompte n° D-2026-000123');
    expect(second[1]).toBe('Mois Élément Trentièmes Fraction Montant');
    expect(second.at(-1)).toMatch(new RegExp(`^Décompte n° D-2026-000123 .* Page 2 sur ${pages.length}$`));
    // Every line is printed once, in order, whatever page it falls on.
    const body = pages.flatMap((p) => p.split('\n')).filter((l) => /\d\/30 100/.test(l));
    expect(body).toHaveLength(120);
    expect(body[0]).toBe(`janvier 2020 Traitement brut indiciaire (TBI) 30/30 100${NBSP}% 1${NNBSP}000,00${NBSP}€`);
    expect(body[119]).toBe(
      `décembre 2024 Nouvelle bonification indiciaire (NBI) 30/30 100${NBSP}% 1${NNBSP}001,19${NBSP}€`,
    );
    for (const [i, page] of pages.entries()) {
      const lines = page.split('\n');
      expect(lines[0]).toBe('CDG de la Lozère Décompte n° D-2026-000123');
      if (i > 0) expect(lines[1]).toBe('Mois Élément Trentièmes Fraction Montant');
      expect(lines.at(-1)).toMatch(new RegExp(`Page ${i + 1} sur ${pages.length}$`));
    }
  });
});

describe('documentAvisReglement', () => {
  it.each([
    ['FR76 3000 6000 0112 3456 7890 189', '•••• •••• •••• •••• •••• •••0 189'],
    ['fr7630006000011234567890189', '•••• •••• •••• •••• •••• •••0 189'],
    ['DE89370400440532013000', '•••• •••• •••• •••• ••30 00'],
    ['1234', '1234'],
  ])('masks %s as %s', (iban, masked) => {
    expect(maskIban(iban)).toBe(masked);
  });

  it('lists the décomptes paid, their total and the masked account', async () => {
    const text = pdfText(await documentAvisReglement(avis()));
    for (const expected of [
      'CDG de la Lozère Règlement n° R-2026-000007',
      'Commune de Saint-Étienne-du-Valdonnez\nMairie\n48000 Saint-Étienne',
      'Avis de règlement',
      'Règlement n° R-2026-000007 — du 01/11/2026 au 30/11/2026',
      'Date de paiement 04/12/2026',
      'Bénéficiaire Commune de Saint-Étienne-du-Valdonnez',
      'Compte crédité •••• •••• •••• •••• •••• •••0 189',
      // 2 042,95 − 120,50 = 1 922,45.
      `Montant du virement 1${NNBSP}922,45${NBSP}€`,
      'règlement des 2 décomptes ci-dessous',
      'Décompte Sinistre Agent Période Montant',
      `D-2026-000123 2026-000042 CHEVALIER Anaïs du 01/11/2026 au 30/11/2026 2${NNBSP}042,95${NBSP}€`,
      `D-2026-000124 2026-000043 MARTIN Paul du 01/10/2026 au 31/10/2026 -120,50${NBSP}€`,
      `Total 1${NNBSP}922,45${NBSP}€`,
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('3456 7890');
  });

  it('prints the payee’s and the agents’ names as typed', async () => {
    const text = pdfText(
      await documentAvisReglement(
        avis({
          collectivite: { nom: 'Commune d’Ørsted' },
          beneficiaire: { nom: 'Cabinet O’Brien-Müller', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
          lignes: [
            ['Çakır', 'Ünal'],
            ['Żółw', 'Łukasz'],
            ['Nguyễn', 'Thị'],
          ].map(([nom, prenom], i) => ({
            decompte: `D-2026-00020${i}`,
            sinistre: `2026-00010${i}`,
            agent: { nom: nom!, prenom: prenom! },
            periode: { debut: '2026-11-01', fin: '2026-11-30' },
            montant: 1_000,
          })),
        }),
      ),
    );
    expect(text).toContain('Bénéficiaire Cabinet O’Brien-Müller');
    expect(text).toContain('BIC AGRIFRPP');
    expect(text).toContain('Commune d’Ørsted');
    // Files name agents « NOM Prénom »: Turkish dotless ı capitalises as I.
    for (const agent of ['ÇAKIR Ünal', 'ŻÓŁW Łukasz', 'NGUYỄN Thị']) expect(text).toContain(agent);
    expect(text).toContain(`Total 30,00${NBSP}€`);
  });
});
