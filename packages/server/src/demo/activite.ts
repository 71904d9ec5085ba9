import { Readable } from 'node:stream';
import { assietteAssuree, cotisation, numeroSinistre } from '@statutis/domain';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Storage } from '../lib/storage/storage.js';
import { arret } from '../modules/arrets/arrets.table.js';
import { baseAssurance } from '../modules/base-assurance/base-assurance.table.js';
import { enqueteAdministrative } from '../modules/enquete/enquete.table.js';
import { fraisMedical } from '../modules/frais-medicaux/frais-medicaux.table.js';
import { refreshFile } from '../modules/gestion/corbeille.repository.js';
import { controleMedical, repriseSuivi } from '../modules/gestion/suivi-gestion.table.js';
import { createNotificationsRepository, DECLARANTS } from '../modules/notifications/notifications.repository.js';
import { notification } from '../modules/notifications/notifications.table.js';
import { createPiecesRepository } from '../modules/pieces/pieces.repository.js';
import { piece } from '../modules/pieces/pieces.table.js';
import { ijss, salaireMensuel } from '../modules/remboursements/entrees.table.js';
import { createSinistreChanged } from '../modules/sinistres/sinistre-changed.js';
import { createSinistresRepository } from '../modules/sinistres/sinistres.repository.js';
import { commentaire, requalification, sinistre } from '../modules/sinistres/sinistres.table.js';
import { insertDemoAgents } from './agents.js';

/** The monthly salaries and IJSS the engine reads, as the employer entered them. */
async function insertDemoEntrees(
  tx: Db,
  collectiviteId: string,
  entrees: {
    salaires: { agentId: string; mois: string; tbi: number; nbi?: number }[];
    ijss: { sinistreId: string; du: string; au: string; montantJournalier: number }[];
    le: Date;
  },
) {
  const saisie = { collectiviteId, saisiPar: 'Marc LEROY', saisiLe: entrees.le };
  await tx.insert(salaireMensuel).values(entrees.salaires.map((s) => ({ ...saisie, ...s })));
  await tx.insert(ijss).values(entrees.ijss.map((i) => ({ ...saisie, ...i })));
}

/** A one-page PDF standing for a scanned document of the demo. */
/** The demo CDG's gestionnaire, as the employer sees her work. */
const GESTIONNAIRE = 'Centre de gestion — Nadia MOREAU';

