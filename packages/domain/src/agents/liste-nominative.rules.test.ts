import { describe, expect, it } from 'vitest';
import {
  agentIncomplet,
  importManques,
  LISTE_COLUMNS,
  mapHeader,
  matchHeader,
  parseFrenchDate,
  parseListeLine,
  parseTempsTravail,
} from './liste-nominative.rules.js';

/** Hand-checked dates below are relative to this day. */
const TODAY = '2026-12-07';
const template = LISTE_COLUMNS.map((c) => c.header);
const header = (() => {
  const r = mapHeader(template);
  if (!r.ok) throw new Error('template header refused');
  return r.map;
})();

describe('en-têtes de la liste nominative', () => {
  it.each([
    ['NIR', 'nir'],
    ['N° de sécurité sociale', 'nir'],
    ['\uFEFFnir', 'nir'],
    ['PRENOM', 'prenom'],
    ['Prénom', 'prenom'],
    ["Date d'entrée", 'dateEntree'],
    ['DATE D ENTREE', 'dateEntree'],
    ['Temps de travail', 'tempsTravail'],
    ['Date de sortie', null],
  ])('%s → %s', (cell, key) => {
    expect(matchHeader(cell)).toBe(key);
  });

  it('accepts columns in any order and lists the ignored ones', () => {
    const r = mapHeader(['Prénom', 'Nom', 'Date de sortie', 'NIR', 'Statut', 'Régime', "Date d'entrée"]);
    expect(r.ok && r.map.ignored).toEqual(['Date de sortie']);
  });

  it('names every missing required column', () => {
    const r = mapHeader(['Nom', 'Emploi']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]!.message).toBe(
      'Colonnes obligatoires absentes : NIR, Prénom, Régime, Statut, Date d’entrée. Partez du modèle à télécharger.',
    );
  });
});

