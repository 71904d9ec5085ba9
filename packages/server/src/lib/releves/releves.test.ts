import { readFileSync } from 'node:fs';
import { type AppelOuvert, rapprocher } from '@statutis/domain';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { centsFromDecimal, lireReleve, RELEVE_TAILLE_MAX } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url));
const XSD_08 = fixture('camt.053.001.08.xsd').toString('utf8');

const APPELS: AppelOuvert[] = [
  { id: 'hellemmes', reference: 'AC-2027-0042', echeances: [{ id: 't1', restantDu: 125_000 }] },
  { id: 'roubaix', reference: 'AC-2027-0043', echeances: [{ id: 'a', restantDu: 300_000 }] },
  { id: 'sivom', reference: 'AC-2027-0044', echeances: [{ id: 'a', restantDu: 2_000_00 }] },
];

describe('CAMT.053', () => {
  it('the .001.08 fixture is valid against the ISO 20022 schema, and the schema does catch a missing element', async () => {
    const xml = fixture('releves/camt053-001-08.xml').toString('utf8');
    const ok = await validateXML({
      xml: [{ fileName: 'releve.xml', contents: xml }],
      schema: [{ fileName: 'camt.053.001.08.xsd', contents: XSD_08 }],
    });
    expect(ok.errors).toEqual([]);
    expect(ok.valid).toBe(true);
    // BkTxCd is mandatory in ReportEntry10: without it the schema refuses the file.
    const ko = await validateXML({
      xml: [{ fileName: 'releve.xml', contents: xml.replace(/<BkTxCd>.*?<\/BkTxCd>/, '') }],
      schema: [{ fileName: 'camt.053.001.08.xsd', contents: XSD_08 }],
    });
    expect(ko.valid).toBe(false);
  });

  it('reads .001.08: amounts in cents, direction, dates, references, payer, one line per transaction of a batch', async () => {
    const r = await lireReleve(fixture('releves/camt053-001-08.xml'));
    expect(r).toMatchObject({ ok: true, format: 'camt053' });
    if (!r.ok) return;
    expect(r.lignes).toEqual([
      {
        ligne: 29,
        date: '2027-03-15',
        dateValeur: '2027-03-15',
        montant: 125_000,
        sens: 'credit',
        libelle: '',
        references: ['AC-2027-0042'],
        emetteur: "COMMUNE D'HELLEMMES",
        referenceBanque: 'BQ20270315000001',
      },
      {
        ligne: 49,
        date: '2027-03-15',
        dateValeur: '2027-03-16',
        montant: 100_000,
        sens: 'credit',
        libelle: 'COTISATION ASSURANCE STATUTAIRE REF AC 2027 0043 ECHEANCE UNIQUE',
        references: ['MAIRIE-ROUBAIX-77'],
        emetteur: 'CCAS DE ROUBAIX',
        referenceBanque: 'BQ20270315000002',
      },
      {
        ligne: 70,
        date: '2027-03-15',
        dateValeur: null,
        montant: 1_250,
        sens: 'debit',
        libelle: 'FRAIS TENUE DE COMPTE',
        references: [],
        emetteur: null,
        referenceBanque: 'BQ20270315000003',
      },
      expect.objectContaining({
        ligne: 79,
        montant: 250_000,
        libelle: 'AC-2027-0044',
        emetteur: 'SIVOM DE LA VALLÉE',
        referenceBanque: 'BQ20270315000004/1',
      }),
      expect.objectContaining({
        ligne: 79,
        montant: 150_000,
        libelle: 'VIREMENT MAIRIE',
        emetteur: 'COMMUNE DE HEM',
        referenceBanque: 'BQ20270315000004/2',
      }),
    ]);
    // And what the matcher makes of it: the reference cut in two Ustrd lines is found.
    const m = rapprocher(r.lignes, APPELS);
    expect(m.lignes.map((l) => [l.statut, l.appels])).toEqual([
      ['rapproche', ['hellemmes']],
      ['partiel', ['roubaix']],
      ['trop_percu', ['sivom']],
      ['inconnu', []],
    ]);
    expect(m.lignes.map((l) => l.empreinte)).toHaveLength(new Set(m.lignes.map((l) => l.empreinte)).size);
  });

  it('reads .001.02: status as text, debtor without Pty, DtTm booking date, entities decoded; a pending entry is left out', async () => {
    const r = await lireReleve(fixture('releves/camt053-001-02.xml'));
    expect(r).toEqual({
      ok: true,
      format: 'camt053',
      lignes: [
        {
          ligne: 14,
          date: '2027-04-01',
          dateValeur: '2027-04-01',
          montant: 300_000,
          sens: 'credit',
          libelle: 'Cotisation 2027 VIR SEPA RECU',
          references: ['AC-2027-0043'],
          emetteur: 'Commune de Roubaix & CCAS',
          referenceBanque: 'E1',
        },
      ],
    });
  });

  it('refuses a DOCTYPE (no XXE, no entity expansion), malformed XML, another message, and lists every faulty entry', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>&x;</BkToCstmrStmt></Document>`;
    expect(await lireReleve(Buffer.from(xxe))).toMatchObject({
      ok: false,
      erreurs: [{ message: expect.stringContaining('DOCTYPE') }],
    });
    expect(await lireReleve(Buffer.from('<Document><BkToCstmrStmt>\n</Document>'))).toMatchObject({
      ok: false,
      erreurs: [{ ligne: 2, message: expect.stringContaining('XML mal formé à la ligne 2') }],
    });
    expect(
      await lireReleve(Buffer.from('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"></Document>')),
    ).toMatchObject({ ok: false, erreurs: [{ message: expect.stringContaining('pas un relevé bancaire CAMT.053') }] });

    const xml = fixture('releves/camt053-001-08.xml')
      .toString('utf8')
      .replace('<Amt Ccy="EUR">1250.00</Amt>', '<Amt Ccy="USD">1250.00</Amt>')
      .replace('<Amt Ccy="EUR">1000.00</Amt>', '<Amt Ccy="EUR">1000.005</Amt>')
      .replace('<CdtDbtInd>DBIT</CdtDbtInd>', '<CdtDbtInd>XXXX</CdtDbtInd>');
    const r = await lireReleve(Buffer.from(xml));
    expect(r).toEqual({
      ok: false,
      format: 'camt053',
      erreurs: [
        {
          ligne: 29,
          colonne: 'Ntry/Amt',
          message: 'Devise USD non prise en charge : seuls les montants en euros (EUR) sont rapprochés.',
        },
        {
          ligne: 49,
          colonne: 'Ntry/Amt',
          message: 'Montant « 1000.005 » invalide : attendu un nombre positif à deux décimales au plus (1234.56).',
        },
        {
          ligne: 70,
          colonne: 'Ntry/CdtDbtInd',
          message: 'Sens « XXXX » inconnu : attendu CRDT (crédit) ou DBIT (débit).',
        },
      ],
    });
  });

  it('cents from XML decimals', () => {
    expect([
      centsFromDecimal('1234.5'),
      centsFromDecimal('0.01'),
      centsFromDecimal('12.34000'),
      centsFromDecimal('7'),
    ]).toEqual([123_450, 1, 1_234, 700]);
    expect([centsFromDecimal('1.001'), centsFromDecimal('-1'), centsFromDecimal('1e3'), centsFromDecimal('')]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('CSV', () => {
  it('reads a Windows-1252 export with the account above the header, Débit/Crédit columns, quotes, a final balance', async () => {
    const r = await lireReleve(fixture('releves/releve-debit-credit-windows-1252.csv'));
    expect(r).toEqual({
      ok: true,
      format: 'csv',
      lignes: [
        {
          ligne: 5,
          date: '2027-03-15',
          dateValeur: '2027-03-15',
          montant: 125_000,
          sens: 'credit',
          libelle: "VIR SEPA COMMUNE D'HELLEMMES REF AC-2027-0042 COTIS T1",
          references: [],
          emetteur: null,
          referenceBanque: null,
        },
        expect.objectContaining({ ligne: 6, montant: 1_250, sens: 'debit', libelle: 'FRAIS TENUE DE COMPTE €' }),
        expect.objectContaining({
          ligne: 7,
          montant: 100_000,
          sens: 'credit',
          libelle: 'VIR CCAS DE ROUBAIX; ÉCHÉANCE AC 2027 0043',
          dateValeur: '2027-03-17',
        }),
      ],
    });
    if (!r.ok) return;
    expect(rapprocher(r.lignes, APPELS).lignes.map((l) => l.statut)).toEqual(['rapproche', 'partiel']);
  });

  it('reads a UTF-8 export with a BOM, one signed Montant column, ISO dates and a Référence column', async () => {
    const r = await lireReleve(fixture('releves/releve-montant-utf8.csv'));
    expect(r).toMatchObject({
      ok: true,
      lignes: [
        { ligne: 2, date: '2027-03-15', montant: 125_000, sens: 'credit', references: ['ac20270042'] },
        { ligne: 3, date: '2027-03-16', montant: 123_456, sens: 'debit', libelle: 'Prélèvement assurance' },
      ],
    });
  });

  it('lists every faulty line in French and keeps nothing', async () => {
    expect(await lireReleve(fixture('releves/releve-erreurs.csv'))).toEqual({
      ok: false,
      format: 'csv',
      erreurs: [
        { ligne: 2, colonne: 'Date', message: 'Date « 32/03/2027 » invalide : attendu JJ/MM/AAAA.' },
        {
          ligne: 3,
          colonne: 'Montant',
          message: 'Montant « douze » invalide : attendu par exemple 1 234,56 ou -1234,56.',
        },
        { ligne: 4, colonne: 'Montant', message: 'Montant absent.' },
      ],
    });
  });

  it('says what is missing when no header is found, refuses both débit and crédit, and a file too large', async () => {
    expect(await lireReleve(Buffer.from('a;b;c\n1;2;3\n'))).toMatchObject({
      ok: false,
      erreurs: [{ ligne: 1, message: expect.stringContaining('Date, Libellé et Montant (ou Débit et Crédit)') }],
    });
    expect(await lireReleve(Buffer.from('Date;Libellé;Débit;Crédit\n01/02/2027;X;1,00;2,00\n'))).toMatchObject({
      ok: false,
      erreurs: [
        { ligne: 2, colonne: 'Débit, Crédit', message: 'Une opération a un débit ou un crédit, pas les deux.' },
      ],
    });
    expect(await lireReleve(Buffer.alloc(RELEVE_TAILLE_MAX + 1, 0x41))).toMatchObject({
      ok: false,
      erreurs: [{ message: 'Fichier trop volumineux : 5 Mo au plus.' }],
    });
  });
});
