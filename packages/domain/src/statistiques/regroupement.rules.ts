import type { TTypeBase } from '../base-assurance/base-assurance.schemas.js';
import { addDays } from '../common/dates.js';
import type { ArretStat } from './statistiques.types.js';

/** A certificate as stored (initial, prolongation, rechute) with its sinistre. */
export type CertificatStat = ArretStat & { sinistreId: string };

/**
 * Certificates into the arrêts the statistics count: a certificate starting the day after the previous
 * one of the same sinistre ends (a prolongation) continues that arrêt; anything else — a rechute, a new
 * sinistre, a return to work in between — is a new arrêt. Half-pay spans are joined (unknown when one of
 * them is), costs added (unknown when one of them is).
 */
export function regrouperProlongations(certificats: readonly CertificatStat[]): ArretStat[] {
  const tries = [...certificats].sort(
    (a, b) => a.sinistreId.localeCompare(b.sinistreId) || a.debut.localeCompare(b.debut),
  );
  const out: CertificatStat[] = [];
  for (const c of tries) {
    const prev = out[out.length - 1];
    if (prev && prev.sinistreId === c.sinistreId && prev.fin !== null && c.debut === addDays(prev.fin, 1)) {
      out[out.length - 1] = {
        ...prev,
        categorie: c.categorie,
        fin: c.fin,
        demiTraitement: prev.demiTraitement && c.demiTraitement ? [...prev.demiTraitement, ...c.demiTraitement] : null,
        cout:
          prev.cout && c.cout
            ? {
                maintenuCentimes: prev.cout.maintenuCentimes + c.cout.maintenuCentimes,
                rembourseCentimes: (prev.cout.rembourseCentimes ?? 0) + (c.cout.rembourseCentimes ?? 0),
              }
            : null,
      };
    } else out.push({ ...c });
  }
  return out.map(({ sinistreId: _, ...a }) => a);
}

/**
 * The headcount of a year from the bases de l'assurance (trap 3 of domain §8: a past year is measured with
 * that year's headcount, never today's staff): for each contract the base réelle of that year, else its
 * base prévisionnelle, added over the contracts (a CNRACL and an IRCANTEC contract count different
 * agents). Null when no contract has a base for that year: the caller then uses the employment history.
 */
export function effectifDeLAnnee(
  bases: readonly { contratId: string; annee: number; type: TTypeBase; effectif: number }[],
  annee: number,
): { type: 'nombre'; agents: number; source: string } | null {
  const parContrat = new Map<string, { type: TTypeBase; effectif: number }>();
  for (const b of bases) {
    if (b.annee !== annee) continue;
    const deja = parContrat.get(b.contratId);
    if (!deja || (deja.type === 'previsionnelle' && b.type === 'reelle')) parContrat.set(b.contratId, b);
  }
  if (parContrat.size === 0) return null;
  const types = new Set([...parContrat.values()].map((b) => b.type));
  const nature = types.size > 1 ? 'réelle ou prévisionnelle' : types.has('reelle') ? 'réelle' : 'prévisionnelle';
  return {
    type: 'nombre',
    agents: [...parContrat.values()].reduce((n, b) => n + b.effectif, 0),
    source: `base de l’assurance ${nature} ${annee}`,
  };
}
