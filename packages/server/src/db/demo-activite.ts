import { Readable } from 'node:stream';
import { assietteAssuree, cotisation, nirKey } from '@statutis/domain';
import type { Storage } from '../lib/storage/storage.js';
import { agent } from '../modules/agents/agents.table.js';
import { arret } from '../modules/arrets/arrets.table.js';
import { baseAssurance } from '../modules/base-assurance/base-assurance.table.js';
import { enqueteAdministrative } from '../modules/enquete/enquete.table.js';
import { piece } from '../modules/pieces/pieces.table.js';
import { createPiecesRepository } from '../modules/sinistres/pieces.repository.js';
import { commentaire, requalification, sinistre } from '../modules/sinistres/sinistres.table.js';
import type { Db } from './client.js';

/** A one-page PDF standing for a scanned document of the demo. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

type DemoAgent = {
  sexe: 'M' | 'F';
  nom: string;
  prenom: string;
  naissance: string | null;
  regime: 'CNRACL' | 'IRCANTEC';
  statut: 'titulaire' | 'stagiaire' | 'contractuel';
  entree: string;
  emploi: string;
  grade?: string;
  heures?: number;
  service: string;
  depart?: string;
};

const AGENTS: DemoAgent[] = [
  {
    sexe: 'M',
    nom: 'MARTIN',
    prenom: 'Paul',
    naissance: '1984-12-03',
    regime: 'CNRACL',
    statut: 'titulaire',
    entree: '2018-01-01',
    emploi: 'Policier municipal',
    grade: 'Brigadier',
    heures: 3000,
    service: 'Police municipale',
  },
  {
    sexe: 'F',
    nom: 'MÉNARD',
    prenom: 'Hélène',
    naissance: '1979-04-17',
    regime: 'CNRACL',
    statut: 'titulaire',
    entree: '2009-09-01',
    emploi: 'Secrétaire de mairie',
    grade: 'Rédacteur principal',
    service: 'Administration générale',
  },
  {
    sexe: 'M',
    nom: 'LEFÈVRE',
    prenom: 'Théo',
    naissance: '1991-07-22',
    regime: 'CNRACL',
    statut: 'titulaire',
    entree: '2015-03-01',
    emploi: 'Agent des espaces verts',
    grade: 'Adjoint technique',
    service: 'Services techniques',
  },
  {
    sexe: 'F',
    nom: 'BŒUF',
    prenom: 'Lætitia',
    naissance: '1988-02-09',
    regime: 'CNRACL',
    statut: 'titulaire',
    entree: '2012-06-01',
    emploi: 'ATSEM',
    grade: 'Agent spécialisé principal',
    service: 'Écoles',
  },
  {
    sexe: 'M',
    nom: 'DUBOIS',
    prenom: 'Karim',
    naissance: '1975-10-30',
    regime: 'CNRACL',
    statut: 'titulaire',
    entree: '2001-01-01',
    emploi: 'Chauffeur',
    grade: 'Adjoint technique principal',
    service: 'Services techniques',
  },
  {
    sexe: 'F',
    nom: 'GARNIER',
    prenom: 'Zoé',
    naissance: '1996-05-12',
    regime: 'IRCANTEC',
    statut: 'contractuel',
    entree: '2024-09-01',
    emploi: 'Animatrice périscolaire',
    heures: 2000,
    service: 'Enfance jeunesse',
  },
  {
    sexe: 'M',
    nom: 'ROUSSEAU',
    prenom: 'Jérôme',
    naissance: '1969-01-25',
    regime: 'CNRACL',
    statut: 'titulaire',
    entree: '1995-04-01',
    emploi: 'Responsable des services techniques',
    grade: 'Technicien principal',
    service: 'Services techniques',
    depart: '2026-06-30',
  },
  {
    sexe: 'F',
    nom: 'FAURE',
    prenom: 'Élodie',
    naissance: '1993-11-08',
    regime: 'CNRACL',
    statut: 'stagiaire',
    entree: '2026-01-01',
    emploi: 'Comptable',
    grade: 'Adjoint administratif',
    service: 'Finances',
  },
  {
    sexe: 'M',
    nom: 'PERRIN',
    prenom: 'Louis',
    naissance: null,
    regime: 'IRCANTEC',
    statut: 'contractuel',
    entree: '2025-11-15',
    emploi: 'Agent d’entretien',
    service: 'Bâtiments',
  },
  {
    sexe: 'F',
    nom: 'CHEVALIER',
    prenom: 'Anaïs',
    naissance: null,
    regime: 'CNRACL',
    statut: 'titulaire',
    entree: '2019-02-01',
    emploi: 'Agent d’accueil',
    service: 'Accueil',
  },
];

/** A valid NIR (13 characters, without its key) for the demo agent of that rank, born in Mayenne. */
function demoNir(a: DemoAgent, rank: number): { nir: string; cle: string } {
  const [year, month] = (a.naissance ?? '1980-06-01').split('-') as [string, string];
  const nir = `${a.sexe === 'M' ? 1 : 2}${year.slice(2)}${month}53130${String(101 + rank).padStart(3, '0')}`;
  return { nir, cle: nirKey(nir) };
}

