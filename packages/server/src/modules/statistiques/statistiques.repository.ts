import {
  type ArretStat,
  type CertificatStat,
  daysBetween,
  type Effectif,
  effectifDeLAnnee,
  fractionMaintenue,
  type Intervalle,
  intersection,
  joursIntervalle,
  type Periode,
  type ProfilAgent,
  periodePrecedente,
  regrouperProlongations,
  type SegmentJournal,
  type TRegime,
  type TRisque,
  type TStatut,
  type TTypeBase,
} from '@statutis/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inScope, type Scope } from '../../lib/scope.js';

/**
 * The span the loader reads: every arrêt with a day in it, every employment span touching it, every base de
 * l'assurance of its years. To serve a period and its previous equal one (the curve against last year), ask
 * for the previous period's début to the period's fin: the domain cuts each to its own bounds.
 */
export type FenetreStat = Intervalle & {
  /** The « as of » day: an arrêt still running is known up to it (its cost and its half-pay days). */
  auJour: string;
};

/**
 * What the statistics of one collectivité are computed from (the inputs of `statistiquesCollectivite`),
 * over a window: its arrêts (certificates joined by `regrouperProlongations`, category after any
 * requalification, agent profile, half-pay days and cost from the engine's validated décomptes where they
 * cover the certificate) and what its headcount may be measured with.
 */
export type EntreesStatistiques = {
  collectiviteId: string;
  arrets: ArretStat[];
  /** The employment spans of its agents touching the window (agent file, then agent_emploi changes). */
  emplois: { agentId: string; debut: string; fin: string | null; profil: ProfilAgent }[];
  /** True when the collectivité keeps an employment history (agent_emploi rows): its headcount is then that. */
  historique: boolean;
  /** Its bases de l'assurance of the window's years. */
  bases: { contratId: string; annee: number; type: TTypeBase; effectif: number }[];
};

type CertificatRow = {
  id: string;
  sinistre_id: string;
  collectivite_id: string;
  agent_id: string;
  categorie: TRisque;
  debut: string;
  fin: string;
  sexe: 'M' | 'F' | null;
  date_naissance: string | null;
  regime: TRegime;
  statut: TStatut;
  service: string | null;
  /** The monthly salary elements written with the certificate (cents), if any: used for a month without payslip. */
  salaire: string | null;
};

type EmploiRow = {
  collectivite_id: string;
  agent_id: string;
  debut: string;
  fin: string | null;
  sexe: 'M' | 'F' | null;
  date_naissance: string | null;
  regime: TRegime;
  statut: TStatut;
  service: string | null;
  historique: boolean;
};

type DecompteRow = { sinistre_id: string; montant: string | number; journal: SegmentJournal[] };
type SalaireRow = {
  agent_id: string;
  mois: string;
  tbi: string | null;
  nbi: string | null;
  sft: string | null;
  ir: string | null;
};
type BaseRow = { collectivite_id: string; contrat_id: string; annee: number; type: TTypeBase; effectif: number };

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

