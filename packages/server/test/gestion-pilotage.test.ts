import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { collectivite } from '../src/modules/collectivites/collectivites.table.js';
import { createPilotageRepository } from '../src/modules/gestion/pilotage.repository.js';
import { createRelanceBaseJob, RELANCE_BASE_JOB } from '../src/modules/gestion/relance-base.job.js';
import { appUser } from '../src/modules/users/users.table.js';
import {
  createAssureur,
  createCdg,
  createCollectivite,
  createContrat,
  createUser,
  POLICIER,
  staffMember,
  tenantWithUsers,
} from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { runWithTwoRunners } from './two-runners.js';

/**
 * A CDG with three collectivités: Hellemmes (its users, one agent, the CDG's CNRACL contract with its
 * 2026 prévisionnelle base, and an IRCANTEC contract of an insurer without base), Écuires (the CNRACL
 * contract, no base, no user) and Zuydcoote (no contract); another CDG with its own collectivité.
 */
async function monde(ctx: TestContext) {
  const db = ctx.database.db;
  const t = await tenantWithUsers(ctx);
  const cdgId = t.collectivite.cdgId;
  await db.update(collectivite).set({ nom: 'Commune d’Hellemmes' }).where(eq(collectivite.id, t.collectivite.id));
  const ecuires = await createCollectivite(db, cdgId);
  await db.update(collectivite).set({ nom: 'Écuires' }).where(eq(collectivite.id, ecuires.id));
  const zuydcoote = await createCollectivite(db, cdgId);
  await db.update(collectivite).set({ nom: 'Zuydcoote' }).where(eq(collectivite.id, zuydcoote.id));
  const autre = await createCollectivite(db);
  const assureur = await createAssureur(db);
  const cnracl = await createContrat(db, {
    cdgId,
    collectiviteIds: [t.collectivite.id, ecuires.id],
    taux: 8600,
    risques: ['maladie_ordinaire', 'clm'],
  });
  const ircantec = await createContrat(db, {
    cdgId,
    collectiviteIds: [t.collectivite.id],
    regime: 'IRCANTEC',
    taux: 1950,
    assureurId: assureur.id,
  });
  const base = await t.publicateur.request('POST', '/api/bases', {
    contratId: cnracl.id,
    annee: 2026,
    type: 'previsionnelle',
    effectif: 10,
    tbi: 30_000_000,
  });
  expect(base.statusCode, base.body).toBe(201);
  expect((await t.publicateur.request('POST', '/api/agents', POLICIER)).statusCode).toBe(201);
  return { t, cdgId, ecuires, zuydcoote, autre, assureur, cnracl, ircantec };
}

type Ligne = {
  id: string;
  nom: string;
  effectif: number;
  adhesions: { contrat: { id: string; regime: string }; previsionnelle: unknown; reelle: unknown }[];
  relanceBaseLe: string | null;
  appels: { emis: number; payes: number };
};

