import { describe, expect, it } from 'vitest';
import type { TSinistreDetail } from './sinistres.schemas.js';
import { suiviDuSinistre } from './suivi.rules.js';

type Arret = TSinistreDetail['arrets'][number];
const arret = (debut: string, fin: string, reprise: string | null = null): Arret => ({
  id: `00000000-0000-4000-8000-${debut.replaceAll('-', '').padStart(12, '0')}`,
  type: 'initial',
  debut,
  fin,
  reprise,
  finCertificat: fin,
  jours: 1,
  horsDelai: false,
  declareLe: debut,
  quotiteTpt: null,
  salaire: { tbi: null, nbi: null, sft: null, ir: null, ri: null, cp: null },
  nePasProratiser: false,
  certificatRecuLe: null,
  grossesse: false,
  ald: false,
});
const enquete = {} as NonNullable<TSinistreDetail['enquete']>;
const reconnue = (arretTravail: boolean) => ({ decision: 'reconnue' as const, date: '2026-04-02', arretTravail });
const mo = {
  statut: 'brouillon' as const,
  categorie: 'maladie_ordinaire' as const,
  arrets: [] as Arret[],
  enquete: null,
  imputabilite: null,
  piecesManquantes: [] as string[],
  arretManquant: 'La déclaration ne peut être validée sans son arrêt de travail.' as string | null,
};
const accident = { ...mo, categorie: 'accident_service' as const };
const deuxPieces = ['Arrêt de travail', 'Bulletins de salaire de la période'];

describe('suivi d’un sinistre : ce qui manque et la prochaine action', () => {
  it.each([
    [
      'MO en brouillon sans arrêt',
      mo,
      ['Aucun arrêt de travail déclaré'],
      { libelle: 'Déclarer l’arrêt de travail', cible: 'arrets' },
    ],
    [
      'MO avec arrêt, 2 pièces manquantes',
      { ...mo, arrets: [arret('2026-03-01', '2026-03-07')], piecesManquantes: deuxPieces },
      ['2 pièces obligatoires manquantes'],
      { libelle: 'Déposer les pièces', cible: 'pieces' },
    ],
    [
      'MO avec arrêt, 1 pièce manquante',
      { ...mo, arrets: [arret('2026-03-01', '2026-03-07')], piecesManquantes: ['Arrêt de travail'] },
      ['1 pièce obligatoire manquante'],
      { libelle: 'Déposer les pièces', cible: 'pieces' },
    ],
    [
      'MO complète en brouillon',
      { ...mo, arrets: [arret('2026-03-01', '2026-03-07')] },
      [],
      { libelle: 'Valider la déclaration', cible: 'validation' },
    ],
    [
      'accident sans enquête',
      { ...accident, piecesManquantes: ['Déclaration d’accident'] },
      ['Enquête administrative à compléter', 'Aucun arrêt de travail déclaré', '1 pièce obligatoire manquante'],
      { libelle: 'Remplir l’enquête administrative', cible: 'enquete' },
    ],
    [
      'accident, enquête sans décision',
      { ...accident, enquete },
      ['Décision d’imputabilité à enregistrer', 'Aucun arrêt de travail déclaré'],
      { libelle: 'Enregistrer la décision d’imputabilité', cible: 'enquete' },
    ],
    [
      'accident reconnu sans arrêt de travail : aucun arrêt attendu',
      { ...accident, enquete, imputabilite: reconnue(false), arretManquant: null },
      [],
      { libelle: 'Valider la déclaration', cible: 'validation' },
    ],
    [
      'ouvert, dernier arrêt sans reprise',
      {
        ...mo,
        statut: 'ouvert' as const,
        arrets: [arret('2026-03-01', '2026-03-07'), arret('2026-03-08', '2026-03-20')],
      },
      [],
      { libelle: 'Déclarer la reprise du travail', cible: 'reprise' },
    ],
    [
      'ouvert, prolongation dont les pièces manquent',
      {
        ...mo,
        statut: 'ouvert' as const,
        arrets: [arret('2026-03-01', '2026-03-07')],
        piecesManquantes: ['Arrêt de travail — du 08/03/2026 au 20/03/2026'],
      },
      ['1 pièce obligatoire manquante'],
      { libelle: 'Déposer les pièces', cible: 'pieces' },
    ],
    [
      'clos et complet',
      { ...mo, statut: 'clos' as const, arrets: [arret('2026-03-01', '2026-03-07', '2026-03-08')] },
      [],
      null,
    ],
  ])('%s', (_, sinistre, manques, action) => {
    const suivi = suiviDuSinistre(sinistre);
    expect(suivi.manques.map((m) => m.texte)).toEqual(manques);
    expect(
      suivi.prochaineAction && { libelle: suivi.prochaineAction.libelle, cible: suivi.prochaineAction.cible },
    ).toEqual(action);
  });

  it('says « incomplet » only when something is missing', () => {
    expect(suiviDuSinistre(mo).etat).toBe('Votre dossier est incomplet : le sinistre reste au statut Brouillon.');
    expect(suiviDuSinistre({ ...mo, arrets: [arret('2026-03-01', '2026-03-07')] }).etat).toMatch(
      /^Votre dossier est complet : validez la déclaration/,
    );
  });
});
