import type { TRole } from '@statutis/domain';
import { type Column, type SQL, sql } from 'drizzle-orm';

/**
 * The organisation a gestionnaire works for: a CDG sees the collectivités attached to it; an insurer
 * or a broker sees the collectivités adhering to the contracts it is party to, and only the files of
 * those contracts.
 */
export type Organisation =
  | { kind: 'cdg'; id: string; nom: string }
  | { kind: 'assureur' | 'courtier'; id: string; nom: string };

/**
 * Who acts, resolved once per request by the guard. Every repository filters through `inScope`, so
 * a record outside the scope is never read nor written: the caller gets a 404.
 * - `membre`: a user of the collectivité with his role there;
 * - `staff`: a gestionnaire of an organisation, with the collectivité chosen in the header if any;
 * - `plateforme`: the platform administrator, who sees every collectivité.
 */
export type Scope =
  | { kind: 'membre'; userId: string; collectiviteId: string; role: TRole }
  | { kind: 'staff'; userId: string; organisation: Organisation; collectiviteId: string | null }
  | { kind: 'plateforme'; userId: string; collectiviteId: string | null }
  /** Logged in, but no collectivité chosen and no staff role: his own account only. */
  | { kind: 'compte'; userId: string };

export type StaffScope = Extract<Scope, { kind: 'staff' | 'plateforme' }>;

/** The scope of a request on a collectivité route: the guard has checked that one is chosen and reachable. */
export type TenantScope = Exclude<Scope, { kind: 'compte' }> & { collectiviteId: string };

/** A uuid no row has: a scope without an organisation reaches nothing. */
export const NOTHING = '00000000-0000-0000-0000-000000000000';

/** The collectivités an organisation may see, as a subquery of ids. */
function collectivitesOf(organisation: Organisation): SQL {
  if (organisation.kind === 'cdg') return sql`(SELECT id FROM collectivite WHERE cdg_id = ${organisation.id})`;
  return sql`(SELECT ad.collectivite_id FROM adhesion ad JOIN contrat co ON co.id = ad.contrat_id
              WHERE co.assureur_id = ${organisation.id} OR co.courtier_id = ${organisation.id})`;
}

/** The contracts an organisation may see, as a subquery of ids (the CDG's, or those it is party to). */
function contratsOf(organisation: Organisation): SQL {
  if (organisation.kind === 'cdg') return sql`(SELECT id FROM contrat WHERE cdg_id = ${organisation.id})`;
  return sql`(SELECT id FROM contrat WHERE assureur_id = ${organisation.id} OR courtier_id = ${organisation.id})`;
}

export type ScopeColumns = {
  /** The row's collectivité. */
  collectiviteId: Column | SQL;
  /**
   * The row's contract, for records that belong to one (a sinistre, its arrêts and pieces): an
   * insurer's staff only sees those of his contracts, even in a collectivité he otherwise reaches.
   */
  contratId?: Column | SQL;
};

/**
 * The WHERE condition that keeps the rows of the scope. A member, and staff working in a chosen
 * collectivité, are held to it; the back office's lists across collectivités pass
 * `acrossCollectivites(scope)`.
 */
export function inScope(scope: Scope, columns: ScopeColumns): SQL {
  switch (scope.kind) {
    case 'compte':
      return sql`false`;
    case 'membre':
      return sql`${columns.collectiviteId} = ${scope.collectiviteId}`;
    case 'plateforme':
      return scope.collectiviteId ? sql`${columns.collectiviteId} = ${scope.collectiviteId}` : sql`true`;
    case 'staff': {
      const parts = [sql`${columns.collectiviteId} IN ${collectivitesOf(scope.organisation)}`];
      if (scope.collectiviteId) parts.push(sql`${columns.collectiviteId} = ${scope.collectiviteId}`);
      if (columns.contratId && scope.organisation.kind !== 'cdg')
        parts.push(sql`${columns.contratId} IN ${contratsOf(scope.organisation)}`);
      return sql.join(parts, sql` AND `);
    }
  }
}

/**
 * The contracts of the scope: those the collectivité adheres to (for staff in a chosen collectivité,
 * those of it that are also their organisation's), the organisation's, or all for the platform.
 */
