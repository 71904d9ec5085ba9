import {
  beneficiaireLabels,
  decompteNatureLabels,
  formatDate,
  formatEuros,
  reglementStatutLabels,
  risqueLabels,
  type TReglementDetail,
} from '@statutis/domain';
import { openDocument } from '../../lib/pdf/writer.js';

/**
 * The avis de règlement: what a payment pays, décompte by décompte. Written with the current pdf-lib
 * writer; the one function to switch to the pdfmake builder (`documentAvisReglement`) when it lands.
 */
export async function avisReglementPdf(r: TReglementDetail, organisation: string): Promise<Uint8Array> {
  const { doc, writer } = await openDocument({
    title: `Avis de règlement ${r.numero}`,
    author: organisation,
    footer: `Avis de règlement ${r.numero} — ${r.collectivite.nom} — édité avec Statutis`,
  });
  writer.title(`Avis de règlement n° ${r.numero}`);
  writer.field('Collectivité', r.collectivite.nom);
  writer.field('Période', `du ${formatDate(r.periode.du)} au ${formatDate(r.periode.au)}`);
  writer.field('Bénéficiaire', `${beneficiaireLabels[r.beneficiaire]} — ${r.compte.titulaire ?? ''}`);
  writer.field('Compte crédité', r.compte.ibanAffiche);
  writer.field('Statut', reglementStatutLabels[r.statut]);
  writer.field('Montant réglé', formatEuros(r.montant));
  writer.heading('Décomptes réglés');
  for (const d of r.decomptes) {
    writer.paragraph(
      `${d.numero} (version ${d.version}) — sinistre n° ${d.sinistre.numero}, ${risqueLabels[d.sinistre.categorie]} — ${d.agent.prenom} ${d.agent.nom.toUpperCase()}`,
      10,
    );
    writer.field(
      decompteNatureLabels[d.nature],
      `du ${formatDate(d.periode.du)} au ${formatDate(d.periode.au)} : ${formatEuros(d.montant)}${
        d.dejaRegle ? `, déjà réglé ${formatEuros(d.dejaRegle)}` : ''
      }, à régler ${formatEuros(d.aRegler)}`,
    );
  }
  return doc.save();
}
