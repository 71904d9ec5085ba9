import { NAME_KEY_FROM, NAME_KEY_LIGATURES, NAME_KEY_TO, NAME_SORT_SPACED } from '@statutis/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The SQL of nameSearchKey (domain): the same translate table, then the ligatures. */
function nameKeySql(expression: string): string {
  const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;
  return NAME_KEY_LIGATURES.reduce(
    (acc, [from, to]) => `replace(${acc}, ${literal(from)}, ${literal(to)})`,
    `translate(${expression}, ${literal(NAME_KEY_FROM)}, ${literal(NAME_KEY_TO)})`,
  );
}

/**
 * The SQL of nameSortKey (domain): each name folded, its punctuation spaced, joined by chr(1). Lists
 * compare it `COLLATE "C"` (byte order), the same on PGlite and PostgreSQL whatever their locale.
 */
export function nameSortKeySql(nom: string, prenom: string): string {
  const part = (expression: string) =>
    `translate(${nameKeySql(expression)}, '${NAME_SORT_SPACED.replace(/'/g, "''")}', '${' '.repeat(NAME_SORT_SPACED.length)}')`;
  return `${part(nom)} || chr(1) || ${part(prenom)}`;
}

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();

export const roleEnum = pgEnum('role', ['lecteur', 'publicateur', 'administrateur']);
export const staffRoleEnum = pgEnum('staff_role', ['gestionnaire', 'admin_plateforme']);
export const regimeEnum = pgEnum('regime', ['CNRACL', 'IRCANTEC']);

/** Centre de gestion: runs group contracts for the collectivités of a département. */
export const cdg = pgTable('cdg', {
  id: uuid('id').primaryKey().defaultRandom(),
  nom: text('nom').notNull(),
  siret: text('siret').notNull().unique(),
  createdAt: createdAt(),
});

export const collectivite = pgTable(
  'collectivite',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    nom: text('nom').notNull(),
    siret: text('siret').notNull().unique(),
    type: text('type').notNull(),
    cdgId: uuid('cdg_id')
      .notNull()
      .references(() => cdg.id),
    /** Set off by the platform administrator: nobody works in it any more, its data stay. */
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('collectivite_cdg_idx').on(t.cdgId, t.nom)],
);

/** Insurers and brokers are parties to contracts. */
export const assureur = pgTable(
  'assureur',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    nom: text('nom').notNull(),
    kind: text('kind').notNull(), // 'assureur' | 'courtier'
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('assureur_nom_kind_idx').on(t.nom, t.kind)],
);

export const contrat = pgTable('contrat', {
  id: uuid('id').primaryKey().defaultRandom(),
  numero: text('numero').notNull().unique(),
  libelle: text('libelle').notNull(),
  regime: regimeEnum('regime').notNull(),
  cdgId: uuid('cdg_id').references(() => cdg.id),
  assureurId: uuid('assureur_id').references(() => assureur.id),
  courtierId: uuid('courtier_id').references(() => assureur.id),
  dateEffet: date('date_effet', { mode: 'string' }).notNull(),
  dateFin: date('date_fin', { mode: 'string' }),
  preavisAssureurMois: integer('preavis_assureur_mois').notNull().default(6),
  preavisAssureMois: integer('preavis_assure_mois').notNull().default(4),
  /** Thousandths of a percent: 6,500 % → 6500 (domain TAUX_SCALE). */
  tauxCotisation: integer('taux_cotisation').notNull().default(0),
  /** Optional base elements the contract may insure, beyond TBI: nbi, sft, ir, ri, cp. */
  elementsAssurables: text('elements_assurables').array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
});

/** One cover per risk of a contract, with its franchise, reimbursement rate and deadlines. */
export const garantie = pgTable(
  'garantie',
  {
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id, { onDelete: 'cascade' }),
    risque: text('risque').notNull(),
    couvert: boolean('couvert').notNull(),
    franchiseNombre: integer('franchise_nombre').notNull(),
    franchiseUnite: text('franchise_unite').notNull(),
    remboursementPct: integer('remboursement_pct').notNull(),
    delaiDeclarationJours: integer('delai_declaration_jours').notNull(),
    delaiPiecesJours: integer('delai_pieces_jours').notNull(),
    delaiPiecesMedicalesJours: integer('delai_pieces_medicales_jours').notNull(),
    delaiDecesJours: integer('delai_deces_jours').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contratId, t.risque] })],
);

