import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DECISION_EXIGENCES,
  DECISION_TYPES,
  type LettreDecisionInput,
  lettreDecision,
  nomAgent,
  ZDecisionInput,
} from './decisions.rules.js';

const contrat = { nature: 'contrat' as const, texte: 'Contrat GRP-2024, conditions particulières, article 5' };
const loi = { nature: 'legale' as const, texte: 'Décret n° 87-602 du 30 juillet 1987, article 37-3' };

describe('saisie d’une décision', () => {
  it.each([
    [{ type: 'refus', reference: contrat }, 'motif', 'Motif : champ obligatoire pour cette décision.'],
    [
      { type: 'refus', motif: 'Hors délai' },
      'reference.texte',
      'Indiquez la référence du contrat ou le texte légal qui fonde la décision.',
    ],
    [
      { type: 'prise_en_charge', reference: contrat },
      'periode.debut',
      'Indiquez la date à compter de laquelle la décision s’applique.',
    ],
    [
      { type: 'prise_en_charge_partielle', motif: 'x', reference: contrat, periode: { debut: '2026-03-02' } },
      'periode.fin',
      'Indiquez la fin de la période prise en charge.',
    ],
    [
      {
        type: 'prise_en_charge_partielle',
        motif: 'x',
        reference: contrat,
        periode: { debut: '2026-03-02', fin: '2026-03-01' },
      },
      'periode.fin',
      'La fin de la période précède son début.',
    ],
    [
      { type: 'requalification_acceptee', reference: loi, periode: { debut: '2026-03-02' } },
      'categorie',
      'Choisissez la nouvelle catégorie.',
    ],
    [{ type: 'cloture' }, 'periode.debut', 'Indiquez la date de clôture.'],
    [{ type: 'sursis_a_statuer', motif: 'x', periode: { fin: '2026-02-30' } }, 'periode.fin', 'Date de fin invalide.'],
    [{ type: 'accord' }, 'type', 'Choisissez le type de décision.'],
    [
      { type: 'refus', motif: 'x', reference: { nature: 'contrat', texte: ' ' } },
      'reference.texte',
      'Référence : champ obligatoire.',
    ],
  ])('%j → %s : %s', (input, path, message) => {
    const r = ZDecisionInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([path, message]);
  });

  it('drops what a type excludes, keeps the rest', () => {
    expect(
      ZDecisionInput.parse({
        type: 'cloture',
        motif: '  Reprise à temps plein  ',
        reference: contrat,
        periode: { debut: '2026-04-04', fin: '2026-05-01' },
        categorie: 'clm',
      }),
    ).toEqual({
      type: 'cloture',
      motif: 'Reprise à temps plein',
      reference: null,
      periode: { debut: '2026-04-04', fin: null },
      categorie: null,
    });
  });

  it('every type accepts a complete input and keeps exactly its fields', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DECISION_TYPES), (type) => {
        const r = ZDecisionInput.parse({
          type,
          motif: 'Motif',
          reference: loi,
          periode: { debut: '2026-03-02', fin: '2026-06-30' },
          categorie: 'clm',
        });
        const e = DECISION_EXIGENCES[type];
        expect(r.motif === null).toBe(e.motif === 'exclu');
        expect(r.reference === null).toBe(e.reference === 'exclu');
        expect(r.periode === null).toBe(e.periode === 'exclu');
        expect(r.categorie === null).toBe(e.categorie === 'exclu');
      }),
    );
  });
});

