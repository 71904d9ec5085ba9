import type {
  BaseSimulee,
  CollectiviteSimulee,
  ContratFormule,
  SalaireMois,
  TRegime,
  TRisque,
  TStatut,
} from '@statutis/domain';
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contratInScope, inScope, type Scope } from '../../lib/scope.js';
import { agent } from '../agents/agents.table.js';
import { arret } from '../arrets/arrets.table.js';
import { baseAssurance } from '../base-assurance/base-assurance.table.js';
import { collectivite } from '../collectivites/collectivites.table.js';
import { contrat, garantie } from '../contrats/contrats.table.js';
import { controleMedical } from '../gestion/suivi-gestion.table.js';
import {
  arretMoteurDe,
  COLONNES_ARRET_MOTEUR,
  ijssMoteurDe,
  salaireMoisDe,
} from '../remboursements/entrees.repository.js';
import { antecedent, ijss, salaireMensuel } from '../remboursements/entrees.table.js';
import { sinistre } from '../sinistres/sinistres.table.js';

type Periode = { debut: string; fin: string };

/** A chunk of collectivités as the simulator replays it, and what it counted. */
export type LotSimulation = { collectivites: CollectiviteSimulee[]; agents: number; arrets: number; bases: number };

/**
 * The simulator's reads (issue 12), set-based: the engine inputs of a chunk of collectivités in a
 * handful of statements — the same inputs `entreesCalcul` reads for one sinistre, for every agent
 * of the chunk with an arrêt in the years — and the collectivités of the perimeter by keyset.
 */