/** Files are kept behind the storage interface; the table holds their name, size and SHA-256. */
export const contratDocument = pgTable(
  'contrat_document',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id, { onDelete: 'cascade' }),
    nom: text('nom').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    taille: integer('taille').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('contrat_document_contrat_idx').on(t.contratId)],
);

/** Yearly insured payroll of a contract for one collectivité, prévisionnelle or réelle. Amounts in cents. */
export const baseAssurance = pgTable(
  'base_assurance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id),
    annee: integer('annee').notNull(),
    type: text('type').notNull(),
    effectif: integer('effectif').notNull(),
    tbi: bigint('tbi', { mode: 'number' }).notNull(),
    nbi: bigint('nbi', { mode: 'number' }),
    sft: bigint('sft', { mode: 'number' }),
    ir: bigint('ir', { mode: 'number' }),
    riMontant: bigint('ri_montant', { mode: 'number' }),
    riPct: integer('ri_pct'),
    cpMontant: bigint('cp_montant', { mode: 'number' }),
    cpPct: integer('cp_pct'),
    /** The contract's rate when the base was declared, so later rate changes do not rewrite history. */
    tauxCotisation: integer('taux_cotisation').notNull(),
    assiette: bigint('assiette', { mode: 'number' }).notNull(),
    cotisation: bigint('cotisation', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    uniqueIndex('base_assurance_unique_idx').on(t.collectiviteId, t.contratId, t.annee, t.type),
    index('base_assurance_annee_idx').on(t.collectiviteId, t.annee),
  ],
);

/** What the collectivité budgeted for a year: contributions and absences. Amounts in cents. */
export const budget = pgTable(
  'budget',
  {
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    annee: integer('annee').notNull(),
    montantCotisations: bigint('montant_cotisations', { mode: 'number' }).notNull(),
    montantAbsences: bigint('montant_absences', { mode: 'number' }).notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectiviteId, t.annee] })],
);

export const agent = pgTable(
  'agent',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    /** 13 characters, without the key. */
    nir: text('nir').notNull(),
    nirCle: text('nir_cle'),
    nirTemporaire: boolean('nir_temporaire').notNull().default(false),
    nom: text('nom').notNull(),
    nomUsage: text('nom_usage'),
    prenom: text('prenom').notNull(),
    dateNaissance: date('date_naissance', { mode: 'string' }),
    sexe: text('sexe'),
    regime: regimeEnum('regime').notNull(),
    statut: text('statut').notNull(),
    dateEntree: date('date_entree', { mode: 'string' }).notNull(),
    emploi: text('emploi'),
    grade: text('grade'),
    tempsTravail: text('temps_travail'),
    /** Hundredths of an hour: 17 h 30 → 1750. */
    heuresHebdo: integer('heures_hebdo'),
    service: text('service'),
    dateDepart: date('date_depart', { mode: 'string' }),
    motifDepart: text('motif_depart'),
    /** « nom prénom » without accents nor capitals (nameSearchKey of the domain), for the search. */
    recherche: text('recherche')
      .notNull()
      .generatedAlwaysAs(sql.raw(nameKeySql("nom || ' ' || prenom"))),
    /** The French sort key of « nom, prénom » (nameSortKey of the domain); lists sort on it `COLLATE "C"`. */
    tri: text('tri')
      .notNull()
      .generatedAlwaysAs(sql.raw(nameSortKeySql('nom', 'prenom'))),
    createdAt: createdAt(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    uniqueIndex('agent_nir_idx').on(t.collectiviteId, t.nir),
    // The search by the beginning of a NIR (LIKE '184%') needs the pattern operators under any collation.
    index('agent_nir_prefixe_idx').on(t.collectiviteId, t.nir.op('text_pattern_ops')),
    // French order of names (first page and keyset pages of a large collectivité read it in order).
    index('agent_tri_idx').on(
      t.collectiviteId,
      sql`${t.tri} COLLATE "C"`,
      sql`${t.nom} COLLATE "C"`,
      sql`${t.prenom} COLLATE "C"`,
      t.id,
    ),
    // btree_gin puts the collectivité in the trigram index: a search reads its own agents' entries only.
    index('agent_recherche_trgm_idx').using('gin', t.collectiviteId, sql`${t.recherche} gin_trgm_ops`),
  ],
);

