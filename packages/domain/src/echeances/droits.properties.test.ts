import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.js';
import type { TRisque } from '../contrats/contrats.schemas.js';
import { joursDuJournal } from '../remboursements/explication.js';
import { contratMoteur, entreeMoteur, garanties, salairesConstants } from '../remboursements/moteur.fixtures.js';
import { calculerRemboursement } from '../remboursements/moteur.js';
import type { ArretMoteur, EntreeMoteur } from '../remboursements/moteur.types.js';
import { finHorizon, prevoirAgent, situationDeRegle } from './droits.rules.js';

const CATEGORIES: TRisque[] = ['maladie_ordinaire', 'maladie_ordinaire', 'clm', 'cld', 'cgm'];

/**
 * An agent's history from 2023: non-overlapping arrêts, each its own sinistre; the « as of » day falls
 * inside the last one (the agent is in arrêt on it).
 */
const arbHistoire = fc.record({
  contractuel: fc.boolean(),
  moisService: fc.integer({ min: 0, max: 60 }),
  franchise: fc.integer({ min: 0, max: 30 }),
  pct: fc.integer({ min: 50, max: 100 }),
  arrets: fc.array(
    fc.record({
      ecart: fc.integer({ min: 1, max: 60 }),
      duree: fc.integer({ min: 1, max: 400 }),
      categorie: fc.constantFrom(...CATEGORIES),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  dansLeDernier: fc.integer({ min: 0, max: 399 }),
});
type Histoire = typeof arbHistoire extends fc.Arbitrary<infer T> ? T : never;

function monde(h: Histoire): { entree: EntreeMoteur; auJour: string } {
  let jour = '2023-01-01';
  const arrets: ArretMoteur[] = h.arrets.map((a, i) => {
    const debut = addDays(jour, a.ecart);
    const fin = addDays(debut, a.duree - 1);
    jour = fin;
    // CGM is a contractuel's, CLM and CLD a fonctionnaire's.
    const categorie: TRisque =
      a.categorie === 'cgm' && !h.contractuel
        ? 'clm'
        : h.contractuel && (a.categorie === 'clm' || a.categorie === 'cld')
          ? 'cgm'
          : a.categorie;
    return { id: `a${i}`, sinistreId: `s${i}`, categorie, type: 'initial', debut, fin };
  });
  const dernier = arrets.at(-1)!;
  const auJour = addDays(dernier.debut, h.dansLeDernier % h.arrets.at(-1)!.duree);
  const entree = entreeMoteur({
    agent: h.contractuel
      ? { regime: 'IRCANTEC', statut: 'contractuel', debutService: addDays('2023-01-01', -30 * h.moisService) }
      : { regime: 'CNRACL', statut: 'titulaire' },
    contrats: [
      contratMoteur({
        garanties: garanties({ maladie_ordinaire: { franchiseNombre: h.franchise, remboursementPct: h.pct } }),
      }),
    ],
    arrets,
    salaires: salairesConstants('2022-01-01', '2031-12-31', { tbi: 300_000 }),
  });
  return { entree, auJour };
}

describe('prevoirAgent (properties): the forecast is what the engine pays', () => {
  it('the passage to half pay and the end of rights are the first days the engine, on the arrêts extended to the horizon, pays at half or stops paying', () => {
    fc.assert(
      fc.property(arbHistoire, (h) => {
        const { entree, auJour } = monde(h);
        const fin = finHorizon(auJour);
        const dernier = entree.arrets.at(-1)!;
        const p = prevoirAgent(entree, auJour);
        expect(p.sinistres).toHaveLength(1);
        const prevision = p.sinistres[0]!;
        // The engine alone, over the whole history, on the last arrêt extended to the horizon.
        const prolonge =
          dernier.fin < fin
            ? [{ ...dernier, id: 'x', type: 'prolongation' as const, debut: addDays(dernier.fin, 1), fin }]
            : [];
        const r = calculerRemboursement({
          ...entree,
          arrets: [...entree.arrets, ...prolonge],
          periode: { debut: '2023-01-01', fin },
        });
        const jours = joursDuJournal(r.journal.filter((s) => s.sinistreId === dernier.sinistreId))
          .map((j) => ({ jour: j.jour, situation: situationDeRegle(j.regle) }))
          .filter((j) => j.jour >= addDays(auJour, -1) && j.jour <= fin);
        const premier = (vers: string, depuis: string[]) =>
          jours.find(
            (j, i) =>
              i > 0 && j.jour >= auJour && j.situation === vers && depuis.includes(jours[i - 1]!.situation ?? ''),
          )?.jour ?? null;
        expect(prevision.situation).toBe(jours.find((j) => j.jour === auJour)!.situation);
        expect(prevision.demiTraitement?.date ?? null).toBe(premier('demi', ['plein']));
        expect(prevision.finDroits?.date ?? null).toBe(premier('epuise', ['plein', 'demi']));
        // Before the passage, every day of the horizon is at full pay.
        if (prevision.demiTraitement)
          for (const j of jours.filter((x) => x.jour >= auJour && x.jour < prevision.demiTraitement!.date))
            expect(j.situation).toBe('plein');
        for (const e of [prevision.demiTraitement, prevision.finDroits])
          if (e) expect(e.dansArretConnu).toBe(e.date <= dernier.fin);
      }),
      { numRuns: 100 },
    );
  });

  it('CLM and CLD of a fonctionnaire, TBI only, no franchise, 100 %: the reimbursement is the pay maintained (to the cent per month)', () => {
    fc.assert(
      fc.property(arbHistoire, (h) => {
        const { entree, auJour } = monde({
          ...h,
          contractuel: false,
          arrets: h.arrets.map((a) => ({ ...a, categorie: a.categorie === 'cld' ? 'cld' : 'clm' })),
        });
        const { cout } = prevoirAgent(entree, auJour);
        expect(cout.maintenuCentimes).toBeGreaterThanOrEqual(0);
        expect(cout.resteAChargeCentimes).toBe(cout.maintenuCentimes - cout.rembourseCentimes);
        // At most 4 calendar months in 90 days: one rounding cent each.
        expect(Math.abs(cout.resteAChargeCentimes)).toBeLessThanOrEqual(4);
      }),
      { numRuns: 100 },
    );
  });
});
