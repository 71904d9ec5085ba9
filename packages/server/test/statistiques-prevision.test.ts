import { addDays } from '@statutis/domain';
import { expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { agent } from '../src/modules/agents/agents.table.js';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { antecedent, salaireMensuel } from '../src/modules/remboursements/entrees.table.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { createAssureur, createCollectivite, createContrat, staffMember, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';

const creeLe = new Date('2026-01-02T09:00:00Z');
let nirs = 0;

/** An agent of the collectivité with one sinistre and its certificates (inserted as declared and examined). */
async function agentEnArret(
  db: Db,
  c: { collectiviteId: string; contratId: string },
  nom: string,
  categorie: string,
  certificats: { debut: string; fin: string }[],
  options: { statut?: 'ouvert' | 'brouillon'; salaire?: { mois: string; tbi: number; sft?: number } } = {},
) {
  nirs++;
  const [a] = await db
    .insert(agent)
    .values({
      collectiviteId: c.collectiviteId,
      nir: `1800175${String(100000 + nirs).slice(0, 6)}`,
      nom,
      prenom: 'Test',
      sexe: 'M',
      dateNaissance: '1980-01-15',
      regime: 'CNRACL',
      statut: 'titulaire',
      dateEntree: '2010-01-01',
    })
    .returning();
  const [s] = await db
    .insert(sinistre)
    .values({
      collectiviteId: c.collectiviteId,
      agentId: a!.id,
      contratId: c.contratId,
      categorie,
      dateSurvenance: certificats[0]!.debut,
      tiersImplique: false,
      statut: options.statut ?? 'ouvert',
      createdAt: creeLe,
    })
    .returning();
  await db.insert(arret).values(
    certificats.map((x, i) => ({
      collectiviteId: c.collectiviteId,
      sinistreId: s!.id,
      agentId: a!.id,
      type: i === 0 ? 'initial' : 'prolongation',
      debut: x.debut,
      fin: x.fin,
      createdAt: new Date(`${x.debut}T09:00:00Z`),
    })),
  );
  if (options.salaire)
    await db.insert(salaireMensuel).values({
      collectiviteId: c.collectiviteId,
      agentId: a!.id,
      ...options.salaire,
      saisiPar: 'test',
      saisiLe: creeLe,
    });
  return { agentId: a!.id, sinistreId: s!.id };
}

/**
 * The clock says 25/11/2026: the horizon runs to 25/11/2026 + 89 days = 22/02/2027. No base de l'assurance:
 * the contract insures the TBI alone (MO and CLM: franchise 15 days, 100 %).
 */
async function monde(ctx: TestContext) {
  const db = ctx.database.db;
  const t = await tenantWithUsers(ctx);
  const k = await createContrat(db, {
    cdgId: t.collectivite.cdgId,
    collectiviteIds: [t.collectivite.id],
    risques: ['maladie_ordinaire', 'clm'],
  });
  const c = { collectiviteId: t.collectivite.id, contratId: k.id };
  // MO from 15/09/2026 (carence counted): 15/09 + 90 days = 14/12/2026, the first half-pay day, inside the arrêt.
  const mo = await agentEnArret(db, c, 'ARNAUD', 'maladie_ordinaire', [{ debut: '2026-09-15', fin: '2026-12-31' }], {
    salaire: { mois: '2026-09', tbi: 300_000, sft: 10_000 },
  });
  // CLM from 01/12/2025: 365 days full → half from 01/12/2026, inside the known prolongation.
  const clm = await agentEnArret(db, c, 'BERGER', 'clm', [
    { debut: '2025-12-01', fin: '2026-05-31' },
    { debut: '2026-06-01', fin: '2026-12-31' },
  ]);
  // CLM since 01/01/2024 (antécédent to 31/05/2026): 1 095 days of rights end on 31/12/2026, after the known end 15/12.
  const fin = await agentEnArret(db, c, 'CARON', 'clm', [{ debut: '2026-06-01', fin: '2026-12-15' }]);
  await db.insert(antecedent).values({
    collectiviteId: c.collectiviteId,
    agentId: fin.agentId,
    categorie: 'clm',
    du: '2024-01-01',
    au: '2026-05-31',
    saisiPar: 'test',
    saisiLe: creeLe,
  });
  // MO 20–30/11/2026: half pay only if extended, from 20/11 + 90 days = 18/02/2027. A brouillon is not declared yet.
  const dumas = await agentEnArret(db, c, 'DUMAS', 'maladie_ordinaire', [{ debut: '2026-11-20', fin: '2026-11-30' }]);
  await agentEnArret(db, c, 'ETIENNE', 'clm', [{ debut: '2025-11-01', fin: '2026-12-31' }], { statut: 'brouillon' });
  return { t, c, k, mo, clm, fin, dumas };
}

describeEachDatabase('statistiques : prévisions à 90 jours', (ctx) => {
  it('names who passes to half pay and whose rights end, with the hand-computed dates and cost', async () => {
    const { t, mo, clm, fin, dumas } = await monde(ctx());
    const r = await t.lecteur.request('GET', '/api/statistiques/prevision');
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p).toMatchObject({
      auJour: '2026-11-25',
      finHorizon: '2027-02-22',
      horizonJours: 90,
      agentsEnArret: 4,
      passagesDemiTraitement: 3,
      finsDeDroits: 1,
      suivant: null,
    });
    expect(p.hypothese).toContain('Prévision du 25/11/2026 au 22/02/2027 (90 jours)');
    expect(p.hypothese).toContain('si l’arrêt est prolongé');
    // Sorted by the first change of pay: 01/12 (BERGER), 14/12 (ARNAUD), 31/12 (CARON), 18/02/2027 (DUMAS).
    expect(
      p.items.map((l: { agentNom: string; sinistreId: string; categorie: string }) => [
        l.agentNom,
        l.sinistreId,
        l.categorie,
      ]),
    ).toEqual([
      ['BERGER Test', clm.sinistreId, 'clm'],
      ['ARNAUD Test', mo.sinistreId, 'maladie_ordinaire'],
      ['CARON Test', fin.sinistreId, 'clm'],
      ['DUMAS Test', dumas.sinistreId, 'maladie_ordinaire'],
    ]);
    expect(p.items[3]).toMatchObject({
      finArretConnue: '2026-11-30',
      demiTraitement: { date: '2027-02-18', dansArretConnu: false },
    });
    expect(p.items[0]).toMatchObject({
      situation: 'plein',
      finArretConnue: '2026-12-31',
      demiTraitement: { date: '2026-12-01', dansArretConnu: true },
      finDroits: null,
    });
    expect(p.items[1]).toMatchObject({ demiTraitement: { date: '2026-12-14', dansArretConnu: true } });
    expect(p.items[2]).toMatchObject({
      situation: 'demi',
      demiTraitement: null,
      finDroits: { date: '2026-12-31', dansArretConnu: false },
    });
    expect(p.items[0].sinistreNumero).toMatch(/^2025-\d{6}$/);
    // ARNAUD's cost (September's payslip carried forward: TBI 3 000 €, SFT 100 €):
    // November 25–30 = 6 days at 90 %: 3 000 × 6 × 0,9 / 30 = 540 € + SFT 100 × 6 / 30 = 20 €;
    // December whole (30/30): 13 days at 90 % (1–13) + 18 days at half (14–31) weighing 17:
    // 3 000 × (13 × 0,9 + 17 × 0,5) / 30 = 2 020 € + SFT 100 € → maintained 2 680,00 €;
    // reimbursed (TBI only, franchise long past) 540 + 2 020 = 2 560,00 €; reste à charge 120,00 €.
    // The others have no payslip: counted apart.
    expect(p.cout).toEqual({
      maintenuCentimes: 268_000,
      rembourseCentimes: 256_000,
      resteAChargeCentimes: 12_000,
      agentsSansSalaire: 3,
    });
  });

  it('pages the named list by 20, in order, without repeating a line', async () => {
    const { t, c } = await monde(ctx());
    const db = ctx().database.db;
    // 21 more MO arrêts from 01/10/2026 + i: half pay from 30/12/2026 + i.
    for (let i = 0; i < 21; i++) {
      const debut = addDays('2026-10-01', i);
      await agentEnArret(db, c, `MO${String(i).padStart(2, '0')}`, 'maladie_ordinaire', [{ debut, fin: '2027-01-31' }]);
    }
    const p1 = (await t.admin.request('GET', '/api/statistiques/prevision')).json();
    expect(p1.items).toHaveLength(20);
    expect(p1.passagesDemiTraitement).toBe(24);
    expect(p1.suivant).not.toBeNull();
    const r2 = await t.admin.request('GET', `/api/statistiques/prevision?apres=${p1.suivant}`);
    expect(r2.statusCode, r2.body).toBe(200);
    const p2 = r2.json();
    expect(p2.items).toHaveLength(5);
    expect(p2.suivant).toBeNull();
    const tous = [...p1.items, ...p2.items].map((l: { sinistreId: string }) => l.sinistreId);
    expect(new Set(tous).size).toBe(25);
    // MO20: 01/10 + 20 = 21/10/2026, + 90 days = 19/01/2027; DUMAS (18/02/2027) closes the list.
    expect(p2.items.at(-2)).toMatchObject({ agentNom: 'MO20 Test', demiTraitement: { date: '2027-01-19' } });
    expect(p2.items.at(-1).agentNom).toBe('DUMAS Test');
    const mauvais = await t.admin.request('GET', '/api/statistiques/prevision?apres=%27%3B');
    expect(mauvais.statusCode).toBe(422);
    expect(mauvais.body).toContain('clé de page invalide');
  });

  it('another collectivité, its CDG’s staff and an insurer not party to the contract', async () => {
    const { t, mo } = await monde(ctx());
    const db = ctx().database.db;
    // Another collectivité's admin: its own (empty) forecast, nothing of t's.
    const autre = await tenantWithUsers(ctx());
    const ra = await autre.admin.request('GET', '/api/statistiques/prevision');
    expect(ra.statusCode).toBe(200);
    expect(ra.json()).toMatchObject({ agentsEnArret: 0, items: [], cout: { maintenuCentimes: 0 } });
    expect(ra.body).not.toContain(mo.sinistreId);
    // The CDG's gestionnaire in t: the same named lines (he reads the sinistres of his scope).
    const { client: g } = await staffMember(ctx(), { cdgId: t.collectivite.cdgId! });
    expect(
      (await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: t.collectivite.id })).statusCode,
    ).toBe(200);
    const rg = await g.request('GET', '/api/statistiques/prevision');
    expect(rg.statusCode, rg.body).toBe(200);
    expect(rg.json().items).toHaveLength(4);
    // An insurer party to another contract of the collectivité only: none of these sinistres.
    const assureur = await createAssureur(db);
    await createContrat(db, {
      cdgId: t.collectivite.cdgId,
      assureurId: assureur.id,
      collectiviteIds: [t.collectivite.id],
    });
    const { client: i } = await staffMember(ctx(), { assureurId: assureur.id });
    expect(
      (await i.request('PUT', '/api/auth/session/collectivite', { collectiviteId: t.collectivite.id })).statusCode,
    ).toBe(200);
    const ri = await i.request('GET', '/api/statistiques/prevision');
    expect(ri.statusCode, ri.body).toBe(200);
    expect(ri.json()).toMatchObject({ agentsEnArret: 0, items: [] });
    expect(ri.body).not.toContain(mo.sinistreId);
    // Unknown collectivité in another CDG: not reachable.
    const loin = await createCollectivite(db);
    expect((await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: loin.id })).statusCode).toBe(
      404,
    );
  });
});
