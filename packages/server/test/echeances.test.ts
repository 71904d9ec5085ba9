import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { contrat } from '../src/modules/contrats/contrats.table.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { type Client, createCdg, createUser, ENQUETE, login, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { declareSinistre, depositPiece, insuredTenant } from './world.js';

type Echeance = {
  cle: string;
  kind: string;
  dateEcheance: string;
  etat: string;
  faitLe: string | null;
  detail: string;
};

const echeancesOf = async (client: Client, url: string) => {
  const r = await client.request('GET', url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().echeances as Echeance[];
};
const resume = (es: Echeance[]) => es.map((e) => [e.kind, e.dateEcheance, e.etat, e.faitLe]);
const of = (es: Echeance[], kind: string) => es.find((e) => e.kind === kind)!;

/** The file reached Statutis on that day (the tests' clock stays on 25/11/2026: sessions would expire). */
async function declareLe(ctx: TestContext, sinistreId: string, jour: string) {
  await ctx.database.db
    .update(sinistre)
    .set({ createdAt: new Date(`${jour}T10:00:00Z`) })
    .where(eq(sinistre.id, sinistreId));
}

async function gestionnaireOf(ctx: TestContext, cdgId: string) {
  return login(ctx, (await createUser(ctx.database.db, { staffRole: 'gestionnaire', staffCdgId: cdgId })).email);
}

async function depositRequired(client: Client, sinistreId: string) {
  const exigences = (await client.request('GET', `/api/sinistres/${sinistreId}/pieces`)).json().exigences as {
    code: string;
    arretId: string | null;
    obligatoire: boolean;
    volets: boolean;
  }[];
  for (const e of exigences.filter((x) => x.obligatoire)) {
    const r = await depositPiece(client, sinistreId, {
      code: e.code,
      ...(e.arretId ? { arretId: e.arretId } : {}),
      ...(e.volets ? { voletsConfirmes: 'oui' } : {}),
    });
    expect(r.statusCode, r.body).toBe(201);
  }
}

describeEachDatabase('échéances of a file', (ctx) => {
  it('a maladie ordinaire: declaration, arrêt, pieces and prescription, the same for the employer and the handler', async () => {
    ctx().clock.set('2026-11-25T09:00:00Z');
    const { t, agentId } = await insuredTenant(ctx());
    const id = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-08-01');
    const a = await t.publicateur.request('POST', `/api/sinistres/${id}/arrets`, {
      type: 'initial',
      debut: '2026-08-01',
      fin: '2026-08-07',
    });
    expect(a.statusCode, a.body).toBe(201);
    await declareLe(ctx(), id, '2026-08-20');
    await ctx()
      .database.db.update(arret)
      .set({ createdAt: new Date('2026-08-20T10:00:00Z') })
      .where(eq(arret.sinistreId, id));

    // The contract's 90 days (seeds): 01/08 + 90 = 30/10 (30 to 31/08, 60 to 30/09, 90 to 30/10).
    // Pieces: 20/08 + 90 = 18/11 (11 to 31/08, 41 to 30/09, 72 to 31/10, 90 to 18/11), missing on 25/11.
    // Prescription: the chain's first day + 2 years.
    let es = await echeancesOf(t.lecteur, `/api/sinistres/${id}`);
    expect(resume(es)).toEqual([
      ['declaration_arret', '2026-10-30', 'respectee', '2026-08-20'],
      ['declaration_sinistre', '2026-10-30', 'respectee', '2026-08-20'],
      ['pieces', '2026-11-18', 'depassee', null],
      ['prescription', '2028-08-01', 'a_venir', null],
    ]);

    // Declared on 30/08 instead: pieces due 28/11 (1, 31, 62, 90), 3 days left → proche.
    await declareLe(ctx(), id, '2026-08-30');
    es = await echeancesOf(t.publicateur, `/api/sinistres/${id}`);
    expect(of(es, 'pieces')).toMatchObject({ dateEcheance: '2026-11-28', etat: 'proche' });

    // The pieces come on 25/11, in time: the pieces and the prescription are met that day.
    await depositRequired(t.publicateur, id);
    es = await echeancesOf(t.publicateur, `/api/sinistres/${id}`);
    expect(of(es, 'pieces')).toMatchObject({ etat: 'respectee', faitLe: '2026-11-25' });
    expect(of(es, 'prescription')).toMatchObject({ etat: 'respectee', faitLe: '2026-11-25' });

    const gestionnaire = await gestionnaireOf(ctx(), t.collectivite.cdgId);
    expect(await echeancesOf(gestionnaire, `/api/gestion/sinistres/${id}`)).toEqual(es);
  });

  it('a CITIS: the agent’s declaration and the imputability decision, with the enquête’s 3 more months', async () => {
    ctx().clock.set('2026-11-25T09:00:00Z');
    const { t, agentId } = await insuredTenant(ctx());
    const gestionnaire = await gestionnaireOf(ctx(), t.collectivite.cdgId);
    const id = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-10-01');

    // Received 28/10: the agent's 15 days ended 16/10; decide by 28/11 (1 month), 3 days left.
    await declareLe(ctx(), id, '2026-10-28');
    let es = await echeancesOf(gestionnaire, `/api/gestion/sinistres/${id}`);
    expect(of(es, 'citis_declaration')).toMatchObject({
      dateEcheance: '2026-10-16',
      etat: 'depassee',
      faitLe: '2026-10-28',
    });
    expect(of(es, 'citis_imputabilite')).toMatchObject({ dateEcheance: '2026-11-28', etat: 'proche', faitLe: null });

    // Received 10/10: declared in time; decision due 10/11, passed: CITIS provisionally from 11/11.
    await declareLe(ctx(), id, '2026-10-10');
    es = await echeancesOf(t.publicateur, `/api/sinistres/${id}`);
    expect(of(es, 'citis_declaration').etat).toBe('respectee');
    expect(of(es, 'citis_imputabilite')).toMatchObject({ dateEcheance: '2026-11-10', etat: 'depassee' });
    expect(of(es, 'citis_imputabilite').detail).toContain('à titre provisoire à compter du 11/11/2026');

    // The enquête leaves a doubt: 1 + 3 months, 10/02/2027; decided on 25/11, in time.
    const enquete = await t.publicateur.request('PUT', `/api/sinistres/${id}/enquete`, {
      ...ENQUETE,
      date: '2026-10-01',
      doute: true,
      motifDoute: 'Aucun témoin direct de la chute.',
    });
    expect(enquete.statusCode, enquete.body).toBe(200);
    expect(of(enquete.json().echeances, 'citis_imputabilite')).toMatchObject({
      dateEcheance: '2027-02-10',
      etat: 'a_venir',
    });
    const decision = await t.publicateur.request('PUT', `/api/sinistres/${id}/imputabilite`, {
      decision: 'reconnue',
      date: '2026-11-25',
      arretTravail: false,
    });
    expect(decision.statusCode, decision.body).toBe(200);
    expect(of(decision.json().echeances, 'citis_imputabilite')).toMatchObject({
      etat: 'respectee',
      faitLe: '2026-11-25',
    });
  });

  it('a sinistre under a contract that ended: 30 days after its end to declare it', async () => {
    ctx().clock.set('2026-11-25T09:00:00Z');
    const { t, agentId, contrat: k } = await insuredTenant(ctx());
    await ctx().database.db.update(contrat).set({ dateFin: '2026-10-15' }).where(eq(contrat.id, k.id));
    const id = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-10-01');
    // 01/10 + 90 = 30/12, but 15/10 + 30 = 14/11 comes first; declared 25/11: late.
    const es = await echeancesOf(t.publicateur, `/api/sinistres/${id}`);
    expect(of(es, 'declaration_sinistre')).toMatchObject({
      dateEcheance: '2026-11-14',
      etat: 'depassee',
      faitLe: '2026-11-25',
    });
    expect(of(es, 'declaration_sinistre').detail).toContain('30 jours après la fin du contrat (15/10/2026)');
    // No arrêt yet: the prescription runs from the survenance.
    expect(of(es, 'prescription')).toMatchObject({ cle: 'prescription', dateEcheance: '2028-10-01' });
  });

  it('another collectivité, another CDG’s handler: the file and its clocks stay out of reach', async () => {
    const { t, agentId } = await insuredTenant(ctx());
    const id = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-08-01');
    const intrus = await tenantWithUsers(ctx());
    const r = await intrus.publicateur.request('GET', `/api/sinistres/${id}`);
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain('echeances');
    const autreCdg = await createCdg(ctx().database.db);
    const autre = await gestionnaireOf(ctx(), autreCdg.id);
    const g = await autre.request('GET', `/api/gestion/sinistres/${id}`);
    expect(g.statusCode).toBe(404);
    expect(g.body).not.toContain('echeances');
  });
});
