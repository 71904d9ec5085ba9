import { calculerRemboursement } from '@statutis/domain';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { garantie } from '../src/modules/contrats/contrats.table.js';
import { entreesCalcul } from '../src/modules/remboursements/entrees.repository.js';
import { type Client, createContrat, createUser, login, POLICIER, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { declareSinistre, insuredTenant } from './world.js';

const declareArret = async (client: Client, sinistreId: string, body: Record<string, unknown>) => {
  const r = await client.request('POST', `/api/sinistres/${sinistreId}/arrets`, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().arrets.at(-1).id as string;
};

const gestionnaireOf = async (ctx: TestContext, cdgId: string) =>
  login(ctx, (await createUser(ctx.database.db, { staffRole: 'gestionnaire', staffCdgId: cdgId })).email);

/** The gestionnaire works in the collectivité (the header's choice). */
async function inCollectivite(client: Client, collectiviteId: string) {
  const r = await client.request('PUT', '/api/auth/session/collectivite', { collectiviteId });
  expect(r.statusCode, r.body).toBe(200);
}

/** An IRCANTEC contractuel in a collectivité insured by an IRCANTEC contract, its 2026 base insuring TBI and NBI. */
async function ircantecTenant(ctx: TestContext) {
  const t = await tenantWithUsers(ctx);
  const contrat = await createContrat(ctx.database.db, {
    cdgId: t.collectivite.cdgId,
    collectiviteIds: [t.collectivite.id],
    regime: 'IRCANTEC',
    risques: ['maladie_ordinaire', 'accident_service', 'cgm'],
  });
  const base = await t.publicateur.request('POST', '/api/bases', {
    contratId: contrat.id,
    annee: 2026,
    type: 'previsionnelle',
    effectif: 3,
    tbi: 9_000_000,
    nbi: 300_000,
  });
  expect(base.statusCode, base.body).toBe(201);
  const agent = await t.publicateur.request('POST', '/api/agents', {
    ...POLICIER,
    regime: 'IRCANTEC',
    statut: 'contractuel',
    dateEntree: '2023-09-01',
  });
  expect(agent.statusCode, agent.body).toBe(201);
  return { t, contrat, agentId: agent.json().id as string };
}

describeEachDatabase('remboursements : entrées du calcul', (ctx) => {
  it('salaires mensuels: one row per month of the arrêts, the previous month proposed, each month saved apart', async () => {
    const { t, agentId } = await ircantecTenant(ctx());
    const id = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-20');
    await declareArret(t.publicateur, id, { type: 'initial', debut: '2026-03-20', fin: '2026-04-10' });
    await declareArret(t.publicateur, id, { type: 'prolongation', debut: '2026-04-11', fin: '2026-05-02' });

    const empty = await t.lecteur.request('GET', `/api/sinistres/${id}/salaires`);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json().mois.map((m: { mois: string }) => m.mois)).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(empty.json().mois[0]).toEqual({
      mois: '2026-03',
      tbi: null,
      nbi: null,
      sft: null,
      ir: null,
      enregistre: false,
      elementsAssures: ['tbi', 'nbi'],
    });

    // March: 1 969,11 € + 73,84 € (domain §6's worked example); April and May then propose March.
    const mars = await t.publicateur.request('PUT', `/api/sinistres/${id}/salaires`, {
      mois: [{ mois: '2026-03', tbi: 196_911, nbi: 7_384 }],
    });
    expect(mars.statusCode, mars.body).toBe(200);
    expect(mars.json().mois.map((m: { tbi: number; enregistre: boolean }) => [m.tbi, m.enregistre])).toEqual([
      [196_911, true],
      [196_911, false],
      [196_911, false],
    ]);
    // April's payslip differs (a new échelon): May now proposes April.
    const avril = await t.publicateur.request('PUT', `/api/sinistres/${id}/salaires`, {
      mois: [{ mois: '2026-04', tbi: 201_000, nbi: 7_384 }],
    });
    expect(avril.json().mois.map((m: { tbi: number }) => m.tbi)).toEqual([196_911, 201_000, 201_000]);

    const audit = await ctx()
      .database.db.select({ changes: auditEvent.changes })
      .from(auditEvent)
      .where(and(eq(auditEvent.entity, 'salaire_mensuel'), eq(auditEvent.entityId, agentId)));
    expect(audit.map((a) => a.changes)).toEqual([
      { mois: '2026-03', tbi: [null, 196_911], nbi: [null, 7_384] },
      { mois: '2026-04', tbi: [null, 201_000], nbi: [null, 7_384] },
    ]);

    // The gestionnaire corrects a month; the employer's Lecteur may not.
    const cdg = await gestionnaireOf(ctx(), t.collectivite.cdgId);
    await inCollectivite(cdg, t.collectivite.id);
    const corrige = await cdg.request('PUT', `/api/sinistres/${id}/salaires`, {
      mois: [{ mois: '2026-05', tbi: 201_500, nbi: 7_384 }],
    });
    expect(corrige.statusCode, corrige.body).toBe(200);
    expect(corrige.json().mois[2]).toMatchObject({ mois: '2026-05', tbi: 201_500, enregistre: true });
    const lecteur = await t.lecteur.request('PUT', `/api/sinistres/${id}/salaires`, {
      mois: [{ mois: '2026-05', tbi: 1 }],
    });
    expect(lecteur.statusCode).toBe(403);
  });

  it('salaires mensuels: refused in French with the field — a month without arrêt, an element not insured, no TBI', async () => {
    const { t, agentId } = await insuredTenant(ctx());
    const id = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-20');
    await declareArret(t.publicateur, id, { type: 'initial', debut: '2026-03-20', fin: '2026-03-31' });
    const put = (mois: unknown[]) => t.publicateur.request('PUT', `/api/sinistres/${id}/salaires`, { mois });

    const r = await put([
      { mois: '2026-06', tbi: 100 },
      { mois: '2026-03', tbi: 100, nbi: 50 },
    ]);
    expect(r.statusCode).toBe(422);
    expect(r.json().errors).toEqual([
      { field: 'mois.0.mois', message: 'juin 2026 : aucun arrêt du sinistre ce mois-là.' },
      {
        field: 'mois.1.nbi',
        message:
          'mars 2026 : Nouvelle bonification indiciaire (NBI) non assuré dans la base de l’assurance, laissez le champ vide.',
      },
    ]);
    expect((await put([{ mois: '2026-03', tbi: null }])).json().errors).toEqual([
      { field: 'mois.0.tbi', message: 'mars 2026 : indiquez le TBI.' },
    ]);
    const format = await put([
      { mois: '2026-13', tbi: 1 },
      { mois: '2026-03', tbi: -1 },
    ]);
    expect(format.statusCode).toBe(422);
    expect(format.json().errors).toEqual([
      { field: 'mois.0.mois', message: 'Mois invalide (aaaa-mm).' },
      { field: 'mois.1.tbi', message: 'TBI : le montant ne peut être négatif.' },
    ]);
    const twice = await put([
      { mois: '2026-03', tbi: 1 },
      { mois: '2026-03', tbi: 2 },
    ]);
    expect(twice.json().errors).toEqual([{ field: 'mois.1.mois', message: 'Ce mois figure deux fois.' }]);
  });

  it('an arrêt declared with its salary fills the months it touches that have none yet', async () => {
    const { t, agentId } = await insuredTenant(ctx());
    const id = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-20');
    await declareArret(t.publicateur, id, { type: 'initial', debut: '2026-03-20', fin: '2026-03-31' });
    await t.publicateur.request('PUT', `/api/sinistres/${id}/salaires`, { mois: [{ mois: '2026-03', tbi: 150_000 }] });
    await declareArret(t.publicateur, id, {
      type: 'prolongation',
      debut: '2026-04-01',
      fin: '2026-05-10',
      salaire: { tbi: 180_000 },
    });
    const r = await t.lecteur.request('GET', `/api/sinistres/${id}/salaires`);
    // March keeps what was typed for it; April and May take the prolongation's salary.
    expect(
      r.json().mois.map((m: { mois: string; tbi: number; enregistre: boolean }) => [m.mois, m.tbi, m.enregistre]),
    ).toEqual([
      ['2026-03', 150_000, true],
      ['2026-04', 180_000, true],
      ['2026-05', 180_000, true],
    ]);
  });

  it('IJSS: IRCANTEC only, within the arrêts, one deduction per day; corrected and removed', async () => {
    const cnracl = await insuredTenant(ctx());
    const mo = await declareSinistre(cnracl.t.publicateur, cnracl.agentId, 'maladie_ordinaire', '2026-03-02');
    await declareArret(cnracl.t.publicateur, mo, { type: 'initial', debut: '2026-03-02', fin: '2026-03-20' });
    expect((await cnracl.t.lecteur.request('GET', `/api/sinistres/${mo}/ijss`)).json()).toEqual({
      applicable: false,
      items: [],
    });
    const refused = await cnracl.t.publicateur.request('POST', `/api/sinistres/${mo}/ijss`, {
      du: '2026-03-02',
      au: '2026-03-10',
      montantJournalier: 2_000,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ijss_non_applicable');

    const { t, agentId } = await ircantecTenant(ctx());
    const id = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-02');
    await declareArret(t.publicateur, id, { type: 'initial', debut: '2026-03-02', fin: '2026-03-31' });
    const post = (body: unknown) => t.publicateur.request('POST', `/api/sinistres/${id}/ijss`, body);
    // CPAM pays from the 4th day: 05/03–31/03 = 27 days × 28,52 € = 770,04 €.
    const created = await post({ du: '2026-03-05', au: '2026-03-31', montantJournalier: 2_852 });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      applicable: true,
      items: [
        { du: '2026-03-05', au: '2026-03-31', montantJournalier: 2_852, montantTotal: null, montantPeriode: 77_004 },
      ],
    });
    const ijssId = created.json().items[0].id as string;

    const errors = async (body: unknown) => (await post(body)).json().errors;
    expect(await errors({ du: '2026-03-01', au: '2026-03-04', montantTotal: 100 })).toEqual([
      { field: 'du', message: 'Hors des arrêts du sinistre.' },
    ]);
    expect(await errors({ du: '2026-03-03', au: '2026-03-06', montantTotal: 100 })).toEqual([
      { field: 'du', message: 'Période déjà saisie.' },
    ]);
    expect(await errors({ du: '2026-03-03', au: '2026-03-04' })).toEqual([
      {
        field: 'montantJournalier',
        message: 'Indiquez le montant journalier ou le montant de la période (l’un des deux).',
      },
    ]);
    expect(await errors({ du: '2026-03-04', au: '2026-03-03', montantTotal: 1 })).toEqual([
      { field: 'au', message: 'La fin de la période précède son début.' },
    ]);

    // The handler corrects the statement: a total for the period instead of a daily amount.
    const cdg = await gestionnaireOf(ctx(), t.collectivite.cdgId);
    await inCollectivite(cdg, t.collectivite.id);
    const updated = await cdg.request('PUT', `/api/sinistres/${id}/ijss/${ijssId}`, {
      du: '2026-03-05',
      au: '2026-03-31',
      montantTotal: 76_000,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().items[0]).toMatchObject({
      montantJournalier: null,
      montantTotal: 76_000,
      montantPeriode: 76_000,
    });
    expect(updated.json().items[0].saisiPar).toMatch(/^Centre de gestion — /);
    const removed = await t.publicateur.request('DELETE', `/api/sinistres/${id}/ijss/${ijssId}`);
    expect(removed.json().items).toEqual([]);
    expect((await t.publicateur.request('DELETE', `/api/sinistres/${id}/ijss/${ijssId}`)).statusCode).toBe(404);
  });

  it('antécédents: the regime’s categories, in the past, overlapping neither an arrêt nor another one', async () => {
    const { t, agentId } = await insuredTenant(ctx());
    const id = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-02');
    await declareArret(t.publicateur, id, { type: 'initial', debut: '2026-03-02', fin: '2026-03-20' });
    const post = (body: unknown) => t.publicateur.request('POST', `/api/agents/${agentId}/antecedents`, body);
    const created = await post({ categorie: 'maladie_ordinaire', du: '2025-11-03', au: '2025-11-21' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().items).toMatchObject([
      { categorie: 'maladie_ordinaire', du: '2025-11-03', au: '2025-11-21', jours: 19 },
    ]);
    const errors = async (body: unknown) => (await post(body)).json().errors;
    expect(await errors({ categorie: 'cgm', du: '2025-01-06', au: '2025-01-10' })).toEqual([
      { field: 'categorie', message: 'Catégorie hors du régime de l’agent.' },
    ]);
    expect(await errors({ categorie: 'clm', du: '2026-03-19', au: '2026-03-25' })).toEqual([
      { field: 'du', message: 'Période déjà déclarée.' },
    ]);
    expect(await errors({ categorie: 'clm', du: '2025-11-20', au: '2025-11-25' })).toEqual([
      { field: 'du', message: 'Période déjà saisie.' },
    ]);
    expect(await errors({ categorie: 'clm', du: '2025-11-20' })).toEqual([
      { field: 'au', message: 'Fin : date invalide.' },
    ]);
    expect(await errors({ categorie: 'tpt', du: '2025-01-06', au: '2025-01-10' })).toEqual([
      { field: 'categorie', message: 'Catégorie : choisissez maladie ordinaire, CLM, CLD ou CGM.' },
    ]);
    expect((await t.lecteur.request('GET', `/api/agents/${agentId}/antecedents`)).json().items).toHaveLength(1);
    const antecedentId = created.json().items[0].id as string;
    const removed = await t.publicateur.request('DELETE', `/api/agents/${agentId}/antecedents/${antecedentId}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().items).toEqual([]);
  });

  it('arrêt: the certificate’s reception date and the pregnancy and ALD flags are kept and checked', async () => {
    const { t, agentId } = await insuredTenant(ctx());
    const id = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-02');
    const arretId = await declareArret(t.publicateur, id, {
      type: 'initial',
      debut: '2026-03-02',
      fin: '2026-03-20',
      certificatRecuLe: '2026-03-06',
      ald: true,
    });
    const url = `/api/sinistres/${id}/arrets/${arretId}/certificat`;
    const before = await t.lecteur.request('GET', `/api/sinistres/${id}`);
    expect(before.json().arrets[0]).toMatchObject({ certificatRecuLe: '2026-03-06', grossesse: false, ald: true });
    const early = await t.publicateur.request('PUT', url, { certificatRecuLe: '2026-03-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors).toEqual([
      { field: 'certificatRecuLe', message: 'Date antérieure au début de l’arrêt.' },
    ]);
    const ok = await t.publicateur.request('PUT', url, { certificatRecuLe: '2026-03-03', grossesse: true, ald: false });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().arrets[0]).toMatchObject({ certificatRecuLe: '2026-03-03', grossesse: true, ald: false });
  });

  it('garanties: late-declaration rule, rechute franchise and capital décès, set by the back office, read by the employer', async () => {
    const t = await tenantWithUsers(ctx());
    const cdg = await gestionnaireOf(ctx(), t.collectivite.cdgId);
    const delais = {
      delaiDeclarationJours: 90,
      delaiPiecesJours: 90,
      delaiPiecesMedicalesJours: 730,
      delaiDecesJours: 3650,
    };
    const mo = {
      risque: 'maladie_ordinaire',
      couvert: true,
      franchiseNombre: 15,
      franchiseUnite: 'jours_fermes_par_arret',
      remboursementPct: 100,
      ...delais,
    };
    const contrat = {
      numero: 'CNR-ENTREES',
      libelle: 'Contrat groupe CNRACL',
      regime: 'CNRACL',
      assureur: 'Assureur des Collectivités',
      dateEffet: '2024-01-01',
      dateFin: '2027-12-31',
      preavisAssureurMois: 6,
      preavisAssureMois: 4,
      tauxCotisation: 6500,
      elementsAssurables: ['nbi'],
      garanties: [
        { ...mo, horsDelaiRegle: 'refus', rechuteNouvelleFranchise: false },
        { ...mo, risque: 'deces', franchiseNombre: 0, capitalDeces: 1_500_000 },
      ],
    };
    const created = await cdg.request('POST', '/api/gestion/contrats', contrat);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    // Without the new fields, a garantie takes the defaults: covered from reception, new franchise, no capital.
    expect(created.json().garanties).toEqual([
      {
        ...mo,
        risque: 'deces',
        franchiseNombre: 0,
        horsDelaiRegle: 'couverture_a_reception',
        rechuteNouvelleFranchise: true,
        capitalDeces: 1_500_000,
      },
      { ...mo, horsDelaiRegle: 'refus', rechuteNouvelleFranchise: false, capitalDeces: null },
    ]);
    const joined = await cdg.request('PUT', `/api/gestion/contrats/${id}/adhesions`, {
      collectiviteId: t.collectivite.id,
      dateAdhesion: '2024-01-01',
    });
    expect(joined.statusCode, joined.body).toBe(200);
    const seen = (await t.lecteur.request('GET', `/api/contrats/${id}`)).json();
    expect(seen.garanties.find((g: { risque: string }) => g.risque === 'maladie_ordinaire')).toMatchObject({
      horsDelaiRegle: 'refus',
      rechuteNouvelleFranchise: false,
    });

    const bad = await cdg.request('PUT', `/api/gestion/contrats/${id}`, {
      ...contrat,
      garanties: [{ ...mo, capitalDeces: 100, horsDelaiRegle: 'ignorer' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      {
        field: 'garanties.0.horsDelaiRegle',
        message: 'Déclaration tardive : choisissez le refus ou la prise en charge à réception.',
      },
    ]);
    const capital = await cdg.request('PUT', `/api/gestion/contrats/${id}`, {
      ...contrat,
      garanties: [{ ...mo, capitalDeces: 100 }],
    });
    expect(capital.json().errors).toEqual([
      { field: 'garanties.0.capitalDeces', message: 'Capital décès : seule la garantie décès verse un capital.' },
    ]);
  });

  it('entreesCalcul assembles exactly the engine’s input of a sinistre, in the scope only', async () => {
    const { t, contrat, agentId } = await ircantecTenant(ctx());
    const db = ctx().database.db;
    await db
      .update(garantie)
      .set({ horsDelaiRegle: 'refus', rechuteNouvelleFranchise: false })
      .where(and(eq(garantie.contratId, contrat.id), eq(garantie.risque, 'maladie_ordinaire')));
    // An earlier accident, closed: the rolling year reads every arrêt of the agent.
    const at = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-01-12');
    const atArret = await declareArret(t.publicateur, at, { type: 'initial', debut: '2026-01-12', fin: '2026-01-16' });
    const id = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-02');
    const initial = await declareArret(t.publicateur, id, {
      type: 'initial',
      debut: '2026-03-02',
      fin: '2026-03-31',
      certificatRecuLe: '2026-03-06',
    });
    const prolongation = await declareArret(t.publicateur, id, {
      type: 'prolongation',
      debut: '2026-04-01',
      fin: '2026-04-30',
      grossesse: true,
    });
    // Reception dates are the declaration days (Paris); fixed here so the comparison is exact.
    await db
      .update(arret)
      .set({ createdAt: new Date('2026-03-10T09:00:00Z') })
      .where(eq(arret.sinistreId, id));
    await db
      .update(arret)
      .set({ createdAt: new Date('2026-01-13T09:00:00Z') })
      .where(eq(arret.sinistreId, at));
    const put = await t.publicateur.request('PUT', `/api/sinistres/${id}/salaires`, {
      mois: [
        { mois: '2026-03', tbi: 196_911, nbi: 7_384 },
        { mois: '2026-04', tbi: 201_000 },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    const ijss = await t.publicateur.request('POST', `/api/sinistres/${id}/ijss`, {
      du: '2026-03-05',
      au: '2026-03-31',
      montantJournalier: 2_852,
    });
    expect(ijss.statusCode, ijss.body).toBe(201);
    const ante = await t.publicateur.request('POST', `/api/agents/${agentId}/antecedents`, {
      categorie: 'maladie_ordinaire',
      du: '2025-11-03',
      au: '2025-11-21',
    });
    expect(ante.statusCode, ante.body).toBe(201);
    const cdg = await gestionnaireOf(ctx(), t.collectivite.cdgId);
    const cv = await cdg.request('POST', `/api/gestion/sinistres/${id}/controles-medicaux`, {
      type: 'contre_visite',
      demandeur: 'assureur',
      medecin: 'Dr Lenoir',
      date: '2026-04-14',
      resultat: 'non_justifie',
      injustifieAPartirDu: '2026-04-15',
      cout: 8_000,
      payePar: 'assureur',
    });
    expect(cv.statusCode, cv.body).toBe(201);

    const scope = {
      kind: 'membre' as const,
      userId: t.users.lecteur.id,
      collectiviteId: t.collectivite.id,
      role: 'lecteur' as const,
    };
    const periode = { debut: '2026-03-01', fin: '2026-04-30' };
    const garantieMo = {
      couvert: true,
      franchiseNombre: 15,
      // No new franchise after a rechute: the franchise runs per sinistre for the engine.
      franchiseUnite: 'jours_fermes_par_sinistre',
      remboursementPct: 100,
      delaiDeclarationJours: 90,
    };
    const garantieParArret = { ...garantieMo, franchiseUnite: 'jours_fermes_par_arret' };
    expect(await entreesCalcul(db, scope, id, periode)).toEqual({
      agent: { regime: 'IRCANTEC', statut: 'contractuel', debutService: '2023-09-01' },
      contrats: [
        {
          contratId: contrat.id,
          debut: '2024-01-01',
          fin: '2027-12-31',
          garanties: { maladie_ordinaire: garantieMo, accident_service: garantieParArret, cgm: garantieParArret },
          elements: ['nbi'],
          riPct: null,
          cpPct: null,
          declarationTardive: 'refus',
          capitalDecesCentimes: null,
        },
      ],
      arrets: [
        {
          id: atArret,
          sinistreId: at,
          categorie: 'accident_service',
          type: 'initial',
          debut: '2026-01-12',
          fin: '2026-01-16',
          dateEnvoi: null,
          dateReception: '2026-01-13',
          quotiteTpt: null,
          grossesse: false,
          ald: false,
        },
        {
          id: initial,
          sinistreId: id,
          categorie: 'maladie_ordinaire',
          type: 'initial',
          debut: '2026-03-02',
          fin: '2026-03-31',
          dateEnvoi: '2026-03-06',
          dateReception: '2026-03-10',
          quotiteTpt: null,
          grossesse: false,
          ald: false,
        },
        {
          id: prolongation,
          sinistreId: id,
          categorie: 'maladie_ordinaire',
          type: 'prolongation',
          debut: '2026-04-01',
          fin: '2026-04-30',
          dateEnvoi: null,
          dateReception: '2026-03-10',
          quotiteTpt: null,
          grossesse: true,
          ald: false,
        },
      ],
      antecedents: [{ categorie: 'maladie_ordinaire', debut: '2025-11-03', fin: '2025-11-21' }],
      salaires: { '2026-03': { tbi: 196_911, nbi: 7_384 }, '2026-04': { tbi: 201_000 } },
      ijss: [{ debut: '2026-03-05', fin: '2026-03-31', montantJournalier: 2_852 }],
      contreVisites: [{ sinistreId: id, injustifieAPartirDu: '2026-04-15' }],
      deces: null,
      periode,
      sinistreIds: [id],
    });

    // The engine takes it as it is: March and April costed under the contract, the IJSS deducted.
    const resultat = calculerRemboursement((await entreesCalcul(db, scope, id, periode))!);
    expect(resultat.mois.map((m) => [m.mois, m.contratId])).toEqual([
      ['2026-03', contrat.id],
      ['2026-04', contrat.id],
    ]);
    expect(resultat.mois[0]!.ijss).toBeGreaterThan(0);

    // Another collectivité's member reaches nothing.
    const other = await tenantWithUsers(ctx());
    const outside = { ...scope, userId: other.users.lecteur.id, collectiviteId: other.collectivite.id };
    expect(await entreesCalcul(db, outside, id, periode)).toBeNull();
  });
});
