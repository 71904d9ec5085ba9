import { expect, it } from 'vitest';
import { enqueueJob } from '../src/lib/jobs/queue.js';
import { STATISTIQUES_NUIT_JOB } from '../src/modules/statistiques/statistiques.jobs.js';
import { createCollectivite, staffMember, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';
import { pdfPages, pdfText } from './pdf-text.js';
import { assureurAilleurs, fixerAgregat2024, monde } from './statistiques-world.js';

type Indicateur = { libelle: string; valeurTexte: string | null; masque?: string };

/** The report's text on one line: a sentence wrapped over two lines reads whole. */
const uneLigne = (pdf: Buffer) => pdfText(pdf).replace(/\s*\n\s*/g, ' ');

describeEachDatabase('rapport annuel d’absentéisme (PDF)', (ctx) => {
  it('prints the hand-computed 2024 of the collectivité: 9,56 %, 62,5, 56 jours, 35 %, with 2023, the stratum and the references', async () => {
    const { t, c } = await monde(ctx());
    const db = ctx().database.db;
    // Two peers of the CDG in c's stratum (the aggregates' rows, as in statistiques.test.ts): 5 arrêts
    // between them, so the pooled taux shows: (1 400 + 1 000 + 200) × 100 / (14 640 + 18 300 + 10 980) = 5,92 %.
    const [p1, p2] = [await createCollectivite(db, c.cdgId), await createCollectivite(db, c.cdgId)];
    await enqueueJob(db, STATISTIQUES_NUIT_JOB, {}, ctx().clock.now());
    await ctx().jobs.drain();
    await fixerAgregat2024(db, p1.id, 50, 1000, 3);
    await fixerAgregat2024(db, p2.id, 30, 200, 2);

    const r = await t.lecteur.request('GET', '/api/statistiques/rapport.pdf?annee=2024');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['cache-control']).toBe('no-store');
    // « Commune 7a9710 » → rapport-absenteisme-2024-commune-7a9710.pdf
    const slug = c.nom.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    expect(r.headers['content-disposition']).toBe(
      `attachment; filename="rapport-absenteisme-2024-${slug}.pdf"; filename*=UTF-8''rapport-absenteisme-2024-${slug}.pdf`,
    );
    expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const pages = pdfPages(r.rawPayload);
    // The cover: the collectivité, the year, the edition (the test clock: 25/11/2026 09:00 UTC, 10:00 in Paris).
    expect(pages[0]).toContain('Rapport annuel d’absentéisme 2024');
    expect(pages[0]).toContain(`Collectivité ${c.nom}`);
    expect(pages[0]).toContain('Période du 01/01/2024 au 31/12/2024');
    expect(pages[0]).toContain('Édité le 25/11/2026 à 10:00');
    expect(pages[0]).toMatch(/Fraîcheur des données Chiffres calculés à l’édition, le 25\/11\/2026 à 10:00/);
    expect(pages[0]).toContain('Effectif moyen 40 agents (base de l’assurance réelle 2024)');
    // Every page: the footer with its number.
    for (const [i, page] of pages.entries()) {
      expect(page).toContain(`Rapport annuel d’absentéisme 2024 — ${c.nom} — édité le 25/11/2026 avec Statutis`);
      expect(page).toContain(`Page ${i + 1} sur ${pages.length}`);
    }

    const text = uneLigne(r.rawPayload);
    // The tiles: 1 400 × 100 / (366 × 40) = 9,56 %; 25 × 100 / 40 = 62,5; 1 400 / 25 = 56 days; 14 / 40 = 35 %.
    expect(text).toContain('Taux d’absentéisme : 9,56\u00a0%');
    expect(text).toContain('Fréquence (arrêts pour 100 agents) : 62,5 arrêts pour 100 agents');
    expect(text).toContain('Gravité (durée moyenne d’un arrêt) : 56 jours');
    expect(text).toContain('Exposition (part des agents arrêtés) : 35\u00a0%');
    // The summary table: the year, then 2023 (no arrêt: 0,00 %).
    expect(text).toContain('Indicateur 2024 2023 Taux d’absentéisme 9,56\u00a0% 0,00\u00a0%');
    expect(text).toContain('2023 : 0,00\u00a0%');
    // The stratum: c 3e of 3, the pooled taux 2 600 × 100 / 43 920 = 5,92 %.
    expect(text).toContain(
      'Moyenne des collectivités de la même strate du CDG (30 à 149 agents CNRACL) : 5,92\u00a0% ; rang : 3e sur 3',
    );
    // The national reference with its year, convention and source.
    expect(text).toContain(
      'Référence nationale : 9,8\u00a0% (données 2024, hors maternité) — Relyens, panorama annuel de l’absentéisme dans les collectivités territoriales, agents affiliés à la CNRACL',
    );
    expect(text).toMatch(
      /Comment est-ce calculé \? 1\s400 jours d’arrêt × 100 \/ \(366 jours × 40 agents\) = 9,56\u00a0%/,
    );
    // Costs not known: said so, not printed as 0.
    expect(text).toContain('Coût direct par agent : non calculé Non calculé : Le coût des arrêts n’est pas connu.');
    // The monthly curve's table: January, 11 arrêts × 22 days = 242 / (31 × 40) = 19,52 %.
    expect(text).toContain('janv. 2024 19,52\u00a0% 11 0,00\u00a0%');
    // The breakdowns: MO 23 arrêts of 56 days = 1 288 days, 92,0 % of 1 400, taux 1 288 × 100 / 14 640 = 8,80 %.
    expect(text).toMatch(/Maladie ordinaire 1\s288 92,0\u00a0% 23 14 8,80\u00a0%/);
    expect(text).toMatch(/16 à 90 jours 1\s400 100,0\u00a0% 25 14 9,56\u00a0%/);
    expect(text).toContain('Femmes 728 52,0\u00a0% 13 7');
    expect(text).toContain('Services techniques 896 64,0\u00a0% 16 9');
    for (const titre of ['Par motif', 'Par durée d’arrêt', 'Par âge', 'Par sexe', 'Par régime', 'Par service'])
      expect(text).toContain(titre);
    // The charts are vectors: the bar of MO is labelled with its days (an SVG text), not an image.
    expect(text).toMatch(/1\s288 j/);
    expect(r.rawPayload.toString('latin1')).not.toContain('/Subtype /Image');
    // Her own figures: no secret.
    expect(text).not.toContain('Secret statistique');

    // Every tile of the dashboard the same reader gets, as it gets it.
    const s = (await t.lecteur.request('GET', '/api/statistiques?annee=2024')).json();
    for (const i of s.indicateurs as Indicateur[])
      expect(text).toContain(`${i.libelle} : ${i.valeurTexte ?? 'non calculé'}`);
  });

  it('the CDG’s gestionnaire who drills down to the collectivité gets the same report with small numbers hidden', async () => {
    const { c } = await monde(ctx());
    const { client: g } = await staffMember(ctx(), { cdgId: c.cdgId });
    expect((await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: c.id })).statusCode).toBe(200);
    const r = await g.request('GET', '/api/statistiques/rapport.pdf?annee=2024');
    expect(r.statusCode, r.body).toBe(200);
    const text = uneLigne(r.rawPayload);
    expect(text).toContain('Secret statistique : ce rapport est édité pour un lecteur extérieur à la collectivité');
    // 40 agents and 25 arrêts: the taux shows.
    expect(text).toContain('Taux d’absentéisme : 9,56\u00a0%');
    // 1 CLM arrêt, 1 CITIS arrêt: hidden, with why; nothing of theirs printed.
    expect(text).toContain('Longue maladie (CLM, CLD, CGM) masqué masqué masqué masqué masqué');
    // (The long label wraps in its cell: « (CITIS) » reads after the row.)
    expect(text).toMatch(/Accidents et maladies professionnelles( \(CITIS\))? masqué masqué masqué masqué masqué/);
    expect(text).toContain('Donnée masquée : calculée sur 1 agent et 1 arrêt, moins de 5.');
    expect(text).not.toMatch(/Longue maladie \(CLM, CLD, CGM\) 56 j/);
    // Exactly the dashboard's hiding: every hidden tile of the JSON is hidden in the PDF.
    const s = (await g.request('GET', '/api/statistiques?annee=2024')).json();
    const masques = (s.indicateurs as Indicateur[]).filter((i) => i.masque);
    for (const i of masques) expect(text).toContain(`${i.libelle} : masqué ${i.masque}`);
    for (const i of (s.indicateurs as Indicateur[]).filter((x) => !x.masque))
      expect(text).toContain(`${i.libelle} : ${i.valeurTexte ?? 'non calculé'}`);
  });

  it('each reader gets only the collectivité he is in; the year in progress and a wrong year are said in French', async () => {
    const { c } = await monde(ctx());
    // Another collectivité (another CDG): its own empty report, nothing of c.
    const b = await tenantWithUsers(ctx());
    const rb = await b.admin.request('GET', '/api/statistiques/rapport.pdf?annee=2024');
    expect(rb.statusCode, rb.body).toBe(200);
    expect(rb.headers['content-disposition']).toContain(
      `rapport-absenteisme-2024-${b.collectivite.nom.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf`,
    );
    const tb = uneLigne(rb.rawPayload);
    expect(tb).toContain(b.collectivite.nom);
    expect(tb).not.toContain(c.nom);
    expect(tb).not.toContain('9,56');
    expect((await b.admin.request('PUT', '/api/auth/session/collectivite', { collectiviteId: c.id })).statusCode).toBe(
      404,
    );
    // An insurer's staff not party to c's contracts cannot enter c; what he reads is never c's.
    const { client: a } = await assureurAilleurs(ctx(), c);
    const ra = await a.request('GET', '/api/statistiques/rapport.pdf?annee=2024');
    if (ra.statusCode === 200) expect(uneLigne(ra.rawPayload)).not.toContain(c.nom);
    else expect(ra.statusCode).toBe(404);
    // The year in progress (test clock 25/11/2026): stopped today, compared with the same span of 2025.
    const encours = await b.admin.request('GET', '/api/statistiques/rapport.pdf');
    expect(encours.statusCode, encours.body).toBe(200);
    expect(encours.headers['content-disposition']).toContain('rapport-absenteisme-2026-');
    const te = uneLigne(encours.rawPayload);
    expect(te).toContain('année en cours : chiffres arrêtés au 25/11/2026');
    expect(te).toContain('du 01/01/2025 au 25/11/2025');
    // A year not yet begun, a malformed one: 422 naming the field, in French.
    const futur = await b.admin.request('GET', '/api/statistiques/rapport.pdf?annee=2027');
    expect(futur.statusCode).toBe(422);
    expect(futur.headers['content-type']).toContain('application/problem+json');
    const mal = await b.admin.request('GET', '/api/statistiques/rapport.pdf?annee=deux');
    expect(mal.statusCode).toBe(422);
    expect(JSON.stringify(mal.json())).toContain('L’année doit être un nombre.');
    expect((await ctx().app.inject({ method: 'GET', url: '/api/statistiques/rapport.pdf' })).statusCode).toBe(401);
  });
});
