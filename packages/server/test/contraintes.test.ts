import pg from 'pg';
import { expect, it } from 'vitest';
import { describeEachDatabase, type TestContext } from './harness.js';
import { declareSinistre, populatedTenant } from './world.js';

/** Every CHECK on a closed list of values, as `[table, column]`; its constraint is `<table>_<column>_check`. */
const CHECKS: [table: string, column: string][] = [
  ['statistiques_agregat', 'maternite'],
  ['statistiques_agregat_cdg', 'maternite'],
  ['agent', 'statut'],
  ['agent', 'temps_travail'],
  ['agent', 'sexe'],
  ['agent', 'motif_depart'],
  ['agent_emploi', 'statut'],
  ['agent_emploi', 'temps_travail'],
  ['antecedent', 'categorie'],
  ['appel_cotisation', 'statut'],
  ['appel_cotisation', 'nature'],
  ['appel_cotisation', 'periodicite'],
  ['appel_cotisation', 'objet'],
  ['appel_cotisation_ligne', 'nature'],
  ['arret', 'type'],
  ['assureur', 'kind'],
  ['base_assurance', 'type'],
  ['collectivite', 'type'],
  ['cotisation_frais_parametre', 'modele'],
  ['encaissement_cotisation', 'mode'],
  ['encaissement_cotisation', 'source'],
  ['releve_import', 'statut'],
  ['releve_import', 'format'],
  ['decision', 'type'],
  ['decision', 'reference_nature'],
  ['calcul_lot', 'statut'],
  ['decompte', 'statut'],
  ['decompte', 'nature'],
  ['decompte', 'beneficiaire'],
  ['enquete_administrative', 'nature'],
  ['frais_medical', 'nature'],
  ['frais_medical', 'statut'],
  ['frais_medical', 'beneficiaire'],
  ['faq_entree', 'module'],
  ['guide_section', 'module'],
  ['garantie', 'risque'],
  ['garantie', 'franchise_unite'],
  ['garantie', 'hors_delai_regle'],
  ['job', 'status'],
  ['job_schedule', 'status'],
  ['liste_import', 'statut'],
  ['notification', 'kind'],
  ['outbox_mail', 'status'],
  ['piece', 'statut'],
  ['piece_modele', 'categorie'],
  ['piece_modele', 'etape'],
  ['reglement', 'statut'],
  ['reglement', 'beneficiaire'],
  ['requalification', 'statut'],
  ['requalification', 'de'],
  ['requalification', 'vers'],
  ['sinistre', 'statut'],
  ['sinistre', 'categorie'],
  ['sinistre', 'imputabilite'],
];

/** CHECKs that tie columns together rather than close a list: tested where their rule is. */
const COHERENCE = [
  'app_user_organisation_check',
  'decision_periode_check',
  'decompte_periode_check',
  'decompte_praticien_check',
  'reglement_montant_check',
  'reglement_parametre_organisation_check',
  'controle_medical_injustifie_check',
  'gestion_echantillonnage_organisation_check',
  'gestion_echantillonnage_pourcentage_check',
  'antecedent_periode_check',
  'ijss_periode_check',
  'ijss_montant_check',
  'salaire_mensuel_mois_check',
  'frais_medical_montants_check',
  'frais_medical_praticien_check',
  'frais_medical_refus_check',
  'frais_medical_decision_check',
  'frais_medical_decompte_check',
  'appel_cotisation_mois_check',
  'appel_cotisation_encaisse_check',
  'encaissement_cotisation_montant_check',
  // A closed list, but « inconnu » (the generic test's value) is one of its verdicts.
  'releve_ligne_statut_check',
  'cotisation_frais_parametre_periode_check',
  'cotisation_frais_parametre_montant_check',
];

/** The failed statement's SQLSTATE and constraint (PGlite and node-postgres raise the same fields). */
async function failure(run: Promise<unknown>): Promise<{ code?: string; constraint?: string }> {
  try {
    await run;
  } catch (e) {
    return e as { code?: string; constraint?: string };
  }
  throw new Error('l’instruction aurait dû échouer');
}