describe('lignes de la liste nominative', () => {
  it('reads a complete line', () => {
    const r = parseListeLine(
      [
        '1841276451089',
        'Dupont',
        'Émile',
        'cnracl',
        'Titulaire',
        '01/01/2018',
        'Policier municipal',
        'Brigadier',
        '28',
      ],
      header,
      2,
      TODAY,
    );
    expect(r).toEqual({
      ok: true,
      agent: {
        nir: '1841276451089',
        nirCle: null,
        nirTemporaire: false,
        nom: 'DUPONT',
        nomUsage: null,
        prenom: 'Émile',
        sexe: 'M',
        dateNaissance: null,
        regime: 'CNRACL',
        statut: 'titulaire',
        dateEntree: '2018-01-01',
        emploi: 'Policier municipal',
        grade: 'Brigadier',
        tempsTravail: 'non_complet',
        heuresHebdo: 2800,
        service: null,
        dateDepart: null,
      },
    });
  });

  /** A line of the template with these cells (by header) over a valid agent. */
  const line = (cells: Record<string, string>) => {
    const base: Record<string, string> = {
      NIR: '1841276451089',
      Nom: 'Dupont',
      Prénom: 'Émile',
      Régime: 'CNRACL',
      Statut: 'titulaire',
      'Date d’entrée': '01/01/2018',
      ...cells,
    };
    return parseListeLine(
      template.map((h) => base[h] ?? ''),
      header,
      2,
      TODAY,
    );
  };

  it('reads every column the agents export writes', () => {
    const r = line({
      'Nom d’usage': 'Martin',
      'Date de naissance': '03/12/1984',
      Service: 'Police municipale',
      'Date de départ': '31/08/2026',
      'Temps de travail': '7h45',
      Régime: 'IRCANTEC',
      Statut: 'contractuel',
    });
    expect(r.ok && r.agent).toMatchObject({
      nomUsage: 'MARTIN',
      dateNaissance: '1984-12-03',
      sexe: 'M',
      service: 'Police municipale',
      dateDepart: '2026-08-31',
      tempsTravail: 'non_complet',
      heuresHebdo: 775,
    });
    expect(
      line({ NIR: '2690549588157' }).ok && (line({ NIR: '2690549588157' }) as { agent: { sexe: string } }).agent.sexe,
    ).toBe('F');
    expect(
      line({ NIR: '7841276451089' }).ok && (line({ NIR: '7841276451089' }) as { agent: { sexe: null } }).agent.sexe,
    ).toBeNull();
  });

  it.each([
    [{ NIR: '7841276451089', Sexe: 'Femme' }, 'F'],
    [{ NIR: '7841276451089', Sexe: 'h' }, 'M'],
    [{ NIR: '7841276451089' }, null],
    [{ NIR: '1841276451089', Sexe: 'Homme' }, 'M'],
  ] as const)('sexe %j → %s', (cells, sexe) => {
    const r = line(cells);
    expect(r.ok && r.agent.sexe).toBe(sexe);
  });

  it('refuses a sex the NIR contradicts', () => {
    const r = line({ NIR: '1841276451089', Sexe: 'Femme' });
    expect(!r.ok && r.errors).toEqual([
      { ligne: 2, colonne: 'Sexe', message: 'Le NIR commence par 1 (homme) : il ne correspond pas au sexe « Femme ».' },
    ]);
  });

  it.each([
    // One year ahead at most (07/12/2027); 2031 is a typing error.
    [{ 'Date d’entrée': '07/12/2027' }, null],
    [
      { 'Date d’entrée': '08/12/2027' },
      ['Date d’entrée', 'trop lointaine : au plus 12 mois après aujourd’hui, soit le 07/12/2027'],
    ],
    [{ 'Date d’entrée': '01/09/2031' }, ['Date d’entrée', 'trop lointaine']],
    // The NIR 1 84 12 … says born in December 1984.
    [
      { 'Date de naissance': '03/11/1984' },
      ['Date de naissance', 'mois de naissance 12 (chiffres 4 et 5) : le mois saisi est 11'],
    ],
    [{ 'Date de naissance': '03/12/1985' }, ['Date de naissance', 'naissance en 84']],
    // An unknown month (NIR month 30) is legal: no error.
    [{ NIR: '1843076451089', 'Date de naissance': '03/06/1984' }, null],
    [{ 'Date de naissance': '03/12/2026', NIR: '1261276451089', 'Date d’entrée': '04/12/2026' }, null],
    [
      { 'Date de naissance': '08/12/2026', NIR: '1261276451089', 'Date d’entrée': '09/12/2026' },
      ['Date de naissance', 'dans le futur'],
    ],
    [
      { 'Date de naissance': '03/12/1984', 'Date d’entrée': '01/01/1980' },
      ['Date de naissance', 'postérieure à la date d’entrée'],
    ],
    [{ 'Date de départ': '31/12/2017' }, ['Date de départ', 'ne peut précéder l’entrée']],
    [{ 'Date de naissance': '31/02/1984' }, ['Date de naissance', 'invalide']],
  ] as const)('dates %j', (cells, expected) => {
    const r = line(cells);
    if (expected === null) {
      expect(r.ok).toBe(true);
      return;
    }
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.colonne)).toEqual([expected[0]]);
    expect(!r.ok && r.errors[0]!.message).toContain(expected[1]);
  });

  it('lists every problem of a line with its column', () => {
    const r = parseListeLine(
      ['184127645108947', '', 'Léa', 'MSA', 'Chef', '31/02/2020', '', '', 'beaucoup'],
      header,
      7,
      TODAY,
    );
    expect(r.ok).toBe(false);
    const errors = !r.ok ? r.errors : [];
    expect(errors.map((e) => [e.ligne, e.colonne])).toEqual([
      [7, 'Nom'],
      [7, 'NIR'],
      [7, 'Régime'],
      [7, 'Statut'],
      [7, 'Date d’entrée'],
      [7, 'Temps de travail'],
    ]);
    expect(errors[1]!.message).toContain('clé du NIR est fausse');
  });

  it('applies the CNRACL affiliation rules', () => {
    const contractuel = parseListeLine(
      ['1841276451089', 'A', 'B', 'CNRACL', 'contractuel', '01/01/2020', '', '', ''],
      header,
      2,
      TODAY,
    );
    expect(!contractuel.ok && contractuel.errors[0]!.message).toContain('IRCANTEC');
    const partTime = parseListeLine(
      ['1841276451089', 'A', 'B', 'CNRACL', 'titulaire', '01/01/2020', '', '', '17,5'],
      header,
      2,
      TODAY,
    );
    expect(!partTime.ok && partTime.errors[0]!.message).toContain('17 h 30');
  });

  it.each([
    ['01/01/2018', '2018-01-01'],
    ['1/3/2020', '2020-03-01'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2023', null],
    ['2018-01-01', null],
    ['31/12/1899', null],
  ])('date %s → %s', (text, iso) => {
    expect(parseFrenchDate(text)).toBe(iso);
  });

  it.each([
    ['complet', 'complet', null],
    ['Temps complet', 'complet', null],
    ['TC', 'complet', null],
    ['35', 'complet', null],
    ['28', 'non_complet', 2800],
    ['28 h', 'non_complet', 2800],
    ['17,5', 'non_complet', 1750],
    ['17h30', 'non_complet', 1750],
    ['7h45', 'non_complet', 775],
    ['7 h 45', 'non_complet', 775],
    ['7:45', 'non_complet', 775],
    ['7,75', 'non_complet', 775],
    ['7.75', 'non_complet', 775],
    ['non complet 28 h', 'non_complet', 2800],
    ['TNC 30,5 h', 'non_complet', 3050],
    ['TNC 20h', 'non_complet', 2000],
    ['', null, null],
  ])('temps de travail %j', (text, temps, heures) => {
    expect(parseTempsTravail(text)).toEqual({ ok: true, temps, heures });
  });

  it.each(['non complet', '40', 'beaucoup', '7h75', '0'])('temps de travail refusé : %j', (text) => {
    expect(parseTempsTravail(text).ok).toBe(false);
  });
});

describe('agent incomplet', () => {
  it.each([
    [null, null, true],
    [null, 'complet', true],
    ['1984-12-01', null, true],
    ['1984-12-01', 'non_complet', false],
  ] as const)('naissance %s, temps %s → %s', (dateNaissance, tempsTravail, incomplet) => {
    expect(agentIncomplet({ dateNaissance, tempsTravail })).toBe(incomplet);
  });
});

describe('ce qui manque aux agents importés', () => {
  it.each([
    [0, 0, ''],
    [
      3,
      0,
      'Parmi les agents du fichier, 3 n’ont pas de date de naissance : complétez leur fiche avant de leur déclarer un sinistre.',
    ],
    [
      0,
      1,
      'Parmi les agents du fichier, 1 n’a pas de temps de travail : complétez leur fiche avant de leur déclarer un sinistre.',
    ],
    [
      1200,
      2,
      'Parmi les agents du fichier, 1\u202f200 n’ont pas de date de naissance et 2 n’ont pas de temps de travail : complétez leur fiche avant de leur déclarer un sinistre.',
    ],
  ])('%i sans naissance, %i sans temps → %j', (sansDateNaissance, sansTempsTravail, text) => {
    expect(importManques({ sansDateNaissance, sansTempsTravail })).toBe(text);
  });
});
