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
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

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

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

/**
 * The standard PDF fonts encode WinAnsi: French accents, œ, Œ, Ÿ, « », ’ and € are there, but not
 * the narrow no-break space of French number formatting (a plain no-break space instead). Another
 * letter is written without its accent when the font has the bare letter (Ş → S), else as « ? ».
 */
const UNDECOMPOSABLE: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H' };

function encodable(text: string, supported: ReadonlySet<number>): string {
  let out = '';
  for (const c of text.replace(/[\u202f\u2009]/g, '\u00a0')) {
    if (c === '\n' || supported.has(c.codePointAt(0)!)) out += c;
    else {
      const bare = (UNDECOMPOSABLE[c] ?? c).normalize('NFD').replace(/\p{M}/gu, '');
      out += bare && [...bare].every((b) => supported.has(b.codePointAt(0)!)) ? bare : '?';
    }
  }
  return out;
}

/** A small flowing layout: titles, label–value lines and wrapped paragraphs over as many pages as needed. */
class Writer {
  private page!: PDFPage;
  private y = 0;
  private readonly supported: ReadonlySet<number>;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.supported = new Set([...font.getCharacterSet(), ...bold.getCharacterSet()]);
    this.newPage();
  }
  private winAnsi(text: string) {
    return encodable(text, this.supported);
  }
  private newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    this.page.drawText(this.winAnsi(this.footer), {
      x: MARGIN,
      y: 30,
      size: 8,
      font: this.font,
      color: rgb(0.3, 0.3, 0.3),
    });
  }
  private need(height: number) {
    if (this.y - height < MARGIN) this.newPage();
  }
  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of this.winAnsi(text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) > width && line) {
          lines.push(line);
          line = word;
        } else line = candidate;
      }
      lines.push(line);
    }
    return lines;
  }
  title(text: string) {
    this.need(40);
    this.page.drawText(this.winAnsi(text), { x: MARGIN, y: this.y - 18, size: 17, font: this.bold });
    this.y -= 36;
  }
  heading(text: string) {
    this.need(34);
    this.y -= 8;
    this.page.drawText(this.winAnsi(text), {
      x: MARGIN,
      y: this.y - 12,
      size: 12,
      font: this.bold,
      color: rgb(0, 0.2, 0.45),
    });
    this.y -= 22;
  }
  field(label: string, value: string | null | undefined) {
    const width = A4[0] - 2 * MARGIN - 170;
    const lines = this.wrap(value?.trim() ? value : '—', this.font, 10, width);
    this.need(14 * lines.length + 4);
    this.page.drawText(this.winAnsi(label), { x: MARGIN, y: this.y - 10, size: 10, font: this.bold });
    for (const [i, line] of lines.entries())
      this.page.drawText(line, { x: MARGIN + 170, y: this.y - 10 - 14 * i, size: 10, font: this.font });
    this.y -= 14 * lines.length + 4;
  }
  paragraph(text: string, size = 10) {
    const lines = this.wrap(text, this.font, size, A4[0] - 2 * MARGIN);
    for (const line of lines) {
      this.need(size + 5);
      this.page.drawText(line, { x: MARGIN, y: this.y - size, size, font: this.font });
      this.y -= size + 5;
    }
    this.y -= 4;
  }
  signatures(labels: string[]) {
    this.need(110);
    this.y -= 16;
    const width = (A4[0] - 2 * MARGIN - 20 * (labels.length - 1)) / labels.length;
    for (const [i, label] of labels.entries()) {
      const x = MARGIN + i * (width + 20);
      this.page.drawText(this.winAnsi(label), { x, y: this.y - 10, size: 10, font: this.bold });
      this.page.drawText(this.winAnsi('Date et signature :'), { x, y: this.y - 26, size: 9, font: this.font });
      this.page.drawRectangle({
        x,
        y: this.y - 96,
        width,
        height: 62,
        borderColor: rgb(0.5, 0.5, 0.5),
        borderWidth: 0.8,
      });
    }
    this.y -= 110;
  }
}

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
