import { count } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { parisDate } from '../lib/clock.js';
import { hashPassword } from '../lib/passwords.js';
import type { Storage } from '../lib/storage/storage.js';
import { actualite } from '../modules/actualites/actualites.table.js';
import { cdg, collectivite } from '../modules/collectivites/collectivites.table.js';
import { adhesion, assureur, contrat, garantie } from '../modules/contrats/contrats.table.js';
import { appUser, membership } from '../modules/users/users.table.js';
import { loadDemoActivite } from './activite.js';
import { seedAide } from './aide.js';
import { loadDemoCotisations } from './cotisations.js';
import { loadDemoReglements } from './reglements.js';
import { loadDemoPrevisions, loadDemoStatistiques } from './statistiques.js';

/** One password for every demo account, printed at start-up; it satisfies the password policy. */
export const DEMO_PASSWORD = 'Statutis-demo-2026';

export const DEMO_ACCOUNTS = [
  {
    email: 'admin@demo.statutis.fr',
    prenom: 'Claire',
    nom: 'MARTIN',
    label: 'Administrateur — Commune de Belleville-sur-Arvelle et CCAS',
  },
  {
    email: 'publicateur@demo.statutis.fr',
    prenom: 'Julien',
    nom: 'BERNARD',
    label: 'Publicateur — Commune de Belleville-sur-Arvelle',
  },
  {
    email: 'lecteur@demo.statutis.fr',
    prenom: 'Sophie',
    nom: 'PETIT',
    label: 'Lecteur — Commune de Belleville-sur-Arvelle',
  },
  {
    email: 'admin.cc@demo.statutis.fr',
    prenom: 'Marc',
    nom: 'LEROY',
    label: 'Administrateur — Communauté de communes du Val d’Arvelle',
  },
  {
    email: 'gestionnaire@demo.statutis.fr',
    prenom: 'Nadia',
    nom: 'MOREAU',
    label: 'Gestionnaire du CDG (toutes ses collectivités)',
  },
  { email: 'plateforme@demo.statutis.fr', prenom: 'Thomas', nom: 'GIRARD', label: 'Administrateur de la plateforme' },
  {
    email: 'assureur@demo.statutis.fr',
    prenom: 'Hélène',
    nom: 'ROUSSEL',
    label: 'Gestionnaire de l’assureur (les collectivités et sinistres de ses contrats)',
  },
] as const;

/** The staff accounts and the organisation each works for. */
const STAFF: Partial<Record<(typeof DEMO_ACCOUNTS)[number]['email'], 'cdg' | 'assureur' | 'plateforme'>> = {
  'gestionnaire@demo.statutis.fr': 'cdg',
  'assureur@demo.statutis.fr': 'assureur',
  'plateforme@demo.statutis.fr': 'plateforme',
};

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(cdg);
  return (row?.n ?? 0) === 0;
}

/** Fictional CDG, three collectivités, a CNRACL and an IRCANTEC contract, one user per role. */
/**
 * Loads the demo; the files of its pieces go to `storage` (the server's, DATA_DIR/fichiers). `aujourdHui`
 * places the arrêts in progress of the 90-day forecast around the day the demo is loaded.
 */