/** Employment history of an agent: each change of regime, status, job or working time with its effective date. */
export const agentEmploi = pgTable(
  'agent_emploi',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agent.id, { onDelete: 'cascade' }),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    dateEffet: date('date_effet', { mode: 'string' }).notNull(),
    regime: regimeEnum('regime').notNull(),
    statut: text('statut').notNull(),
    emploi: text('emploi'),
    grade: text('grade'),
    tempsTravail: text('temps_travail'),
    heuresHebdo: integer('heures_hebdo'),
    service: text('service'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('agent_emploi_agent_idx').on(t.collectiviteId, t.agentId, t.dateEffet)],
);

/** A claim: one health event of one agent, under the contract of his regime. */
export const sinistre = pgTable(
  'sinistre',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown as « 2026-000123 » with the year of occurrence. */
    numero: bigserial('numero', { mode: 'number' }).notNull(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agent.id),
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id),
    categorie: text('categorie').notNull(),
    dateSurvenance: date('date_survenance', { mode: 'string' }).notNull(),
    tiersImplique: boolean('tiers_implique').notNull(),
    recoursTiers: text('recours_tiers'),
    commentaire: text('commentaire'),
    statut: text('statut').notNull(),
    horsDelai: boolean('hors_delai').notNull().default(false),
    /** Accidents: the imputability decision, its date, and whether the agent stopped work. */
    imputabilite: text('imputabilite'),
    imputabiliteDate: date('imputabilite_date', { mode: 'string' }),
    arretTravail: boolean('arret_travail'),
    /**
     * How many mandatory pieces are missing: kept by the pieces repository's `recomputeManquantes`
     * after every change that can alter it, so that the missing-pieces list of a large collectivité
     * reads only its incomplete sinistres.
     */
    piecesManquantes: integer('pieces_manquantes').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    index('sinistre_collectivite_idx').on(t.collectiviteId, t.dateSurvenance),
    index('sinistre_incomplet_idx').on(t.collectiviteId, t.dateSurvenance).where(sql`${t.piecesManquantes} > 0`),
    index('sinistre_incomplet_statut_idx')
      .on(t.collectiviteId, t.statut, t.dateSurvenance)
      .where(sql`${t.piecesManquantes} > 0`),
    index('sinistre_collectivite_statut_idx').on(t.collectiviteId, t.statut, t.dateSurvenance),
    index('sinistre_collectivite_categorie_idx').on(t.collectiviteId, t.categorie, t.dateSurvenance),
    index('sinistre_agent_idx').on(t.collectiviteId, t.agentId),
  ],
);

/** A work-stoppage period of a sinistre. */
export const arret = pgTable(
  'arret',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sinistreId: uuid('sinistre_id')
      .notNull()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agent.id),
    type: text('type').notNull(),
    debut: date('debut', { mode: 'string' }).notNull(),
    fin: date('fin', { mode: 'string' }).notNull(),
    /**
     * The end written on the certificate, kept when a reprise inside the period shortened the arrêt
     * (`fin` is then the day before the reprise); null when the arrêt ends as its certificate says.
     */
    finCertificat: date('fin_certificat', { mode: 'string' }),
    reprise: date('reprise', { mode: 'string' }),
    horsDelai: boolean('hors_delai').notNull().default(false),
    /** Temps partiel thérapeutique: the quotité worked, in percent. */
    quotiteTpt: integer('quotite_tpt'),
    /** Monthly salary elements for the period, in cents; only the insured ones are filled. */
    tbi: bigint('tbi', { mode: 'number' }),
    nbi: bigint('nbi', { mode: 'number' }),
    sft: bigint('sft', { mode: 'number' }),
    ir: bigint('ir', { mode: 'number' }),
    ri: bigint('ri', { mode: 'number' }),
    cp: bigint('cp', { mode: 'number' }),
    nePasProratiser: boolean('ne_pas_proratiser').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('arret_agent_idx').on(t.collectiviteId, t.agentId, t.debut),
    index('arret_sinistre_idx').on(t.sinistreId, t.debut),
    // The missing-pieces list reads the arrêts of a collectivité's sinistres from this index alone.
    index('arret_collectivite_sinistre_idx').on(t.collectiviteId, t.sinistreId, t.id, t.debut, t.fin),
  ],
);

