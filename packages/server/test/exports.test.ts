import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { agent, listeImport, sinistre } from '../src/db/schema.js';
import { createContrat, tenantWithUsers } from './factories.js';
import { generatedNir, generatedRoster, runImport, upload } from './fixtures/liste-nominative.js';
import { describeEachDatabase } from './harness.js';

type Tenant = Awaited<ReturnType<typeof tenantWithUsers>>;

/** Small batches, so that a few hundred rows make many of them. */
const BATCHES = { export: 7, listeWrite: 5 };
const AGENTS = 300;

/** GET over real HTTP (the event loop of the server is the test's own); resolves with the body at its end. */
function get(url: string, cookie: string | null, onResponse?: () => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: cookie ? { cookie: `statutis_session=${cookie}` } : {} }, (res) => {
        onResponse?.();
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${res.statusCode} ${url}`)),
        );
      })
      .on('error', reject);
  });
}

describeEachDatabase(
  'exports et import : par lots, sans bloquer les autres requêtes',
  (ctx) => {
    let t: Tenant;
    let other: Tenant;
    let base: string;
    /** The NIRs in the export's order: (nom, prénom, id). */
    let expected: string[];

    beforeAll(async () => {
      const db = ctx().database.db;
      t = await tenantWithUsers(ctx());
      other = await tenantWithUsers(ctx());
      // Few distinct names: many ties on (nom, prénom) fall across batch boundaries, broken by the id.
      await db.insert(agent).values(
        Array.from({ length: AGENTS }, (_, i) => ({
          collectiviteId: t.collectivite.id,
          nir: generatedNir(i).slice(0, 13),
          nirCle: generatedNir(i).slice(13),
          nom: ['DURAND', 'MARTIN', 'BERNARD'][i % 3]!,
          prenom: i % 2 ? 'Léa' : 'Hugo',
          regime: 'CNRACL' as const,
          statut: 'titulaire',
          dateEntree: '2020-01-01',
          dateNaissance: '1984-01-15',
          createdAt: new Date(),
        })),
      );
      const rows = await db
        .select({ nir: agent.nir, cle: agent.nirCle })
        .from(agent)
        .where(eq(agent.collectiviteId, t.collectivite.id))
        .orderBy(agent.nom, agent.prenom, agent.id);
      expected = rows.map((r) => r.nir + r.cle);
      await ctx().app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(ctx().app.server.address() as AddressInfo).port}`;
    });

    it('exports more rows than a batch as CSV: every agent once, in order', async () => {
      const response = await t.lecteur.request('GET', '/api/agents/export?format=csv');
      expect(response.statusCode).toBe(200);
      expect(response.body.startsWith('\uFEFFNIR;Nom;Prénom;')).toBe(true);
      const lines = response.body.split('\r\n').filter(Boolean).slice(1);
      expect(lines.map((l) => l.split(';')[0])).toEqual(expected);
      expect(new Set(lines.map((l) => l.split(';')[0])).size).toBe(AGENTS);
    });

    it('exports more rows than a batch as XLSX that ExcelJS opens: every agent once, in order', async () => {
      const response = await t.lecteur.request('GET', '/api/agents/export?format=xlsx');
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
      const sheet = workbook.getWorksheet('Agents')!;
      expect(sheet.rowCount).toBe(AGENTS + 1);
      const nirs: unknown[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) nirs.push(row.getCell(1).value);
      });
      expect(nirs).toEqual(expected);
    });

    it('exports the sinistres in batches: every sinistre once, latest first', async () => {
      const db = ctx().database.db;
      const contrat = await createContrat(db, { cdgId: null, collectiviteIds: [t.collectivite.id] });
      const agents = await db
        .select({ id: agent.id })
        .from(agent)
        .where(eq(agent.collectiviteId, t.collectivite.id))
        .limit(40);
      // Several sinistres share a date: the numéro orders them, across batch boundaries too.
      const inserted = await db
        .insert(sinistre)
        .values(
          agents.map((a, i) => ({
            collectiviteId: t.collectivite.id,
            agentId: a.id,
            contratId: contrat.id,
            categorie: 'maladie_ordinaire',
            dateSurvenance: `2026-0${1 + (i % 4)}-1${i % 3}`,
            tiersImplique: false,
            statut: 'brouillon',
            createdAt: new Date(),
          })),
        )
        .returning({ numero: sinistre.numero, date: sinistre.dateSurvenance });
      const order = inserted
        .sort((a, b) => b.date.localeCompare(a.date) || b.numero - a.numero)
        .map((s) => `${s.date.slice(0, 4)}-${String(s.numero).padStart(6, '0')}`);
      const response = await t.lecteur.request('GET', '/api/sinistres/export.csv');
      expect(response.statusCode).toBe(200);
      const numeros = response.body
        .split('\r\n')
        .filter(Boolean)
        .slice(1)
        .map((l) => l.split(';')[0]);
      expect(numeros).toEqual(order);
    });

    it.each(['csv', 'xlsx'])('answers a request made during a %s export before the export ends', async (format) => {
      const events: string[] = [];
      let health: Promise<unknown> = Promise.resolve();
      // The other request leaves once the export has started (its headers arrived).
      await get(`${base}/api/agents/export?format=${format}`, t.lecteur.cookie, () => {
        health = get(`${base}/api/health`, null).then(() => events.push('health'));
      }).then(() => events.push('export'));
      await health;
      expect(events).toEqual(['health', 'export']);
    });

    it('answers a bad export query with a 422 before any byte of a file', async () => {
      const response = await t.lecteur.request('GET', '/api/agents/export?format=ods');
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });

    it('answers requests while an import writes its batches, and writes each agent once', async () => {
      const lignes = 60;
      const response = await upload(t.publicateur, generatedRoster(lignes, { from: 1000 }));
      expect(response.statusCode).toBe(202);
      const id = response.json().id as string;
      const seen: { statut: string; ecrits: number }[] = [];
      let done = false;
      const drained = ctx()
        .jobs.drain()
        .finally(() => {
          done = true;
        });
      // Another collectivité's user reads his list and polls nothing else, as often as the server lets him.
      while (!done) {
        await get(`${base}/api/agents?page=1&pageSize=20`, other.lecteur.cookie);
        const [row] = await ctx().database.db.select().from(listeImport).where(eq(listeImport.id, id));
        seen.push({ statut: row!.statut, ecrits: row!.crees + row!.misAJour + row!.inchanges });
      }
      await drained;
      // Some answers came while the import was part-way through its writing.
      expect(seen.some((s) => s.statut === 'ecriture' && s.ecrits > 0 && s.ecrits < lignes)).toBe(true);
      const result = (await other.lecteur.request('GET', `/api/agents/imports/${id}`)).statusCode;
      expect(result).toBe(404);
      const finished = (await t.publicateur.request('GET', `/api/agents/imports/${id}`)).json();
      expect(finished).toMatchObject({ statut: 'termine', lignes, crees: lignes, misAJour: 0, inchanges: 0 });
    });

    it('resumes an interrupted import after its last written batch, with exact counters', async () => {
      const db = ctx().database.db;
      // A run wrote the first 10 agents of a 20-line file (two batches, counters committed with them), then died.
      expect(await runImport(ctx(), other.publicateur, generatedRoster(10, { from: 5000 }))).toMatchObject({
        crees: 10,
      });
      const response = await upload(other.publicateur, generatedRoster(20, { from: 5000 }));
      const id = response.json().id as string;
      await db
        .update(listeImport)
        .set({ statut: 'ecriture', encodage: 'utf-8', lignes: 20, crees: 10, progression: 50 })
        .where(eq(listeImport.id, id));
      await ctx().jobs.drain();
      const result = (await other.publicateur.request('GET', `/api/agents/imports/${id}`)).json();
      expect(result).toMatchObject({ statut: 'termine', lignes: 20, crees: 20, misAJour: 0, inchanges: 0 });
      const [counted] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(agent)
        .where(and(eq(agent.collectiviteId, other.collectivite.id), sql`${agent.nir} LIKE '1840175005%'`));
      expect(counted!.n).toBe(20);
    });

    it('says how far the writing went, and how many agents a failed import left written', async () => {
      const db = ctx().database.db;
      const response = await upload(other.publicateur, generatedRoster(20, { from: 7000 }));
      const id = response.json().id as string;
      const read = async () => (await other.publicateur.request('GET', `/api/agents/imports/${id}`)).json();
      const set = (values: Partial<typeof listeImport.$inferInsert>) =>
        db.update(listeImport).set(values).where(eq(listeImport.id, id));
      await set({ statut: 'ecriture', lignes: 20, crees: 6, misAJour: 2, inchanges: 2, progression: 50 });
      expect((await read()).message).toBe(
        'Fichier valide (20 lignes) : enregistrement des agents en cours (10 sur 20).',
      );
      await set({ statut: 'echec', finishedAt: new Date() });
      expect((await read()).message).toBe(
        'L’import s’est interrompu à cause d’une erreur technique après 10 agents enregistrés sur 20 (6 créés, 2 mis à jour). Déposez le même fichier à nouveau pour enregistrer les autres : ceux déjà enregistrés resteront inchangés. Si le problème persiste, contactez le support.',
      );
    });
  },
  { batches: BATCHES },
);
