import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { calculerIndicateurs } from './indicateurs.rules.js';
import { estProblemePeriode, type Periode, resoudrePeriode } from './periode.rules.js';
import { preparer } from './preparation.rules.js';
import { regrouperProlongations } from './regroupement.rules.js';
import { repartir, serieMensuelle } from './repartitions.rules.js';
import { SEUIL_SECRET } from './secret.rules.js';
import { masquerStatistiques, statistiquesCollectivite } from './statistiques.rules.js';
import { ZStatistiques } from './statistiques.schemas.js';
import type { ArretStat, Effectif } from './statistiques.types.js';

const AU_JOUR = '2026-01-01';
const periode = (debut: string, fin: string): Periode => {
  const p = resoudrePeriode({ type: 'personnalisee', debut, fin }, AU_JOUR);
  if (estProblemePeriode(p)) throw new Error(p.message);
  return p;
};
const CATEGORIES: TRisque[] = ['maladie_ordinaire', 'clm', 'cld', 'accident_service', 'maternite', 'tpt', 'cgm'];
const AGENTS = ['a', 'b', 'c', 'd', 'e', 'f'];

/** An arrêt somewhere from mid-2023 to mid-2025, 1 to 400 days long or still running. */
const zArret = fc
  .record({
    agent: fc.constantFrom(...AGENTS),
    categorie: fc.constantFrom(...CATEGORIES),
    debut: fc.integer({ min: 0, max: 730 }),
    duree: fc.option(fc.integer({ min: 1, max: 400 }), { freq: 6 }),
    demi: fc.option(fc.integer({ min: 0, max: 100 })),
  })
  .map(({ agent, categorie, debut, duree, demi }): ArretStat => {
    const d = addDays('2023-07-01', debut);
    const fin = duree === null ? null : addDays(d, duree - 1);
    return {
      agentId: agent,
      categorie,
      debut: d,
      fin,
      demiTraitement: demi === null ? null : [{ debut: addDays(d, demi), fin: fin ?? AU_JOUR }],
      cout: { maintenuCentimes: 1000 * (duree ?? 500), rembourseCentimes: 500 * (duree ?? 500) },
    };
  });
const zArrets = fc.array(zArret, { maxLength: 25 });

/** Employment spans of the six agents, some leaving or arriving within 2024. */
const zHistorique: fc.Arbitrary<Effectif> = fc
  .array(
    fc.record({
      agent: fc.constantFrom(...AGENTS),
      debut: fc.integer({ min: 0, max: 900 }),
      duree: fc.option(fc.integer({ min: 1, max: 900 })),
    }),
    { maxLength: 10 },
  )
  .map((spans) => ({
    type: 'historique',
    emplois: spans.map((s) => {
      const debut = addDays('2023-01-01', s.debut);
      return { agentId: s.agent, debut, fin: s.duree === null ? null : addDays(debut, s.duree - 1) };
    }),
  }));
const zEffectif = fc.oneof(
  fc.integer({ min: 6, max: 50 }).map((agents): Effectif => ({ type: 'nombre', agents })),
  zHistorique,
);
const zJour2024 = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2024-01-01', n));

