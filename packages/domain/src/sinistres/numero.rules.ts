/**
 * The number a sinistre is known by (« 2026-000123 »): the year of survenance, then the database's
 * sequence on six digits. The sequence is global, so the year only helps a reader; a number past
 * 999 999 keeps all its digits rather than being cut.
 */
export function numeroSinistre(sinistre: { numero: number; dateSurvenance: string }): string {
  return `${sinistre.dateSurvenance.slice(0, 4)}-${String(sinistre.numero).padStart(6, '0')}`;
}