/** The employer's inquiry on an accident (one per sinistre). */
export const enqueteAdministrative = pgTable('enquete_administrative', {
  sinistreId: uuid('sinistre_id')
    .primaryKey()
    .references(() => sinistre.id, { onDelete: 'cascade' }),
  collectiviteId: uuid('collectivite_id')
    .notNull()
    .references(() => collectivite.id, { onDelete: 'cascade' }),
  nature: text('nature').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  heure: text('heure').notNull(),
  lieu: text('lieu').notNull(),
  horaires: text('horaires').notNull(),
  tache: text('tache').notNull(),
  circonstances: text('circonstances').notNull(),
  sieges: jsonb('sieges').$type<string[]>().notNull(),
  natureLesions: text('nature_lesions').notNull(),
  temoins: jsonb('temoins').$type<{ nom: string; prenom: string | null; coordonnees: string | null }[]>().notNull(),
  doute: boolean('doute').notNull(),
  motifDoute: text('motif_doute'),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * The catalogue of pieces per category and step (domain §5), seeded from the domain's default
 * catalogue and edited by the platform administrator. A row is deactivated, never deleted.
 */
export const pieceModele = pgTable(
  'piece_modele',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categorie: text('categorie').notNull(),
    /** Null: every regime. */
    regime: regimeEnum('regime'),
    code: text('code').notNull(),
    libelle: text('libelle').notNull(),
    etape: text('etape').notNull(),
    obligatoire: boolean('obligatoire').notNull(),
    medicale: boolean('medicale').notNull(),
    aide: text('aide'),
    ordre: integer('ordre').notNull(),
    actif: boolean('actif').notNull().default(true),
    updatedAt: ts('updated_at'),
  },
  (t) => [uniqueIndex('piece_modele_code_idx').on(t.categorie, t.code)],
);

/** A deposited supporting document; the file itself is behind the storage interface. */
export const piece = pgTable(
  'piece',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    sinistreId: uuid('sinistre_id')
      .notNull()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    arretId: uuid('arret_id').references(() => arret.id, { onDelete: 'cascade' }),
    requalificationId: uuid('requalification_id'),
    code: text('code').notNull(),
    libelle: text('libelle').notNull(),
    statut: text('statut').notNull(),
    motifRefus: text('motif_refus'),
    medicale: boolean('medicale').notNull(),
    nom: text('nom').notNull(),
    /** The type found in the content (never the declared one), sent back on download. */
    mime: text('mime').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    taille: integer('taille').notNull(),
    deposePar: uuid('depose_par'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('piece_sinistre_idx').on(t.sinistreId, t.code),
    // What the missing-pieces list looks for: the valid pieces of a collectivité, by sinistre and type.
    index('piece_collectivite_valide_idx')
      .on(t.collectiviteId, t.sinistreId, t.code, t.arretId)
      .where(sql`${t.statut} <> 'refusee'`),
  ],
);

/** A request to change a sinistre's category, for the handler's decision. */
export const requalification = pgTable(
  'requalification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    sinistreId: uuid('sinistre_id')
      .notNull()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    de: text('de').notNull(),
    vers: text('vers').notNull(),
    motif: text('motif').notNull(),
    statut: text('statut').notNull(),
    demandePar: text('demande_par').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('requalification_sinistre_idx').on(t.sinistreId)],
);

/** Comments on a sinistre; a handler's comment is unread until the collectivité opens it. */
export const commentaire = pgTable(
  'commentaire',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    sinistreId: uuid('sinistre_id')
      .notNull()
      .references(() => sinistre.id, { onDelete: 'cascade' }),
    auteur: text('auteur').notNull(),
    gestion: boolean('gestion').notNull(),
    texte: text('texte').notNull(),
    luLe: ts('lu_le'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('commentaire_sinistre_idx').on(t.sinistreId, t.createdAt),
    // The home page and the sinistres search find a collectivité's unread handler comments from it alone.
    index('commentaire_non_lu_idx').on(t.collectiviteId, t.sinistreId).where(sql`${t.gestion} AND ${t.luLe} IS NULL`),
  ],
);

