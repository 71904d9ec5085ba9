import { compareNames } from '@statutis/domain';
import { eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createAgentsRepository } from '../src/modules/agents/agents.repository.js';
import { agent } from '../src/modules/agents/agents.table.js';
import { appUser } from '../src/modules/users/users.table.js';
import { createContrat, POLICIER, tenantWithUsers } from './factories.js';
import { generatedNir } from './fixtures/liste-nominative.js';
import { describeEachDatabase, type TestContext } from './harness.js';

type Person = { nom: string; prenom: string };
const label = (p: Person) => `${p.nom} | ${p.prenom}`;

/** Agents written straight into the table: the order is the subject here, not the API that creates them. */
async function insertAgents(ctx: TestContext, collectiviteId: string, people: Person[]) {
  await ctx.database.db.insert(agent).values(
    people.map((p, i) => ({
      collectiviteId,
      nir: generatedNir(i).slice(0, 13),
      nom: p.nom,
      prenom: p.prenom,
      regime: 'CNRACL' as const,
      statut: 'titulaire',
      dateEntree: '2020-01-01',
    })),
  );
}

const FRENCH = [
  { nom: 'SANCHEZ', prenom: 'Inès' },
  { nom: 'BOYER', prenom: 'Luc' },
  { nom: 'ÇAKIR', prenom: 'Ayşe' },
  { nom: 'BÉRANGER', prenom: 'Éloïse' },
  { nom: 'de La Fontaine', prenom: 'Jean' },
  { nom: 'Œuvray', prenom: 'Noël' },
  { nom: 'ÉLOÏSE', prenom: 'Anne' },
  { nom: 'MARTIN-DUPONT', prenom: 'Anne' },
  { nom: 'MARTIN', prenom: 'Zoé' },
  { nom: 'MARTIN', prenom: 'émile' },
  { nom: 'D’ARTAGNAN', prenom: 'Charles' },
  { nom: 'DA SILVA', prenom: 'Ana' },
  { nom: 'ZOLA', prenom: 'Émile' },
];
const FRENCH_ORDER = [
  'BÉRANGER | Éloïse',
  'BOYER | Luc',
  'ÇAKIR | Ayşe',
  'D’ARTAGNAN | Charles',
  'DA SILVA | Ana',
  'de La Fontaine | Jean',
  'ÉLOÏSE | Anne',
  'MARTIN | émile',
  'MARTIN | Zoé',
  'MARTIN-DUPONT | Anne',
  'Œuvray | Noël',
  'SANCHEZ | Inès',
  'ZOLA | Émile',
];

