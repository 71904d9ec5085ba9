import { performance } from 'node:perf_hooks';
import { LISTE_MAX_LINES } from '@statutis/domain';
import { and, count, eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { agent, listeImport } from '../src/modules/agents/agents.table.js';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { tenantWithUsers } from './factories.js';
import {
  fixture,
  generatedNir,
  generatedRoster,
  multipart,
  runImport,
  TEMPLATE_HEADER,
  upload,
} from './fixtures/liste-nominative.js';
import { describeEachDatabase } from './harness.js';

type Tenant = Awaited<ReturnType<typeof tenantWithUsers>>;

describeEachDatabase('liste nominative : import', (ctx) => {
  const db = () => ctx().database.db;
  const agentsOf = (t: Tenant) =>
    db().select().from(agent).where(eq(agent.collectiviteId, t.collectivite.id)).orderBy(agent.nir);
  const countOf = async (t: Tenant) =>
    (await db().select({ n: count() }).from(agent).where(eq(agent.collectiviteId, t.collectivite.id)))[0]!.n;

  it('imports a Windows-1252 file as Excel saves it (;, CRLF, accents, € and œ)', async () => {
    const t = await tenantWithUsers(ctx());
    const bytes = fixture('liste-windows-1252.csv');
    // The fixture really is Windows-1252: not valid UTF-8, and € is the single byte 0x80.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(bytes.includes(0x80)).toBe(true);

    const result = await runImport(ctx(), t.publicateur, bytes, 'Liste agents 2026.csv');
    expect(result).toMatchObject({
      statut: 'termine',
      encodage: 'windows-1252',
      nomFichier: 'Liste agents 2026.csv',
      progression: 100,
      lignes: 3,
      crees: 3,
      misAJour: 0,
      inchanges: 0,
      nombreErreurs: 0,
      erreurs: [],
      colonnesIgnorees: [],
    });
    expect(result.userLabel).toContain(t.users.publicateur.email);
    expect(result.finishedAt).not.toBeNull();

    const rows = await agentsOf(t);
    expect(rows.map((r) => [r.nir, r.nirCle, r.nom, r.prenom, r.regime, r.statut, r.dateEntree])).toEqual([
      ['1841276451089', '46', 'DUPONT-LEFÈVRE', 'Hélène', 'CNRACL', 'titulaire', '2015-09-01'],
      ['2750869123045', '67', 'GAËTAN', 'Jérôme', 'CNRACL', 'stagiaire', '2024-01-02'],
      ['2900575123456', null, 'CŒUR', 'François', 'IRCANTEC', 'contractuel', '2021-03-15'],
    ]);
    expect(rows.map((r) => [r.emploi, r.tempsTravail, r.heuresHebdo])).toEqual([
      ['Agent d’entretien, prime 50 €', 'complet', null],
      ['Éducatrice à l’enfance', 'non_complet', 2800],
      ['Agent d’accueil; état civil', 'non_complet', 1750],
    ]);
    // Imported agents have no birth date and no departure date.
    expect(rows.every((r) => r.dateNaissance === null && r.dateDepart === null)).toBe(true);

    // One audit event for the upload, one for the import with its counts.
    const events = await db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entity, 'liste_import'), eq(auditEvent.entityId, result.id)))
      .orderBy(auditEvent.at, auditEvent.action);
    expect(events.map((e) => e.action).sort()).toEqual(['depot', 'import']);
    expect(events.find((e) => e.action === 'import')!.changes).toMatchObject({ crees: 3, misAJour: 0, inchanges: 0 });
  });

  it('reads UTF-8 with BOM and commas, headers in another order, case and without accents', async () => {
    const t = await tenantWithUsers(ctx());
    const result = await runImport(ctx(), t.publicateur, fixture('liste-utf8-bom-virgule.csv'));
    expect(result).toMatchObject({
      statut: 'termine',
      encodage: 'utf-8',
      crees: 2,
      colonnesIgnorees: ['Observations'],
    });
    const rows = await agentsOf(t);
    expect(
      rows.map((r) => [r.nir, r.nirCle, r.nom, r.prenom, r.statut, r.dateEntree, r.heuresHebdo, r.emploi]),
    ).toEqual([
      ['1680133001002', null, 'DUPONT', 'Émile', 'titulaire', '2019-03-01', null, 'Policier municipal'],
      ['2881099456123', '30', 'MARTIN', 'Zoé', 'contractuel', '2022-06-15', 1750, 'Animatrice périscolaire'],
    ]);
  });

  it('reads tab-separated UTF-8 without BOM', async () => {
    const t = await tenantWithUsers(ctx());
    const text = `${TEMPLATE_HEADER.replaceAll(';', '\t')}\n${generatedNir(7)}\tLéger\tAnaïs\tCNRACL\ttitulaire\t01/02/2020\t\t\t\n`;
    const result = await runImport(ctx(), t.publicateur, text);
    expect(result).toMatchObject({ statut: 'termine', encodage: 'utf-8', crees: 1 });
    expect((await agentsOf(t))[0]).toMatchObject({ nom: 'LÉGER', prenom: 'Anaïs', tempsTravail: null });
  });

  it('refuses a file with errors on several lines: reports them all, writes nothing', async () => {
    const t = await tenantWithUsers(ctx());
    await runImport(ctx(), t.publicateur, generatedRoster(3));
    const before = await countOf(t);
    const result = await runImport(ctx(), t.publicateur, fixture('liste-erreurs.csv'));
    expect(result.statut).toBe('refuse');
    expect(result.lignes).toBe(7);
    expect(result.nombreErreurs).toBe(5);
    expect(result.erreurs.map((e: { ligne: number; colonne: string }) => [e.ligne, e.colonne])).toEqual([
      [2, 'NIR'],
      [3, 'Nom'],
      [4, 'Date d’entrée'],
      [6, 'NIR'],
      [7, 'Statut'],
    ]);
    const messages = result.erreurs.map((e: { message: string }) => e.message);
    expect(messages[0]).toContain('clé du NIR est fausse');
    expect(messages[1]).toBe('Nom manquant.');
    expect(messages[2]).toContain('31/02/2020');
    expect(messages[3]).toBe('NIR déjà présent ligne 5.');
    expect(messages[4]).toContain('IRCANTEC');
    expect(result.message).toContain('Aucun agent n’a été enregistré');
    expect(result.crees + result.misAJour + result.inchanges).toBe(0);
    expect(await countOf(t)).toBe(before);
  });

  it('refuses a header without the required columns and a file with only a header', async () => {
    const t = await tenantWithUsers(ctx());
    const missing = await runImport(ctx(), t.publicateur, 'Nom;Prénom;Emploi\nDupont;Jean;Agent\n');
    expect(missing.statut).toBe('refuse');
    expect(missing.erreurs[0]).toMatchObject({ ligne: 1, colonne: 'NIR, Régime, Statut, Date d’entrée' });
    const empty = await runImport(ctx(), t.publicateur, `${TEMPLATE_HEADER}\r\n;;;;;;;;\r\n`);
    expect(empty.statut).toBe('refuse');
    expect(empty.erreurs[0].message).toContain('aucun agent');
    const quote = await runImport(ctx(), t.publicateur, `${TEMPLATE_HEADER}\n${generatedNir(1)};"Dupont;Jean;CNRACL\n`);
    expect(quote.statut).toBe('refuse');
    expect(quote.erreurs[0]).toMatchObject({ ligne: 2, colonne: '' });
    expect(quote.erreurs[0].message).toContain('guillemet');
    expect(await countOf(t)).toBe(0);
  });

  it('changes nothing when the same file is imported again, and counts the one line that changed', async () => {
    const t = await tenantWithUsers(ctx());
    const file = generatedRoster(5);
    expect(await runImport(ctx(), t.publicateur, file)).toMatchObject({ statut: 'termine', crees: 5 });
    // What the roster does not carry, completed in Statutis meanwhile, must survive any import.
    await db()
      .update(agent)
      .set({ dateNaissance: '1984-01-12', dateDepart: '2026-06-30', service: 'Voirie' })
      .where(and(eq(agent.collectiviteId, t.collectivite.id), eq(agent.nir, generatedNir(1).slice(0, 13))));
    const snapshot = await agentsOf(t);

    ctx().clock.advance(60_000);
    const again = await runImport(ctx(), t.publicateur, file);
    expect(again).toMatchObject({ statut: 'termine', lignes: 5, crees: 0, misAJour: 0, inchanges: 5 });
    expect(await agentsOf(t)).toEqual(snapshot);

    ctx().clock.advance(60_000);
    const changed = file.replace(`;NOM000001;Prénom 1;CNRACL;titulaire;`, ';NOM000001;Prénom 1;CNRACL;stagiaire;');
    expect(changed).not.toBe(file);
    const third = await runImport(ctx(), t.publicateur, changed);
    expect(third).toMatchObject({ statut: 'termine', crees: 0, misAJour: 1, inchanges: 4 });
    const after = await agentsOf(t);
    const one = after.find((r) => r.nir === generatedNir(1).slice(0, 13))!;
    expect(one).toMatchObject({
      statut: 'stagiaire',
      dateNaissance: '1984-01-12',
      dateDepart: '2026-06-30',
      service: 'Voirie',
    });
    expect(one.updatedAt).toEqual(ctx().clock.now());
    // The others were not touched, not even their updated_at.
    expect(after.filter((r) => r.id !== one.id)).toEqual(snapshot.filter((r) => r.id !== one.id));

    // An empty optional cell keeps what is known: an import completes, it never erases.
    const blanks = generatedRoster(1, { from: 1 })
      .replace(';titulaire;', ';stagiaire;')
      .replace(';Agent;Adjoint technique;complet', ';;;');
    expect(await runImport(ctx(), t.publicateur, blanks)).toMatchObject({ misAJour: 0, inchanges: 1 });
    expect((await agentsOf(t)).find((r) => r.id === one.id)).toMatchObject({
      emploi: 'Agent',
      tempsTravail: 'complet',
    });
  });

  it('does nothing when the job runs again for an import already finished', async () => {
    const t = await tenantWithUsers(ctx());
    const result = await runImport(ctx(), t.publicateur, generatedRoster(2));
    await ctx().database.query(`INSERT INTO job (kind, payload, run_at) VALUES ('liste.import', $1, $2)`, [
      JSON.stringify({ importId: result.id, collectiviteId: t.collectivite.id }),
      ctx().clock.now().toISOString(),
    ]);
    await ctx().jobs.drain();
    const [row] = await db().select().from(listeImport).where(eq(listeImport.id, result.id));
    expect(row).toMatchObject({ statut: 'termine', crees: 2, misAJour: 0, inchanges: 0 });
    expect(await countOf(t)).toBe(2);
  });

  it('marks the import « echec » when its file cannot be read, and writes nothing', async () => {
    const t = await tenantWithUsers(ctx());
    const response = await upload(t.publicateur, generatedRoster(2));
    await db()
      .update(listeImport)
      .set({ storageKey: 'imports/0000/disparu' })
      .where(eq(listeImport.id, response.json().id));
    await ctx().jobs.drain();
    const result = (await t.publicateur.request('GET', `/api/agents/imports/${response.json().id}`)).json();
    expect(result.statut).toBe('echec');
    expect(result.message).toContain('erreur technique');
    expect(await countOf(t)).toBe(0);
  });

  it(`imports ${LISTE_MAX_LINES.toLocaleString('fr-FR')} lines, showing progress while the file is checked`, async () => {
    const t = await tenantWithUsers(ctx());
    const size = LISTE_MAX_LINES;
    const response = await upload(t.publicateur, generatedRoster(size));
    expect(response.statusCode).toBe(202);
    const id = response.json().id;
    const seen: [string, number, number][] = [];
    const started = performance.now();
    const draining = ctx().jobs.drain();
    let finished = false;
    draining.finally(() => {
      finished = true;
    });
    while (!finished) {
      const r = (await t.publicateur.request('GET', `/api/agents/imports/${id}`)).json();
      seen.push([r.statut, r.progression, r.lignes]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await draining;
    const seconds = (performance.now() - started) / 1000;
    console.info(`[${ctx().kind}] import de ${size} lignes : ${seconds.toFixed(1)} s`);
    const result = (await t.publicateur.request('GET', `/api/agents/imports/${id}`)).json();
    expect(result).toMatchObject({ statut: 'termine', lignes: size, crees: size, misAJour: 0, inchanges: 0 });
    expect(await countOf(t)).toBe(size);
    const checking = seen.filter(([statut, progression]) => statut === 'validation' && progression > 0);
    expect(checking.length, JSON.stringify(seen.slice(0, 20))).toBeGreaterThan(0);
    expect(checking.every(([, progression, lignes]) => progression < 100 && lignes > 0)).toBe(true);
  }, 300_000);

  it('refuses a file of more than 100 000 lines with a clear message', async () => {
    const t = await tenantWithUsers(ctx());
    const result = await runImport(ctx(), t.publicateur, generatedRoster(LISTE_MAX_LINES + 1));
    expect(result.statut).toBe('refuse');
    expect(result.nombreErreurs).toBe(1);
    expect(result.erreurs[0]).toMatchObject({ ligne: LISTE_MAX_LINES + 2, colonne: '' });
    expect(result.erreurs[0].message).toMatch(/100\s000 lignes/);
    expect(await countOf(t)).toBe(0);
  }, 120_000);

  it('answers 413 to a file over 20 MB and 422 to something that is not a CSV', async () => {
    const t = await tenantWithUsers(ctx());
    const line = `${generatedNir(1)};DUPONT;Jean;CNRACL;titulaire;01/01/2020;${'x'.repeat(900)};;complet\r\n`;
    const big = `${TEMPLATE_HEADER}\r\n${line.repeat(Math.ceil((20 * 1024 * 1024) / line.length) + 10)}`;
    const tooBig = await upload(t.publicateur, big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().detail).toContain('20 Mo');

    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      Buffer.from('IHDR'),
      Buffer.alloc(200, 1),
    ]);
    const notCsv = await upload(t.publicateur, png, 'liste.csv');
    expect(notCsv.statusCode).toBe(422);
    expect(notCsv.json().code).toBe('format_refuse');

    const noFile = await t.publicateur.request('POST', '/api/agents/imports', { fichier: 'x' });
    expect(noFile.statusCode).toBe(415);
    expect(
      (await db().select({ n: count() }).from(listeImport).where(eq(listeImport.collectiviteId, t.collectivite.id)))[0]!
        .n,
    ).toBe(0);
    // The largest file a collectivité may send: minutes of CPU on a loaded 2-core machine.
  }, 180_000);

  it('keeps each collectivité’s imports to itself and keeps Lecteurs from importing', async () => {
    const a = await tenantWithUsers(ctx());
    const b = await tenantWithUsers(ctx());
    const imported = await runImport(ctx(), a.publicateur, generatedRoster(2));
    expect((await b.admin.request('GET', `/api/agents/imports/${imported.id}`)).statusCode).toBe(404);
    expect((await b.admin.request('GET', '/api/agents/imports')).json()).toMatchObject({ total: 0, items: [] });
    expect((await b.admin.request('GET', '/api/agents')).json().total).toBe(0);
    // The same NIRs imported by B are B's own agents.
    expect(await runImport(ctx(), b.admin, generatedRoster(2))).toMatchObject({ crees: 2 });

    const { payload, headers } = multipart('liste.csv', generatedRoster(1));
    const refused = await a.lecteur.request('POST', '/api/agents/imports', payload, headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('lecture seule');
    expect((await a.lecteur.request('GET', `/api/agents/imports/${imported.id}`)).statusCode).toBe(200);

    const history = (await a.lecteur.request('GET', '/api/agents/imports')).json();
    expect(history.total).toBe(1);
    expect(history.items[0]).toMatchObject({ id: imported.id, crees: 2, statut: 'termine' });
    expect(history.items[0].erreurs).toBeUndefined();
  });

  it('lists the history newest first, 20 per page', async () => {
    const t = await tenantWithUsers(ctx());
    for (let i = 0; i < 3; i++) {
      ctx().clock.advance(1000);
      expect((await upload(t.publicateur, generatedRoster(1, { from: i }), `liste-${i}.csv`)).statusCode).toBe(202);
    }
    await ctx().jobs.drain();
    const page = (await t.publicateur.request('GET', '/api/agents/imports?pageSize=2')).json();
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.items.map((i: { nomFichier: string }) => i.nomFichier)).toEqual(['liste-2.csv', 'liste-1.csv']);
    const all = await db().execute(
      sql`SELECT count(*)::int AS n FROM liste_import WHERE collectivite_id = ${t.collectivite.id}`,
    );
    expect((all as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(3);
  });

  it('encodes what iconv-lite writes as Windows-1252 exactly as the fixture (sanity of the test data)', () => {
    expect(iconv.decode(fixture('liste-windows-1252.csv'), 'win1252')).toContain('Cœur;François');
  });
});
