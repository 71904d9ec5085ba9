import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { calculerIndicateurs } from './indicateurs.rules.js';
import { estProblemePeriode, type Periode, resoudrePeriode } from './periode.rules.js';
import { MOTIFS_RSU, masquerRsu, motifRsu, rapportSocialUnique, rsuTabule } from './rsu.rules.js';
import type { TRapportSocialUnique } from './rsu.schemas.js';
import { SEUIL_SECRET } from './secret.rules.js';
import type { ArretStat, Effectif, ProfilAgent } from './statistiques.types.js';

const annee2025 = (): Periode => {
  const p = resoudrePeriode({ type: 'annee', annee: 2025 }, '2026-03-01');
  if (estProblemePeriode(p)) throw new Error(p.message);
  return p;
};
const arret = (
  agentId: string,
  profil: ProfilAgent,
  categorie: TRisque,
  debut: string,
  fin: string | null,
): ArretStat => ({ agentId, profil, categorie, debut, fin });

const A: ProfilAgent = { sexe: 'F', statut: 'titulaire', regime: 'CNRACL' };
const B: ProfilAgent = { sexe: 'M', statut: 'contractuel', regime: 'IRCANTEC' };
const C: ProfilAgent = { sexe: 'M', statut: 'stagiaire', regime: 'CNRACL' };
const D: ProfilAgent = { sexe: 'F', statut: 'contractuel', regime: 'IRCANTEC' };
const E: ProfilAgent = { sexe: null, statut: 'titulaire', regime: 'IRCANTEC' };

/**
 * A hand-built year 2025:
 * - a (F titulaire): MO 20/12/2024 → 10/01/2025 = 10 days in 2025 (cut at 01/01); CLM 01/03 → 31/03 = 31.
 * - b (M contractuel): accident de service 01/06 → 15/06 = 15; paternité 01/07 → 25/07 = 25.
 * - c (M stagiaire): trajet 25/12/2025 → 05/01/2026 = 7 in 2025 (25 → 31); maladie pro 01/02 → 28/02 = 28.
 * - d (F contractuel): MO 01/04 → 10/04 = 10, then MO 05/04 → 12/04 overlapping: its own days 11 and 12
 *   = 2, still an arrêt; TPT 01/09 → 30/09 not an absence.
 * - e (sex unknown, titulaire): CGM 01/05 → 05/05 = 5, in « non renseigné ».
 * Total 10 + 31 + 15 + 25 + 7 + 28 + 10 + 2 + 5 = 133 days, 9 arrêts, 5 agents.
 */
const ANNEE = [
  arret('a', A, 'maladie_ordinaire', '2024-12-20', '2025-01-10'),
  arret('a', A, 'clm', '2025-03-01', '2025-03-31'),
  arret('b', B, 'accident_service', '2025-06-01', '2025-06-15'),
  arret('b', B, 'maternite', '2025-07-01', '2025-07-25'),
  arret('c', C, 'accident_trajet', '2025-12-25', '2026-01-05'),
  arret('c', C, 'maladie_professionnelle', '2025-02-01', '2025-02-28'),
  arret('d', D, 'maladie_ordinaire', '2025-04-01', '2025-04-10'),
  arret('d', D, 'maladie_ordinaire', '2025-04-05', '2025-04-12'),
  arret('d', D, 'tpt', '2025-09-01', '2025-09-30'),
  arret('e', E, 'cgm', '2025-05-01', '2025-05-05'),
];

/** The year 2025 of `arrets` with 10 agents. */
const rsu2025 = (arrets: ArretStat[]) =>
  rapportSocialUnique({ annee: 2025, periode: annee2025(), effectif: { type: 'nombre', agents: 10 }, arrets });

/** « jours/arrêts/agents » of a case, null when not held. */
function cas(r: TRapportSocialUnique, motif: string, colonne: string): string | null {
  const j = r.colonnes.findIndex((c) => c.cle === colonne);
  const c = r.lignes.find((l) => l.motif === motif)!.cellules[j]!;
  return c.jours === null ? null : `${c.jours}/${c.arrets}/${c.agents}`;
}

