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
 * The WHERE condition that keeps the rows of the scope. A member and staff working in a chosen
 * collectivité are held to it (`current`, the default); `current: false` lets staff and the platform
 * list across every collectivité of their scope (work queue, back-office lists).
 */
export function inScope(scope: Scope, columns: ScopeColumns, options: { current?: boolean } = {}): SQL {
  const current = options.current ?? true;
  switch (scope.kind) {
    case 'compte':
      return sql`false`;
    case 'membre':
      return sql`${columns.collectiviteId} = ${scope.collectiviteId}`;
    case 'plateforme':
      return current && scope.collectiviteId ? sql`${columns.collectiviteId} = ${scope.collectiviteId}` : sql`true`;
    case 'staff': {
      const parts = [sql`${columns.collectiviteId} IN ${collectivitesOf(scope.organisation)}`];
      if (current && scope.collectiviteId) parts.push(sql`${columns.collectiviteId} = ${scope.collectiviteId}`);
      if (columns.contratId && scope.organisation.kind !== 'cdg')
        parts.push(sql`${columns.contratId} IN ${contratsOf(scope.organisation)}`);
      return sql.join(parts, sql` AND `);
    }
  }
}

/** The contracts of the scope (the back office's contract screens): all for the platform. */
export function contratInScope(scope: Scope, contratId: Column | SQL): SQL {
  switch (scope.kind) {
    case 'plateforme':
      return sql`true`;
    case 'staff':
      return sql`${contratId} IN ${contratsOf(scope.organisation)}`;
    case 'membre':
      return sql`${contratId} IN (SELECT contrat_id FROM adhesion WHERE collectivite_id = ${scope.collectiviteId})`;
    case 'compte':
      return sql`false`;
  }
}

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
  return organisation.kind === 'cdg' ? organisation.nom : `${ORGANISATION_LABELS[organisation.kind]} ${organisation.nom}`;
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
