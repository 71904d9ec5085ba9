import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { baseAssurance } from '../src/modules/base-assurance/base-assurance.table.js';
import { createSimulateurRepository } from '../src/modules/simulateur/simulateur.repository.js';
import { createSimulateurService } from '../src/modules/simulateur/simulateur.service.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { arrets, salaire } from './decomptes-world.js';
import { createAssureur, createCdg, createCollectivite, createUser, login, staffMember } from './factories.js';
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
  taux: 8600,
  ...f,
});

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
  return world;
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
    expect(out.perimetre).toEqual({ collectivites: 1, agents: 1, arrets: 1, bases: 3 });
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
      formuleActuelle: {
        libelle: 'Formule actuelle (Contrat groupe 2024-2027)',
        franchiseMoJours: 15,
        remboursementPct: 100,
        elements: ['nbi', 'sft', 'ir', 'ri', 'cp'],
        risques: ['accident_service', 'maladie_ordinaire', 'clm'],
        taux: 6500,
      },
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
    expect(contexte.json().formuleActuelle).toMatchObject({ franchiseMoJours: 15, taux: 6500 });

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
    const demande = { regime: 'CNRACL' as const, formules: DEUX.formules as never, collectiviteId: null };
    const service = (lot: number) =>
      createSimulateurService({ db, clock: ctx().clock, repo: createSimulateurRepository(), lot });
    const [unParUn, ensemble] = await Promise.all([
      service(1).simulerGestion(scope, demande),
      service(50).simulerGestion(scope, demande),
    ]);
    expect(unParUn).toEqual(ensemble);
    expect(ensemble.perimetre).toMatchObject({ collectivites: 2, agents: 2, arrets: 2 });
    expect(ensemble.formules[0]!.annees[1]).toMatchObject({ remboursements: 2 * 133_333, primes: 2 * 2_064_000 });
  });
});
