import { describe, expect, it } from 'vitest';
import {
  agentIncomplet,
  LISTE_COLUMNS,
  mapHeader,
  matchHeader,
  parseFrenchDate,
  parseListeLine,
  parseTempsTravail,
} from './liste-nominative.rules.js';

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
    );
    expect(r).toEqual({
      ok: true,
      agent: {
        nir: '1841276451089',
        nirCle: null,
        nirTemporaire: false,
        nom: 'DUPONT',
        prenom: 'Émile',
        regime: 'CNRACL',
        statut: 'titulaire',
        dateEntree: '2018-01-01',
        emploi: 'Policier municipal',
        grade: 'Brigadier',
        tempsTravail: 'non_complet',
        heuresHebdo: 2800,
      },
    });
  });

  it('lists every problem of a line with its column', () => {
    const r = parseListeLine(
      ['184127645108947', '', 'Léa', 'MSA', 'Chef', '31/02/2020', '', '', 'beaucoup'],
      header,
      7,
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
    );
    expect(!contractuel.ok && contractuel.errors[0]!.message).toContain('IRCANTEC');
    const partTime = parseListeLine(
      ['1841276451089', 'A', 'B', 'CNRACL', 'titulaire', '01/01/2020', '', '', '17,5'],
      header,
      2,
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
    ['TNC 20h', 'non_complet', 2000],
    ['', null, null],
  ])('temps de travail %j', (text, temps, heures) => {
    expect(parseTempsTravail(text)).toEqual({ ok: true, temps, heures });
  });

  it.each(['non complet', '40', 'beaucoup'])('temps de travail refusé : %j', (text) => {
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
