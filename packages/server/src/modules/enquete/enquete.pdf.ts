import {
  deCollectivite,
  enqueteNatureLabels,
  formatDate,
  formatNir,
  imputabiliteLabels,
  ne,
  que,
  risqueLabels,
  SIEGES_LESIONS,
  type TEnquete,
  type TRisque,
  type TSiegeLesion,
} from '@statutis/domain';
import {
  type Block,
  blanks,
  fields,
  heading,
  paragraph,
  renderDocument,
  signatures,
  title as titleBlock,
} from '../../lib/pdf/document.js';

export type DocumentContext = {
  employeur: { nom: string; siret: string; cdg: string };
  agent: {
    nom: string;
    prenom: string;
    nir: string;
    dateNaissance: string | null;
    /** « M » or « F », for « né » or « née ». */
    sexe: 'M' | 'F' | null;
    emploi: string | null;
    grade: string | null;
    regime: string;
  };
  sinistre: {
    numero: string;
    categorie: TRisque;
    dateSurvenance: string;
    /** The day the collectivité declared it (Europe/Paris), not the day of the accident. */
    dateDeclaration: string;
    imputabilite: { decision: 'reconnue' | 'refusee'; date: string } | null;
  };
  enquete:
    | (Omit<TEnquete, 'sieges' | 'temoins'> & {
        sieges: string[];
        temoins: { nom: string; prenom: string | null; coordonnees: string | null }[];
      })
    | null;
  editeLe: string;
};

/** The employer, the agent and the sinistre, then the document's own blocks. */
function render(title: string, ctx: DocumentContext, body: Block[]): Promise<Uint8Array> {
  const reference = `Sinistre n° ${ctx.sinistre.numero}`;
  return renderDocument(
    {
      title: `${title} — sinistre ${ctx.sinistre.numero}`,
      author: ctx.employeur.nom,
      organisation: ctx.employeur.nom,
      reference,
      footer: `${title} — sinistre ${ctx.sinistre.numero} — édité le ${formatDate(ctx.editeLe)} avec Statutis`,
    },
    [
      titleBlock(title),
      heading('Employeur'),
      fields([
        ['Collectivité', ctx.employeur.nom],
        ['SIRET', ctx.employeur.siret],
        ['Centre de gestion', ctx.employeur.cdg],
      ]),
      heading('Agent'),
      fields([
        ['Nom et prénom', `${ctx.agent.nom} ${ctx.agent.prenom}`],
        ['N° de sécurité sociale', formatNir(ctx.agent.nir)],
        ['Date de naissance', ctx.agent.dateNaissance ? formatDate(ctx.agent.dateNaissance) : null],
        ['Emploi, grade', [ctx.agent.emploi, ctx.agent.grade].filter(Boolean).join(', ')],
        ['Régime', ctx.agent.regime],
      ]),
      heading('Sinistre'),
      fields([
        ['Numéro', ctx.sinistre.numero],
        ['Catégorie', risqueLabels[ctx.sinistre.categorie]],
        ['Date de survenance', formatDate(ctx.sinistre.dateSurvenance)],
      ]),
      ...body,
    ],
  );
}

/** The enquête administrative, pre-filled, to print, have signed and deposit. */
export function enquetePdf(ctx: DocumentContext): Promise<Uint8Array> {
  const e = ctx.enquete!;
  return render('Enquête administrative', ctx, [
    heading('Circonstances de l’accident'),
    fields([
      ['Nature', enqueteNatureLabels[e.nature]],
      ['Date et heure', `${formatDate(e.date)} à ${e.heure.replace(':', ' h ')}`],
      ['Lieu exact', e.lieu],
      ['Horaires du jour', e.horaires],
      ['Tâche effectuée', e.tache],
      ['Circonstances', e.circonstances],
    ]),
    heading('Lésions'),
    fields([
      ['Sièges des lésions', e.sieges.map((s) => SIEGES_LESIONS[s as TSiegeLesion] ?? s).join(', ')],
      ['Nature des lésions', e.natureLesions],
    ]),
    heading('Témoins'),
    e.temoins.length === 0
      ? paragraph('Aucun témoin.')
      : fields(
          e.temoins.map((t, i) => [
            `Témoin ${i + 1}`,
            [`${t.nom} ${t.prenom ?? ''}`.trim(), t.coordonnees].filter(Boolean).join(' — '),
          ]),
        ),
    heading('Imputabilité au service'),
    fields([['Doute de l’employeur', e.doute ? `Oui : ${e.motifDoute ?? ''}` : 'Non']]),
    signatures(['L’agent', 'Le supérieur hiérarchique', 'L’autorité territoriale']),
  ]);
}

