import { expect, it } from 'vitest';
import { agent as agentTable } from '../src/modules/agents/agents.table.js';
import { login, POLICIER as policier, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';
import { multipartBody } from './multipart.js';

describeEachDatabase('fiche agent', (ctx) => {
  it('creates the seeds’ agent in steps, finds him by NIR, changes his employment with history, records his départ', async () => {
    const t = await tenantWithUsers(ctx());
    expect((await t.publicateur.request('GET', '/api/agents/par-nir?nir=1841276451089')).statusCode).toBe(404);
    const created = await t.publicateur.request('POST', '/api/agents', policier);
    expect(created.statusCode).toBe(201);
    const agent = created.json();
    expect(agent).toMatchObject({
      nom: 'MARTIN',
      regime: 'CNRACL',
      tempsTravail: 'non_complet',
      heuresHebdo: 3000,
      incomplet: false,
    });
    expect(agent.historique).toEqual([
      expect.objectContaining({ dateEffet: '2018-01-01', emploi: 'Policier municipal', grade: 'Brigadier' }),
    ]);

    const found = await t.lecteur.request('GET', '/api/agents/par-nir?nir=1%2084%2012%2076%20451%20089%2046');
    expect(found.json().id).toBe(agent.id);
    const again = await t.publicateur.request('POST', '/api/agents', { ...policier, prenom: 'Pierre' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('Paul MARTIN porte déjà ce NIR');

    const promoted = await t.publicateur.request('PUT', `/api/agents/${agent.id}`, {
      ...policier,
      grade: 'Brigadier-chef principal',
      tempsTravail: 'complet',
      heuresHebdo: null,
      dateEffet: '2026-01-01',
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().historique.map((h: { dateEffet: string; grade: string }) => [h.dateEffet, h.grade])).toEqual(
      [
        ['2026-01-01', 'Brigadier-chef principal'],
        ['2018-01-01', 'Brigadier'],
      ],
    );
    const identityOnly = await t.publicateur.request('PUT', `/api/agents/${agent.id}`, {
      ...policier,
      grade: 'Brigadier-chef principal',
      tempsTravail: 'complet',
      heuresHebdo: null,
      nomUsage: 'Martin-Durand',
    });
    expect(identityOnly.json().historique).toHaveLength(2);

    const depart = await t.publicateur.request('POST', `/api/agents/${agent.id}/depart`, {
      dateDepart: '2026-06-30',
      motifDepart: 'mutation',
    });
    expect(depart.json()).toMatchObject({ dateDepart: '2026-06-30', motifDepart: 'mutation' });
    ctx().clock.set('2026-07-01T08:00:00Z');
    const fresh = await login(ctx(), t.users.lecteur.email);
    expect(
      (await fresh.request('GET', '/api/agents?presence=parti')).json().items.map((a: { id: string }) => a.id),
    ).toEqual([agent.id]);
    const log = await (await login(ctx(), t.users.admin.email)).request('GET', '/api/journal?entity=agent');
    expect(log.json().items.map((e: { action: string }) => e.action)).toEqual([
      'depart',
      'modification',
      'modification',
      'creation',
    ]);
  });

  it('checks the identity against the NIR and the CNRACL affiliation rules, in French', async () => {
    const t = await tenantWithUsers(ctx());
    const wrong = await t.publicateur.request('POST', '/api/agents', {
      ...policier,
      sexe: 'F',
      dateNaissance: '1985-11-03',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'sexe',
      'dateNaissance',
      'dateNaissance',
    ]);
    const cnracl = await t.publicateur.request('POST', '/api/agents', { ...policier, heuresHebdo: 2000 });
    expect(cnracl.json().errors).toEqual([
      {
        field: 'heuresHebdo',
        message: 'La CNRACL suppose au moins 28 heures par semaine ; en dessous, l’agent relève de l’IRCANTEC.',
      },
    ]);
    const badKey = await t.publicateur.request('POST', '/api/agents', { ...policier, nir: '184127645108947' });
    expect(badKey.json().errors[0]).toMatchObject({ field: 'nir', message: expect.stringContaining('elle vaut 46') });
    const temporary = await t.publicateur.request('POST', '/api/agents', {
      ...policier,
      nir: '7841276451089',
      sexe: 'F',
    });
    expect(temporary.statusCode).toBe(201);
    expect(temporary.json().nirTemporaire).toBe(true);
  });

  it('completes an agent imported from the roster, who stops being « incomplet »', async () => {
    const t = await tenantWithUsers(ctx());
    const roster = multipartBody({
      name: 'liste.csv',
      content:
        "NIR;Nom;Prénom;Régime;Statut;Date d'entrée\r\n1841276451089;MARTIN;Paul;CNRACL;titulaire;01/01/2018\r\n",
    });
    await t.publicateur.request('POST', '/api/agents/imports', roster.payload, roster.headers);
    await ctx().jobs.drain();
    const imported = (await t.lecteur.request('GET', '/api/agents?incomplet=oui')).json();
    expect(imported.total).toBe(1);
    const completed = await t.publicateur.request('PUT', `/api/agents/${imported.items[0].id}`, policier);
    expect(completed.json().incomplet).toBe(false);
    expect((await t.lecteur.request('GET', '/api/agents?incomplet=oui')).json().total).toBe(0);
  });

  it('keeps the previous line of the history when the job of an imported agent changes', async () => {
    const t = await tenantWithUsers(ctx());
    const roster = multipartBody({
      name: 'liste.csv',
      content:
        "NIR;Nom;Prénom;Régime;Statut;Date d'entrée;Emploi;Temps de travail\r\n1841276451089;MARTIN;Paul;CNRACL;titulaire;01/01/2018;Gardien;complet\r\n",
    });
    await t.publicateur.request('POST', '/api/agents/imports', roster.payload, roster.headers);
    await ctx().jobs.drain();
    const [imported] = (await t.lecteur.request('GET', '/api/agents')).json().items;
    const fiche = (await t.lecteur.request('GET', `/api/agents/${imported.id}`)).json();
    expect(fiche.historique.map((h: { dateEffet: string; emploi: string }) => [h.dateEffet, h.emploi])).toEqual([
      ['2018-01-01', 'Gardien'],
    ]);
    const changed = await t.publicateur.request('PUT', `/api/agents/${imported.id}`, {
      ...policier,
      emploi: 'Policier municipal',
      tempsTravail: 'complet',
      heuresHebdo: null,
      dateEffet: '2026-01-01',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(
      changed.json().historique.map((h: { dateEffet: string; emploi: string }) => [h.dateEffet, h.emploi]),
    ).toEqual([
      ['2026-01-01', 'Policier municipal'],
      ['2018-01-01', 'Gardien'],
    ]);
  });

  it('keeps the previous line for an agent recorded without history (demonstration data, older imports)', async () => {
    const t = await tenantWithUsers(ctx());
    const [row] = await ctx()
      .database.db.insert(agentTable)
      .values({
        collectiviteId: t.collectivite.id,
        nir: '1841276451089',
        nom: 'MARTIN',
        prenom: 'Paul',
        regime: 'CNRACL',
        statut: 'titulaire',
        dateEntree: '2018-01-01',
        emploi: 'Gardien',
        tempsTravail: 'complet',
      })
      .returning();
    const changed = await t.publicateur.request('PUT', `/api/agents/${row!.id}`, {
      ...policier,
      tempsTravail: 'complet',
      heuresHebdo: null,
      dateEffet: '2026-01-01',
    });
    expect(
      changed.json().historique.map((h: { dateEffet: string; emploi: string }) => [h.dateEffet, h.emploi]),
    ).toEqual([
      ['2026-01-01', 'Policier municipal'],
      ['2018-01-01', 'Gardien'],
    ]);
  });

  it('takes the sex from the NIR, and asks for it only for a temporary number', async () => {
    const t = await tenantWithUsers(ctx());
    const { sexe: _, ...withoutSex } = policier;
    const created = await t.publicateur.request('POST', '/api/agents', withoutSex);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().sexe).toBe('M');
    const temporary = await t.publicateur.request('POST', '/api/agents', { ...withoutSex, nir: '7841276451089' });
    expect(temporary.statusCode).toBe(422);
    expect(temporary.json().errors).toEqual([
      { field: 'sexe', message: 'Indiquez le sexe : un numéro provisoire (7 ou 8) ne le donne pas.' },
    ]);
    // A roster import fills the sex in from the NIR as well.
    const roster = multipartBody({
      name: 'liste.csv',
      content:
        "NIR;Nom;Prénom;Régime;Statut;Date d'entrée\r\n2690549588157;DURAND;Léa;IRCANTEC;contractuel;01/01/2020\r\n",
    });
    await t.publicateur.request('POST', '/api/agents/imports', roster.payload, roster.headers);
    await ctx().jobs.drain();
    expect((await t.lecteur.request('GET', '/api/agents?q=durand')).json().items[0].sexe).toBe('F');
  });

  it('refuses a birth month that contradicts the NIR, naming both months', async () => {
    const t = await tenantWithUsers(ctx());
    const wrong = await t.publicateur.request('POST', '/api/agents', { ...policier, dateNaissance: '1984-11-03' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([
      {
        field: 'dateNaissance',
        message: 'Le NIR indique un mois de naissance 12 (chiffres 4 et 5) : le mois saisi est 11.',
      },
    ]);
  });
});