/** One roster import: its progress while it runs, then its outcome (counts or every error). */
export const listeImport = pgTable(
  'liste_import',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => appUser.id, { onDelete: 'set null' }),
    userLabel: text('user_label').notNull(),
    nomFichier: text('nom_fichier').notNull(),
    storageKey: text('storage_key').notNull(),
    taille: integer('taille').notNull(),
    /** en_attente → validation → ecriture → termine | refuse | echec */
    statut: text('statut').notNull(),
    progression: integer('progression').notNull().default(0),
    lignes: integer('lignes').notNull().default(0),
    /** Lines of a valid file staged in import_agent_ligne so far (where an interrupted run resumes). */
    prepares: integer('prepares').notNull().default(0),
    crees: integer('crees').notNull().default(0),
    misAJour: integer('mis_a_jour').notNull().default(0),
    inchanges: integer('inchanges').notNull().default(0),
    nombreErreurs: integer('nombre_erreurs').notNull().default(0),
    /** Agents of the file still without a birth date, or without a working time, once written. */
    sansDateNaissance: integer('sans_date_naissance').notNull().default(0),
    sansTempsTravail: integer('sans_temps_travail').notNull().default(0),
    erreurs: jsonb('erreurs'),
    colonnesIgnorees: text('colonnes_ignorees').array(),
    encodage: text('encodage'),
    createdAt: ts('created_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('liste_import_collectivite_idx').on(t.collectiviteId, t.createdAt)],
);

/**
 * What a roster import will write, line by line, staged before being applied to `agent` in one
 * transaction: the import is all or nothing, yet the staging runs in short transactions that leave
 * the instance free. Nobody reads these rows but the import job; they go once the import is over.
 */
export const importAgentLigne = pgTable(
  'import_agent_ligne',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => listeImport.id, { onDelete: 'cascade' }),
    ligne: integer('ligne').notNull(),
    nir: text('nir').notNull(),
    nirCle: text('nir_cle'),
    nirTemporaire: boolean('nir_temporaire').notNull(),
    nom: text('nom').notNull(),
    nomUsage: text('nom_usage'),
    prenom: text('prenom').notNull(),
    sexe: text('sexe'),
    dateNaissance: date('date_naissance', { mode: 'string' }),
    regime: regimeEnum('regime').notNull(),
    statut: text('statut').notNull(),
    dateEntree: date('date_entree', { mode: 'string' }).notNull(),
    emploi: text('emploi'),
    grade: text('grade'),
    tempsTravail: text('temps_travail'),
    heuresHebdo: integer('heures_hebdo'),
    service: text('service'),
    dateDepart: date('date_depart', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.importId, t.ligne] })],
);

export const adhesion = pgTable(
  'adhesion',
  {
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    contratId: uuid('contrat_id')
      .notNull()
      .references(() => contrat.id, { onDelete: 'cascade' }),
    dateAdhesion: date('date_adhesion', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectiviteId, t.contratId] })],
);

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Always lower case: the login identifier. */
    email: text('email').notNull().unique(),
    nom: text('nom').notNull(),
    prenom: text('prenom').notNull(),
    telephone: text('telephone'),
    emailNotification: text('email_notification'),
    /** Null until the invited user chooses a password. */
    passwordHash: text('password_hash'),
    /** Platform-wide switch (the platform administrator's); memberships have their own. */
    enabled: boolean('enabled').notNull().default(true),
    staffRole: staffRoleEnum('staff_role'),
    /** The CDG whose collectivités a gestionnaire handles. */
    staffCdgId: uuid('staff_cdg_id').references(() => cdg.id),
    /** The insurer or broker whose contracts a gestionnaire handles (instead of a CDG). */
    staffAssureurId: uuid('staff_assureur_id').references(() => assureur.id),
    /** The collectivité last chosen: the next login opens there (from any browser) while it stays accessible. */
    lastCollectiviteId: uuid('last_collectivite_id').references(() => collectivite.id, {
      onDelete: 'set null',
    }),
    lastLoginAt: ts('last_login_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // A gestionnaire belongs to one organisation at most: a CDG or an insurer/broker, never both.
    check('app_user_organisation_check', sql`num_nonnulls(${t.staffCdgId}, ${t.staffAssureurId}) <= 1`),
  ],
);

