import type {
  AntecedentMoteur,
  ArretMoteur,
  ContratMoteur,
  EntreeMoteur,
  GarantieMoteur,
  IjssMoteur,
  SalaireMois,
  TArretType,
  TElementBase,
  TRisque,
  TStatut,
} from '@statutis/domain';
import { and, asc, type Column, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { parisDate } from '../../lib/clock.js';
import { inScope, type Scope } from '../../lib/scope.js';
import { agent } from '../agents/agents.table.js';
import { arret } from '../arrets/arrets.table.js';
import { baseAssurance } from '../base-assurance/base-assurance.table.js';
import { adhesion, contrat, garantie } from '../contrats/contrats.table.js';
import { controleMedical } from '../gestion/suivi-gestion.table.js';
import { contratOfSinistre, sinistreInScope } from '../sinistres/sinistres.repository.js';
import { sinistre } from '../sinistres/sinistres.table.js';
import { antecedent, ijss, salaireMensuel } from './entrees.table.js';

export type SalaireMensuelRow = typeof salaireMensuel.$inferSelect;
export type IjssRow = typeof ijss.$inferSelect;
export type AntecedentRow = typeof antecedent.$inferSelect;

/**
 * The agent's data beyond the costed sinistre (his other arrêts, salaries, antécédents) is read in
 * the collectivité only, never narrowed to an insurer's contracts: the rolling-year counts need
 * every arrêt of the agent, whichever contract paid it. The sinistre itself is read in the full scope.
 */
const ofCollectivite = (scope: Scope, column: Column) => inScope(scope, { collectiviteId: column });

const ijssInScope = (scope: Scope) =>
  inScope(scope, { collectiviteId: ijss.collectiviteId, contratId: contratOfSinistre(ijss.sinistreId) });

/** A contract without an end date runs on. */
const SANS_FIN = '9999-12-31';

/** A certificate as the engine reads it (read with `COLONNES_ARRET_MOTEUR`). */
export function arretMoteurDe(r: {
  id: string;
  sinistreId: string;
  categorie: string;
  type: string;
  debut: string;
  fin: string;
  certificatRecuLe: string | null;
  createdAt: Date;
  quotiteTpt: number | null;
  grossesse: boolean;
  ald: boolean;
}): ArretMoteur {
  return {
    id: r.id,
    sinistreId: r.sinistreId,
    categorie: r.categorie as TRisque,
    type: r.type as TArretType,
    debut: r.debut,
    fin: r.fin,
    dateEnvoi: r.certificatRecuLe,
    dateReception: parisDate(r.createdAt),
    quotiteTpt: r.quotiteTpt,
    grossesse: r.grossesse,
    ald: r.ald,
  };
}

/** What the engine reads of a certificate (the category after any requalification); the query joins `sinistre`. */
export const COLONNES_ARRET_MOTEUR = {
  id: arret.id,
  sinistreId: arret.sinistreId,
  categorie: sql<string>`coalesce(${arret.categorie}, ${sinistre.categorie})`,
  type: arret.type,
  debut: arret.debut,
  fin: arret.fin,
  certificatRecuLe: arret.certificatRecuLe,
  createdAt: arret.createdAt,
  quotiteTpt: arret.quotiteTpt,
  grossesse: arret.grossesse,
  ald: arret.ald,
};

/**
 * The monthly salary an arrêt's period gives each calendar month it touches, when the month has none
 * yet (the same statement as migration `remboursements_entrees`, which backfilled the existing
 * arrêts): the arrêt's amounts were monthly, unless « ne pas proratiser » made them the period's.
 */
const SALAIRES_DEPUIS_ARRET = (arretId: string, saisiPar: string, saisiLe: Date) => sql`
  INSERT INTO salaire_mensuel (collectivite_id, agent_id, mois, tbi, nbi, sft, ir, saisi_par, saisi_le)
  SELECT a.collectivite_id, a.agent_id, to_char(m, 'YYYY-MM'), a.tbi, a.nbi, a.sft, a.ir, ${saisiPar}, ${saisiLe}
  FROM arret a
  CROSS JOIN LATERAL generate_series(date_trunc('month', a.debut::timestamp), a.fin::timestamp, interval '1 month') AS m
  WHERE a.id = ${arretId} AND a.tbi IS NOT NULL AND NOT a.ne_pas_proratiser
  ON CONFLICT DO NOTHING`;

/** The inputs of the reimbursement engine as stored: monthly salaries, IJSS, antécédents. */
export function createEntreesRepository() {
  return {
    /** The sinistre in the scope with its agent's regime; null outside it (404). */
    async sinistre(db: Db, scope: Scope, id: string) {
      const [row] = await db
        .select({
          id: sinistre.id,
          collectiviteId: sinistre.collectiviteId,
          agentId: sinistre.agentId,
          contratId: sinistre.contratId,
          categorie: sinistre.categorie,
          dateSurvenance: sinistre.dateSurvenance,
          regime: contrat.regime,
        })
        .from(sinistre)
        .innerJoin(contrat, eq(contrat.id, sinistre.contratId))
        .where(and(sinistreInScope(scope), eq(sinistre.id, id)));
      return row ?? null;
    },
    /** The sinistre's arrêts, as periods. */
    async periodesArrets(db: Db, sinistreId: string) {
      return db
        .select({ debut: arret.debut, fin: arret.fin })
        .from(arret)
        .where(eq(arret.sinistreId, sinistreId))
        .orderBy(asc(arret.debut));
    },
    /** The agent in the scope; null outside it. */
    async agent(db: Db, scope: Scope, id: string) {
      const [row] = await db
        .select({ id: agent.id, collectiviteId: agent.collectiviteId, regime: agent.regime })
        .from(agent)
        .where(and(ofCollectivite(scope, agent.collectiviteId), eq(agent.id, id)));
      return row ?? null;
    },
    /** The agent's arrêts (every sinistre), to refuse an antécédent overlapping one. */
    async arretsAgent(db: Db, collectiviteId: string, agentId: string) {
      return db
        .select({ debut: arret.debut, fin: arret.fin })
        .from(arret)
        .where(and(eq(arret.collectiviteId, collectiviteId), eq(arret.agentId, agentId)))
        .orderBy(asc(arret.debut));
    },

    // ——— salaires mensuels

    /** The agent's saved months from `du` to `au` (`YYYY-MM`), and the last one before `du`. */
    async salaires(db: Db, collectiviteId: string, agentId: string, du: string, au: string) {
      const own = and(eq(salaireMensuel.collectiviteId, collectiviteId), eq(salaireMensuel.agentId, agentId));
      const [rows, precedent] = await Promise.all([
        db
          .select()
          .from(salaireMensuel)
          .where(and(own, gte(salaireMensuel.mois, du), lte(salaireMensuel.mois, au)))
          .orderBy(asc(salaireMensuel.mois)),
        db
          .select()
          .from(salaireMensuel)
          .where(and(own, lt(salaireMensuel.mois, du)))
          .orderBy(desc(salaireMensuel.mois))
          .limit(1),
      ]);
      return { rows, precedent: precedent[0] ?? null };
    },
    async saveSalaires(db: Db, rows: (typeof salaireMensuel.$inferInsert)[]) {
      if (rows.length === 0) return;
      await db
        .insert(salaireMensuel)
        .values(rows)
        .onConflictDoUpdate({
          target: [salaireMensuel.collectiviteId, salaireMensuel.agentId, salaireMensuel.mois],
          set: {
            tbi: sql`excluded.tbi`,
            nbi: sql`excluded.nbi`,
            sft: sql`excluded.sft`,
            ir: sql`excluded.ir`,
            saisiPar: sql`excluded.saisi_par`,
            saisiLe: sql`excluded.saisi_le`,
          },
        });
    },
    /** The months an arrêt's salary fills, when they have none yet (see SALAIRES_DEPUIS_ARRET). */
    async salairesDepuisArret(db: Db, arretId: string, saisiPar: string, saisiLe: Date) {
      await db.execute(SALAIRES_DEPUIS_ARRET(arretId, saisiPar, saisiLe));
    },
    /** The bases of contracts for collectivités, a réelle before the prévisionnelle of its year. */
    async bases(db: Db, collectiviteIds: string | readonly string[], contratIds: readonly string[]) {
      if (contratIds.length === 0) return [];
      return db
        .select({
          collectiviteId: baseAssurance.collectiviteId,
          contratId: baseAssurance.contratId,
          annee: baseAssurance.annee,
          nbi: baseAssurance.nbi,
          sft: baseAssurance.sft,
          ir: baseAssurance.ir,
          riPct: baseAssurance.riPct,
          cpPct: baseAssurance.cpPct,
        })
        .from(baseAssurance)
        .where(
          and(
            inArray(
              baseAssurance.collectiviteId,
              typeof collectiviteIds === 'string' ? [collectiviteIds] : [...collectiviteIds],
            ),
            inArray(baseAssurance.contratId, [...contratIds]),
          ),
        )
        .orderBy(asc(baseAssurance.annee), sql`(${baseAssurance.type} = 'reelle') DESC`);
    },

    // ——— IJSS

    async ijss(db: Db, scope: Scope, sinistreId: string) {
      return db
        .select()
        .from(ijss)
        .where(and(ijssInScope(scope), eq(ijss.sinistreId, sinistreId)))
        .orderBy(asc(ijss.du))
        .limit(1000);
    },
    async insertIjss(db: Db, values: typeof ijss.$inferInsert) {
      const [row] = await db.insert(ijss).values(values).returning({ id: ijss.id });
      return row!.id;
    },
    async updateIjss(db: Db, scope: Scope, id: string, values: Partial<typeof ijss.$inferInsert>) {
      await db
        .update(ijss)
        .set(values)
        .where(and(ijssInScope(scope), eq(ijss.id, id)));
    },
    async deleteIjss(db: Db, scope: Scope, id: string) {
      await db.delete(ijss).where(and(ijssInScope(scope), eq(ijss.id, id)));
    },

    // ——— antécédents

    async antecedents(db: Db, scope: Scope, agentId: string) {
      return db
        .select()
        .from(antecedent)
        .where(and(ofCollectivite(scope, antecedent.collectiviteId), eq(antecedent.agentId, agentId)))
        .orderBy(asc(antecedent.du))
        .limit(1000);
    },
    async insertAntecedent(db: Db, values: typeof antecedent.$inferInsert) {
      const [row] = await db.insert(antecedent).values(values).returning({ id: antecedent.id });
      return row!.id;
    },
    async deleteAntecedent(db: Db, scope: Scope, agentId: string, id: string) {
      const rows = await db
        .delete(antecedent)
        .where(
          and(ofCollectivite(scope, antecedent.collectiviteId), eq(antecedent.agentId, agentId), eq(antecedent.id, id)),
        )
        .returning();
      return rows[0] ?? null;
    },
  };
}
export type EntreesRepository = ReturnType<typeof createEntreesRepository>;

/** The base that prices a year: that year's, else the latest before, else the first after. */
export function baseDeLAnnee<B extends { annee: number }>(bases: readonly B[], annee: number): B | null {
  const avant = bases.filter((b) => b.annee <= annee);
  // Sorted by year, the réelle first within a year: the first of the latest year wins.
  const latest = avant.at(-1)?.annee;
  if (latest !== undefined) return avant.find((b) => b.annee === latest) ?? null;
  return bases[0] ?? null;
}

const elementsDeBase = (b: {
  nbi: number | null;
  sft: number | null;
  ir: number | null;
  riPct: number | null;
  cpPct: number | null;
}) =>
  (['nbi', 'sft', 'ir', 'ri', 'cp'] as const).filter((e) =>
    e === 'ri' ? b.riPct !== null : e === 'cp' ? b.cpPct !== null : b[e] !== null,
  ) as TElementBase[];

/** A monthly payslip as the engine reads it (its TBI known). */
export const salaireMoisDe = (r: {
  tbi: number;
  nbi: number | null;
  sft: number | null;
  ir: number | null;
}): SalaireMois => ({
  tbi: r.tbi,
  ...(r.nbi === null ? {} : { nbi: r.nbi }),
  ...(r.sft === null ? {} : { sft: r.sft }),
  ...(r.ir === null ? {} : { ir: r.ir }),
});

/** An IJSS period as the engine reads it: its total when known, else its daily amount. */
export const ijssMoteurDe = (r: {
  du: string;
  au: string;
  montantJournalier: number | null;
  montantTotal: number | null;
}): IjssMoteur =>
  r.montantTotal !== null
    ? { debut: r.du, fin: r.au, montantPeriode: r.montantTotal }
    : { debut: r.du, fin: r.au, montantJournalier: r.montantJournalier ?? 0 };

/** Sinistres costed per chunk: each statement's `IN` lists stay bounded whatever the collectivité's size. */
export const TAILLE_LOT_ENTREES = 200;

type Periode = { debut: string; fin: string };

/** An agent's rows in a chunk's result: an agent is known by his collectivité and his id, as the per-agent reads filter. */
const cleAgent = (collectiviteId: string, agentId: string) => `${collectiviteId}/${agentId}`;

function parAgent<T extends { collectiviteId: string; agentId: string }>(rows: readonly T[]) {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = cleAgent(r.collectiviteId, r.agentId);
    const l = m.get(k);
    if (l) l.push(r);
    else m.set(k, [r]);
  }
  return (collectiviteId: string, agentId: string) => m.get(cleAgent(collectiviteId, agentId)) ?? [];
}