export async function loadDemoData(
  db: Db,
  storage: Storage,
  aujourdHui: string = parisDate(new Date()),
): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [centre] = await tx
      .insert(cdg)
      .values({ nom: 'Centre de Gestion de l’Arvelle (fictif)', siret: '20005000010017' })
      .returning();
    const [commune, cc, ccas] = await tx
      .insert(collectivite)
      .values([
        { nom: 'Commune de Belleville-sur-Arvelle', siret: '21530130100010', type: 'commune', cdgId: centre!.id },
        { nom: 'Communauté de communes du Val d’Arvelle', siret: '21300000000017', type: 'epci', cdgId: centre!.id },
        { nom: 'CCAS de Belleville-sur-Arvelle', siret: '21710000000017', type: 'ccas', cdgId: centre!.id },
      ])
      .returning();
    const [insurer, broker] = await tx
      .insert(assureur)
      .values([
        { nom: 'Mutuelle Territoriale d’Assurance (fictive)', kind: 'assureur' },
        { nom: 'Arvelle Courtage Public (fictif)', kind: 'courtier' },
      ])
      .returning();
    const [cnracl, ircantec] = await tx
      .insert(contrat)
      .values([
        {
          numero: 'ARV-CNRACL-2024',
          libelle: 'Contrat groupe CNRACL 2024-2027',
          regime: 'CNRACL',
          cdgId: centre!.id,
          assureurId: insurer!.id,
          courtierId: broker!.id,
          dateEffet: '2024-01-01',
          dateFin: '2027-12-31',
          preavisAssureurMois: 6,
          preavisAssureMois: 4,
          tauxCotisation: 6500,
          elementsAssurables: ['nbi', 'sft', 'ir', 'ri', 'cp'],
        },
        {
          numero: 'ARV-IRCANTEC-2024',
          libelle: 'Contrat groupe IRCANTEC 2024-2027',
          regime: 'IRCANTEC',
          cdgId: centre!.id,
          assureurId: insurer!.id,
          courtierId: broker!.id,
          dateEffet: '2024-01-01',
          dateFin: '2027-12-31',
          preavisAssureurMois: 6,
          preavisAssureMois: 4,
          tauxCotisation: 1100,
          elementsAssurables: ['nbi', 'sft', 'ri', 'cp'],
        },
      ])
      .returning();
    // The seeds' contract: 90 days to declare and to send the pieces, 2 years for medical pieces, 10 years for a death.
    const delais = {
      delaiDeclarationJours: 90,
      delaiPiecesJours: 90,
      delaiPiecesMedicalesJours: 730,
      delaiDecesJours: 3650,
    };
    const garanties = (contratId: string, risques: [string, number][]) =>
      risques.map(([risque, franchise]) => ({
        contratId,
        risque,
        couvert: true,
        franchiseNombre: franchise,
        franchiseUnite: 'jours_fermes_par_arret',
        remboursementPct: 100,
        ...delais,
      }));
    await tx.insert(garantie).values([
      ...garanties(cnracl!.id, [
        ['deces', 0],
        ['accident_service', 0],
        ['accident_trajet', 0],
        ['maladie_professionnelle', 0],
        ['maladie_ordinaire', 15],
        ['clm', 0],
        ['cld', 0],
        ['maternite', 0],
      ]),
      ...garanties(ircantec!.id, [
        ['accident_service', 0],
        ['accident_trajet', 0],
        ['maladie_professionnelle', 0],
        ['maladie_ordinaire', 15],
        ['cgm', 0],
        ['maternite', 0],
      ]),
    ]);
    await tx.insert(adhesion).values(
      [commune!, cc!, ccas!].flatMap((c) => [
        { collectiviteId: c.id, contratId: cnracl!.id, dateAdhesion: '2024-01-01' },
        { collectiviteId: c.id, contratId: ircantec!.id, dateAdhesion: '2024-01-01' },
      ]),
    );
    const [admin, publicateur, lecteur, adminCc, gestionnaire, plateforme] = await tx
      .insert(appUser)
      .values(
        DEMO_ACCOUNTS.map((a) => ({
          email: a.email,
          nom: a.nom,
          prenom: a.prenom,
          telephone: '02 43 00 00 00',
          passwordHash,
          staffRole: !STAFF[a.email]
            ? null
            : STAFF[a.email] === 'plateforme'
              ? ('admin_plateforme' as const)
              : ('gestionnaire' as const),
          staffCdgId: STAFF[a.email] === 'cdg' ? centre!.id : null,
          // The insurer of both demo contracts: it sees their collectivités and sinistres.
          staffAssureurId: STAFF[a.email] === 'assureur' ? insurer!.id : null,
        })),
      )
      .returning();
    await tx.insert(membership).values([
      { userId: admin!.id, collectiviteId: commune!.id, role: 'administrateur' },
      { userId: admin!.id, collectiviteId: ccas!.id, role: 'administrateur' },
      { userId: publicateur!.id, collectiviteId: commune!.id, role: 'publicateur' },
      { userId: lecteur!.id, collectiviteId: commune!.id, role: 'lecteur' },
      { userId: adminCc!.id, collectiviteId: cc!.id, role: 'administrateur' },
    ]);
    await loadDemoActivite(tx, storage, {
      collectiviteId: cc!.id,
      cnraclId: cnracl!.id,
      ircantecId: ircantec!.id,
      adminId: adminCc!.id,
    });
    await loadDemoReglements(tx, { collectiviteId: cc!.id, cdgId: centre!.id });
    await loadDemoCotisations(tx, {
      cdgId: centre!.id,
      cdgNom: centre!.nom,
      gestionnaire: gestionnaire!,
      communeId: commune!.id,
      ccasId: ccas!.id,
      cnraclId: cnracl!.id,
      ircantecId: ircantec!.id,
    });
    await loadDemoStatistiques(tx, { collectiviteId: commune!.id, cnraclId: cnracl!.id, ircantecId: ircantec!.id });
    await loadDemoPrevisions(tx, { collectiviteId: commune!.id, cnraclId: cnracl!.id }, aujourdHui);
    await tx.insert(actualite).values([
      {
        titre: 'Bienvenue sur Statutis',
        contenu:
          'Votre espace regroupe vos contrats, la base de l’assurance, vos agents, vos sinistres et leurs pièces justificatives. La Communauté de communes du Val d’Arvelle (compte admin.cc@demo.statutis.fr) montre des sinistres à chaque étape : complet, en brouillon avec des pièces manquantes, clos, en demande de requalification.',
        publieeLe: '2026-11-02',
        createdBy: plateforme!.id,
      },
      {
        titre: 'Mots de passe : plus longs, plus simples',
        contenu:
          'Choisissez une phrase de passe d’au moins 12 caractères : espaces, accents et symboles sont acceptés, sans règle de composition. Les mots de passe trop courants sont refusés.',
        publieeLe: '2026-11-16',
        createdBy: plateforme!.id,
      },
    ]);
    await seedAide(tx, plateforme!.id);
  });
}
