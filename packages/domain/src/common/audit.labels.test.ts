import { describe, expect, it } from 'vitest';
import { actionLabel, describeChanges, entityLabel } from './audit.labels.js';

describe('libellés du journal', () => {
  it('reads changes in the users’ words', () => {
    expect(describeChanges({ role: ['lecteur', 'publicateur'] })).toEqual(['Rôle : Lecteur → Publicateur']);
    expect(describeChanges({ actif: [true, false], publieeLe: '2026-11-02' })).toEqual([
      'Actif : Oui → Non',
      'Date de publication : 02/11/2026',
    ]);
    expect(describeChanges({ telephone: [null, '02 43'] })).toEqual(['Téléphone : (vide) → 02 43']);
    expect(describeChanges(null)).toEqual([]);
  });

  it('names known codes and still reads unknown ones as words', () => {
    expect(entityLabel('base_assurance')).toBe('Base de l’assurance');
    expect(actionLabel('echec_connexion')).toBe('Échec de connexion');
    expect(actionLabel('mise_a_jour')).toBe('Mise a jour');
  });
});