/**
 * Everything the reimbursement engine needs to cost `periode` of a sinistre (issue 10): the agent's
 * situation, every arrêt of the agent that started by the period's end (the rolling-year and rights
 * counts read them all, whatever the sinistre), his antécédents, the monthly salaries of the period,
 * the IJSS and the contre-visites of his sinistres, and the contracts that may pay a chain — the
 * collectivité's of the agent's regime and those of his sinistres — with their garanties and the
 * base's elements and RI/CP percentages for the period's first year. Null when the sinistre is not
 * in the scope. The one-sinistre case of `entreesCalculDe`, so that a décompte and a forecast read alike.
 */
export async function entreesCalcul(
  tx: Db,
  scope: Scope,
  sinistreId: string,
  periode: Periode,
): Promise<EntreeMoteur | null> {
  return (await entreesCalculDe(tx, scope, [sinistreId], periode)).get(sinistreId) ?? null;
}

/**
 * The engine's inputs (as `entreesCalcul`) of many sinistres for the same period, set-based: ten
 * statements per chunk of `TAILLE_LOT_ENTREES` sinistres, whatever the number of agents. Keyed by
 * sinistre; a sinistre outside the scope is absent.
 */
export async function entreesCalculDe(
  tx: Db,
  scope: Scope,
  sinistreIds: readonly string[],
  periode: Periode,
): Promise<Map<string, EntreeMoteur>> {
  const ids = [...new Set(sinistreIds)];
  const entrees = new Map<string, EntreeMoteur>();
  for (let i = 0; i < ids.length; i += TAILLE_LOT_ENTREES)
    for (const [id, e] of await lotEntrees(tx, scope, ids.slice(i, i + TAILLE_LOT_ENTREES), periode))
      entrees.set(id, e);
  return entrees;
}

