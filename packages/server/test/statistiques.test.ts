import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { enqueueJob } from '../src/lib/jobs/queue.js';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { decompte } from '../src/modules/reglements/reglements.table.js';
import { salaireMensuel } from '../src/modules/remboursements/entrees.table.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { STATISTIQUES_NUIT_JOB } from '../src/modules/statistiques/statistiques.jobs.js';
import { createStatistiquesRepository } from '../src/modules/statistiques/statistiques.repository.js';
import { createAssureur, createCollectivite, staffMember, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';
import { assureurAilleurs, at, fixerAgregat2024, monde } from './statistiques-world.js';

const valeur = (body: { indicateurs: { code: string; valeur: number | null }[] }, code: string) =>
  body.indicateurs.find((i) => i.code === code)?.valeur ?? null;

describeEachDatabase('statistiques d’absentéisme', (ctx) => {
  it('the issue’s hand-computed case: 9,56 %, 62,5 per 100 agents, 56 days, 35 %; maternity by option', async () => {
    const { t, c } = await monde(ctx());
    const r = await t.lecteur.request('GET', '/api/statistiques?periode=annee&annee=2024');
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.collectivite).toEqual({ id: c.id, nom: c.nom });
    expect(s.secret).toBe(false);
    expect(s.periode).toMatchObject({ debut: '2024-01-01', fin: '2024-12-31', jours: 366, enCours: false });
    expect(s.effectif).toEqual({ moyen: 40, joursAgents: 14_640, source: 'base de l’assurance réelle 2024' });
    expect(valeur(s, 'taux')).toBeCloseTo(9.5628, 3);
    expect(s.indicateurs.find((i: { code: string }) => i.code === 'taux').valeurTexte).toBe('9,56\u00a0%');
    expect(valeur(s, 'frequence')).toBe(62.5);
    expect(valeur(s, 'gravite')).toBe(56);
    expect(valeur(s, 'exposition')).toBe(35);
    expect(valeur(s, 'joursParAgent')).toBe(35);
    // No décompte: half pay and costs unknown, said so.
    expect(valeur(s, 'coutDirect')).toBeNull();
    // The requalified arrêt is counted once, under CLM (its category today).
    const cat = Object.fromEntries(
      s.repartitions.categorie.map((l: { cle: string; arrets: number; jours: number }) => [l.cle, [l.arrets, l.jours]]),
    );
    expect(cat).toMatchObject({ mo: [23, 1288], longue_maladie: [1, 56], citis: [1, 56] });
    // References with source, scope and year.
    expect(s.indicateurs.find((i: { code: string }) => i.code === 'taux').reference).toMatch(/2024.*Relyens/);
    // The previous year: the agents' files (no base 2023), no arrêt.
    expect(s.precedent.indicateurs.find((i: { code: string }) => i.code === 'taux').valeur).toBe(0);
    expect(s.serie).toHaveLength(12);

    // Maternity included: 1 522 days, 26 arrêts, 15 agents.
    const m = (await t.admin.request('GET', '/api/statistiques?annee=2024&maternite=incluse')).json();
    expect(valeur(m, 'taux')).toBeCloseTo((1522 * 100) / 14_640, 6);
    expect(valeur(m, 'frequence')).toBe(65);
    expect(valeur(m, 'exposition')).toBe(37.5);
  });

  it('half pay and costs from the engine’s validated décompte: its journal, the month’s salary, the amount shared', async () => {
    const { t, c, k, agents } = await monde(ctx());
    const db = ctx().database.db;
    // Agent 11: one MO arrêt 01/09 → 26/10/2024; the décompte of September–October, validated: 15 franchise
    // days (the employer pays, the insurer does not), 15 days at full pay, 26 days at half pay.
    const agentId = agents[11]!.id;
    const [s] = await db.select().from(sinistre).where(eq(sinistre.agentId, agentId));
    const [a] = await db.select().from(arret).where(eq(arret.sinistreId, s!.id));
    const seg = (debut: string, fin: string, jours: number, regle: string, fractionTraitement: number) => ({
      debut,
      fin,
      jours,
      trentiemes: jours,
      sinistreId: s!.id,
      arretId: a!.id,
      categorie: 'maladie_ordinaire',
      contratId: k.id,
      chaine: 0,
      motif: 'couvert',
      regle,
      franchise: fractionTraitement === 0,
      rangFranchise: null,
      franchiseJours: 15,
      carence: false,
      fractionTraitement,
      fractionAccessoires: fractionTraitement,
      envoiTardif: false,
      joursAnneeGlissante: null,
    });
    await db.insert(decompte).values({
      annee: 2024,
      collectiviteId: c.id,
      sinistreId: s!.id,
      contratId: k.id,
      periodeDu: '2024-09-01',
      periodeAu: '2024-10-31',
      version: 1,
      statut: 'valide',
      nature: 'indemnites_journalieres',
      beneficiaire: 'collectivite',
      montant: 200_000,
      aRegler: 200_000,
      lignes: [],
      journal: [
        seg('2024-09-01', '2024-09-15', 15, 'mo_plein_100', 0),
        seg('2024-09-16', '2024-09-30', 15, 'mo_plein_100', 10_000),
        seg('2024-10-01', '2024-10-26', 26, 'mo_demi', 5_000),
      ] as never,
      entrees: { empreinte: 'test' },
      calculeLe: at,
    });
    const saisie = { collectiviteId: c.id, agentId, tbi: 300_000, saisiPar: 'Test', saisiLe: at };
    await db.insert(salaireMensuel).values([
      { ...saisie, mois: '2024-09' },
      { ...saisie, mois: '2024-10' },
    ]);
    const r = (await t.admin.request('GET', '/api/statistiques?annee=2024')).json();
    // Maintained: 3 000 € × 15/30 + 3 000 € × 15/30 + 3 000 € × 50 % × 26/30 = 4 300,00 € → / 40 agents = 107,50 €.
    expect(valeur(r, 'coutDirect')).toBe(10_750);
    // Reste à charge: (4 300,00 − 2 000,00) / 40 = 57,50 €.
    expect(valeur(r, 'resteACharge')).toBe(5_750);
    // One absent agent in 14 had a half-pay day (the others' arrêts: not known, counted at full pay).
    expect(valeur(r, 'expositionDemiTraitement')).toBeCloseTo(100 / 14, 6);
    const cout = r.indicateurs.find((i: { code: string }) => i.code === 'coutDirect');
    expect(cout.precisions.join(' ')).toContain('24 arrêts sans coût connu ne sont pas comptés');
    // Without October's payslip nor a salary on the certificate, the pay maintained is not known; the half pay is.
    await db.delete(salaireMensuel).where(eq(salaireMensuel.mois, '2024-10'));
    const sans = (await t.admin.request('GET', '/api/statistiques?annee=2024')).json();
    expect(valeur(sans, 'coutDirect')).toBeNull();
    expect(valeur(sans, 'expositionDemiTraitement')).toBeCloseTo(100 / 14, 6);
    // With the salary written on the certificate (3 000 €), it is known again.
    await db.update(arret).set({ tbi: 300_000 }).where(eq(arret.id, a!.id));
    expect(valeur((await t.admin.request('GET', '/api/statistiques?annee=2024')).json(), 'coutDirect')).toBe(10_750);
  });

  it('another collectivité sees only its own; its CDG sees this one with small numbers hidden; an insurer outside gets 404', async () => {
    const { c } = await monde(ctx());
    // Another collectivité of another CDG: its own (empty) figures, never those of c.
    const b = await tenantWithUsers(ctx());
    const rb = await b.admin.request('GET', '/api/statistiques?annee=2024');
    expect(rb.statusCode, rb.body).toBe(200);
    expect(rb.json().collectivite.id).toBe(b.collectivite.id);
    expect(valeur(rb.json(), 'frequence')).toBeNull(); // no agent: not computed
    // B cannot switch to c.
    const sw = await b.admin.request('PUT', '/api/auth/session/collectivite', { collectiviteId: c.id });
    expect(sw.statusCode).toBe(404);

    // The CDG's gestionnaire in c: the collectivité-wide figures (40 agents, 25 arrêts) shown; the small
    // breakdown rows (1 CLM arrêt, 1 CITIS arrêt) hidden, with the next smallest where only one would be.
    const { client: g } = await staffMember(ctx(), { cdgId: c.cdgId });
    expect((await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: c.id })).statusCode).toBe(200);
    const rg = await g.request('GET', '/api/statistiques?annee=2024');
    expect(rg.statusCode, rg.body).toBe(200);
    const s = rg.json();
    expect(s.secret).toBe(true);
    expect(valeur(s, 'taux')).toBeCloseTo(9.5628, 3);
    const cat = Object.fromEntries(
      s.repartitions.categorie.map((l: { cle: string; arrets: number | null; masque?: string }) => [
        l.cle,
        l.masque ? 'masqué' : l.arrets,
      ]),
    );
    expect(cat).toMatchObject({ mo: 23, longue_maladie: 'masqué', citis: 'masqué' });
    expect(s.alertes).toEqual([]);

    // An insurer's staff not party to c's contract cannot enter it.
    const { client: a, autre: other } = await assureurAilleurs(ctx(), c);
    // What it reaches is its own collectivité's figures, never c's.
    const ra = await a.request('GET', '/api/statistiques?annee=2024');
    if (ra.statusCode === 200) expect(ra.json().collectivite.id).toBe(other.id);
    else expect(ra.statusCode).toBe(404);
  });

  it('refuses a period after today and a custom period without its end, in French', async () => {
    const t = await tenantWithUsers(ctx());
    const r = await t.admin.request('GET', '/api/statistiques?annee=2027');
    expect(r.statusCode).toBe(422);
    expect(r.json().detail).toMatch(/^La période commence le 01\/01\/2027, après le 25\/11\/2026/);
    const p = await t.admin.request('GET', '/api/statistiques?periode=personnalisee&debut=2025-01-01');
    expect(p.statusCode).toBe(422);
    expect(p.body).toContain('Indiquez la fin de la période.');
    // The running year stops at today.
    const en = (await t.admin.request('GET', '/api/statistiques')).json();
    expect(en.periode).toMatchObject({ debut: '2026-01-01', fin: '2026-11-25', enCours: true });
  });

  it('exports the tables as XLSX, numbers as numbers', async () => {
    const { t } = await monde(ctx());
    const r = await t.lecteur.request('GET', '/api/statistiques/export?annee=2024&format=xlsx');
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Statistiques')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]?.slice(0, 3)).toEqual(['Tableau', 'Libellé', 'Taux ou part']);
    const taux = rows.find((x) => x[1] === 'Taux d’absentéisme')!;
    expect(taux[2]).toBeCloseTo(0.0956, 4);
    const freq = rows.find((x) => String(x[1]).startsWith('Fréquence'))!;
    expect(freq[4]).toBe(62.5);
    expect(rows.some((x) => x[0] === 'Par motif' && x[1] === 'Maladie ordinaire' && x[6] === 1288)).toBe(true);
  });

  it('the loader reads many collectivités in one go, and the scope keeps an insurer to its contracts', async () => {
    const { c, agents } = await monde(ctx());
    const db = ctx().database.db;
    const repo = createStatistiquesRepository();
    const fen = { debut: '2024-01-01', fin: '2024-12-31', auJour: '2026-11-25' };
    const all = await repo.entrees(
      db,
      { kind: 'plateforme', userId: agents[0]!.id, collectiviteId: null },
      [c.id],
      fen,
    );
    const e = all.get(c.id)!;
    expect(e.arrets).toHaveLength(26); // 25 + maternity, the prolongation joined
    expect(e.emplois).toHaveLength(40);
    expect(e.historique).toBe(false);
    expect(e.bases).toEqual([expect.objectContaining({ annee: 2024, type: 'reelle', effectif: 40 })]);
    const assureur = await createAssureur(db);
    const none = await repo.entrees(
      db,
      {
        kind: 'staff',
        userId: agents[0]!.id,
        organisation: { kind: 'assureur', id: assureur.id, nom: '' },
        collectiviteId: null,
      },
      [c.id],
      fen,
    );
    expect(none.get(c.id)!.arrets).toEqual([]);
  });

  it('compares with the CDG’s collectivités of the same stratum from the aggregates, the others’ taux under the secret', async () => {
    const { t, c } = await monde(ctx());
    const db = ctx().database.db;
    const p1 = await createCollectivite(db, c.cdgId);
    const p2 = await createCollectivite(db, c.cdgId);
    const ailleurs = await createCollectivite(db); // another CDG: never in the stratum
    await enqueueJob(db, STATISTIQUES_NUIT_JOB, {}, ctx().clock.now());
    await ctx().jobs.drain();
    // The peers' 2024 rows set by hand, in c's stratum (30 to 149 agents): 50 agents, 1 000 days, 3 arrêts;
    // 30 agents, 200 days, 1 arrêt. c's row is the job's: 40 agents, 1 400 days over 40 × 366 agent-days.
    const pair = (id: string, agents: number, jours: number, arrets: number) =>
      fixerAgregat2024(db, id, agents, jours, arrets);
    await pair(p1.id, 50, 1000, 3);
    await pair(p2.id, 30, 200, 1);
    // In another CDG, the same stratum: never counted.
    await pair(ailleurs.id, 40, 0, 10);

    // The others hold 80 agents but 4 arrêts together: the stratum's taux is hidden, the rank is not.
    // Taux: p2 200 / 10 980 = 1,82 %, p1 1 000 / 18 300 = 5,46 %, c 1 400 / 14 640 = 9,56 % → 3e sur 3.
    const r = await t.lecteur.request('GET', '/api/statistiques?annee=2024');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().classement).toMatchObject({ strate: '30 à 149 agents CNRACL', rang: 3, sur: 3, tauxStrate: null });
    expect(r.json().comparaison.calculeLe).toBe('2026-11-25T09:00:00.000Z');
    expect(r.json().comparaison.texte).toMatch(/^Taux de la strate : jours d’arrêt des collectivités/);

    // One more arrêt: 5 together, the pooled taux (1 400 + 1 000 + 200) × 100 / (14 640 + 18 300 + 10 980) = 5,92 %.
    await pair(p2.id, 30, 200, 2);
    const s = (await t.lecteur.request('GET', '/api/statistiques?annee=2024')).json();
    expect(s.classement.tauxStrate).toBeCloseTo((2600 * 100) / 43_920, 10);
    expect(s.classement.texte).toBe(
      '3e sur 3 collectivités de la strate « 30 à 149 agents CNRACL » (taux de la strate : 5,92\u00a0%, le vôtre : 9,56\u00a0%).',
    );

    // The CDG's gestionnaire in c sees the same comparison.
    const { client: g } = await staffMember(ctx(), { cdgId: c.cdgId });
    await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: c.id });
    expect((await g.request('GET', '/api/statistiques?annee=2024')).json().classement).toMatchObject({
      rang: 3,
      sur: 3,
    });

    // Other periods are not precomputed: said so.
    const gl = (await t.lecteur.request('GET', '/api/statistiques?periode=glissant&fin=2024-12-31')).json();
    expect(gl.classement).toBeNull();
    expect(gl.comparaison.texte).toContain('disponible pour les années civiles seulement');
    // A year older than the aggregates' five.
    const vieux = (await t.lecteur.request('GET', '/api/statistiques?annee=2020')).json();
    expect(vieux.classement).toBeNull();
    expect(vieux.comparaison.texte).toContain('5 dernières années civiles');
  });
});
