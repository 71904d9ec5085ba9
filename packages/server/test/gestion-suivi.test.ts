import { randomUUID } from 'node:crypto';
import { MESSAGE_AUCUNE_DONNEE_MEDICALE } from '@statutis/domain';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { assureur, contrat } from '../src/modules/contrats/contrats.table.js';
import { appUser } from '../src/modules/users/users.table.js';
import { type Client, createCdg, createUser, login, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { declareSinistre, insuredTenant } from './world.js';

/** A sinistre with a third party and a March arrêt paid 2 100 € a month + 800 € of charges. */
async function sinistreAvecTiers(
  ctx: TestContext,
  client: Client,
  agentId: string,
  tiersImplique = true,
  dateSurvenance = '2026-03-01',
) {
  const created = await client.request('POST', '/api/sinistres', {
    agentId,
    categorie: 'maladie_ordinaire',
    dateSurvenance,
    tiersImplique,
    ...(tiersImplique ? { recoursTiers: 'M. Jean BERNARD, Assurances du Centre' } : {}),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const a = await client.request('POST', `/api/sinistres/${id}/arrets`, {
    type: 'initial',
    debut: '2026-03-01',
    fin: '2026-03-31',
  });
  expect(a.statusCode, a.body).toBe(201);
  await ctx.database.db.update(arret).set({ tbi: 200_000, nbi: 10_000, cp: 80_000 }).where(eq(arret.sinistreId, id));
  return id;
}

async function staffOf(ctx: TestContext, organisation: { cdgId: string } | { assureurId: string }) {
  const db = ctx.database.db;
  const user = await createUser(db, {
    staffRole: 'gestionnaire',
    ...('cdgId' in organisation ? { staffCdgId: organisation.cdgId } : {}),
  });
  if ('assureurId' in organisation)
    await db.update(appUser).set({ staffAssureurId: organisation.assureurId }).where(eq(appUser.id, user.id));
  return login(ctx, user.email);
}

async function monde(ctx: TestContext) {
  const insured = await insuredTenant(ctx);
  const cdg = await staffOf(ctx, { cdgId: insured.t.collectivite.cdgId });
  return { ...insured, cdg };
}

describeEachDatabase('gestion : contrôles médicaux, recours contre tiers, reprise', (ctx) => {
  it('contrôles médicaux: the employer asks, the handler plans and records; « non justifié » ends the period', async () => {
    const { t, agentId, cdg } = await monde(ctx());
    const id = await sinistreAvecTiers(ctx(), t.publicateur, agentId, false);
    const employer = `/api/sinistres/${id}/controles-medicaux`;
    const staff = `/api/gestion/sinistres/${id}/controles-medicaux`;

    expect((await t.lecteur.request('POST', employer, { type: 'contre_visite' })).statusCode).toBe(403);
    const medical = await t.publicateur.request('POST', employer, { type: 'contre_visite', diagnostic: 'lombalgie' });
    expect(medical.statusCode).toBe(422);
    expect(medical.body).toContain(MESSAGE_AUCUNE_DONNEE_MEDICALE);
    const demande = await t.publicateur.request('POST', employer, { type: 'contre_visite' });
    expect(demande.statusCode, demande.body).toBe(201);
    expect(demande.json()).toMatchObject({ demandeur: 'employeur', statut: 'demande', medecin: null, cout: null });

    const avant = await cdg.request('GET', staff);
    expect(avant.statusCode, avant.body).toBe(200);
    expect(avant.json().periodes).toEqual([
      {
        debut: '2026-03-01',
        finArret: '2026-03-31',
        fin: '2026-03-31',
        interrompue: false,
        message: 'Période remboursable jusqu’au 31/03/2026.',
        alertes: [],
      },
    ]);

    const resultat = {
      type: 'contre_visite',
      demandeur: 'employeur',
      medecin: 'Dr Anne LEROY',
      date: '2026-03-10',
      resultat: 'non_justifie',
      cout: 12_000,
      payePar: 'assureur',
    };
    const sansDate = await cdg.request('PUT', `${staff}/${demande.json().id}`, resultat);
    expect(sansDate.statusCode).toBe(422);
    expect(sansDate.body).toContain('Indiquez à partir de quelle date l’arrêt n’est plus justifié.');
    const avecDiagnostic = await cdg.request('POST', staff, { ...resultat, motifMedical: 'x' });
    expect(avecDiagnostic.statusCode).toBe(422);
    const planifie = await cdg.request('PUT', `${staff}/${demande.json().id}`, {
      ...resultat,
      injustifieAPartirDu: '2026-03-16',
    });
    expect(planifie.statusCode, planifie.body).toBe(200);
    expect(planifie.json()).toMatchObject({ statut: 'resultat', cout: 12_000, payePar: 'assureur' });
    const absent = await cdg.request('POST', staff, {
      ...resultat,
      type: 'expertise',
      demandeur: 'cdg',
      date: '2026-03-20',
      resultat: 'absent',
      payePar: 'cdg',
    });
    expect(absent.statusCode, absent.body).toBe(201);
    expect(absent.json().demandePar).toBe('Centre de gestion — Camille DUPONT');

    const apres = await cdg.request('GET', staff);
    expect(apres.json().items).toHaveLength(2);
    expect(apres.json().periodes).toEqual([
      {
        debut: '2026-03-01',
        finArret: '2026-03-31',
        fin: '2026-03-15',
        interrompue: true,
        message:
          'Arrêt non justifié à partir du 16/03/2026 : période remboursable jusqu’au 15/03/2026 au lieu du 31/03/2026.',
        alertes: ['Agent absent à l’expertise médicale du 20/03/2026 : décidez des suites à donner.'],
      },
    ]);
    // The employer reads the checks, not the engine's period.
    const lecture = await t.lecteur.request('GET', employer);
    expect(lecture.statusCode).toBe(200);
    expect(lecture.json().items).toHaveLength(2);
    expect(lecture.json().periodes).toBeUndefined();

    const events = await ctx().database.db.select().from(auditEvent).where(eq(auditEvent.entity, 'controle_medical'));
    const mine = events.filter((e) => e.collectiviteId === t.collectivite.id).map((e) => e.action);
    expect(mine.sort()).toEqual(['creation', 'demande', 'modification']);
  });

  it('recours contre tiers: créance from the arrêts, letters and reminders, recoveries split', async () => {
    const { t, agentId, cdg } = await monde(ctx());
    const sansTiers = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-01-10');
    const id = await sinistreAvecTiers(ctx(), t.publicateur, agentId, true, '2026-02-28');
    const url = `/api/gestion/sinistres/${id}/recours`;
    const recours = {
      tiersNom: 'M. Jean BERNARD',
      tiersAssureur: 'Assurances du Centre',
      numeroSinistreTiers: 'AC-2026-4471',
      responsabilite: 5_000,
      fraisMedicaux: 12_350,
      rembourseParAssureur: 100_000,
    };
    const refuse = await cdg.request('PUT', `/api/gestion/sinistres/${sansTiers}/recours`, recours);
    expect(refuse.statusCode).toBe(409);
    expect(refuse.json().detail).toBe(
      'Aucun tiers n’est impliqué dans ce sinistre : il n’y a pas de recours à exercer.',
    );

    const vide = await cdg.request('GET', url);
    expect(vide.json()).toMatchObject({ tiersImplique: true, recours: null, creance: null });
    expect(
      (await cdg.request('POST', `${url}/actions`, { date: '2026-04-01', type: 'courrier', libelle: 'x' })).statusCode,
    ).toBe(409);
    expect((await cdg.request('PUT', url, { ...recours, responsabilite: 10_001 })).json().errors[0]).toMatchObject({
      field: 'responsabilite',
      message: 'La responsabilité du tiers est comprise entre 0 et 100 %.',
    });

    const saved = await cdg.request('PUT', url, recours);
    expect(saved.statusCode, saved.body).toBe(200);
    // March in full: (2 000 + 100) € of pay and 800 € of charges; 50 % of each line.
    expect(saved.json().calcul).toEqual({ remuneration: 210_000, chargesPatronales: 80_000, trentiemes: 30 });
    expect(saved.json().creance).toEqual({
      lignes: [
        { poste: 'remuneration', prejudice: 210_000, creance: 105_000 },
        { poste: 'charges_patronales', prejudice: 80_000, creance: 40_000 },
        { poste: 'frais_medicaux', prejudice: 12_350, creance: 6_175 },
      ],
      prejudice: 302_350,
      creance: 151_175,
    });

    const courrier = await cdg.request('POST', `${url}/actions`, {
      date: '2026-04-01',
      type: 'courrier',
      libelle: 'Mise en cause de l’assureur du tiers',
      prochaineRelance: '2026-05-01',
    });
    expect(courrier.statusCode, courrier.body).toBe(201);
    const avant = await cdg.request('POST', `${url}/actions`, {
      date: '2026-05-02',
      type: 'relance',
      libelle: 'Relance',
      prochaineRelance: '2026-05-01',
    });
    expect(avant.json().errors[0].message).toBe('La prochaine relance suit l’action.');
    const relance = await cdg.request('POST', `${url}/actions`, {
      date: '2026-05-02',
      type: 'relance',
      libelle: 'Première relance',
      prochaineRelance: '2026-06-01',
    });
    expect(relance.json().actions).toHaveLength(2);
    expect(relance.json().prochaineRelance).toBe('2026-06-01');

    const encaisse = await cdg.request('POST', `${url}/recouvrements`, { date: '2026-07-01', montant: 100_000 });
    expect(encaisse.statusCode, encaisse.body).toBe(201);
    // Pro rata: 100 000 × 100 000 / 302 350 = 33 074,25 → 33 074 c to the insurer.
    expect(encaisse.json().recouvre).toEqual({ total: 100_000, assureur: 33_074, collectivite: 66_926 });
    const priorite = await cdg.request('PUT', url, { ...recours, repartition: 'priorite_collectivite' });
    // The collectivité's own loss (302 350 − 100 000) comes first: nothing left for the insurer.
    expect(priorite.json().recouvre).toEqual({ total: 100_000, assureur: 0, collectivite: 100_000 });
    const saisie = await cdg.request('PUT', url, { ...recours, remunerationSaisie: 150_000 });
    expect(saisie.json().creance.lignes[0]).toEqual({ poste: 'remuneration', prejudice: 150_000, creance: 75_000 });

    // The employer reads it; he cannot write it.
    const lecture = await t.lecteur.request('GET', `/api/sinistres/${id}/recours`);
    expect(lecture.statusCode).toBe(200);
    expect(lecture.json().recours.numeroSinistreTiers).toBe('AC-2026-4471');
    expect((await t.admin.request('PUT', url, recours)).statusCode).toBe(403);
    const actions = await ctx()
      .database.db.select()
      .from(auditEvent)
      .where(and(eq(auditEvent.collectiviteId, t.collectivite.id), eq(auditEvent.entityId, id)));
    expect(actions.filter((e) => e.entity === 'recours_tiers').map((e) => e.action)).toEqual([
      'creation',
      'modification',
      'modification',
    ]);
  });

  it('reprise: employer and handler record it; the échéances follow the actual return', async () => {
    const { t, agentId, cdg } = await monde(ctx());
    const id = await sinistreAvecTiers(ctx(), t.publicateur, agentId, false);
    const employer = `/api/sinistres/${id}/reprise-suivi`;
    const staff = `/api/gestion/sinistres/${id}/reprise-suivi`;

    expect((await t.publicateur.request('GET', employer)).json()).toEqual({
      suivi: null,
      visiteRequise: false,
      echeances: [],
    });
    expect(
      (await t.lecteur.request('PUT', employer, { prevueLe: '2026-04-01', forme: 'plein_temps' })).statusCode,
    ).toBe(403);
    const sansQuotite = await t.publicateur.request('PUT', employer, { prevueLe: '2026-04-01', forme: 'tpt' });
    expect(sansQuotite.json().errors[0]).toMatchObject({
      field: 'quotite',
      message: 'Quotité : choisissez 50, 60, 70, 80 ou 90 %.',
    });
    const prevue = await t.publicateur.request('PUT', employer, { prevueLe: '2026-04-01', forme: 'tpt', quotite: 60 });
    expect(prevue.statusCode, prevue.body).toBe(200);
    // Today is 25/11/2026 in the tests.
    expect(prevue.json().echeances).toEqual([
      {
        code: 'reprise',
        echeance: '2026-04-01',
        etat: 'en_retard',
        message: 'Reprise prévue le 01/04/2026, non confirmée : vérifiez auprès de l’employeur.',
      },
    ]);
    const effective = await cdg.request('PUT', staff, {
      prevueLe: '2026-04-01',
      effectiveLe: '2026-11-01',
      forme: 'tpt',
      quotite: 60,
      visiteRepriseLe: '2026-11-03',
    });
    expect(effective.statusCode, effective.body).toBe(200);
    expect(effective.json().echeances).toEqual([
      {
        code: 'suivi_30',
        echeance: '2026-12-01',
        etat: 'a_faire',
        message: 'Suivi à 30 jours : à faire au plus tard le 01/12/2026.',
      },
      { code: 'suivi_90', echeance: '2027-01-30', etat: 'a_venir', message: 'Suivi à 90 jours : le 30/01/2027.' },
    ]);
    expect((await t.lecteur.request('GET', employer)).json().suivi).toMatchObject({
      effectiveLe: '2026-11-01',
      visiteRepriseLe: '2026-11-03',
    });
    const events = await ctx()
      .database.db.select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entity, 'reprise_suivi'), eq(auditEvent.entityId, id)));
    expect(events.map((e) => e.action)).toEqual(['creation', 'modification']);
    expect(events[1]!.changes).toMatchObject({ effectiveLe: [null, '2026-11-01'] });
  });

  it('isolation: another CDG, an insurer not party, another collectivité get 404; employers stay off staff routes', async () => {
    const db = ctx().database.db;
    const { t, agentId, cdg, contrat: ct } = await monde(ctx());
    const id = await sinistreAvecTiers(ctx(), t.publicateur, agentId);
    const ouvert = await cdg.request('PUT', `/api/gestion/sinistres/${id}/recours`, {
      tiersNom: 'X',
      responsabilite: 10_000,
      fraisMedicaux: 0,
      rembourseParAssureur: 0,
    });
    expect(ouvert.statusCode).toBe(200);

    const autreCdg = await staffOf(ctx(), { cdgId: (await createCdg(db)).id });
    const [horsContrat] = await db
      .insert(assureur)
      .values({ nom: `Assureur ${randomUUID().slice(0, 6)}`, kind: 'assureur' })
      .returning();
    const assureurTiers = await staffOf(ctx(), { assureurId: horsContrat!.id });
    const [partie] = await db
      .insert(assureur)
      .values({ nom: `Assureur ${randomUUID().slice(0, 6)}`, kind: 'assureur' })
      .returning();
    await db.update(contrat).set({ assureurId: partie!.id }).where(eq(contrat.id, ct.id));
    const assureurPartie = await staffOf(ctx(), { assureurId: partie!.id });
    const autreCollectivite = await tenantWithUsers(ctx());

    const controle = {
      type: 'expertise',
      demandeur: 'assureur',
      medecin: 'Dr B',
      date: '2026-03-05',
      cout: 0,
      payePar: 'assureur',
    };
    const reprise = { prevueLe: '2026-04-01', forme: 'plein_temps' };
    const staffCalls: [Parameters<Client['request']>[0], string, unknown?][] = [
      ['GET', `/api/gestion/sinistres/${id}/controles-medicaux`],
      ['POST', `/api/gestion/sinistres/${id}/controles-medicaux`, controle],
      ['GET', `/api/gestion/sinistres/${id}/recours`],
      ['POST', `/api/gestion/sinistres/${id}/recours/actions`, { date: '2026-04-01', type: 'appel', libelle: 'x' }],
      ['POST', `/api/gestion/sinistres/${id}/recours/recouvrements`, { date: '2026-04-01', montant: 1 }],
      ['GET', `/api/gestion/sinistres/${id}/reprise-suivi`],
      ['PUT', `/api/gestion/sinistres/${id}/reprise-suivi`, reprise],
    ];
    for (const [method, url, body] of staffCalls) {
      expect((await autreCdg.request(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
      expect((await assureurTiers.request(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
      expect((await t.admin.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    // The insurer party to the contract works on it.
    expect((await assureurPartie.request('GET', `/api/gestion/sinistres/${id}/recours`)).statusCode).toBe(200);
    const parAssureur = await assureurPartie.request(
      'POST',
      `/api/gestion/sinistres/${id}/controles-medicaux`,
      controle,
    );
    expect(parAssureur.statusCode, parAssureur.body).toBe(201);
    expect(parAssureur.json().demandePar).toMatch(/^Assureur — /);

    for (const url of ['controles-medicaux', 'recours', 'reprise-suivi'])
      expect((await autreCollectivite.admin.request('GET', `/api/sinistres/${id}/${url}`)).statusCode).toBe(404);
    expect(
      (await autreCollectivite.admin.request('POST', `/api/sinistres/${id}/controles-medicaux`, { type: 'expertise' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await autreCollectivite.admin.request('PUT', `/api/sinistres/${id}/reprise-suivi`, reprise)).statusCode,
    ).toBe(404);
    // An unknown check of a reachable sinistre.
    expect(
      (await cdg.request('PUT', `/api/gestion/sinistres/${id}/controles-medicaux/${randomUUID()}`, controle))
        .statusCode,
    ).toBe(404);
    // A sinistre without a third party: nothing to claim, said as such.
    const autre = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-05-01');
    expect((await cdg.request('GET', `/api/gestion/sinistres/${autre}/recours`)).json().tiersImplique).toBe(false);
  });
});
