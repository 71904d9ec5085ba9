import {
  type ANTECEDENT_CATEGORIES,
  daysBetween,
  elementLabels,
  formatDate,
  formatMois,
  moisDeLaPeriode,
  montantIjssPeriode,
  risqueLabels,
  risquesParRegime,
  SALAIRE_MENSUEL_ELEMENTS,
  type TAntecedent,
  type TIjss,
  type TIjssListe,
  type TSalaireMensuelElement,
  type TSalairesMensuels,
  type ZAntecedentInput,
  type ZIjssInput,
  type ZSalairesMensuelsInput,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { actorOf, type TenantContext } from '../../http/context.js';
import { Conflict, Invalid, NotFound } from '../../http/errors.js';
import { type Audit, diff } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { signature } from '../../lib/scope.js';
import { type AntecedentRow, baseDeLAnnee, type EntreesRepository, type IjssRow } from './entrees.repository.js';
import { marquerRecalcul } from './recalcul.service.js';

type Deps = { db: Db; clock: Clock; audit: Audit; repo: EntreesRepository };
type Periode = { debut: string; fin: string };

const SINISTRE_INTROUVABLE = 'Sinistre introuvable.';
const chevauche = (a: { du: string; au: string }, b: Periode) => a.du <= b.fin && b.debut <= a.au;
const apres = (numero: string | null) => (numero ? ` après le décompte n° ${numero}` : '');
/** « de mars 2026 », « d’octobre 2026 ». */
const deMois = (mois: string) => {
  const label = formatMois(mois);
  return /^[aeiou]/.test(label) ? `d’${label}` : `de ${label}`;
};
/** The last day of a month `YYYY-MM`. */
const finDuMois = (mois: string) => {
  const [y, m] = mois.split('-').map(Number) as [number, number];
  return `${mois}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

function presentIjss(r: IjssRow): TIjss {
  return {
    id: r.id,
    du: r.du,
    au: r.au,
    montantJournalier: r.montantJournalier,
    montantTotal: r.montantTotal,
    montantPeriode: montantIjssPeriode(r),
    saisiPar: r.saisiPar,
    saisiLe: r.saisiLe.toISOString(),
  };
}

function presentAntecedent(r: AntecedentRow): TAntecedent {
  return {
    id: r.id,
    categorie: r.categorie as TAntecedent['categorie'],
    du: r.du,
    au: r.au,
    jours: daysBetween(r.du, r.au) + 1,
    saisiPar: r.saisiPar,
    saisiLe: r.saisiLe.toISOString(),
  };
}

/**
 * The inputs of the reimbursement engine the employer enters (issue 10): the salary of each calendar
 * month of a sinistre's arrêts, the IJSS of the CPAM statements, an agent's antécédents. One
 * transaction per change, with its audit event.
 */
export function createEntreesService({ db, clock, audit, repo }: Deps) {
  const sinistreOf = async (executor: Db, ctx: TenantContext, id: string) => {
    const s = await repo.sinistre(executor, ctx.scope, id);
    if (!s) throw NotFound(SINISTRE_INTROUVABLE);
    return s;
  };
  type SinistreInfo = Awaited<ReturnType<typeof sinistreOf>>;

  /** The months the sinistre's arrêts touch, and the salary elements the base of each month's year insures. */
  async function moisDuSinistre(executor: Db, s: SinistreInfo) {
    const [periodes, bases] = await Promise.all([
      repo.periodesArrets(executor, s.id),
      repo.bases(executor, s.collectiviteId, [s.contratId]),
    ]);
    const mois = [...new Set(periodes.flatMap((p) => moisDeLaPeriode(p.debut, p.fin)))].sort();
    const assures = (m: string): TSalaireMensuelElement[] => {
      const base = baseDeLAnnee(bases, Number(m.slice(0, 4)));
      return SALAIRE_MENSUEL_ELEMENTS.filter((e) => e === 'tbi' || (base !== null && base[e] !== null));
    };
    const base = baseDeLAnnee(bases, Number(s.dateSurvenance.slice(0, 4)));
    return { mois, assures, riPct: base?.riPct ?? null, cpPct: base?.cpPct ?? null };
  }

  async function salairesVue(executor: Db, s: SinistreInfo): Promise<TSalairesMensuels> {
    const { mois, assures, riPct, cpPct } = await moisDuSinistre(executor, s);
    if (mois.length === 0) return { mois: [], riPct, cpPct };
    const { rows, precedent } = await repo.salaires(executor, s.collectiviteId, s.agentId, mois[0]!, mois.at(-1)!);
    const saved = new Map(rows.map((r) => [r.mois, r]));
    // A month not saved yet proposes the previous month's payslip (saved or itself proposed).
    let last: { tbi: number | null; nbi: number | null; sft: number | null; ir: number | null } | null = precedent;
    return {
      riPct,
      cpPct,
      mois: mois.map((m) => {
        const elementsAssures = assures(m);
        const row = saved.get(m);
        const values = row ?? last;
        if (row) last = row;
        const keep = (e: TSalaireMensuelElement) => (elementsAssures.includes(e) ? (values?.[e] ?? null) : null);
        return {
          mois: m,
          tbi: keep('tbi'),
          nbi: keep('nbi'),
          sft: keep('sft'),
          ir: keep('ir'),
          enregistre: row !== undefined,
          elementsAssures,
        };
      }),
    };
  }

  async function ijssVue(executor: Db, ctx: TenantContext, s: SinistreInfo): Promise<TIjssListe> {
    const rows = await repo.ijss(executor, ctx.scope, s.id);
    return { applicable: s.regime === 'IRCANTEC', items: rows.map(presentIjss) };
  }

  /** An IJSS period lies within the sinistre's arrêts and overlaps no other one (a day deducted twice). */
  async function checkIjss(
    tx: Db,
    ctx: TenantContext,
    s: SinistreInfo,
    input: z.output<typeof ZIjssInput>,
    id?: string,
  ) {
    if (s.regime !== 'IRCANTEC')
      throw Conflict(
        'ijss_non_applicable',
        'Les IJSS ne concernent que les agents relevant de l’IRCANTEC : ce sinistre relève d’un contrat CNRACL.',
      );
    const periodes = await repo.periodesArrets(tx, s.id);
    const debut = periodes[0]?.debut;
    const fin = periodes
      .map((p) => p.fin)
      .sort()
      .at(-1);
    if (!debut || !fin || input.du < debut || input.au > fin)
      throw Invalid(
        debut && fin
          ? `La période d’IJSS doit être comprise dans les arrêts du sinistre (du ${formatDate(debut)} au ${formatDate(fin)}).`
          : 'Déclarez d’abord l’arrêt de travail : les IJSS se rapportent à ses jours.',
        [{ field: input.du < (debut ?? '') || !debut ? 'du' : 'au', message: 'Hors des arrêts du sinistre.' }],
      );
    const autre = (await repo.ijss(tx, ctx.scope, s.id)).find(
      (r) => r.id !== id && chevauche(r, { debut: input.du, fin: input.au }),
    );
    if (autre)
      throw Invalid(
        `Cette période chevauche celle du ${formatDate(autre.du)} au ${formatDate(autre.au)} déjà saisie : un jour ne se déduit qu’une fois.`,
        [{ field: 'du', message: 'Période déjà saisie.' }],
      );
  }

  /** IJSS are deducted day by day: only their days change. */
  const ijssChangees = (tx: Db, sinistreId: string, p: { du: string; au: string }, quoi: string) =>
    marquerRecalcul(tx, {
      cible: { sinistreId },
      du: p.du,
      au: p.au,
      motif: (numero) => `IJSS du ${formatDate(p.du)} au ${formatDate(p.au)} ${quoi}${apres(numero)}.`,
      at: clock.now(),
    });

  /** An antécédent counts in the rolling year and the rights of every later arrêt of the agent. */
  const antecedentChange = (
    tx: Db,
    cible: { collectiviteId: string; agentId: string },
    p: { du: string; au: string },
    quoi: string,
  ) =>
    marquerRecalcul(tx, {
      cible: { collectiviteId: cible.collectiviteId, agentId: cible.agentId },
      du: p.du,
      motif: (numero) => `Antécédent du ${formatDate(p.du)} au ${formatDate(p.au)} ${quoi}${apres(numero)}.`,
      at: clock.now(),
    });

  return {
    async salaires(ctx: TenantContext, sinistreId: string): Promise<TSalairesMensuels> {
      return salairesVue(db, await sinistreOf(db, ctx, sinistreId));
    },

    /**
     * Saves the months of a sinistre's arrêts: each one of them, with only the elements the base of
     * its year insures (domain §4); RI and CP follow TBI at the base's percentages.
     */
    async saveSalaires(
      ctx: TenantContext,
      sinistreId: string,
      input: z.output<typeof ZSalairesMensuelsInput>,
      ip: string,
    ): Promise<TSalairesMensuels> {
      return db.transaction(async (tx) => {
        const s = await sinistreOf(tx, ctx, sinistreId);
        const { mois, assures } = await moisDuSinistre(tx, s);
        const errors = input.mois.flatMap((m, i) => {
          if (!mois.includes(m.mois))
            return [
              { field: `mois.${i}.mois`, message: `${formatMois(m.mois)} : aucun arrêt du sinistre ce mois-là.` },
            ];
          if (m.tbi === null) return [{ field: `mois.${i}.tbi`, message: `${formatMois(m.mois)} : indiquez le TBI.` }];
          const ok = assures(m.mois);
          return SALAIRE_MENSUEL_ELEMENTS.filter((e) => m[e] !== null && !ok.includes(e)).map((e) => ({
            field: `mois.${i}.${e}`,
            message: `${formatMois(m.mois)} : ${elementLabels[e]} non assuré dans la base de l’assurance, laissez le champ vide.`,
          }));
        });
        if (errors.length > 0)
          throw Invalid(
            errors.length === 1 ? errors[0]!.message : `Les salaires contiennent ${errors.length} erreurs.`,
            errors,
          );
        const { rows } = await repo.salaires(
          tx,
          s.collectiviteId,
          s.agentId,
          input.mois.map((m) => m.mois).sort()[0]!,
          input.mois
            .map((m) => m.mois)
            .sort()
            .at(-1)!,
        );
        const avant = new Map(rows.map((r) => [r.mois, r]));
        const now = clock.now();
        const par = signature(ctx.scope, ctx.user);
        const changes: Record<string, unknown>[] = [];
        const toSave = input.mois.filter((m) => {
          const old = avant.get(m.mois);
          const d = diff(
            { tbi: old?.tbi ?? null, nbi: old?.nbi ?? null, sft: old?.sft ?? null, ir: old?.ir ?? null },
            {
              tbi: m.tbi,
              nbi: m.nbi,
              sft: m.sft,
              ir: m.ir,
            },
          );
          if (old && Object.keys(d).length === 0) return false;
          changes.push({ mois: m.mois, ...d });
          return true;
        });
        await repo.saveSalaires(
          tx,
          toSave.map((m) => ({
            ...m,
            collectiviteId: s.collectiviteId,
            agentId: s.agentId,
            saisiPar: par,
            saisiLe: now,
          })),
        );
        for (const c of changes)
          await audit.record(tx, actorOf(ctx, ip), {
            entity: 'salaire_mensuel',
            entityId: s.agentId,
            action: 'modification',
            changes: c,
          });
        // A payslip is the agent's: every file of his costed that month is touched; the earliest month wins.
        for (const m of toSave.map((m) => m.mois).sort())
          await marquerRecalcul(tx, {
            cible: { collectiviteId: s.collectiviteId, agentId: s.agentId },
            du: `${m}-01`,
            au: finDuMois(m),
            motif: (numero) => `Données salariales ${deMois(m)} modifiées${apres(numero)}.`,
            at: now,
          });
        return salairesVue(tx, s);
      });
    },

    async ijss(ctx: TenantContext, sinistreId: string): Promise<TIjssListe> {
      return ijssVue(db, ctx, await sinistreOf(db, ctx, sinistreId));
    },

    async addIjss(ctx: TenantContext, sinistreId: string, input: z.output<typeof ZIjssInput>, ip: string) {
      return db.transaction(async (tx) => {
        const s = await sinistreOf(tx, ctx, sinistreId);
        await checkIjss(tx, ctx, s, input);
        const id = await repo.insertIjss(tx, {
          ...input,
          collectiviteId: s.collectiviteId,
          sinistreId: s.id,
          saisiPar: signature(ctx.scope, ctx.user),
          saisiLe: clock.now(),
        });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'ijss',
          entityId: id,
          action: 'creation',
          changes: { ...input },
        });
        await ijssChangees(tx, s.id, input, 'ajoutées');
        return ijssVue(tx, ctx, s);
      });
    },

    async updateIjss(
      ctx: TenantContext,
      sinistreId: string,
      id: string,
      input: z.output<typeof ZIjssInput>,
      ip: string,
    ) {
      return db.transaction(async (tx) => {
        const s = await sinistreOf(tx, ctx, sinistreId);
        const old = (await repo.ijss(tx, ctx.scope, s.id)).find((r) => r.id === id);
        if (!old) throw NotFound('Période d’IJSS introuvable.');
        await checkIjss(tx, ctx, s, input, id);
        await repo.updateIjss(tx, ctx.scope, id, {
          ...input,
          saisiPar: signature(ctx.scope, ctx.user),
          saisiLe: clock.now(),
        });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'ijss',
          entityId: id,
          action: 'modification',
          changes: diff(old, input),
        });
        // The days of the old period and of the new one.
        await ijssChangees(
          tx,
          s.id,
          { du: [old.du, input.du].sort()[0]!, au: [old.au, input.au].sort()[1]! },
          'modifiées',
        );
        return ijssVue(tx, ctx, s);
      });
    },

    async removeIjss(ctx: TenantContext, sinistreId: string, id: string, ip: string) {
      return db.transaction(async (tx) => {
        const s = await sinistreOf(tx, ctx, sinistreId);
        const old = (await repo.ijss(tx, ctx.scope, s.id)).find((r) => r.id === id);
        if (!old) throw NotFound('Période d’IJSS introuvable.');
        await repo.deleteIjss(tx, ctx.scope, id);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'ijss',
          entityId: id,
          action: 'suppression',
          changes: { du: old.du, au: old.au },
        });
        await ijssChangees(tx, s.id, old, 'supprimées');
        return ijssVue(tx, ctx, s);
      });
    },

    async antecedents(ctx: TenantContext, agentId: string) {
      if (!(await repo.agent(db, ctx.scope, agentId))) throw NotFound('Agent introuvable.');
      return { items: (await repo.antecedents(db, ctx.scope, agentId)).map(presentAntecedent) };
    },

    /**
     * An antécédent: days of leave before the agent came into Statutis, of a category his regime
     * has (domain §3), in the past, overlapping neither an arrêt declared here nor another antécédent.
     */
    async addAntecedent(ctx: TenantContext, agentId: string, input: z.output<typeof ZAntecedentInput>, ip: string) {
      return db.transaction(async (tx) => {
        const a = await repo.agent(tx, ctx.scope, agentId);
        if (!a) throw NotFound('Agent introuvable.');
        const categorie: (typeof ANTECEDENT_CATEGORIES)[number] = input.categorie;
        if (!risquesParRegime[a.regime].includes(categorie))
          throw Invalid(
            `${risqueLabels[categorie]} : ce congé n’existe pas pour un agent relevant de la ${a.regime}.`,
            [{ field: 'categorie', message: 'Catégorie hors du régime de l’agent.' }],
          );
        const today = parisDate(clock.now());
        if (input.au > today)
          throw Invalid('Un antécédent est passé : sa fin ne peut être dans le futur.', [
            { field: 'au', message: 'Date dans le futur.' },
          ]);
        const periode = { debut: input.du, fin: input.au };
        const arret = (await repo.arretsAgent(tx, a.collectiviteId, agentId)).find((p) =>
          chevauche({ du: p.debut, au: p.fin }, periode),
        );
        if (arret)
          throw Invalid(
            `Cette période chevauche l’arrêt du ${formatDate(arret.debut)} au ${formatDate(arret.fin)} déclaré dans Statutis : il compte déjà.`,
            [{ field: 'du', message: 'Période déjà déclarée.' }],
          );
        const autre = (await repo.antecedents(tx, ctx.scope, agentId)).find((r) => chevauche(r, periode));
        if (autre)
          throw Invalid(`Cette période chevauche l’antécédent du ${formatDate(autre.du)} au ${formatDate(autre.au)}.`, [
            { field: 'du', message: 'Période déjà saisie.' },
          ]);
        const id = await repo.insertAntecedent(tx, {
          ...input,
          collectiviteId: a.collectiviteId,
          agentId,
          saisiPar: signature(ctx.scope, ctx.user),
          saisiLe: clock.now(),
        });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'antecedent',
          entityId: id,
          action: 'creation',
          changes: { ...input },
        });
        await antecedentChange(tx, { collectiviteId: a.collectiviteId, agentId }, input, 'ajouté');
        return { items: (await repo.antecedents(tx, ctx.scope, agentId)).map(presentAntecedent) };
      });
    },

    async removeAntecedent(ctx: TenantContext, agentId: string, id: string, ip: string) {
      return db.transaction(async (tx) => {
        const old = await repo.deleteAntecedent(tx, ctx.scope, agentId, id);
        if (!old) throw NotFound('Antécédent introuvable.');
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'antecedent',
          entityId: id,
          action: 'suppression',
          changes: { categorie: old.categorie, du: old.du, au: old.au },
        });
        await antecedentChange(tx, old, old, 'supprimé');
        return { items: (await repo.antecedents(tx, ctx.scope, agentId)).map(presentAntecedent) };
      });
    },
  };
}
export type EntreesService = ReturnType<typeof createEntreesService>;