const num = (v: string | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Half-pay days and cost of each certificate from the journals of the latest validated décompte of each
 * period of its sinistre: known only when the journals cover every day of the certificate up to the « as
 * of » day; the pay maintained is the month's TBI + NBI (and SFT + IR) at the rule's share, by trentièmes
 * (the month's payslip, else the salary written with the certificate; unknown without either);
 * the reimbursement is each décompte's amount shared among its certificates by the trentièmes it paid.
 */
function coutsParCertificat(
  certificats: readonly CertificatRow[],
  decomptes: readonly DecompteRow[],
  salaires: readonly SalaireRow[],
  auJour: string,
): Map<string, Pick<ArretStat, 'demiTraitement' | 'cout'>> {
  const salaire = new Map(salaires.map((s) => [`${s.agent_id}|${s.mois}`, s]));
  const agentDe = new Map(certificats.map((c) => [c.id, c.agent_id]));
  const salaireCertificat = new Map(certificats.map((c) => [c.id, c.salaire === null ? null : Number(c.salaire)]));
  type Cumul = { jours: number; demi: Intervalle[]; maintenu: number; rembourse: number; salaireInconnu: boolean };
  const parArret = new Map<string, Cumul>();
  const acc = (id: string) => {
    let a = parArret.get(id);
    if (!a) {
      a = { jours: 0, demi: [], maintenu: 0, rembourse: 0, salaireInconnu: false };
      parArret.set(id, a);
    }
    return a;
  };
  for (const d of decomptes) {
    // The amount is shared over all the décompte's segments, those of certificates outside the window too.
    const segments = d.journal ?? [];
    const poids = segments.map((s) => s.trentiemes * s.fractionTraitement);
    const total = poids.reduce((n, p) => n + p, 0);
    let reste = num(d.montant);
    segments.forEach((s, i) => {
      // The last segment takes what rounding left, so that the shares add up to the décompte.
      const part = i === segments.length - 1 ? reste : total > 0 ? Math.round((num(d.montant) * poids[i]!) / total) : 0;
      reste -= part;
      if (!agentDe.has(s.arretId)) return;
      const a = acc(s.arretId);
      a.jours += s.jours;
      a.rembourse += part;
      if (s.regle.endsWith('_demi')) a.demi.push({ debut: s.debut, fin: s.fin });
      const f = fractionMaintenue(s.regle);
      if (f === 0) return;
      const paie = salaire.get(`${agentDe.get(s.arretId)}|${s.debut.slice(0, 7)}`);
      const mensuel = paie
        ? num(paie.tbi) + num(paie.nbi) + num(paie.sft) + num(paie.ir)
        : (salaireCertificat.get(s.arretId) ?? null);
      if (mensuel === null) a.salaireInconnu = true;
      else a.maintenu += Math.round((mensuel * f * s.trentiemes) / 30);
    });
  }
  const out = new Map<string, Pick<ArretStat, 'demiTraitement' | 'cout'>>();
  for (const c of certificats) {
    const a = parArret.get(c.id);
    const fin = c.fin < auJour ? c.fin : auJour;
    const attendus = fin < c.debut ? 0 : daysBetween(c.debut, fin) + 1;
    if (!a || a.jours < attendus) continue; // not (wholly) computed by the engine: unknown
    out.set(c.id, {
      demiTraitement: a.demi,
      // A paid day of a month without its salary: the pay maintained is not known.
      cout: a.salaireInconnu ? null : { maintenuCentimes: a.maintenu, rembourseCentimes: a.rembourse },
    });
  }
  return out;
}

/**
 * Set-based loader of the statistics' inputs, for one collectivité (its dashboard) or many at once (the
 * CDG's precomputation): five statements whatever the number of collectivités, each through the scope
 * helper, none per arrêt or per agent.
 */
export function createStatistiquesRepository() {
  return {
    /**
     * The inputs of the collectivités `collectiviteIds` over `fenetre`, as far as `scope` reaches (an
     * insurer's staff sees only its contracts' sinistres; a collectivité out of reach has nothing).
     */
    async entrees(
      db: Db,
      scope: Scope,
      collectiviteIds: readonly string[],
      fenetre: FenetreStat,
    ): Promise<Map<string, EntreesStatistiques>> {
      const out = new Map<string, EntreesStatistiques>();
      if (collectiviteIds.length === 0) return out;
      for (const id of collectiviteIds)
        out.set(id, { collectiviteId: id, arrets: [], emplois: [], historique: false, bases: [] });
      const ids = sql`(${sql.join(
        collectiviteIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`;
      const { debut, fin } = fenetre;
      const arretScope = inScope(scope, { collectiviteId: sql`a.collectivite_id`, contratId: sql`s.contrat_id` });
      const certificatsQ = sql`
        SELECT a.id, a.sinistre_id, a.collectivite_id, a.agent_id,
               COALESCE(a.categorie, s.categorie) AS categorie, a.debut::text AS debut, a.fin::text AS fin,
               ag.sexe, ag.date_naissance::text AS date_naissance,
               COALESCE(e.regime::text, ag.regime::text) AS regime, COALESCE(e.statut, ag.statut) AS statut,
               COALESCE(e.service, ag.service) AS service,
               CASE WHEN a.tbi IS NULL THEN NULL
                    ELSE a.tbi + COALESCE(a.nbi, 0) + COALESCE(a.sft, 0) + COALESCE(a.ir, 0) END AS salaire
        FROM arret a
        JOIN sinistre s ON s.id = a.sinistre_id
        JOIN agent ag ON ag.id = a.agent_id
        LEFT JOIN LATERAL (
          SELECT ae.regime, ae.statut, ae.service FROM agent_emploi ae
          WHERE ae.collectivite_id = a.collectivite_id AND ae.agent_id = a.agent_id AND ae.date_effet <= a.debut
          ORDER BY ae.date_effet DESC, ae.created_at DESC LIMIT 1
        ) e ON true
        WHERE a.collectivite_id IN ${ids} AND ${arretScope}
          -- A brouillon is not declared yet (it may be a duplicate, deleted tomorrow): it counts once validated.
          AND s.statut <> 'brouillon'
          AND a.debut <= ${fin}::date AND a.fin >= ${debut}::date`;
      const certificats = rowsOf<CertificatRow>(await db.execute(certificatsQ));

      // The whole certificates' décomptes (their cost is the whole arrêt's, cut by the domain).
      const sinistreIds = [...new Set(certificats.map((c) => c.sinistre_id))];
      const agentIds = [...new Set(certificats.map((c) => c.agent_id))];
      const [decomptes, salaires, emplois, bases] = await Promise.all([
        sinistreIds.length === 0
          ? Promise.resolve([] as DecompteRow[])
          : db
              .execute(sql`
                SELECT DISTINCT ON (d.sinistre_id, d.periode_du, d.periode_au)
                       d.sinistre_id, d.montant, d.journal
                FROM decompte d
                WHERE d.sinistre_id IN (${sql.join(
                  sinistreIds.map((id) => sql`${id}::uuid`),
                  sql`, `,
                )})
                  AND d.nature = 'indemnites_journalieres' AND d.statut = 'valide'
                  AND ${inScope(scope, { collectiviteId: sql`d.collectivite_id`, contratId: sql`d.contrat_id` })}
                ORDER BY d.sinistre_id, d.periode_du, d.periode_au, d.version DESC`)
              .then((r) => rowsOf<DecompteRow>(r)),
        agentIds.length === 0
          ? Promise.resolve([] as SalaireRow[])
          : db
              .execute(sql`
                SELECT sm.agent_id, sm.mois, sm.tbi, sm.nbi, sm.sft, sm.ir
                FROM salaire_mensuel sm
                WHERE sm.collectivite_id IN ${ids}
                  AND ${inScope(scope, { collectiviteId: sql`sm.collectivite_id` })}
                  AND sm.agent_id IN (${sql.join(
                    agentIds.map((id) => sql`${id}::uuid`),
                    sql`, `,
                  )})`)
              .then((r) => rowsOf<SalaireRow>(r)),
        db.execute(emploisQuery(scope, ids, fenetre)).then((r) => rowsOf<EmploiRow>(r)),
        db
          .execute(sql`
            SELECT b.collectivite_id, b.contrat_id, b.annee, b.type, b.effectif
            FROM base_assurance b
            WHERE b.collectivite_id IN ${ids}
              AND ${inScope(scope, { collectiviteId: sql`b.collectivite_id`, contratId: sql`b.contrat_id` })}
              AND b.annee BETWEEN ${Number(debut.slice(0, 4))} AND ${Number(fin.slice(0, 4))}`)
          .then((r) => rowsOf<BaseRow>(r)),
      ]);

      const couts = coutsParCertificat(certificats, decomptes, salaires, fenetre.auJour);
      const parCollectivite = new Map<string, CertificatStat[]>();
      for (const c of certificats) {
        const list = parCollectivite.get(c.collectivite_id) ?? [];
        list.push({
          id: c.id,
          sinistreId: c.sinistre_id,
          agentId: c.agent_id,
          categorie: c.categorie,
          debut: c.debut,
          fin: c.fin,
          profil: {
            sexe: c.sexe,
            dateNaissance: c.date_naissance,
            regime: c.regime,
            statut: c.statut,
            service: c.service,
          },
          ...couts.get(c.id),
        });
        parCollectivite.set(c.collectivite_id, list);
      }
      for (const [id, list] of parCollectivite) out.get(id)!.arrets = regrouperProlongations(list);
      for (const e of emplois) {
        const x = out.get(e.collectivite_id)!;
        if (e.historique) x.historique = true;
        x.emplois.push({
          agentId: e.agent_id,
          debut: e.debut,
          fin: e.fin,
          profil: {
            sexe: e.sexe,
            dateNaissance: e.date_naissance,
            regime: e.regime,
            statut: e.statut,
            service: e.service,
          },
        });
      }
      for (const b of bases)
        out.get(b.collectivite_id)!.bases.push({
          contratId: b.contrat_id,
          annee: Number(b.annee),
          type: b.type,
          effectif: Number(b.effectif),
        });
      return out;
    },

    /** The collectivité if the scope reaches it (else null: a 404), with its name for the page and the export. */
    async collectivite(db: Db, scope: Scope, id: string): Promise<{ id: string; nom: string } | null> {
      const rows = rowsOf<{ id: string; nom: string }>(
        await db.execute(sql`
          SELECT c.id, c.nom FROM collectivite c
          WHERE c.id = ${id}::uuid AND ${inScope(scope, { collectiviteId: sql`c.id` })}`),
      );
      return rows[0] ?? null;
    },
  };
}

/**
 * The employment spans touching the window: an agent is on the staff from his entry to his departure
 * (the departure day included), his regime and service those of the agent_emploi change in force, else
 * those of his file. `historique` says the collectivité recorded changes (agent_emploi rows).
 */
function emploisQuery(scope: Scope, ids: SQL, fenetre: FenetreStat): SQL {
  return sql`
    WITH agents AS (
      SELECT ag.id, ag.collectivite_id, ag.date_entree, ag.date_depart, ag.sexe, ag.date_naissance,
             ag.regime, ag.statut, ag.service
      FROM agent ag
      WHERE ag.collectivite_id IN ${ids} AND ${inScope(scope, { collectiviteId: sql`ag.collectivite_id` })}
        AND ag.date_entree <= ${fenetre.fin}::date
        AND (ag.date_depart IS NULL OR ag.date_depart >= ${fenetre.debut}::date)
    ), changes AS (
      SELECT ae.agent_id, ae.date_effet, ae.regime, ae.statut, ae.service,
             lead(ae.date_effet) OVER (PARTITION BY ae.agent_id ORDER BY ae.date_effet, ae.created_at) AS suivant
      FROM agent_emploi ae JOIN agents ag ON ag.id = ae.agent_id AND ae.collectivite_id = ag.collectivite_id
    ), spans AS (
      SELECT ag.collectivite_id, ag.id AS agent_id,
             GREATEST(ch.date_effet, ag.date_entree) AS debut,
             CASE WHEN ch.suivant IS NULL THEN ag.date_depart
                  WHEN ag.date_depart IS NULL THEN ch.suivant - 1
                  ELSE LEAST(ch.suivant - 1, ag.date_depart) END AS fin,
             ag.sexe, ag.date_naissance, ch.regime, ch.statut, ch.service, true AS historique
      FROM agents ag JOIN changes ch ON ch.agent_id = ag.id
      WHERE ch.suivant IS NULL OR ch.suivant > ch.date_effet
      UNION ALL
      SELECT ag.collectivite_id, ag.id, ag.date_entree, ag.date_depart, ag.sexe, ag.date_naissance,
             ag.regime, ag.statut, ag.service, false
      FROM agents ag WHERE NOT EXISTS (SELECT 1 FROM changes ch WHERE ch.agent_id = ag.id)
    )
    SELECT collectivite_id, agent_id, debut::text AS debut, fin::text AS fin, sexe,
           date_naissance::text AS date_naissance, regime::text AS regime, statut, service, historique
    FROM spans
    WHERE (fin IS NULL OR fin >= debut) AND debut <= ${fenetre.fin}::date
      AND (fin IS NULL OR fin >= ${fenetre.debut}::date)`;
}

export type StatistiquesRepository = ReturnType<typeof createStatistiquesRepository>;

/**
 * The headcount of a period from the loaded inputs (trap 3 of domain §8: that period's, never today's):
 * the employment history when the collectivité keeps one; else the bases de l'assurance of the period's
 * years (weighted by the days of each year in the period) when every year has one; else the agents' files
 * (entry and departure dates) as a history.
 */
export function effectifPour(e: EntreesStatistiques, periode: Intervalle): Effectif {
  const historique: Effectif = { type: 'historique', emplois: e.emplois };
  if (e.historique) return historique;
  const annees: { annee: number; jours: number }[] = [];
  for (let y = Number(periode.debut.slice(0, 4)); y <= Number(periode.fin.slice(0, 4)); y++) {
    const x = intersection(periode, { debut: `${y}-01-01`, fin: `${y}-12-31` });
    if (x) annees.push({ annee: y, jours: joursIntervalle(x) });
  }
  const parAnnee = annees.map((a) => ({ ...a, effectif: effectifDeLAnnee(e.bases, a.annee) }));
  if (parAnnee.length > 0 && parAnnee.every((a) => a.effectif !== null)) {
    const jours = parAnnee.reduce((n, a) => n + a.jours, 0);
    const agents = parAnnee.reduce((n, a) => n + a.effectif!.agents * a.jours, 0) / jours;
    return {
      type: 'nombre',
      agents: Math.round(agents * 100) / 100,
      source: parAnnee.map((a) => a.effectif!.source).join(', '),
    };
  }
  return historique;
}

/** The window covering a period and its previous equal one (the curve against last year), as one load. */
export function fenetreAvecPrecedent(p: Periode): FenetreStat {
  return { debut: periodePrecedente(p).debut, fin: p.fin, auJour: p.auJour };
}
