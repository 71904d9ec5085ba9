import { and, eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { job } from '../src/lib/jobs/job.table.js';
import { enqueueJob } from '../src/lib/jobs/queue.js';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { createPiecesRepository } from '../src/modules/pieces/pieces.repository.js';
import { piece } from '../src/modules/pieces/pieces.table.js';
import { prochaineRelance, RELANCE_PIECES_JOB } from '../src/modules/pieces/relance.job.js';
import { createSinistreChanged } from '../src/modules/sinistres/sinistre-changed.js';
import { createSinistresRepository } from '../src/modules/sinistres/sinistres.repository.js';
import { createCdg, createContrat, createUser, ENQUETE, login, POLICIER, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { multipartBody, TINY_PDF } from './multipart.js';
import { pdfText } from './pdf-text.js';

type Client = Awaited<ReturnType<typeof login>>;

/** A collectivité insured by a CNRACL contract (MO, accident de service, CLM), its 2026 base on TBI only, and the seeds' agent. */
async function setup(ctx: TestContext) {
  ctx.clock.set('2026-04-20T09:00:00Z');
  const t = await tenantWithUsers(ctx);
  const c = await createContrat(ctx.database.db, {
    cdgId: t.collectivite.cdgId,
    collectiviteIds: [t.collectivite.id],
    risques: ['maladie_ordinaire', 'accident_service', 'clm', 'tpt'],
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
  return { t, agent };
}

async function declare(client: Client, agentId: string, categorie: string, dateSurvenance: string) {
  const r = await client.request('POST', '/api/sinistres', {
    agentId,
    categorie,
    dateSurvenance,
    tiersImplique: false,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; numero: string };
}

async function deposit(
  client: Client,
  sinistreId: string,
  fields: Record<string, string>,
  file: { name: string; content: Buffer } = { name: 'piece.pdf', content: TINY_PDF },
) {
  const body = multipartBody(file, 'fichier', fields);
  return client.request('POST', `/api/sinistres/${sinistreId}/pieces`, body.payload, body.headers);
}

describeEachDatabase('suivi des sinistres', (ctx) => {
  it('maladie ordinaire: salary of the insured elements, pieces of each arrêt, validation → Ouvert, reprise → Clos', async () => {
    const { t, agent } = await setup(ctx());
    const s = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-03-01');
    const initial = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'initial',
      debut: '2026-03-01',
      fin: '2026-03-07',
      salaire: { tbi: 250_000 },
    });
    expect(initial.statusCode, initial.body).toBe(201);
    expect(initial.json().elementsAssures).toEqual(['tbi']);
    expect(initial.json().arrets[0].salaire).toEqual({
      tbi: 250_000,
      nbi: null,
      sft: null,
      ir: null,
      ri: null,
      cp: null,
    });

    // NBI is not insured in the base: refused by name, nothing saved.
    const nbi = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'prolongation',
      debut: '2026-03-08',
      fin: '2026-03-23',
      salaire: { tbi: 250_000, nbi: 4_000, nePasProratiser: true },
    });
    expect(nbi.statusCode).toBe(422);
    expect(nbi.json().detail).toBe(
      'Nouvelle bonification indiciaire (NBI) : cet élément n’est pas assuré dans la base de l’assurance, laissez le champ vide.',
    );
    expect(nbi.json().errors).toEqual([{ field: 'salaire.nbi', message: 'Élément non assuré.' }]);
    const prolongation = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'prolongation',
      debut: '2026-03-08',
      fin: '2026-03-23',
      salaire: { tbi: 250_000, nePasProratiser: true },
    });
    expect(prolongation.statusCode, prolongation.body).toBe(201);
    const [a1, a2] = prolongation.json().arrets as { id: string; nePasProratiser: boolean }[];
    expect(a2!.nePasProratiser).toBe(true);
    const salaire = await t.publicateur.request('PUT', `/api/sinistres/${s.id}/arrets/${a1!.id}/salaire`, {
      tbi: 260_000,
      nePasProratiser: false,
    });
    expect(salaire.json().arrets[0].salaire.tbi).toBe(260_000);

    // The arrêt needs the volets 2 and 3 confirmation.
    const unconfirmed = await deposit(t.publicateur, s.id, { code: 'arret_travail', arretId: a1!.id });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.json().detail).toContain('le volet 1, qui porte le motif médical, est confidentiel');
    const wrongArret = await deposit(t.publicateur, s.id, { code: 'bulletins_salaire' });
    expect(wrongArret.statusCode).toBe(422);
    expect(wrongArret.json().detail).toBe('Indiquez l’arrêt auquel se rapporte cette pièce.');
    for (const arret of [a1!, a2!]) {
      expect(
        (await deposit(t.publicateur, s.id, { code: 'arret_travail', arretId: arret.id, voletsConfirmes: 'oui' }))
          .statusCode,
      ).toBe(201);
    }
    expect((await deposit(t.publicateur, s.id, { code: 'bulletins_salaire', arretId: a1!.id })).statusCode).toBe(201);
    const stillDraft = await t.publicateur.request('POST', `/api/sinistres/${s.id}/validation`);
    expect(stillDraft.statusCode).toBe(409);
    expect(stillDraft.json().detail).toBe(
      'La déclaration reste en brouillon : il manque la pièce obligatoire « Bulletins de salaire de la période (arrêt du 08/03/2026 au 23/03/2026) ».',
    );
    expect((await deposit(t.publicateur, s.id, { code: 'bulletins_salaire', arretId: a2!.id })).statusCode).toBe(201);

    // The seeds' « certificat pour soins » goes as an « Autre » document, with its own label.
    const noLabel = await deposit(t.publicateur, s.id, { code: 'autre' });
    expect(noLabel.json().errors[0].field).toBe('libelle');
    const kine = await deposit(t.publicateur, s.id, {
      code: 'autre',
      libelle: 'Certificat pour soins de kinésithérapie',
    });
    expect(kine.statusCode).toBe(201);

    const pieces = (await t.lecteur.request('GET', `/api/sinistres/${s.id}/pieces`)).json();
    expect(
      pieces.exigences.map((e: { code: string; periode: string | null; statut: string; volets: boolean }) => [
        e.code,
        e.periode,
        e.statut,
        e.volets,
      ]),
    ).toEqual([
      ['arret_travail', 'Arrêt du 01/03/2026 au 07/03/2026', 'deposee', true],
      ['arret_travail', 'Arrêt du 08/03/2026 au 23/03/2026', 'deposee', true],
      ['bulletins_salaire', 'Arrêt du 01/03/2026 au 07/03/2026', 'deposee', false],
      ['bulletins_salaire', 'Arrêt du 08/03/2026 au 23/03/2026', 'deposee', false],
    ]);
    // A certificate is medical (the uploader did not say otherwise): the Lecteur does not read its label.
    expect(pieces.autres.map((p: { libelle: string; medicale: boolean }) => [p.libelle, p.medicale])).toEqual([
      ['Document médical', true],
    ]);
    expect(pieces.manquantes).toEqual([]);

    const valid = await t.publicateur.request('POST', `/api/sinistres/${s.id}/validation`);
    expect(valid.statusCode, valid.body).toBe(200);
    expect(valid.json().statut).toBe('ouvert');

    // He went back to work the day after the last arrêt: Clos.
    const early = await t.publicateur.request('POST', `/api/sinistres/${s.id}/reprise`, { date: '2026-03-08' });
    expect(early.statusCode).toBe(422);
    const reprise = await t.publicateur.request('POST', `/api/sinistres/${s.id}/reprise`, { date: '2026-03-24' });
    expect(reprise.statusCode, reprise.body).toBe(200);
    expect(reprise.json()).toMatchObject({ statut: 'clos' });
    expect(reprise.json().arrets[1]).toMatchObject({ fin: '2026-03-23', reprise: '2026-03-24' });
    expect(
      (await t.publicateur.request('POST', `/api/sinistres/${s.id}/reprise`, { date: '2026-03-25' })).statusCode,
    ).toBe(409);
    const journal = (await t.admin.request('GET', '/api/journal?pageSize=50')).json();
    expect(journal.items.map((e: { entity: string; action: string }) => `${e.entity} ${e.action}`)).toEqual(
      expect.arrayContaining(['piece depot', 'sinistre validation', 'sinistre reprise', 'arret salaire']),
    );
  });

  it('accident de service: enquête with 2 lésions and a witness, its PDF, imputability, 5-day arrêt, pieces, Ouvert; a rechute reopens it', async () => {
    const { t, agent } = await setup(ctx());
    const s = await declare(t.publicateur, agent.id, 'accident_service', '2026-04-01');
    expect((await t.publicateur.request('GET', `/api/sinistres/${s.id}/enquete.pdf`)).statusCode).toBe(409);

    const noReason = await t.publicateur.request('PUT', `/api/sinistres/${s.id}/enquete`, { ...ENQUETE, doute: true });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toEqual([
      { field: 'motifDoute', message: 'Vous avez un doute sur l’imputabilité : indiquez pourquoi.' },
    ]);
    const enquete = await t.publicateur.request('PUT', `/api/sinistres/${s.id}/enquete`, ENQUETE);
    expect(enquete.statusCode, enquete.body).toBe(200);
    expect(enquete.json().enquete).toMatchObject({ sieges: ['poignet', 'genou'], temoins: [{ nom: 'DURAND' }] });

    // The lésions are medical: a Lecteur sees the enquête without them, and not its PDF.
    const lu = (await t.lecteur.request('GET', `/api/sinistres/${s.id}`)).json().enquete;
    expect(lu).toMatchObject({ sieges: [], natureLesions: null, medicalMasque: true, lieu: ENQUETE.lieu });
    const refused = await t.lecteur.request('GET', `/api/sinistres/${s.id}/enquete.pdf`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('donnees_medicales');
    expect(refused.body).not.toContain(ENQUETE.natureLesions);

    const pdf = await t.publicateur.request('GET', `/api/sinistres/${s.id}/enquete.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="enquete-administrative-${s.numero}.pdf"; filename*=UTF-8''enquete-administrative-${s.numero}.pdf`,
    );
    const text = pdfText(pdf.rawPayload);
    for (const expected of [
      'Enquête administrative',
      'MARTIN Paul',
      'Atelier municipal, 12 rue des Lilas',
      '01/04/2026 à 10 h 30',
      'Poignet, Genou',
      'DURAND Luc — 06 12 34 56 78',
      s.numero,
    ])
      expect(text).toContain(expected);

    const imputabilite = await t.publicateur.request('PUT', `/api/sinistres/${s.id}/imputabilite`, {
      decision: 'reconnue',
      date: '2026-04-03',
      arretTravail: true,
    });
    expect(imputabilite.json().imputabilite).toEqual({ decision: 'reconnue', date: '2026-04-03', arretTravail: true });
    const attestation = await t.publicateur.request('GET', `/api/sinistres/${s.id}/attestation.pdf`);
    expect(pdfText(attestation.rawPayload)).toContain('Imputabilité reconnue le 03/04/2026');
    const bon = await t.publicateur.request('GET', `/api/sinistres/${s.id}/bon-remboursement.pdf`);
    expect(pdfText(bon.rawPayload)).toContain('Bon de remboursement');
    // The PDFs embed a Unicode font: every name prints as typed.
    const renamed = await t.publicateur.request('PUT', `/api/agents/${agent.id}`, {
      ...POLICIER,
      nom: 'BŒUF-ŞTEFAN',
      prenom: 'Łukasz',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const again = await t.publicateur.request('GET', `/api/sinistres/${s.id}/attestation.pdf`);
    expect(pdfText(again.rawPayload)).toContain('BŒUF-ŞTEFAN Łukasz');

    const arret = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'initial',
      debut: '2026-04-01',
      fin: '2026-04-05',
      reprise: '2026-04-06',
    });
    expect(arret.json().arrets[0].jours).toBe(5);
    const arretId = arret.json().arrets[0].id;
    for (const code of ['declaration_accident', 'enquete_signee', 'certificat_initial', 'arrete_imputabilite'])
      expect((await deposit(t.publicateur, s.id, { code })).statusCode, code).toBe(201);
    expect(
      (await deposit(t.publicateur, s.id, { code: 'arret_travail', arretId, voletsConfirmes: 'oui' })).statusCode,
    ).toBe(201);
    expect((await deposit(t.publicateur, s.id, { code: 'bulletins_salaire', arretId })).statusCode).toBe(201);
    const valid = await t.publicateur.request('POST', `/api/sinistres/${s.id}/validation`);
    expect(valid.json().statut).toBe('ouvert');

    const clos = await t.publicateur.request('POST', `/api/sinistres/${s.id}/reprise`, { date: '2026-04-06' });
    expect(clos.json().statut).toBe('clos');
    const rechute = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'rechute',
      debut: '2026-04-10',
      fin: '2026-04-15',
    });
    expect(rechute.json().statut).toBe('ouvert');
    expect(rechute.json().piecesManquantes).toEqual([
      'Arrêt de travail (volets 2 et 3) (arrêt du 10/04/2026 au 15/04/2026)',
      'Bulletins de salaire de la période (arrêt du 10/04/2026 au 15/04/2026)',
    ]);
  });

  it('medical pieces: a Lecteur sees that they exist, never their name nor their content', async () => {
    const { t, agent } = await setup(ctx());
    const s = await declare(t.publicateur, agent.id, 'accident_service', '2026-04-01');
    const content = Buffer.concat([TINY_PDF, Buffer.from('% certificat')]);
    const certificat = await deposit(
      t.publicateur,
      s.id,
      { code: 'certificat_initial' },
      { name: 'certificat DUPONT.pdf', content },
    );
    expect(certificat.json()).toMatchObject({ medicale: true, nom: 'certificat DUPONT.pdf', telechargeable: true });
    const id = certificat.json().id;
    const asLecteur = (await t.lecteur.request('GET', `/api/sinistres/${s.id}/pieces`)).json();
    const seen = asLecteur.exigences.find((e: { code: string }) => e.code === 'certificat_initial').pieces[0];
    expect(seen).toMatchObject({ nom: 'Pièce médicale', telechargeable: false });
    expect(JSON.stringify(asLecteur)).not.toContain('DUPONT');
    const refused = await t.lecteur.request('GET', `/api/sinistres/${s.id}/pieces/${id}/fichier`);
    expect(refused.statusCode).toBe(403);
    const file = await t.publicateur.request('GET', `/api/sinistres/${s.id}/pieces/${id}/fichier`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(content)).toBe(true);
    expect(file.headers['content-disposition']).toMatch(/^attachment; /);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });

  it('« Autre » pieces: medical unless the uploader says they are not, and then reserved like the others', async () => {
    const { t, agent } = await setup(ctx());
    const s = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-04-01');
    const autre = async (libelle: string, medicale?: string) => {
      const r = await deposit(
        t.publicateur,
        s.id,
        { code: 'autre', libelle, ...(medicale ? { medicale } : {}) },
        { name: `${libelle}.pdf`, content: TINY_PDF },
      );
      return r;
    };
    const bad = await autre('Certificat', 'peut-etre');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('medicale');
    // No answer (an older client) and « Je ne sais pas » both mean medical: the safest.
    const soins = await autre('Certificat pour soins');
    const doute = await autre('Compte rendu', 'ne_sait_pas');
    const oui = await autre('Ordonnance', 'oui');
    const courrier = await autre('Courrier de l’agent', 'non');
    expect([soins, doute, oui, courrier].map((r) => [r.statusCode, r.json().medicale])).toEqual([
      [201, true],
      [201, true],
      [201, true],
      [201, false],
    ]);

    const asLecteur = (await t.lecteur.request('GET', `/api/sinistres/${s.id}/pieces`)).json();
    expect(
      asLecteur.autres.map((p: { libelle: string; nom: string; telechargeable: boolean }) => [
        p.libelle,
        p.nom,
        p.telechargeable,
      ]),
    ).toEqual([
      ['Document médical', 'Pièce médicale', false],
      ['Document médical', 'Pièce médicale', false],
      ['Document médical', 'Pièce médicale', false],
      ['Courrier de l’agent', 'Courrier de l’agent.pdf', true],
    ]);
    expect(JSON.stringify(asLecteur)).not.toContain('soins');
    const file = (r: typeof soins) => `/api/sinistres/${s.id}/pieces/${r.json().id}/fichier`;
    expect((await t.lecteur.request('GET', file(soins))).statusCode).toBe(403);
    expect((await t.lecteur.request('GET', file(doute))).statusCode).toBe(403);
    expect((await t.lecteur.request('GET', file(courrier))).statusCode).toBe(200);
    expect((await t.publicateur.request('GET', file(soins))).statusCode).toBe(200);
    const asPublicateur = (await t.publicateur.request('GET', `/api/sinistres/${s.id}/pieces`)).json();
    expect(asPublicateur.autres.map((p: { libelle: string }) => p.libelle)).toEqual([
      'Certificat pour soins',
      'Compte rendu',
      'Ordonnance',
      'Courrier de l’agent',
    ]);
  });

  it('uploads: a renamed executable, an oversized file and a path-traversal name', async () => {
    const { t, agent } = await setup(ctx());
    const s = await declare(t.publicateur, agent.id, 'accident_service', '2026-04-01');
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
      Buffer.alloc(2000),
    ]);
    const renamed = await deposit(
      t.publicateur,
      s.id,
      { code: 'declaration_accident' },
      { name: 'declaration.pdf', content: exe },
    );
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json().code).toBe('format_refuse');
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const oversized = await deposit(
      t.publicateur,
      s.id,
      { code: 'declaration_accident' },
      { name: 'gros.pdf', content: big },
    );
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().detail).toBe('Le fichier dépasse la taille maximale de 10 Mo.');
    const traversal = await deposit(
      t.publicateur,
      s.id,
      { code: 'declaration_accident' },
      { name: '../../../etc/passwd.pdf', content: TINY_PDF },
    );
    expect(traversal.statusCode).toBe(201);
    expect(traversal.json().nom).toBe('passwd.pdf');
    const file = await t.publicateur.request('GET', `/api/sinistres/${s.id}/pieces/${traversal.json().id}/fichier`);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="passwd.pdf"; filename*=UTF-8''passwd.pdf`);
    // Nothing of the refused uploads was recorded.
    const pieces = (await t.publicateur.request('GET', `/api/sinistres/${s.id}/pieces`)).json();
    const declaration = pieces.exigences.find((e: { code: string }) => e.code === 'declaration_accident');
    expect(declaration.pieces).toHaveLength(1);
    // A piece nobody checked yet may be withdrawn; a checked one may not.
    const removed = await t.publicateur.request('DELETE', `/api/sinistres/${s.id}/pieces/${traversal.json().id}`);
    expect(removed.statusCode).toBe(204);
    const other = (await deposit(t.publicateur, s.id, { code: 'declaration_accident' })).json();
    await ctx().database.db.update(piece).set({ statut: 'validee' }).where(eq(piece.id, other.id));
    expect((await t.publicateur.request('DELETE', `/api/sinistres/${s.id}/pieces/${other.id}`)).statusCode).toBe(409);
  });

  it('documents manquants: every missing mandatory piece, the same as each sinistre says, refused ones included', async () => {
    const { t, agent } = await setup(ctx());
    const mo = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-03-01');
    const arret = await t.publicateur.request('POST', `/api/sinistres/${mo.id}/arrets`, {
      type: 'initial',
      debut: '2026-03-01',
      fin: '2026-03-07',
    });
    const arretId = arret.json().arrets[0].id;
    const accident = await declare(t.publicateur, agent.id, 'accident_service', '2026-04-01');
    const deposited = await deposit(t.publicateur, mo.id, { code: 'arret_travail', arretId, voletsConfirmes: 'oui' });
    expect(deposited.statusCode).toBe(201);

    const list = (await t.lecteur.request('GET', '/api/documents-manquants?sort=dateSurvenance')).json();
    const bySinistre = (id: string) =>
      list.items
        .filter((r: { sinistreId: string }) => r.sinistreId === id)
        .map((r: { libelle: string; periode: string | null }) =>
          r.periode ? `${r.libelle} (${r.periode.toLowerCase()})` : r.libelle,
        );
    for (const s of [mo, accident]) {
      const detail = (await t.lecteur.request('GET', `/api/sinistres/${s.id}`)).json();
      expect(bySinistre(s.id).sort(), s.numero).toEqual([...detail.piecesManquantes].sort());
    }
    expect(list.total).toBe(5);
    expect(list.items[0]).toMatchObject({ sinistreNumero: mo.numero, agentNom: 'MARTIN', statutSinistre: 'brouillon' });

    // Pages of 2 cut through sinistres, in both sorts and directions, and together give the whole list.
    for (const sort of ['dateSurvenance', '-dateSurvenance', 'agent', '-agent']) {
      const whole = (await t.lecteur.request('GET', `/api/documents-manquants?sort=${sort}`)).json().items;
      const pages = [];
      for (let page = 1; page <= 3; page++)
        pages.push(
          ...(await t.lecteur.request('GET', `/api/documents-manquants?sort=${sort}&pageSize=2&page=${page}`)).json()
            .items,
        );
      expect(pages, sort).toEqual(whole);
      expect(whole, sort).toHaveLength(5);
    }
    const filtered = (
      await t.lecteur.request('GET', '/api/documents-manquants?categorie=accident_service&pageSize=2')
    ).json();
    expect(filtered).toMatchObject({ total: 4, pageSize: 2 });
    expect(filtered.items).toHaveLength(2);

    // A refused piece (the handler's decision, in a later capability) is missing again.
    await ctx()
      .database.db.update(piece)
      .set({ statut: 'refusee', motifRefus: 'Illisible' })
      .where(eq(piece.id, deposited.json().id));
    const db = ctx().database.db;
    await db.transaction((tx) =>
      createSinistreChanged({
        db,
        sinistres: createSinistresRepository(),
        pieces: createPiecesRepository(),
      }).sinistreChanged(tx, mo.id),
    );
    expect((await t.lecteur.request('GET', '/api/documents-manquants')).json().total).toBe(6);
    const exigence = (await t.lecteur.request('GET', `/api/sinistres/${mo.id}/pieces`)).json().exigences[0];
    expect(exigence).toMatchObject({ statut: 'refusee', pieces: [{ statut: 'refusee', motifRefus: 'Illisible' }] });

    // The agent moves to IRCANTEC: his sinistre stays under its CNRACL contract, whose pieces it
    // keeps (no CPAM statements), and the count does not drift.
    const ircantec = await t.publicateur.request('PUT', `/api/agents/${agent.id}`, {
      ...POLICIER,
      regime: 'IRCANTEC',
      statut: 'contractuel',
      dateEffet: '2026-04-20',
    });
    expect(ircantec.statusCode, ircantec.body).toBe(200);
    const after = (await t.lecteur.request('GET', '/api/documents-manquants?q=martin')).json();
    expect(after.total).toBe(6);
    expect(after.items.map((r: { code: string }) => r.code)).not.toContain('decomptes_cpam');
  });

  it('the platform administrator edits the catalogue; the missing pieces follow it', async () => {
    const { t, agent } = await setup(ctx());
    const mo = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-03-01');
    const admin = await login(ctx(), (await createUser(ctx().database.db, { staffRole: 'admin_plateforme' })).email);
    const gestionnaire = await login(
      ctx(),
      (await createUser(ctx().database.db, { staffRole: 'gestionnaire', staffCdgId: t.collectivite.cdgId })).email,
    );
    const input = {
      categorie: 'maladie_ordinaire',
      libelle: 'Attestation de l’employeur',
      etape: 'declaration',
      obligatoire: true,
      medicale: false,
    };
    expect((await gestionnaire.request('POST', '/api/gestion/catalogue-pieces', input)).statusCode).toBe(403);
    const created = await admin.request('POST', '/api/gestion/catalogue-pieces', input);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'attestation_de_l_employeur', actif: true });
    expect((await t.lecteur.request('GET', `/api/sinistres/${mo.id}`)).json().piecesManquantes).toEqual([
      'Attestation de l’employeur',
    ]);
    // The list follows once the queue has recounted the category's sinistres.
    await ctx().jobs.drain();
    expect((await t.lecteur.request('GET', '/api/documents-manquants')).json().items).toMatchObject([
      { sinistreId: mo.id, libelle: 'Attestation de l’employeur' },
    ]);
    const off = await admin.request('PUT', `/api/gestion/catalogue-pieces/${created.json().id}`, {
      ...input,
      actif: false,
    });
    expect(off.json().actif).toBe(false);
    expect((await t.lecteur.request('GET', `/api/sinistres/${mo.id}`)).json().piecesManquantes).toEqual([]);
    await ctx().jobs.drain();
    expect((await t.lecteur.request('GET', '/api/documents-manquants')).json().total).toBe(0);
    const catalogue = (await t.lecteur.request('GET', '/api/catalogue-pieces?categorie=maladie_ordinaire')).json();
    expect(catalogue.map((m: { code: string }) => m.code)).toEqual([
      'arret_travail',
      'bulletins_salaire',
      'decomptes_cpam',
      'autre',
      'attestation_de_l_employeur',
    ]);
    const autre = catalogue.find((m: { code: string }) => m.code === 'autre');
    const mandatoryAutre = await admin.request('PUT', `/api/gestion/catalogue-pieces/${autre.id}`, {
      libelle: autre.libelle,
      etape: autre.etape,
      obligatoire: true,
      medicale: false,
    });
    expect(mandatoryAutre.statusCode).toBe(422);
  });

  it('comments of the handlers are unread until opened; requalification requests wait for their decision', async () => {
    const { t, agent } = await setup(ctx());
    const s = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-03-01');
    const gestionnaire = await login(
      ctx(),
      (await createUser(ctx().database.db, { staffRole: 'gestionnaire', staffCdgId: t.collectivite.cdgId })).email,
    );
    const texte = 'Merci de déposer le bulletin de mars.';
    // Neither a gestionnaire without a CDG nor one of another CDG reaches it.
    const otherCdg = (await createCdg(ctx().database.db)).id;
    for (const staffCdgId of [undefined, otherCdg]) {
      const stranger = await login(
        ctx(),
        (await createUser(ctx().database.db, { staffRole: 'gestionnaire', staffCdgId })).email,
      );
      expect(
        (await stranger.request('POST', `/api/gestion/sinistres/${s.id}/commentaires`, { texte })).statusCode,
      ).toBe(404);
    }
    expect(
      (await gestionnaire.request('POST', `/api/gestion/sinistres/${s.id}/commentaires`, { texte })).statusCode,
    ).toBe(201);
    const reply = await t.publicateur.request('POST', `/api/sinistres/${s.id}/commentaires`, { texte: 'C’est fait.' });
    expect(reply.json().commentaires.map((c: { gestion: boolean; nonLu: boolean }) => [c.gestion, c.nonLu])).toEqual([
      [true, true],
      [false, false],
    ]);
    expect((await t.lecteur.request('GET', '/api/sinistres')).json().items[0].commentairesNonLus).toBe(1);
    const read = await t.publicateur.request('POST', `/api/sinistres/${s.id}/commentaires/lus`);
    expect(read.json().commentaires[0].nonLu).toBe(false);
    expect((await t.lecteur.request('GET', '/api/sinistres')).json().items[0].commentairesNonLus).toBe(0);

    const detail = (await t.lecteur.request('GET', `/api/sinistres/${s.id}`)).json();
    expect(detail.categoriesRequalification).toEqual(['accident_service', 'clm', 'tpt']);
    const cgm = await t.publicateur.request('POST', `/api/sinistres/${s.id}/requalifications`, {
      vers: 'cgm',
      motif: 'Grave maladie',
    });
    expect(cgm.statusCode).toBe(422);
    const clm = await t.publicateur.request('POST', `/api/sinistres/${s.id}/requalifications`, {
      vers: 'clm',
      motif: 'Avis favorable du conseil médical du 15/04/2026',
    });
    expect(clm.statusCode, clm.body).toBe(201);
    expect(clm.json().requalifications).toMatchObject([{ de: 'maladie_ordinaire', vers: 'clm', statut: 'demandee' }]);
    const requalificationId = clm.json().requalifications[0].id;
    expect(
      (
        await deposit(t.publicateur, s.id, {
          code: 'requalification',
          requalificationId,
          libelle: 'Avis du conseil médical',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await t.publicateur.request('POST', `/api/sinistres/${s.id}/requalifications`, { vers: 'clm', motif: 'Encore' }))
        .statusCode,
    ).toBe(409);
  });

  it('temps partiel thérapeutique: a quotité, 3 months at a time', async () => {
    const { t, agent } = await setup(ctx());
    const s = await declare(t.publicateur, agent.id, 'tpt', '2026-01-05');
    const noQuotite = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'initial',
      debut: '2026-01-05',
      fin: '2026-03-04',
    });
    expect(noQuotite.json().errors).toContainEqual({
      field: 'quotiteTpt',
      message: 'Indiquez la quotité de travail du temps partiel thérapeutique.',
    });
    const tooLong = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'initial',
      debut: '2026-01-05',
      fin: '2026-04-05',
      quotiteTpt: 50,
    });
    expect(tooLong.json().detail).toBe(
      'Une période de temps partiel thérapeutique dure 3 mois au plus : jusqu’au 04/04/2026 pour un début le 05/01/2026.',
    );
    const ok = await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'initial',
      debut: '2026-01-05',
      fin: '2026-04-04',
      quotiteTpt: 50,
    });
    expect(ok.json().arrets[0].quotiteTpt).toBe(50);
  });

  it('exports the search as CSV for Excel, with the same filters', async () => {
    const { t, agent } = await setup(ctx());
    const mo = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-03-01');
    await declare(t.publicateur, agent.id, 'accident_service', '2026-04-01');
    const all = await t.lecteur.request('GET', '/api/sinistres/export.csv');
    expect(all.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(all.headers['content-disposition']).toContain('attachment; filename="sinistres.csv"');
    const lines = all.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Numéro;Nom;Prénom;Catégorie;Date de survenance;Statut;Hors délai;Tiers impliqué;Contrat;Déclaré le',
    );
    expect(lines).toHaveLength(3);
    const filtered = await t.lecteur.request('GET', '/api/sinistres/export.csv?categorie=maladie_ordinaire');
    const rows = filtered.body.trimEnd().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.startsWith(`${mo.numero};MARTIN;Paul;Maladie ordinaire;01/03/2026;Brouillon;non;non;`)).toBe(true);
    expect(rows[1]!.endsWith(';20/04/2026')).toBe(true);
  });

  it('refuses the enquête, imputability and accident documents for an illness', async () => {
    const { t, agent } = await setup(ctx());
    const s = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-03-01');
    const enquete = await t.publicateur.request('PUT', `/api/sinistres/${s.id}/enquete`, ENQUETE);
    expect(enquete.statusCode).toBe(422);
    expect(enquete.json().detail).toBe(
      'L’enquête administrative ne concerne que les accidents de service, de trajet et les maladies professionnelles.',
    );
    expect((await t.publicateur.request('GET', `/api/sinistres/${s.id}/attestation.pdf`)).statusCode).toBe(422);
  });

  it('reminds the Publicateurs and Administrateurs each week of the pieces missing for more than a week', async () => {
    const { t, agent } = await setup(ctx());
    const s = await declare(t.publicateur, agent.id, 'maladie_ordinaire', '2026-03-01');
    await t.publicateur.request('POST', `/api/sinistres/${s.id}/arrets`, {
      type: 'initial',
      debut: '2026-03-01',
      fin: '2026-03-07',
    });
    const db = ctx().database.db;
    const recipients = [t.users.admin.email, t.users.publicateur.email, t.users.lecteur.email];
    const mails = () => db.select().from(outboxMail).where(inArray(outboxMail.to, recipients));

    await enqueueJob(db, RELANCE_PIECES_JOB, {}, ctx().clock.now());
    await ctx().jobs.drain();
    expect(await mails()).toEqual([]); // declared today: still being completed

    // The run rescheduled itself for next Monday morning: 6 days 21 hours later, still too early.
    ctx().clock.set('2026-04-27T06:00:00Z');
    await ctx().jobs.drain();
    expect(await mails()).toEqual([]);
    ctx().clock.set('2026-05-04T06:00:00Z');
    await ctx().jobs.drain();
    const sent = await mails();
    expect(sent.map((m) => m.to).sort()).toEqual([t.users.admin.email, t.users.publicateur.email].sort());
    expect(sent[0]!.subject).toBe(`Pièces justificatives manquantes : ${t.collectivite.nom}`);
    expect(sent[0]!.text).toContain(`2 pièces obligatoires manquent sur un sinistre de ${t.collectivite.nom}`);
    expect(sent[0]!.text).toContain('/declarations/documents-manquants');
    const next = await db
      .select()
      .from(job)
      .where(and(eq(job.kind, RELANCE_PIECES_JOB), eq(job.status, 'pending')));
    expect(next.map((j) => j.runAt.toISOString())).toEqual(['2026-05-11T06:00:00.000Z']);
  });

  it.each([
    ['2026-04-20T05:00:00Z', '2026-04-27T06:00:00.000Z'], // a Monday: the next one
    ['2026-04-26T23:30:00Z', '2026-04-27T06:00:00.000Z'], // Sunday night
    ['2026-12-29T10:00:00Z', '2027-01-04T06:00:00.000Z'], // across the year
  ])('after %s the next reminder is on %s', (now, next) => {
    expect(prochaineRelance(new Date(now)).toISOString()).toBe(next);
  });
});
