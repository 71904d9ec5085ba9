import { addDays, finHorizon, prevoirAgent, type TLignePrevision } from '@statutis/domain';
import { expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import type { Scope } from '../src/lib/scope.js';
import { agent } from '../src/modules/agents/agents.table.js';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { baseAssurance } from '../src/modules/base-assurance/base-assurance.table.js';
import { adhesion } from '../src/modules/contrats/contrats.table.js';
import { controleMedical } from '../src/modules/gestion/suivi-gestion.table.js';
import {
  entreesCalcul,
  entreesCalculDe,
  TAILLE_LOT_ENTREES,
} from '../src/modules/remboursements/entrees.repository.js';
import { antecedent, ijss, salaireMensuel } from '../src/modules/remboursements/entrees.table.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { createPrevisionRepository } from '../src/modules/statistiques/statistiques-prevision.repository.js';
import { createCollectivite, createContrat, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';

const creeLe = new Date('2026-01-02T09:00:00Z');
const saisie = { saisiPar: 'test', saisiLe: creeLe };
const AU_JOUR = '2026-11-25';
let nirs = 0;

type Contrats = { cnracl: string; ircantec: string; ancien: string };

/**
 * `n` agents of the collectivité in arrêt on 25/11/2026, each with a different mix of what the engine
 * reads — a second certificate, an older sinistre on a contract the collectivité no longer adheres
 * to, an antécédent, a payslip in the window or one to carry forward, IJSS by day or by period, a
 * contre-visite, the IRCANTEC regime — inserted set-based (a few statements whatever `n`).
 */
async function agentsEnArret(db: Db, collectiviteId: string, k: Contrats, n: number) {
  const agents = await db
    .insert(agent)
    .values(
      Array.from({ length: n }, (_, i) => ({
        collectiviteId,
        nir: `1800175${String(100000 + ++nirs).slice(0, 6)}`,
        nom: `LOT${String(i).padStart(3, '0')}`,
        prenom: 'Test',
        sexe: 'M',
        dateNaissance: '1980-01-15',
        regime: i % 10 === 0 ? ('IRCANTEC' as const) : ('CNRACL' as const),
        statut: i % 10 === 0 ? 'contractuel' : 'titulaire',
        dateEntree: '2010-01-01',
      })),
    )
    .returning({ id: agent.id });
  const categories = ['maladie_ordinaire', 'clm', 'cld', 'maladie_ordinaire'];
  const debutDe = (i: number) => addDays('2026-06-01', (i * 7) % 150);
  const courants = await db
    .insert(sinistre)
    .values(
      agents.map((a, i) => ({
        collectiviteId,
        agentId: a.id,
        contratId: i % 10 === 0 ? k.ircantec : k.cnracl,
        categorie: i % 10 === 0 ? 'maladie_ordinaire' : categories[i % 4]!,
        dateSurvenance: debutDe(i),
        tiersImplique: false,
        statut: 'ouvert',
        createdAt: creeLe,
      })),
    )
    .returning({ id: sinistre.id });
  const anciens = await db
    .insert(sinistre)
    .values(
      agents
        .filter((_, i) => i % 4 === 1)
        .map((a) => ({
          collectiviteId,
          agentId: a.id,
          contratId: k.ancien,
          categorie: 'maladie_ordinaire',
          dateSurvenance: '2026-02-02',
          tiersImplique: false,
          statut: 'clos',
          createdAt: creeLe,
        })),
    )
    .returning({ id: sinistre.id, agentId: sinistre.agentId });
  await db.insert(arret).values([
    ...agents.flatMap((a, i) => {
      const debut = debutDe(i);
      const coupe = addDays(debut, 40);
      const certificats =
        i % 3 === 0
          ? [
              { debut, fin: coupe },
              { debut: addDays(coupe, 1), fin: '2027-01-15' },
            ]
          : [{ debut, fin: addDays('2026-12-01', i % 40) }];
      return certificats.map((x, j) => ({
        collectiviteId,
        sinistreId: courants[i]!.id,
        agentId: a.id,
        type: j === 0 ? 'initial' : 'prolongation',
        debut: x.debut,
        fin: x.fin,
        createdAt: new Date(`${x.debut}T09:00:00Z`),
      }));
    }),
    ...anciens.map((s) => ({
      collectiviteId,
      sinistreId: s.id,
      agentId: s.agentId,
      type: 'initial',
      debut: '2026-02-02',
      fin: '2026-03-20',
      createdAt: new Date('2026-02-02T09:00:00Z'),
    })),
  ]);
  const chaque = (pas: number, reste = 0) => agents.map((a, i) => ({ a, i })).filter(({ i }) => i % pas === reste);
  await db.insert(antecedent).values(
    chaque(5).map(({ a }) => ({
      collectiviteId,
      agentId: a.id,
      categorie: 'maladie_ordinaire',
      du: '2025-12-01',
      au: '2026-01-20',
      ...saisie,
    })),
  );
  await db.insert(salaireMensuel).values([
    ...chaque(2).map(({ a, i }) => ({
      collectiviteId,
      agentId: a.id,
      mois: '2026-11',
      tbi: 250_000 + i * 100,
      ...(i % 4 === 0 ? { nbi: 4_000, sft: 10_000 } : {}),
      ...saisie,
    })),
    ...chaque(7, 3).map(({ a, i }) => ({
      collectiviteId,
      agentId: a.id,
      mois: '2026-08',
      tbi: 210_000 + i,
      ...saisie,
    })),
  ]);
  await db.insert(ijss).values(
    chaque(10).map(({ i }) => ({
      collectiviteId,
      sinistreId: courants[i]!.id,
      du: '2026-11-01',
      au: '2026-12-15',
      ...(i % 20 === 0 ? { montantTotal: 90_000 } : { montantJournalier: 2_500 }),
      ...saisie,
    })),
  );
  await db.insert(controleMedical).values(
    chaque(9, 4).map(({ i }) => ({
      collectiviteId,
      sinistreId: courants[i]!.id,
      type: 'contre_visite',
      demandeur: 'cdg',
      date: '2026-11-20',
      resultat: 'non_justifie',
      injustifieAPartirDu: '2026-11-21',
      demandePar: 'test',
      createdAt: creeLe,
    })),
  );
  return courants.map((s) => s.id);
}

/**
 * A collectivité of 230 agents in arrêt (two chunks of the set-based reader) and a neighbour of 25
 * sharing its contracts — the neighbour joined the CNRACL contract late, in 2025 — with a base de
 * l'assurance for 2026 on the CNRACL contract (NBI, SFT, RI) for the first collectivité only.
 */
async function monde(ctx: Parameters<typeof tenantWithUsers>[0]) {
  const db = ctx.database.db;
  const t = await tenantWithUsers(ctx);
  const voisine = await createCollectivite(db, t.collectivite.cdgId!);
  const risques = ['maladie_ordinaire', 'clm', 'cld'];
  const cdgId = t.collectivite.cdgId;
  const cnracl = await createContrat(db, { cdgId, collectiviteIds: [t.collectivite.id], risques });
  const ircantec = await createContrat(db, {
    cdgId,
    regime: 'IRCANTEC',
    collectiviteIds: [t.collectivite.id, voisine.id],
    risques,
  });
  const ancien = await createContrat(db, { cdgId, risques });
  await db.insert(adhesion).values({ contratId: cnracl.id, collectiviteId: voisine.id, dateAdhesion: '2025-03-01' });
  await db.insert(baseAssurance).values({
    collectiviteId: t.collectivite.id,
    contratId: cnracl.id,
    annee: 2026,
    type: 'reelle',
    effectif: 230,
    tbi: 600_000_000,
    nbi: 10_000_000,
    sft: 20_000_000,
    riPct: 1_000,
    tauxCotisation: 6500,
    assiette: 630_000_000,
    cotisation: 40_950_000,
  });
  const k = { cnracl: cnracl.id, ircantec: ircantec.id, ancien: ancien.id };
  const ids = await agentsEnArret(db, t.collectivite.id, k, TAILLE_LOT_ENTREES + 30);
  const idsVoisine = await agentsEnArret(db, voisine.id, k, 25);
  return { t, voisine, ids, idsVoisine };
}

describeEachDatabase('statistiques : prévisions à 90 jours, lues par lots', (ctx) => {
  it('reads for many sinistres at once exactly what it reads for each one alone', async () => {
    const { ids, idsVoisine } = await monde(ctx());
    const db = ctx().database.db;
    const plateforme: Scope = { kind: 'plateforme', userId: 'test', collectiviteId: null };
    const periode = { debut: AU_JOUR, fin: finHorizon(AU_JOUR) };
    // Both collectivités' sinistres mixed in the same chunks, and one asked twice.
    const tous = [...ids, ...idsVoisine].sort();
    const lot = await entreesCalculDe(db, plateforme, [...tous, tous[0]!], periode);
    expect(lot.size).toBe(tous.length);
    for (const id of tous) expect(lot.get(id), id).toEqual(await entreesCalcul(db, plateforme, id, periode));
    // The mix is there: contracts through adhesion and through an older sinistre, a late adhesion, a base,
    // payslips, IJSS by day and by period, contre-visites, antécédents, IRCANTEC agents.
    const entrees = [...lot.values()];
    expect(entrees.some((e) => e.contrats.length === 2 && e.arrets.length === 2)).toBe(true);
    expect(entrees.some((e) => e.contrats.some((c) => c.debut === '2025-03-01'))).toBe(true);
    expect(entrees.some((e) => e.contrats.some((c) => c.riPct === 1_000 && c.elements.includes('nbi')))).toBe(true);
    expect(entrees.some((e) => e.ijss?.some((x) => 'montantPeriode' in x))).toBe(true);
    expect(entrees.some((e) => e.ijss?.some((x) => 'montantJournalier' in x))).toBe(true);
    expect(entrees.some((e) => (e.contreVisites ?? []).length > 0)).toBe(true);
    expect(entrees.some((e) => (e.antecedents ?? []).length > 0)).toBe(true);
    expect(entrees.some((e) => e.agent.regime === 'IRCANTEC')).toBe(true);
    expect(entrees.some((e) => Object.keys(e.salaires).length > 0)).toBe(true);
    // Outside the scope: absent, as `entreesCalcul` answers null.
    const membre: Scope = {
      kind: 'membre',
      userId: 'test',
      collectiviteId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
      role: 'lecteur',
    };
    expect((await entreesCalculDe(db, membre, ids.slice(0, 3), periode)).size).toBe(0);
  });

  it('gives each of 230 agents in arrêt the lines computed for him alone', async () => {
    const { t, ids } = await monde(ctx());
    const db = ctx().database.db;
    const lignes: TLignePrevision[] = [];
    let page = (await t.lecteur.request('GET', '/api/statistiques/prevision')).json();
    lignes.push(...page.items);
    while (page.suivant) {
      const r = await t.lecteur.request('GET', `/api/statistiques/prevision?apres=${page.suivant}`);
      expect(r.statusCode, r.body).toBe(200);
      page = r.json();
      lignes.push(...page.items);
    }
    expect(page.agentsEnArret).toBe(ids.length);

    // One by one, through the per-sinistre reader and the forecast's own reads of the window and payslips.
    const scope: Scope = { kind: 'membre', userId: 'test', collectiviteId: t.collectivite.id, role: 'lecteur' };
    const fin = finHorizon(AU_JOUR);
    const repo = createPrevisionRepository();
    const rows = await repo.sinistresEnArret(db, scope, t.collectivite.id, AU_JOUR, fin);
    const salaires = await repo.derniersSalaires(
      db,
      scope,
      t.collectivite.id,
      [...new Set(rows.map((r) => r.agent_id))],
      fin.slice(0, 7),
    );
    const attendues: Pick<TLignePrevision, 'sinistreId' | 'agentId' | 'demiTraitement' | 'finDroits'>[] = [];
    const cout = { maintenuCentimes: 0, rembourseCentimes: 0, resteAChargeCentimes: 0, agentsSansSalaire: 0 };
    for (const r of rows) {
      const entree = (await entreesCalcul(db, scope, r.sinistre_id, { debut: AU_JOUR, fin }))!;
      const dernier = salaires.get(r.agent_id);
      const p = prevoirAgent(
        { ...entree, salaires: dernier ? { [dernier.mois]: dernier.salaire, ...entree.salaires } : entree.salaires },
        AU_JOUR,
      );
      for (const x of p.sinistres)
        if (x.demiTraitement || x.finDroits)
          attendues.push({
            sinistreId: x.sinistreId,
            agentId: r.agent_id,
            demiTraitement: x.demiTraitement,
            finDroits: x.finDroits,
          });
      if (p.cout.salaireInconnu) cout.agentsSansSalaire++;
      cout.maintenuCentimes += p.cout.maintenuCentimes;
      cout.rembourseCentimes += p.cout.rembourseCentimes;
      cout.resteAChargeCentimes += p.cout.resteAChargeCentimes;
    }
    const parSinistre = <T extends { sinistreId: string }>(l: T[]) =>
      [...l].sort((a, b) => a.sinistreId.localeCompare(b.sinistreId));
    expect(attendues.length).toBeGreaterThan(30);
    expect(parSinistre(lignes)).toMatchObject(parSinistre(attendues));
    expect(lignes).toHaveLength(attendues.length);
    expect(page.cout).toEqual(cout);
    expect(cout.agentsSansSalaire).toBeGreaterThan(0);
    expect(cout.maintenuCentimes).toBeGreaterThan(0);
  });
});
