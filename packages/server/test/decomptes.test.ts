import { randomUUID } from 'node:crypto';
import { nomAgent } from '@statutis/domain';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { agent } from '../src/modules/agents/agents.table.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { AUTOMNE, arrets, calculer, casDeux, casIrcantec, OCTOBRE, salaire, TBI } from './decomptes-world.js';
import { POLICIER, staffMember, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';
import { pdfText } from './pdf-text.js';
import { enregistrer, tresorier, validerDecompte } from './reglements-world.js';
import { declareSinistre, insuredTenant } from './world.js';

describeEachDatabase('décomptes calculés par le moteur', (ctx) => {
  it('pays the seeds’ MO with its 16-day prolongation end to end, explained to the employer', async () => {
    const { t, g, sinistreId } = await casDeux(ctx());
    const out = await calculer(g, sinistreId);
    // Carence 01/10 (inside the franchise), franchise 01/10–15/10, paid 16/10–23/10 = 8 days at 90 %
    // (certificates from 1 March 2025): 196 911 × 8/30 × 0,9 = 47 258,64 cents → 472,59 € at 100 %.
    expect(out.decompte).toMatchObject({
      version: 1,
      statut: 'calcule',
      montant: 47_259,
      aRegler: 47_259,
      joursFranchise: 15,
      joursCarence: 1,
      ijss: 0,
      lignes: [{ mois: '2026-10', element: 'tbi', trentiemes: 8, fraction: 900, montant: 47_259 }],
      mois: [{ mois: '2026-10', remboursementPct: 100, brut: 47_259, ijss: 0, rembourse: 47_259 }],
    });
    expect(out.message).toBe(`Décompte ${out.decompte.numero} calculé : 472,59\u00a0€.`);
    expect(out.decompte.explication.join('\n')).toContain(
      'Du 16/10 au 23/10 : 8/30 à 90\u00a0% — plein traitement réduit',
    );
    expect(out.decompte.explication.join('\n')).toContain('franchise');
    expect(out.decompte.entreesAffichees).toMatchObject({
      salaires: { '2026-10': { tbi: TBI } },
      franchiseJours: 15,
      remboursementPct: 100,
    });

    await validerDecompte(g, out.decompte.id);
    const run = await g.request('POST', '/api/gestion/reglements', OCTOBRE);
    expect(run.statusCode, run.body).toBe(201);
    const [r] = run.json().crees;
    expect(r).toMatchObject({ montant: 47_259, nombreDecomptes: 1 });
    expect((await g.request('POST', `/api/gestion/reglements/${r.id}/validation`)).json().statut).toBe('valide');
    const virement = await g.request('POST', '/api/gestion/reglements/paiements', {
      reglementIds: [r.id],
      dateExecution: '2026-11-27',
    });
    expect(virement.statusCode, virement.body).toBe(201);
    const paye = await g.request('POST', `/api/gestion/reglements/${r.id}/paiement`);
    expect(paye.json()).toMatchObject({ statut: 'paye' });

    // The employer reads the décompte, its règlement and « Pourquoi ce montant ? ».
    const lu = await t.lecteur.request('GET', `/api/sinistres/${sinistreId}/decomptes`);
    expect(lu.statusCode, lu.body).toBe(200);
    expect(lu.json().items).toHaveLength(1);
    expect(lu.json().items[0]).toMatchObject({
      montant: 47_259,
      reglement: { numero: r.numero, statut: 'paye' },
      explication: out.decompte.explication,
    });

    // The salary was wrong: 2 000,00 €. 200 000 × 8/30 × 0,9 = 48 000 → a regularisation of 480,00 − 472,59 = 7,41 €.
    await salaire(t.publicateur, sinistreId, '2026-10', 200_000);
    const v2 = await calculer(g, sinistreId);
    expect(v2.decompte).toMatchObject({ version: 2, montant: 48_000, dejaRegle: 47_259, aRegler: 741 });
    expect(v2.message).toContain('(régularisation 7,41\u00a0€)');
    // It was right after all: nothing to regularise, and the pending version 2 is abandoned.
    await salaire(t.publicateur, sinistreId, '2026-10', TBI);
    expect((await calculer(g, sinistreId)).decompte).toBeNull();
    const courants = (await g.request('GET', `/api/gestion/sinistres/${sinistreId}/decomptes`)).json().items;
    expect(courants.map((d: { version: number }) => d.version)).toEqual([1]);
    expect((await g.request('POST', `/api/gestion/decomptes/${v2.decompte.id}/validation`)).statusCode).toBe(409);
    await salaire(t.publicateur, sinistreId, '2026-10', 200_000);
    const v3 = await calculer(g, sinistreId);
    expect(v3.decompte).toMatchObject({ version: 3, aRegler: 741 });
    await validerDecompte(g, v3.decompte.id);
    // Computed again with nothing changed: no new décompte.
    const same = await calculer(g, sinistreId);
    expect(same).toEqual({
      decompte: null,
      message: 'Rien n’a changé : les décomptes validés de la période (480,00\u00a0€) restent justes.',
    });
  });

  it('says when there is nothing to pay or an input is missing, and records nothing', async () => {
    const { t, g, sinistreId } = await casDeux(ctx());
    const franchise = await calculer(g, sinistreId, { du: '2026-10-01', au: '2026-10-10' });
    expect(franchise).toEqual({
      decompte: null,
      message: 'Rien à rembourser du 01/10/2026 au 10/10/2026 (10 jours de franchise).',
    });
    const vide = await calculer(g, sinistreId, { du: '2026-12-01', au: '2026-12-31' });
    expect(vide.message).toBe('Aucun jour d’arrêt de ce sinistre du 01/12/2026 au 31/12/2026.');
    await arrets(t.publicateur, sinistreId, [{ type: 'prolongation', debut: '2026-10-24', fin: '2026-11-05' }]);
    const sansSalaire = await calculer(g, sinistreId, { du: '2026-11-01', au: '2026-11-30' });
    expect(sansSalaire).toEqual({
      decompte: null,
      message: 'Dossier à compléter : salaire manquant pour novembre 2026.',
    });
    expect((await g.request('GET', `/api/gestion/sinistres/${sinistreId}/decomptes`)).json().items).toEqual([]);
    const bad = await g.request('POST', `/api/gestion/sinistres/${sinistreId}/decomptes`, {
      du: '2026-10-31',
      au: '2026-10-01',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toEqual({ field: 'au', message: 'La fin de la période précède son début.' });
    // The employer cannot compute.
    expect((await t.admin.request('POST', `/api/gestion/sinistres/${sinistreId}/decomptes`, OCTOBRE)).statusCode).toBe(
      403,
    );
  });

  it('deducts the IJSS of an IRCANTEC contractuel', async () => {
    const { t, g, sinistreId } = await casIrcantec(ctx());
    const ijss = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/ijss`, {
      du: '2026-10-04',
      au: '2026-10-23',
      montantJournalier: 3_000,
    });
    expect(ijss.statusCode, ijss.body).toBe(201);
    const out = await calculer(g, sinistreId);
    // 37 months of service (≥ 36: 90 days full): paid 16/10–23/10 = 8 days at 90 %: 47 258,64 cents;
    // IJSS 8 counted days × 30,00 € = 24 000 cents; net 23 258,64 → 232,59 € at 100 %.
    expect(out.decompte).toMatchObject({ montant: 23_259, ijss: 24_000 });
    expect(out.decompte.mois[0]).toMatchObject({ brut: 47_259, ijss: 24_000, net: 23_259, rembourse: 23_259 });
  });

  it('regularises a requalification MO → CLM month by month', async () => {
    const { t, g, sinistreId } = await casDeux(ctx());
    await arrets(t.publicateur, sinistreId, [{ type: 'prolongation', debut: '2026-10-24', fin: '2026-11-10' }]);
    await salaire(t.publicateur, sinistreId, '2026-11', TBI);
    const oct = await calculer(g, sinistreId);
    const nov = await calculer(g, sinistreId, { du: '2026-11-01', au: '2026-11-30' });
    // MO: October 16/10–31/10 = 16 days at 90 %: 196 911 × 16/30 × 0,9 = 94 517,28 → 945,17 €;
    // November 01/11–10/11 = 10 days: 196 911 × 10/30 × 0,9 = 59 073,30 → 590,73 €.
    expect([oct.decompte.montant, nov.decompte.montant]).toEqual([94_517, 59_073]);
    await validerDecompte(g, oct.decompte.id);
    await validerDecompte(g, nov.decompte.id);

    const demande = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/requalifications`, {
      vers: 'clm',
      motif: 'Avis favorable du conseil médical',
    });
    expect(demande.statusCode, demande.body).toBe(201);
    const accepte = await g.request('POST', `/api/gestion/sinistres/${sinistreId}/decisions`, {
      type: 'requalification_acceptee',
      categorie: 'clm',
      reference: { nature: 'legale', texte: 'Article 57 de la loi n° 84-53 du 26 janvier 1984' },
      periode: { debut: '2026-10-01' },
    });
    expect(accepte.statusCode, accepte.body).toBe(201);
    const avant = (await g.request('GET', `/api/gestion/sinistres/${sinistreId}/decomptes`)).json();
    expect(avant.aRecalculerDepuis).toBe('2026-10-01');

    const r = await g.request('POST', `/api/gestion/sinistres/${sinistreId}/decomptes/recalcul`);
    expect(r.statusCode, r.body).toBe(200);
    // CLM: no carence, the same franchise of 15 days, full pay at 100 %:
    // October 196 911 × 16/30 = 105 019,20 → 1 050,19 €, regularisation 105 019 − 94 517 = +105,02 €;
    // November 196 911 × 10/30 = 65 637 → 656,37 €, regularisation 65 637 − 59 073 = +65,64 €.
    expect(
      r.json().items.map((i: { decompte: { periode: unknown; montant: number; aRegler: number } }) => i.decompte),
    ).toMatchObject([
      { periode: OCTOBRE, version: 2, montant: 105_019, dejaRegle: 94_517, aRegler: 10_502 },
      {
        periode: { du: '2026-11-01', au: '2026-11-30' },
        version: 2,
        montant: 65_637,
        dejaRegle: 59_073,
        aRegler: 6_564,
      },
    ]);
    const apres = (await g.request('GET', `/api/gestion/sinistres/${sinistreId}/decomptes`)).json();
    expect(apres.aRecalculerDepuis).toBeNull();
    expect(apres.items[0].explication.join('\n')).toContain('congé de longue maladie à plein traitement');
  });

  it('computes every ready file of the period as a job, listing those to complete', async () => {
    const { t, g, sinistreId, agentId } = await casDeux(ctx());
    const autre = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-10-24');
    await arrets(t.publicateur, autre, [{ type: 'initial', debut: '2026-10-24', fin: '2026-11-05' }]);
    await ctx().database.db.update(sinistre).set({ statut: 'ouvert' }).where(eq(sinistre.id, autre));
    const lance = await g.request('POST', '/api/gestion/decomptes/calculs', AUTOMNE);
    expect(lance.statusCode, lance.body).toBe(202);
    expect(lance.json()).toMatchObject({ statut: 'en_attente', progression: 0 });
    await ctx().jobs.drain();
    const fini = await g.request('GET', `/api/gestion/decomptes/calculs/${lance.json().id}`);
    expect(fini.statusCode, fini.body).toBe(200);
    // Both files have days in the period; the accident's November salary is missing: to complete.
    expect(fini.json()).toMatchObject({
      statut: 'termine',
      progression: 100,
      total: 2,
      calcules: 1,
      sansMontant: 0,
      erreurs: 0,
      aCompleter: [{ sinistreId: autre, agent: expect.stringMatching(/Paul/), mois: ['2026-11'] }],
    });
    const items = (await g.request('GET', `/api/gestion/sinistres/${sinistreId}/decomptes`)).json().items;
    expect(items).toMatchObject([{ montant: 47_259, statut: 'calcule' }]);
    // Another handler cannot read this run.
    const other = await tresorier(ctx(), t.collectivite.cdgId);
    expect((await other.client.request('GET', `/api/gestion/decomptes/calculs/${lance.json().id}`)).statusCode).toBe(
      404,
    );
  });

  it('ends a run that fails as a whole in « echec » with a French message, and a new run can be launched', async () => {
    const { g } = await casDeux(ctx());
    const lance = await g.request('POST', '/api/gestion/decomptes/calculs', OCTOBRE);
    expect(lance.statusCode, lance.body).toBe(202);
    const id = lance.json().id as string;
    // The run's scope now breaks its very first query (the organisation's id is not a uuid): the job throws.
    await ctx().database.query(
      `UPDATE calcul_lot SET organisation = jsonb_set(organisation, '{id}', '"pas-un-identifiant"') WHERE id = $1`,
      [id],
    );
    await ctx().jobs.drain();
    const echec = await g.request('GET', `/api/gestion/decomptes/calculs/${id}`);
    expect(echec.statusCode, echec.body).toBe(200);
    expect(echec.json()).toMatchObject({ statut: 'echec', calcules: 0, erreurs: 0 });
    expect(echec.json().message).toBe(
      'Le calcul s’est arrêté sur une erreur avant d’avoir calculé un dossier. Les décomptes déjà calculés sont conservés : relancez le calcul de la période. Si l’erreur se répète, signalez-la au support (elle est dans le journal du serveur).',
    );
    // Over for good: its job is not retried (the run would otherwise come back « en cours »).
    const [job] = await ctx().database.query<{ status: string }>(
      `SELECT status FROM job WHERE kind = 'decomptes.calcul_periode' AND payload->>'id' = $1`,
      [id],
    );
    expect(job?.status).toBe('done');
    // The handler launches the period again: the file is costed.
    const relance = await g.request('POST', '/api/gestion/decomptes/calculs', OCTOBRE);
    expect(relance.statusCode, relance.body).toBe(202);
    await ctx().jobs.drain();
    const fini = await g.request('GET', `/api/gestion/decomptes/calculs/${relance.json().id}`);
    expect(fini.json()).toMatchObject({ statut: 'termine', total: 1, calcules: 1, erreurs: 0, message: null });
  });

  it('prints a décompte as a PDF for the employer and the handler, its regularisation and the agent as typed', async () => {
    const { t, g, sinistreId, agentId } = await casDeux(ctx());
    const typed = { nom: 'Ørsted-Lefèvre', prenom: 'Anaïs' };
    await ctx().database.db.update(agent).set(typed).where(eq(agent.id, agentId));
    const v1 = (await calculer(g, sinistreId)).decompte;
    await validerDecompte(g, v1.id);
    // 200 000 × 8/30 × 0,9 = 48 000 cents: version 2 regularises 480,00 − 472,59 = 7,41 €.
    await salaire(t.publicateur, sinistreId, '2026-10', 200_000);
    const v2 = (await calculer(g, sinistreId)).decompte;

    const employer = await t.lecteur.request('GET', `/api/sinistres/${sinistreId}/decomptes/${v2.id}/decompte.pdf`);
    expect(employer.statusCode, employer.body).toBe(200);
    expect(employer.headers['content-type']).toBe('application/pdf');
    expect(employer.headers['content-disposition']).toContain(`attachment; filename="decompte-${v2.numero}.pdf"`);
    const text = pdfText(employer.rawPayload);
    for (const expected of [
      'Décompte de remboursement (version 2)',
      `Agent ${nomAgent(typed)}`,
      `Sinistre n° ${v2.sinistre.numero} — Maladie ordinaire`,
      'Période du 01/10/2026 au 31/10/2026',
      'Jours de franchise 15 jours',
      'Jours de carence 1 jour',
      `octobre 2026 Traitement brut indiciaire (TBI) 8/30 90\u00a0% 480,00\u00a0€`,
      'Total des éléments 480,00\u00a0€',
      'Remboursement à 100\u00a0% 480,00\u00a0€',
      'Déjà réglé -472,59\u00a0€',
      'Régularisation 7,41\u00a0€',
      'Salaires utilisés : octobre 2026.',
      'en attente de validation',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('IJSS');

    // The handler downloads the validated version 1 from the back office: no regularisation on it.
    const staff = await g.request('GET', `/api/gestion/sinistres/${sinistreId}/decomptes/${v1.id}/decompte.pdf`);
    expect(staff.statusCode, staff.body).toBe(200);
    const first = pdfText(staff.rawPayload);
    expect(first).toContain(`Remboursement à 100\u00a0% 472,59\u00a0€`);
    expect(first).toContain(', validé le ');
    expect(first).not.toContain('Régularisation');

    // A décompte of another sinistre, or of nothing, is not found under this sinistre.
    const other = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-11-01');
    expect((await t.lecteur.request('GET', `/api/sinistres/${other}/decomptes/${v2.id}/decompte.pdf`)).statusCode).toBe(
      404,
    );
    expect(
      (await t.lecteur.request('GET', `/api/sinistres/${sinistreId}/decomptes/${randomUUID()}/decompte.pdf`))
        .statusCode,
    ).toBe(404);
    expect((await t.lecteur.request('GET', `/api/sinistres/${sinistreId}/decomptes/x/decompte.pdf`)).statusCode).toBe(
      422,
    );
  });

  it('lists the décomptes waiting for validation in the staff scope, 20 per page, by collectivité', async () => {
    const a = await insuredTenant(ctx());
    const sinistreId = await declareSinistre(a.t.publicateur, a.agentId, 'maladie_ordinaire', '2026-03-01');
    const ids: string[] = [];
    // 22 one-day décomptes of March: 21 wait, the first is validated.
    for (let day = 1; day <= 22; day++) {
      const du = `2026-03-${String(day).padStart(2, '0')}`;
      ids.push((await enregistrer(ctx(), sinistreId, { du, au: du }, 1_000 + day)).id);
      // Oldest first: each computed a minute after the previous one.
      ctx().clock.advance(60_000);
    }
    const { client: g } = await tresorier(ctx(), a.t.collectivite.cdgId);
    await validerDecompte(g, ids[0]!);

    const first = await g.request('GET', '/api/gestion/decomptes?statut=calcule');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items).toHaveLength(20);
    expect(first.json().items[0]).toMatchObject({
      id: ids[1],
      collectivite: { id: a.t.collectivite.id, nom: a.t.collectivite.nom },
      agent: { nom: POLICIER.nom.toUpperCase(), prenom: POLICIER.prenom },
      sinistre: { id: sinistreId, categorie: 'maladie_ordinaire' },
      periode: { du: '2026-03-02', au: '2026-03-02' },
      version: 1,
      montant: 1_002,
      aRegler: 1_002,
    });
    const second = await g.request('GET', `/api/gestion/decomptes?apres=${first.json().suivant}`);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ suivant: null });
    const seen = [...first.json().items, ...second.json().items].map((d: { id: string }) => d.id);
    expect(seen.sort()).toEqual(ids.slice(1).sort());

    // Filtered by collectivité: A's, or another one's (nothing).
    const filtered = await g.request('GET', `/api/gestion/decomptes?collectiviteId=${a.t.collectivite.id}`);
    expect(filtered.json().items).toHaveLength(20);
    expect((await g.request('GET', `/api/gestion/decomptes?collectiviteId=${randomUUID()}`)).json()).toEqual({
      items: [],
      suivant: null,
    });
    // A gestionnaire of another CDG sees nothing of A, even asking for A's collectivité.
    const { client: autre } = await staffMember(ctx(), { cdgId: (await tenantWithUsers(ctx())).collectivite.cdgId });
    for (const url of ['/api/gestion/decomptes', `/api/gestion/decomptes?collectiviteId=${a.t.collectivite.id}`])
      expect((await autre.request('GET', url)).json()).toEqual({ items: [], suivant: null });
    // Validated from the list, it leaves it.
    await validerDecompte(g, ids[1]!);
    const after = await g.request('GET', '/api/gestion/decomptes');
    expect(after.json().items.map((d: { id: string }) => d.id)).not.toContain(ids[1]);
    // Bad input is a 422 with its field, never a 500.
    const bad = await g.request('GET', '/api/gestion/decomptes?statut=valide&collectiviteId=x');
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['collectiviteId', 'statut']);
    // Employers do not reach the back office's list.
    expect((await a.t.admin.request('GET', '/api/gestion/decomptes')).statusCode).toBe(403);
  });
});
