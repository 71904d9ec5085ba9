import type { LettreDecision } from '@statutis/domain';
import { openDocument } from '../../lib/pdf/writer.js';

/** The decision letter to the collectivité, laid out from the domain's `lettreDecision`. */
export async function lettreDecisionPdf(lettre: LettreDecision, meta: { numero: string; auteur: string }) {
  const { doc, writer } = await openDocument({
    title: `${lettre.titre} — sinistre ${meta.numero}`,
    author: meta.auteur,
    footer: `${lettre.objet} — ${lettre.lieuDate.replace(/^Le /, 'le ')} — édité avec Statutis`,
  });
  for (const line of lettre.destinataire) writer.paragraph(line);
  writer.paragraph(lettre.lieuDate);
  writer.field('Objet', lettre.objet);
  writer.title(lettre.titre);
  for (const p of lettre.paragraphes) writer.paragraph(p, 11);
  for (const line of lettre.signature) writer.paragraph(line);
  return doc.save();
}
