import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { formatNir, type ListeAgent } from '@statutis/domain';
import { and, count, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { createAudit } from '../src/lib/audit.js';
import { parisDate } from '../src/lib/clock.js';
import type { Storage } from '../src/lib/storage/storage.js';
import { createAgentsRepository } from '../src/modules/agents/agents.repository.js';
import { agent, agentEmploi, importAgentLigne, listeImport } from '../src/modules/agents/agents.table.js';
import { createListeImportJob } from '../src/modules/agents/liste-nominative.job.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { createContrat, tenantWithUsers } from './factories.js';
import { generatedNir, generatedRoster, runImport, upload } from './fixtures/liste-nominative.js';
import { describeEachDatabase } from './harness.js';

type Tenant = Awaited<ReturnType<typeof tenantWithUsers>>;

/** Small batches, so that a few hundred rows make many of them. */
const BATCHES = { export: 7, listeWrite: 5 };
const AGENTS = 300;

const SAMPLE_AGENT: ListeAgent = {
  nir: '',
  nirCle: null,
  nirTemporaire: false,
  nom: 'DUPONT',
  nomUsage: null,
  prenom: 'Jean',
  sexe: null,
  dateNaissance: null,
  regime: 'CNRACL',
  statut: 'titulaire',
  dateEntree: '2020-01-01',
  emploi: null,
  grade: null,
  tempsTravail: null,
  heuresHebdo: null,
  service: null,
  dateDepart: null,
};

/**
 * The stored files, as a process killed while staging import `id` reads them: once the import is
 * being written, its file stops for good after `lines` lines (the run never ends, nor fails).
 */
function killedWhileStaging(storage: Storage, id: string, lines: number, db: () => Database): Storage {
  return {
    ...storage,
    get(key) {
      return Readable.from(
        (async function* () {
          const chunks: Buffer[] = [];
          for await (const chunk of storage.get(key)) chunks.push(chunk as Buffer);
          const file = Buffer.concat(chunks);
          const [row] = await db()
            .db.select({ statut: listeImport.statut })
            .from(listeImport)
            .where(eq(listeImport.id, id));
          if (row?.statut !== 'ecriture') {
            yield file;
            return;
          }
          let end = 0;
          for (let i = 0; i <= lines; i++) end = file.indexOf('\n', end) + 1;
          yield file.subarray(0, end);
          await new Promise(() => {});
        })(),
      );
    },
  };
}

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
      // The export groups the digits as everywhere (« 1 84 01 75 … »): Excel keeps that as text.
      expected = rows.map((r) => formatNir(r.nir, r.cle));
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

    /** The import's state and how many agents of `nirPrefix` the collectivité has, in one snapshot. */
    async function snapshot(id: string, collectiviteId: string, nirPrefix: string) {
      const [row] = await ctx().database.query<{ statut: string; prepares: number; visibles: number }>(
        `SELECT statut, prepares, (SELECT count(*)::int FROM agent WHERE collectivite_id = $2 AND nir LIKE $3) AS visibles
         FROM liste_import WHERE id = $1`,
        [id, collectiviteId, `${nirPrefix}%`],
      );
      return row!;
    }
    const stagedOf = async (id: string) =>
      (
        await ctx().database.db.select({ n: count() }).from(importAgentLigne).where(eq(importAgentLigne.importId, id))
      )[0]!.n;

    it('answers requests while an import stages its lines, and shows none of its agents before the end', async () => {
      const lignes = 60;
      // NIRs 1 840 175 001 000 to 001 059: the prefix matches this file's agents only.
      const response = await upload(t.publicateur, generatedRoster(lignes, { from: 1000 }));
      expect(response.statusCode).toBe(202);
      const id = response.json().id as string;
      const seen: { statut: string; prepares: number; visibles: number }[] = [];
      let done = false;
      const drained = ctx()
        .jobs.drain()
        .finally(() => {
          done = true;
        });
      // Another collectivité's user reads his list and polls nothing else, as often as the server lets him.
      while (!done) {
        await get(`${base}/api/agents?page=1&pageSize=20`, other.lecteur.cookie);
        seen.push(await snapshot(id, t.collectivite.id, '18401750010'));
      }
      await drained;
      // Some answers came while the import was part-way through its staging…
      const staging = seen.filter((s) => s.statut === 'ecriture' && s.prepares > 0 && s.prepares < lignes);
      expect(staging.length, JSON.stringify(seen)).toBeGreaterThan(0);
      // … and until the import ended, none of its agents was visible.
      expect(seen.filter((s) => s.statut !== 'termine').every((s) => s.visibles === 0)).toBe(true);
      expect((await other.lecteur.request('GET', `/api/agents/imports/${id}`)).statusCode).toBe(404);
      const finished = (await t.publicateur.request('GET', `/api/agents/imports/${id}`)).json();
      expect(finished).toMatchObject({ statut: 'termine', lignes, crees: lignes, misAJour: 0, inchanges: 0 });
      expect((await snapshot(id, t.collectivite.id, '18401750010')).visibles).toBe(lignes);
      expect(await stagedOf(id)).toBe(0);
    });

    it('leaves nothing visible when killed while staging, and its retry imports every line once', async () => {
      const db = ctx().database.db;
      const prefix = '18401750050';
      // 5 agents of the file exist already, with another emploi: the import updates them.
      await runImport(ctx(), other.publicateur, generatedRoster(5, { from: 5000, emploi: 'Ancien' }));
      const response = await upload(other.publicateur, generatedRoster(20, { from: 5000 }));
      const id = response.json().id as string;

      // A run whose process dies while it reads the file to stage it: after 12 lines, nothing more ever comes.
      const killed = createListeImportJob({
        db,
        clock: ctx().clock,
        audit: createAudit(ctx().clock),
        storage: killedWhileStaging(ctx().storage, id, 12, () => ctx().database),
        agents: createAgentsRepository(),
        logger: { error() {}, info() {} },
        writeBatch: BATCHES.listeWrite,
      });
      void killed({ importId: id, collectiviteId: other.collectivite.id });
      while ((await snapshot(id, other.collectivite.id, prefix)).prepares < 10) await nextTurn();

      // Two batches staged, and nothing of them visible: the agents are as before the import.
      expect(await snapshot(id, other.collectivite.id, prefix)).toEqual({
        statut: 'ecriture',
        prepares: 10,
        visibles: 5,
      });
      expect(await stagedOf(id)).toBe(10);
      const emplois = () =>
        db
          .select({ emploi: agent.emploi })
          .from(agent)
          .where(and(eq(agent.collectiviteId, other.collectivite.id), sql`${agent.nir} LIKE ${`${prefix}%`}`));
      expect((await emplois()).map((r) => r.emploi)).toEqual(Array(5).fill('Ancien'));

      // The queue offers the job again: the retry stages the rest and applies all 20 lines once.
      await ctx().jobs.drain();
      const result = (await other.publicateur.request('GET', `/api/agents/imports/${id}`)).json();
      // The file gives no date de naissance, and a temps de travail on every line.
      expect(result).toMatchObject({
        statut: 'termine',
        lignes: 20,
        crees: 15,
        misAJour: 5,
        inchanges: 0,
        sansDateNaissance: 20,
        sansTempsTravail: 0,
      });
      expect((await emplois()).map((r) => r.emploi)).toEqual(Array(20).fill('Agent'));
      expect(await stagedOf(id)).toBe(0);
      // History written once by the apply: a new agent's first line at his entry date; an agent
      // whose emploi changed keeps his line and gets one dated today.
      const history = await db
        .select({
          nir: agent.nir,
          dateEntree: agent.dateEntree,
          dateEffet: agentEmploi.dateEffet,
          emploi: agentEmploi.emploi,
        })
        .from(agentEmploi)
        .innerJoin(agent, eq(agent.id, agentEmploi.agentId))
        .where(and(eq(agent.collectiviteId, other.collectivite.id), sql`${agent.nir} LIKE ${`${prefix}%`}`))
        .orderBy(agent.nir, agentEmploi.dateEffet);
      const today = parisDate(ctx().clock.now());
      const expectedHistory = Array.from({ length: 20 }, (_, i) => {
        const nir = generatedNir(5000 + i).slice(0, 13);
        const dateEntree = `2020-0${1 + ((5000 + i) % 9)}-01`;
        return i < 5
          ? [
              { nir, dateEntree, dateEffet: dateEntree, emploi: 'Ancien' },
              { nir, dateEntree, dateEffet: today, emploi: 'Agent' },
            ]
          : [{ nir, dateEntree, dateEffet: dateEntree, emploi: 'Agent' }];
      }).flat();
      expect(history).toEqual(expectedHistory);
    });

    it('refuses to apply an import whose staged lines were dropped meanwhile: « echec », nothing written', async () => {
      const db = ctx().database.db;
      const prefix = '18401750080';
      const response = await upload(other.publicateur, generatedRoster(20, { from: 8000 }));
      const id = response.json().id as string;
      const killed = createListeImportJob({
        db,
        clock: ctx().clock,
        audit: createAudit(ctx().clock),
        storage: killedWhileStaging(ctx().storage, id, 12, () => ctx().database),
        agents: createAgentsRepository(),
        logger: { error() {}, info() {} },
        writeBatch: BATCHES.listeWrite,
      });
      void killed({ importId: id, collectiviteId: other.collectivite.id });
      while ((await snapshot(id, other.collectivite.id, prefix)).prepares < 10) await nextTurn();
      // The run stayed dead long enough for the maintenance to drop its staged lines.
      await db.delete(importAgentLigne).where(eq(importAgentLigne.importId, id));
      await ctx().jobs.drain();
      const result = (await other.publicateur.request('GET', `/api/agents/imports/${id}`)).json();
      expect(result).toMatchObject({ statut: 'echec', crees: 0, misAJour: 0, inchanges: 0 });
      expect((await snapshot(id, other.collectivite.id, prefix)).visibles).toBe(0);
    });

    it('writes no agent of the file when the apply fails on a late line, and says so', async () => {
      const db = ctx().database.db;
      const prefix = '18401750060';
      await runImport(ctx(), other.publicateur, generatedRoster(5, { from: 6000, emploi: 'Ancien' }));
      // Only the apply meets this: the database refuses the 18th line of the file.
      const refused = generatedNir(6017).slice(0, 13);
      await ctx().database.query(
        `CREATE FUNCTION test_refuse_agent() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN IF NEW.nir = '${refused}' THEN RAISE EXCEPTION 'panne simulée'; END IF; RETURN NEW; END $$`,
      );
      await ctx().database.query(
        'CREATE TRIGGER test_refuse_agent BEFORE INSERT ON agent FOR EACH ROW EXECUTE FUNCTION test_refuse_agent()',
      );
      try {
        const result = await runImport(ctx(), other.publicateur, generatedRoster(20, { from: 6000 }));
        expect(result).toMatchObject({ statut: 'echec', lignes: 20, crees: 0, misAJour: 0, inchanges: 0 });
        expect(result.message).toBe(
          'L’import n’a pas pu aboutir à cause d’une erreur technique ; aucun agent n’a été modifié. Déposez le fichier à nouveau ; si le problème persiste, contactez le support.',
        );
        // The 17 lines before it, the 5 updates among them included, are not written.
        const rows = await db
          .select({ emploi: agent.emploi })
          .from(agent)
          .where(and(eq(agent.collectiviteId, other.collectivite.id), sql`${agent.nir} LIKE ${`${prefix}%`}`));
        expect(rows.map((r) => r.emploi)).toEqual(Array(5).fill('Ancien'));
        expect(await stagedOf(result.id)).toBe(0);
      } finally {
        await ctx().database.query('DROP TRIGGER test_refuse_agent ON agent');
        await ctx().database.query('DROP FUNCTION test_refuse_agent()');
      }
    });

    it('drops, every hour, the staged lines of imports nobody will apply', async () => {
      const db = ctx().database.db;
      const agents = createAgentsRepository();
      const line = (ligne: number) => ({
        ligne,
        agent: { ...SAMPLE_AGENT, nir: generatedNir(9000 + ligne).slice(0, 13) },
      });
      const imports: string[] = [];
      for (const statut of ['echec', 'ecriture', 'ecriture'] as const) {
        const response = await upload(other.publicateur, generatedRoster(1, { from: 9000 }));
        const id = response.json().id as string;
        await db.update(listeImport).set({ statut, prepares: 2 }).where(eq(listeImport.id, id));
        await agents.stageListe(db, id, [line(2), line(3)]);
        imports.push(id);
      }
      // The last one was started two days ago: its job gave up long since.
      await db
        .update(listeImport)
        .set({ createdAt: new Date(ctx().clock.now().getTime() - 48 * 3600_000) })
        .where(eq(listeImport.id, imports[2]!));
      await ctx().database.query(`INSERT INTO job (kind, payload, run_at) VALUES ('auth.maintenance', '{}', $1)`, [
        ctx().clock.now().toISOString(),
      ]);
      // Only the maintenance runs: the imports' own jobs are done with.
      await db.execute(sql`UPDATE job SET status = 'done' WHERE kind = 'liste.import'`);
      await ctx().jobs.drain();
      expect(await Promise.all(imports.map(stagedOf))).toEqual([0, 2, 0]);
    });

    it('says how far the staging went, then that the agents are being written', async () => {
      const db = ctx().database.db;
      const response = await upload(other.publicateur, generatedRoster(20, { from: 7000 }));
      const id = response.json().id as string;
      const read = async () => (await other.publicateur.request('GET', `/api/agents/imports/${id}`)).json();
      const set = (values: Partial<typeof listeImport.$inferInsert>) =>
        db.update(listeImport).set(values).where(eq(listeImport.id, id));
      await set({ statut: 'ecriture', lignes: 20, prepares: 10, progression: 50 });
      expect((await read()).message).toBe('Fichier valide (20 lignes) : préparation de l’enregistrement (10 sur 20).');
      await set({ prepares: 20, progression: 99 });
      expect((await read()).message).toBe('Fichier valide (20 lignes) : enregistrement des agents en cours.');
    });
  },
  { batches: BATCHES },
);
