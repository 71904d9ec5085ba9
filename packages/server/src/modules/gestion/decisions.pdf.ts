import type { LettreDecision } from '@statutis/domain';
import { fields, lines, paragraph, renderDocument, title } from '../../lib/pdf/document.js';

/**
 * The organisation that sends the letter, for the header of its pages: the letter kept with the decision
 * names it only in its signature, « Le gestionnaire — CDG du Nord ».
 */
function expediteur(lettre: LettreDecision): string {
  const last = lettre.signature.at(-1) ?? '';
  const dash = last.indexOf(' — ');
  return dash >= 0 ? last.slice(dash + 3) : last;
}

/** The decision letter to the collectivité, laid out from the domain's `lettreDecision`. */
export function lettreDecisionPdf(lettre: LettreDecision, meta: { numero: string; auteur: string }) {
  return renderDocument(
    {
      title: `${lettre.titre} — sinistre ${meta.numero}`,
      author: meta.auteur,
      organisation: expediteur(lettre),
      reference: `Sinistre n° ${meta.numero}`,
      footer: `${lettre.objet} — ${lettre.lieuDate.replace(/^Le /, 'le ')} — édité avec Statutis`,
    },
    [
      lines(lettre.destinataire, { right: true }),
      paragraph(lettre.lieuDate),
      fields([['Objet', lettre.objet]]),
      title(lettre.titre),
      ...lettre.paragraphes.map((p) => paragraph(p, { size: 11 })),
      lines(lettre.signature, { right: true }),
    ],
  );
}
