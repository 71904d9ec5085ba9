import { inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { baseAssurance } from '../src/modules/base-assurance/base-assurance.table.js';
import {
  createAssureur,
  createCdg,
  createCollectivite,
  createContrat,
  createUser,
  staffMember,
  tenantWithUsers,
} from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';

type Ligne = {
  id: string;
  numero: string;
  statut: string;
  collectivite: { id: string; nom: string };
  baseParAgent: number | null;
  anneePrecedente: { reference: number; variation: number; signale: boolean } | null;
  medianeCdg: { reference: number; variation: number; signale: boolean } | null;
  signale: boolean;
  explication: string | null;
};

/**
 * A CDG whose contract (8,600 %) has four collectivités: A (the tenant, two Administrateurs), B and
 * D with bases prévisionnelles 2026, E without base. Bases per agent, 10 agents each:
 * A 124 000 € → 12 400 €, B 120 000 € → 12 000 €, D 100 000 € → 10 000 €; A's 2025 base 108 000 €
 * → 10 800 €. The CDG's median of 2026: 12 000 € (middle of 10 000, 12 000, 12 400).
 */
async function world(ctx: TestContext) {
  const db = ctx.database.db;
  const a = await tenantWithUsers(ctx);
  const cdgId = a.collectivite.cdgId;
  const admin2 = await createUser(db, { collectiviteId: a.collectivite.id, role: 'administrateur' });
  const b = await createCollectivite(db, cdgId);
  const d = await createCollectivite(db, cdgId);
  const e = await createCollectivite(db, cdgId);
  const assureur = await createAssureur(db);
  const contrat = await createContrat(db, {
    cdgId,
    taux: 8600,
    assureurId: assureur.id,
    collectiviteIds: [a.collectivite.id, b.id, d.id, e.id],
  });
  const base = (collectiviteId: string, annee: number, assiette: number) => ({
    collectiviteId,
    contratId: contrat.id,
    annee,
    type: 'previsionnelle',
    effectif: 10,
    tbi: assiette,
    tauxCotisation: 8600,
    assiette,
    cotisation: Math.round((assiette * 8600) / 100_000),
  });
  await db
    .insert(baseAssurance)
    .values([
      base(a.collectivite.id, 2026, 12_400_000),
      base(a.collectivite.id, 2025, 10_800_000),
      base(b.id, 2026, 12_000_000),
      base(d.id, 2026, 10_000_000),
    ]);
  const { client: g } = await staffMember(ctx, { cdgId });
  return { a, admin2, b, d, e, contrat, g, assureur };
}

describeEachDatabase('appels de cotisation — contrôle et émission par le centre de gestion', (ctx) => {
  it('generates the missing drafts, flags the bases per agent beyond ± 10 %, controls and issues in bulk', async () => {
    const w = await world(ctx());
    const gen = await w.g.request('POST', '/api/gestion/cotisations/generation', { annee: 2026 });
    expect(gen.statusCode, gen.body).toBe(200);
    // A, B and D have a base prévisionnelle; E has none.
    expect(gen.json()).toEqual({ faits: 3, echecs: [] });
    expect((await w.g.request('POST', '/api/gestion/cotisations/generation', { annee: 2026 })).json()).toEqual({
      faits: 0,
      echecs: [],
    });

    const page = (await w.g.request('GET', '/api/gestion/cotisations/controle?annee=2026')).json();
    expect(page.medianeCdg).toBe(1_200_000);
    const par = (id: string) => (page.items as Ligne[]).find((l) => l.collectivite.id === id)!;
    expect(page.items).toHaveLength(3);
    // A: (12 400 − 10 800) / 10 800 = +14,81 % → flagged; (12 400 − 12 000) / 12 000 = +3,33 % → not
    expect(par(w.a.collectivite.id)).toMatchObject({
      statut: 'brouillon',
      baseParAgent: 1_240_000,
      anneePrecedente: { reference: 1_080_000, variation: 1481, signale: true },
      medianeCdg: { reference: 1_200_000, variation: 333, signale: false },
      signale: true,
    });
    expect(par(w.a.collectivite.id).explication).toContain('+14,81 % par rapport à 2025');
    // B: no 2025 base; equal to the median
    expect(par(w.b.id)).toMatchObject({
      anneePrecedente: null,
      medianeCdg: { variation: 0, signale: false },
      signale: false,
      explication: null,
    });
    // D: (10 000 − 12 000) / 12 000 = −16,67 % → flagged against the median
    expect(par(w.d.id)).toMatchObject({ medianeCdg: { variation: -1667, signale: true }, signale: true });
    expect(par(w.d.id).explication).toContain('−16,67 % par rapport à la médiane 2026 du centre de gestion');

    const ecarts = (await w.g.request('GET', '/api/gestion/cotisations/controle?annee=2026&filtre=ecarts')).json();
    expect((ecarts.items as Ligne[]).map((l) => l.collectivite.id).sort()).toEqual(
      [w.a.collectivite.id, w.d.id].sort(),
    );

    const [idA, idB, idD] = [w.a.collectivite.id, w.b.id, w.d.id].map((c) => par(c).id) as [string, string, string];
    const ctl = await w.g.request('POST', '/api/gestion/cotisations/controles', { ids: [idA, idB] });
    expect(ctl.json()).toEqual({ faits: 2, echecs: [] });
    const aControler = (
      await w.g.request('GET', '/api/gestion/cotisations/controle?annee=2026&filtre=a_controler')
    ).json();
    expect((aControler.items as Ligne[]).map((l) => l.id)).toEqual([idD]);

    // D is still a draft: refused, the others are issued (each in its own transaction).
    const em = await w.g.request('POST', '/api/gestion/cotisations/emissions', { ids: [idA, idB, idD] });
    expect(em.statusCode, em.body).toBe(200);
    expect(em.json()).toEqual({
      faits: 2,
      echecs: [
        {
          id: idD,
          numero: par(w.d.id).numero,
          message: 'Cet appel doit être contrôlé par le centre de gestion avant d’être émis.',
        },
      ],
    });
    // Issued again: refused, nothing mailed twice.
    expect((await w.g.request('POST', '/api/gestion/cotisations/emissions', { ids: [idA] })).json().faits).toBe(0);

    // One mail per Administrateur of A (B has none), with the amount: 124 000 € × 8,6 % = 10 664,00 €.
    const mails = await ctx()
      .database.db.select()
      .from(outboxMail)
      .where(inArray(outboxMail.to, [w.a.users.admin.email, w.admin2.email]));
    expect(mails.map((m) => m.to).sort()).toEqual([w.a.users.admin.email, w.admin2.email].sort());
    expect(mails[0]!.subject.replace(/\s/g, ' ')).toBe(
      `Appel de cotisation 2026 n° ${par(w.a.collectivite.id).numero} : 10 664,00 €`,
    );
    expect(mails[0]!.text.replace(/\s/g, ' ')).toContain('Échéance : 10 664,00 € au 31/01/2026');
    expect(mails[0]!.text).toContain(`/espace-contractuel/cotisations/${idA}`);

    // The pilotage page counts the issued calls of the year.
    const pilotage = (await w.g.request('GET', '/api/gestion/pilotage?annee=2026')).json();
    const ligne = (id: string) => pilotage.items.find((l: { id: string }) => l.id === id);
    expect(ligne(w.a.collectivite.id).appels).toEqual({ emis: 1, payes: 0 });
    expect(ligne(w.d.id).appels).toEqual({ emis: 0, payes: 0 });
    expect(ligne(w.e.id).appels).toEqual({ emis: 0, payes: 0 });
  });

  it('scope: another CDG sees and moves nothing; the insurer reads only; the employer is refused', async () => {
    const w = await world(ctx());
    await w.g.request('POST', '/api/gestion/cotisations/generation', { annee: 2026 });
    const items = (await w.g.request('GET', '/api/gestion/cotisations/controle?annee=2026')).json().items as Ligne[];
    const ids = items.map((l) => l.id);

    const autre = (await staffMember(ctx(), { cdgId: (await createCdg(ctx().database.db)).id })).client;
    expect((await autre.request('GET', '/api/gestion/cotisations/controle?annee=2026')).json().items).toEqual([]);
    expect((await autre.request('POST', '/api/gestion/cotisations/generation', { annee: 2026 })).json()).toEqual({
      faits: 0,
      echecs: [],
    });
    const ctlAutre = (await autre.request('POST', '/api/gestion/cotisations/controles', { ids })).json();
    expect(ctlAutre.faits).toBe(0);
    expect(ctlAutre.echecs.map((e: { message: string }) => e.message)).toEqual(
      ids.map(() => 'Appel de cotisation introuvable.'),
    );

    const assureur = (await staffMember(ctx(), { assureurId: w.assureur.id })).client;
    expect((await assureur.request('GET', '/api/gestion/cotisations/controle?annee=2026')).json().items).toHaveLength(
      3,
    );
    expect((await assureur.request('POST', '/api/gestion/cotisations/controles', { ids })).statusCode).toBe(403);
    expect((await assureur.request('POST', '/api/gestion/cotisations/emissions', { ids })).statusCode).toBe(403);
    expect((await assureur.request('POST', '/api/gestion/cotisations/generation', { annee: 2026 })).statusCode).toBe(
      403,
    );

    expect((await w.a.admin.request('GET', '/api/gestion/cotisations/controle?annee=2026')).statusCode).toBe(403);
    expect((await w.a.admin.request('POST', '/api/gestion/cotisations/emissions', { ids })).statusCode).toBe(403);
    // Still drafts.
    const apres = (await w.g.request('GET', '/api/gestion/cotisations/controle?annee=2026&filtre=a_controler')).json();
    expect(apres.items).toHaveLength(3);
    const vide = await w.g.request('POST', '/api/gestion/cotisations/emissions', { ids: [] });
    expect(vide.statusCode).toBe(422);
  });
});