describe('properties', () => {
  it('cutting a period in two adds the days, the agent-days and the monthly days', () => {
    fc.assert(
      fc.property(zArrets, zEffectif, zJour2024, fc.boolean(), (arrets, effectif, coupe, maternite) => {
        const options = { maternite: maternite ? ('incluse' as const) : ('exclue' as const) };
        const tout = preparer(periode('2024-01-01', '2024-12-31'), effectif, arrets, options);
        const avant = preparer(periode('2024-01-01', coupe), effectif, arrets, options);
        const apres = preparer(periode(addDays(coupe, 1), '2024-12-31'), effectif, arrets, options);
        const jours = (p: typeof tout) => p.retenus.reduce((n, r) => n + r.jours, 0);
        expect(jours(avant) + jours(apres)).toBe(jours(tout));
        expect(avant.joursAgents + apres.joursAgents).toBe(tout.joursAgents);
        expect(serieMensuelle(tout).reduce((n, m) => n + m.jours, 0)).toBe(jours(tout));
        // Every arrêt of the whole year is in one half or both.
        expect(avant.retenus.length + apres.retenus.length).toBeGreaterThanOrEqual(tout.retenus.length);
      }),
    );
  });

  it('the taux stays within 0–100 %, the exposures too, and breakdown rows add up', () => {
    fc.assert(
      fc.property(zArrets, zEffectif, (arrets, effectif) => {
        const r = calculerIndicateurs({ periode: periode('2024-01-01', '2024-12-31'), effectif, arrets });
        // A plain headcount below the number of absent agents is flagged instead (alertes).
        fc.pre(effectif.type === 'historique' || r.totaux.agentsAbsents <= effectif.agents);
        for (const code of ['taux', 'exposition', 'expositionDemiTraitement'] as const) {
          const v = r.indicateurs.find((i) => i.code === code)!.valeur;
          if (v !== null) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(100 + 1e-9);
          }
        }
        const lignes = repartir(r.preparation, 'categorie');
        expect(lignes.reduce((n, l) => n + l.jours, 0)).toBe(r.totaux.jours);
        expect(lignes.reduce((n, l) => n + l.arrets, 0)).toBe(r.totaux.arrets);
        expect(repartir(r.preparation, 'duree').reduce((n, l) => n + l.arrets, 0)).toBe(r.totaux.arrets);
      }),
    );
  });

  it('adding an arrêt never lowers the fréquence, the days or the exposition', () => {
    fc.assert(
      fc.property(zArrets, zArret, fc.integer({ min: 6, max: 50 }), (arrets, plus, agents) => {
        const p = periode('2024-01-01', '2024-12-31');
        const calc = (list: ArretStat[]) =>
          calculerIndicateurs({ periode: p, effectif: { type: 'nombre', agents }, arrets: list });
        const avant = calc(arrets);
        const apres = calc([...arrets, plus]);
        const v = (r: typeof avant, code: 'frequence' | 'exposition') =>
          r.indicateurs.find((i) => i.code === code)!.valeur!;
        expect(v(apres, 'frequence')).toBeGreaterThanOrEqual(v(avant, 'frequence'));
        expect(v(apres, 'exposition')).toBeGreaterThanOrEqual(v(avant, 'exposition'));
        expect(apres.totaux.jours).toBeGreaterThanOrEqual(avant.totaux.jours);
      }),
    );
  });

  it('including maternity never lowers the taux', () => {
    fc.assert(
      fc.property(zArrets, zEffectif, (arrets, effectif) => {
        const p = periode('2024-01-01', '2024-12-31');
        const taux = (maternite: 'exclue' | 'incluse') =>
          calculerIndicateurs({ periode: p, effectif, arrets, options: { maternite } }).indicateurs[0]!.valeur ?? 0;
        expect(taux('incluse')).toBeGreaterThanOrEqual(taux('exclue'));
      }),
    );
  });

  it('outside the collectivité no figure on fewer than 5 agents or 5 arrêts shows; inside, all do', () => {
    fc.assert(
      fc.property(zArrets, zEffectif, (arrets, effectif) => {
        const s = statistiquesCollectivite({ periode: periode('2024-01-01', '2024-12-31'), effectif, arrets });
        expect(masquerStatistiques(s, 'c1', { type: 'collectivite', collectiviteId: 'c1' })).toEqual(s);
        const vu = masquerStatistiques(s, 'c1', { type: 'cdg' });
        // Both go out through the API's output schema.
        ZStatistiques.parse(s);
        ZStatistiques.parse(vu);
        for (const i of vu.indicateurs)
          if (i.base.agents < SEUIL_SECRET || i.base.arrets < SEUIL_SECRET)
            expect([i.valeur, i.calcul, i.masque === undefined]).toEqual([null, null, false]);
        for (const lignes of Object.values(vu.repartitions))
          for (const l of lignes)
            if (l.base.agents < SEUIL_SECRET || l.base.arrets < SEUIL_SECRET)
              expect([l.jours, l.taux]).toEqual([null, null]);
        for (const pt of vu.serie) if ((pt.arrets ?? 0) < SEUIL_SECRET) expect(pt.taux).toBeNull();
      }),
    );
  });

  it('joining prolongations keeps the days and never adds arrêts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sinistre: fc.constantFrom('s1', 's2', 's3'),
            duree: fc.integer({ min: 1, max: 60 }),
            ecart: fc.integer({ min: 0, max: 3 }),
          }),
          {
            maxLength: 15,
          },
        ),
        (certs) => {
          // Certificates laid end to end (ecart 0: a prolongation) for one agent, never overlapping.
          let jour = '2024-01-01';
          const list = certs.map((c) => {
            const debut = addDays(jour, c.ecart);
            const fin = addDays(debut, c.duree - 1);
            jour = addDays(fin, 1);
            return { sinistreId: c.sinistre, agentId: 'a', categorie: 'maladie_ordinaire' as const, debut, fin };
          });
          const p = periode('2024-01-01', '2025-12-31');
          const avant = preparer(p, { type: 'nombre', agents: 1 }, list);
          const apres = preparer(p, { type: 'nombre', agents: 1 }, regrouperProlongations(list));
          const jours = (x: typeof avant) => x.retenus.reduce((n, r) => n + r.jours, 0);
          expect(jours(apres)).toBe(jours(avant));
          expect(apres.retenus.length).toBeLessThanOrEqual(avant.retenus.length);
        },
      ),
    );
  });
});
