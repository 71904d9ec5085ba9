import type { TContratInput, TRisque } from '@statutis/domain';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { baseAssurance } from '../src/modules/base-assurance/base-assurance.table.js';
import { adhesion, contrat } from '../src/modules/contrats/contrats.table.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import {
  type Client,
  createAssureur,
  createCdg,
  createContrat,
  garantieSeeds,
  staffMember,
  tenantWithUsers,
} from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { declareSinistre, insuredTenant } from './world.js';

const garantie = (risque: TRisque) => garantieSeeds(risque);

/** The successor: a CNRACL contract from 01/07/2026, A (01/01/2024–31/12/2027) ending on its eve. */
const successeur = (numero: string, overrides: Partial<TContratInput> = {}): TContratInput => ({
  numero,
  libelle: 'Contrat groupe CNRACL 2026-2029',
  regime: 'CNRACL',
  assureur: 'Assureur des Collectivités',
  courtier: null,
  dateEffet: '2026-07-01',
  dateFin: '2029-12-31',
  preavisAssureurMois: 6,
  preavisAssureMois: 4,
  tauxCotisation: 6200,
  elementsAssurables: ['nbi', 'sft', 'ir', 'ri', 'cp'],
  garanties: [garantie('maladie_ordinaire'), garantie('accident_service'), garantie('clm')],
  ...overrides,
});

async function arret(client: Client, sinistreId: string, type: string, debut: string, fin: string) {
  const r = await client.request('POST', `/api/sinistres/${sinistreId}/arrets`, { type, debut, fin });
  expect(r.statusCode, r.body).toBe(201);
}

/**
 * One collectivité insured by A, with five sinistres around the switch on 01/07/2026:
 * - mo1: maladie ordinaire from 10/05/2026, open → stays with A;
 * - at1: accident of 01/06/2026, initial arrêt in June, rechute in September → stays (its chain started under A);
 * - clos: maladie ordinaire of March, closed → stays, not listed;
 * - mo2: maladie ordinaire from 03/08/2026 → moves to B;
 * - at2: accident of 28/06/2026 whose first arrêt starts on 02/07/2026 → moves (the chain starts under B).
 */
async function world(ctx: TestContext) {
  const { t, contrat: a, agentId } = await insuredTenant(ctx);
  const { client: g } = await staffMember(ctx, { cdgId: t.collectivite.cdgId });
  const mo1 = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-05-10');
  await arret(t.publicateur, mo1, 'initial', '2026-05-10', '2026-05-20');
  const at1 = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-06-01');
  await arret(t.publicateur, at1, 'initial', '2026-06-01', '2026-06-10');
  await arret(t.publicateur, at1, 'rechute', '2026-09-01', '2026-09-05');
  const clos = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-02');
  await arret(t.publicateur, clos, 'initial', '2026-03-02', '2026-03-06');
  await ctx.database.db.update(sinistre).set({ statut: 'clos' }).where(eq(sinistre.id, clos));
  const mo2 = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-08-03');
  await arret(t.publicateur, mo2, 'initial', '2026-08-03', '2026-08-10');
  const at2 = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-06-28');
  await arret(t.publicateur, at2, 'initial', '2026-07-02', '2026-07-09');
  const created = await g.request('POST', '/api/gestion/contrats', successeur(`CT-B-${a.numero}`));
  expect(created.statusCode, created.body).toBe(201);
  const b = created.json().id as string;
  return { t, g, a, b, agentId, mo1, at1, clos, mo2, at2 };
}

const contratOf = async (ctx: TestContext, id: string) =>
  (await ctx.database.db.select({ c: sinistre.contratId }).from(sinistre).where(eq(sinistre.id, id)))[0]!.c;