export function contratInScope(scope: Scope, contratId: Column | SQL): SQL {
  const adheres = (collectiviteId: string) =>
    sql`${contratId} IN (SELECT contrat_id FROM adhesion WHERE collectivite_id = ${collectiviteId})`;
  switch (scope.kind) {
    case 'compte':
      return sql`false`;
    case 'membre':
      return adheres(scope.collectiviteId);
    case 'plateforme':
      return scope.collectiviteId ? adheres(scope.collectiviteId) : sql`true`;
    case 'staff': {
      const own = sql`${contratId} IN ${contratsOf(scope.organisation)}`;
      return scope.collectiviteId ? sql`${own} AND ${adheres(scope.collectiviteId)}` : own;
    }
  }
}

/**
 * A collectivité switched off by the platform administrator: nobody works there any more but him.
 * The condition to add where collectivités are listed or entered; none for the platform.
 */
export function collectiviteOuverte(scope: Scope, active: Column): SQL | undefined {
  return scope.kind === 'plateforme' ? undefined : sql`${active} = true`;
}

/** The same staff scope, over every collectivité of the organisation (back-office screens). */
export function acrossCollectivites<S extends Scope>(scope: S): S {
  return scope.kind === 'staff' || scope.kind === 'plateforme' ? { ...scope, collectiviteId: null } : scope;
}

/**
 * Medical information (lésions, medical pieces, the enquête's PDF) follows one rule everywhere: read
 * by those who handle the file — the collectivité's Publicateurs and Administrateurs who deposit it
 * and the gestionnaires — never by a Lecteur nor by the platform's technical administrator.
 */
export const seesMedical = (scope: Scope): boolean =>
  scope.kind === 'staff' || (scope.kind === 'membre' && scope.role !== 'lecteur');

export const isStaff = (scope: Scope): scope is StaffScope => scope.kind === 'staff' || scope.kind === 'plateforme';

const ORGANISATION_LABELS: Record<Organisation['kind'], string> = {
  cdg: 'Centre de gestion',
  assureur: 'Assureur',
  courtier: 'Courtier',
};

/**
 * How the employer sees who did something on his files: « Centre de gestion — Prénom NOM » for a
 * gestionnaire, « Statutis — Prénom NOM » for the platform administrator, the person alone otherwise.
 */
export function signature(scope: Scope, user: { prenom: string; nom: string }): string {
  const person = `${user.prenom} ${user.nom.toUpperCase()}`;
  if (scope.kind === 'staff') return `${ORGANISATION_LABELS[scope.organisation.kind]} — ${person}`;
  if (scope.kind === 'plateforme') return `Administration de la plateforme — ${person}`;
  return person;
}

/** « CDG du Nord », « Assureur GROUPAMA ». */
export function organisationName(organisation: Organisation): string {
  return organisation.kind === 'cdg'
    ? organisation.nom
    : `${ORGANISATION_LABELS[organisation.kind]} ${organisation.nom}`;
}

/** The organisation's name for the audit (« CDG du Nord », « Assureur GROUPAMA »). */
export function organisationLabel(scope: Scope): string | null {
  if (scope.kind === 'staff') return organisationName(scope.organisation);
  if (scope.kind === 'plateforme') return 'Administration de la plateforme';
  return null;
}

/** The account fields that make a staff member's scope. */
export type StaffFields = {
  id: string;
  staffRole: 'gestionnaire' | 'admin_plateforme' | null;
  staffCdgId: string | null;
  staffAssureurId: string | null;
};

/**
 * The back-office scope of an account, across all collectivités of its organisation; null for
 * the employer's users. The organisation's name is not needed to filter rows.
 */
export function staffScopeOf(user: StaffFields): StaffScope | null {
  if (user.staffRole === 'admin_plateforme') return { kind: 'plateforme', userId: user.id, collectiviteId: null };
  if (user.staffRole !== 'gestionnaire') return null;
  const organisation: Organisation = user.staffAssureurId
    ? { kind: 'assureur', id: user.staffAssureurId, nom: '' }
    : { kind: 'cdg', id: user.staffCdgId ?? NOTHING, nom: '' };
  return { kind: 'staff', userId: user.id, organisation, collectiviteId: null };
}