describeEachDatabase('ordre alphabétique français', (ctx) => {
  it('lists agents as a French reader expects, both ways, and the export reads them in that order', async () => {
    const t = await tenantWithUsers(ctx());
    await insertAgents(ctx(), t.collectivite.id, FRENCH);
    expect([...FRENCH].sort(compareNames).map(label)).toEqual(FRENCH_ORDER);
    const page = (await t.lecteur.request('GET', '/api/agents?pageSize=100')).json();
    expect(page.items.map(label)).toEqual(FRENCH_ORDER);
    const desc = (await t.lecteur.request('GET', '/api/agents?pageSize=100&sort=-nom')).json();
    expect(desc.items.map(label)).toEqual([...FRENCH_ORDER].reverse());
    const csv = (await t.lecteur.request('GET', '/api/agents/export')).body.split('\r\n').filter(Boolean).slice(1);
    expect(csv.map((l) => l.split(';').slice(1, 3).join(' | '))).toEqual(FRENCH_ORDER);
  });

  it('lists the comptes of the collectivité in the same order', async () => {
    const t = await tenantWithUsers(ctx());
    const names = [
      { nom: 'SANCHEZ', prenom: 'Inès' },
      { nom: 'ÇAKIR', prenom: 'Ayşe' },
      { nom: 'BOYER', prenom: 'Luc' },
    ];
    for (const [i, user] of Object.values(t.users).entries()) {
      await ctx().database.db.update(appUser).set(names[i]!).where(eq(appUser.id, user.id));
    }
    const comptes = (await t.admin.request('GET', '/api/comptes?sort=nom')).json();
    expect(comptes.items.map(label)).toEqual(['BOYER | Luc', 'ÇAKIR | Ayşe', 'SANCHEZ | Inès']);
  });

  it('lists sinistres and documents manquants by agent in the same order', async () => {
    ctx().clock.set('2026-04-20T09:00:00Z');
    const t = await tenantWithUsers(ctx());
    const c = await createContrat(ctx().database.db, {
      cdgId: t.collectivite.cdgId,
      collectiviteIds: [t.collectivite.id],
      risques: ['maladie_ordinaire', 'accident_service'],
    });
    const base = await t.publicateur.request('POST', '/api/bases', {
      contratId: c.id,
      annee: 2026,
      type: 'previsionnelle',
      effectif: 10,
      tbi: 30_000_000,
    });
    expect(base.statusCode, base.body).toBe(201);
    const people = [
      { nom: 'SANCHEZ', prenom: 'Inès' },
      { nom: 'ÇAKIR', prenom: 'Ayşe' },
      { nom: 'BOYER', prenom: 'Luc' },
      { nom: 'BÉRANGER', prenom: 'Éloïse' },
    ];
    for (const [i, person] of people.entries()) {
      const created = await t.publicateur.request('POST', '/api/agents', {
        ...POLICIER,
        nir: generatedNir(i).slice(0, 13),
        dateNaissance: '1984-01-15',
        ...person,
      });
      expect(created.statusCode, created.body).toBe(201);
      const sinistre = await t.publicateur.request('POST', '/api/sinistres', {
        agentId: created.json().id,
        // An accident de service misses its declaration pieces from the start.
        categorie: 'accident_service',
        dateSurvenance: '2026-04-01',
        tiersImplique: false,
      });
      expect(sinistre.statusCode, sinistre.body).toBe(201);
    }
    const expected = ['BÉRANGER', 'BOYER', 'ÇAKIR', 'SANCHEZ'];
    const sinistres = (await t.lecteur.request('GET', '/api/sinistres?sort=agent')).json();
    expect(sinistres.items.map((s: { agentNom: string }) => s.agentNom)).toEqual(expected);
    const manquants = (await t.lecteur.request('GET', '/api/documents-manquants?sort=agent&pageSize=100')).json();
    const order = [...new Set(manquants.items.map((r: { agentNom: string }) => r.agentNom))];
    expect(order).toEqual(expected);
  });

  it('property: the database orders generated names as compareNames does, page by page', async () => {
    const t = await tenantWithUsers(ctx());
    const repository = createAgentsRepository();
    const letters = fc.constantFrom(..."abezABEZ éÉèÈêëÀâçÇîïôÖùûüŒœæ-’'".split(''));
    const word = fc.array(letters, { minLength: 1, maxLength: 6 }).map((l) => l.join('').trim() || 'a');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ nom: word, prenom: word }), { minLength: 2, maxLength: 25 }),
        async (people) => {
          run++;
          await ctx().database.db.delete(agent).where(eq(agent.collectiviteId, t.collectivite.id));
          await insertAgents(ctx(), t.collectivite.id, people);
          const expected = [...people].sort(compareNames).map(label);
          const listed = (await t.lecteur.request('GET', '/api/agents?pageSize=100')).json().items.map(label);
          // The export's keyset pages, 4 rows at a time, go through the same order.
          const keyset: string[] = [];
          let after: Awaited<ReturnType<typeof repository.agentsAfter>>[number] | null = null;
          for (;;) {
            const rows = await repository.agentsAfter(
              ctx().database.db,
              { kind: 'membre', userId: t.users.lecteur.id, collectiviteId: t.collectivite.id, role: 'lecteur' },
              { today: '2026-11-25' },
              after,
              4,
            );
            if (rows.length === 0) break;
            keyset.push(...rows.map(label));
            after = rows.at(-1)!;
          }
          expect(listed).toEqual(expected);
          expect(keyset).toEqual(expected);
        },
      ),
      { numRuns: 15 },
    );
    expect(run).toBe(15);
    await ctx()
      .database.db.delete(agent)
      .where(inArray(agent.collectiviteId, [t.collectivite.id]));
  });
});
