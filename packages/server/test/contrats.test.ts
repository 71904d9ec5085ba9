import type { TContratInput } from '@statutis/domain';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { adhesion, contrat, contratDocument } from '../src/modules/contrats/contrats.table.js';
import { createContrat, createUser, login, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { multipartBody, TINY_PDF } from './multipart.js';

const delais = {
  delaiDeclarationJours: 90,
  delaiPiecesJours: 90,
  delaiPiecesMedicalesJours: 730,
  delaiDecesJours: 3650,
};
const input = (numero: string): TContratInput => ({
  numero,
  libelle: 'Contrat groupe CNRACL 2024-2027',
  regime: 'CNRACL',
  assureur: 'Assureur des Collectivités',
  courtier: 'Courtage Public',
  dateEffet: '2024-01-01',
  dateFin: '2027-12-31',
  preavisAssureurMois: 6,
  preavisAssureMois: 4,
  tauxCotisation: 6500,
  elementsAssurables: ['nbi', 'sft', 'ri', 'cp'],
  garanties: [
    {
      risque: 'maladie_ordinaire',
      couvert: true,
      franchiseNombre: 15,
      franchiseUnite: 'jours_fermes_par_arret',
      remboursementPct: 100,
      ...delais,
    },
    {
      risque: 'accident_service',
      couvert: true,
      franchiseNombre: 0,
      franchiseUnite: 'jours_fermes_par_arret',
      remboursementPct: 100,
      ...delais,
    },
    {
      risque: 'clm',
      couvert: false,
      franchiseNombre: 0,
      franchiseUnite: 'jours_fermes_par_arret',
      remboursementPct: 90,
      ...delais,
    },
  ],
});

async function gestionnaireOf(ctx: TestContext, cdgId: string) {
  const user = await createUser(ctx.database.db, { staffRole: 'gestionnaire', staffCdgId: cdgId });
  return login(ctx, user.email);
}

describeEachDatabase('contrats', (ctx) => {
  it('a gestionnaire creates a contract, links a collectivité, attaches a PDF; the collectivité reads it all', async () => {
    const t = await tenantWithUsers(ctx());
    const g = await gestionnaireOf(ctx(), t.collectivite.cdgId);
    const created = await g.request('POST', '/api/gestion/contrats', input('CNR-2024-001'));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({
      assureur: 'Assureur des Collectivités',
      courtier: 'Courtage Public',
      tauxCotisation: 6500,
      adhesions: [],
    });

    expect((await t.lecteur.request('GET', `/api/contrats/${id}`)).statusCode).toBe(404); // not joined yet
    const joined = await g.request('PUT', `/api/gestion/contrats/${id}/adhesions`, {
      collectiviteId: t.collectivite.id,
      dateAdhesion: '2024-01-01',
    });
    expect(joined.json().adhesions).toEqual([
      { collectiviteId: t.collectivite.id, nom: t.collectivite.nom, dateAdhesion: '2024-01-01' },
    ]);

    const upload = multipartBody({ name: 'Conditions générales.pdf', content: TINY_PDF, type: 'application/pdf' });
    const doc = await ctx().app.inject({
      method: 'POST',
      url: `/api/gestion/contrats/${id}/documents`,
      cookies: { statutis_session: g.cookie },
      headers: { ...upload.headers, 'x-csrf-token': g.csrf },
      payload: upload.payload,
    });
    expect(doc.statusCode).toBe(201);
    expect(doc.json()).toMatchObject({ nom: 'Conditions générales.pdf', taille: TINY_PDF.length });

    const list = await t.lecteur.request('GET', '/api/contrats');
    expect(list.json()).toMatchObject({
      total: 1,
      items: [{ numero: 'CNR-2024-001', dateAdhesion: '2024-01-01', preavisAssureurMois: 6 }],
    });
    const detail = (await t.lecteur.request('GET', `/api/contrats/${id}`)).json();
    expect(detail.garanties.map((x: { risque: string }) => x.risque)).toEqual([
      'accident_service',
      'clm',
      'maladie_ordinaire',
    ]);
    expect(detail.garanties.find((x: { risque: string }) => x.risque === 'maladie_ordinaire')).toMatchObject({
      franchiseNombre: 15,
      delaiDeclarationJours: 90,
      delaiPiecesMedicalesJours: 730,
    });
    const download = await t.lecteur.request('GET', `/api/contrats/${id}/documents/${detail.documents[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Conditions generales.pdf"; filename*=UTF-8''Conditions%20g%C3%A9n%C3%A9rales.pdf`,
    );
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(TINY_PDF)).toBe(true);
  });

  it('edits a contract and its garanties, audited; refuses inconsistent input in French', async () => {
    const t = await tenantWithUsers(ctx());
    const g = await gestionnaireOf(ctx(), t.collectivite.cdgId);
    const id = (await g.request('POST', '/api/gestion/contrats', input('CNR-EDIT'))).json().id;
    const changed = await g.request('PUT', `/api/gestion/contrats/${id}`, {
      ...input('CNR-EDIT'),
      tauxCotisation: 6750,
      garanties: input('x').garanties.slice(0, 1),
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ tauxCotisation: 6750, garanties: [{ risque: 'maladie_ordinaire' }] });

    const bad = await g.request('POST', '/api/gestion/contrats', {
      ...input('CNR-BAD'),
      dateFin: '2023-12-31',
      garanties: [{ ...input('x').garanties[0]!, risque: 'cgm' }, input('x').garanties[0]!, input('x').garanties[0]!],
    });
    expect(bad.statusCode).toBe(422);
    const messages = bad.json().errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`);
    expect(messages).toEqual([
      'dateFin: La date de fin précède la date d’effet.',
      'garanties.0.risque: Le risque « Congé de grave maladie (CGM) » n’existe pas pour le régime CNRACL.',
      'garanties.2.risque: Le risque « Maladie ordinaire » figure deux fois.',
    ]);
    const dup = await g.request('POST', '/api/gestion/contrats', input('CNR-EDIT'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('numero');
  });

  it('refuses a renamed executable, an oversized file and keeps a traversal name harmless', async () => {
    const t = await tenantWithUsers(ctx());
    const g = await gestionnaireOf(ctx(), t.collectivite.cdgId);
    const id = (await g.request('POST', '/api/gestion/contrats', input(`CNR-UP-${ctx().kind}`))).json().id;
    const send = (file: { name: string; content: Buffer }) => {
      const body = multipartBody(file);
      return ctx().app.inject({
        method: 'POST',
        url: `/api/gestion/contrats/${id}/documents`,
        cookies: { statutis_session: g.cookie },
        headers: { ...body.headers, 'x-csrf-token': g.csrf },
        payload: body.payload,
      });
    };
    const elf = await send({
      name: 'contrat.pdf',
      content: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]),
    });
    expect(elf.statusCode).toBe(422);
    expect(elf.json().detail).toContain('n’est pas un PDF');
    const big = await send({ name: 'gros.pdf', content: Buffer.concat([TINY_PDF, Buffer.alloc(10 * 1024 * 1024)]) });
    expect(big.statusCode).toBe(413);
    expect(big.json().detail).toContain('10 Mo');
    const traversal = await send({ name: '../../../etc/passwd.pdf', content: TINY_PDF });
    expect(traversal.statusCode).toBe(201);
    expect(traversal.json().nom).toBe('passwd.pdf');
    const detail = (await g.request('GET', `/api/gestion/contrats/${id}`)).json();
    expect(detail.documents).toHaveLength(1);
  });

  it('keeps each gestionnaire to the contracts and collectivités of his CDG', async () => {
    const t = await tenantWithUsers(ctx());
    const other = await tenantWithUsers(ctx());
    const g = await gestionnaireOf(ctx(), t.collectivite.cdgId);
    const foreign = await createContrat(ctx().database.db, {
      cdgId: other.collectivite.cdgId,
      collectiviteIds: [other.collectivite.id],
    });
    expect((await g.request('GET', `/api/gestion/contrats/${foreign.id}`)).statusCode).toBe(404);
    expect((await g.request('PUT', `/api/gestion/contrats/${foreign.id}`, input('X'))).statusCode).toBe(404);
    expect(
      (await g.request('GET', '/api/gestion/contrats')).json().items.map((c: { id: string }) => c.id),
    ).not.toContain(foreign.id);
    const mine = (await g.request('POST', '/api/gestion/contrats', input(`CNR-SCOPE-${ctx().kind}`))).json().id;
    const outsider = await g.request('PUT', `/api/gestion/contrats/${mine}/adhesions`, {
      collectiviteId: other.collectivite.id,
      dateAdhesion: '2024-01-01',
    });
    expect(outsider.statusCode).toBe(404);
    // Employers cannot reach the back office.
    expect((await t.admin.request('GET', '/api/gestion/contrats')).statusCode).toBe(403);
  });

  it('never lets a gestionnaire write outside his CDG, even through his own contract', async () => {
    const db = ctx().database.db;
    const t = await tenantWithUsers(ctx());
    const other = await tenantWithUsers(ctx());
    const g = await gestionnaireOf(ctx(), t.collectivite.cdgId);
    // His own contract, to which the platform attached a collectivité of another CDG.
    const mine = await createContrat(db, {
      cdgId: t.collectivite.cdgId,
      collectiviteIds: [t.collectivite.id, other.collectivite.id],
    });
    const foreign = await createContrat(db, {
      cdgId: other.collectivite.cdgId,
      collectiviteIds: [other.collectivite.id],
    });
    const [doc] = await db
      .insert(contratDocument)
      .values({ contratId: foreign.id, nom: 'CG.pdf', storageKey: 'contrats/x', sha256: 'x', taille: 1 })
      .returning();
    const adhesionOf = async (contratId: string, collectiviteId: string) =>
      (
        await db
          .select({ date: adhesion.dateAdhesion })
          .from(adhesion)
          .where(and(eq(adhesion.contratId, contratId), eq(adhesion.collectiviteId, collectiviteId)))
      )[0]?.date ?? null;
    const status = async (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown): Promise<number> =>
      (await g.request(method, url, payload)).statusCode;

    // Through his own contract: the foreign collectivité's adhesion is out of reach, and out of sight.
    expect(await status('DELETE', `/api/gestion/contrats/${mine.id}/adhesions/${other.collectivite.id}`)).toBe(404);
    expect(
      await status('PUT', `/api/gestion/contrats/${mine.id}/adhesions`, {
        collectiviteId: other.collectivite.id,
        dateAdhesion: '2025-01-01',
      }),
    ).toBe(404);
    expect(await adhesionOf(mine.id, other.collectivite.id)).toBe('2024-01-01');
    const seen = (await g.request('GET', `/api/gestion/contrats/${mine.id}`)).json();
    expect(seen.adhesions.map((a: { collectiviteId: string }) => a.collectiviteId)).toEqual([t.collectivite.id]);

    // Through the other CDG's contract: every write is a 404 and changes nothing.
    expect(await status('DELETE', `/api/gestion/contrats/${foreign.id}/adhesions/${other.collectivite.id}`)).toBe(404);
    expect(
      await status('PUT', `/api/gestion/contrats/${foreign.id}/adhesions`, {
        collectiviteId: t.collectivite.id,
        dateAdhesion: '2024-01-01',
      }),
    ).toBe(404);
    expect(await status('PUT', `/api/gestion/contrats/${foreign.id}`, input(`CNR-X-${ctx().kind}`))).toBe(404);
    expect(await status('DELETE', `/api/gestion/contrats/${foreign.id}/documents/${doc!.id}`)).toBe(404);
    expect(await status('GET', `/api/gestion/contrats/${foreign.id}/documents/${doc!.id}`)).toBe(404);
    const upload = multipartBody({ name: 'intrus.pdf', content: TINY_PDF, type: 'application/pdf' });
    const posted = await ctx().app.inject({
      method: 'POST',
      url: `/api/gestion/contrats/${foreign.id}/documents`,
      cookies: { statutis_session: g.cookie },
      headers: { ...upload.headers, 'x-csrf-token': g.csrf },
      payload: upload.payload,
    });
    expect(posted.statusCode).toBe(404);
    expect(await adhesionOf(foreign.id, other.collectivite.id)).toBe('2024-01-01');
    expect(await adhesionOf(foreign.id, t.collectivite.id)).toBeNull();
    const [after] = await db.select().from(contrat).where(eq(contrat.id, foreign.id));
    expect(after!.numero).toBe(foreign.numero);
    const docs = await db.select().from(contratDocument).where(eq(contratDocument.contratId, foreign.id));
    expect(docs.map((d) => d.nom)).toEqual(['CG.pdf']);

    // A contract he creates belongs to his CDG: the other CDG's gestionnaire cannot reach it.
    const created = (await g.request('POST', '/api/gestion/contrats', input(`CNR-OWN-${ctx().kind}`))).json().id;
    const gOther = await gestionnaireOf(ctx(), other.collectivite.cdgId);
    expect((await gOther.request('PUT', `/api/gestion/contrats/${created}`, input('Y'))).statusCode).toBe(404);
    expect(
      (
        await gOther.request('PUT', `/api/gestion/contrats/${created}/adhesions`, {
          collectiviteId: other.collectivite.id,
          dateAdhesion: '2024-01-01',
        })
      ).statusCode,
    ).toBe(404);

    // His own writes still work, and the platform administrator still reaches every CDG.
    expect(await status('DELETE', `/api/gestion/contrats/${mine.id}/adhesions/${t.collectivite.id}`)).toBe(204);
    const admin = await createUser(db, { staffRole: 'admin_plateforme' });
    const platform = await login(ctx(), admin.email);
    const removed = await platform.request(
      'DELETE',
      `/api/gestion/contrats/${mine.id}/adhesions/${other.collectivite.id}`,
    );
    expect(removed.statusCode).toBe(204);
    expect(await adhesionOf(mine.id, other.collectivite.id)).toBeNull();
  });
});
