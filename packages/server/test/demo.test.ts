import { expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, loadDemoData } from '../src/demo/demo.js';
import { parisDate } from '../src/lib/clock.js';
import { login } from './factories.js';
import { describeEachDatabase } from './harness.js';
import { pdfText } from './pdf-text.js';

describeEachDatabase('données de démonstration', (ctx) => {
  it('load into an empty database and give every documented account a working login and the seeds’ contracts', async () => {
    const db = ctx().database.db;
    expect(await isEmpty(db)).toBe(true);
    await loadDemoData(db, ctx().storage, parisDate(ctx().clock.now()));
    expect(await isEmpty(db)).toBe(false);
    for (const account of DEMO_ACCOUNTS) {
      const client = await login(ctx(), account.email, DEMO_PASSWORD);
      expect(client.info, account.email).toBeDefined();
    }
    const admin = await login(ctx(), 'admin@demo.statutis.fr', DEMO_PASSWORD);
    const commune = admin.info.collectivites.find((c) => c.nom === 'Commune de Belleville-sur-Arvelle');
    expect(commune).toBeDefined();
    await admin.request('PUT', '/api/auth/session/collectivite', { collectiviteId: commune!.id });
    // « Statistiques »: the commune has three years of arrêts over its 40 agents' employment history.
    for (const annee of [2024, 2025, 2026]) {
      const stats = (await admin.request('GET', `/api/statistiques?annee=${annee}`)).json();
      expect(stats.effectif.source, String(annee)).toBe('historique d’emploi');
      expect(stats.effectif.moyen, String(annee)).toBeGreaterThan(35);
      const taux = stats.indicateurs.find((i: { code: string }) => i.code === 'taux');
      const frequence = stats.indicateurs.find((i: { code: string }) => i.code === 'frequence');
      expect(taux.valeur, `${annee} ${JSON.stringify(taux)}`).toBeGreaterThan(2);
      expect(frequence.valeur, `${annee} ${JSON.stringify(frequence)}`).toBeGreaterThan(25);
      expect(stats.alertes, String(annee)).toEqual([]);
    }
    // Its annual report (PDF) prints the same taux.
    const rapport = await admin.request('GET', '/api/statistiques/rapport.pdf?annee=2025');
    expect(rapport.statusCode, rapport.body).toBe(200);
    const taux2025 = (await admin.request('GET', '/api/statistiques?annee=2025'))
      .json()
      .indicateurs.find((i: { code: string }) => i.code === 'taux').valeurTexte;
    expect(pdfText(rapport.rawPayload)).toContain(`Taux d’absentéisme : ${taux2025}`);
    {
      // « Prévisions à 90 jours » on the clock's 25/11/2026: PRÉVOST's MO since 11/09 (25/11 − 75) passes to half pay
      // on 11/09 + 90 = 10/12; VIDAL's CLM since 20/12/2025 (− 340) on 20/12/2025 + 365 = 20/12/2026; ROUSSEL's
      // CLM since 05/01/2024 (− 1 055) ends on 05/01/2024 + 1 095 = 04/01/2027, if extended past 20/12.
      const p = (await admin.request('GET', '/api/statistiques/prevision')).json();
      expect(
        p.items.map(
          (l: {
            agentNom: string;
            demiTraitement: { date: string } | null;
            finDroits: { date: string; dansArretConnu: boolean } | null;
          }) => [
            l.agentNom,
            l.demiTraitement?.date ?? null,
            l.finDroits ? `${l.finDroits.date} ${l.finDroits.dansArretConnu ? 'connu' : 'si prolongé'}` : null,
          ],
        ),
      ).toEqual([
        ['PRÉVOST Sophie', '2026-12-10', null],
        ['VIDAL Claire', '2026-12-20', null],
        ['ROUSSEL Marc', null, '2027-01-04 si prolongé'],
      ]);
      expect(p.cout.maintenuCentimes).toBeGreaterThan(0);
      expect(p.cout.agentsSansSalaire).toBe(0);
    }
    const contrats = (await admin.request('GET', '/api/contrats?sort=numero')).json().items;
    expect(contrats.map((c: { numero: string; tauxCotisation: number }) => [c.numero, c.tauxCotisation])).toEqual([
      ['ARV-CNRACL-2024', 6500],
      ['ARV-IRCANTEC-2024', 1100],
    ]);
    const cnracl = (await admin.request('GET', `/api/contrats/${contrats[0].id}`)).json();
    expect(cnracl).toMatchObject({
      preavisAssureurMois: 6,
      preavisAssureMois: 4,
      dateEffet: '2024-01-01',
      dateFin: '2027-12-31',
    });
    {
      // The demo's décompte is the engine's: the seeds' MO (1–7 September and a 16-day prolongation)
      // pays 16/09–23/09 at 90 %: TBI 245 612 × 8/30 × 0,9 = 58 946,88 and NBI 7 384 × 0,24 = 1 772,16,
      // 60 719,04 cents → 607,19 €. The closed 4-day illness stays inside its franchise: no décompte.
      const cc = await login(ctx(), 'admin.cc@demo.statutis.fr', DEMO_PASSWORD);
      const [r] = (await cc.request('GET', '/api/reglements')).json().items;
      expect(r).toMatchObject({ statut: 'paye', montant: 60_719, nombreDecomptes: 1 });
      const [d] = (await cc.request('GET', `/api/reglements/${r.id}`)).json().decomptes;
      const [explique] = (await cc.request('GET', `/api/sinistres/${d.sinistre.id}/decomptes`)).json().items;
      expect(explique).toMatchObject({ montant: 60_719, joursFranchise: 15, joursCarence: 1 });
      expect(explique.explication).toContain(
        'Du 16/09 au 23/09 : 8/30 à 90\u00a0% — plein traitement réduit, arrêt débuté à compter du 1er mars 2025.',
      );
    }
    // The communauté de communes shows sinistres at every stage, consistent with the rules.
    const cc = await login(ctx(), 'admin.cc@demo.statutis.fr', DEMO_PASSWORD);
    const sinistres = (await cc.request('GET', '/api/sinistres?sort=dateSurvenance')).json();
    // Its bell: the handler's two comments, the newer one unread.
    expect((await cc.request('GET', '/api/notifications/non-lues')).json()).toEqual({ nonLues: 1 });
    expect(
      (await cc.request('GET', '/api/notifications'))
        .json()
        .items.map((n: { kind: string; lueLe: string | null }) => [n.kind, n.lueLe === null]),
    ).toEqual([
      ['commentaire', true],
      ['commentaire', false],
    ]);
    expect(sinistres.items.map((s: { agentNom: string; statut: string }) => `${s.agentNom} ${s.statut}`)).toEqual([
      'LEFÈVRE clos',
      'GARNIER clos',
      'MÉNARD ouvert',
      'BŒUF ouvert',
      'MARTIN brouillon',
    ]);
    for (const s of sinistres.items as { id: string; statut: string }[]) {
      const detail = (await cc.request('GET', `/api/sinistres/${s.id}`)).json();
      // Only the draft misses pieces: the others were validated with all of theirs.
      expect(detail.piecesManquantes.length > 0, detail.numero).toBe(s.statut === 'brouillon');
    }
    const manquants = (await cc.request('GET', '/api/documents-manquants')).json();
    expect(manquants.items.map((m: { libelle: string }) => m.libelle)).toEqual([
      'Déclaration d’accident de l’employeur',
      'Enquête administrative signée',
      'Arrêté d’imputabilité au service',
      'Bulletins de salaire de la période',
    ]);
    const martin = sinistres.items.find((s: { agentNom: string }) => s.agentNom === 'MARTIN');
    expect(martin.commentairesNonLus).toBe(1);
    // The accident's validated consultation is on its validated décompte, which the next run pays.
    const decomptesAccident = (await cc.request('GET', `/api/sinistres/${martin.id}/decomptes`)).json().items;
    expect(decomptesAccident).toMatchObject([
      {
        nature: 'frais_medicaux',
        beneficiaire: 'collectivite',
        statut: 'valide',
        montant: 3_000,
        reglement: null,
        lignes: [{ libelle: 'Consultation, visite du 14/10/2026' }],
      },
    ]);
    const pieces = (await cc.request('GET', `/api/sinistres/${martin.id}/pieces`)).json();
    const certificat = pieces.exigences.find((e: { code: string }) => e.code === 'certificat_initial').pieces[0];
    const file = await cc.request('GET', `/api/sinistres/${martin.id}/pieces/${certificat.id}/fichier`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The engine's inputs: the months of each sinistre saved, the IRCANTEC agent's IJSS entered.
    const boeuf = sinistres.items.find((s: { agentNom: string }) => s.agentNom === 'BŒUF');
    const salaires = (await cc.request('GET', `/api/sinistres/${boeuf.id}/salaires`)).json();
    expect(
      salaires.mois.map((m: { mois: string; tbi: number; enregistre: boolean }) => [m.mois, m.tbi, m.enregistre]),
    ).toEqual([
      ['2026-10', 201_300, true],
      ['2026-11', 204_870, true],
    ]);
    const garnier = sinistres.items.find((s: { agentNom: string }) => s.agentNom === 'GARNIER');
    expect((await cc.request('GET', `/api/sinistres/${garnier.id}/ijss`)).json()).toMatchObject({
      applicable: true,
      items: [{ du: '2026-08-06', au: '2026-08-28', montantJournalier: 2_004, montantPeriode: 46_092 }],
    });
    const agents = (await cc.request('GET', '/api/agents?q=helene')).json();
    expect(agents.items.map((a: { nom: string }) => a.nom)).toEqual(['MÉNARD']);
    expect((await cc.request('GET', '/api/agents?incomplet=oui')).json().total).toBe(2);
    expect(cnracl.garanties.find((g: { risque: string }) => g.risque === 'maladie_ordinaire')).toMatchObject({
      franchiseNombre: 15,
      franchiseUnite: 'jours_fermes_par_arret',
      delaiDeclarationJours: 90,
      delaiPiecesMedicalesJours: 730,
      delaiDecesJours: 3650,
    });
    // The accident has two medical fees: one validated, one the demo gestionnaire has to decide.
    const frais = (await cc.request('GET', `/api/sinistres/${martin.id}/frais-medicaux`)).json();
    expect(frais.items.map((f: { nature: string; statut: string }) => `${f.nature} ${f.statut}`)).toEqual([
      'kinesitherapie saisie',
      'consultation validee',
    ]);
    const gestionnaire = await login(ctx(), 'gestionnaire@demo.statutis.fr', DEMO_PASSWORD);
    const aValider = (await gestionnaire.request('GET', '/api/gestion/frais-medicaux')).json();
    expect(aValider.items.map((f: { prestataire: string }) => f.prestataire)).toEqual([
      'Cabinet de kinésithérapie des Tilleuls',
    ]);
    // The insurer's gestionnaire reaches the collectivités of his contracts, named as his organisation.
    const insurer = await login(ctx(), 'assureur@demo.statutis.fr', DEMO_PASSWORD);
    const session = (await insurer.request('GET', '/api/auth/session')).json();
    expect(session.user.organisation).toBe('Assureur Mutuelle Territoriale d’Assurance (fictive)');
    expect(session.collectivites.map((c: { nom: string }) => c.nom)).toContain(
      'Communauté de communes du Val d’Arvelle',
    );
    // Contributions at work: the CDG's 2025 and 2026 calls in every state, the fee called separately.
    type A = { numero: string; objet: string; nature: string; statut: string; total: number; encaisse: number } & {
      collectivite: { nom: string };
    };
    const etat = async (annee: number) =>
      ((await gestionnaire.request('GET', `/api/gestion/cotisations/appels?annee=${annee}`)).json().items as A[])
        .map((a) => [a.collectivite.nom.split(' ')[0], a.numero.slice(0, 2), a.statut, a.total, a.encaisse])
        .sort((x, y) => String(x).localeCompare(String(y)));
    expect(await etat(2025)).toEqual(
      [
        // 492 000 € × 6,50 % quarterly: three échéances paid, the fourth overdue; + 975,00 € regularised
        ['Commune', 'AC', 'paye_partiellement', 3_198_000, 2_398_500],
        ['Commune', 'FG', 'solde', 189_000, 189_000],
        ['Commune', 'AC', 'solde', 66_000, 66_000],
        ['Commune', 'RG', 'emis', 97_500, 0],
        ['CCAS', 'AC', 'solde', 975_000, 975_000],
        ['CCAS', 'FG', 'solde', 42_000, 42_000],
        ['CCAS', 'RG', 'emis', -52_000, 0],
      ].sort((x, y) => String(x).localeCompare(String(y))),
    );
    expect(await etat(2026)).toEqual(
      [
        ['CCAS', 'AC', 'paye_partiellement', 988_000, 494_000],
        ['CCAS', 'FG', 'emis', 42_000, 0],
      ].sort((x, y) => String(x).localeCompare(String(y))),
    );
    const releves = (await gestionnaire.request('GET', '/api/gestion/cotisations/releves')).json().items;
    expect(releves.map((r: { statut: string; compteurs: object }) => [r.statut, r.compteurs])).toEqual([
      ['applique', expect.objectContaining({ rapproche: 4, inconnu: 1 })],
    ]);
  });
});
