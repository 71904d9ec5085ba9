import { addDays, nirKey } from '@statutis/domain';
import type { Db } from '../db/client.js';
import { agent, agentEmploi } from '../modules/agents/agents.table.js';
import { arret } from '../modules/arrets/arrets.table.js';
import { antecedent, salaireMensuel } from '../modules/remboursements/entrees.table.js';
import { sinistre } from '../modules/sinistres/sinistres.table.js';

const PRENOMS_F = ['Anne', 'Camille', 'Chloé', 'Élodie', 'Inès', 'Julie', 'Léa', 'Manon', 'Nathalie', 'Sandrine'];
const PRENOMS_M = ['Antoine', 'Bruno', 'Cédric', 'David', 'Éric', 'Hugo', 'Karim', 'Louis', 'Nicolas', 'Yann'];
const NOMS = [
  'AUBERT',
  'BARBIER',
  'BLANCHARD',
  'BRUN',
  'CARON',
  'CHEVALIER',
  'COLIN',
  'DUMAS',
  'FLEURY',
  'GAUTHIER',
  'GUÉRIN',
  'HENRY',
  'JOLY',
  'LACROIX',
  'LEMAIRE',
  'MARCHAND',
  'MEUNIER',
  'NOËL',
  'PERRIN',
  'RENAUD',
];
const SERVICES = ['Services techniques', 'Administration générale', 'Écoles et périscolaire', 'Police municipale'];

/** The days an arrêt may not touch: the months the décompte journeys compute (January 2025, November 2026). */
const RESERVES = [
  { debut: '2025-01-01', fin: '2025-01-31' },
  { debut: '2026-11-01', fin: '2026-12-31' },
];