const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

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
  const [martin, menard, lefevre, boeuf, , garnier] = await insertDemoAgents(tx, c);
  const at = (iso: string) => new Date(`${iso}T09:00:00Z`);

  const [maladie, accident, clos, requalifiee, ircantec] = await tx
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
      {
        collectiviteId: c,
        agentId: garnier!.id,
        contratId: ids.ircantecId,
        categorie: 'maladie_ordinaire',
        dateSurvenance: '2026-08-03',
        tiersImplique: false,
        statut: 'clos',
        createdAt: at('2026-08-04'),
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
      {
        sinistreId: ircantec!.id,
        collectiviteId: c,
        agentId: garnier!.id,
        type: 'initial',
        debut: '2026-08-03',
        fin: '2026-08-28',
        reprise: '2026-08-29',
        certificatRecuLe: '2026-08-04',
        createdAt: at('2026-08-04'),
        tbi: 121_540,
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
  for (const [code, libelle, jour] of [
    ['arret_travail', 'Arrêt de travail (volets 2 et 3)', '2026-08-04'],
    ['bulletins_salaire', 'Bulletins de salaire de la période', '2026-08-31'],
    ['decomptes_cpam', 'Décomptes d’indemnités journalières de la CPAM', '2026-09-10'],
  ] as const)
    await deposit(ircantec!.id, code, libelle, { arretId: arrets[5]!.id, jour });
  await tx.insert(piece).values(files);
  await insertDemoEntrees(tx, c, {
    // A payslip differs from month to month: Mme BŒUF changed échelon in November.
    salaires: [
      { agentId: menard!.id, mois: '2026-09', ...salaire },
      { agentId: martin!.id, mois: '2026-10', tbi: 198_450 },
      { agentId: lefevre!.id, mois: '2026-06', tbi: 187_020 },
      { agentId: boeuf!.id, mois: '2026-10', tbi: 201_300 },
      { agentId: boeuf!.id, mois: '2026-11', tbi: 204_870 },
      { agentId: garnier!.id, mois: '2026-08', tbi: 121_540 },
    ],
    // The CPAM pays from the 4th day of the IRCANTEC agent's arrêt: 06/08–28/08, 23 days at 20,04 €.
    ijss: [{ sinistreId: ircantec!.id, du: '2026-08-06', au: '2026-08-28', montantJournalier: 2_004 }],
    le: at('2026-09-10'),
  });
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
      auteur: GESTIONNAIRE,
      gestion: true,
      texte:
        'Bonjour, merci de déposer la déclaration d’accident et l’enquête administrative signée pour que nous puissions instruire le dossier.',
      createdAt: at('2026-10-22'),
    },
    {
      collectiviteId: c,
      sinistreId: maladie!.id,
      auteur: GESTIONNAIRE,
      gestion: true,
      texte: 'Dossier complet, merci. Le décompte suivra.',
      createdAt: at('2026-09-28'),
      luLe: at('2026-09-29'),
    },
  ]);
  // The bell tells of the same comments: the older one read with its comment, the newer one not yet.
  const notifications = createNotificationsRepository();
  const commentaireDe = (s: typeof accident) => ({
    collectiviteId: c,
    kind: 'commentaire' as const,
    titre: `Commentaire du gestionnaire : sinistre ${numeroSinistre(s!)}`,
    lien: `/declarations/sinistres/${s!.id}#commentaires`,
    sujet: `sinistre:${s!.id}`,
  });
  const lues = await notifications.notifier(tx, at('2026-09-28'), DECLARANTS, [commentaireDe(maladie)]);
  await notifications.notifier(tx, at('2026-10-22'), DECLARANTS, [commentaireDe(accident)]);
  await tx
    .update(notification)
    .set({ lueLe: at('2026-09-29') })
    .where(
      inArray(
        notification.id,
        lues.map((n) => n.id),
      ),
    );
  // The accident's medical fees: a consultation validated, a course of physiotherapy to decide, paid
  // directly to the practitioner.
  const facture = async (nom: string) => {
    const stored = await storage.put(Readable.from([DEMO_PDF]), {
      prefix: 'frais-medicaux',
      maxBytes: DEMO_PDF.length,
    });
    return {
      factureNom: nom,
      factureMime: 'application/pdf',
      factureStorageKey: stored.key,
      factureSha256: stored.sha256,
      factureTaille: stored.size,
    };
  };
  await tx.insert(fraisMedical).values([
    {
      collectiviteId: c,
      sinistreId: accident!.id,
      dateSoins: '2026-10-14',
      nature: 'consultation',
      prestataire: 'Dr Claire FAURE, médecin généraliste',
      montantFacture: 3_000,
      montantPrisEnCharge: 0,
      montantRetenu: 3_000,
      beneficiaire: 'collectivite',
      statut: 'validee',
      ...(await facture('facture-consultation.pdf')),
      saisiPar: ids.adminId,
      saisiParLibelle: 'Marc LEROY',
      createdAt: at('2026-10-16'),
      decideParLibelle: GESTIONNAIRE,
      decideLe: at('2026-10-21'),
    },
    {
      collectiviteId: c,
      sinistreId: accident!.id,
      dateSoins: '2026-10-28',
      nature: 'kinesitherapie',
      prestataire: 'Cabinet de kinésithérapie des Tilleuls',
      montantFacture: 19_200,
      montantPrisEnCharge: 0,
      montantRetenu: 19_200,
      beneficiaire: 'praticien',
      beneficiaireNom: 'Cabinet de kinésithérapie des Tilleuls',
      beneficiaireIban: 'FR7630006000011234567890189',
      statut: 'saisie',
      ...(await facture('facture-kinesitherapie.pdf')),
      saisiPar: ids.adminId,
      saisiParLibelle: 'Marc LEROY',
      createdAt: at('2026-11-02'),
    },
  ]);
  // The demo writes its rows directly: their counts and the work queue go through the one path all the same.
  const demoSinistres = await tx.select({ id: sinistre.id }).from(sinistre).where(eq(sinistre.collectiviteId, c));
  await createSinistreChanged({
    db: tx,
    sinistres: createSinistresRepository(),
    pieces: createPiecesRepository(),
    listeners: [refreshFile],
  }).sinistresChanged(
    tx,
    demoSinistres.map((r) => r.id),
  );
  // The back office's follow-up: a contre-visite on the open illness, the return to work of the closed one.
  await tx.insert(controleMedical).values({
    collectiviteId: c,
    sinistreId: maladie!.id,
    type: 'contre_visite',
    demandeur: 'cdg',
    medecin: 'Dr Anne LEROY',
    date: '2026-09-15',
    resultat: 'justifie',
    cout: 9_000,
    payePar: 'cdg',
    demandePar: GESTIONNAIRE,
    createdAt: at('2026-09-10'),
    updatedAt: at('2026-09-16'),
  });
  await tx.insert(repriseSuivi).values({
    sinistreId: clos!.id,
    collectiviteId: c,
    prevueLe: '2026-06-06',
    effectiveLe: '2026-06-06',
    forme: 'plein_temps',
    updatedAt: at('2026-06-08'),
  });
}
