import { randomUUID } from 'node:crypto';
import type { TRole, TStaffRole } from '@statutis/domain';
import type { Db } from '../src/db/client.js';
import { hashPassword } from '../src/lib/passwords.js';
import { cdg, collectivite } from '../src/modules/collectivites/collectivites.table.js';
import { adhesion, assureur, contrat, garantie } from '../src/modules/contrats/contrats.table.js';
import { appUser, membership } from '../src/modules/users/users.table.js';
import type { TestContext } from './harness.js';

export const PASSWORD = 'Une phrase de passe de test';
let hashed: Promise<string> | null = null;
const passwordHash = () => {
  hashed ??= hashPassword(PASSWORD);
  return hashed;
};

let siretSeq = 0;
/** A fresh SIRET with a valid Luhn key. */
export function newSiret(): string {
  const base = `2${String(Date.now() % 1e8).padStart(8, '0')}${String(++siretSeq % 10000).padStart(4, '0')}`;
  for (let k = 0; k < 10; k++) {
    const candidate = base + k;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let d = Number(candidate[13 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

export async function createCdg(db: Db) {
  const [row] = await db
    .insert(cdg)
    .values({ nom: `CDG ${randomUUID().slice(0, 6)}`, siret: newSiret() })
    .returning();
  return row!;
}

export async function createCollectivite(db: Db, cdgId?: string) {
  const centre = cdgId ?? (await createCdg(db)).id;
  const [row] = await db
    .insert(collectivite)
    .values({ nom: `Commune ${randomUUID().slice(0, 6)}`, siret: newSiret(), type: 'commune', cdgId: centre })
    .returning();
  return row!;
}

export async function createUser(
  db: Db,
  options: {
    collectiviteId?: string;
    role?: TRole;
    staffRole?: TStaffRole;
    staffCdgId?: string;
    /** The insurer or broker a gestionnaire works for (instead of a CDG). */
    staffAssureurId?: string;
    password?: string | null;
    email?: string;
  } = {},
) {
  const [user] = await db
    .insert(appUser)
    .values({
      email: options.email ?? `u-${randomUUID().slice(0, 8)}@test.fr`,
      nom: 'DUPONT',
      prenom: 'Camille',
      passwordHash:
        options.password === null ? null : await (options.password ? hashPassword(options.password) : passwordHash()),
      staffRole: options.staffRole ?? null,
      staffCdgId: options.staffCdgId ?? null,
      staffAssureurId: options.staffAssureurId ?? null,
    })
    .returning();
  if (options.collectiviteId) {
    await db
      .insert(membership)
      .values({ userId: user!.id, collectiviteId: options.collectiviteId, role: options.role ?? 'administrateur' });
  }
  return user!;
}

/** An insurer (or a broker), party to the contracts that name it. */
export async function createAssureur(db: Db, kind: 'assureur' | 'courtier' = 'assureur') {
  const [row] = await db
    .insert(assureur)
    .values({ nom: `${kind === 'assureur' ? 'Mutuelle' : 'Courtage'} ${randomUUID().slice(0, 6)}`, kind })
    .returning();
  return row!;
}

/**
 * A gestionnaire, logged in: of a CDG (`{ cdgId }`) or of an insurer or broker (`{ assureurId }`).
 * He has no collectivité chosen: the back office's routes work across his organisation's.
 */
export async function staffMember(ctx: TestContext, organisation: { cdgId: string } | { assureurId: string }) {
  const user = await createUser(ctx.database.db, {
    staffRole: 'gestionnaire',
    ...('cdgId' in organisation ? { staffCdgId: organisation.cdgId } : { staffAssureurId: organisation.assureurId }),
  });
  return { user, client: await login(ctx, user.email) };
}

/** A logged-in client: sends the session cookie and, on writes, the CSRF token. */
export type Client = Awaited<ReturnType<typeof login>>;

export async function login(ctx: TestContext, email: string, password = PASSWORD) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/connexion',
    payload: { email, motDePasse: password },
  });
  if (response.statusCode !== 200) throw new Error(`connexion refusée (${response.statusCode}) : ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'statutis_session')!.value;
  const info = response.json() as {
    csrfToken: string;
    current: { id: string } | null;
    collectivites: { id: string; nom: string }[];
  };
  const request = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    ctx.app.inject({
      method,
      url,
      cookies: { statutis_session: cookie },
      headers: method === 'GET' ? headers : { 'x-csrf-token': info.csrfToken, ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return { cookie, csrf: info.csrfToken, info, request };
}

/** A collectivité with one user of each role, logged in. */
export async function tenantWithUsers(ctx: TestContext) {
  const db = ctx.database.db;
  const c = await createCollectivite(db);
  const admin = await createUser(db, { collectiviteId: c.id, role: 'administrateur' });
  const publicateur = await createUser(db, { collectiviteId: c.id, role: 'publicateur' });
  const lecteur = await createUser(db, { collectiviteId: c.id, role: 'lecteur' });
  return {
    collectivite: c,
    users: { admin, publicateur, lecteur },
    admin: await login(ctx, admin.email),
    publicateur: await login(ctx, publicateur.email),
    lecteur: await login(ctx, lecteur.email),
  };
}

/** A garantie on the seeds' maladie ordinaire terms (franchise 15 days per arrêt, 90-day deadline), as the API takes it. */
export const garantieSeeds = <R extends string>(risque: R) => ({
  risque,
  couvert: true,
  franchiseNombre: 15,
  franchiseUnite: 'jours_fermes_par_arret' as const,
  remboursementPct: 100,
  delaiDeclarationJours: 90,
  delaiPiecesJours: 90,
  delaiPiecesMedicalesJours: 730,
  delaiDecesJours: 3650,
});

/** A contract of the given CDG with the seeds' garanties, joined by the given collectivités. */
export async function createContrat(
  db: Db,
  options: {
    cdgId: string | null;
    collectiviteIds?: string[];
    regime?: 'CNRACL' | 'IRCANTEC';
    taux?: number;
    elements?: string[];
    /** Risks covered, all with the seeds' maladie ordinaire terms (franchise 15 days, 90-day deadline). */
    risques?: string[];
    /** The insurer and broker party to it (their staff then see it). */
    assureurId?: string;
    courtierId?: string;
  },
) {
  const [row] = await db
    .insert(contrat)
    .values({
      numero: `CT-${randomUUID().slice(0, 8)}`,
      libelle: 'Contrat groupe 2024-2027',
      regime: options.regime ?? 'CNRACL',
      cdgId: options.cdgId,
      assureurId: options.assureurId ?? null,
      courtierId: options.courtierId ?? null,
      dateEffet: '2024-01-01',
      dateFin: '2027-12-31',
      tauxCotisation: options.taux ?? 6500,
      elementsAssurables: options.elements ?? ['nbi', 'sft', 'ir', 'ri', 'cp'],
    })
    .returning();
  await db
    .insert(garantie)
    .values(
      (options.risques ?? ['maladie_ordinaire']).map((risque) => ({ contratId: row!.id, ...garantieSeeds(risque) })),
    );
  for (const collectiviteId of options.collectiviteIds ?? []) {
    await db.insert(adhesion).values({ contratId: row!.id, collectiviteId, dateAdhesion: '2024-01-01' });
  }
  return row!;
}

/** Module 3 of the seeds: a CNRACL titulaire « Policier municipal », grade Brigadier, temps non complet, entered 01/01/2018. */
export const POLICIER = {
  nir: '1841276451089',
  nom: 'Martin',
  prenom: 'Paul',
  dateNaissance: '1984-12-03',
  sexe: 'M',
  regime: 'CNRACL',
  statut: 'titulaire',
  dateEntree: '2018-01-01',
  emploi: 'Policier municipal',
  grade: 'Brigadier',
  tempsTravail: 'non_complet',
  heuresHebdo: 3000,
  service: 'Police municipale',
};

/** The seeds' accident de service: an enquête with two lésions and a witness. */
export const ENQUETE = {
  nature: 'lieu_travail',
  date: '2026-04-01',
  heure: '10:30',
  lieu: 'Atelier municipal, 12 rue des Lilas',
  horaires: '8 h 00 – 12 h 00, 13 h 30 – 17 h 00',
  tache: 'Déchargement de matériel',
  circonstances: 'L’agent a glissé sur le sol mouillé en portant une caisse et est tombé sur le côté droit.',
  sieges: ['poignet', 'genou'],
  natureLesions: 'Entorse du poignet droit, contusion du genou',
  temoins: [{ nom: 'DURAND', prenom: 'Luc', coordonnees: '06 12 34 56 78' }],
  doute: false,
};