describeEachDatabase('gestion — pilotage du contrat groupe', (ctx) => {
  it('shows a CDG its collectivités in French order, with adhesions, headcount, bases of the year', async () => {
    const m = await monde(ctx());
    const { client: g } = await staffMember(ctx(), { cdgId: m.cdgId });
    const r = await g.request('GET', '/api/gestion/pilotage?annee=2026');
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json() as { annee: number; items: Ligne[]; suivant: string | null };
    expect(page.annee).toBe(2026);
    expect(page.suivant).toBeNull();
    // The other CDG's collectivité is not there; « É » sorts as « e ».
    expect(page.items.map((l) => l.nom)).toEqual(['Commune d’Hellemmes', 'Écuires', 'Zuydcoote']);
    const [hellemmes, ecuires, zuydcoote] = page.items;
    expect(hellemmes).toMatchObject({
      id: m.t.collectivite.id,
      effectif: 1,
      relanceBaseLe: null,
      appels: { emis: 0, payes: 0 },
    });
    const parRegime = [...hellemmes!.adhesions].sort((a, b) => a.contrat.regime.localeCompare(b.contrat.regime));
    expect(parRegime).toEqual([
      expect.objectContaining({
        contrat: expect.objectContaining({ id: m.cnracl.id, regime: 'CNRACL' }),
        dateAdhesion: '2024-01-01',
        tauxCotisation: 8600,
        garanties: [
          { risque: 'clm', franchiseNombre: 15, franchiseUnite: 'jours_fermes_par_arret', remboursementPct: 100 },
          {
            risque: 'maladie_ordinaire',
            franchiseNombre: 15,
            franchiseUnite: 'jours_fermes_par_arret',
            remboursementPct: 100,
          },
        ],
        previsionnelle: { effectif: 10, assiette: 30_000_000, cotisation: 2_580_000, declareeLe: expect.any(String) },
        reelle: null,
      }),
      expect.objectContaining({
        contrat: expect.objectContaining({ id: m.ircantec.id, regime: 'IRCANTEC' }),
        previsionnelle: null,
        reelle: null,
      }),
    ]);
    expect(ecuires).toMatchObject({ effectif: 0, adhesions: [{ contrat: { id: m.cnracl.id }, previsionnelle: null }] });
    expect(zuydcoote).toMatchObject({ effectif: 0, adhesions: [] });
    // 2025: the same adhesions, no base yet.
    const y2025 = (await g.request('GET', '/api/gestion/pilotage?annee=2025')).json() as { items: Ligne[] };
    expect(y2025.items[0]!.adhesions.map((a) => a.previsionnelle)).toEqual([null, null]);
  });

  it('filters by name, contract and missing base', async () => {
    const m = await monde(ctx());
    const { client: g } = await staffMember(ctx(), { cdgId: m.cdgId });
    const noms = async (query: string) =>
      ((await g.request('GET', `/api/gestion/pilotage?annee=2026&${query}`)).json().items as Ligne[]).map((l) => l.nom);
    expect(await noms('q=ecu')).toEqual(['Écuires']);
    expect(await noms('q=HELLEMMES')).toEqual(['Commune d’Hellemmes']);
    expect(await noms(`contratId=${m.cnracl.id}`)).toEqual(['Commune d’Hellemmes', 'Écuires']);
    expect(await noms(`contratId=${m.ircantec.id}`)).toEqual(['Commune d’Hellemmes']);
    // Hellemmes misses its IRCANTEC base, Écuires its CNRACL base; Zuydcoote has no contract.
    expect(await noms('base=previsionnelle_manquante')).toEqual(['Commune d’Hellemmes', 'Écuires']);
    expect(await noms('base=completes')).toEqual(['Zuydcoote']);
    const bad = await g.request('GET', '/api/gestion/pilotage?annee=1999&base=toutes');
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['annee', 'base']);
    const cle = await g.request('GET', '/api/gestion/pilotage?apres=abc');
    expect(cle.statusCode).toBe(422);
    expect(cle.json().errors).toEqual([{ field: 'apres', message: 'Clé de page invalide.' }]);
  });

  it('shows an insurer’s staff the collectivités of his contracts, with those contracts only; employers are refused', async () => {
    const m = await monde(ctx());
    const { client: assureur } = await staffMember(ctx(), { assureurId: m.assureur.id });
    const page = (await assureur.request('GET', '/api/gestion/pilotage?annee=2026')).json() as { items: Ligne[] };
    expect(page.items.map((l) => l.nom)).toEqual(['Commune d’Hellemmes']);
    expect(page.items[0]!.adhesions.map((a) => a.contrat.id)).toEqual([m.ircantec.id]);
    // His filter on the CDG's own contract finds nothing.
    const autreContrat = await assureur.request('GET', `/api/gestion/pilotage?contratId=${m.cnracl.id}`);
    expect(autreContrat.json().items).toEqual([]);
    // Another CDG sees its own collectivité only.
    const { client: autreCdg } = await staffMember(ctx(), { cdgId: m.autre.cdgId });
    const autres = (await autreCdg.request('GET', '/api/gestion/pilotage')).json() as { items: Ligne[] };
    expect(autres.items.map((l) => l.id)).toEqual([m.autre.id]);
    expect((await m.t.admin.request('GET', '/api/gestion/pilotage')).statusCode).toBe(403);
  });

  it('pages by key, 20 at a time, each collectivité once', async () => {
    const db = ctx().database.db;
    const cdg = await createCdg(db);
    const noms = Array.from(
      { length: 23 },
      (_, i) => `${['Étaples', 'Ennevelin', 'Eecke', 'Œuf-en-Ternois'][i % 4]} ${i}`,
    );
    for (const nom of noms) {
      const c = await createCollectivite(db, cdg.id);
      await db.update(collectivite).set({ nom }).where(eq(collectivite.id, c.id));
    }
    const { client: g } = await staffMember(ctx(), { cdgId: cdg.id });
    const first = (await g.request('GET', '/api/gestion/pilotage')).json() as { items: Ligne[]; suivant: string };
    expect(first.items).toHaveLength(20);
    expect(first.suivant).toEqual(expect.any(String));
    const second = (await g.request('GET', `/api/gestion/pilotage?apres=${first.suivant}`)).json() as {
      items: Ligne[];
      suivant: string | null;
    };
    expect(second.items).toHaveLength(3);
    expect(second.suivant).toBeNull();
    const all = [...first.items, ...second.items].map((l) => l.nom);
    expect(new Set(all).size).toBe(23);
    // Accents and ligatures fold: Eecke, Ennevelin, Étaples, then Œuf (oe).
    const fold = (s: string) =>
      s
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .replace('Œ', 'oe')
        .toLowerCase();
    expect(all.map(fold)).toEqual([...all.map(fold)].sort());
  });

  it('reminds the Administrateurs once per collectivité and year, even with two runners and later runs', async () => {
    const m = await monde(ctx());
    const db = ctx().database.db;
    // Écuires gets an Administrateur, a Publicateur (not written to) and its 2027 base is missing.
    const adminEcuires = await createUser(db, { collectiviteId: m.ecuires.id, role: 'administrateur' });
    const publicateurEcuires = await createUser(db, { collectiviteId: m.ecuires.id, role: 'publicateur' });
    // The database is the suite's: earlier tests' collectivités are reminded too; only this world's users are read.
    const adresses = [...Object.values(m.t.users), adminEcuires, publicateurEcuires].map((u) => u.email);
    const repo = createPilotageRepository();
    const subject = 'Base de l’assurance 2027 à déclarer';
    const mails = async () =>
      (
        await db
          .select({ to: outboxMail.to, subject: outboxMail.subject, text: outboxMail.text })
          .from(outboxMail)
          .where(sql`${outboxMail.subject} LIKE ${`${subject}%`}`)
      )
        .filter((r) => adresses.includes(r.to))
        .sort((a, b) => a.to.localeCompare(b.to));
    const run = () =>
      runWithTwoRunners(ctx(), RELANCE_BASE_JOB, (d) =>
        createRelanceBaseJob({ db: d, clock: ctx().clock, repo, appUrl: 'https://statutis.test' }),
      );

    // January: left to the collectivités.
    ctx().clock.set('2027-01-11T07:00:00Z');
    await run();
    expect(await mails()).toEqual([]);

    ctx().clock.set('2027-02-08T07:00:00Z');
    const counts = await run();
    // Both runners took part (each claimed jobs; the mails' jobs are not theirs to send).
    expect(counts.every((c) => c > 0)).toBe(true);
    const sent = await mails();
    expect(sent.map((s) => s.to).sort()).toEqual([m.t.users.admin.email, adminEcuires.email].sort());
    const hellemmes = sent.find((s) => s.to === m.t.users.admin.email)!;
    expect(hellemmes.subject).toBe(`${subject} : Commune d’Hellemmes`);
    expect(hellemmes.text).toContain(`les contrats ${[m.cnracl.numero, m.ircantec.numero].sort().join(', ')}`);
    expect(hellemmes.text).toContain('https://statutis.test/espace-contractuel/base-assurance');

    // Next week, and once a base is declared: nothing more.
    ctx().clock.set('2027-02-15T07:00:00Z');
    await run();
    expect(await mails()).toHaveLength(2);

    // The list shows when the reminder went.
    const { client: g } = await staffMember(ctx(), { cdgId: m.cdgId });
    const page = (await g.request('GET', '/api/gestion/pilotage?annee=2027')).json() as { items: Ligne[] };
    expect(page.items.map((l) => [l.nom, l.relanceBaseLe])).toEqual([
      ['Commune d’Hellemmes', '2027-02-08T07:00:00.000Z'],
      ['Écuires', '2027-02-08T07:00:00.000Z'],
      ['Zuydcoote', null],
    ]);
  });

  it('does not remind a collectivité whose base is declared, and one without an Administrateur until it has one', async () => {
    const m = await monde(ctx());
    const db = ctx().database.db;
    for (const contratId of [m.cnracl.id, m.ircantec.id]) {
      const r = await m.t.publicateur.request('POST', '/api/bases', {
        contratId,
        annee: 2027,
        type: 'previsionnelle',
        effectif: 10,
        tbi: 30_000_000,
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    ctx().clock.set('2027-03-01T07:00:00Z');
    const repo = createPilotageRepository();
    const job = createRelanceBaseJob({ db, clock: ctx().clock, repo, appUrl: 'https://statutis.test' });
    const destinataires = async () =>
      (
        await db
          .select({ to: outboxMail.to })
          .from(outboxMail)
          .where(sql`${outboxMail.subject} LIKE 'Base de l’assurance 2027%'`)
      )
        .map((r) => r.to)
        .filter((to) => adresses.includes(to));
    const admin = await createUser(db, { collectiviteId: m.ecuires.id, role: 'administrateur', password: null });
    const adresses = [...Object.values(m.t.users).map((u) => u.email), admin.email];
    await job();
    // Hellemmes has its bases; Écuires has nobody to write to: not marked.
    expect(await destinataires()).toEqual([]);
    // An Administrateur who never set his password cannot log in: still nobody; once he can, he is written to.
    await db.update(appUser).set({ passwordHash: 'x' }).where(eq(appUser.id, admin.id));
    await job();
    expect(await destinataires()).toEqual([admin.email]);
  });
});
