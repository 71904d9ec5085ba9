import { expect, it } from 'vitest';
import { createAudit } from '../src/lib/audit.js';
import { createCotisationsRepository } from '../src/modules/cotisations/cotisations.repository.js';
import { createCotisationsService } from '../src/modules/cotisations/cotisations.service.js';
import { cotisationsWorld, emettre, generer } from './cotisations-world.js';
import { createContrat, createUser, login, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';

const euros = (n: number) => Math.round(n * 100);

/**
 * Module 2 exercise: CNRACL, TBI 495 000 €, SFT 2 600 €, primes (RI 38 000 €, ceiling 7,67 %) insured
 * at 7 % and charges (CP 280 000 €, ceiling 56,56 %) at 56 %. Percentages in hundredths of a percent.
 */
const exercice = (contratId: string) => ({
  contratId,
  annee: 2026,
  type: 'previsionnelle',
  effectif: 27,
  tbi: euros(495_000),
  sft: euros(2_600),
  riMontant: euros(38_000),
  riPct: 700,
  cpMontant: euros(280_000),
  cpPct: 5600,
});

describeEachDatabase('base de l’assurance et budget', (ctx) => {
  it('declares the seeds’ exercise base and computes the contribution with the contract rate', async () => {
    const t = await tenantWithUsers(ctx());
    const c = await createContrat(ctx().database.db, {
      cdgId: t.collectivite.cdgId,
      collectiviteIds: [t.collectivite.id],
      taux: 6500,
    });
    const created = await t.publicateur.request('POST', '/api/bases', exercice(c.id));
    expect(created.statusCode).toBe(201);
    // 495 000 + 2 600 + 34 650 + 277 200 = 809 450 € ; × 6,5 % = 52 614,25 €
    expect(created.json()).toMatchObject({
      assiette: euros(809_450),
      cotisation: euros(52_614.25),
      tauxCotisation: 6500,
      modifiable: true,
      regularisation: null,
    });

    const dup = await t.publicateur.request('POST', '/api/bases', exercice(c.id));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toContain('Une base prévisionnelle 2026 existe déjà');

    const reelle = await t.publicateur.request('POST', '/api/bases', {
      ...exercice(c.id),
      type: 'reelle',
      tbi: euros(500_000),
    });
    // 500 000 + 2 600 + 35 000 + 280 000 = 817 600 € × 6,5 % = 53 144 € ; − 52 614,25 = 529,75 €
    expect(reelle.json()).toMatchObject({ cotisation: euros(53_144), regularisation: euros(529.75) });

    const list = await t.lecteur.request('GET', `/api/bases?annee=2026&contratId=${c.id}&sort=type`);
    expect(list.json().items.map((b: { type: string }) => b.type)).toEqual(['previsionnelle', 'reelle']);
    expect((await t.lecteur.request('GET', '/api/bases?type=reelle')).json().total).toBe(1);
  });

  it('insures RI and CP with two decimals, up to the real ratio rounded down to 0,01 % (issue 8)', async () => {
    const t = await tenantWithUsers(ctx());
    const c = await createContrat(ctx().database.db, {
      cdgId: t.collectivite.cdgId,
      collectiviteIds: [t.collectivite.id],
      taux: 6500,
    });
    const base = {
      contratId: c.id,
      annee: 2026,
      type: 'previsionnelle',
      effectif: 31,
      tbi: euros(612_400),
      riMontant: euros(44_500),
    };
    // 44 500 / 612 400 = 7,2665… %: 7,27 % would insure 44 521,48 €, more than paid.
    const above = await t.publicateur.request('POST', '/api/bases', { ...base, riPct: 727 });
    expect(above.statusCode).toBe(422);
    expect(above.json().errors).toEqual([
      {
        field: 'riPct',
        message:
          'Le pourcentage du RI doit être compris entre 1,00 % et 7,26 %, avec deux décimales au plus (plafond : RI réel / TBI).',
      },
    ]);
    const fraction = await t.publicateur.request('POST', '/api/bases', { ...base, riPct: 726.5 });
    expect(fraction.statusCode).toBe(422);
    expect(fraction.json().errors[0]).toEqual({ field: 'riPct', message: 'Le pourcentage a deux décimales au plus.' });
    const created = await t.publicateur.request('POST', '/api/bases', { ...base, riPct: 726 });
    expect(created.statusCode, created.body).toBe(201);
    // 612 400 + 44 460,24 (7,26 %) = 656 860,24 € ; × 6,5 % = 42 695,9156 → 42 695,92 €
    expect(created.json()).toMatchObject({ riPct: 726, assiette: euros(656_860.24), cotisation: euros(42_695.92) });
    const csv = (await t.lecteur.request('GET', '/api/bases/export')).body;
    expect(csv).toContain(';612400,00;;;;44500,00;7,26;;;656860,24;6,500;42695,92;;');
  });

  it('refuses what the contract does not allow, with the field and a French reason, and writes nothing', async () => {
    const t = await tenantWithUsers(ctx());
    const c = await createContrat(ctx().database.db, {
      cdgId: t.collectivite.cdgId,
      collectiviteIds: [t.collectivite.id],
      elements: ['sft', 'ri'],
    });
    const response = await t.publicateur.request('POST', '/api/bases', {
      ...exercice(c.id),
      riPct: 768,
      nbi: euros(1_000),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { field: 'nbi', message: 'Le contrat n’assure pas l’élément NBI.' },
      {
        field: 'riPct',
        message:
          'Le pourcentage du RI doit être compris entre 1,00 % et 7,67 %, avec deux décimales au plus (plafond : RI réel / TBI).',
      },
      { field: 'cpMontant', message: 'Le contrat n’assure pas l’élément CP.' },
    ]);
    const outOfContract = await t.publicateur.request('POST', '/api/bases', {
      ...exercice(c.id),
      annee: 2030,
      riPct: 700,
      cpMontant: null,
      cpPct: null,
    });
    expect(outOfContract.json().errors[0]).toMatchObject({
      field: 'annee',
      message: 'Année hors du contrat (2024–2027).',
    });
    const foreign = await createContrat(ctx().database.db, { cdgId: t.collectivite.cdgId });
    const notHeld = await t.publicateur.request('POST', '/api/bases', exercice(foreign.id));
    expect(notHeld.json().errors[0].field).toBe('contratId');
    const zeroTbi = await t.publicateur.request('POST', '/api/bases', { ...exercice(c.id), tbi: 0 });
    expect(zeroTbi.json().errors.map((e: { field: string }) => e.field)).toContain('tbi');
    expect((await t.lecteur.request('GET', '/api/bases')).json().total).toBe(0);
  });

  it('lets the collectivité change or delete a base only on its creation day (Paris time); a gestionnaire later, audited', async () => {
    ctx().clock.set('2026-11-25T21:30:00Z'); // 22 h 30 in Paris
    const t = await tenantWithUsers(ctx());
    const c = await createContrat(ctx().database.db, {
      cdgId: t.collectivite.cdgId,
      collectiviteIds: [t.collectivite.id],
    });
    const base = (await t.publicateur.request('POST', '/api/bases', exercice(c.id))).json();
    // Each time jump is followed by a fresh login: sessions end after 30 minutes of inactivity.
    const publicateur = () => login(ctx(), t.users.publicateur.email);
    const amounts = {
      effectif: 28,
      tbi: euros(496_000),
      sft: euros(2_600),
      riMontant: euros(38_000),
      riPct: 700,
      cpMontant: euros(280_000),
      cpPct: 5600,
    };
    ctx().clock.set('2026-11-25T22:50:00Z'); // 23 h 50 in Paris: same day
    const sameDay = await (await publicateur()).request('PUT', `/api/bases/${base.id}`, amounts);
    expect(sameDay.statusCode).toBe(200);
    expect(sameDay.json().effectif).toBe(28);
    ctx().clock.set('2026-11-25T23:10:00Z'); // 00 h 10 in Paris: the next day, although still the 25th in UTC
    const late = await publicateur();
    const tooLate = await late.request('PUT', `/api/bases/${base.id}`, amounts);
    expect(tooLate.statusCode).toBe(403);
    expect(tooLate.json().detail).toBe(
      'Cette base a été créée le 25/11/2026 : elle ne peut être modifiée ou supprimée que le jour de sa création. Contactez votre gestionnaire.',
    );
    expect((await late.request('DELETE', `/api/bases/${base.id}`)).statusCode).toBe(403);
    expect((await late.request('GET', `/api/bases/${base.id}`)).json().modifiable).toBe(false);

    const gestionnaire = await createUser(ctx().database.db, {
      staffRole: 'gestionnaire',
      staffCdgId: t.collectivite.cdgId,
    });
    const g = await login(ctx(), gestionnaire.email);
    await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: t.collectivite.id });
    const byHandler = await g.request('PUT', `/api/bases/${base.id}`, { ...amounts, tbi: euros(497_000) });
    expect(byHandler.statusCode).toBe(200);
    const admin = await login(ctx(), t.users.admin.email);
    const log = (await admin.request('GET', '/api/journal?entity=base_assurance')).json().items;
    expect(log[0]).toMatchObject({
      action: 'modification_gestionnaire',
      changes: { tbi: [euros(496_000), euros(497_000)] },
    });
    expect((await g.request('DELETE', `/api/bases/${base.id}`)).statusCode).toBe(204);
  });

  it('exports the bases as a French CSV', async () => {
    const t = await tenantWithUsers(ctx());
    const c = await createContrat(ctx().database.db, {
      cdgId: t.collectivite.cdgId,
      collectiviteIds: [t.collectivite.id],
    });
    await t.publicateur.request('POST', '/api/bases', exercice(c.id));
    // The réelle base with 10 000 € less TBI: 485 000 + 2 600 + 7 % × 485 000 (33 950) + 56 % × 485 000
    // (271 600) = 793 150 € × 6,5 % = 51 554,75 €, so a regularisation of 51 554,75 − 52 614,25 = −1 059,50 €.
    const reelle = await t.publicateur.request('POST', '/api/bases', {
      ...exercice(c.id),
      type: 'reelle',
      tbi: euros(485_000),
    });
    expect(reelle.statusCode, reelle.body).toBe(201);
    const csv = await t.lecteur.request('GET', '/api/bases/export?annee=2026');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('attachment');
    const lines = csv.body.split('\r\n');
    expect(lines[0]!.startsWith('\uFEFFContrat;Régime;Année;Type;Effectif;TBI')).toBe(true);
    expect(csv.body).toContain(
      ';2026;Prévisionnelle;27;495000,00;;2600,00;;38000,00;7,00;280000,00;56,00;809450,00;6,500;52614,25;;',
    );
    // A negative amount is written as a number, not neutralised into text (« '-1059,50 »).
    expect(csv.body).toContain(
      ';2026;Réelle;27;485000,00;;2600,00;;38000,00;7,00;280000,00;56,00;793150,00;6,500;51554,75;-1059,50;',
    );
  });

  it('compares the budget with the year’s estimated contributions', async () => {
    const t = await tenantWithUsers(ctx());
    const cnracl = await createContrat(ctx().database.db, {
      cdgId: t.collectivite.cdgId,
      collectiviteIds: [t.collectivite.id],
    });
    const ircantec = await createContrat(ctx().database.db, {
      cdgId: t.collectivite.cdgId,
      collectiviteIds: [t.collectivite.id],
      regime: 'IRCANTEC',
      taux: 1100,
    });
    await t.publicateur.request('POST', '/api/bases', exercice(cnracl.id));
    const saved = await t.publicateur.request('PUT', '/api/budgets/2026', {
      montantCotisations: euros(60_000),
      montantAbsences: euros(120_000),
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      annee: 2026,
      montantCotisations: euros(60_000),
      montantAbsences: euros(120_000),
      cotisationsEstimees: euros(52_614.25),
      ecartCotisations: euros(7_385.75),
      cotisationsAppelees: 0,
      cotisationsPayees: 0,
      basesManquantes: [{ contratId: ircantec.id, numero: ircantec.numero }],
    });
    // IRCANTEC exercise: TBI 102 000 €, SFT 1 800 €, CP 57 000 € (55 %) → 159 900 € × 1,1 % = 1 758,90 €
    await t.publicateur.request('POST', '/api/bases', {
      contratId: ircantec.id,
      annee: 2026,
      type: 'previsionnelle',
      effectif: 15,
      tbi: euros(102_000),
      sft: euros(1_800),
      cpMontant: euros(57_000),
      cpPct: 5500,
    });
    const budget = (await t.lecteur.request('GET', '/api/budgets/2026')).json();
    expect(budget.cotisationsEstimees).toBe(euros(52_614.25 + 1_758.9));
    expect(budget.basesManquantes).toEqual([]);
    const bad = await t.publicateur.request('PUT', '/api/budgets/1999', { montantCotisations: -1, montantAbsences: 0 });
    expect(bad.statusCode).toBe(422);
  });

  it('the budget counts the calls issued, not the drafts, and what was paid on them', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx());
    const appel = await generer(g, { contratId: contrat.id, collectiviteId: t.collectivite.id, annee: 2026 });
    const budget = async () => (await t.lecteur.request('GET', '/api/budgets/2026')).json();
    expect(await budget()).toMatchObject({ cotisationsAppelees: 0, cotisationsPayees: 0 });
    await emettre(g, appel.id);
    // 99 200 € × 8,60 % = 8 531,20 € + the CDG's fee 70,00 € = 8 601,20 € called.
    expect(await budget()).toMatchObject({ cotisationsAppelees: 860_120, cotisationsPayees: 0 });
    const service = createCotisationsService({
      db: ctx().database.db,
      clock: ctx().clock,
      audit: createAudit(ctx().clock),
      repo: createCotisationsRepository(),
    });
    const banque = { userId: null, userLabel: 'Relevé bancaire', collectiviteId: null, ip: null };
    const scope = { kind: 'plateforme' as const, userId: 'x', collectiviteId: null };
    await ctx().database.db.transaction((tx) => service.enregistrerEncaissement(tx, banque, scope, appel.id, 100_000));
    expect(await budget()).toMatchObject({ cotisationsAppelees: 860_120, cotisationsPayees: 100_000 });
    // Another collectivité's budget does not see it.
    const other = await tenantWithUsers(ctx());
    expect((await other.lecteur.request('GET', '/api/budgets/2026')).json()).toMatchObject({ cotisationsAppelees: 0 });
  });
});