/**
 * « L’autorité territoriale de la Commune de … atteste qu’Anaïs CHEVALIER, née le 12/03/1985, a déclaré le
 * 07/12/2026 un accident de service survenu le 01/07/2026, enregistré sous le numéro … »: the article of
 * the collectivité, elisions, the agreement of « né », and the declaration's own date.
 */
export function attestationText(ctx: DocumentContext): string {
  const { agent, sinistre } = ctx;
  const naissance = agent.dateNaissance ? `, ${ne(agent.sexe)} le ${formatDate(agent.dateNaissance)},` : '';
  const risque = risqueLabels[sinistre.categorie].toLowerCase();
  // « un accident… survenu », « une maladie professionnelle… survenue ».
  const feminine = risque.startsWith('maladie');
  return `L’autorité territoriale ${deCollectivite(ctx.employeur.nom)} atteste ${que(`${agent.prenom} ${agent.nom}`)}${naissance} a déclaré le ${formatDate(sinistre.dateDeclaration)} ${feminine ? 'une' : 'un'} ${risque} ${feminine ? 'survenue' : 'survenu'} le ${formatDate(sinistre.dateSurvenance)}, enregistré${feminine ? 'e' : ''} sous le numéro ${sinistre.numero}.`;
}

/**
 * Given to the agent so that care linked to the accident is paid without advance (attestation de
 * prise en charge), with the employer's identity and the sinistre's number.
 */
export function attestationPdf(ctx: DocumentContext): Promise<Uint8Array> {
  const { imputabilite } = ctx.sinistre;
  return render('Attestation de prise en charge', ctx, [
    imputabilite
      ? fields([['Imputabilité', `${imputabiliteLabels[imputabilite.decision]} le ${formatDate(imputabilite.date)}`]])
      : [],
    heading('Attestation'),
    paragraph(attestationText(ctx)),
    paragraph(
      'Les frais médicaux, pharmaceutiques et d’hospitalisation en rapport avec ce sinistre sont pris en charge par l’employeur : le praticien ou l’établissement adresse sa note d’honoraires à l’employeur, accompagnée du bon de remboursement, sans avance de frais par l’agent.',
    ),
    paragraph(
      'Cette attestation est valable pour les soins liés au sinistre ci-dessus ; elle ne vaut pas reconnaissance définitive de l’imputabilité lorsque celle-ci est en cours d’instruction.',
    ),
    signatures(['L’autorité territoriale']),
  ]);
}

/** Filled by the practitioner, then sent with his bill to the employer, who pays and claims it. */
export function bonRemboursementPdf(ctx: DocumentContext): Promise<Uint8Array> {
  return render('Bon de remboursement', ctx, [
    heading('À compléter par le praticien ou l’établissement'),
    blanks(['Praticien, établissement', 'Date des soins', 'Nature des soins', 'Montant (€)']),
    paragraph(
      `Adressez ce bon avec la note d’honoraires à l’employeur (${ctx.employeur.nom}), en rappelant le numéro de sinistre ${ctx.sinistre.numero}. Les soins sont réglés par l’employeur ; l’agent n’en fait pas l’avance.`,
    ),
    signatures(['Le praticien', 'L’autorité territoriale']),
  ]);
}
