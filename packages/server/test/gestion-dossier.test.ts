import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { agent } from '../src/modules/agents/agents.table.js';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { assureur, contrat, garantie } from '../src/modules/contrats/contrats.table.js';
import { appUser } from '../src/modules/users/users.table.js';
import { type Client, createCdg, createUser, login } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { declareSinistre, depositPiece, insuredTenant } from './world.js';

type Dossier = {
  sinistre: { numero: string; collectiviteNom: string };
  agent: { nir: string };
  pieces: { id: string; code: string; statut: string; motifRefus: string | null; decidePar: string | null }[];
  piecesManquantes: string[];
  commentaires: { auteur: string; gestion: boolean; texte: string }[];
  controles: { code: string; niveau: string; message: string }[];
  niveau: string;
  enquete: { natureLesions: string | null } | null;
};

async function gestionnaireOf(ctx: TestContext, staffCdgId: string) {
  return login(ctx, (await createUser(ctx.database.db, { staffRole: 'gestionnaire', staffCdgId })).email);
}

/** A maladie ordinaire of the seeds' agent with one arrêt, and each of its required pieces deposited. */
async function fileWithPieces(ctx: TestContext) {
  const world = await insuredTenant(ctx);
  const { t, agentId } = world;
  const sinistreId = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-01');
  const a = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/arrets`, {
    type: 'initial',
    debut: '2026-03-01',
    fin: '2026-03-07',
  });
  expect(a.statusCode, a.body).toBe(201);
  const arretId = a.json().arrets[0].id as string;
  const exigences = (await t.publicateur.request('GET', `/api/sinistres/${sinistreId}/pieces`)).json().exigences as {
    code: string;
    arretId: string | null;
    obligatoire: boolean;
    volets: boolean;
  }[];
  for (const e of exigences.filter((x) => x.obligatoire)) {
    const r = await depositPiece(t.publicateur, sinistreId, {
      code: e.code,
      ...(e.arretId ? { arretId: e.arretId } : {}),
      ...(e.volets ? { voletsConfirmes: 'oui' } : {}),
    });
    expect(r.statusCode, r.body).toBe(201);
  }
  const gestionnaire = await gestionnaireOf(ctx, t.collectivite.cdgId);
  return { ...world, sinistreId, arretId, gestionnaire };
}

const view = async (client: Client, id: string) => {
  const r = await client.request('GET', `/api/gestion/sinistres/${id}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Dossier;
};
const niveaux = (d: Dossier) => Object.fromEntries(d.controles.map((c) => [c.code, c.niveau]));
const controle = (d: Dossier, code: string) => d.controles.find((c) => c.code === code)!;

