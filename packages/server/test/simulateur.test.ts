import { ZSimulationGestionInput } from '@statutis/domain';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { baseAssurance } from '../src/modules/base-assurance/base-assurance.table.js';
import { createSimulateurRepository } from '../src/modules/simulateur/simulateur.repository.js';
import { createSimulateurService } from '../src/modules/simulateur/simulateur.service.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { agentIrcantec, arrets, salaire } from './decomptes-world.js';
import {
  createAssureur,
  createCdg,
  createCollectivite,
  createContrat,
  createUser,
  login,
  staffMember,
} from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { declareSinistre, insuredTenant } from './world.js';

const TOUS_RISQUES = [
  'accident_service',
  'accident_trajet',
  'maladie_professionnelle',
  'maladie_ordinaire',
  'clm',
  'cld',
  'cgm',
  'maternite',
  'tpt',
  'disponibilite_office',
];
const formule = (f: Record<string, unknown> = {}) => ({
  libelle: 'Franchise 10 jours',
  franchiseMoJours: 10,
  remboursementPct: 100,
  elements: [],
  risques: TOUS_RISQUES,
  taux: { CNRACL: 8600, IRCANTEC: 1950 },
  ...f,
});
const NDJSON = { accept: 'application/x-ndjson' };
/** The NDJSON lines of a streamed simulation. */
const lignes = (body: string) =>
  body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });

/**
 * The domain's hand-checked case through the application (the clock is 25/11/2026: years 2023–2025):
 * a titulaire with TBI 2 000 €/month, one MO arrêt 01/04–30/04/2024 (carence 01/04), the
 * collectivité's bases réelles of 240 000 € for 2023, 2024 and 2025 on its CNRACL contract.
 */
async function monde(ctx: TestContext) {
  const world = await insuredTenant(ctx);
  const { t, contrat, agentId } = world;
  await ctx.database.db.insert(baseAssurance).values(
    [2023, 2024, 2025].map((annee) => ({
      collectiviteId: t.collectivite.id,
      contratId: contrat.id,
      annee,
      type: 'reelle',
      effectif: 10,
      tbi: 24_000_000,
      tauxCotisation: 6500,
      assiette: 24_000_000,
      cotisation: 1_560_000,
    })),
  );
  const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2024-04-01');
  await arrets(t.publicateur, sinistreId, [{ type: 'initial', debut: '2024-04-01', fin: '2024-04-30' }]);
  await salaire(t.publicateur, sinistreId, '2024-04', 200_000);
  await ctx.database.db.update(sinistre).set({ statut: 'ouvert' }).where(eq(sinistre.id, sinistreId));
  return { ...world, sinistreId };
}

/**
 * An IRCANTEC side for the same collectivité: a contract at 1,95 %, its bases réelles of 100 000 €, a
 * contractuel (service since 2018, TBI 1 500 €/month) with an MO arrêt 01/04–30/04/2024 (carence
 * 01/04). Franchise 10 days: 11–30/04 = 20/30 × 1 500 € = 1 000 €; maintained 29/30 = 1 450 €.
 */
async function cote_ircantec(ctx: TestContext, world: Awaited<ReturnType<typeof monde>>) {
  const { t } = world;
  const db = ctx.database.db;
  const contrat = await createContrat(db, {
    cdgId: t.collectivite.cdgId,
    collectiviteIds: [t.collectivite.id],
    regime: 'IRCANTEC',
    taux: 1950,
    risques: ['maladie_ordinaire'],
  });
  await db.insert(baseAssurance).values(
    [2023, 2024, 2025].map((annee) => ({
      collectiviteId: t.collectivite.id,
      contratId: contrat.id,
      annee,
      type: 'reelle',
      effectif: 2,
      tbi: 10_000_000,
      tauxCotisation: 1950,
      assiette: 10_000_000,
      cotisation: 195_000,
    })),
  );
  const agentId = await agentIrcantec(t.publicateur, {
    nir: '2900175123456',
    nom: 'Durand',
    prenom: 'Léa',
    dateNaissance: '1990-01-15',
    sexe: 'F',
  });
  const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2024-04-01');
  await arrets(t.publicateur, sinistreId, [{ type: 'initial', debut: '2024-04-01', fin: '2024-04-30' }]);
  await salaire(t.publicateur, sinistreId, '2024-04', 150_000);
  await db.update(sinistre).set({ statut: 'ouvert' }).where(eq(sinistre.id, sinistreId));
}

