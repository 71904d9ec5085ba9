/**
 * A realistic roster file (liste nominative) of any size, as French town halls export it from
 * their payroll software or spreadsheet: `;`, CRLF, the template's headers, accents, `€` and `œ`,
 * quoted cells holding `;` or quotes, NIRs typed with or without their key and sometimes grouped
 * as on a carte Vitale, working time written in the several ways people write it.
 *
 * The same rows are also given as the agents the import must write (each line parsed by the
 * domain's own `parseListeLine`, untimed), so that a raw `COPY` floor loads exactly the same values.
 */
import { LISTE_TEMPLATE_COLUMNS, type ListeAgent, mapHeader, nirKey, parseListeLine } from '@statutis/domain';
import iconv from 'iconv-lite';

export type RosterEncoding = 'utf-8' | 'windows-1252';

export type Roster = {
  /** The file as uploaded (a UTF-8 file starts with a BOM, as Excel's « CSV UTF-8 » writes it). */
  bytes: Buffer;
  encoding: RosterEncoding;
  lines: number;
  /** What the import must write, line by line. */
  agents: ListeAgent[];
};

/** Entries separated by `|` or line breaks (names hold spaces, jobs hold commas and `;`). */
const list = (text: string) =>
  text
    .split(/[|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

const NOMS = list(`
  Martin | Bernard | Dubois | Thomas | Robert | Richard | Petit | Durand | Leroy | Moreau | Simon | Laurent
  Lefèvre | Michel | Garcia | David | Bertrand | Roux | Vincent | Fournier | Morel | Girard | André | Lefebvre
  Mercier | Dupont-Lefèvre | Lambert | Bonnet | François | Martinez | Legrand | Garnier | Faure | Rousseau
  Blanc | Guérin | Müller | Henry | Roussel | Nicolas | Perrin | Morin | Mathieu | Clément | Gauthier | Dumont
  Lopez | Fontaine | Chevalier | Robin | Masson | Sanchez | Gérard | Nguyen | Boyer | Denis | Lemaire | Duval
  Joly | Gautier | Roger | Roche | Roy | Noël | Meyer | Lucas | Meunier | Jean | Pérez | Marchand | Dufour
  Blanchard | Marie | Barbier | Brun | Dumas | Brunet | Schmitt | Leroux | Colin | Fernandez | Pierre | Renard
  Arnaud | Rolland | Caron | Aubert | Giraud | Leclerc | Vidal | Bourgeois | Renaud | Lemoine | Picard
  Gaillard | Philippe | Leclercq | Lacroix | Fabre | Dupuis | Olivier | Rodriguez | Da Silva | Hubert | Louis
  Charles | Guillot | Rivière | Le Gall | Guillaume | Adam | Rey | Moulin | Gonzalez | Berger | Lecomte
  Ménard | Fleury | Deschamps | Carpentier | Julien | Benoît | Paris | Maillard | Marchal | Aubry | Vasseur
  Le Roux | Renault | Jacquet | Collet | Prévost | Poirier | Charpentier | Royer | Huet | Baron | Dupuy | Pons
  Paul | Laine | Carré | Breton | Rémy | Schneider | Perrot | Cœur | N'Diaye | Hébert | Éluard | Bénard
  Lebœuf | Gaël | Périer | Tessier | Besnard | Chauvin
`);
const PRENOMS_F = list(`
  Hélène | Zoé | Anaïs | Cécile | Maëlle | Gaëlle | Chloé | Inès | Léa | Aurélie | Agnès | Bérénice | Océane
  Mélanie | Séverine | Valérie | Josée | Françoise | Thérèse | Camille | Marie-José | Éloïse | Nathalie
  Isabelle | Sandrine | Émilie | Laëtitia | Noémie | Manon | Sophie | Christine | Élodie | Mégane | Clémence
  Maïwenn | Pénélope | Solène | Louise
`);
const PRENOMS_H = list(`
  Jérôme | François | Noël | Loïc | Théo | Mathéo | Clément | Stéphane | Frédéric | Joël | Raphaël | Sébastien
  Benoît | Hervé | Gérald | Jean-François | Jean-Noël | Grégory | Cédric | Nicolas | Julien | Thierry | Éric
  Rémi | Anthony | Mickaël | Yannick | André | Hugo | Gaëtan | Aurélien | Bruno | Pascal | Ludovic | Jérémy
  Valentin | Côme | Lucas
`);
/** Two in 28 lines leave the job empty. */
const EMPLOIS = [
  ...list(`
  Agent d’entretien | Secrétaire de mairie | Agent d’accueil; état civil | Éducatrice de jeunes enfants
  Policier municipal | Agent des espaces verts | ATSEM | Auxiliaire de puériculture | Cuisinier
  Agent de voirie | Animateur périscolaire | Responsable des services techniques | Comptable, régie "cantine"
  Agent polyvalent, prime 50 € | Gestionnaire RH | Chargée d’urbanisme | Agent de bibliothèque | Maître-nageur
  Agent de restauration scolaire | Directeur général des services | Aide-soignante | Régisseur
  Agent d’entretien des bâtiments; électricité | Chef d’équipe voirie
`),
  '',
  '',
];
const GRADES_TITULAIRES = list(`
  Adjoint technique | Adjoint technique principal de 2e classe | Adjoint technique principal de 1re classe
  Adjoint administratif | Adjoint administratif principal de 1re classe | Rédacteur | Rédacteur principal
  Attaché | Attaché principal | Agent de maîtrise | Agent de maîtrise principal | Technicien | Ingénieur
  Éducateur de jeunes enfants | Auxiliaire de puériculture de classe supérieure | Gardien-brigadier
  ATSEM principal de 2e classe | Adjoint d’animation | Assistant de conservation
`);
/** A third of contractuels have no grade. */
const GRADES_CONTRACTUELS = ['', '', 'Adjoint technique', 'Adjoint d’animation', 'Rédacteur', 'Attaché'];
const TEMPS_COMPLET = ['complet', 'complet', 'complet', 'Complet', 'TC', 'temps complet', '35h', '35'];
/** Départements of birth (2A and 2B for Corsica, 99 abroad). */
const DEPARTEMENTS = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20'),
  '2A',
  '2B',
  '99',
];

/** A small deterministic generator (mulberry32): the same file on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A CSV cell as spreadsheets write it: quoted when it holds the delimiter, a quote or a line break. */
function cell(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Hours per week as people type them: « 28 », « 17,5 », « 24h30 », « TNC 30 h ». */
function hours(value: number, pick: () => number): string {
  const whole = Math.floor(value);
  const half = value !== whole;
  const style = Math.floor(pick() * 4);
  if (style === 0) return half ? `${whole},5` : String(whole);
  if (style === 1) return half ? `${whole}h30` : `${whole}h`;
  if (style === 2) return half ? `TNC ${whole},5 h` : `TNC ${whole} h`;
  return half ? `${whole}.5` : `${whole} h`;
}

/**
 * The cells of line `i` (0-based). NIRs are unique for i < 998 001: the commune and order digits
 * are taken from i, the rest at random.
 */
function lineCells(i: number, pick: () => number): string[] {
  const one = <T>(list: readonly T[]) => list[Math.floor(pick() * list.length)]!;
  const sexe = pick() < 0.62 ? 2 : 1;
  const annee = 1960 + Math.floor(pick() * 45);
  const temporaire = pick() < 0.005;
  const nir13 = `${temporaire ? (sexe === 1 ? 7 : 8) : sexe}${two(annee % 100)}${two(1 + Math.floor(pick() * 12))}${one(DEPARTEMENTS)}${String((Math.floor(i / 999) % 999) + 1).padStart(3, '0')}${String((i % 999) + 1).padStart(3, '0')}`;
  const withKey = !temporaire && pick() < 0.9;
  const full = withKey ? nir13 + nirKey(nir13) : nir13;
  const nir =
    pick() < 0.2
      ? `${full.slice(0, 1)} ${full.slice(1, 3)} ${full.slice(3, 5)} ${full.slice(5, 7)} ${full.slice(7, 10)} ${full.slice(10, 13)}${withKey ? ` ${full.slice(13)}` : ''}`
      : full;
  const nom = one(NOMS);
  const prenom = one(sexe === 2 ? PRENOMS_F : PRENOMS_H);
  const entree = Math.max(annee + 18, 1985) + Math.floor(pick() * 20);
  const dateEntree = `${two(1 + Math.floor(pick() * 28))}/${two(1 + Math.floor(pick() * 12))}/${Math.min(entree, 2025)}`;
  const kind = pick();
  let regime: string;
  let statut: string;
  let grade: string;
  let temps: string;
  if (kind < 0.65) {
    // Fonctionnaires at 28 hours a week or more: CNRACL.
    regime = pick() < 0.9 ? 'CNRACL' : 'cnracl';
    statut = kind < 0.6 ? (pick() < 0.95 ? 'titulaire' : 'Fonctionnaire') : 'stagiaire';
    grade = one(GRADES_TITULAIRES);
    temps = pick() < 0.75 ? one(TEMPS_COMPLET) : hours(28 + Math.floor(pick() * 13) / 2, pick);
  } else if (kind < 0.75) {
    // Fonctionnaires under 28 hours: IRCANTEC.
    regime = 'IRCANTEC';
    statut = 'titulaire';
    grade = one(GRADES_TITULAIRES);
    temps = hours(8 + Math.floor(pick() * 39) / 2, pick);
  } else {
    regime = pick() < 0.9 ? 'IRCANTEC' : 'Ircantec';
    statut = pick() < 0.85 ? 'contractuel' : pick() < 0.5 ? 'Contractuelle' : 'non titulaire';
    grade = one(GRADES_CONTRACTUELS);
    temps = pick() < 0.5 ? one(TEMPS_COMPLET) : pick() < 0.1 ? '' : hours(6 + Math.floor(pick() * 57) / 2, pick);
  }
  return [nir, nom, prenom, regime, statut, dateEntree, one(EMPLOIS), grade, temps];
}

/** Generates `lines` agents; throws if a generated line is not one the import accepts. */
export function generateRoster(lines: number, encoding: RosterEncoding, seed = 2026): Roster {
  const pick = random(seed);
  const headerCells = LISTE_TEMPLATE_COLUMNS.map((c) => c.header);
  const today = new Date().toISOString().slice(0, 10);
  const header = mapHeader(headerCells);
  if (!header.ok) throw new Error('en-tête du modèle refusé');
  const text: string[] = [`${headerCells.map(cell).join(';')}\r\n`];
  const agents: ListeAgent[] = [];
  for (let i = 0; i < lines; i++) {
    const cells = lineCells(i, pick);
    const parsed = parseListeLine(cells, header.map, i + 2, today);
    if (!parsed.ok) throw new Error(`ligne générée refusée : ${cells.join(';')} — ${parsed.errors[0]?.message}`);
    agents.push(parsed.agent);
    text.push(`${cells.map(cell).join(';')}\r\n`);
  }
  const body = text.join('');
  const bytes = encoding === 'utf-8' ? Buffer.from(`\uFEFF${body}`, 'utf8') : iconv.encode(body, 'win1252');
  return { bytes, encoding, lines, agents };
}

/** One value of COPY's text format: \N for NULL, backslash escapes for the few special bytes. */
function copyValue(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** The columns the import writes, in the order of `copyText`. */
export const AGENT_COPY_COLUMNS = [
  'collectivite_id',
  'nir',
  'nir_cle',
  'nir_temporaire',
  'nom',
  'prenom',
  'regime',
  'statut',
  'date_entree',
  'emploi',
  'grade',
  'temps_travail',
  'heures_hebdo',
  'created_at',
  'updated_at',
] as const;

/** The agents in COPY's text format (UTF-8), in `AGENT_COPY_COLUMNS` order. */
export function copyText(agents: readonly ListeAgent[], collectiviteId: string, now: Date): Buffer {
  const at = now.toISOString();
  const lines = agents.map(
    (a) =>
      `${[
        collectiviteId,
        a.nir,
        a.nirCle,
        a.nirTemporaire,
        a.nom,
        a.prenom,
        a.regime,
        a.statut,
        a.dateEntree,
        a.emploi,
        a.grade,
        a.tempsTravail,
        a.heuresHebdo,
        at,
        at,
      ]
        .map(copyValue)
        .join('\t')}\n`,
  );
  return Buffer.from(lines.join(''), 'utf8');
}