/**
 * The demo activity of the Communauté de communes du Val d'Arvelle (its administrator is
 * admin.cc@demo.statutis.fr): bases de l'assurance, agents, and sinistres at every stage — an
 * illness complete and Ouvert, an accident still in Brouillon with missing pieces and a handler's
 * unread comment, a closed illness, a requalification request.
 */
export async function loadDemoActivite(
  tx: Db,
  storage: Storage,
  ids: { collectiviteId: string; cnraclId: string; ircantecId: string; adminId: string },
) {
  const c = ids.collectiviteId;
  const base = (
    contratId: string,
    annee: number,
    type: string,
    taux: number,
    amounts: { tbi: number; nbi?: number },
  ) => ({
    collectiviteId: c,
    contratId,
    annee,
    type,
    effectif: 10,
    tbi: amounts.tbi,
    nbi: amounts.nbi ?? null,
    tauxCotisation: taux,
    assiette: assietteAssuree(amounts),
    cotisation: cotisation(amounts, taux),
  });
  await tx
    .insert(baseAssurance)
    .values([
      base(ids.cnraclId, 2025, 'reelle', 6500, { tbi: 31_245_000, nbi: 820_000 }),
      base(ids.cnraclId, 2026, 'previsionnelle', 6500, { tbi: 32_000_000, nbi: 850_000 }),
      base(ids.ircantecId, 2026, 'previsionnelle', 1100, { tbi: 4_200_000 }),
    ]);
  const agents = await tx
    .insert(agent)
    .values(
      AGENTS.map((a, i) => {
        const { nir, cle } = demoNir(a, i);
        return {
          collectiviteId: c,
          nir,
          nirCle: cle,
          nom: a.nom,
          prenom: a.prenom,
          dateNaissance: a.naissance,
          sexe: a.naissance ? a.sexe : null,
          regime: a.regime,
          statut: a.statut,
          dateEntree: a.entree,
          emploi: a.emploi,
          grade: a.grade ?? null,
          // Agents from a roster import stay incomplete until their file is completed.
          tempsTravail: a.naissance ? (a.heures ? 'non_complet' : 'complet') : null,
          heuresHebdo: a.naissance ? (a.heures ?? null) : null,
          service: a.service,
          dateDepart: a.depart ?? null,
          motifDepart: a.depart ? 'retraite' : null,
        };
      }),
    )
    .returning();
  const [martin, menard, lefevre, boeuf] = agents;
  const at = (iso: string) => new Date(`${iso}T09:00:00Z`);

  const [maladie, accident, clos, requalifiee] = await tx
    .insert(sinistre)
    .values([
      {
        collectiviteId: c,
        agentId: menard!.id,
        contratId: ids.cnraclId,
        categorie: 'maladie_ordinaire',
        dateSurvenance: '2026-09-01',
        tiersImplique: false,
        statut: 'ouvert',
        createdAt: at('2026-09-03'),
      },
      {
        collectiviteId: c,
        agentId: martin!.id,
        contratId: ids.cnraclId,
        categorie: 'accident_service',
        dateSurvenance: '2026-10-14',
        tiersImplique: false,
        statut: 'brouillon',
        createdAt: at('2026-10-15'),
        imputabilite: 'reconnue',
        imputabiliteDate: '2026-10-20',
        arretTravail: true,
      },
      {
        collectiviteId: c,
        agentId: lefevre!.id,
        contratId: ids.cnraclId,
        categorie: 'maladie_ordinaire',
        dateSurvenance: '2026-06-02',
        tiersImplique: false,
        statut: 'clos',
        createdAt: at('2026-06-03'),
      },
      {
        collectiviteId: c,
        agentId: boeuf!.id,
        contratId: ids.cnraclId,
        categorie: 'maladie_ordinaire',
        dateSurvenance: '2026-10-05',
        tiersImplique: false,
        statut: 'ouvert',
        createdAt: at('2026-10-06'),
      },
    ])
    .returning();
  const salaire = { tbi: 245_612, nbi: 7_384 };
  const arrets = await tx
    .insert(arret)
    .values([
      {
        sinistreId: maladie!.id,
        collectiviteId: c,
        agentId: menard!.id,
        type: 'initial',
        debut: '2026-09-01',
        fin: '2026-09-07',
        createdAt: at('2026-09-03'),
        ...salaire,
      },
      {
        sinistreId: maladie!.id,
        collectiviteId: c,
        agentId: menard!.id,
        type: 'prolongation',
        debut: '2026-09-08',
        fin: '2026-09-23',
        createdAt: at('2026-09-09'),
        ...salaire,
      },
      {
        sinistreId: accident!.id,
        collectiviteId: c,
        agentId: martin!.id,
        type: 'initial',
        debut: '2026-10-14',
        fin: '2026-10-18',
        reprise: '2026-10-19',
        createdAt: at('2026-10-15'),
        tbi: 198_450,
      },
      {
        sinistreId: clos!.id,
        collectiviteId: c,
        agentId: lefevre!.id,
        type: 'initial',
        debut: '2026-06-02',
        fin: '2026-06-05',
        reprise: '2026-06-06',
        createdAt: at('2026-06-03'),
        tbi: 187_020,
      },
      {
        sinistreId: requalifiee!.id,
        collectiviteId: c,
        agentId: boeuf!.id,
        type: 'initial',
        debut: '2026-10-05',
        fin: '2026-11-04',
        createdAt: at('2026-10-06'),
        tbi: 201_300,
      },
    ])
    .returning();
  await tx.insert(enqueteAdministrative).values({
    sinistreId: accident!.id,
    collectiviteId: c,
    nature: 'lieu_travail',
    date: '2026-10-14',
    heure: '10:30',
    lieu: 'Parking de la mairie, place de la République',
    horaires: '8 h 30 – 12 h 00, 13 h 30 – 17 h 00',
    tache: 'Régulation de la circulation à la sortie de l’école',
    circonstances:
      'L’agent a glissé sur la chaussée mouillée en s’écartant d’un véhicule et est tombé sur le côté droit.',
    sieges: ['poignet', 'genou'],
    natureLesions: 'Entorse du poignet droit, contusion du genou droit',
    temoins: [{ nom: 'DURAND', prenom: 'Luc', coordonnees: '06 12 34 56 78' }],
    doute: false,
    updatedAt: at('2026-10-15'),
  });

  const files: (typeof piece.$inferInsert)[] = [];
  const deposit = async (
    sinistreId: string,
    code: string,
    libelle: string,
    options: { arretId?: string; medicale?: boolean; jour: string },
  ) => {
    const stored = await storage.put(Readable.from([DEMO_PDF]), { prefix: 'pieces', maxBytes: DEMO_PDF.length });
    files.push({
      collectiviteId: c,
      sinistreId,
      arretId: options.arretId ?? null,
      code,
      libelle,
      statut: 'deposee',
      medicale: options.medicale ?? false,
      nom: `${code.replace(/_/g, '-')}.pdf`,
      mime: 'application/pdf',
      storageKey: stored.key,
      sha256: stored.sha256,
      taille: stored.size,
      deposePar: ids.adminId,
      createdAt: at(options.jour),
    });
  };
  for (const a of [arrets[0]!, arrets[1]!]) {
    await deposit(maladie!.id, 'arret_travail', 'Arrêt de travail (volets 2 et 3)', { arretId: a.id, jour: a.debut });
    await deposit(maladie!.id, 'bulletins_salaire', 'Bulletins de salaire de la période', {
      arretId: a.id,
      jour: a.fin,
    });
  }
  await deposit(accident!.id, 'certificat_initial', 'Certificat médical initial', {
    medicale: true,
    jour: '2026-10-15',
  });
  await deposit(accident!.id, 'arret_travail', 'Arrêt de travail (volets 2 et 3)', {
    arretId: arrets[2]!.id,
    jour: '2026-10-15',
  });
  await deposit(clos!.id, 'arret_travail', 'Arrêt de travail (volets 2 et 3)', {
    arretId: arrets[3]!.id,
    jour: '2026-06-03',
  });
  await deposit(clos!.id, 'bulletins_salaire', 'Bulletins de salaire de la période', {
    arretId: arrets[3]!.id,
    jour: '2026-06-30',
  });
  await deposit(requalifiee!.id, 'arret_travail', 'Arrêt de travail (volets 2 et 3)', {
    arretId: arrets[4]!.id,
    jour: '2026-10-06',
  });
  await deposit(requalifiee!.id, 'bulletins_salaire', 'Bulletins de salaire de la période', {
    arretId: arrets[4]!.id,
    jour: '2026-10-31',
  });
  await tx.insert(piece).values(files);
  await createPiecesRepository().recomputeManquantes(tx, { collectiviteId: c });

  await tx.insert(requalification).values({
    collectiviteId: c,
    sinistreId: requalifiee!.id,
    de: 'maladie_ordinaire',
    vers: 'clm',
    motif: 'Le conseil médical a rendu le 28/10/2026 un avis favorable au congé de longue maladie.',
    statut: 'demandee',
    demandePar: 'Marc LEROY',
    createdAt: at('2026-10-29'),
  });
  await tx.insert(commentaire).values([
    {
      collectiviteId: c,
      sinistreId: accident!.id,
      auteur: 'Nadia MOREAU',
      gestion: true,
      texte:
        'Bonjour, merci de déposer la déclaration d’accident et l’enquête administrative signée pour que nous puissions instruire le dossier.',
      createdAt: at('2026-10-22'),
    },
    {
      collectiviteId: c,
      sinistreId: maladie!.id,
      auteur: 'Nadia MOREAU',
      gestion: true,
      texte: 'Dossier complet, merci. Le décompte suivra.',
      createdAt: at('2026-09-28'),
      luLe: at('2026-09-29'),
    },
  ]);
}
