import {
  appelNatureLabels,
  appelObjetLabels,
  formatDate,
  formatEuros,
  formatTaux,
  periodiciteLabels,
  type TAppelDetail,
} from '@statutis/domain';
import { parisDate } from '../../lib/clock.js';
import {
  fields,
  formatPeriode,
  heading,
  lines,
  paragraph,
  renderDocument,
  table,
  title,
} from '../../lib/pdf/document.js';

const finAnnee = (annee: number) => `${annee}-12-31`;

/** « 8 531,20 € sur 99 200,00 € à 8,60 % », or « 12 agents × 70,00 € » for a fixed fee. */
function assietteDe(l: TAppelDetail['lignes'][number]): string {
  if (l.quantite !== null && l.prixUnitaire !== null)
    return `${l.quantite.toLocaleString('fr-FR')} agent${l.quantite > 1 ? 's' : ''} × ${formatEuros(l.prixUnitaire)}`;
  return l.assiette === null ? '' : formatEuros(l.assiette);
}

/**
 * The avis d'appel de cotisation (issue 11): what the collectivité owes for a contract and a year,
 * line by line, and when — or the regularisation (complementary call or avoir) once the base réelle
 * is known. Built from the call as the API reads it (amounts in cents, already computed).
 */
export function avisAppelPdf(a: TAppelDetail, organisation: string, editeLe: string): Promise<Uint8Array> {
  const avoir = a.sens === 'avoir';
  const frais = a.objet === 'frais_gestion';
  const intitule = frais
    ? a.nature === 'appel'
      ? 'Avis d’appel des frais de gestion du centre de gestion'
      : avoir
        ? 'Avis d’avoir sur les frais de gestion'
        : 'Avis d’appel complémentaire des frais de gestion'
    : a.nature === 'appel'
      ? 'Avis d’appel de cotisation'
      : avoir
        ? 'Avis d’avoir'
        : 'Avis d’appel complémentaire';
  return renderDocument(
    {
      title: `${intitule} n° ${a.numero} — ${a.collectivite.nom}`,
      author: organisation,
      organisation,
      reference: `${frais ? appelObjetLabels.frais_gestion : appelNatureLabels[a.nature]} n° ${a.numero}`,
      footer: `${intitule} n° ${a.numero} — ${a.collectivite.nom} — édité le ${formatDate(editeLe)} avec Statutis`,
    },
    [
      lines([a.collectivite.nom], { right: true }),
      title(intitule),
      fields([
        ['Référence', `n° ${a.numero}`],
        ...(frais ? [['Payable à', organisation] as [string, string]] : []),
        ...(a.appelOrigine ? [['Appel régularisé', `n° ${a.appelOrigine.numero}`] as [string, string]] : []),
        ['Contrat', `n° ${a.contrat.numero} — ${a.contrat.libelle} (${a.contrat.regime})`],
        ['Exercice', String(a.annee)],
        [
          'Période couverte',
          `${formatPeriode({ debut: a.debutCouverture, fin: finAnnee(a.annee) })}${a.mois < 12 ? ` (${a.mois} mois)` : ''}`,
        ],
        ...(a.dateDeliberation ? [['Délibération', `du ${formatDate(a.dateDeliberation)}`] as [string, string]] : []),
        ['Périodicité', periodiciteLabels[a.periodicite]],
        ...(a.emisLe ? [['Émis le', formatDate(parisDate(new Date(a.emisLe)))] as [string, string]] : []),
        [avoir ? 'Montant de l’avoir' : 'Montant total', formatEuros(avoir ? -a.total : a.total)],
      ]),
      heading(
        a.nature !== 'appel'
          ? 'Détail de la régularisation (réelle − prévisionnelle)'
          : frais
            ? 'Détail des frais de gestion'
            : 'Détail de la cotisation',
      ),
      table(
        [
          { header: 'Libellé' },
          { header: 'Assiette', width: 110, right: true },
          { header: 'Taux', width: 50, right: true },
          { header: 'Mois', width: 30, right: true },
          { header: 'Montant', width: 72, amount: true },
        ],
        a.lignes.map((l) => [
          l.libelle,
          assietteDe(l),
          l.taux === null ? '' : formatTaux(l.taux),
          String(l.mois),
          l.montant,
        ]),
        { totals: [['Total', a.total]] },
      ),
      heading('Échéancier'),
      table(
        [
          { header: 'Échéance', width: 56, right: true },
          { header: 'Période' },
          { header: 'À payer le', width: 72 },
          { header: 'Montant', width: 72, amount: true },
        ],
        a.echeances.map((e) => [
          String(e.rang),
          formatPeriode({ debut: e.du, fin: e.au }),
          formatDate(e.dateEcheance),
          e.montant,
        ]),
        { totals: [['Total', a.total]] },
      ),
      paragraph(
        avoir
          ? `Cet avoir sera déduit de votre prochain appel de cotisation ou remboursé. Référence à rappeler : ${a.numero}.`
          : `Merci de régler chaque échéance au plus tard à sa date${frais ? ` à l’ordre de ${organisation}` : ''}, en rappelant la référence ${a.numero} dans le libellé du virement.`,
      ),
    ],
  );
}
