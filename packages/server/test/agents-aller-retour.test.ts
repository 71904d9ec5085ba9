import { formatNir } from '@statutis/domain';
import { expect, it } from 'vitest';
import { POLICIER as policier, tenantWithUsers } from './factories.js';
import { runImport, TEMPLATE_HEADER } from './fixtures/liste-nominative.js';
import { describeEachDatabase } from './harness.js';

type Agent = Record<string, unknown> & { id: string };

/**
 * What makes an agent the same agent in another collectivité: everything but the row's identifier,
 * the NIR as shown (a key typed or computed is the same key).
 */
const comparable = (items: Agent[]) =>
  items.map(({ id: _, nirCle, ...rest }) => ({ ...rest, nir: formatNir(rest.nir as string, nirCle as string | null) }));

describeEachDatabase('agents : export puis import', (ctx) => {
  it('imports the app’s own CSV export into another collectivité: the same agents', async () => {
    const source = await tenantWithUsers(ctx());
    // Every kind of agent: complete with a nom d’usage and a service, part time in hours and minutes,
    // departed, temporary NIR, imported without birth date.
    const created = await source.publicateur.request('POST', '/api/agents', {
      ...policier,
      nomUsage: 'Martin-Durand',
    });
    expect(created.statusCode, created.body).toBe(201);
    const partTime = await source.publicateur.request('POST', '/api/agents', {
      nir: '2690549588157',
      nom: 'Béranger',
      prenom: 'Éloïse',
      dateNaissance: '1969-05-14',
      regime: 'IRCANTEC',
      statut: 'contractuel',
      dateEntree: '2020-09-01',
      emploi: 'Animatrice',
      tempsTravail: 'non_complet',
      heuresHebdo: 775,
    });
    expect(partTime.statusCode, partTime.body).toBe(201);
    await source.publicateur.request('POST', `/api/agents/${partTime.json().id}/depart`, {
      dateDepart: '2026-08-31',
      motifDepart: 'fin_contrat',
    });
    const temporary = await source.publicateur.request('POST', '/api/agents', {
      ...policier,
      nir: '7841276451089',
      nom: 'Çakir',
      sexe: 'F',
      prenom: 'Ayşe',
    });
    expect(temporary.statusCode, temporary.body).toBe(201);
    await runImport(
      ctx(),
      source.publicateur,
      `${TEMPLATE_HEADER}\r\n1680133001002;Œuvray;Noël;CNRACL;titulaire;01/03/2019;Jardinier;;complet\r\n`,
    );
    const before = (await source.lecteur.request('GET', '/api/agents')).json().items as Agent[];
    expect(before).toHaveLength(4);

    const csv = await source.lecteur.request('GET', '/api/agents/export');
    const target = await tenantWithUsers(ctx());
    const imported = await runImport(ctx(), target.publicateur, csv.rawPayload, 'agents.csv');
    expect(imported).toMatchObject({ statut: 'termine', crees: 4, colonnesIgnorees: [] });
    const after = (await target.lecteur.request('GET', '/api/agents')).json().items as Agent[];
    expect(comparable(after)).toEqual(comparable(before));

    // And again into the same collectivité: nothing changes.
    const again = await runImport(ctx(), target.publicateur, csv.rawPayload, 'agents.csv');
    expect(again).toMatchObject({ crees: 0, misAJour: 0, inchanges: 4 });
  });

  it('says what the imported agents really lack, counted from what was stored', async () => {
    const t = await tenantWithUsers(ctx());
    const header = `${TEMPLATE_HEADER};Date de naissance`;
    const first = await runImport(
      ctx(),
      t.publicateur,
      [
        header,
        '1841276451089;MARTIN;Paul;CNRACL;titulaire;01/01/2018;Policier;;complet;03/12/1984',
        '2690549588157;DURAND;Léa;IRCANTEC;contractuel;01/01/2020;Animatrice;;17h30;',
        '1680133001002;DUPONT;Émile;CNRACL;titulaire;01/03/2019;Jardinier;;;',
        '',
      ].join('\r\n'),
    );
    expect(first).toMatchObject({ statut: 'termine', crees: 3, sansDateNaissance: 2, sansTempsTravail: 1 });
    expect(first.message).toBe(
      'Import terminé : 3 agents créés, 0 mis à jour, 0 inchangé. Parmi les agents du fichier, 2 n’ont pas de date de naissance et 1 n’a pas de temps de travail : complétez leur fiche avant de leur déclarer un sinistre.',
    );
    // A second file completes them: the message says nothing is missing any more.
    const second = await runImport(
      ctx(),
      t.publicateur,
      [
        header,
        '2690549588157;DURAND;Léa;IRCANTEC;contractuel;01/01/2020;Animatrice;;17h30;14/05/1969',
        '1680133001002;DUPONT;Émile;CNRACL;titulaire;01/03/2019;Jardinier;;complet;15/01/1968',
        '',
      ].join('\r\n'),
    );
    expect(second).toMatchObject({ misAJour: 2, sansDateNaissance: 0, sansTempsTravail: 0 });
    expect(second.message).toBe('Import terminé : 0 agent créé, 2 mis à jour, 0 inchangé.');
  });

  it('refuses an entry date more than a year ahead and a birth month the NIR contradicts, line by line', async () => {
    const t = await tenantWithUsers(ctx());
    // The test clock is on 25/11/2026: the horizon is 25/11/2027.
    const refused = await runImport(
      ctx(),
      t.publicateur,
      [
        `${TEMPLATE_HEADER};Date de naissance`,
        '1841276451089;MARTIN;Paul;CNRACL;titulaire;01/09/2031;Policier;;complet;',
        '2690549588157;DURAND;Léa;IRCANTEC;contractuel;25/11/2027;Animatrice;;7h45;14/06/1969',
        '1680133001002;DUPONT;Émile;CNRACL;titulaire;01/03/2019;Jardinier;;7:45;',
        '',
      ].join('\r\n'),
    );
    expect(refused.statut).toBe('refuse');
    expect(refused.erreurs).toEqual([
      {
        ligne: 2,
        colonne: 'Date d’entrée',
        message: 'Date d’entrée « 01/09/2031 » trop lointaine : au plus 12 mois après aujourd’hui, soit le 25/11/2027.',
      },
      {
        ligne: 3,
        colonne: 'Date de naissance',
        message: 'Le NIR indique un mois de naissance 05 (chiffres 4 et 5) : le mois saisi est 06.',
      },
      {
        ligne: 4,
        colonne: 'Temps de travail',
        message: 'La CNRACL suppose au moins 28 heures par semaine : un agent à 7 h 45 relève de l’IRCANTEC.',
      },
    ]);
    expect((await t.lecteur.request('GET', '/api/agents')).json().total).toBe(0);
  });
});