describe('rapportSocialUnique', () => {
  const r = rsu2025(ANNEE);

  it('puts each category in its RSU row and each agent in his statut × sex column (hand-checked)', () => {
    expect(r.lignes.map((l) => l.motif)).toEqual([...MOTIFS_RSU, 'total']);
    expect(r.colonnes.map((c) => c.cle)).toEqual([
      'fonctionnaires_M',
      'fonctionnaires_F',
      'contractuels_M',
      'contractuels_F',
      'non_renseigne',
      'total_M',
      'total_F',
      'total',
    ]);
    const attendu: [string, string, string][] = [
      ['maladie_ordinaire', 'fonctionnaires_F', '10/1/1'], // a's December arrêt, cut at 01/01
      ['maladie_ordinaire', 'contractuels_F', '12/2/1'], // d: 10 + 2 own days of the overlapping arrêt
      ['maladie_ordinaire', 'total', '22/3/2'],
      ['longue_maladie', 'fonctionnaires_F', '31/1/1'], // CLM
      ['longue_maladie', 'non_renseigne', '5/1/1'], // CGM of e, sex unknown
      ['longue_maladie', 'total_F', '31/1/1'],
      ['longue_maladie', 'total', '36/2/2'],
      ['accident_service', 'contractuels_M', '15/1/1'],
      ['accident_trajet', 'fonctionnaires_M', '7/1/1'], // a stagiaire is a fonctionnaire; cut at 31/12
      ['maladie_professionnelle', 'fonctionnaires_M', '28/1/1'],
      ['maternite', 'contractuels_M', '25/1/1'], // paternité
      ['maternite', 'fonctionnaires_F', '0/0/0'],
      ['total', 'fonctionnaires_M', '35/2/1'], // 7 + 28, c alone
      ['total', 'fonctionnaires_F', '41/2/1'], // 10 + 31
      ['total', 'contractuels_M', '40/2/1'], // 15 + 25
      ['total', 'contractuels_F', '12/2/1'],
      ['total', 'total_M', '75/4/2'], // 35 + 40
      ['total', 'total_F', '53/4/2'], // 41 + 12
      ['total', 'total', '133/9/5'],
    ];
    expect(attendu.map(([m, c]) => [m, c, cas(r, m, c)])).toEqual(attendu);
  });

  it('shows what Statutis does not hold as not held, never as 0', () => {
    const autres = r.lignes.find((l) => l.motif === 'autres')!;
    expect(autres.suivi).toBe(false);
    expect(autres.cellules.every((c) => c.jours === null && c.arrets === null && c.agents === null)).toBe(true);
    expect(r.notes.join(' ')).toContain('non suivi par Statutis');
    expect(r.notes.join(' ')).toContain('Contractuels : Statutis ne distingue pas');
    expect(r.notes.join(' ')).toContain('temps partiel thérapeutique (1 arrêt)');
  });

  it('has no « non renseigné » column when every agent has his statut and sex', () => {
    const sansE = rsu2025(ANNEE.filter((a) => a.agentId !== 'e'));
    expect(sansE.colonnes.some((c) => c.cle === 'non_renseigne')).toBe(false);
    expect(cas(sansE, 'total', 'total')).toBe('128/8/4'); // 133 − 5
  });

  it('maps TPT, disponibilité d’office and décès to no row, as the dashboard', () => {
    expect(motifRsu('tpt')).toBeNull();
    expect(motifRsu('disponibilite_office')).toBeNull();
    expect(motifRsu('deces')).toBeNull();
    expect(motifRsu('cld')).toBe('longue_maladie');
  });

  it('hides small cases from the CDG and leaves none alone hidden in a row', () => {
    const vu = masquerRsu(r, 'coll', { type: 'cdg' });
    expect(vu.secret).toBe(true);
    // Only the grand total reaches 5 agents and 5 arrêts (5 and 9); every other case with an arrêt is hidden,
    // zeros stay.
    expect(cas(vu, 'total', 'total')).toBe('133/9/5');
    expect(cas(vu, 'total', 'total_M')).toBeNull();
    expect(vu.lignes.flatMap((l) => l.cellules).filter((c) => c.jours !== null && c.jours > 0)).toHaveLength(1);
    expect(cas(vu, 'maternite', 'fonctionnaires_F')).toBe('0/0/0');
    expect(masquerRsu(r, 'coll', { type: 'collectivite', collectiviteId: 'coll' })).toBe(r);
  });
});

const CATEGORIES: TRisque[] = [
  'maladie_ordinaire',
  'clm',
  'cgm',
  'accident_service',
  'accident_trajet',
  'maladie_professionnelle',
  'maternite',
  'tpt',
  'deces',
];
const AGENTS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const zProfil: fc.Arbitrary<ProfilAgent> = fc.record({
  sexe: fc.constantFrom('M' as const, 'F' as const, null),
  statut: fc.constantFrom('titulaire' as const, 'stagiaire' as const, 'contractuel' as const, null),
});
const zArret = fc
  .record({
    agent: fc.constantFrom(...AGENTS),
    profil: zProfil,
    categorie: fc.constantFrom(...CATEGORIES),
    debut: fc.integer({ min: 0, max: 900 }),
    duree: fc.option(fc.integer({ min: 1, max: 400 }), { freq: 6 }),
  })
  .map(
    ({ agent, profil, categorie, debut, duree }): ArretStat => ({
      agentId: agent,
      profil,
      categorie,
      debut: addDays('2024-07-01', debut),
      fin: duree === null ? null : addDays(addDays('2024-07-01', debut), duree - 1),
    }),
  );
