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
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Writer } from '../../lib/pdf/writer.js';

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

async function render(title: string, ctx: DocumentContext, body: (w: Writer) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${title} — sinistre ${ctx.sinistre.numero}`);
  doc.setAuthor(ctx.employeur.nom);
  doc.setCreator('Statutis');
  doc.setLanguage('fr-FR');
  const [font, bold] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
  ]);
  const w = new Writer(
    doc,
    font,
    bold,
    `${title} — sinistre ${ctx.sinistre.numero} — édité le ${formatDate(ctx.editeLe)} avec Statutis`,
  );
  w.title(title);
  w.heading('Employeur');
  w.field('Collectivité', ctx.employeur.nom);
  w.field('SIRET', ctx.employeur.siret);
  w.field('Centre de gestion', ctx.employeur.cdg);
  w.heading('Agent');
  w.field('Nom et prénom', `${ctx.agent.nom} ${ctx.agent.prenom}`);
  w.field('N° de sécurité sociale', formatNir(ctx.agent.nir));
  w.field('Date de naissance', ctx.agent.dateNaissance ? formatDate(ctx.agent.dateNaissance) : null);
  w.field('Emploi, grade', [ctx.agent.emploi, ctx.agent.grade].filter(Boolean).join(', '));
  w.field('Régime', ctx.agent.regime);
  w.heading('Sinistre');
  w.field('Numéro', ctx.sinistre.numero);
  w.field('Catégorie', risqueLabels[ctx.sinistre.categorie]);
  w.field('Date de survenance', formatDate(ctx.sinistre.dateSurvenance));
  body(w);
  return doc.save();
}

/** The enquête administrative, pre-filled, to print, have signed and deposit. */
export function enquetePdf(ctx: DocumentContext): Promise<Uint8Array> {
  const e = ctx.enquete!;
  return render('Enquête administrative', ctx, (w) => {
    w.heading('Circonstances de l’accident');
    w.field('Nature', enqueteNatureLabels[e.nature]);
    w.field('Date et heure', `${formatDate(e.date)} à ${e.heure.replace(':', ' h ')}`);
    w.field('Lieu exact', e.lieu);
    w.field('Horaires du jour', e.horaires);
    w.field('Tâche effectuée', e.tache);
    w.field('Circonstances', e.circonstances);
    w.heading('Lésions');
    w.field('Sièges des lésions', e.sieges.map((s) => SIEGES_LESIONS[s as TSiegeLesion] ?? s).join(', '));
    w.field('Nature des lésions', e.natureLesions);
    w.heading('Témoins');
    if (e.temoins.length === 0) w.paragraph('Aucun témoin.');
    for (const [i, t] of e.temoins.entries())
      w.field(`Témoin ${i + 1}`, [`${t.nom} ${t.prenom ?? ''}`.trim(), t.coordonnees].filter(Boolean).join(' — '));
    w.heading('Imputabilité au service');
    w.field('Doute de l’employeur', e.doute ? `Oui : ${e.motifDoute ?? ''}` : 'Non');
    w.signatures(['L’agent', 'Le supérieur hiérarchique', 'L’autorité territoriale']);
  });
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
  return render('Attestation de prise en charge', ctx, (w) => {
    if (ctx.sinistre.imputabilite)
      w.field(
        'Imputabilité',
        `${imputabiliteLabels[ctx.sinistre.imputabilite.decision]} le ${formatDate(ctx.sinistre.imputabilite.date)}`,
      );
    w.heading('Attestation');
    w.paragraph(attestationText(ctx));
    w.paragraph(
      'Les frais médicaux, pharmaceutiques et d’hospitalisation en rapport avec ce sinistre sont pris en charge par l’employeur : le praticien ou l’établissement adresse sa note d’honoraires à l’employeur, accompagnée du bon de remboursement, sans avance de frais par l’agent.',
    );
    w.paragraph(
      'Cette attestation est valable pour les soins liés au sinistre ci-dessus ; elle ne vaut pas reconnaissance définitive de l’imputabilité lorsque celle-ci est en cours d’instruction.',
    );
    w.signatures(['L’autorité territoriale']);
  });
}

/** Filled by the practitioner, then sent with his bill to the employer, who pays and claims it. */
export function bonRemboursementPdf(ctx: DocumentContext): Promise<Uint8Array> {
  return render('Bon de remboursement', ctx, (w) => {
    w.heading('À compléter par le praticien ou l’établissement');
    w.field('Praticien, établissement', ' ');
    w.field('Date des soins', ' ');
    w.field('Nature des soins', ' ');
    w.field('Montant (€)', ' ');
    w.paragraph(
      `Adressez ce bon avec la note d’honoraires à l’employeur (${ctx.employeur.nom}), en rappelant le numéro de sinistre ${ctx.sinistre.numero}. Les soins sont réglés par l’employeur ; l’agent n’en fait pas l’avance.`,
    );
    w.signatures(['Le praticien', 'L’autorité territoriale']);
  });
}