/** Franchise 10 days: 20/30 × 2 000 € = 1 333,33 €; franchise 0: 29/30 = 1 933,33 €; premiums 8,60 % × 240 000 €. */
const AN_2024_F10 = {
  annee: 2024,
  primes: 2_064_000,
  remboursements: 133_333,
  salaireMaintenu: 193_333,
  resteACharge: 2_124_000,
  rapport: 646,
};
const AN_2024_F0 = { ...AN_2024_F10, remboursements: 193_333, resteACharge: 2_064_000, rapport: 937 };
const DEUX = { formules: [formule(), formule({ libelle: 'Sans franchise', franchiseMoJours: 0 })] };

describeEachDatabase('simulateur de formules', (ctx) => {
  it('l’administrateur rejoue ses arrêts sous deux formules : les montants calculés à la main', async () => {
    const { t } = await monde(ctx());
    const r = await t.admin.request('POST', '/api/simulateur', DEUX);
    expect(r.statusCode, r.body).toBe(200);
    const out = r.json();
    expect(out.annees).toEqual([2023, 2024, 2025]);
    expect(out.regimes).toEqual(['CNRACL']);
    expect(out.perimetre).toEqual({ collectivites: 1, agents: 1, arrets: 1, bases: 3 });
    expect(out.perimetreParRegime).toEqual([{ regime: 'CNRACL', agents: 1, arrets: 1, bases: 3 }]);
    expect(out.formules[0].annees[1]).toEqual(AN_2024_F10);
    expect(out.formules[1].annees[1]).toEqual(AN_2024_F0);
    expect(out.formules[0].total).toMatchObject({ primes: 6_192_000, remboursements: 133_333, rapport: 215 });

    // Read only: the publicateur and the lecteur are refused.
    expect((await t.publicateur.request('POST', '/api/simulateur', DEUX)).statusCode).toBe(403);
    expect((await t.lecteur.request('GET', '/api/simulateur')).statusCode).toBe(403);
  });

  it('pré-remplit la formule du contrat en vigueur', async () => {
    const { t } = await monde(ctx());
    const r = await t.admin.request('GET', '/api/simulateur');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      annees: [2023, 2024, 2025],
      regimes: ['CNRACL'],
      formuleActuelle: {
        libelle: 'Formule actuelle (Contrat groupe 2024-2027)',
        franchiseMoJours: 15,
        // The seeds' accident garantie has 15 days: the nearest a formula offers is 10.
        franchisesJours: { accident_service: 10, accident_trajet: 0, maladie_professionnelle: 0, maternite: 0 },
        // The seeds' garanties: 90-day deadline, covered from the reception.
        declarationTardive: 'reception',
        delaiDeclarationJours: 90,
        remboursementPct: 100,
        elements: ['nbi', 'sft', 'ir', 'ri', 'cp'],
        risques: ['accident_service', 'maladie_ordinaire', 'clm'],
        taux: { CNRACL: 6500 },
      },
    });
  });

  it('rejoue chaque arrêt avec sa vraie date de réception : refus, à compter de la réception, ou déclaré à temps', async () => {
    const world = await monde(ctx());
    const { t } = world;
    const db = ctx().database.db;
    const regles = {
      formules: [
        formule({ libelle: 'Sans règle' }),
        formule({ libelle: 'Réception', declarationTardive: 'reception' }),
        formule({ libelle: 'Refus', declarationTardive: 'refus' }),
      ],
    };
    // Entered on 25/11/2026, long after the 90 days that followed 01/04/2024: late under both rules,
    // and received after its end, so even « à compter de la réception » pays nothing.
    const tard = (await t.admin.request('POST', '/api/simulateur', regles)).json();
    expect(tard.formules.map((f: { annees: { remboursements: number }[] }) => f.annees[1]!.remboursements)).toEqual([
      133_333, 0, 0,
    ]);
    expect(tard.formules[2].annees[1].salaireMaintenu).toBe(193_333);
    // The 30 days of April 2024, shown as not paid for late declaration under both rules.
    expect(tard.formules.map((f: { joursHorsDelai: number }) => f.joursHorsDelai)).toEqual([0, 30, 30]);
    // Received on 20/04/2024, 19 days after its start: in time, every rule pays.
    await db
      .update(arret)
      .set({ createdAt: new Date('2024-04-20T08:00:00Z') })
      .where(eq(arret.sinistreId, world.sinistreId));
    const aTemps = (await t.admin.request('POST', '/api/simulateur', regles)).json();
    expect(aTemps.formules.map((f: { annees: { remboursements: number }[] }) => f.annees[1]!.remboursements)).toEqual([
      133_333, 133_333, 133_333,
    ]);
    expect(aTemps.formules.map((f: { joursHorsDelai: number }) => f.joursHorsDelai)).toEqual([0, 0, 0]);
  });

  it('rejoue la CNRACL et l’IRCANTEC ensemble : chaque régime à son taux, et le total', async () => {
    const world = await monde(ctx());
    await cote_ircantec(ctx(), world);
    const { t } = world;
    const r = await t.admin.request('POST', '/api/simulateur', { regimes: ['CNRACL', 'IRCANTEC'], ...DEUX });
    expect(r.statusCode, r.body).toBe(200);
    const out = r.json();
    expect(out.perimetre).toEqual({ collectivites: 1, agents: 2, arrets: 2, bases: 6 });
    expect(out.perimetreParRegime).toEqual([
      { regime: 'CNRACL', agents: 1, arrets: 1, bases: 3 },
      { regime: 'IRCANTEC', agents: 1, arrets: 1, bases: 3 },
    ]);
    const [cnracl, ircantec] = out.formules[0].parRegime;
    expect(cnracl.annees[1]).toEqual(AN_2024_F10);
    // 1,95 % × 100 000 € = 1 950 €; 1 000 € reimbursed of 1 450 € maintained.
    expect(ircantec.annees[1]).toEqual({
      annee: 2024,
      primes: 195_000,
      remboursements: 100_000,
      salaireMaintenu: 145_000,
      resteACharge: 145_000 - 100_000 + 195_000,
      // 100 000 / 195 000 = 51,28 % → 5 128 points de base.
      rapport: 5128,
    });
    expect(out.formules[0].annees[1]).toMatchObject({
      primes: 2_064_000 + 195_000,
      remboursements: 133_333 + 100_000,
      salaireMaintenu: 193_333 + 145_000,
    });

    // Both contracts in force: the pre-filled formula carries both rates.
    const contexte = (await t.admin.request('GET', '/api/simulateur')).json();
    expect(contexte.regimes).toEqual(['CNRACL', 'IRCANTEC']);
    expect(contexte.formuleActuelle.taux).toEqual({ CNRACL: 6500, IRCANTEC: 1950 });

    // A rate missing for a regime replayed: refused, naming the field.
    const sansTaux = await t.admin.request('POST', '/api/simulateur', {
      regimes: ['CNRACL', 'IRCANTEC'],
      formules: [formule({ taux: { CNRACL: 8600 } })],
    });
    expect(sansTaux.statusCode).toBe(422);
    expect(sansTaux.body).toContain('Indiquez le taux de cotisation IRCANTEC de la formule « Franchise 10 jours ».');
    expect(sansTaux.body).toContain('formules.0.taux.IRCANTEC');
  });

  it('la franchise d’un autre risque : celle de l’accident ne touche pas la maladie ordinaire', async () => {
    const { t } = await monde(ctx());
    const r = await t.admin.request('POST', '/api/simulateur', {
      formules: [formule({ franchisesJours: { accident_service: 10, maternite: 10 } })],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().formules[0].annees[1]).toEqual(AN_2024_F10);
    const faux = await t.admin.request('POST', '/api/simulateur', {
      formules: [formule({ franchisesJours: { maternite: 30 } })],
    });
    expect(faux.statusCode).toBe(422);
    expect(faux.body).toContain('Cette franchise est de 0 ou 10 jours.');
  });

  it('en flux NDJSON : l’avancement jusqu’à 100 %, puis le même résultat', async () => {
    const { t } = await monde(ctx());
    const db = ctx().database.db;
    await createCollectivite(db, t.collectivite.cdgId);
    await createCollectivite(db, t.collectivite.cdgId);
    const { client: g } = await staffMember(ctx(), { cdgId: t.collectivite.cdgId });
    const json = (await g.request('POST', '/api/gestion/simulateur', DEUX)).json();
    const r = await g.request('POST', '/api/gestion/simulateur', DEUX, NDJSON);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('application/x-ndjson');
    const evenements = lignes(r.body);
    const progressions = evenements.filter((e) => e.type === 'progression');
    expect(progressions[0]).toEqual({ type: 'progression', faites: 0, total: 3, progression: 0 });
    expect(progressions.at(-1)).toEqual({ type: 'progression', faites: 3, total: 3, progression: 100 });
    const pourcents = progressions.map((e) => e.progression as number);
    expect(pourcents).toEqual([...pourcents].sort((a, b) => a - b));
    expect(evenements.at(-1)).toEqual({ type: 'resultat', resultat: json });

    // Outside his CDG: still a plain 404, nothing streamed.
    const { client: autre } = await staffMember(ctx(), { cdgId: (await createCdg(db)).id });
    const refus = await autre.request(
      'POST',
      '/api/gestion/simulateur',
      { ...DEUX, collectiviteId: t.collectivite.id },
      NDJSON,
    );
    expect(refus.statusCode).toBe(404);
    expect(refus.json().detail).toBe('Collectivité introuvable.');
    // A malformed demand: a 422 too.
    const mal = await t.admin.request('POST', '/api/simulateur', { formules: [] }, NDJSON);
    expect(mal.statusCode).toBe(422);
    // The employer's stream: his collectivité, one step.
    const sienne = lignes((await t.admin.request('POST', '/api/simulateur', DEUX, NDJSON)).body);
    expect(sienne.at(-2)).toEqual({ type: 'progression', faites: 1, total: 1, progression: 100 });
    expect((sienne.at(-1)!.resultat as { perimetre: unknown }).perimetre).toEqual({
      collectivites: 1,
      agents: 1,
      arrets: 1,
      bases: 3,
    });
  });

  it('refuse une demande mal formée, en français', async () => {
    const { t } = await monde(ctx());
    const r = await t.admin.request('POST', '/api/simulateur', {
      formules: Array.from({ length: 7 }, () => formule()),
    });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Comparez 6 formules au plus.');
    const franchise = await t.admin.request('POST', '/api/simulateur', {
      formules: [formule({ franchiseMoJours: 12 })],
    });
    expect(franchise.statusCode).toBe(422);
    expect(franchise.body).toContain('La franchise en maladie ordinaire est de 0, 10, 15, 20 ou 30 jours.');
  });

  it('isolement : une autre collectivité ne rejoue que ses propres arrêts', async () => {
    const { t } = await monde(ctx());
    const autre = await createCollectivite(ctx().database.db, t.collectivite.cdgId);
    const admin = await login(
      ctx(),
      (await createUser(ctx().database.db, { collectiviteId: autre.id, role: 'administrateur' })).email,
    );
    const r = await admin.request('POST', '/api/simulateur', DEUX);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().perimetre).toEqual({ collectivites: 1, agents: 0, arrets: 0, bases: 0 });
    expect(r.json().formules[0].total).toMatchObject({ primes: 0, remboursements: 0, salaireMaintenu: 0 });
  });

  it('le gestionnaire du CDG : une collectivité de son périmètre ou tout le CDG ; ailleurs 404', async () => {
    const { t } = await monde(ctx());
    const db = ctx().database.db;
    await createCollectivite(db, t.collectivite.cdgId);
    const { client: g } = await staffMember(ctx(), { cdgId: t.collectivite.cdgId });
    const une = await g.request('POST', '/api/gestion/simulateur', { ...DEUX, collectiviteId: t.collectivite.id });
    expect(une.statusCode, une.body).toBe(200);
    expect(une.json().formules[0].annees[1]).toEqual(AN_2024_F10);
    const tout = await g.request('POST', '/api/gestion/simulateur', DEUX);
    expect(tout.statusCode, tout.body).toBe(200);
    expect(tout.json().perimetre).toMatchObject({ collectivites: 2, agents: 1, arrets: 1, bases: 3 });
    expect(tout.json().formules[1].annees[1]).toEqual(AN_2024_F0);
    const contexte = await g.request('GET', `/api/gestion/simulateur?collectiviteId=${t.collectivite.id}`);
    expect(contexte.json().formuleActuelle).toMatchObject({ franchiseMoJours: 15, taux: { CNRACL: 6500 } });

    // Another CDG's gestionnaire: A's collectivité is not found, his whole CDG holds nothing of it.
    const { client: autre } = await staffMember(ctx(), { cdgId: (await createCdg(db)).id });
    const refus = await autre.request('POST', '/api/gestion/simulateur', {
      ...DEUX,
      collectiviteId: t.collectivite.id,
    });
    expect(refus.statusCode).toBe(404);
    expect(refus.json().detail).toBe('Collectivité introuvable.');
    expect((await autre.request('GET', `/api/gestion/simulateur?collectiviteId=${t.collectivite.id}`)).statusCode).toBe(
      404,
    );
    const vide = await autre.request('POST', '/api/gestion/simulateur', DEUX);
    expect(vide.json().perimetre).toMatchObject({ agents: 0, arrets: 0 });

    // An insurer's gestionnaire and the employer's admin have no access to the CDG's simulator.
    const { client: assureur } = await staffMember(ctx(), { assureurId: (await createAssureur(db)).id });
    expect((await assureur.request('POST', '/api/gestion/simulateur', DEUX)).statusCode).toBe(403);
    expect((await t.admin.request('POST', '/api/gestion/simulateur', DEUX)).statusCode).toBe(403);
  });

  it('le CDG lu par lots d’une collectivité donne le même résultat qu’en un seul lot', async () => {
    const { t } = await monde(ctx());
    const db = ctx().database.db;
    const seconde = await monde(ctx());
    // Both worlds are in different CDGs: put the second collectivité in the first one's CDG.
    const { collectivite } = await import('../src/modules/collectivites/collectivites.table.js');
    await db
      .update(collectivite)
      .set({ cdgId: t.collectivite.cdgId })
      .where(eq(collectivite.id, seconde.t.collectivite.id));
    const scope = {
      kind: 'staff' as const,
      userId: t.users.admin.id,
      organisation: { kind: 'cdg' as const, id: t.collectivite.cdgId, nom: 'CDG' },
      collectiviteId: null,
    };
    const demande = ZSimulationGestionInput.parse(DEUX);
    const service = (lot: number) =>
      createSimulateurService({ db, clock: ctx().clock, repo: createSimulateurRepository(), lot });
    const [unParUn, ensemble] = await Promise.all([
      service(1).simulerGestion(scope, demande),
      service(50).simulerGestion(scope, demande),
    ]);
    expect(unParUn).toEqual(ensemble);
    // A client that left (the stream's signal aborted): the replay stops instead of running on.
    const suivi: number[] = [];
    await expect(
      service(1).simulerGestion(scope, demande, (a) => suivi.push(a.faites), AbortSignal.abort()),
    ).rejects.toThrow();
    expect(suivi).toEqual([0, 1]);
    expect(ensemble.perimetre).toMatchObject({ collectivites: 2, agents: 2, arrets: 2 });
    expect(ensemble.formules[0]!.annees[1]).toMatchObject({ remboursements: 2 * 133_333, primes: 2 * 2_064_000 });
  });
});