describeEachDatabase('gestion: the staff file and piece decisions', (ctx) => {
  it('shows the file to its CDG handler, with comments signed and the automatic checks', async () => {
    const { t, sinistreId, gestionnaire } = await fileWithPieces(ctx());
    const c = await gestionnaire.request('POST', `/api/gestion/sinistres/${sinistreId}/commentaires`, {
      texte: 'Merci de vérifier le bulletin.',
    });
    expect(c.statusCode, c.body).toBe(201);
    await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/commentaires`, { texte: 'Vérifié.' });
    const d = await view(gestionnaire, sinistreId);
    expect(d.sinistre.collectiviteNom).toBe(t.collectivite.nom);
    expect(d.agent.nir.startsWith('1841276451089')).toBe(true);
    expect(d.commentaires.map((k) => [k.gestion, k.auteur.startsWith('Centre de gestion — '), k.texte])).toEqual([
      [true, true, 'Merci de vérifier le bulletin.'],
      [false, false, 'Vérifié.'],
    ]);
    expect(d.pieces.length).toBeGreaterThan(0);
    expect(d.pieces.every((p) => p.statut === 'deposee')).toBe(true);
    expect(d.piecesManquantes).toEqual([]);
    expect(d.controles.map((k) => k.code)).toEqual([
      'agent_assure',
      'categorie_regime',
      'contrat_chaine',
      'delai_declaration',
      'prolongations_contigues',
      'chevauchement',
      'donnees_salariales',
      'base_declaree',
    ]);
    // The only finding of a fresh file: the arrêt's salary is not entered yet.
    expect(niveaux(d)).toMatchObject({ agent_assure: 'ok', base_declaree: 'ok', donnees_salariales: 'bloquant' });
    expect(controle(d, 'donnees_salariales').message).toBe('Mars 2026 : TBI à renseigner.');
    expect(d.niveau).toBe('bloquant');
  });

  it('computes each check from the data of a crafted file', async () => {
    const { t, sinistreId, arretId, agentId, contrat: k, gestionnaire } = await fileWithPieces(ctx());
    const db = ctx().database.db;
    const salaire = await t.publicateur.request('PUT', `/api/sinistres/${sinistreId}/arrets/${arretId}/salaire`, {
      tbi: 250_000,
      nbi: null,
      sft: null,
      ir: null,
      ri: null,
      cp: null,
    });
    expect(salaire.statusCode, salaire.body).toBe(200);
    // Declared four days after its start (the test clock is in November).
    await db
      .update(arret)
      .set({ createdAt: new Date('2026-03-05T10:00:00Z') })
      .where(eq(arret.id, arretId));
    let d = await view(gestionnaire, sinistreId);
    expect(new Set(Object.values(niveaux(d)))).toEqual(new Set(['ok']));
    expect(d.niveau).toBe('ok');

    // Agent gone before the survenance.
    await db.update(agent).set({ dateDepart: '2026-02-01' }).where(eq(agent.id, agentId));
    d = await view(gestionnaire, sinistreId);
    expect(controle(d, 'agent_assure')).toMatchObject({
      niveau: 'bloquant',
      message: 'Le 01/03/2026, l’agent avait quitté la collectivité (départ le 01/02/2026).',
    });
    await db.update(agent).set({ dateDepart: null }).where(eq(agent.id, agentId));

    // Declared 100 days after its start: covered from reception.
    await db
      .update(arret)
      .set({ createdAt: new Date('2026-06-09T10:00:00Z') })
      .where(eq(arret.id, arretId));
    d = await view(gestionnaire, sinistreId);
    expect(controle(d, 'delai_declaration').niveau).toBe('alerte');
    expect(controle(d, 'delai_declaration').message).toContain('reçu le 09/06/2026, dépasse le délai de 90 jours');

    // A prolongation that leaves a gap, right after another sinistre's arrêt. Overlaps themselves never
    // reach the file: the database refuses them (EXCLUDE on the agent and the dates).
    const other = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-05-01');
    const o = await t.publicateur.request('POST', `/api/sinistres/${other}/arrets`, {
      type: 'initial',
      debut: '2026-05-01',
      fin: '2026-05-10',
    });
    expect(o.statusCode, o.body).toBe(201);
    const p = await t.publicateur.request('POST', `/api/sinistres/${sinistreId}/arrets`, {
      type: 'prolongation',
      debut: '2026-03-08',
      fin: '2026-03-20',
    });
    expect(p.statusCode, p.body).toBe(201);
    const prolongationId = p.json().arrets[1].id as string;
    await db.update(arret).set({ debut: '2026-05-11', fin: '2026-05-12' }).where(eq(arret.id, prolongationId));
    d = await view(gestionnaire, sinistreId);
    expect(controle(d, 'prolongations_contigues')).toMatchObject({
      niveau: 'bloquant',
      message:
        'La prolongation du 11/05/2026 ne suit pas l’arrêt précédent, fini le 07/03/2026 : elle devait commencer le 08/03/2026.',
    });
    expect(controle(d, 'chevauchement').niveau).toBe('ok');
    // Its months have no salary yet.
    expect(controle(d, 'donnees_salariales').message).toBe('Mai 2026 : TBI à renseigner.');
    // An arrêt into 2027: no base declared for that year.
    await db.update(arret).set({ debut: '2026-05-11', fin: '2027-01-10' }).where(eq(arret.id, prolongationId));
    d = await view(gestionnaire, sinistreId);
    expect(controle(d, 'base_declaree')).toMatchObject({
      niveau: 'bloquant',
      message: 'Aucune base de l’assurance déclarée pour 2027 sur ce contrat.',
    });

    // The risk no longer covered; the contract starting after the chain.
    await db
      .update(garantie)
      .set({ couvert: false })
      .where(and(eq(garantie.contratId, k.id), eq(garantie.risque, 'maladie_ordinaire')));
    await db.update(contrat).set({ dateEffet: '2026-04-01' }).where(eq(contrat.id, k.id));
    d = await view(gestionnaire, sinistreId);
    expect(controle(d, 'categorie_regime')).toMatchObject({
      niveau: 'bloquant',
      message: `Le contrat n° ${k.numero} ne couvre pas le risque « Maladie ordinaire ».`,
    });
    expect(controle(d, 'contrat_chaine').niveau).toBe('bloquant');
    expect(controle(d, 'contrat_chaine').message).toContain('commence alors qu’aucun contrat CNRACL ne couvre');
  });

  it('CITIS: imputability pending, then past its deadline, then decided', async () => {
    ctx().clock.set('2026-11-25T09:00:00Z');
    const { t, agentId } = await insuredTenant(ctx());
    const staff = await createUser(ctx().database.db, { staffRole: 'gestionnaire', staffCdgId: t.collectivite.cdgId });
    let gestionnaire = await login(ctx(), staff.email);
    const id = await declareSinistre(t.publicateur, agentId, 'accident_service', '2026-11-20');
    let d = await view(gestionnaire, id);
    expect(controle(d, 'citis_imputabilite')).toMatchObject({
      niveau: 'alerte',
      message: 'Imputabilité non encore décidée : délai de décision au 25/12/2026 (déclaration reçue le 25/11/2026).',
    });
    ctx().clock.advance(40 * 24 * 3600 * 1000);
    // Sessions expired meanwhile.
    gestionnaire = await login(ctx(), staff.email);
    const publicateur = await login(ctx(), t.users.publicateur.email);
    d = await view(gestionnaire, id);
    expect(controle(d, 'citis_imputabilite').niveau).toBe('bloquant');
    const imput = await publicateur.request('PUT', `/api/sinistres/${id}/imputabilite`, {
      decision: 'reconnue',
      date: '2026-12-20',
      arretTravail: false,
    });
    expect(imput.statusCode, imput.body).toBe(200);
    d = await view(gestionnaire, id);
    expect(controle(d, 'citis_imputabilite')).toMatchObject({
      niveau: 'ok',
      message: 'Imputabilité au service reconnue le 20/12/2026.',
    });
    ctx().clock.set('2026-11-25T09:00:00Z');
  });

  it('validates and refuses pieces; an illegal transition is a 409; the employer reads the motif and is mailed', async () => {
    const { t, sinistreId, gestionnaire } = await fileWithPieces(ctx());
    const db = ctx().database.db;
    const before = await view(gestionnaire, sinistreId);
    const [first, second] = before.pieces;
    const decide = (pieceId: string, body: unknown) =>
      gestionnaire.request('POST', `/api/gestion/sinistres/${sinistreId}/pieces/${pieceId}/decision`, body);

    const ok = await decide(first!.id, { action: 'valider' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().pieces[0]).toMatchObject({
      statut: 'validee',
      decidePar: expect.stringMatching(/^Centre de gestion — /),
    });
    const again = await decide(first!.id, { action: 'valider' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('Cette pièce est déjà validée.');

    const sansTexte = await decide(second!.id, { action: 'refuser', motif: 'autre' });
    expect(sansTexte.statusCode).toBe(422);
    const ko = await decide(second!.id, { action: 'refuser', motif: 'illisible', commentaire: 'Page 2 floue.' });
    expect(ko.statusCode, ko.body).toBe(200);
    const refused = ko.json().pieces.find((p: { id: string }) => p.id === second!.id);
    expect(refused).toMatchObject({
      statut: 'refusee',
      motifRefus: 'Document illisible : Page 2 floue.',
      motifRefusCode: 'illisible',
    });
    expect(ko.json().piecesManquantes.length).toBe(1);
    expect((await decide(second!.id, { action: 'valider' })).json().detail).toBe(
      'Cette pièce a été refusée : elle ne peut être validée, l’employeur doit la remplacer.',
    );

    // The employer sees it missing again, with the motif.
    const employer = (await t.publicateur.request('GET', `/api/sinistres/${sinistreId}/pieces`)).json();
    const piece = employer.exigences
      .flatMap((e: { pieces: unknown[] }) => e.pieces)
      .find((p: { id: string }) => p.id === second!.id);
    expect(piece).toMatchObject({ statut: 'refusee', motifRefus: 'Document illisible : Page 2 floue.' });
    expect(employer.manquantes.length).toBe(1);
    expect((await t.publicateur.request('GET', `/api/sinistres/${sinistreId}`)).json().piecesManquantes.length).toBe(1);

    // The collectivité's publicateurs and administrateurs are mailed, the lecteur is not.
    const mails = await db.select().from(outboxMail);
    const to = (email: string) => mails.filter((m) => m.to === email);
    expect(to(t.users.lecteur.email)).toEqual([]);
    const refus = to(t.users.publicateur.email).find((m) => m.subject.startsWith('Pièce refusée'))!;
    expect(refus.subject).toBe(`Pièce refusée, à remplacer : sinistre n° ${before.sinistre.numero}`);
    expect(refus.text).toContain('Motif : Document illisible : Page 2 floue.');
    expect(refus.text).toContain(`http://statutis.test/declarations/sinistres/${sinistreId}#pieces`);
    expect(to(t.users.admin.email).length).toBe(2);

    // The employer deposits a replacement: the requirement is met again.
    const exigence = employer.exigences.find((e: { pieces: { id: string }[] }) =>
      e.pieces.some((p) => p.id === second!.id),
    );
    const replacement = await depositPiece(t.publicateur, sinistreId, {
      code: exigence.code,
      ...(exigence.arretId ? { arretId: exigence.arretId } : {}),
      ...(exigence.volets ? { voletsConfirmes: 'oui' } : {}),
    });
    expect(replacement.statusCode, replacement.body).toBe(201);
    const after = await view(gestionnaire, sinistreId);
    expect(after.piecesManquantes).toEqual([]);
    // The refused file stays in the history, « remplacée » by the new one.
    expect(after.pieces.find((p: { id: string }) => p.id === second!.id)?.statut).toBe('remplacee');
    expect(after.pieces.find((p: { id: string }) => p.id === replacement.json().id)?.statut).toBe('deposee');
  });

  it('a refused volet 1 leaves storage', async () => {
    const { sinistreId, gestionnaire } = await fileWithPieces(ctx());
    const d = await view(gestionnaire, sinistreId);
    const volet = d.pieces.find((p) => p.code === 'arret_travail')!;
    const r = await gestionnaire.request('POST', `/api/gestion/sinistres/${sinistreId}/pieces/${volet.id}/decision`, {
      action: 'refuser',
      motif: 'volet_1_medical',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().pieces.find((p: { id: string }) => p.id === volet.id)).toMatchObject({
      statut: 'refusee',
      fichierDisponible: false,
    });
    const download = await gestionnaire.request('GET', `/api/sinistres/${sinistreId}/pieces/${volet.id}/fichier`);
    expect(download.statusCode).not.toBe(200);
  });

  it('is kept to the scope: other CDG, insurer not party, collectivité users', async () => {
    const { t, sinistreId, gestionnaire } = await fileWithPieces(ctx());
    const db = ctx().database.db;
    const pieceId = (await view(gestionnaire, sinistreId)).pieces[0]!.id;
    const stranger = await gestionnaireOf(ctx(), (await createCdg(db)).id);
    const [insurer] = await db.insert(assureur).values({ nom: 'Assureur tiers', kind: 'assureur' }).returning();
    const insurerUser = await createUser(db, { staffRole: 'gestionnaire' });
    await db.update(appUser).set({ staffAssureurId: insurer!.id }).where(eq(appUser.id, insurerUser.id));
    const insurerStaff = await login(ctx(), insurerUser.email);
    for (const client of [stranger, insurerStaff]) {
      expect((await client.request('GET', `/api/gestion/sinistres/${sinistreId}`)).statusCode).toBe(404);
      expect(
        (
          await client.request('POST', `/api/gestion/sinistres/${sinistreId}/pieces/${pieceId}/decision`, {
            action: 'valider',
          })
        ).statusCode,
      ).toBe(404);
    }
    for (const client of [t.admin, t.publicateur, t.lecteur]) {
      expect([403, 404]).toContain((await client.request('GET', `/api/gestion/sinistres/${sinistreId}`)).statusCode);
      expect([403, 404]).toContain(
        (
          await client.request('POST', `/api/gestion/sinistres/${sinistreId}/pieces/${pieceId}/decision`, {
            action: 'valider',
          })
        ).statusCode,
      );
    }
    // A piece of another sinistre through this one: 404.
    expect(
      (
        await gestionnaire.request(
          'POST',
          `/api/gestion/sinistres/${sinistreId}/pieces/00000000-0000-4000-8000-000000000000/decision`,
          { action: 'valider' },
        )
      ).statusCode,
    ).toBe(404);
  });
});
