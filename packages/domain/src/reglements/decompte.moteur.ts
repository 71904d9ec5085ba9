import type { MoisRemboursement, ResultatRemboursement, SegmentJournal } from '../remboursements/moteur.types.js';
import type { TLigneDecompte } from './reglements.schemas.js';

/**
 * The part of the engine's result that makes one décompte: the sinistre's days and months inside the
 * period. What the insurer pays is the sum of the months' `rembourse` (each rounded half-up by the
 * engine, §6.1.15); franchise and carence days are counted from the ledger's runs.
 */
export function decompteDuMoteur(
  resultat: Pick<ResultatRemboursement, 'journal' | 'mois'>,
  sinistreId: string,
  periode: { du: string; au: string },
): {
  montant: number;
  ijss: number;
  joursFranchise: number;
  joursCarence: number;
  lignes: TLigneDecompte[];
  journal: SegmentJournal[];
} {
  const journal = resultat.journal.filter(
    (s) => s.sinistreId === sinistreId && s.debut >= periode.du && s.fin <= periode.au,
  );
  const premier = periode.du.slice(0, 7);
  const dernier = periode.au.slice(0, 7);
  const mois: MoisRemboursement[] = resultat.mois.filter(
    (m) => m.sinistreId === sinistreId && m.mois >= premier && m.mois <= dernier,
  );
  return {
    montant: mois.reduce((s, m) => s + m.rembourse, 0),
    ijss: mois.reduce((s, m) => s + m.ijss, 0),
    joursFranchise: journal.filter((s) => s.franchise).reduce((n, s) => n + s.jours, 0),
    joursCarence: journal.filter((s) => s.carence).reduce((n, s) => n + s.jours, 0),
    lignes: mois.flatMap((m) =>
      m.lignes.map((l) => ({
        mois: m.mois,
        element: l.element,
        trentiemes: l.trentiemes,
        fraction: l.fraction,
        montant: l.montant,
      })),
    ),
    journal,
  };
}
