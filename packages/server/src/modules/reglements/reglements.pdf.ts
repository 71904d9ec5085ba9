import type { TReglementDetail } from '@statutis/domain';
import { parisDate } from '../../lib/clock.js';
import { documentAvisReglement } from '../../lib/pdf/avis-reglement.pdf.js';

/** The avis de règlement of a règlement as the API reads it: what it pays, décompte by décompte. */
export function avisReglementPdf(r: TReglementDetail, organisation: string): Promise<Uint8Array> {
  return documentAvisReglement({
    organisation,
    numero: r.numero,
    periode: { debut: r.periode.du, fin: r.periode.au },
    datePaiement: r.miseEnPaiementLe ? parisDate(new Date(r.miseEnPaiementLe)) : null,
    editeLe: parisDate(new Date()),
    collectivite: { nom: r.collectivite.nom },
    beneficiaire: {
      nom: r.compte.titulaire ?? r.collectivite.nom,
      iban: r.compte.iban ?? '',
      ...(r.compte.bic ? { bic: r.compte.bic } : {}),
    },
    lignes: r.decomptes.map((d) => ({
      decompte: d.numero,
      sinistre: d.sinistre.numero,
      agent: { nom: d.agent.nom, prenom: d.agent.prenom },
      periode: { debut: d.periode.du, fin: d.periode.au },
      montant: d.aRegler,
    })),
  });
}
