import { formatEuros } from '@statutis/domain';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outboxMail } from '../src/lib/mail/outbox.table.js';
import { auditEvent } from '../src/modules/audit/audit.table.js';
import { fraisMedical } from '../src/modules/frais-medicaux/frais-medicaux.table.js';
import { staffMember } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';
import { multipartBody, TINY_PDF } from './multipart.js';
import { declareSinistre, FRAIS_KINE, insuredTenant, saisirFrais } from './world.js';

const IBAN_KINE = 'FR7630006000011234567890189';

/** An insured collectivité with an accident de service of 01/04/2026 and the gestionnaire of its CDG. */
async function monde(ctx: TestContext) {
  const insured = await insuredTenant(ctx);
  const accidentId = await declareSinistre(insured.t.publicateur, insured.agentId, 'accident_service', '2026-04-01');
  const { client: cdg } = await staffMember(ctx, { cdgId: insured.t.collectivite.cdgId });
  return { ...insured, accidentId, cdg };
}

const errors = (body: string) => (JSON.parse(body) as { errors: { field: string; message: string }[] }).errors;

describeEachDatabase('frais médicaux des dossiers CITIS', (ctx) => {
  it('the employer enters an invoice; the real amount less the agent’s own cover is retained', async () => {
    const { t, accidentId } = await monde(ctx());
    const r = await saisirFrais(t.publicateur, accidentId, {
      ...FRAIS_KINE,
      montantPrisEnCharge: '234,56',
      beneficiaire: 'praticien',
      beneficiaireNom: 'Cabinet Kiné du Port',
      beneficiaireIban: 'fr76 3000 6000 0112 3456 7890 189',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      dateSoins: '2026-04-10',
      nature: 'kinesitherapie',
      prestataire: 'Cabinet Kiné du Port',
      montantFacture: 123_456,
      montantPrisEnCharge: 23_456,
      // 1 234,56 − 234,56 = 1 000,00 €
      montantRetenu: 100_000,
      beneficiaire: 'praticien',
      beneficiaireNom: 'Cabinet Kiné du Port',
      beneficiaireIban: 'FR76 3000 6000 0112 3456 7890 189',
      statut: 'saisie',
      facture: { nom: 'facture-kine.pdf', telechargeable: true },
      regle: false,
    });
    const [row] = await ctx().database.db.select().from(fraisMedical).where(eq(fraisMedical.id, r.json().id));
    expect(row!.beneficiaireIban).toBe(IBAN_KINE);
    const [audit] = await ctx().database.db.select().from(auditEvent).where(eq(auditEvent.entityId, r.json().id));
    expect(audit).toMatchObject({ entity: 'frais_medical', action: 'saisie' });
    // The practitioner's name and the file's may tell the care: not in the journal.
    expect(JSON.stringify(audit!.changes)).not.toContain('Kiné');
  });

  it('only a CITIS sinistre has medical fees', async () => {
    const { t, agentId } = await monde(ctx());
    const mo = await declareSinistre(t.publicateur, agentId, 'maladie_ordinaire', '2026-03-01');
    const r = await saisirFrais(t.publicateur, mo, { ...FRAIS_KINE, dateSoins: '2026-03-10' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({
      code: 'frais_hors_citis',
      detail:
        'Les frais médicaux ne se saisissent que pour un accident de service, un accident de trajet ou une maladie professionnelle.',
    });
    expect(await ctx().database.db.select().from(fraisMedical).where(eq(fraisMedical.sinistreId, mo))).toEqual([]);
  });

  it('refuses what a user may type wrong, in French, naming each field', async () => {
    const { t, accidentId } = await monde(ctx());
    const cases: [Record<string, string>, string, string][] = [
      [
        { montantFacture: '12,345' },
        'montantFacture',
        'Montant facturé : saisissez un montant en euros, par exemple 1 234,56.',
      ],
      [
        { montantPrisEnCharge: '2 000' },
        'montantPrisEnCharge',
        'Déjà pris en charge : ne peut dépasser le montant facturé.',
      ],
      // The harness's today is 25/11/2026; the accident happened on 01/04/2026.
      [
        { dateSoins: '2026-11-26' },
        'dateSoins',
        'La date des soins (26/11/2026) est dans le futur : saisissez une facture de soins déjà reçus, au plus tard aujourd’hui (25/11/2026).',
      ],
      [
        { dateSoins: '2026-03-31' },
        'dateSoins',
        'La date des soins (31/03/2026) précède le sinistre (survenu le 01/04/2026) : ces soins ne relèvent pas de ce dossier.',
      ],
      [
        { beneficiaire: 'praticien', beneficiaireNom: 'Dr Martin', beneficiaireIban: 'FR7630006000011234567890188' },
        'beneficiaireIban',
        'IBAN du praticien invalide : recopiez-le depuis son RIB (en France, 27 caractères commençant par FR76…).',
      ],
      [
        { nature: 'massage' },
        'nature',
        'Nature des soins : choisissez consultation, pharmacie, kinésithérapie, hospitalisation, transport, appareillage ou autre.',
      ],
    ];
    for (const [over, field, message] of cases) {
      const r = await saisirFrais(t.publicateur, accidentId, { ...FRAIS_KINE, ...over });
      expect(r.statusCode, JSON.stringify(over)).toBe(422);
      expect(errors(r.body)).toContainEqual({ field, message });
    }
    const texte = await saisirFrais(t.publicateur, accidentId, FRAIS_KINE, {
      name: 'facture.pdf',
      content: 'pas un PDF',
    });
    expect(texte.statusCode).toBe(422);
    expect(texte.json().detail).toBe(
      'Ce fichier n’est pas un PDF, une image JPEG ou PNG (son contenu a été vérifié, pas seulement son nom).',
    );
    const sansFichier = await t.publicateur.request('POST', `/api/sinistres/${accidentId}/frais-medicaux`, {
      ...FRAIS_KINE,
    });
    expect(sansFichier.statusCode).toBe(415);
    expect(await ctx().database.db.select().from(fraisMedical).where(eq(fraisMedical.sinistreId, accidentId))).toEqual(
      [],
    );
    expect((await t.lecteur.request('POST', `/api/sinistres/${accidentId}/frais-medicaux`, {})).statusCode).toBe(403);
  });

  it('the gestionnaire validates or refuses with a motif; the employer is mailed and sees the status and totals', async () => {
    const { t, accidentId, cdg } = await monde(ctx());
    const kine = (await saisirFrais(t.publicateur, accidentId)).json();
    ctx().clock.advance(60_000);
    const pharma = (
      await saisirFrais(t.publicateur, accidentId, {
        ...FRAIS_KINE,
        dateSoins: '2026-04-12',
        nature: 'pharmacie',
        prestataire: 'Pharmacie Centrale',
        montantFacture: '45,80',
      })
    ).json();

    const aValider = await cdg.request('GET', '/api/gestion/frais-medicaux');
    expect(aValider.statusCode, aValider.body).toBe(200);
    expect(aValider.json().items.map((f: { id: string }) => f.id)).toEqual([kine.id, pharma.id]);
    expect(aValider.json().items[0]).toMatchObject({
      collectiviteNom: t.collectivite.nom,
      sinistreNumero: expect.stringMatching(/^2026-\d{6}$/),
      agentNom: expect.any(String),
    });

    const url = (id: string) => `/api/gestion/sinistres/${accidentId}/frais-medicaux/${id}/decision`;
    const sansMotif = await cdg.request('POST', url(pharma.id), { action: 'refuser', motif: '' });
    expect(sansMotif.statusCode).toBe(422);
    expect(errors(sansMotif.body)).toContainEqual({ field: 'motif', message: 'Motif du refus : champ obligatoire.' });
    const valide = await cdg.request('POST', url(kine.id), { action: 'valider' });
    expect(valide.statusCode, valide.body).toBe(200);
    expect(valide.json()).toMatchObject({ statut: 'validee', decidePar: 'Centre de gestion — Camille DUPONT' });
    const refuse = await cdg.request('POST', url(pharma.id), {
      action: 'refuser',
      motif: 'Soins sans lien avec l’accident.',
    });
    expect(refuse.json()).toMatchObject({ statut: 'refusee', motifRefus: 'Soins sans lien avec l’accident.' });
    const encore = await cdg.request('POST', url(kine.id), { action: 'refuser', motif: 'Erreur' });
    expect(encore.statusCode).toBe(409);
    expect(encore.json().detail).toBe(
      `La facture « Kinésithérapie du 10/04/2026 » (${formatEuros(123_456)}) a déjà été validée par Centre de gestion — Camille DUPONT.`,
    );
    expect((await cdg.request('GET', '/api/gestion/frais-medicaux')).json().items).toEqual([]);

    const employer = await t.lecteur.request('GET', `/api/sinistres/${accidentId}/frais-medicaux`);
    expect(employer.statusCode, employer.body).toBe(200);
    expect(employer.json().items.map((f: { statut: string }) => f.statut)).toEqual(['refusee', 'validee']);
    // 1 234,56 + 45,80 = 1 280,36 € invoiced; 1 234,56 € validated; nothing waiting.
    expect(employer.json().totaux).toEqual({
      facture: 128_036,
      retenuValide: 123_456,
      retenuEnAttente: 0,
      nombre: 2,
      enAttente: 0,
    });

    const mails = await ctx().database.db.select().from(outboxMail);
    const to = (email: string) => mails.filter((m) => m.to === email);
    expect(to(t.users.lecteur.email)).toEqual([]);
    const refus = to(t.users.publicateur.email).find((m) => m.subject.startsWith('Frais médicaux refusés'))!;
    expect(refus.text).toContain(`La facture « Pharmacie du 12/04/2026 » (${formatEuros(4_580)})`);
    expect(refus.text).toContain('Motif : Soins sans lien avec l’accident.');
    expect(refus.text).toContain(`/declarations/sinistres/${accidentId}#frais-medicaux`);
    expect(
      to(t.users.admin.email)
        .map((m) => m.subject)
        .sort(),
    ).toEqual([
      expect.stringMatching(/^Frais médicaux refusés : sinistre n° 2026-\d{6}$/),
      expect.stringMatching(/^Frais médicaux validés : sinistre n° 2026-\d{6}$/),
    ]);
    const journal = await ctx().database.db.select().from(auditEvent).where(eq(auditEvent.entityId, kine.id));
    expect(journal.map((e) => e.action).sort()).toEqual(['saisie', 'validation_frais']);
  });

  it('a Lecteur sees the fee but neither the practitioner nor the invoice; a Publicateur downloads it as an attachment', async () => {
    const { t, accidentId } = await monde(ctx());
    const f = (await saisirFrais(t.publicateur, accidentId)).json();
    const lecteur = (await t.lecteur.request('GET', `/api/sinistres/${accidentId}/frais-medicaux`)).json().items[0];
    expect(lecteur).toMatchObject({
      prestataire: 'Non affiché (donnée médicale)',
      montantFacture: 123_456,
      facture: { nom: 'Facture', telechargeable: false },
    });
    const url = `/api/sinistres/${accidentId}/frais-medicaux/${f.id}/facture`;
    const refus = await t.lecteur.request('GET', url);
    expect(refus.statusCode).toBe(403);
    expect(refus.body).not.toContain('%PDF');
    const ok = await t.publicateur.request('GET', url);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-disposition']).toMatch(/^attachment; filename="facture-kine.pdf"/);
    expect(ok.headers['content-type']).toBe('application/pdf');
    expect(ok.rawPayload.equals(TINY_PDF)).toBe(true);
  });

  it('tenant isolation: another collectivité and another CDG reach nothing, the list across collectivités stays in scope', async () => {
    const a = await monde(ctx());
    const b = await monde(ctx());
    const f = (await saisirFrais(a.t.publicateur, a.accidentId)).json();
    expect((await b.t.admin.request('GET', `/api/sinistres/${a.accidentId}/frais-medicaux`)).statusCode).toBe(404);
    expect(
      (await b.t.admin.request('GET', `/api/sinistres/${a.accidentId}/frais-medicaux/${f.id}/facture`)).statusCode,
    ).toBe(404);
    // A fee id under B's own sinistre: still not found.
    expect(
      (await b.t.admin.request('GET', `/api/sinistres/${b.accidentId}/frais-medicaux/${f.id}/facture`)).statusCode,
    ).toBe(404);
    const body = multipartBody({ name: 'f.pdf', content: TINY_PDF }, 'fichier', FRAIS_KINE);
    const intrus = await b.t.admin.request(
      'POST',
      `/api/sinistres/${a.accidentId}/frais-medicaux`,
      body.payload,
      body.headers,
    );
    expect(intrus.statusCode).toBe(404);
    // B's gestionnaire is of another CDG (each world makes its own).
    expect((await b.cdg.request('GET', '/api/gestion/frais-medicaux')).json().items).toEqual([]);
    const decision = await b.cdg.request(
      'POST',
      `/api/gestion/sinistres/${a.accidentId}/frais-medicaux/${f.id}/decision`,
      { action: 'valider' },
    );
    expect(decision.statusCode).toBe(404);
    expect((await a.cdg.request('GET', '/api/gestion/frais-medicaux')).json().items).toHaveLength(1);
    const [row] = await ctx().database.db.select().from(fraisMedical).where(eq(fraisMedical.id, f.id));
    expect(row!.statut).toBe('saisie');
  });

  it('pages of 20, newest care first, totals over every fee', async () => {
    const { t, accidentId } = await monde(ctx());
    // 21 invoices of 10,00 € from 01/04 to 21/04.
    for (let day = 1; day <= 21; day++)
      expect(
        (
          await saisirFrais(t.publicateur, accidentId, {
            ...FRAIS_KINE,
            dateSoins: `2026-04-${String(day).padStart(2, '0')}`,
            montantFacture: '10',
          })
        ).statusCode,
      ).toBe(201);
    const first = (await t.publicateur.request('GET', `/api/sinistres/${accidentId}/frais-medicaux`)).json();
    expect(first.items).toHaveLength(20);
    expect(first.items[0].dateSoins).toBe('2026-04-21');
    // 21 × 10,00 = 210,00 €, all waiting.
    expect(first.totaux).toEqual({
      facture: 21_000,
      retenuValide: 0,
      retenuEnAttente: 21_000,
      nombre: 21,
      enAttente: 21,
    });
    const second = (
      await t.publicateur.request('GET', `/api/sinistres/${accidentId}/frais-medicaux?apres=${first.suivant}`)
    ).json();
    expect(second.items.map((f: { dateSoins: string }) => f.dateSoins)).toEqual(['2026-04-01']);
    expect(second.suivant).toBeNull();
    const bad = await t.publicateur.request('GET', `/api/sinistres/${accidentId}/frais-medicaux?apres=x`);
    expect(bad.statusCode).toBe(422);
    expect(errors(bad.body)).toContainEqual({ field: 'apres', message: 'Clé de page invalide.' });
  });

  it('the database keeps a practitioner paid directly with his name and IBAN, and amounts coherent', async () => {
    const { t, accidentId } = await monde(ctx());
    const f = (await saisirFrais(t.publicateur, accidentId)).json();
    const q = ctx().database.query.bind(ctx().database);
    const code = async (statement: string) => {
      try {
        await q(statement, [f.id]);
      } catch (e) {
        return (e as { constraint?: string }).constraint;
      }
      return 'accepté';
    };
    expect(await code(`UPDATE frais_medical SET beneficiaire = 'praticien' WHERE id = $1`)).toBe(
      'frais_medical_praticien_check',
    );
    expect(await code(`UPDATE frais_medical SET montant_retenu = montant_retenu + 1 WHERE id = $1`)).toBe(
      'frais_medical_montants_check',
    );
    expect(await code(`UPDATE frais_medical SET statut = 'refusee', decide_le = now() WHERE id = $1`)).toBe(
      'frais_medical_refus_check',
    );
    expect(await code(`UPDATE frais_medical SET decompte_id = gen_random_uuid() WHERE id = $1`)).toBe(
      'frais_medical_decompte_check',
    );
  });
});