export const membership = pgTable(
  'membership',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.collectiviteId, t.userId] }), index('membership_user_idx').on(t.userId)],
);

/**
 * An invitation of an address that already has an account: a membership only once the person,
 * logged in, accepts it. Until then the inviter sees only what he typed (nom, prénom, téléphone),
 * never the person's own details.
 */
export const membershipInvitation = pgTable(
  'membership_invitation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collectiviteId: uuid('collectivite_id')
      .notNull()
      .references(() => collectivite.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    /** The membership's activation once accepted; the administrator may switch it meanwhile. */
    active: boolean('active').notNull().default(true),
    nom: text('nom').notNull(),
    prenom: text('prenom').notNull(),
    telephone: text('telephone'),
    /** SHA-256 of the token in the mailed link. */
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('membership_invitation_collectivite_user_idx').on(t.collectiviteId, t.userId),
    index('membership_invitation_user_idx').on(t.userId),
  ],
);

/** Server-side sessions: the cookie carries a random id, the table keeps only its SHA-256. */
export const session = pgTable(
  'session',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    currentCollectiviteId: uuid('current_collectivite_id').references(() => collectivite.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

/** Single-use links (invitation, password reset); only the SHA-256 of the token is kept. */
export const authToken = pgTable(
  'auth_token',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(), // 'invitation' | 'reinitialisation'
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('auth_token_user_idx').on(t.userId)],
);

/** Browsers where the user has logged in before: their attempts escape the per-account failure cap. */
export const trustedDevice = pgTable(
  'trusted_device',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('trusted_device_user_idx').on(t.userId)],
);

/** Every login attempt, for throttling and the security log. */
export const loginAttempt = pgTable(
  'login_attempt',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    success: boolean('success').notNull(),
    /** Attempts made with a trusted-device cookie escape the per-account cap, so an attacker cannot lock the owner out. */
    trustedDevice: boolean('trusted_device').notNull().default(false),
    at: ts('at').notNull(),
  },
  (t) => [index('login_attempt_email_idx').on(t.email, t.at), index('login_attempt_ip_idx').on(t.ip, t.at)],
);

/** « Mot de passe oublié » requests, known address or not: limited per address of the requester. */
export const passwordResetRequest = pgTable(
  'password_reset_request',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ip: text('ip').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('password_reset_request_ip_idx').on(t.ip, t.at)],
);

export const auditEvent = pgTable(
  'audit_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    userId: uuid('user_id').references(() => appUser.id, { onDelete: 'set null' }),
    /** Kept as text so the trail survives the user's deletion. */
    userLabel: text('user_label'),
    collectiviteId: uuid('collectivite_id').references(() => collectivite.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    action: text('action').notNull(),
    changes: jsonb('changes'),
    ip: text('ip'),
  },
  (t) => [index('audit_event_collectivite_idx').on(t.collectiviteId, t.at)],
);

/** Outgoing mail, written in the transaction of the change that causes it, sent after commit. */
export const outboxMail = pgTable('outbox_mail', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html').notNull(),
  status: text('status').notNull().default('pending'), // pending | sent | logged | failed
  sentAt: ts('sent_at'),
  createdAt: createdAt(),
});

/** Postgres-backed job queue, claimed with FOR UPDATE SKIP LOCKED (works on PGlite and PostgreSQL). */
export const job = pgTable(
  'job',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    status: text('status').notNull().default('pending'), // pending | running | done | failed
    runAt: ts('run_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedAt: ts('locked_at'),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('job_pending_idx').on(t.runAt).where(sql`status = 'pending'`)],
);

export const actualite = pgTable(
  'actualite',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    titre: text('titre').notNull(),
    contenu: text('contenu').notNull(),
    publieeLe: date('publiee_le', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => appUser.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('actualite_publiee_idx').on(t.publieeLe)],
);
