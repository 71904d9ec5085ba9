import { expect, it } from 'vitest';
import { createContrat, login, POLICIER as policier, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { multipartBody } from './multipart.js';

/** A collectivité with its CNRACL contract (maladie ordinaire covered, 90-day deadline), a 2026 base and the seeds' agent. */
async function setup(ctx: TestContext) {
  ctx.clock.set('2026-03-20T09:00:00Z');
  const t = await tenantWithUsers(ctx);
  const c = await createContrat(ctx.database.db, { cdgId: t.collectivite.cdgId, collectiviteIds: [t.collectivite.id] });
  const base = await t.publicateur.request('POST', '/api/bases', {
    contratId: c.id,
    annee: 2026,
    type: 'previsionnelle',
    effectif: 10,
    tbi: 30_000_000,
  });
  expect(base.statusCode).toBe(201);
  const agent = (await t.publicateur.request('POST', '/api/agents', policier)).json();
  return { t, contrat: c, agent };
}

describeEachDatabase('sinistres et arrêts', (ctx) => {
  it('the seeds’ maladie ordinaire: initial arrêt 1st–7th, then a 16-day prolongation; the draft lists its missing pieces', async () => {
    const { t, agent } = await setup(ctx());
    const created = await t.publicateur.request('POST', '/api/sinistres', {
      agentId: agent.id,
      categorie: 'maladie_ordinaire',
      dateSurvenance: '2026-03-01',
      tiersImplique: false,
    });
    expect(created.statusCode).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({ statut: 'brouillon', numero: expect.stringMatching(/^2026-\d{6}$/), agentNom: 'MARTIN' });

    const initial = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'initial',
      debut: '2026-03-01',
      fin: '2026-03-07',
    });
    expect(initial.statusCode).toBe(201);
    const prolongation = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'prolongation',
      debut: '2026-03-08',
      fin: '2026-03-23',
    });
    expect(prolongation.json().arrets.map((a: { type: string; jours: number }) => [a.type, a.jours])).toEqual([
      ['initial', 7],
      ['prolongation', 16],
    ]);
    // Each arrêt has its own certificate and payslips.
    expect(prolongation.json().piecesManquantes).toEqual([
      'Arrêt de travail (volets 2 et 3) (arrêt du 01/03/2026 au 07/03/2026)',
      'Arrêt de travail (volets 2 et 3) (arrêt du 08/03/2026 au 23/03/2026)',
      'Bulletins de salaire de la période (arrêt du 01/03/2026 au 07/03/2026)',
      'Bulletins de salaire de la période (arrêt du 08/03/2026 au 23/03/2026)',
    ]);
    const valider = await t.publicateur.request('POST', `/api/sinistres/${s.id}/validation`);
    expect(valider.statusCode).toBe(409);
    expect(valider.json().detail).toMatch(
      /^La déclaration reste en brouillon : il manque les pièces obligatoires « Arrêt de travail \(volets 2 et 3\) \(arrêt du 01\/03\/2026 au 07\/03\/2026\) », /,
    );

    const found = await t.lecteur.request(
      'GET',
      `/api/sinistres?q=mart&categorie=maladie_ordinaire&du=2026-01-01&au=2026-12-31&statut=brouillon`,
    );
    expect(found.json().items.map((x: { id: string }) => x.id)).toEqual([s.id]);
  });

  it('refuses each arrêt rule with a French message naming the dates', async () => {
    const { t, agent } = await setup(ctx());
    const s = (
      await t.publicateur.request('POST', '/api/sinistres', {
        agentId: agent.id,
        categorie: 'maladie_ordinaire',
        dateSurvenance: '2026-03-01',
        tiersImplique: false,
      })
    ).json();
    await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'initial',
      debut: '2026-03-01',
      fin: '2026-03-07',
    });
    const gap = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'prolongation',
      debut: '2026-03-10',
      fin: '2026-03-12',
    });
    expect(gap.statusCode).toBe(422);
    expect(gap.json().errors[0]).toEqual({ field: 'debut', message: expect.stringContaining('le 08/03/2026') });
    const rechute = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'rechute',
      debut: '2026-03-15',
      fin: '2026-03-16',
    });
    expect(rechute.json().errors[0].message).toContain('La rechute n’existe pas pour la maladie ordinaire');
    const other = (
      await t.publicateur.request('POST', '/api/sinistres', {
        agentId: agent.id,
        categorie: 'maladie_ordinaire',
        dateSurvenance: '2026-03-05',
        tiersImplique: false,
      })
    ).json();
    const overlap = await t.publicateur.request('POST', `/api/sinistres/${other.id}/arrets`, {
      type: 'initial',
      debut: '2026-03-05',
      fin: '2026-03-09',
    });
    expect(overlap.json().errors[0].message).toBe(
      'L’agent a déjà un arrêt du 01/03/2026 au 07/03/2026 : les arrêts ne peuvent pas se chevaucher.',
    );
    const reversed = await t.publicateur.request('POST', `/api/sinistres/${other.id}/arrets`, {
      type: 'initial',
      debut: '2026-03-12',
      fin: '2026-03-10',
    });
    expect(reversed.json().errors[0].message).toContain('précède son début');
  });

  it('flags an arrêt declared past the contract deadline as « hors délai »', async () => {
    const { t, agent } = await setup(ctx());
    ctx().clock.set('2026-03-20T09:00:00Z');
    const s = await t.publicateur.request('POST', '/api/sinistres', {
      agentId: agent.id,
      categorie: 'maladie_ordinaire',
      dateSurvenance: '2025-12-01',
      tiersImplique: false,
    });
    // No 2025 base: refused with the way to fix it.
    expect(s.statusCode).toBe(422);
    expect(s.json()).toMatchObject({
      code: 'base_manquante',
      detail: expect.stringContaining('base de l’assurance 2025'),
    });
    const ok = (
      await t.publicateur.request('POST', '/api/sinistres', {
        agentId: agent.id,
        categorie: 'maladie_ordinaire',
        dateSurvenance: '2026-01-02',
        tiersImplique: false,
      })
    ).json();
    // 2 January + 90 days = 2 April: declared on 20 March, in time.
    const inTime = await t.publicateur.request('POST', `/api/sinistres/${ok.id}/arrets`, {
      type: 'initial',
      debut: '2026-01-02',
      fin: '2026-01-05',
    });
    expect(inTime.json().arrets[0].horsDelai).toBe(false);
    // 6 January + 90 days = 6 April: declared on 8 April, too late.
    ctx().clock.set('2026-04-08T08:00:00Z');
    const late = await login(ctx(), t.users.publicateur.email);
    const lateArret = await late.request('POST', `/api/sinistres/${ok.id}/arrets`, {
      type: 'prolongation',
      debut: '2026-01-06',
      fin: '2026-01-08',
    });
    expect(lateArret.json().arrets[1].horsDelai).toBe(true);
  });

  it('refuses an incomplete agent, a future date, a category the regime or contract does not cover, a third party without details', async () => {
    const { t, agent } = await setup(ctx());
    const roster = multipartBody({
      name: 'l.csv',
      content: "NIR;Nom;Prénom;Régime;Statut;Date d'entrée\r\n2690549588157;DURAND;Léa;CNRACL;titulaire;01/01/2019\r\n",
    });
    await t.publicateur.request('POST', '/api/agents/imports', roster.payload, roster.headers);
    await ctx().jobs.drain();
    const lea = (await t.lecteur.request('GET', '/api/agents?incomplet=oui')).json().items[0];
    const incomplete = await t.publicateur.request('POST', '/api/sinistres', {
      agentId: lea.id,
      categorie: 'maladie_ordinaire',
      dateSurvenance: '2026-03-01',
      tiersImplique: false,
    });
    expect(incomplete.json()).toMatchObject({
      code: 'agent_incomplet',
      detail: expect.stringContaining('complétez-la'),
    });
    const future = await t.publicateur.request('POST', '/api/sinistres', {
      agentId: agent.id,
      categorie: 'maladie_ordinaire',
      dateSurvenance: '2026-03-21',
      tiersImplique: false,
    });
    expect(future.json().errors[0].message).toBe(
      'La date de survenance (21/03/2026) est dans le futur : un sinistre se déclare une fois survenu, au plus tard aujourd’hui (20/03/2026).',
    );
    const cgm = await t.publicateur.request('POST', '/api/sinistres', {
      agentId: agent.id,
      categorie: 'cgm',
      dateSurvenance: '2026-03-01',
      tiersImplique: false,
    });
    expect(cgm.json().errors[0]).toMatchObject({
      field: 'categorie',
      message: 'Catégories possibles : Maladie ordinaire.',
    });
    const tiers = await t.publicateur.request('POST', '/api/sinistres', {
      agentId: agent.id,
      categorie: 'maladie_ordinaire',
      dateSurvenance: '2026-03-01',
      tiersImplique: true,
    });
    expect(tiers.json().errors[0].field).toBe('recoursTiers');
    expect((await t.lecteur.request('GET', '/api/sinistres')).json().total).toBe(0);
  });
});
