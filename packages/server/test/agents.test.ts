import { formatNir, LISTE_TEMPLATE_COLUMNS, nameSearchKey } from '@statutis/domain';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { agent } from '../src/modules/agents/agents.table.js';
import { tenantWithUsers } from './factories.js';
import { fixture, generatedNir, generatedRoster, runImport } from './fixtures/liste-nominative.js';
import { describeEachDatabase } from './harness.js';

type Tenant = Awaited<ReturnType<typeof tenantWithUsers>>;
type Item = { nom: string; prenom: string; incomplet: boolean };

describeEachDatabase('agents : liste, export, modèle', (ctx) => {
  let t: Tenant;
  const noms = (body: { items: Item[] }) => body.items.map((i) => i.nom);
  const list = async (query = '') => {
    const response = await t.lecteur.request('GET', `/api/agents${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const setAgent = (nom: string, values: Partial<typeof agent.$inferInsert>) =>
    ctx()
      .database.db.update(agent)
      .set(values)
      .where(and(eq(agent.collectiviteId, t.collectivite.id), eq(agent.nom, nom)));

  beforeAll(async () => {
    t = await tenantWithUsers(ctx());
    expect(await runImport(ctx(), t.publicateur, fixture('liste-windows-1252.csv'))).toMatchObject({ crees: 3 });
    expect(await runImport(ctx(), t.publicateur, fixture('liste-utf8-bom-virgule.csv'))).toMatchObject({ crees: 2 });
    // Completed in Statutis after the import; the test clock is on 25/11/2026.
    await setAgent('DUPONT', { dateNaissance: '1968-01-15' });
    await setAgent('MARTIN', { dateDepart: '2026-01-31' });
    await setAgent('CŒUR', { dateDepart: '2027-06-30' });
  });

  it('lists the agents by name, 20 per page, with the « incomplet » flag', async () => {
    const page = await list();
    expect(page).toMatchObject({ total: 5, page: 1, pageSize: 20 });
    expect(noms(page)).toEqual(['CŒUR', 'DUPONT', 'DUPONT-LEFÈVRE', 'GAËTAN', 'MARTIN']);
    expect(page.items.map((i: Item) => i.incomplet)).toEqual([true, false, true, true, true]);
    expect(page.items[1]).toMatchObject({
      nir: '1680133001002',
      nirCle: null,
      prenom: 'Émile',
      regime: 'CNRACL',
      statut: 'titulaire',
      dateEntree: '2019-03-01',
      dateNaissance: '1968-01-15',
      tempsTravail: 'complet',
      dateDepart: null,
    });
    const second = await list('?pageSize=2&page=2');
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(noms(second)).toEqual(['DUPONT-LEFÈVRE', 'GAËTAN']);
  });

  it('searches by name or by the beginning of the NIR, and escapes % and _', async () => {
    expect(noms(await list('?q=dupont'))).toEqual(['DUPONT', 'DUPONT-LEFÈVRE']);
    expect(noms(await list(`?q=${encodeURIComponent('dupont Ém')}`))).toEqual(['DUPONT']);
    expect(noms(await list('?q=lef'))).toEqual(['DUPONT-LEFÈVRE']);
    expect(noms(await list('?q=1680'))).toEqual(['DUPONT']);
    expect(noms(await list(`?q=${encodeURIComponent('2 88 10')}`))).toEqual(['MARTIN']);
    expect(noms(await list('?q=6801'))).toEqual([]);
    // Accents and capitals do not matter, either way.
    expect(noms(await list('?q=lefevre'))).toEqual(['DUPONT-LEFÈVRE']);
    expect(noms(await list(`?q=${encodeURIComponent('LEFÈVRE')}`))).toEqual(['DUPONT-LEFÈVRE']);
    expect((await list('?q=%25')).total).toBe(0);
    expect((await list('?q=_')).total).toBe(0);
  });

  it('property: the database folds names exactly as nameSearchKey does', async () => {
    const [row] = await ctx()
      .database.db.select({ id: agent.id, nom: agent.nom, prenom: agent.prenom })
      .from(agent)
      .where(eq(agent.collectiviteId, t.collectivite.id))
      .limit(1);
    const letters = fc.constantFrom(...'aZ éÉèÈêÊëàÀâçÇîïôÖùûüÿŸœŒæÆ-’ØßñÑ'.split(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(letters, { minLength: 1, maxLength: 12 }).map((l) => l.join('')),
        async (nom) => {
          const [updated] = await ctx()
            .database.db.update(agent)
            .set({ nom, prenom: 'Éloïse' })
            .where(eq(agent.id, row!.id))
            .returning({ recherche: agent.recherche });
          return updated!.recherche === nameSearchKey(`${nom} Éloïse`);
        },
      ),
      { numRuns: 40 },
    );
    await ctx().database.db.update(agent).set({ nom: row!.nom, prenom: row!.prenom }).where(eq(agent.id, row!.id));
  });

  it('filters by régime, statut, presence and completeness, and sorts', async () => {
    expect(noms(await list('?regime=IRCANTEC'))).toEqual(['CŒUR', 'MARTIN']);
    expect(noms(await list('?statut=stagiaire'))).toEqual(['GAËTAN']);
    expect(noms(await list('?presence=parti'))).toEqual(['MARTIN']);
    expect(noms(await list('?presence=present'))).toEqual(['CŒUR', 'DUPONT', 'DUPONT-LEFÈVRE', 'GAËTAN']);
    expect(noms(await list('?incomplet=non'))).toEqual(['DUPONT']);
    expect((await list('?incomplet=oui')).total).toBe(4);
    expect(noms(await list('?regime=CNRACL&incomplet=oui&presence=present'))).toEqual(['DUPONT-LEFÈVRE', 'GAËTAN']);
    expect(noms(await list('?sort=-dateEntree'))).toEqual(['GAËTAN', 'MARTIN', 'CŒUR', 'DUPONT', 'DUPONT-LEFÈVRE']);
    expect(noms(await list('?sort=nir'))[0]).toBe('DUPONT');
    const wrong = await t.lecteur.request('GET', '/api/agents?sort=prenom&presence=ailleurs');
    expect(wrong.statusCode).toBe(422);
    expect(
      wrong
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['presence', 'sort']);
  });

  it('exports the filtered list as CSV for French Excel, which imports back unchanged', async () => {
    const response = await t.lecteur.request('GET', '/api/agents/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="agents-2026-11-25.csv"; filename*=UTF-8''agents-2026-11-25.csv`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'NIR;Nom;Prénom;Régime;Statut;Date d’entrée;Emploi;Grade;Temps de travail;Nom d’usage;Date de naissance;Sexe;Service;Date de départ;Fiche incomplète',
    );
    expect(lines.slice(1, -1)).toEqual([
      // The NIR grouped, key always shown (computed for those imported without it).
      '2 90 05 75 123 456 69;CŒUR;François;IRCANTEC;Contractuel;15/03/2021;"Agent d’accueil; état civil";Adjoint administratif;17 h 30;;;Femme;;30/06/2027;oui',
      '1 68 01 33 001 002 76;DUPONT;Émile;CNRACL;Titulaire;01/03/2019;Policier municipal;;complet;;15/01/1968;Homme;;;non',
      '1 84 12 76 451 089 46;DUPONT-LEFÈVRE;Hélène;CNRACL;Titulaire;01/09/2015;Agent d’entretien, prime 50 €;Adjoint technique principal de 2e classe;complet;;;Homme;;;oui',
      '2 75 08 69 123 045 67;GAËTAN;Jérôme;CNRACL;Stagiaire;02/01/2024;Éducatrice à l’enfance;Éducateur de jeunes enfants;28 h;;;Femme;;;oui',
      '2 88 10 99 456 123 30;MARTIN;Zoé;IRCANTEC;Contractuel;15/06/2022;Animatrice périscolaire;;17 h 30;;;Femme;;31/01/2026;oui',
    ]);
    expect(lines.at(-1)).toBe('');

    const filtered = await t.lecteur.request('GET', '/api/agents/export?format=csv&q=dupont&presence=present');
    expect(filtered.body.split('\r\n').filter(Boolean)).toHaveLength(3);

    const again = await runImport(ctx(), t.publicateur, response.rawPayload, 'export.csv');
    expect(again).toMatchObject({ statut: 'termine', crees: 0, misAJour: 0, inchanges: 5 });
    // Every column of the export is read back (« Fiche incomplète » is computed from the others).
    expect(again.colonnesIgnorees).toEqual([]);
  });

  it('exports XLSX: NIR as text, real dates, read back by a spreadsheet library', async () => {
    const response = await t.lecteur.request('GET', '/api/agents/export?format=xlsx&regime=CNRACL');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toContain('agents-2026-11-25.xlsx');
    expect(response.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Agents')!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(1).value).toBe('NIR');
    expect(sheet.getRow(2).getCell(1).value).toBe('1 68 01 33 001 002 76');
    expect(sheet.getRow(3).getCell(2).value).toBe('DUPONT-LEFÈVRE');
    expect(sheet.getRow(3).getCell(7).value).toBe('Agent d’entretien, prime 50 €');
    expect(sheet.getRow(3).getCell(6).value).toEqual(new Date(Date.UTC(2015, 8, 1)));
    expect(sheet.getRow(3).getCell(6).numFmt).toBe('dd/mm/yyyy');
  });

  it('reads a large export in batches, in order, each agent once', async () => {
    const big = await tenantWithUsers(ctx());
    expect(await runImport(ctx(), big.publicateur, generatedRoster(2500))).toMatchObject({ crees: 2500 });
    const csv = (await big.lecteur.request('GET', '/api/agents/export')).body.split('\r\n').filter(Boolean).slice(1);
    expect(csv).toHaveLength(2500);
    expect(csv.map((l) => l.split(';')[0])).toEqual(Array.from({ length: 2500 }, (_, i) => formatNir(generatedNir(i))));
    const xlsx = await big.lecteur.request('GET', '/api/agents/export?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('Agents')!.rowCount).toBe(2501);
    // The other collectivité sees none of these.
    expect((await list()).total).toBe(5);
    const other = await big.lecteur.request('GET', '/api/agents?q=NOM00');
    expect(other.json().total).toBe(2500);
    expect((await t.lecteur.request('GET', '/api/agents?q=NOM00')).json().total).toBe(0);
    expect(
      (await t.lecteur.request('GET', '/api/agents/export?q=NOM00')).body.split('\r\n').filter(Boolean),
    ).toHaveLength(1);
  });

  it('gives the template: headers only, UTF-8 with BOM, « ; »', async () => {
    const response = await t.lecteur.request('GET', '/api/agents/liste-nominative/modele');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('modele-liste-nominative.csv');
    expect(response.body).toBe(`\uFEFF${LISTE_TEMPLATE_COLUMNS.map((c) => c.header).join(';')}\r\n`);
    expect(response.body).not.toMatch(/sortie|départ/i);
  });

  it('keeps the agents of a collectivité to itself', async () => {
    const other = await tenantWithUsers(ctx());
    expect((await other.admin.request('GET', '/api/agents')).json()).toMatchObject({ total: 0, items: [] });
    expect((await other.admin.request('GET', '/api/agents?q=1680')).json().total).toBe(0);
    const csv = (await other.admin.request('GET', '/api/agents/export')).body;
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1);
  });
});