/** A small deterministic generator: the demo is the same at every load. */
function generateur(graine: number) {
  let x = graine;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

const chevauche = (a: { debut: string; fin: string }, b: { debut: string; fin: string }) =>
  a.debut <= b.fin && b.debut <= a.fin;

/**
 * The statistics of the Commune de Belleville-sur-Arvelle (admin@ and lecteur@demo.statutis.fr): 40
 * agents with their employment history (arrivals and departures in 2025, changes of service), and three
 * years of closed arrêts — ordinary illness mostly, some long illness, an accident, a maternity leave —
 * so that « Statistiques » has something to show over 2024–2026. The files are closed and examined: they
 * wait in no work queue. No arrêt touches January 2025 nor November 2026, the months other journeys
 * compute décomptes for; no base de l'assurance is added (journeys declare the commune's).
 */
export async function loadDemoStatistiques(
  tx: Db,
  ids: { collectiviteId: string; cnraclId: string; ircantecId: string },
) {
  const c = ids.collectiviteId;
  const alea = generateur(20_240_101);
  const profils = Array.from({ length: 40 }, (_, i) => {
    const sexe = i % 5 < 3 ? ('F' as const) : ('M' as const);
    const annee = 1962 + Math.floor(alea() * 38);
    const mois = String(1 + Math.floor(alea() * 12)).padStart(2, '0');
    const regime = i % 7 === 6 ? ('IRCANTEC' as const) : ('CNRACL' as const);
    // Two left in 2025, two came in 2025: the headcount of each year is its own.
    const entree = i >= 38 ? `2025-0${i - 35}-01` : `${2004 + (i % 19)}-09-01`;
    const depart = i === 3 ? '2025-06-30' : i === 11 ? '2025-09-30' : null;
    return {
      sexe,
      naissance: `${annee}-${mois}-15`,
      regime,
      entree,
      depart,
      service: SERVICES[i % SERVICES.length]!,
      prenom: (sexe === 'F' ? PRENOMS_F : PRENOMS_M)[i % 10]!,
      nom: NOMS[i % NOMS.length]!,
      nir: `${sexe === 'M' ? 1 : 2}${String(annee).slice(2)}${mois}53130${String(601 + i)}`,
    };
  });
  const agents = await tx
    .insert(agent)
    .values(
      profils.map((p) => ({
        collectiviteId: c,
        nir: p.nir,
        nirCle: nirKey(p.nir),
        nom: p.nom,
        prenom: p.prenom,
        dateNaissance: p.naissance,
        sexe: p.sexe,
        regime: p.regime,
        statut: p.regime === 'CNRACL' ? 'titulaire' : 'contractuel',
        dateEntree: p.entree,
        emploi: 'Agent territorial',
        tempsTravail: 'complet',
        service: p.service,
        dateDepart: p.depart,
        motifDepart: p.depart ? (p.depart === '2025-06-30' ? 'retraite' : 'mutation') : null,
      })),
    )
    .returning();
  const creeLe = new Date('2024-01-02T09:00:00Z');
  await tx.insert(agentEmploi).values(
    agents.flatMap((a, i) => {
      const premier = {
        agentId: a.id,
        collectiviteId: c,
        dateEffet: a.dateEntree,
        regime: a.regime,
        statut: a.statut,
        emploi: a.emploi,
        tempsTravail: 'complet',
        service: i % 8 === 1 ? 'Services techniques' : a.service,
        createdAt: creeLe,
      };
      // Every eighth agent changed service on 1 April 2025.
      return i % 8 === 1 ? [premier, { ...premier, dateEffet: '2025-04-01', service: a.service }] : [premier];
    }),
  );

  type Arret = { agent: number; categorie: string; debut: string; fin: string };
  const arrets: Arret[] = [];
  const occupe = new Map<number, { debut: string; fin: string }[]>();
  const place = (a: Arret) => {
    const p = profils[a.agent]!;
    if (a.fin > '2026-10-31') a.fin = '2026-10-31';
    if (a.debut < p.entree || (p.depart && a.fin > p.depart)) return;
    if (RESERVES.some((r) => chevauche(r, a))) return;
    const deja = occupe.get(a.agent) ?? [];
    if (deja.some((d) => chevauche(d, { debut: addDays(a.debut, -1), fin: addDays(a.fin, 1) }))) return;
    deja.push(a);
    occupe.set(a.agent, deja);
    arrets.push(a);
  };
  const DUREES_MO = [1, 2, 3, 3, 4, 5, 7, 8, 10, 12, 15, 21, 30, 45, 60, 75, 90, 120, 150];
  for (const annee of [2024, 2025, 2026]) {
    for (let i = 0; i < 40; i++) {
      const r = alea();
      const nombre = r < 0.3 ? 1 : r < 0.45 ? 2 : r < 0.5 ? 3 : 0;
      for (let n = 0; n < nombre; n++) {
        const debut = addDays(`${annee}-01-01`, Math.floor(alea() * (annee === 2026 ? 290 : 350)));
        const t = alea();
        const cnracl = profils[i]!.regime === 'CNRACL';
        const [categorie, duree] =
          t < 0.1 && cnracl
            ? ['clm', 150 + Math.floor(alea() * 200)]
            : t < 0.14
              ? ['accident_service', 10 + Math.floor(alea() * 50)]
              : ['maladie_ordinaire', DUREES_MO[Math.floor(alea() * DUREES_MO.length)]!];
        place({ agent: i, categorie: categorie as string, debut, fin: addDays(debut, (duree as number) - 1) });
      }
    }
  }
  // A maternity leave (excluded by default, counted with the option).
  place({ agent: 5, categorie: 'maternite', debut: '2025-03-03', fin: '2025-06-22' });

  const examine = new Date('2026-11-02T09:00:00Z');
  const sinistres = await tx
    .insert(sinistre)
    .values(
      arrets.map((a) => ({
        collectiviteId: c,
        agentId: agents[a.agent]!.id,
        contratId: profils[a.agent]!.regime === 'CNRACL' ? ids.cnraclId : ids.ircantecId,
        categorie: a.categorie,
        dateSurvenance: a.debut,
        tiersImplique: false,
        statut: 'clos',
        ...(a.categorie === 'accident_service'
          ? { imputabilite: 'reconnue', imputabiliteDate: a.debut, arretTravail: true }
          : {}),
        createdAt: new Date(`${a.debut}T09:00:00Z`),
        examineLe: examine,
      })),
    )
    .returning({ id: sinistre.id });
  // The first prolongation of 2025 reached the employer 150 days after its start, past the contracts'
  // 90 days (and a 120-day deadline): the formula simulator's late-declaration rules show what such an arrêt costs.
  let tardive = false;
  await tx.insert(arret).values(
    arrets.flatMap((a, n) => {
      const base = {
        sinistreId: sinistres[n]!.id,
        collectiviteId: c,
        agentId: agents[a.agent]!.id,
        createdAt: new Date(`${a.debut}T09:00:00Z`),
        examineLe: examine,
      };
      // A long arrêt comes as an initial certificate and its prolongation.
      const milieu = addDays(a.debut, 29);
      if (milieu >= a.fin) return [{ ...base, type: 'initial', debut: a.debut, fin: a.fin }];
      const suite = addDays(milieu, 1);
      const recueTard = !tardive && suite.startsWith('2025');
      tardive ||= recueTard;
      return [
        { ...base, type: 'initial', debut: a.debut, fin: milieu },
        {
          ...base,
          type: 'prolongation',
          debut: suite,
          fin: a.fin,
          ...(recueTard ? { createdAt: new Date(`${addDays(suite, 150)}T09:00:00Z`) } : {}),
        },
      ];
    }),
  );
}

/**
 * The « Prévisions à 90 jours » of the commune (issue 12), around the day the demo is loaded (`j`): three
 * agents in arrêt, examined (in no work queue), with a payslip carried forward:
 * - Sophie PRÉVOST, maladie ordinaire since j − 75 (carence counted), known to j + 20: half pay from
 *   j − 75 + 90 = j + 15, inside the known arrêt;
 * - Claire VIDAL, CLM since j − 340, known to j + 60: half pay from j − 340 + 365 = j + 25;
 * - Marc ROUSSEL, CLM since j − 1 055 (an antécédent, then a CLM from j − 199 known to j + 25): on half pay,
 *   his 1 095 days of rights end on j − 1 055 + 1 095 = j + 40, only if the arrêt is extended.
 * Unlike the closed history above, these arrêts touch the months around the load day: a batch of décomptes
 * over those months (the CDG's « Calcul des décomptes ») costs them too.
 */
export async function loadDemoPrevisions(tx: Db, ids: { collectiviteId: string; cnraclId: string }, j: string) {
  const c = ids.collectiviteId;
  const cas = [
    {
      nom: 'PRÉVOST',
      prenom: 'Sophie',
      sexe: 'F' as const,
      nir: '2790575056042',
      categorie: 'maladie_ordinaire',
      debut: -75,
      fin: 20,
    },
    {
      nom: 'VIDAL',
      prenom: 'Claire',
      sexe: 'F' as const,
      nir: '2830975056043',
      categorie: 'clm',
      debut: -340,
      fin: 60,
    },
    {
      nom: 'ROUSSEL',
      prenom: 'Marc',
      sexe: 'M' as const,
      nir: '1761175056044',
      categorie: 'clm',
      debut: -199,
      fin: 25,
    },
  ];
  const agents = await tx
    .insert(agent)
    .values(
      cas.map((x) => ({
        collectiviteId: c,
        nir: x.nir,
        nirCle: nirKey(x.nir),
        nom: x.nom,
        prenom: x.prenom,
        dateNaissance: `19${x.nir.slice(1, 3)}-${x.nir.slice(3, 5)}-10`,
        sexe: x.sexe,
        regime: 'CNRACL' as const,
        statut: 'titulaire',
        dateEntree: '2008-09-01',
        emploi: 'Agent territorial',
        tempsTravail: 'complet',
        service: 'Services techniques',
      })),
    )
    .returning({ id: agent.id });
  const examine = new Date(`${j}T08:00:00Z`);
  const sinistres = await tx
    .insert(sinistre)
    .values(
      cas.map((x, i) => ({
        collectiviteId: c,
        agentId: agents[i]!.id,
        contratId: ids.cnraclId,
        categorie: x.categorie,
        dateSurvenance: addDays(j, x.debut),
        tiersImplique: false,
        statut: 'ouvert',
        createdAt: new Date(`${addDays(j, x.debut)}T09:00:00Z`),
        examineLe: examine,
      })),
    )
    .returning({ id: sinistre.id });
  await tx.insert(arret).values(
    cas.flatMap((x, i) => {
      const base = { sinistreId: sinistres[i]!.id, collectiviteId: c, agentId: agents[i]!.id, examineLe: examine };
      const milieu = addDays(j, x.debut + 29);
      return [
        {
          ...base,
          type: 'initial',
          debut: addDays(j, x.debut),
          fin: milieu,
          createdAt: new Date(`${addDays(j, x.debut)}T09:00:00Z`),
        },
        {
          ...base,
          type: 'prolongation',
          debut: addDays(milieu, 1),
          fin: addDays(j, x.fin),
          createdAt: new Date(`${milieu}T09:00:00Z`),
        },
      ];
    }),
  );
  const saisiLe = new Date(`${j}T08:00:00Z`);
  await tx.insert(antecedent).values({
    collectiviteId: c,
    agentId: agents[2]!.id,
    categorie: 'clm',
    du: addDays(j, -1055),
    au: addDays(j, -200),
    saisiPar: 'Démonstration',
    saisiLe,
  });
  // The payslip of the month before the forecast, carried forward by it.
  const mois = addDays(`${j.slice(0, 7)}-01`, -1).slice(0, 7);
  await tx.insert(salaireMensuel).values(
    [
      { tbi: 210_000, nbi: 7_384, sft: 0 },
      { tbi: 245_612, nbi: 0, sft: 10_000 },
      { tbi: 198_000, nbi: 0, sft: 0 },
    ].map((s, i) => ({ collectiviteId: c, agentId: agents[i]!.id, mois, ...s, saisiPar: 'Démonstration', saisiLe })),
  );
}