describeEachDatabase('renouvellement d’un contrat groupe', (ctx) => {
  it('previews the split, switches once, and new declarations follow the contract of their chain start', async () => {
    const w = await world(ctx());
    const url = `/api/gestion/contrats/${w.a.id}/renouvellement`;

    const apercu = await w.g.request('GET', `${url}?successeurId=${w.b}`);
    expect(apercu.statusCode, apercu.body).toBe(200);
    const p = apercu.json();
    expect(p).toMatchObject({
      dateBascule: '2026-07-01',
      finAncien: '2026-06-30',
      finAvancee: true,
      effectue: false,
      totaux: { collectivites: 1, adhesionsACreer: 1, restent: 2, basculent: 2, bloquants: 0 },
      suivant: null,
    });
    expect(p.collectivites).toEqual([
      {
        collectiviteId: w.t.collectivite.id,
        nom: w.t.collectivite.nom,
        dateAdhesion: '2024-01-01',
        adhesionSuccesseur: null,
        restent: 2,
        basculent: 2,
        bloquants: 0,
        optionsNonAssurees: [],
      },
    ]);
    const restent = (await w.g.request('GET', `${url}/sinistres?successeurId=${w.b}&sens=restent`)).json();
    expect(restent.items.map((s: { id: string }) => s.id).sort()).toEqual([w.mo1, w.at1].sort());
    const basculent = (await w.g.request('GET', `${url}/sinistres?successeurId=${w.b}&sens=basculent`)).json();
    expect(basculent.items.map((s: { id: string; debutChaine: string }) => [s.id, s.debutChaine]).sort()).toEqual(
      [
        [w.mo2, '2026-08-03'],
        [w.at2, '2026-07-02'],
      ].sort(),
    );
    expect(basculent.items[0]).toMatchObject({ sansArret: false, problemes: [], collectivite: w.t.collectivite.nom });

    const done = await w.g.request('POST', url, { successeurId: w.b });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({
      contratId: w.a.id,
      successeurId: w.b,
      dateBascule: '2026-07-01',
      finAncien: '2026-06-30',
      adhesionsCreees: 1,
      sinistresBascules: 2,
      dejaEffectue: false,
    });
    const db = ctx().database.db;
    expect(await contratOf(ctx(), w.mo2)).toBe(w.b);
    expect(await contratOf(ctx(), w.at2)).toBe(w.b);
    for (const id of [w.mo1, w.at1, w.clos]) expect(await contratOf(ctx(), id)).toBe(w.a.id);
    const [a] = await db.select().from(contrat).where(eq(contrat.id, w.a.id));
    expect([a!.dateFin, a!.successeurId]).toEqual(['2026-06-30', w.b]);
    const [adh] = await db
      .select()
      .from(adhesion)
      .where(and(eq(adhesion.contratId, w.b), eq(adhesion.collectiviteId, w.t.collectivite.id)));
    expect(adh!.dateAdhesion).toBe('2026-07-01');
    const events = await db.select().from(auditEvent).where(eq(auditEvent.entityId, w.a.id));
    const renouvellement = events.filter((e) => e.action === 'renouvellement');
    expect(renouvellement).toHaveLength(1);
    expect(renouvellement[0]!.changes).toMatchObject({
      dateFin: ['2027-12-31', '2026-06-30'],
      adhesionsCreees: 1,
      sinistresBascules: 2,
    });
    const moved = await db.select().from(auditEvent).where(eq(auditEvent.action, 'changement_contrat'));
    expect(moved.filter((e) => e.entityId === w.mo2 || e.entityId === w.at2)).toHaveLength(2);

    // Idempotent: nothing more to do, nothing more recorded.
    const again = await w.g.request('POST', url, { successeurId: w.b });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ adhesionsCreees: 0, sinistresBascules: 0, dejaEffectue: true });
    expect(
      (await db.select().from(auditEvent).where(eq(auditEvent.entityId, w.a.id))).filter(
        (e) => e.action === 'renouvellement',
      ),
    ).toHaveLength(1);
    const apres = (await w.g.request('GET', `${url}?successeurId=${w.b}`)).json();
    expect(apres).toMatchObject({
      effectue: true,
      finAvancee: false,
      totaux: { adhesionsACreer: 0, restent: 2, basculent: 0, bloquants: 0 },
    });
    expect(apres.collectivites[0].adhesionSuccesseur).toBe('2026-07-01');

    // After the switch: a new chain from 10/09/2026 goes to B (once B has its 2026 base)…
    const base = await w.t.publicateur.request('POST', '/api/bases', {
      contratId: w.b,
      annee: 2026,
      type: 'previsionnelle',
      effectif: 10,
      tbi: 30_000_000,
    });
    expect(base.statusCode, base.body).toBe(201);
    const nouveau = await declareSinistre(w.t.publicateur, w.agentId, 'maladie_ordinaire', '2026-09-10');
    expect(await contratOf(ctx(), nouveau)).toBe(w.b);
    // …and a late declaration of a chain started on 15/06/2026 goes to A, which keeps paying it.
    const tardif = await declareSinistre(w.t.publicateur, w.agentId, 'maladie_ordinaire', '2026-06-15');
    expect(await contratOf(ctx(), tardif)).toBe(w.a.id);
    const detail = await w.t.lecteur.request('GET', `/api/sinistres/${tardif}`);
    expect(detail.json().contratId).toBe(w.a.id);
    const fin = (await w.g.request('GET', `${url}?successeurId=${w.b}`)).json();
    expect(fin.totaux).toMatchObject({ restent: 3, basculent: 0 });
    // A long journey (seven declarations, the switch run twice): room for a loaded machine.
  }, 120_000);

  it('lists what blocks the switch and refuses it until solved', async () => {
    const w = await world(ctx());
    const db = ctx().database.db;
    const url = `/api/gestion/contrats/${w.a.id}/renouvellement`;
    // A successor without the accident cover, nor the NBI the collectivité insures on A.
    const sansAccident = await w.g.request(
      'POST',
      '/api/gestion/contrats',
      successeur(`CT-C-${w.a.numero}`, { garanties: [garantie('maladie_ordinaire')], elementsAssurables: [] }),
    );
    expect(sansAccident.statusCode, sansAccident.body).toBe(201);
    const c = sansAccident.json().id as string;
    await db.update(baseAssurance).set({ nbi: 1_200_000 }).where(eq(baseAssurance.contratId, w.a.id));

    const p = (await w.g.request('GET', `${url}?successeurId=${c}`)).json();
    expect(p.totaux).toMatchObject({ basculent: 2, bloquants: 2 });
    expect(p.collectivites[0]).toMatchObject({ bloquants: 1, optionsNonAssurees: ['nbi'] });
    const bloquants = (await w.g.request('GET', `${url}/sinistres?successeurId=${c}&sens=bloquants`)).json();
    expect(bloquants.items).toHaveLength(1);
    expect(bloquants.items[0]).toMatchObject({
      id: w.at2,
      problemes: [
        `La catégorie « Accident de service / du travail » n’est pas couverte par le contrat n° CT-C-${w.a.numero}.`,
      ],
    });
    const refused = await w.g.request('POST', url, { successeurId: c });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'renouvellement_bloque',
      detail: 'Le renouvellement est bloqué par 2 points à régler : voyez la liste des points bloquants.',
    });
    // Nothing written.
    expect(await contratOf(ctx(), w.at2)).toBe(w.a.id);
    const [a] = await db.select().from(contrat).where(eq(contrat.id, w.a.id));
    expect([a!.dateFin, a!.successeurId]).toEqual(['2027-12-31', null]);
    await db.update(baseAssurance).set({ nbi: null }).where(eq(baseAssurance.contratId, w.a.id));

    // Once A is renewed by B, no other successor.
    expect((await w.g.request('POST', url, { successeurId: w.b })).statusCode).toBe(200);
    const autre = await w.g.request('GET', `${url}?successeurId=${c}`);
    expect(autre.statusCode).toBe(422);
    expect(autre.json().errors[0].message).toContain('a déjà été renouvelé par un autre contrat');
  });

  it('refuses a successor that does not follow A, in French', async () => {
    const w = await world(ctx());
    const url = `/api/gestion/contrats/${w.a.id}/renouvellement`;
    const ircantec = await w.g.request(
      'POST',
      '/api/gestion/contrats',
      successeur(`CT-I-${w.a.numero}`, { regime: 'IRCANTEC', garanties: [garantie('maladie_ordinaire')] }),
    );
    const r = await w.g.request('POST', url, { successeurId: ircantec.json().id });
    expect(r.statusCode).toBe(422);
    expect(r.json().detail).toBe(
      `Le contrat n° CT-I-${w.a.numero} couvre le régime IRCANTEC, le contrat n° ${w.a.numero} le régime CNRACL : le successeur doit couvrir le même régime.`,
    );
    const tard = await w.g.request(
      'POST',
      '/api/gestion/contrats',
      successeur(`CT-T-${w.a.numero}`, { dateEffet: '2028-02-01', dateFin: '2031-12-31' }),
    );
    const gap = await w.g.request('GET', `${url}?successeurId=${tard.json().id}`);
    expect(gap.statusCode).toBe(422);
    expect(gap.json().detail).toContain('il doit commencer au plus tard le lendemain, 01/01/2028');
    expect((await w.g.request('GET', `${url}?successeurId=${w.b}&apres=xx`)).statusCode).toBe(422);
  });

  it('keeps another CDG, an insurer not party to A and the employer out', async () => {
    const w = await world(ctx());
    const url = `/api/gestion/contrats/${w.a.id}/renouvellement`;
    const autreCdg = await createCdg(ctx().database.db);
    const { client: intrus } = await staffMember(ctx(), { cdgId: autreCdg.id });
    expect((await intrus.request('GET', `${url}?successeurId=${w.b}`)).statusCode).toBe(404);
    expect((await intrus.request('GET', `${url}/sinistres?successeurId=${w.b}&sens=restent`)).statusCode).toBe(404);
    expect((await intrus.request('POST', url, { successeurId: w.b })).statusCode).toBe(404);
    // Another CDG's contract as successor: not found either.
    const own = await intrus.request('POST', '/api/gestion/contrats', successeur(`CT-X-${w.a.numero}`));
    expect((await w.g.request('GET', `${url}?successeurId=${own.json().id}`)).json().detail).toBe(
      'Contrat successeur introuvable.',
    );
    const assureur = await createAssureur(ctx().database.db);
    const { client: insurer } = await staffMember(ctx(), { assureurId: assureur.id });
    expect((await insurer.request('GET', `${url}?successeurId=${w.b}`)).statusCode).toBe(404);
    expect((await w.t.admin.request('GET', `${url}?successeurId=${w.b}`)).statusCode).toBe(403);
    expect((await w.t.admin.request('POST', url, { successeurId: w.b })).statusCode).toBe(403);
    expect(await contratOf(ctx(), w.mo2)).toBe(w.a.id);
  });

  it('lets the insurer’s staff renew a contract he is party to, succeeded by another of his', async () => {
    const db = ctx().database.db;
    const t = await tenantWithUsers(ctx());
    const assureur = await createAssureur(db);
    const a = await createContrat(db, {
      cdgId: t.collectivite.cdgId,
      collectiviteIds: [t.collectivite.id],
      assureurId: assureur.id,
    });
    const b = await createContrat(db, { cdgId: t.collectivite.cdgId, assureurId: assureur.id });
    await db.update(contrat).set({ dateEffet: '2028-01-01', dateFin: '2031-12-31' }).where(eq(contrat.id, b.id));
    const { client } = await staffMember(ctx(), { assureurId: assureur.id });
    const url = `/api/gestion/contrats/${a.id}/renouvellement`;
    const p = await client.request('GET', `${url}?successeurId=${b.id}`);
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({
      dateBascule: '2028-01-01',
      finAvancee: false,
      totaux: { collectivites: 1, adhesionsACreer: 1, restent: 0, basculent: 0, bloquants: 0 },
    });
    const done = await client.request('POST', url, { successeurId: b.id });
    expect(done.json()).toMatchObject({ adhesionsCreees: 1, sinistresBascules: 0, dejaEffectue: false });
  });
});
