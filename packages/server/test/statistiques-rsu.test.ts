import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { agent } from '../src/modules/agents/agents.table.js';
import { arret } from '../src/modules/arrets/arrets.table.js';
import { sinistre } from '../src/modules/sinistres/sinistres.table.js';
import { createContrat, staffMember, tenantWithUsers } from './factories.js';
import { describeEachDatabase, type TestContext } from './harness.js';

const at = new Date('2025-01-02T09:00:00Z');

/**
 * A small collectivité, year 2025 (the test clock is 25/11/2026, so 2025 is the RSU's default year):
 * - Anne (F, titulaire): MO 22/12/2024 → 31/12/2024 prolonged 01/01 → 05/01/2025: one arrêt, 5 days in 2025;
 *   maternité 01/03 → 30/06/2025 = 31 + 30 + 31 + 30 = 122 days.
 * - Bruno (M, contractuel): accident de trajet 20/12/2025 → 10/01/2026 = 12 days in 2025 (20 → 31);
 *   an MO still in brouillon 01/02 → 10/02/2025, not counted.
 * - Chloé (F, stagiaire): CLM 01/01 → 31/12/2025 = 365 days; a TPT 01/01 → 31/01/2026, not an absence.
 * Total 5 + 122 + 12 + 365 = 504 days, 4 arrêts, 3 agents.
 */
async function monde(ctx: TestContext) {
  const db = ctx.database.db;
  const t = await tenantWithUsers(ctx);
  const c = t.collectivite;
  const k = await createContrat(db, { cdgId: c.cdgId, collectiviteIds: [c.id], risques: ['maladie_ordinaire'] });
  const profils = [
    { nom: 'ANNE', sexe: 'F', statut: 'titulaire', regime: 'CNRACL' as const, nir: '2800175000001' },
    { nom: 'BRUNO', sexe: 'M', statut: 'contractuel', regime: 'IRCANTEC' as const, nir: '1800175000002' },
    { nom: 'CHLOE', sexe: 'F', statut: 'stagiaire', regime: 'CNRACL' as const, nir: '2800175000003' },
  ];
  const agents = await db
    .insert(agent)
    .values(
      profils.map((p) => ({
        collectiviteId: c.id,
        nir: p.nir,
        nom: p.nom,
        prenom: 'Test',
        sexe: p.sexe,
        dateNaissance: '1980-01-01',
        regime: p.regime,
        statut: p.statut,
        dateEntree: '2015-01-01',
      })),
    )
    .returning();
  const sinistres: {
    agent: number;
    categorie: string;
    statut?: string;
    certificats: [string, string][];
  }[] = [
    {
      agent: 0,
      categorie: 'maladie_ordinaire',
      certificats: [
        ['2024-12-22', '2024-12-31'],
        ['2025-01-01', '2025-01-05'],
      ],
    },
    { agent: 0, categorie: 'maternite', certificats: [['2025-03-01', '2025-06-30']] },
    { agent: 1, categorie: 'accident_trajet', certificats: [['2025-12-20', '2026-01-10']] },
    { agent: 1, categorie: 'maladie_ordinaire', statut: 'brouillon', certificats: [['2025-02-01', '2025-02-10']] },
    { agent: 2, categorie: 'clm', certificats: [['2025-01-01', '2025-12-31']] },
    { agent: 2, categorie: 'tpt', certificats: [['2026-01-01', '2026-01-31']] },
  ];
  for (const s of sinistres) {
    const [row] = await db
      .insert(sinistre)
      .values({
        collectiviteId: c.id,
        agentId: agents[s.agent]!.id,
        contratId: k.id,
        categorie: s.categorie,
        dateSurvenance: s.certificats[0]![0],
        tiersImplique: false,
        statut: s.statut ?? 'ouvert',
        createdAt: at,
      })
      .returning();
    await db.insert(arret).values(
      s.certificats.map(([debut, fin], i) => ({
        collectiviteId: c.id,
        sinistreId: row!.id,
        agentId: agents[s.agent]!.id,
        createdAt: at,
        type: i === 0 ? ('initial' as const) : ('prolongation' as const),
        debut,
        fin,
      })),
    );
  }
  return { t, c, agents };
}

type Rsu = {
  annee: number;
  colonnes: { cle: string }[];
  lignes: {
    motif: string;
    suivi: boolean;
    cellules: { jours: number | null; arrets: number | null; agents: number | null; masque?: string }[];
  }[];
  notes: string[];
  secret: boolean;
  collectivite: { id: string };
};

/** « jours/arrêts/agents » of a case, « masqué » or null. */
function cas(r: Rsu, motif: string, colonne: string) {
  const j = r.colonnes.findIndex((c) => c.cle === colonne);
  const c = r.lignes.find((l) => l.motif === motif)!.cellules[j]!;
  if (c.masque) return 'masqué';
  return c.jours === null ? null : `${c.jours}/${c.arrets}/${c.agents}`;
}