const zEffectif: fc.Arbitrary<Effectif> = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map((agents): Effectif => ({ type: 'nombre', agents })),
  fc
    .array(fc.record({ agent: fc.constantFrom(...AGENTS), debut: fc.integer({ min: 0, max: 700 }) }), { maxLength: 8 })
    .map(
      (spans): Effectif => ({
        type: 'historique',
        emplois: spans.map((s) => ({ agentId: s.agent, debut: addDays('2024-06-01', s.debut), fin: null })),
      }),
    ),
);

describe('rapportSocialUnique — properties', () => {
  it('the total equals the dashboard’s days, arrêts and absent agents of the year, maternity included', () => {
    fc.assert(
      fc.property(fc.array(zArret, { maxLength: 30 }), zEffectif, (arrets, effectif) => {
        const periode = annee2025();
        const r = rapportSocialUnique({ annee: 2025, periode, effectif, arrets });
        const t = calculerIndicateurs({ periode, effectif, arrets, options: { maternite: 'incluse' } }).totaux;
        const total = r.lignes.at(-1)!.cellules.at(-1)!;
        expect(total).toEqual({ jours: t.jours, arrets: t.arrets, agents: t.agentsAbsents });
        // The motifs add up to the total row, the statut × sex columns to the « Ensemble » column.
        const k = r.colonnes.length - 1;
        const motifs = r.lignes.filter((l) => l.suivi && l.motif !== 'total');
        expect(motifs.reduce((n, l) => n + l.cellules[k]!.jours!, 0)).toBe(t.jours);
        for (const l of r.lignes.filter((x) => x.suivi)) {
          const parts = r.colonnes.flatMap((c, j) => (c.cle.startsWith('total') ? [] : [l.cellules[j]!]));
          expect(parts.reduce((n, c) => n + c.jours!, 0)).toBe(l.cellules[k]!.jours);
          expect(parts.reduce((n, c) => n + c.arrets!, 0)).toBe(l.cellules[k]!.arrets);
        }
      }),
    );
  });

  it('outside the collectivité no case on fewer than 5 agents or 5 arrêts shows, nor a lone hidden case', () => {
    fc.assert(
      fc.property(fc.array(zArret, { maxLength: 60 }), zEffectif, (arrets, effectif) => {
        const r = rapportSocialUnique({ annee: 2025, periode: annee2025(), effectif, arrets });
        const vu = masquerRsu(r, 'coll', { type: 'cdg' });
        for (const l of vu.lignes) {
          for (const c of l.cellules)
            if (!c.masque && (c.arrets ?? 0) > 0) {
              expect(c.arrets).toBeGreaterThanOrEqual(SEUIL_SECRET);
              expect(c.agents).toBeGreaterThanOrEqual(SEUIL_SECRET);
            }
          const cachees = l.cellules.filter((c) => c.masque).length;
          const visibles = l.cellules.filter((c) => !c.masque && (c.arrets ?? 0) > 0).length;
          expect(cachees === 1 && visibles > 0).toBe(false);
        }
      }),
    );
  });
});

describe('rsuTabule', () => {
  it('writes a measure’s table as tab-separated lines a spreadsheet reads as numbers', () => {
    const r = rsu2025(ANNEE.filter((a) => a.agentId !== 'e'));
    const lignes = rsuTabule(r, 'jours').split('\r\n');
    expect(lignes[0]).toBe(
      'Motif\tFonctionnaires (titulaires et stagiaires)\tFonctionnaires (titulaires et stagiaires)\tContractuels (emploi permanent et non permanent réunis)\tContractuels (emploi permanent et non permanent réunis)\tTotal\tTotal\tTotal',
    );
    expect(lignes[1]).toBe('\tHommes\tFemmes\tHommes\tFemmes\tHommes\tFemmes\tEnsemble');
    // MO: a 10 days (fonctionnaire F), d 12 (contractuel F) → 22 women, 22 in all.
    expect(lignes[2]).toBe('Maladie ordinaire\t0\t10\t0\t12\t0\t22\t22');
    expect(lignes[8]).toBe(`Autres raisons${'\tnon suivi par Statutis'.repeat(7)}`);
    expect(lignes[9]).toBe('Total (hors autres raisons)\t35\t41\t40\t12\t75\t53\t128');
    expect(lignes[10]).toBe(''); // ends with a line break
    expect(rsuTabule(r, 'arrets').split('\r\n')[9]).toBe('Total (hors autres raisons)\t2\t2\t2\t2\t4\t4\t8');
    expect(rsuTabule(masquerRsu(r, 'coll', { type: 'cdg' }), 'jours').split('\r\n')[2]).toBe(
      'Maladie ordinaire\t0\tmasqué\t0\tmasqué\t0\tmasqué\tmasqué',
    );
  });
});