/** The rows the world lacks: one valid row in each table a CHECK guards. */
async function completeWorld(ctx: TestContext, w: Awaited<ReturnType<typeof populatedTenant>>) {
  const q = ctx.database.query.bind(ctx.database);
  await q(`INSERT INTO assureur (nom, kind) VALUES ('Assureur des contraintes', 'assureur')`);
  await q(`INSERT INTO job (kind) VALUES ('contraintes')`);
  // The CDG dashboard's precomputed rows (issue 12).
  await q(
    `INSERT INTO statistiques_agregat (annee_debut, annee_fin, maternite, collectivite_id, cdg_id, jours_periode, jours_agents,
       jours, arrets, agents_cnracl, strate, primes, sinistres, arrets_longs, citis_ouverts, agregat, ligne, calcule_le)
     VALUES (2026, 2026, 'exclue', $1, $2, 365, 0, 0, 0, 0, '1-9', 0, 0, 0, 0, '{}'::jsonb, '{}'::jsonb, now())`,
    [w.t.collectivite.id, w.t.collectivite.cdgId],
  );
  await q(
    `INSERT INTO statistiques_agregat_cdg (cdg_id, annee_debut, annee_fin, maternite, strates, calcule_le)
     VALUES ($1, 2026, 2026, 'exclue', '[]'::jsonb, now())`,
    [w.t.collectivite.cdgId],
  );
  await q(
    `INSERT INTO notification (user_id, collectivite_id, kind, titre, lien, sujet)
     VALUES ($1, $2, 'decision', 'Décision', '/declarations/sinistres', 'contraintes')`,
    [w.t.users.admin.id, w.t.collectivite.id],
  );
  await q(
    `INSERT INTO job_schedule (kind, subject, period, due_at, keep_until) VALUES ('contraintes', 's:1', 'p', now(), now())`,
  );
  await q(
    `INSERT INTO decision (collectivite_id, sinistre_id, type, reference_nature, categorie_avant, auteur, decide_le, lettre, created_at)
     VALUES ($1, $2, 'refus', 'contrat', 'maladie_ordinaire', 'Test', '2026-03-01', '{}'::jsonb, now())`,
    [w.t.collectivite.id, w.sinistreId],
  );
  // A décompte and the règlement that pays it (issue 10).
  const [c] = await q<{ contrat_id: string }>(`SELECT contrat_id FROM sinistre WHERE id = $1`, [w.sinistreId]);
  const [r] = await q<{ id: string }>(
    `INSERT INTO reglement (annee, collectivite_id, contrat_id, periode_du, periode_au, statut, beneficiaire, montant)
     VALUES (2026, $1, $2, '2026-03-01', '2026-03-31', 'calcule', 'collectivite', 100) RETURNING id`,
    [w.t.collectivite.id, c!.contrat_id],
  );
  await q(
    `INSERT INTO decompte (annee, collectivite_id, sinistre_id, contrat_id, periode_du, periode_au, version, statut,
       nature, beneficiaire, montant, a_regler, lignes, journal, entrees, calcule_le, reglement_id)
     VALUES (2026, $1, $2, $3, '2026-03-01', '2026-03-31', 1, 'valide', 'indemnites_journalieres', 'collectivite',
       100, 100, '[]'::jsonb, '[]'::jsonb, '{}'::jsonb, now(), $4)`,
    [w.t.collectivite.id, w.sinistreId, c!.contrat_id, r!.id],
  );
  // Decided, so that a status outside the list meets its own CHECK first (the coherence ones pass).
  await q(
    `INSERT INTO frais_medical (collectivite_id, sinistre_id, date_soins, nature, prestataire, montant_facture,
       montant_retenu, beneficiaire, statut, facture_nom, facture_mime, facture_storage_key, facture_sha256,
       facture_taille, saisi_par_libelle, created_at, decide_par_libelle, decide_le)
     VALUES ($1, $2, '2026-04-02', 'pharmacie', 'Pharmacie', 1000, 1000, 'collectivite', 'validee', 'f.pdf',
       'application/pdf', 'frais-medicaux/absent', $3, 1, 'Test', now(), 'Test', now())`,
    [w.t.collectivite.id, w.accidentId, '0'.repeat(64)],
  );
  await q(`INSERT INTO outbox_mail ("to", subject, text, html) VALUES ('a@b.fr', 's', 't', 'h')`);
  await q(
    `INSERT INTO requalification (collectivite_id, sinistre_id, de, vers, motif, statut, demande_par, created_at)
     VALUES ($1, $2, 'maladie_ordinaire', 'accident_service', 'Motif', 'demandee', 'Test', now())`,
    [w.t.collectivite.id, w.sinistreId],
  );
  await q(
    `INSERT INTO antecedent (collectivite_id, agent_id, categorie, du, au, saisi_par, saisi_le)
     VALUES ($1, $2, 'maladie_ordinaire', '2019-01-07', '2019-01-11', 'Test', now())`,
    [w.t.collectivite.id, w.agentId],
  );
  await q(
    `INSERT INTO calcul_lot (organisation, user_label, periode_du, periode_au, statut, created_at)
     VALUES ('{}'::jsonb, 'Test', '2026-10-01', '2026-10-31', 'termine', now())`,
  );
  // A draft contribution call with one line, and the CDG's fee parameters (issue 11).
  await q(
    `INSERT INTO cotisation_frais_parametre (cdg_id, du, modele, montant_par_agent) VALUES ($1, '2024-01-01', 'forfait_agent', 7000)`,
    [w.t.collectivite.cdgId],
  );
  const [appel] = await q<{ id: string }>(
    `INSERT INTO appel_cotisation (annee, nature, collectivite_id, contrat_id, statut, periodicite, debut_couverture, mois, total)
     VALUES (2026, 'appel', $1, $2, 'brouillon', 'annuelle', '2026-01-01', 12, 100) RETURNING id`,
    [w.t.collectivite.id, c!.contrat_id],
  );
  await q(
    `INSERT INTO appel_cotisation_ligne (appel_id, rang, nature, code, libelle, mois, montant)
     VALUES ($1, 1, 'cotisation', 'CNRACL', 'Cotisation', 12, 100)`,
    [appel!.id],
  );
  // A payment on it, and a bank statement's import (issue 11).
  await q(
    `INSERT INTO encaissement_cotisation (appel_id, montant, date, mode, source) VALUES ($1, 100, '2026-02-01', 'virement', 'saisie')`,
    [appel!.id],
  );
  await q(
    `INSERT INTO releve_import (organisation_id, nom_fichier, format, statut, compteurs)
     VALUES ($1, 'releve.csv', 'csv', 'a_valider', '{}'::jsonb)`,
    [w.t.collectivite.cdgId],
  );
  await q(
    `INSERT INTO agent_emploi (agent_id, collectivite_id, date_effet, regime, statut, temps_travail, created_at)
     VALUES ($1, $2, '2026-01-01', 'CNRACL', 'titulaire', 'complet', now())`,
    [w.agentId, w.t.collectivite.id],
  );
  await q(`INSERT INTO guide_section (module, titre, contenu) VALUES ('agents', 'Guide', 'Texte')`);
  await q(`INSERT INTO faq_entree (module, question, reponse) VALUES ('agents', 'Question', 'Réponse')`);
}

