import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text.js';
import { attestationPdf, attestationText, type DocumentContext } from './enquete.pdf.js';

function context(over: {
  employeur?: string;
  prenom?: string;
  sexe?: 'M' | 'F' | null;
  dateNaissance?: string | null;
}): DocumentContext {
  return {
    employeur: { nom: over.employeur ?? 'Commune de Belleville-sur-Arvelle', siret: '21530000000017', cdg: 'CDG 53' },
    agent: {
      nom: 'CHEVALIER',
      prenom: over.prenom ?? 'Anaïs',
      nir: '2850353130110',
      dateNaissance: over.dateNaissance === undefined ? '1985-03-12' : over.dateNaissance,
      sexe: over.sexe === undefined ? 'F' : over.sexe,
      emploi: 'Agent d’accueil',
      grade: null,
      regime: 'CNRACL',
    },
    sinistre: {
      numero: 'S-2026-000042',
      categorie: 'accident_service',
      dateSurvenance: '2026-07-01',
      dateDeclaration: '2026-12-07',
      imputabilite: null,
    },
    enquete: null,
    editeLe: '2026-12-07',
  };
}

describe('attestation de prise en charge', () => {
  it.each([
    [
      context({}),
      'L’autorité territoriale de la Commune de Belleville-sur-Arvelle atteste qu’Anaïs CHEVALIER, née le 12/03/1985, a déclaré le 07/12/2026 un accident de service / du travail survenu le 01/07/2026, enregistré sous le numéro S-2026-000042.',
    ],
    [
      context({ employeur: 'CCAS de Belleville-sur-Arvelle', prenom: 'Paul', sexe: 'M' }),
      'L’autorité territoriale du CCAS de Belleville-sur-Arvelle atteste que Paul CHEVALIER, né le 12/03/1985, a déclaré le 07/12/2026 un accident de service / du travail survenu le 01/07/2026, enregistré sous le numéro S-2026-000042.',
    ],
    [
      context({ employeur: 'Communauté de communes du Val d’Arvelle', sexe: null }),
      'L’autorité territoriale de la Communauté de communes du Val d’Arvelle atteste qu’Anaïs CHEVALIER, né(e) le 12/03/1985, a déclaré le 07/12/2026 un accident de service / du travail survenu le 01/07/2026, enregistré sous le numéro S-2026-000042.',
    ],
    [
      context({ dateNaissance: null }),
      'L’autorité territoriale de la Commune de Belleville-sur-Arvelle atteste qu’Anaïs CHEVALIER a déclaré le 07/12/2026 un accident de service / du travail survenu le 01/07/2026, enregistré sous le numéro S-2026-000042.',
    ],
  ])('%#', (ctx, expected) => {
    expect(attestationText(ctx)).toBe(expected);
  });

  it('the PDF carries that sentence', async () => {
    const text = pdfText(Buffer.from(await attestationPdf(context({})))).replace(/\s+/g, ' ');
    expect(text).toContain('de la Commune de Belleville-sur-Arvelle atteste qu’Anaïs CHEVALIER, née le 12/03/1985');
    expect(text).toContain('a déclaré le 07/12/2026');
  });
});
