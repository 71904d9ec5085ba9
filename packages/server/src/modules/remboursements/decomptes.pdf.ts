import { elementLabels, formatDate, formatMois, numeroSinistre, type TRisque } from '@statutis/domain';
import { parisDate } from '../../lib/clock.js';
import { documentDecompte } from '../../lib/pdf/decompte.pdf.js';
import type { DecompteDetailRow } from '../reglements/reglements.repository.js';
import type { EntreesCalculees } from './decomptes.service.js';

const elementLabel = (element: string) =>
  element === 'frais' ? 'Frais médicaux' : (elementLabels[element as keyof typeof elementLabels] ?? element);

/**
 * The stored décompte as its PDF: the statement prints what the engine recorded and computes nothing
 * (the elements' total is the sum of its lines, the rate the contract's as the computation read it).
 */
export function decomptePdf(
  row: DecompteDetailRow & { collectiviteNom: string; contratNumero: string },
  organisation: string,
  now: Date,
): Promise<Uint8Array> {
  const d = row.d;
  const calcul = (d.entrees as EntreesCalculees).calcul;
  // Medical fees are paid at their real amount: no rate was read, 100 %.
  const taux = calcul?.affichees.remboursementPct ?? calcul?.mois[0]?.remboursementPct ?? 100;
  const salaires = d.entrees.versions?.salaires;
  const mentions = [
    // The contract of the chain (domain §6.1.11): after a renewal, perhaps not the file's current one.
    `Contrat n° ${row.contratNumero}.`,
    `Calculé le ${formatDate(parisDate(d.calculeLe))}${
      d.valideLe ? `, validé le ${formatDate(parisDate(d.valideLe))}` : ' — en attente de validation'
    }.`,
    ...(salaires
      ? [`Salaires utilisés : ${String(salaires).split(',').filter(Boolean).map(formatMois).join(', ')}.`]
      : []),
    `Empreinte des entrées utilisées : ${d.entrees.empreinte.slice(0, 16)}.`,
    ...(calcul?.alertes ?? []),
  ];
  return documentDecompte({
    organisation,
    numero: d.numero,
    version: d.version,
    editeLe: parisDate(now),
    collectivite: { nom: row.collectiviteNom },
    agent: { nom: row.agentNom, prenom: row.agentPrenom },
    sinistre: {
      numero: numeroSinistre({ numero: row.sinistreNumero, dateSurvenance: row.dateSurvenance }),
      categorie: row.sinistreCategorie as TRisque,
    },
    periode: { debut: d.periodeDu, fin: d.periodeAu },
    joursFranchise: d.joursFranchise,
    joursCarence: d.joursCarence,
    lignes: d.lignes.map((l) => ({
      mois: l.mois,
      element: elementLabel(l.element),
      trentiemes: l.trentiemes,
      // Stored in thousandths of full pay.
      fraction: l.fraction / 1000,
      montant: l.montant,
    })),
    totaux: {
      elements: d.lignes.reduce((s, l) => s + l.montant, 0),
      ijss: d.ijss,
      taux,
      rembourse: d.montant,
      ...(d.version > 1 ? { dejaRegle: d.dejaRegle } : {}),
    },
    mentions,
  });
}