async function lotEntrees(
  tx: Db,
  scope: Scope,
  ids: readonly string[],
  periode: Periode,
): Promise<Map<string, EntreeMoteur>> {
  const calcules = await tx
    .select({
      id: sinistre.id,
      agentId: sinistre.agentId,
      collectiviteId: sinistre.collectiviteId,
      categorie: sinistre.categorie,
      regime: agent.regime,
      statut: agent.statut,
      dateEntree: agent.dateEntree,
    })
    .from(sinistre)
    .innerJoin(agent, eq(agent.id, sinistre.agentId))
    .where(and(sinistreInScope(scope), inArray(sinistre.id, [...ids])));
  if (calcules.length === 0) return new Map();
  const collectiviteIds = [...new Set(calcules.map((s) => s.collectiviteId))];
  const agentIds = [...new Set(calcules.map((s) => s.agentId))];
  // A superset of the (collectivité, agent) pairs, narrowed to the exact pairs by `parAgent`.
  const desAgents = (collectiviteId: Column, agentId: Column) =>
    and(inArray(collectiviteId, collectiviteIds), inArray(agentId, agentIds));

  const [arrets, sinistres, antecedents, salaires, ijssRows, controles, contratRows] = await Promise.all([
    tx
      .select({ ...COLONNES_ARRET_MOTEUR, collectiviteId: arret.collectiviteId, agentId: arret.agentId })
      .from(arret)
      .innerJoin(sinistre, eq(sinistre.id, arret.sinistreId))
      .where(and(desAgents(arret.collectiviteId, arret.agentId), lte(arret.debut, periode.fin)))
      .orderBy(asc(arret.debut), asc(arret.id)),
    tx
      .select({
        id: sinistre.id,
        collectiviteId: sinistre.collectiviteId,
        agentId: sinistre.agentId,
        contratId: sinistre.contratId,
        categorie: sinistre.categorie,
        dateSurvenance: sinistre.dateSurvenance,
      })
      .from(sinistre)
      .where(desAgents(sinistre.collectiviteId, sinistre.agentId)),
    tx
      .select({
        collectiviteId: antecedent.collectiviteId,
        agentId: antecedent.agentId,
        categorie: antecedent.categorie,
        debut: antecedent.du,
        fin: antecedent.au,
      })
      .from(antecedent)
      .where(desAgents(antecedent.collectiviteId, antecedent.agentId))
      .orderBy(asc(antecedent.du), asc(antecedent.id)),
    tx
      .select()
      .from(salaireMensuel)
      .where(
        and(
          desAgents(salaireMensuel.collectiviteId, salaireMensuel.agentId),
          gte(salaireMensuel.mois, periode.debut.slice(0, 7)),
          lte(salaireMensuel.mois, periode.fin.slice(0, 7)),
        ),
      )
      .orderBy(asc(salaireMensuel.mois)),
    tx
      .select({
        collectiviteId: sinistre.collectiviteId,
        agentId: sinistre.agentId,
        du: ijss.du,
        au: ijss.au,
        montantJournalier: ijss.montantJournalier,
        montantTotal: ijss.montantTotal,
      })
      .from(ijss)
      .innerJoin(sinistre, eq(sinistre.id, ijss.sinistreId))
      .where(
        and(
          desAgents(sinistre.collectiviteId, sinistre.agentId),
          lte(ijss.du, periode.fin),
          gte(ijss.au, periode.debut),
        ),
      )
      .orderBy(asc(ijss.du), asc(ijss.id)),
    tx
      .select({
        collectiviteId: sinistre.collectiviteId,
        agentId: sinistre.agentId,
        sinistreId: controleMedical.sinistreId,
        injustifieAPartirDu: controleMedical.injustifieAPartirDu,
      })
      .from(controleMedical)
      .innerJoin(sinistre, eq(sinistre.id, controleMedical.sinistreId))
      .where(and(desAgents(sinistre.collectiviteId, sinistre.agentId), isNotNull(controleMedical.injustifieAPartirDu)))
      .orderBy(asc(controleMedical.injustifieAPartirDu), asc(controleMedical.id)),
    // One row per contract and adhesion of a collectivité of the chunk (one without, for a contract
    // reached through a sinistre only): each agent keeps his own below.
    tx
      .select({
        id: contrat.id,
        regime: contrat.regime,
        dateEffet: contrat.dateEffet,
        dateFin: contrat.dateFin,
        adherent: adhesion.collectiviteId,
        dateAdhesion: adhesion.dateAdhesion,
      })
      .from(contrat)
      .leftJoin(adhesion, and(eq(adhesion.contratId, contrat.id), inArray(adhesion.collectiviteId, collectiviteIds)))
      .where(
        or(
          and(isNotNull(adhesion.collectiviteId), inArray(contrat.regime, [...new Set(calcules.map((s) => s.regime))])),
          inArray(
            contrat.id,
            tx
              .select({ id: sinistre.contratId })
              .from(sinistre)
              .where(desAgents(sinistre.collectiviteId, sinistre.agentId)),
          ),
        ),
      )
      .orderBy(asc(contrat.dateEffet), asc(contrat.id)),
  ]);

  const contratIds = [...new Set(contratRows.map((c) => c.id))];
  const [garanties, bases] = await Promise.all([
    contratIds.length === 0
      ? []
      : tx
          .select()
          .from(garantie)
          .where(inArray(garantie.contratId, contratIds))
          .orderBy(asc(garantie.contratId), asc(garantie.risque)),
    createEntreesRepository().bases(tx, collectiviteIds, contratIds),
  ]);
  const annee = Number(periode.debut.slice(0, 4));

  const [arretsDe, sinistresDe, antecedentsDe, salairesDe, ijssDe, controlesDe] = [
    parAgent(arrets),
    parAgent(sinistres),
    parAgent(antecedents),
    parAgent(salaires),
    parAgent(ijssRows),
    parAgent(controles),
  ];
  const contratsParId = new Map<string, { c: (typeof contratRows)[number]; adhesions: Map<string, string | null> }>();
  for (const r of contratRows) {
    const x = contratsParId.get(r.id) ?? { c: r, adhesions: new Map() };
    if (r.adherent) x.adhesions.set(r.adherent, r.dateAdhesion);
    contratsParId.set(r.id, x);
  }

  const entrees = new Map<string, EntreeMoteur>();
  for (const s of calcules) {
    const own = sinistresDe(s.collectiviteId, s.agentId);
    const contratsDesSinistres = new Set(own.map((x) => x.contratId));
    const contrats: ContratMoteur[] = [...contratsParId.values()]
      .filter(
        ({ c, adhesions }) =>
          (adhesions.has(s.collectiviteId) && c.regime === s.regime) || contratsDesSinistres.has(c.id),
      )
      .map(({ c, adhesions }) => contratMoteurDe(c, adhesions.get(s.collectiviteId) ?? null, s));
    const deces = own
      .filter((x) => x.categorie === 'deces')
      .sort((x, y) => x.dateSurvenance.localeCompare(y.dateSurvenance))[0];
    entrees.set(s.id, {
      agent: { regime: s.regime, statut: s.statut as TStatut, debutService: s.dateEntree },
      contrats,
      arrets: arretsDe(s.collectiviteId, s.agentId).map(arretMoteurDe),
      antecedents: antecedentsDe(s.collectiviteId, s.agentId).map(
        (r): AntecedentMoteur => ({ categorie: r.categorie as TRisque, debut: r.debut, fin: r.fin }),
      ),
      salaires: Object.fromEntries(
        salairesDe(s.collectiviteId, s.agentId)
          .filter((r) => r.tbi !== null)
          .map((r): [string, SalaireMois] => [r.mois, salaireMoisDe({ ...r, tbi: r.tbi! })]),
      ),
      ijss: ijssDe(s.collectiviteId, s.agentId).map(ijssMoteurDe),
      contreVisites: controlesDe(s.collectiviteId, s.agentId).map((c) => ({
        sinistreId: c.sinistreId,
        injustifieAPartirDu: c.injustifieAPartirDu!,
      })),
      deces: deces ? { sinistreId: deces.id, date: deces.dateSurvenance } : null,
      periode,
      sinistreIds: [s.id],
    });
  }
  return entrees;

  /** A contract as the engine reads it for the costed sinistre `s`. */
  function contratMoteurDe(
    c: { id: string; dateEffet: string; dateFin: string | null },
    dateAdhesion: string | null,
    s: { collectiviteId: string; categorie: string },
  ): ContratMoteur {
    const own = garanties.filter((g) => g.contratId === c.id);
    const base = baseDeLAnnee(
      bases.filter((b) => b.contratId === c.id && b.collectiviteId === s.collectiviteId),
      annee,
    );
    // The costed sinistre's garantie says how this contract treats a late declaration.
    const regle = own.find((g) => g.risque === s.categorie)?.horsDelaiRegle ?? 'couverture_a_reception';
    const deces = own.find((g) => g.risque === 'deces');
    return {
      contratId: c.id,
      // The collectivité is covered from its adhesion, if it joined after the contract's start.
      debut: dateAdhesion && dateAdhesion > c.dateEffet ? dateAdhesion : c.dateEffet,
      fin: c.dateFin ?? SANS_FIN,
      garanties: Object.fromEntries(
        own.map((g) => [
          g.risque,
          {
            couvert: g.couvert,
            franchiseNombre: g.franchiseNombre,
            // No new franchise after a long return: the franchise runs per sinistre, as the engine reads it.
            franchiseUnite: g.rechuteNouvelleFranchise ? g.franchiseUnite : 'jours_fermes_par_sinistre',
            remboursementPct: g.remboursementPct,
            delaiDeclarationJours: g.delaiDeclarationJours,
          } as GarantieMoteur,
        ]),
      ),
      elements: base ? elementsDeBase(base) : [],
      riPct: base?.riPct ?? null,
      cpPct: base?.cpPct ?? null,
      declarationTardive: regle === 'refus' ? 'refus' : 'reception',
      capitalDecesCentimes: deces?.couvert ? (deces.capitalDeces ?? null) : null,
    } satisfies ContratMoteur;
  }
}
