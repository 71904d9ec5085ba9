import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createAudit } from '../src/lib/audit.js';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { createCotisationsRepository } from '../src/modules/cotisations/cotisations.repository.js';
import { createCotisationsService } from '../src/modules/cotisations/cotisations.service.js';
import { cotisationsWorld, emettre, generer } from './cotisations-world.js';
import { createAssureur, createContrat, staffMember, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';
import { pdfText } from './pdf-text.js';

describeEachDatabase('appels de cotisation', (ctx) => {
  it('generates the call from the base prévisionnelle with the CDG’s fee per CNRACL agent (seeds 001, 002)', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx());
    const appel = await generer(g, { contratId: contrat.id, collectiviteId: t.collectivite.id, annee: 2026 });
    expect(appel.numero).toMatch(/^AC-2026-\d{6}$/);
    expect(appel).toMatchObject({ statut: 'brouillon', nature: 'appel', mois: 12, periodicite: 'annuelle' });
    // 99 200 € × 8,600 % = 8 531,20 €; 1 CNRACL agent on 01/01/2024 × 70 € = 70 €
    expect(appel.lignes).toEqual([
      expect.objectContaining({
        nature: 'cotisation',
        code: 'CNRACL',
        assiette: 9_920_000,
        taux: 8600,
        montant: 853_120,
      }),
      expect.objectContaining({ nature: 'frais_gestion', quantite: 1, prixUnitaire: 7_000, montant: 7_000 }),
    ]);
    expect(appel.total).toBe(860_120);
    expect(appel.echeances).toEqual([
      { rang: 1, du: '2026-01-01', au: '2026-12-31', dateEcheance: '2026-01-31', montant: 860_120 },
    ]);
    // One live call per contract, collectivité and year.
    const again = await g.request('POST', '/api/gestion/cotisations/appels', {
      contratId: contrat.id,
      collectiviteId: t.collectivite.id,
      annee: 2026,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('appel_existant');
    // No base prévisionnelle 2027: nothing to call on.
    const sansBase = await g.request('POST', '/api/gestion/cotisations/appels', {
      contratId: contrat.id,
      collectiviteId: t.collectivite.id,
      annee: 2027,
    });
    expect(sansBase.statusCode).toBe(409);
    expect(sansBase.json().code).toBe('base_manquante');
    // Outside the contract's years.
    const hors = await g.request('POST', '/api/gestion/cotisations/appels', {
      contratId: contrat.id,
      collectiviteId: t.collectivite.id,
      annee: 2030,
    });
    expect(hors.statusCode).toBe(422);
    expect(hors.json().errors[0].field).toBe('annee');
  });

  it('a mid-year adhesion is called from the 1st of the month after the délibération, quarterly', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx(), {
      frais: { du: '2024-01-01', modele: 'pourcentage_assiette', tauxCnracl: 400, tauxIrcantec: 150 },
    });
    const appel = await generer(g, {
      contratId: contrat.id,
      collectiviteId: t.collectivite.id,
      annee: 2026,
      periodicite: 'trimestrielle',
      dateDeliberation: '2026-03-14',
    });
    // April to December: 9 months. 99 200 € × 8,6 % × 9/12 = 6 398,40 €; fee 99 200 € × 0,40 % × 9/12 = 297,60 €
    expect(appel).toMatchObject({ mois: 9, debutCouverture: '2026-04-01', dateDeliberation: '2026-03-14' });
    expect(appel.lignes.map((l: { montant: number }) => l.montant)).toEqual([639_840, 29_760]);
    // 669 600 / 3 = 223 200
    expect(appel.echeances.map((e: { dateEcheance: string; montant: number }) => [e.dateEcheance, e.montant])).toEqual([
      ['2026-04-30', 223_200],
      ['2026-07-31', 223_200],
      ['2026-10-31', 223_200],
    ]);
  });

  it('brouillon → contrôlé → émis: the collectivité sees only what was issued, which never changes again', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx());
    const appel = await generer(g, { contratId: contrat.id, collectiviteId: t.collectivite.id, annee: 2026 });
    expect((await t.lecteur.request('GET', '/api/cotisations')).json().items).toEqual([]);
    expect((await t.lecteur.request('GET', `/api/cotisations/${appel.id}`)).statusCode).toBe(404);
    const tot = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/emission`);
    expect(tot.statusCode).toBe(409);
    expect(tot.json().detail).toBe('Cet appel doit être contrôlé par le centre de gestion avant d’être émis.');
    const emis = await emettre(g, appel.id);
    expect(emis).toMatchObject({ statut: 'emis', controleLe: expect.any(String), emisLe: expect.any(String) });
    const list = await t.lecteur.request('GET', '/api/cotisations');
    expect(list.json()).toMatchObject({ items: [{ id: appel.id, statut: 'emis', total: 860_120 }], suivant: null });
    const detail = await t.lecteur.request('GET', `/api/cotisations/${appel.id}`);
    expect(detail.json().lignes).toHaveLength(2);
    // The database refuses to rewrite an issued call, its lines or its échéances.
    const db = ctx().database.db;
    await expect(db.execute(sql`UPDATE appel_cotisation SET total = 1 WHERE id = ${appel.id}`)).rejects.toThrow();
    await expect(
      db.execute(sql`UPDATE appel_cotisation_ligne SET montant = 1 WHERE appel_id = ${appel.id}`),
    ).rejects.toThrow();
    await expect(
      db.execute(sql`UPDATE appel_cotisation_echeance SET montant = 1 WHERE appel_id = ${appel.id}`),
    ).rejects.toThrow();
    expect((await t.lecteur.request('GET', `/api/cotisations/${appel.id}`)).json().total).toBe(860_120);
    // The employer reads; he never prepares nor issues.
    const ecrit = await t.admin.request('POST', `/api/gestion/cotisations/appels/${appel.id}/annulation`, {
      motif: 'non',
    });
    expect(ecrit.statusCode).toBe(403);
  });

  it('cancelling: a draft or an issued call without payment, with its reason; then a new call may be made', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx());
    const body = { contratId: contrat.id, collectiviteId: t.collectivite.id, annee: 2026 };
    const appel = await generer(g, body);
    await emettre(g, appel.id);
    const sansMotif = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/annulation`, { motif: ' ' });
    expect(sansMotif.statusCode).toBe(422);
    const annule = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/annulation`, {
      motif: 'Base prévisionnelle corrigée',
    });
    expect(annule.statusCode, annule.body).toBe(200);
    expect(annule.json()).toMatchObject({ statut: 'annule', annuleLe: expect.any(String) });
    const encore = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/annulation`, { motif: 'x' });
    expect(encore.json().detail).toBe('Cet appel est déjà annulé.');
    const nouveau = await generer(g, body);
    expect(nouveau.id).not.toBe(appel.id);
    const [event] = await ctx()
      .database.db.select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, appel.id), eq(auditEvent.action, 'annuler')));
    expect(event?.changes).toEqual({
      numero: appel.numero,
      statut: ['emis', 'annule'],
      motif: 'Base prévisionnelle corrigée',
    });
  });

  it('regularises from the base réelle: 104 000 € after 99 200 € → + 412,80 €, the fixed fee untouched', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx());
    const appel = await generer(g, { contratId: contrat.id, collectiviteId: t.collectivite.id, annee: 2026 });
    const body = { dateEcheance: '2027-05-31' };
    const tot = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/regularisation`, body);
    expect(tot.statusCode).toBe(409);
    expect(tot.json().detail).toBe('Seul un appel émis (et non annulé) se régularise.');
    await emettre(g, appel.id);
    const sansBase = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/regularisation`, body);
    expect(sansBase.json().code).toBe('base_manquante');
    const reelle = await t.publicateur.request('POST', '/api/bases', {
      contratId: contrat.id,
      annee: 2026,
      type: 'reelle',
      effectif: 3,
      tbi: 10_400_000,
    });
    expect(reelle.statusCode, reelle.body).toBe(201);
    const r = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/regularisation`, body);
    expect(r.statusCode, r.body).toBe(201);
    // 104 000 € × 8,6 % = 8 944,00 €; − 8 531,20 € = 412,80 €
    expect(r.json()).toMatchObject({
      nature: 'regularisation',
      sens: 'complement',
      total: 41_280,
      appelOrigine: { id: appel.id, numero: appel.numero },
      statut: 'brouillon',
      echeances: [{ rang: 1, dateEcheance: '2027-05-31', montant: 41_280 }],
    });
    expect(r.json().numero).toMatch(/^RG-2026-\d{6}$/);
    expect(r.json().lignes.map((l: { nature: string }) => l.nature)).toEqual(['cotisation']);
    const twice = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/regularisation`, body);
    expect(twice.json().code).toBe('appel_existant');
  });

  it('a base réelle below the prévisionnelle gives an avoir', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx(), { frais: null });
    const appel = await generer(g, { contratId: contrat.id, collectiviteId: t.collectivite.id, annee: 2026 });
    await emettre(g, appel.id);
    await t.publicateur.request('POST', '/api/bases', {
      contratId: contrat.id,
      annee: 2026,
      type: 'reelle',
      effectif: 1,
      tbi: 9_500_000,
    });
    const r = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/regularisation`, {
      dateEcheance: '2027-05-31',
    });
    // 95 000 € × 8,6 % = 8 170,00 €; − 8 531,20 € = − 361,20 €
    expect(r.json()).toMatchObject({ sens: 'avoir', total: -36_120 });
  });

  it('fee parameters: one per period, never overlapping, set by the CDG only', async () => {
    const { t, g } = await cotisationsWorld(ctx());
    const overlap = await g.request('POST', '/api/gestion/cotisations/frais', {
      du: '2026-01-01',
      modele: 'pourcentage_assiette',
      tauxCnracl: 400,
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().detail).toBe(
      'Cette période chevauche les paramètres en vigueur à partir du 01/01/2024 : terminez-les d’abord.',
    );
    const invalid = await g.request('POST', '/api/gestion/cotisations/frais', {
      du: '2030-01-01',
      modele: 'forfait_agent',
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors[0].field).toBe('montantParAgent');
    expect((await g.request('GET', '/api/gestion/cotisations/frais')).json().items).toEqual([
      expect.objectContaining({ du: '2024-01-01', au: null, modele: 'forfait_agent', montantParAgent: 7_000 }),
    ]);
    // An insurer's staff reads the calls of his contracts but neither sets fees nor prepares calls.
    const assureur = await createAssureur(ctx().database.db);
    const { client: a } = await staffMember(ctx(), { assureurId: assureur.id });
    expect((await a.request('GET', '/api/gestion/cotisations/frais')).statusCode).toBe(403);
    const c = await createContrat(ctx().database.db, {
      cdgId: t.collectivite.cdgId,
      collectiviteIds: [t.collectivite.id],
      assureurId: assureur.id,
    });
    const r = await a.request('POST', '/api/gestion/cotisations/appels', {
      contratId: c.id,
      collectiviteId: t.collectivite.id,
      annee: 2026,
    });
    expect(r.statusCode).toBe(403);
  });

  it('isolation: another CDG’s gestionnaire and another collectivité reach nothing', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx());
    const appel = await generer(g, { contratId: contrat.id, collectiviteId: t.collectivite.id, annee: 2026 });
    await emettre(g, appel.id);
    const autre = await tenantWithUsers(ctx());
    const { client: g2 } = await staffMember(ctx(), { cdgId: autre.collectivite.cdgId });
    // Generating for a collectivité of another CDG: it does not exist for him.
    const gen = await g2.request('POST', '/api/gestion/cotisations/appels', {
      contratId: contrat.id,
      collectiviteId: t.collectivite.id,
      annee: 2026,
    });
    expect(gen.statusCode).toBe(404);
    for (const [method, url, body] of [
      ['GET', `/api/gestion/cotisations/appels/${appel.id}`],
      ['POST', `/api/gestion/cotisations/appels/${appel.id}/controle`],
      ['POST', `/api/gestion/cotisations/appels/${appel.id}/emission`],
      ['POST', `/api/gestion/cotisations/appels/${appel.id}/annulation`, { motif: 'intrus' }],
      ['POST', `/api/gestion/cotisations/appels/${appel.id}/regularisation`, { dateEcheance: '2027-01-31' }],
    ] as const) {
      const r = await g2.request(method, url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await g2.request('GET', '/api/gestion/cotisations/appels')).json().items).toEqual([]);
    expect((await g2.request('GET', '/api/gestion/cotisations/frais')).json().items).toEqual([]);
    expect((await autre.admin.request('GET', `/api/cotisations/${appel.id}`)).statusCode).toBe(404);
    expect((await autre.admin.request('GET', '/api/cotisations')).json().items).toEqual([]);
    // Its own CDG lists it; the call is untouched.
    expect(
      (await g.request('GET', '/api/gestion/cotisations/appels')).json().items.map((a: { id: string }) => a.id),
    ).toEqual([appel.id]);
    expect((await t.lecteur.request('GET', `/api/cotisations/${appel.id}`)).json().statut).toBe('emis');
  });

  it('payments received: payé partiellement, then soldé; an unissued call or an avoir is not cashed', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx());
    const appel = await generer(g, { contratId: contrat.id, collectiviteId: t.collectivite.id, annee: 2026 });
    const service = createCotisationsService({
      db: ctx().database.db,
      clock: ctx().clock,
      audit: createAudit(ctx().clock),
      repo: createCotisationsRepository(),
    });
    const banque = { userId: null, userLabel: 'Relevé bancaire', collectiviteId: null, ip: null };
    const scope = { kind: 'plateforme' as const, userId: 'x', collectiviteId: null };
    const encaisser = (montant: number) =>
      ctx().database.db.transaction((tx) => service.enregistrerEncaissement(tx, banque, scope, appel.id, montant));
    await expect(encaisser(100_000)).rejects.toMatchObject({ status: 409 });
    await emettre(g, appel.id);
    // 8 601,20 € called: 1 000,00 € then 7 601,20 €
    expect(await encaisser(100_000)).toBe('paye_partiellement');
    expect((await t.lecteur.request('GET', `/api/cotisations/${appel.id}`)).json()).toMatchObject({
      statut: 'paye_partiellement',
      encaisse: 100_000,
    });
    await expect(encaisser(0)).rejects.toMatchObject({ status: 422 });
    expect(await encaisser(760_120)).toBe('solde');
    // Paid: it can no longer be cancelled.
    const annuler = await g.request('POST', `/api/gestion/cotisations/appels/${appel.id}/annulation`, { motif: 'x' });
    expect(annuler.json().detail).toBe('Cet appel est soldé : il ne peut plus être annulé. Émettez un avoir.');
  });

  it('prints the avis d’appel: lines, échéancier and total, read back from the PDF', async () => {
    const { t, contrat, g } = await cotisationsWorld(ctx());
    const appel = await generer(g, {
      contratId: contrat.id,
      collectiviteId: t.collectivite.id,
      annee: 2026,
      periodicite: 'semestrielle',
    });
    // A draft is the CDG's: the collectivité cannot download it yet.
    expect((await t.lecteur.request('GET', `/api/cotisations/${appel.id}/avis.pdf`)).statusCode).toBe(404);
    const brouillon = await g.request('GET', `/api/gestion/cotisations/appels/${appel.id}/avis.pdf`);
    expect(brouillon.statusCode).toBe(200);
    await emettre(g, appel.id);
    const pdf = await t.lecteur.request('GET', `/api/cotisations/${appel.id}/avis.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Avis d’appel de cotisation');
    expect(text).toContain(`n° ${appel.numero}`);
    expect(text).toContain(t.collectivite.nom);
    expect(text).toMatch(/Cotisation CNRACL — base\s+99\s200,00\s€\s+8,60\s%\s+12\s+8\s531,20\s€/);
    expect(text).toMatch(/1\sagent\s×\s70,00\s€/);
    // 860 120 / 2 = 430 060 each half
    expect(text).toMatch(/1\s+du 01\/01\/2026 au 30\/06\/2026\s+31\/01\/2026\s+4\s300,60\s€/);
    expect(text).toMatch(/2\s+du 01\/07\/2026 au 31\/12\/2026\s+31\/07\/2026\s+4\s300,60\s€/);
    expect(text).toMatch(/Total\s+8\s601,20\s€/);
    const autre = await tenantWithUsers(ctx());
    expect((await autre.admin.request('GET', `/api/cotisations/${appel.id}/avis.pdf`)).statusCode).toBe(404);
  });

  it('lists 20 per page, newest first, by cursor', async () => {
    const { t, g } = await cotisationsWorld(ctx(), { frais: null });
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) {
      const c = await createContrat(ctx().database.db, {
        cdgId: t.collectivite.cdgId,
        collectiviteIds: [t.collectivite.id],
        taux: 100 + i,
      });
      await t.publicateur.request('POST', '/api/bases', {
        contratId: c.id,
        annee: 2026,
        type: 'previsionnelle',
        effectif: 1,
        tbi: 100_000,
      });
      ctx().clock.advance(1000);
      ids.push((await generer(g, { contratId: c.id, collectiviteId: t.collectivite.id, annee: 2026 })).id);
    }
    const first = (await g.request('GET', '/api/gestion/cotisations/appels?annee=2026')).json();
    expect(first.items).toHaveLength(20);
    expect(first.items[0].id).toBe(ids[20]);
    const second = (await g.request('GET', `/api/gestion/cotisations/appels?apres=${first.suivant}`)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], suivant: null });
  });
});