export function createSimulateurRepository() {
  return {
    /** The next `limit` collectivités of the scope after `apres` (by id); the scope may hold one. */
    async collectivites(db: Db, scope: Scope, apres: string | null, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: collectivite.id })
        .from(collectivite)
        .where(and(inScope(scope, { collectiviteId: collectivite.id }), apres ? gt(collectivite.id, apres) : undefined))
        .orderBy(asc(collectivite.id))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    /** How many collectivités the scope holds (the denominator of the progress). */
    async compter(db: Db, scope: Scope): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(collectivite)
        .where(inScope(scope, { collectiviteId: collectivite.id }));
      return row?.n ?? 0;
    },

    /**
     * The engine inputs of the agents of `ids` under `regime` with an arrêt (of a declared sinistre)
     * in `periode`: every arrêt of theirs up to its end (the rolling-year counts read the older ones),
     * their payslips, IJSS, antécédents and contre-visites, and each collectivité's base of every year
     * of the period (réelle, else prévisionnelle) on its contracts of the regime.
     */
    async lot(db: Db, ids: readonly string[], regime: TRegime, periode: Periode, annees: readonly number[]) {
      if (ids.length === 0) return { collectivites: [], agents: 0, arrets: 0, bases: 0 } satisfies LotSimulation;
      const deLot = inArray(arret.collectiviteId, [...ids]);
      const agentsDuLot = db
        .select({ id: arret.agentId })
        .from(arret)
        .innerJoin(sinistre, eq(sinistre.id, arret.sinistreId))
        .where(
          and(deLot, lte(arret.debut, periode.fin), gte(arret.fin, periode.debut), ne(sinistre.statut, 'brouillon')),
        );
      const agentsFiltre = and(
        inArray(agent.collectiviteId, [...ids]),
        eq(agent.regime, regime),
        inArray(agent.id, agentsDuLot),
      );
      const [agents, arrets, salaires, ijssRows, antecedents, controles, bases] = await Promise.all([
        db
          .select({
            id: agent.id,
            collectiviteId: agent.collectiviteId,
            statut: agent.statut,
            dateEntree: agent.dateEntree,
          })
          .from(agent)
          .where(agentsFiltre),
        db
          .select({ ...COLONNES_ARRET_MOTEUR, agentId: arret.agentId })
          .from(arret)
          .innerJoin(sinistre, eq(sinistre.id, arret.sinistreId))
          .innerJoin(agent, eq(agent.id, arret.agentId))
          .where(and(deLot, eq(agent.regime, regime), lte(arret.debut, periode.fin), ne(sinistre.statut, 'brouillon')))
          .orderBy(asc(arret.debut)),
        db
          .select({
            agentId: salaireMensuel.agentId,
            mois: salaireMensuel.mois,
            tbi: salaireMensuel.tbi,
            nbi: salaireMensuel.nbi,
            sft: salaireMensuel.sft,
            ir: salaireMensuel.ir,
          })
          .from(salaireMensuel)
          .where(
            and(
              inArray(salaireMensuel.collectiviteId, [...ids]),
              gte(salaireMensuel.mois, periode.debut.slice(0, 7)),
              lte(salaireMensuel.mois, periode.fin.slice(0, 7)),
              isNotNull(salaireMensuel.tbi),
            ),
          ),
        db
          .select({
            agentId: sinistre.agentId,
            du: ijss.du,
            au: ijss.au,
            montantJournalier: ijss.montantJournalier,
            montantTotal: ijss.montantTotal,
          })
          .from(ijss)
          .innerJoin(sinistre, eq(sinistre.id, ijss.sinistreId))
          .where(
            and(inArray(sinistre.collectiviteId, [...ids]), lte(ijss.du, periode.fin), gte(ijss.au, periode.debut)),
          )
          .orderBy(asc(ijss.du)),
        db
          .select({
            agentId: antecedent.agentId,
            categorie: antecedent.categorie,
            debut: antecedent.du,
            fin: antecedent.au,
          })
          .from(antecedent)
          .where(inArray(antecedent.collectiviteId, [...ids]))
          .orderBy(asc(antecedent.du)),
        db
          .select({
            agentId: sinistre.agentId,
            sinistreId: controleMedical.sinistreId,
            injustifieAPartirDu: controleMedical.injustifieAPartirDu,
          })
          .from(controleMedical)
          .innerJoin(sinistre, eq(sinistre.id, controleMedical.sinistreId))
          .where(and(inArray(sinistre.collectiviteId, [...ids]), isNotNull(controleMedical.injustifieAPartirDu))),
        db
          .select({
            collectiviteId: baseAssurance.collectiviteId,
            annee: baseAssurance.annee,
            tbi: baseAssurance.tbi,
            nbi: baseAssurance.nbi,
            sft: baseAssurance.sft,
            ir: baseAssurance.ir,
            riPct: baseAssurance.riPct,
            cpPct: baseAssurance.cpPct,
          })
          .from(baseAssurance)
          .innerJoin(contrat, eq(contrat.id, baseAssurance.contratId))
          .where(
            and(
              inArray(baseAssurance.collectiviteId, [...ids]),
              eq(contrat.regime, regime),
              inArray(baseAssurance.annee, [...annees]),
            ),
          )
          // The réelle first within a year: the first of each (collectivité, year) is kept.
          .orderBy(asc(baseAssurance.annee), sql`(${baseAssurance.type} = 'reelle') DESC`, desc(baseAssurance.tbi)),
      ]);

      const groupe = <T extends { agentId: string }>(rows: readonly T[]) => {
        const m = new Map<string, T[]>();
        for (const r of rows) {
          const l = m.get(r.agentId);
          if (l) l.push(r);
          else m.set(r.agentId, [r]);
        }
        return m;
      };
      const [arretsDe, salairesDe, ijssDe, antecedentsDe, controlesDe] = [
        groupe(arrets),
        groupe(salaires),
        groupe(ijssRows),
        groupe(antecedents),
        groupe(controles),
      ];
      const parCollectivite = new Map<
        string,
        CollectiviteSimulee & { agents: CollectiviteSimulee['agents'][number][]; bases: BaseSimulee[] }
      >(ids.map((id) => [id, { agents: [], bases: [] }]));
      let nbBases = 0;
      for (const b of bases) {
        const c = parCollectivite.get(b.collectiviteId)!;
        if (c.bases.some((x) => x.annee === b.annee)) continue;
        c.bases.push({ annee: b.annee, tbi: b.tbi, nbi: b.nbi, sft: b.sft, ir: b.ir, riPct: b.riPct, cpPct: b.cpPct });
        nbBases++;
      }
      let nbArrets = 0;
      for (const a of agents) {
        const own = arretsDe.get(a.id) ?? [];
        nbArrets += own.filter((r) => r.fin >= periode.debut).length;
        parCollectivite.get(a.collectiviteId)!.agents.push({
          agent: { regime, statut: a.statut as TStatut, debutService: a.dateEntree },
          arrets: own.map(arretMoteurDe),
          antecedents: (antecedentsDe.get(a.id) ?? []).map((r) => ({
            categorie: r.categorie as TRisque,
            debut: r.debut,
            fin: r.fin,
          })),
          salaires: Object.fromEntries(
            (salairesDe.get(a.id) ?? []).map((r): [string, SalaireMois] => [
              r.mois,
              salaireMoisDe({ ...r, tbi: r.tbi! }),
            ]),
          ),
          ijss: (ijssDe.get(a.id) ?? []).map(ijssMoteurDe),
          contreVisites: (controlesDe.get(a.id) ?? []).map((c) => ({
            sinistreId: c.sinistreId,
            injustifieAPartirDu: c.injustifieAPartirDu!,
          })),
        });
      }
      return {
        collectivites: [...parCollectivite.values()],
        agents: agents.length,
        arrets: nbArrets,
        bases: nbBases,
      } satisfies LotSimulation;
    },

    /**
     * The contract of `regime` in force on `jour` for the scope's collectivité (or the latest of the
     * CDG's), with its garanties: the page pre-fills the current formula from it. Null without one.
     */
    async contratEnVigueur(db: Db, scope: Scope, regime: TRegime, jour: string) {
      const [c] = await db
        .select({
          id: contrat.id,
          regime: contrat.regime,
          libelle: contrat.libelle,
          tauxCotisation: contrat.tauxCotisation,
          elementsAssurables: contrat.elementsAssurables,
        })
        .from(contrat)
        .where(
          and(
            contratInScope(scope, contrat.id),
            eq(contrat.regime, regime),
            lte(contrat.dateEffet, jour),
            sql`coalesce(${contrat.dateFin}, '9999-12-31') >= ${jour}`,
          ),
        )
        .orderBy(desc(contrat.dateEffet), asc(contrat.id))
        .limit(1);
      if (!c) return null;
      const garanties = await db
        .select({
          risque: garantie.risque,
          couvert: garantie.couvert,
          franchiseNombre: garantie.franchiseNombre,
          remboursementPct: garantie.remboursementPct,
          delaiDeclarationJours: garantie.delaiDeclarationJours,
          horsDelaiRegle: garantie.horsDelaiRegle,
        })
        .from(garantie)
        .where(eq(garantie.contratId, c.id));
      return {
        ...c,
        regime: c.regime as TRegime,
        garanties: garanties.map((g) => ({ ...g, risque: g.risque as TRisque })),
      } satisfies ContratFormule;
    },
  };
}
export type SimulateurRepository = ReturnType<typeof createSimulateurRepository>;