describe('lettre de décision', () => {
  const base: Omit<LettreDecisionInput, 'decision'> = {
    date: '2026-04-20',
    sinistre: { numero: '2026-000123', categorie: 'maladie_ordinaire', dateSurvenance: '2026-03-02' },
    agent: { nom: 'Dupont', prenom: 'marie-noëlle' },
    collectivite: { nom: 'Commune de Belleville-sur-Arvelle', adresse: ['1 place de la Mairie', '48000 Belleville'] },
    organisation: { nom: 'Centre de gestion de la Lozère', ville: 'Mende' },
    gestionnaire: { prenom: 'sandrine', nom: 'Faure' },
  };

  it('a requalification accepted from a date', () => {
    const decision = ZDecisionInput.parse({
      type: 'requalification_acceptee',
      categorie: 'clm',
      reference: { nature: 'legale', texte: 'Code général de la fonction publique, article L822-6' },
      periode: { debut: '2026-03-02' },
      motif: 'Avis favorable du conseil médical du 10/04/2026',
    });
    expect(lettreDecision({ ...base, decision })).toEqual({
      titre: 'Décision : requalification acceptée',
      lieuDate: 'Mende, le 20/04/2026',
      destinataire: ['Commune de Belleville-sur-Arvelle', '1 place de la Mairie', '48000 Belleville'],
      objet: 'Sinistre n° 2026-000123 — DUPONT Marie-Noëlle',
      paragraphes: [
        'Madame, Monsieur,',
        'La demande de requalification du sinistre n° 2026-000123 de DUPONT Marie-Noëlle est acceptée : il relève de la catégorie « Congé de longue maladie (CLM) » au lieu de « Maladie ordinaire » à compter du 02/03/2026. Son remboursement sera recalculé et la différence régularisée.',
        'Motif : Avis favorable du conseil médical du 10/04/2026',
        'Référence légale : Code général de la fonction publique, article L822-6',
        'Le gestionnaire de votre dossier reste à votre disposition pour toute question.',
        'Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
      ],
      signature: ['Sandrine FAURE', 'Le gestionnaire — Centre de gestion de la Lozère'],
    });
  });

  it.each([
    [
      { type: 'prise_en_charge', reference: contrat, periode: { debut: '2026-03-02' } },
      'Le sinistre n° 2026-000123 de DUPONT Marie-Noëlle (Maladie ordinaire, survenu le 02/03/2026) est pris en charge au titre du contrat à compter du 02/03/2026.',
    ],
    [
      {
        type: 'prise_en_charge_partielle',
        motif: 'x',
        reference: contrat,
        periode: { debut: '2026-04-11', fin: '2026-04-30' },
      },
      'Le sinistre n° 2026-000123 de DUPONT Marie-Noëlle (Maladie ordinaire, survenu le 02/03/2026) est pris en charge partiellement, du 11/04/2026 au 30/04/2026 ; le reste de la demande n’est pas pris en charge.',
    ],
    [
      { type: 'refus', motif: 'x', reference: contrat },
      'Le sinistre n° 2026-000123 de DUPONT Marie-Noëlle (Maladie ordinaire, survenu le 02/03/2026) n’est pas pris en charge.',
    ],
    [
      { type: 'sursis_a_statuer', motif: 'Avis du conseil médical attendu', periode: { fin: '2026-06-30' } },
      'La décision sur le sinistre n° 2026-000123 de DUPONT Marie-Noëlle (Maladie ordinaire, survenu le 02/03/2026) est suspendue jusqu’au 30/06/2026 : nous sursoyons à statuer.',
    ],
    [
      { type: 'requalification_refusee', motif: 'x' },
      'La demande de requalification du sinistre n° 2026-000123 de DUPONT Marie-Noëlle n’est pas acceptée : il reste en catégorie « Maladie ordinaire ».',
    ],
    [
      { type: 'cloture', periode: { debut: '2026-04-04' } },
      'Le sinistre n° 2026-000123 de DUPONT Marie-Noëlle (Maladie ordinaire, survenu le 02/03/2026) est clos au 04/04/2026. Les paiements en cours, tels que les frais médicaux, se poursuivent.',
    ],
  ])('%j', (input, phrase) => {
    const lettre = lettreDecision({ ...base, decision: ZDecisionInput.parse(input), organisation: { nom: 'CDG 48' } });
    expect(lettre.paragraphes[1]).toBe(phrase);
    expect(lettre.lieuDate).toBe('Le 20/04/2026');
  });

  it('names the agent NOM Prénom', () => {
    expect(nomAgent({ nom: ' le Goff ', prenom: 'JEAN-PIERRE' })).toBe('LE GOFF Jean-Pierre');
  });
});
