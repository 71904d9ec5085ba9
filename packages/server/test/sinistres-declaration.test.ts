import { expect, it } from 'vitest';
import { type Client, createContrat, createUser, login, POLICIER, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { multipartBody, TINY_PDF } from './multipart.js';

/** A CNRACL contract (MO and accident de service, 90-day deadline), its 2026 base, the seeds' agent; today 7 December 2026 unless said. */
async function setup(ctx: TestContext, now = '2026-12-07T09:00:00Z') {
  ctx.clock.set(now);
  const t = await tenantWithUsers(ctx);
  const c = await createContrat(ctx.database.db, {
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
  const agent = (await t.publicateur.request('POST', '/api/agents', POLICIER)).json();
  return { t, agent, contrat: c };
}

async function declare(client: Client, agentId: string, categorie: string, dateSurvenance: string, extra = {}) {
  return client.request('POST', '/api/sinistres', {
    agentId,
    categorie,
    dateSurvenance,
    tiersImplique: false,
    ...extra,
  });
}

async function deposit(client: Client, sinistreId: string, fields: Record<string, string>) {
  const body = multipartBody({ name: 'piece.pdf', content: TINY_PDF }, 'fichier', fields);
  const r = await client.request('POST', `/api/sinistres/${sinistreId}/pieces`, body.payload, body.headers);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string };
}

describeEachDatabase('déclaration des sinistres (corrections du premier utilisateur)', (ctx) => {
  it('a reprise inside the arrêt is refused with what would change, then shortens it once confirmed; the certificate keeps its dates', async () => {
    const { t, agent } = await setup(ctx());
    const s = (await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-11-01')).json();
    await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'initial',
      debut: '2026-11-01',
      fin: '2026-11-09',
    });
    const prolongation = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'prolongation',
      debut: '2026-11-10',
      fin: '2026-11-25',
    });
    const [a1, a2] = prolongation.json().arrets as { id: string }[];
    for (const a of [a1!, a2!]) {
      await deposit(t.publicateur, s.id, { code: 'arret_travail', arretId: a.id, voletsConfirmes: 'oui' });
      await deposit(t.publicateur, s.id, { code: 'bulletins_salaire', arretId: a.id });
    }
    expect((await t.publicateur.request('POST', `/api/sinistres/${s.id}/validation`)).json().statut).toBe('ouvert');

    const asked = await t.publicateur.request('POST', `/api/sinistres/${s.id}/reprise`, { date: '2026-11-20' });
    expect(asked.statusCode).toBe(409);
    expect(asked.json()).toMatchObject({
      code: 'reprise_a_confirmer',
      detail:
        'La reprise du 20/11/2026 tombe pendant l’arrêt du 10/11/2026 au 25/11/2026 : l’arrêt finira le 19/11/2026 au lieu du 25/11/2026 (6 jours de moins). Le certificat d’arrêt de travail garde ses dates (du 10/11/2026 au 25/11/2026).',
    });
    // Nothing changed without the confirmation.
    const unchanged = (await t.publicateur.request('GET', `/api/sinistres/${s.id}`)).json();
    expect(unchanged).toMatchObject({ statut: 'ouvert' });
    expect(unchanged.arrets[1]).toMatchObject({ fin: '2026-11-25', reprise: null, jours: 16 });

    const confirmed = await t.publicateur.request('POST', `/api/sinistres/${s.id}/reprise`, {
      date: '2026-11-20',
      confirmer: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().statut).toBe('clos');
    expect(confirmed.json().arrets[1]).toMatchObject({
      fin: '2026-11-19',
      finCertificat: '2026-11-25',
      reprise: '2026-11-20',
      jours: 10,
    });
    const pieces = (await t.publicateur.request('GET', `/api/sinistres/${s.id}/pieces`)).json();
    const certificat = pieces.exigences.find(
      (e: { code: string; arretId: string }) => e.code === 'arret_travail' && e.arretId === a2!.id,
    );
    expect(certificat).toMatchObject({ periode: 'Arrêt du 10/11/2026 au 25/11/2026', statut: 'deposee' });
    const journal = (await t.admin.request('GET', '/api/journal?pageSize=50')).json();
    const reprise = journal.items.find((e: { action: string }) => e.action === 'reprise');
    expect(reprise.changes).toMatchObject({ reprise: '2026-11-20', fin: ['2026-11-25', '2026-11-19'] });
  });

  it('a reprise typed in the arrêt dialog follows the same rule: 01/12–06/12 with a reprise on 05/12 ends on 04/12 once confirmed', async () => {
    const { t, agent } = await setup(ctx());
    const s = (await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-12-01')).json();
    const arret = { type: 'initial', debut: '2026-12-01', fin: '2026-12-06', reprise: '2026-12-05' };
    const asked = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, arret);
    expect(asked.statusCode).toBe(409);
    expect(asked.json()).toMatchObject({
      code: 'reprise_a_confirmer',
      detail: expect.stringContaining('l’arrêt finira le 04/12/2026 au lieu du 06/12/2026 (2 jours de moins)'),
    });
    expect((await t.publicateur.request('GET', `/api/sinistres/${s.id}`)).json().arrets).toEqual([]);
    const confirmed = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      ...arret,
      confirmerReprise: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json().arrets[0]).toMatchObject({
      debut: '2026-12-01',
      fin: '2026-12-04',
      finCertificat: '2026-12-06',
      reprise: '2026-12-05',
      jours: 4,
    });
    // A reprise the day after the end changes nothing: no confirmation asked.
    const other = (await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-11-02')).json();
    const plain = await t.publicateur.request('POST', `/api/sinistres/${other.id}/arrets`, {
      type: 'initial',
      debut: '2026-11-02',
      fin: '2026-11-05',
      reprise: '2026-11-06',
    });
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json().arrets[0]).toMatchObject({ fin: '2026-11-05', finCertificat: '2026-11-05', jours: 4 });
  });

  it('a maladie ordinaire without arrêt cannot be validated, and says why; an accident without work stoppage can', async () => {
    const { t, agent } = await setup(ctx());
    const s = (await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-12-01')).json();
    expect(s).toMatchObject({
      piecesManquantes: [],
      arretManquant:
        'La déclaration reste en brouillon : aucun arrêt n’est déclaré. Une déclaration « Maladie ordinaire » se fait avec son arrêt de travail : ajoutez l’arrêt initial, puis déposez ses pièces.',
    });
    const refused = await t.publicateur.request('POST', `/api/sinistres/${s.id}/validation`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'validation_impossible', detail: s.arretManquant });
    expect((await t.publicateur.request('GET', `/api/sinistres/${s.id}`)).json().statut).toBe('brouillon');

    const accident = (await declare(t.publicateur, agent.id, 'accident_service', '2026-12-02')).json();
    expect(accident.arretManquant).not.toBeNull();
    const imputabilite = await t.publicateur.request('PUT', `/api/sinistres/${accident.id}/imputabilite`, {
      decision: 'reconnue',
      date: '2026-12-03',
      arretTravail: false,
    });
    expect(imputabilite.json().arretManquant).toBeNull();
  });

  it('warns of a duplicate (same agent, same date) with the existing number, and declares it once confirmed', async () => {
    const { t, agent } = await setup(ctx());
    const first = (await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-11-10')).json();
    const again = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-11-10');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'sinistre_doublon',
      detail: `Un sinistre « Maladie ordinaire » survenu le 10/11/2026 est déjà déclaré pour Paul MARTIN : n° ${first.numero}. Ouvrez-le plutôt que d’en déclarer un second, ou confirmez s’il s’agit bien d’un autre sinistre.`,
    });
    expect(again.json().errors).toBeUndefined();
    // Another category on the same day is worth a look too.
    const accident = await declare(t.publicateur, agent.id, 'accident_service', '2026-11-10');
    expect(accident.statusCode).toBe(409);
    expect(accident.json().detail).toContain(`n° ${first.numero} (Maladie ordinaire)`);
    expect((await t.lecteur.request('GET', `/api/sinistres?agentId=${agent.id}`)).json().total).toBe(1);
    // Another day is no duplicate.
    expect((await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-11-20')).statusCode).toBe(201);
    const confirmed = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-11-10', {
      confirmerDoublon: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json().id).not.toBe(first.id);
  });

  it('deletes a Brouillon declared by mistake with its arrêts, pieces and files, audited; never an Ouvert one, nor for a Lecteur or another collectivité', async () => {
    const { t, agent } = await setup(ctx());
    const s = (await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-11-10')).json();
    const arret = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'initial',
      debut: '2026-11-10',
      fin: '2026-11-12',
    });
    const arretId = arret.json().arrets[0].id;
    const piece = await deposit(t.publicateur, s.id, { code: 'bulletins_salaire', arretId });
    const file = await t.publicateur.request('GET', `/api/sinistres/${s.id}/pieces/${piece.id}/fichier`);
    expect(file.statusCode).toBe(200);

    expect((await t.lecteur.request('DELETE', `/api/sinistres/${s.id}`)).statusCode).toBe(403);
    const stranger = await tenantWithUsers(ctx());
    expect((await stranger.admin.request('DELETE', `/api/sinistres/${s.id}`)).statusCode).toBe(404);

    const removed = await t.publicateur.request('DELETE', `/api/sinistres/${s.id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await t.publicateur.request('GET', `/api/sinistres/${s.id}`)).statusCode).toBe(404);
    expect((await t.lecteur.request('GET', `/api/sinistres?agentId=${agent.id}`)).json().total).toBe(0);
    const journal = (await t.admin.request('GET', '/api/journal?pageSize=50')).json();
    const entry = journal.items.find((e: { entity: string; action: string }) => e.action === 'suppression');
    expect(entry).toMatchObject({
      entity: 'sinistre',
      changes: { numero: s.numero, categorie: 'maladie_ordinaire', arrets: 1, pieces: 1 },
    });
    // The declaration may be made again, without a duplicate warning.
    expect((await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-11-10')).statusCode).toBe(201);

    // An Ouvert sinistre was sent to the handler: it stays.
    const accident = (await declare(t.publicateur, agent.id, 'accident_service', '2026-12-01')).json();
    await t.publicateur.request('PUT', `/api/sinistres/${accident.id}/imputabilite`, {
      decision: 'reconnue',
      date: '2026-12-02',
      arretTravail: false,
    });
    for (const code of ['declaration_accident', 'enquete_signee', 'certificat_initial', 'arrete_imputabilite'])
      await deposit(t.publicateur, accident.id, { code });
    expect((await t.publicateur.request('POST', `/api/sinistres/${accident.id}/validation`)).json().statut).toBe(
      'ouvert',
    );
    const ouvert = await t.admin.request('DELETE', `/api/sinistres/${accident.id}`);
    expect(ouvert.statusCode).toBe(409);
    expect(ouvert.json()).toMatchObject({ code: 'sinistre_transmis' });

    // A Brouillon the handler has commented on stays too.
    const draft = (await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-12-03')).json();
    const gestionnaire = await login(
      ctx(),
      (await createUser(ctx().database.db, { staffRole: 'gestionnaire', staffCdgId: t.collectivite.cdgId })).email,
    );
    await gestionnaire.request('POST', `/api/gestion/sinistres/${draft.id}/commentaires`, { texte: 'Arrêt ?' });
    const seen = await t.publicateur.request('DELETE', `/api/sinistres/${draft.id}`);
    expect(seen.statusCode).toBe(409);
    expect(seen.json()).toMatchObject({ code: 'sinistre_examine' });
  });

  it('an accident of 01/07 declared on 07/12 is « hors délai » from its declaration, before any arrêt', async () => {
    const { t, agent } = await setup(ctx());
    const late = (await declare(t.publicateur, agent.id, 'accident_service', '2026-07-01')).json();
    expect(late).toMatchObject({
      horsDelai: true,
      arrets: [],
      declaration: {
        horsDelai: true,
        dateLimite: '2026-09-29',
        message:
          'Déclaré hors délai le 07/12/2026 : le contrat demande de déclarer le sinistre dans les 90 jours qui suivent sa survenance (01/07/2026), soit au plus tard le 29/09/2026.',
      },
    });
    const found = await t.lecteur.request('GET', '/api/sinistres?horsDelai=oui');
    expect(found.json().items.map((x: { id: string }) => x.id)).toEqual([late.id]);
    const inTime = (await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-11-01')).json();
    expect(inTime).toMatchObject({ horsDelai: false, declaration: { horsDelai: false, dateLimite: '2027-01-30' } });
  });

  it('under a contract that ended, the header and the Échéances block read the same deadline: 30 days after its end', async () => {
    const { t, agent, contrat } = await setup(ctx(), '2028-01-31T09:00:00Z');
    const base = await t.publicateur.request('POST', '/api/bases', {
      contratId: contrat.id,
      annee: 2027,
      type: 'previsionnelle',
      effectif: 10,
      tbi: 30_000_000,
    });
    expect(base.statusCode, base.body).toBe(201);
    // The factory's contract ends 31/12/2027; today 31/01/2028. An MO of 01/12/2027: 01/12 + 90 days
    // = 29/02/2028 (30 to 31/12, +31 → 31/01, +29 leap February), but 31/12/2027 + 30 = 30/01/2028
    // comes first: declared on 31/01/2028, one day late.
    const late = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2027-12-01');
    expect(late.statusCode, late.body).toBe(201);
    const s = late.json();
    const clock = (s.echeances as { kind: string; dateEcheance: string; etat: string }[]).find(
      (e) => e.kind === 'declaration_sinistre',
    );
    expect(clock).toMatchObject({ dateEcheance: '2028-01-30', etat: 'depassee' });
    expect(s).toMatchObject({
      horsDelai: true,
      declaration: {
        horsDelai: true,
        dateLimite: '2028-01-30',
        message:
          'Déclaré hors délai le 31/01/2028 : le contrat demande de déclarer le sinistre dans les 90 jours qui suivent sa survenance (01/12/2027), et au plus tard 30 jours après la fin du contrat (31/12/2027), soit au plus tard le 30/01/2028.',
      },
    });
    const found = await t.lecteur.request('GET', '/api/sinistres?horsDelai=oui');
    expect(found.json().items.map((x: { id: string }) => x.id)).toEqual([s.id]);
  });

  it('says the rule and the dates: a future survenance, an MO prolongation that does not follow', async () => {
    const { t, agent } = await setup(ctx());
    const future = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-12-08');
    expect(future.statusCode).toBe(422);
    expect(future.json().errors).toEqual([
      {
        field: 'dateSurvenance',
        message:
          'La date de survenance (08/12/2026) est dans le futur : un sinistre se déclare une fois survenu, au plus tard aujourd’hui (07/12/2026).',
      },
    ]);
    const s = (await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-11-01')).json();
    await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'initial',
      debut: '2026-11-01',
      fin: '2026-11-07',
    });
    const gap = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'prolongation',
      debut: '2026-11-10',
      fin: '2026-11-12',
    });
    expect(gap.json().errors[0].message).toBe(
      'Une prolongation commence le lendemain de la fin de l’arrêt précédent : le 08/11/2026 (l’arrêt précédent finit le 07/11/2026). En maladie ordinaire, un arrêt qui ne suit pas le précédent se déclare comme un nouveau sinistre (la rechute n’existe pas pour la maladie ordinaire).',
    );
    expect(gap.json().detail).not.toContain('déclarez une rechute');
  });
});
