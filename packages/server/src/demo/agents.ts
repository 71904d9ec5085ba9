import { nirKey } from '@statutis/domain';
import type { Db } from '../db/client.js';
import { agent } from '../modules/agents/agents.table.js';

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

/** The roster of the Communauté de communes, in the order of AGENTS (Martin, Ménard, Lefèvre, Bœuf first). */
export async function insertDemoAgents(tx: Db, collectiviteId: string) {
  return await tx
    .insert(agent)
    .values(
      AGENTS.map((a, i) => {
        const { nir, cle } = demoNir(a, i);
        return {
          collectiviteId,
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
}