describeEachDatabase('rapport social unique : absences', (ctx) => {
  it('counts the year’s days by motif, statut and sex, equal to the dashboard with maternity', async () => {
    const { t, c } = await monde(ctx());
    const r = await t.lecteur.request('GET', '/api/statistiques/rsu');
    expect(r.statusCode, r.body).toBe(200);
    const rsu: Rsu = r.json();
    expect(rsu.annee).toBe(2025); // the previous year by default
    expect(rsu.collectivite.id).toBe(c.id);
    expect(rsu.secret).toBe(false);
    expect([
      cas(rsu, 'maladie_ordinaire', 'fonctionnaires_F'), // the prolongation's 5 days; the brouillon left out
      cas(rsu, 'maladie_ordinaire', 'contractuels_M'),
      cas(rsu, 'maternite', 'fonctionnaires_F'),
      cas(rsu, 'accident_trajet', 'contractuels_M'), // cut at 31/12
      cas(rsu, 'longue_maladie', 'fonctionnaires_F'), // a stagiaire is a fonctionnaire
      cas(rsu, 'total', 'fonctionnaires_F'), // 5 + 122 + 365
      cas(rsu, 'total', 'total_M'),
      cas(rsu, 'total', 'total'),
      cas(rsu, 'autres', 'total'),
    ]).toEqual(['5/1/1', '0/0/0', '122/1/1', '12/1/1', '365/1/1', '492/3/2', '12/1/1', '504/4/3', null]);
    expect(rsu.lignes.find((l) => l.motif === 'autres')!.suivi).toBe(false);
    expect(rsu.colonnes.some((col) => col.cle === 'non_renseigne')).toBe(false);

    // The dashboard of the same year, maternity included: the same days and arrêts.
    const s = (await t.lecteur.request('GET', '/api/statistiques?annee=2025&maternite=incluse')).json();
    const parMotif: { jours: number; arrets: number }[] = s.repartitions.categorie;
    expect(parMotif.reduce((n, l) => n + l.jours, 0)).toBe(504);
    expect(parMotif.reduce((n, l) => n + l.arrets, 0)).toBe(4);

    // Another year: 2024 holds only the MO's December days (10), counted in 2024.
    const r24: Rsu = (await t.admin.request('GET', '/api/statistiques/rsu?annee=2024')).json();
    expect(cas(r24, 'total', 'total')).toBe('10/1/1');
  });

  it('keeps each collectivité to its own figures; the CDG sees small numbers hidden', async () => {
    const { c } = await monde(ctx());
    const b = await tenantWithUsers(ctx());
    const rb = await b.admin.request('GET', '/api/statistiques/rsu?annee=2025');
    expect(rb.statusCode).toBe(200);
    const rsuB: Rsu = rb.json();
    expect(rsuB.collectivite.id).toBe(b.collectivite.id);
    expect(cas(rsuB, 'total', 'total')).toBe('0/0/0');
    expect(rb.body).not.toContain(c.id);

    const { client: g } = await staffMember(ctx(), { cdgId: c.cdgId });
    expect((await g.request('PUT', '/api/auth/session/collectivite', { collectiviteId: c.id })).statusCode).toBe(200);
    const rg = await g.request('GET', '/api/statistiques/rsu?annee=2025');
    expect(rg.statusCode, rg.body).toBe(200);
    const vu: Rsu = rg.json();
    expect(vu.secret).toBe(true);
    // 3 agents, 4 arrêts in all: every case with an arrêt is under the threshold.
    expect(cas(vu, 'total', 'total')).toBe('masqué');
    expect(cas(vu, 'maladie_ordinaire', 'contractuels_M')).toBe('0/0/0');
  });

  it('refuses a year after today or not a number, naming the field in French', async () => {
    const t = await tenantWithUsers(ctx());
    const futur = await t.admin.request('GET', '/api/statistiques/rsu?annee=2027');
    expect(futur.statusCode).toBe(422);
    expect(futur.json().detail).toMatch(/^La période commence le 01\/01\/2027, après le 25\/11\/2026/);
    const texte = await t.admin.request('GET', '/api/statistiques/rsu?annee=deux');
    expect(texte.statusCode).toBe(422);
    expect(texte.body).toContain('L’année doit être un nombre.');
    // The running year is counted up to today.
    const en: Rsu & { periode: { fin: string; enCours: boolean } } = (
      await t.admin.request('GET', '/api/statistiques/rsu?annee=2026')
    ).json();
    expect(en.periode).toMatchObject({ fin: '2026-11-25', enCours: true });
  });

  it('puts the RSU in its own sheet of the civil year’s XLSX export', async () => {
    const { t } = await monde(ctx());
    const r = await t.lecteur.request('GET', '/api/statistiques/export?annee=2025&format=xlsx');
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Statistiques')).toBeDefined();
    const sheet = wb.getWorksheet('RSU absences 2025')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]?.slice(0, 3)).toEqual(['Tableau', 'Motif', 'Fonctionnaires (titulaires et stagiaires) — Hommes']);
    const ensemble = (rows[0] as string[]).indexOf('Total — Ensemble');
    const jours = (motif: string) =>
      rows.find((x) => String(x[0]).startsWith('Nombre de jours') && x[1] === motif)?.[ensemble];
    expect(jours('Maternité, paternité et adoption')).toBe(122);
    expect(jours('Total (hors autres raisons)')).toBe(504);
    expect(jours('Autres raisons')).toBe('non suivi par Statutis');
    // 12 rolling months are not a civil year: no RSU sheet.
    const g = await t.lecteur.request('GET', '/api/statistiques/export?periode=glissant&format=xlsx');
    const wg = new ExcelJS.Workbook();
    await wg.xlsx.load(g.rawPayload as unknown as ArrayBuffer);
    expect(wg.worksheets.map((w) => w.name)).toEqual(['Statistiques']);
  });
});
