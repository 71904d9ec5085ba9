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
    /** The bases of a contract for a collectivité, a réelle before the prévisionnelle of its year. */
    async bases(db: Db, collectiviteId: string, contratIds: readonly string[]) {
      if (contratIds.length === 0) return [];
      return db
        .select({
          contratId: baseAssurance.contratId,
          annee: baseAssurance.annee,
          nbi: baseAssurance.nbi,
          sft: baseAssurance.sft,
          ir: baseAssurance.ir,
          riPct: baseAssurance.riPct,
          cpPct: baseAssurance.cpPct,
        })
        .from(baseAssurance)
        .where(and(eq(baseAssurance.collectiviteId, collectiviteId), inArray(baseAssurance.contratId, [...contratIds])))
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

/**
 * Everything the reimbursement engine needs to cost `periode` of a sinistre (issue 10), read in one
 * transaction: the agent's situation, every arrêt of the agent that started by the period's end
 * (the rolling-year and rights counts read them all, whatever the sinistre), his antécédents, the
 * monthly salaries of the period, the IJSS and the contre-visites of his sinistres, and the
 * contracts that may pay a chain — the collectivité's of the agent's regime and those of his
 * sinistres — with their garanties and the base's elements and RI/CP percentages for the period's
 * first year. Null when the sinistre is not in the scope.
 */
export async function entreesCalcul(
  tx: Db,
  scope: Scope,
  sinistreId: string,
  periode: { debut: string; fin: string },
): Promise<EntreeMoteur | null> {
  const [s] = await tx
    .select({ agentId: sinistre.agentId, collectiviteId: sinistre.collectiviteId })
    .from(sinistre)
    .where(and(sinistreInScope(scope), eq(sinistre.id, sinistreId)));
  if (!s) return null;
  const { agentId, collectiviteId } = s;
  const [a] = await tx
    .select({ regime: agent.regime, statut: agent.statut, dateEntree: agent.dateEntree })
    .from(agent)
    .where(eq(agent.id, agentId));
  if (!a) return null;
  const duAgent = and(eq(sinistre.collectiviteId, collectiviteId), eq(sinistre.agentId, agentId));

  const [arrets, sinistres, antecedents, salaires, ijssRows, controles, contratRows] = await Promise.all([
    tx
      .select(COLONNES_ARRET_MOTEUR)
      .from(arret)
      .innerJoin(sinistre, eq(sinistre.id, arret.sinistreId))
      .where(and(eq(arret.collectiviteId, collectiviteId), eq(arret.agentId, agentId), lte(arret.debut, periode.fin)))
      .orderBy(asc(arret.debut)),
    tx
      .select({
        id: sinistre.id,
        contratId: sinistre.contratId,
        categorie: sinistre.categorie,
        dateSurvenance: sinistre.dateSurvenance,
      })
      .from(sinistre)
      .where(duAgent),
    tx
      .select({ categorie: antecedent.categorie, debut: antecedent.du, fin: antecedent.au })
      .from(antecedent)
      .where(and(eq(antecedent.collectiviteId, collectiviteId), eq(antecedent.agentId, agentId)))
      .orderBy(asc(antecedent.du)),
    tx
      .select()
      .from(salaireMensuel)
      .where(
        and(
          eq(salaireMensuel.collectiviteId, collectiviteId),
          eq(salaireMensuel.agentId, agentId),
          gte(salaireMensuel.mois, periode.debut.slice(0, 7)),
          lte(salaireMensuel.mois, periode.fin.slice(0, 7)),
        ),
      ),
    tx
      .select({ du: ijss.du, au: ijss.au, montantJournalier: ijss.montantJournalier, montantTotal: ijss.montantTotal })
      .from(ijss)
      .innerJoin(sinistre, eq(sinistre.id, ijss.sinistreId))
      .where(and(duAgent, lte(ijss.du, periode.fin), gte(ijss.au, periode.debut)))
      .orderBy(asc(ijss.du)),
    tx
      .select({ sinistreId: controleMedical.sinistreId, injustifieAPartirDu: controleMedical.injustifieAPartirDu })
      .from(controleMedical)
      .innerJoin(sinistre, eq(sinistre.id, controleMedical.sinistreId))
      .where(and(duAgent, isNotNull(controleMedical.injustifieAPartirDu)))
      .orderBy(asc(controleMedical.injustifieAPartirDu)),
    tx
      .select({
        id: contrat.id,
        dateEffet: contrat.dateEffet,
        dateFin: contrat.dateFin,
        dateAdhesion: adhesion.dateAdhesion,
      })
      .from(contrat)
      .leftJoin(adhesion, and(eq(adhesion.contratId, contrat.id), eq(adhesion.collectiviteId, collectiviteId)))
      .where(
        or(
          and(isNotNull(adhesion.collectiviteId), eq(contrat.regime, a.regime)),
          inArray(contrat.id, tx.select({ id: sinistre.contratId }).from(sinistre).where(duAgent)),
        ),
      )
      .orderBy(asc(contrat.dateEffet)),
  ]);

  const contratIds = contratRows.map((c) => c.id);
  const [garanties, bases] = await Promise.all([
    contratIds.length === 0 ? [] : tx.select().from(garantie).where(inArray(garantie.contratId, contratIds)),
    createEntreesRepository().bases(tx, collectiviteId, contratIds),
  ]);
  const annee = Number(periode.debut.slice(0, 4));

  const contrats: ContratMoteur[] = contratRows.map((c) => {
    const own = garanties.filter((g) => g.contratId === c.id);
    const base = baseDeLAnnee(
      bases.filter((b) => b.contratId === c.id),
      annee,
    );
    // The costed sinistre's garantie says how this contract treats a late declaration.
    const categorieCalculee = sinistres.find((x) => x.id === sinistreId)?.categorie;
    const regle = own.find((g) => g.risque === categorieCalculee)?.horsDelaiRegle ?? 'couverture_a_reception';
    const deces = own.find((g) => g.risque === 'deces');
    return {
      contratId: c.id,
      // The collectivité is covered from its adhesion, if it joined after the contract's start.
      debut: c.dateAdhesion && c.dateAdhesion > c.dateEffet ? c.dateAdhesion : c.dateEffet,
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
  });

  const deces = sinistres
    .filter((x) => x.categorie === 'deces')
    .sort((x, y) => x.dateSurvenance.localeCompare(y.dateSurvenance))[0];

  return {
    agent: { regime: a.regime, statut: a.statut as TStatut, debutService: a.dateEntree },
    contrats,
    arrets: arrets.map(arretMoteurDe),
    antecedents: antecedents.map((r): AntecedentMoteur => ({ ...r, categorie: r.categorie as TRisque })),
    salaires: Object.fromEntries(
      salaires
        .filter((r) => r.tbi !== null)
        .sort((x, y) => x.mois.localeCompare(y.mois))
        .map((r): [string, SalaireMois] => [
          r.mois,
          {
            tbi: r.tbi!,
            ...(r.nbi === null ? {} : { nbi: r.nbi }),
            ...(r.sft === null ? {} : { sft: r.sft }),
            ...(r.ir === null ? {} : { ir: r.ir }),
          },
        ]),
    ),
    ijss: ijssRows.map(
      (r): IjssMoteur =>
        r.montantTotal !== null
          ? { debut: r.du, fin: r.au, montantPeriode: r.montantTotal }
          : { debut: r.du, fin: r.au, montantJournalier: r.montantJournalier ?? 0 },
    ),
    contreVisites: controles.map((c) => ({ sinistreId: c.sinistreId, injustifieAPartirDu: c.injustifieAPartirDu! })),
    deces: deces ? { sinistreId: deces.id, date: deces.dateSurvenance } : null,
    periode,
    sinistreIds: [sinistreId],
  };
}