describeEachDatabase('contraintes de la base', (ctx) => {
  it('every CHECK refuses a value outside the domain’s list, and each one is tested here', async () => {
    const w = await populatedTenant(ctx());
    await completeWorld(ctx(), w);
    const q = ctx().database.query.bind(ctx().database);
    const declared = await q<{ conname: string }>(
      `SELECT conname FROM pg_constraint
       WHERE contype = 'c' AND conrelid <> 0 AND connamespace = 'public'::regnamespace AND NOT conname = ANY($1)
       ORDER BY 1`,
      [COHERENCE],
    );
    expect(declared.map((c) => c.conname)).toEqual(CHECKS.map(([t, c]) => `${t}_${c}_check`).sort());
    for (const [table, column] of CHECKS) {
      const e = await failure(
        q(`UPDATE ${table} SET ${column} = 'inconnu' WHERE ctid = (SELECT ctid FROM ${table} LIMIT 1) RETURNING 1`),
      );
      expect({ table, column, code: e.code, constraint: e.constraint }).toEqual({
        table,
        column,
        code: '23514',
        constraint: `${table}_${column}_check`,
      });
    }
    // « remplacée » is a piece's status now (gestion's transitions): the database takes it.
    await q(`UPDATE piece SET statut = 'remplacee' WHERE id = $1`, [w.pieceId]);
  });

  it('two arrêts of one agent cannot overlap, even across sinistres; contiguous ones can', async () => {
    const w = await populatedTenant(ctx());
    const q = ctx().database.query.bind(ctx().database);
    const autre = await declareSinistre(w.t.publicateur, w.agentId, 'maladie_ordinaire', '2026-03-05');
    const insert = (debut: string, fin: string) =>
      q(
        `INSERT INTO arret (sinistre_id, collectivite_id, agent_id, type, debut, fin, created_at)
         VALUES ($1, $2, $3, 'initial', $4, $5, now())`,
        [autre, w.t.collectivite.id, w.agentId, debut, fin],
      );
    // The world's arrêt runs from 01/03 to 07/03: its last day is shared.
    const e = await failure(insert('2026-03-07', '2026-03-10'));
    expect({ code: e.code, constraint: e.constraint }).toEqual({
      code: '23P01',
      constraint: 'arret_agent_sans_chevauchement',
    });
    await insert('2026-03-08', '2026-03-10');
  });

  it('a value outside the list answers 422 naming the field, never 500', async () => {
    const { constraintViolation } = await import('../src/http/errors.js');
    const q = ctx().database.query.bind(ctx().database);
    const e = await failure(q(`INSERT INTO assureur (nom, kind) VALUES ('X', 'mutuelle')`));
    const problem = constraintViolation(e);
    expect(problem).toMatchObject({
      status: 422,
      code: 'valeur_non_admise',
      detail: 'La valeur du champ « kind » n’est pas admise.',
      errors: [{ field: 'kind', message: 'Valeur non admise.' }],
    });
  });

  it('two concurrent declarations of overlapping arrêts: one 201, one 409 naming the other arrêt', async () => {
    if (ctx().kind !== 'postgres') return; // PGlite serves one connection: requests never race there.
    const w = await populatedTenant(ctx());
    const s1 = await declareSinistre(w.t.publicateur, w.agentId, 'accident_service', '2026-05-04');
    const s2 = await declareSinistre(w.t.publicateur, w.agentId, 'maladie_ordinaire', '2026-05-06');
    // Both requests pass the service's check (no overlap yet) and wait to insert behind this lock,
    // which blocks writes to arret but not reads: the race is certain, not left to timing.
    const locker = new pg.Client({ connectionString: ctx().database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE arret IN SHARE MODE');
      const both = Promise.all([
        w.t.publicateur.request('POST', `/api/sinistres/${s1}/arrets`, {
          type: 'initial',
          debut: '2026-05-04',
          fin: '2026-05-15',
        }),
        w.t.publicateur.request('POST', `/api/sinistres/${s2}/arrets`, {
          type: 'initial',
          debut: '2026-05-06',
          fin: '2026-05-20',
        }),
      ]);
      for (let i = 0; i < 200; i++) {
        const [waiting] = await ctx().database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'arret'::regclass AND NOT granted`,
        );
        if (waiting?.n === 2) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await locker.query('COMMIT');
      const responses = await both;
      const statuses = responses.map((r) => r.statusCode).sort();
      expect(statuses, responses.map((r) => r.body).join('\n')).toEqual([201, 409]);
      const refused = responses.find((r) => r.statusCode === 409)!;
      const other = responses.find((r) => r.statusCode === 201)!.json().arrets[0] as { debut: string; fin: string };
      const d = (iso: string) => iso.split('-').reverse().join('/');
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({
        status: 409,
        code: 'arret_chevauchement',
        detail: `Cet arrêt chevauche un autre arrêt de l’agent (du ${d(other.debut)} au ${d(other.fin)}).`,
      });
    } finally {
      await locker.end();
    }
  });
});
