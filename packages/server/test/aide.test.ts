import { AIDE_MODULES } from '@statutis/domain';
import { expect, it } from 'vitest';
import { FAQ_INITIALE, seedAide } from '../src/demo/aide.js';
import { createUser, login, tenantWithUsers } from './factories.js';
import { describeEachDatabase } from './harness.js';

describeEachDatabase('aide : guide pratique et FAQ', (ctx) => {
  async function editor() {
    const admin = await createUser(ctx().database.db, { staffRole: 'admin_plateforme' });
    return login(ctx(), admin.email);
  }

  it('finds « Arrêt » when a user types « arret », without accents nor capitals, in pages of 20', async () => {
    const p = await editor();
    const t = await tenantWithUsers(ctx());
    const faq = (body: object) => p.request('POST', '/api/aide/faq', body);
    expect(
      (
        await faq({
          module: 'arrets',
          question: 'Prolongation ou rechute d’un Arrêt ?',
          reponse: 'Une **prolongation** suit l’arrêt sans interruption.',
          ordre: 1,
        })
      ).statusCode,
    ).toBe(201);
    await faq({ module: 'sinistres', question: 'Pourquoi ne pas envoyer le volet 1 ?', reponse: 'Secret médical.' });
    for (let i = 0; i < 21; i++)
      await faq({ module: 'decomptes', question: `ÉCHÉANCE n° ${i}`, reponse: 'Œuvre', ordre: 100 + i });

    const search = async (q: string, extra = '') =>
      (await t.lecteur.request('GET', `/api/aide/faq?q=${encodeURIComponent(q)}${extra}`)).json();
    expect((await search('arret')).items.map((f: { question: string }) => f.question)).toEqual([
      'Prolongation ou rechute d’un Arrêt ?',
    ]);
    expect((await search('ARRÊT')).items).toHaveLength(1);
    expect((await search('oeuvre')).items).toHaveLength(20);
    // 21 « échéance » entries: a full page, then the last one after the cursor.
    const first = await search('echeance');
    expect(first.items).toHaveLength(20);
    expect(first.suivant).not.toBeNull();
    const second = await search('echeance', `&apres=${first.suivant}`);
    expect(second.items.map((f: { question: string }) => f.question)).toEqual(['ÉCHÉANCE n° 20']);
    expect(second.suivant).toBeNull();
    expect((await search('', '&module=sinistres')).items).toHaveLength(1);
    // A « % » typed by a user is a character, not a wildcard.
    expect((await search('%')).items).toHaveLength(0);
    const invalid = await t.lecteur.request('GET', '/api/aide/faq?apres=x&module=inconnu');
    expect(invalid.statusCode).toBe(422);
    expect(
      invalid
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['apres', 'module']);
  });

  it('lets the platform administrator edit the guide, audited; a collectivité user reads but cannot write', async () => {
    const p = await editor();
    const t = await tenantWithUsers(ctx());
    const created = await p.request('POST', '/api/aide/guide', {
      module: 'agents',
      titre: 'Importer la liste nominative',
      contenu: '1. Téléchargez le modèle\n2. Déposez le fichier',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const edited = await p.request('PUT', `/api/aide/guide/${id}`, {
      module: 'agents',
      titre: 'Importer les agents',
      contenu: 'Déposez le fichier CSV.',
      ordre: 2,
    });
    expect(edited.json()).toMatchObject({ titre: 'Importer les agents', ordre: 2 });
    const read = await t.lecteur.request('GET', '/api/aide/guide?module=agents');
    expect(read.json().items.map((s: { titre: string }) => s.titre)).toEqual(['Importer les agents']);
    expect((await t.lecteur.request('GET', '/api/aide/guide?module=sinistres')).json().items).toEqual([]);

    for (const client of [t.admin, t.publicateur]) {
      expect(
        (await client.request('POST', '/api/aide/guide', { module: 'agents', titre: 'x', contenu: 'y' })).statusCode,
      ).toBe(403);
      expect(
        (await client.request('PUT', `/api/aide/guide/${id}`, { module: 'agents', titre: 'x', contenu: 'y' }))
          .statusCode,
      ).toBe(403);
      expect(
        (await client.request('POST', '/api/aide/faq', { module: 'agents', question: 'x', reponse: 'y' })).statusCode,
      ).toBe(403);
    }
    const invalid = await p.request('POST', '/api/aide/faq', { module: 'inconnu', question: ' ', reponse: 'y' });
    expect(invalid.statusCode).toBe(422);
    const errors = invalid.json().errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field).sort()).toEqual(['module', 'question']);
    expect(errors.find((e) => e.field === 'question')?.message).toBe('La question est obligatoire.');

    const journal = await ctx().database.query<{ action: string; entity: string }>(
      `SELECT entity, action FROM audit_event WHERE entity_id = $1 ORDER BY at, id`,
      [id],
    );
    expect(journal.map((r) => `${r.entity} ${r.action}`)).toEqual([
      'guide_section creation',
      'guide_section modification',
    ]);
    expect((await p.request('DELETE', `/api/aide/guide/${id}`)).statusCode).toBe(204);
    expect((await p.request('DELETE', `/api/aide/guide/${id}`)).statusCode).toBe(404);
    expect(
      (await p.request('PUT', `/api/aide/faq/${id}`, { module: 'agents', question: 'x', reponse: 'y' })).statusCode,
    ).toBe(404);
  });

  it('keeps a hostile Markdown as text in JSON: the server never renders it into HTML', async () => {
    const p = await editor();
    const t = await tenantWithUsers(ctx());
    const hostile = '<script>alert(1)</script> [clic](javascript:alert(1)) <img src=x onerror=alert(1)>';
    await p.request('POST', '/api/aide/faq', { module: 'general', question: 'Piège', reponse: hostile });
    const response = await t.lecteur.request('GET', '/api/aide/faq?q=piege');
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json().items[0].reponse).toBe(hostile);
  });

  it('seeds an empty platform with a guide section per module and the first FAQ, once', async () => {
    const t = await tenantWithUsers(ctx());
    // The suite's database is shared by its tests: start from an empty platform.
    await ctx().database.query('DELETE FROM faq_entree');
    await ctx().database.query('DELETE FROM guide_section');
    await seedAide(ctx().database.db, null);
    await seedAide(ctx().database.db, null);
    const guide = (await t.lecteur.request('GET', '/api/aide/guide')).json().items as { module: string }[];
    expect(new Set(guide.map((s) => s.module))).toEqual(new Set(AIDE_MODULES.filter((m) => m !== 'comptes')));
    const faq = (await t.lecteur.request('GET', '/api/aide/faq')).json();
    expect(faq.items).toHaveLength(FAQ_INITIALE.length);
    const volet = (await t.lecteur.request('GET', '/api/aide/faq?q=VOLET 1')).json().items;
    expect(volet.map((f: { question: string }) => f.question)).toContain(
      'Pourquoi ne faut-il pas envoyer le volet 1 de l’arrêt de travail ?',
    );
  });
});
