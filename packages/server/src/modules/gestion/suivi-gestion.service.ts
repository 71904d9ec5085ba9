import {
  chainesArrets,
  creanceRecours,
  dureeArret,
  echeancesReprise,
  finPeriodeRemboursable,
  formatDate,
  prejudiceSalarial,
  repartitionRecouvrement,
  type TControleMedical,
  type TControleMedicalVue,
  type TControlesMedicauxVue,
  type TRecoursVue,
  type TRepriseSuivi,
  type TRepriseVue,
  type TRisque,
  visiteRepriseRequise,
  type ZDemandeControleMedical,
  type ZRecoursActionInput,
  type ZRecoursInput,
  type ZRecouvrementInput,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Conflict, NotFound } from '../../http/errors.js';
import { type Audit, diff } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { type Scope, signature } from '../../lib/scope.js';
import { marquerRecalcul } from '../remboursements/recalcul.service.js';
import type { ControleMedicalRow, SuiviGestionRepository } from './suivi-gestion.repository.js';

type Deps = { db: Db; clock: Clock; audit: Audit; repo: SuiviGestionRepository };

const SINISTRE_INTROUVABLE = 'Sinistre introuvable.';

function presentControle(row: ControleMedicalRow): TControleMedicalVue {
  return {
    id: row.id,
    type: row.type as TControleMedicalVue['type'],
    demandeur: row.demandeur as TControleMedicalVue['demandeur'],
    medecin: row.medecin,
    date: row.date,
    resultat: row.resultat as TControleMedicalVue['resultat'],
    injustifieAPartirDu: row.injustifieAPartirDu,
    cout: row.cout,
    payePar: row.payePar as TControleMedicalVue['payePar'],
    statut: row.resultat ? 'resultat' : row.medecin && row.date ? 'planifie' : 'demande',
    demandePar: row.demandePar,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Only the outcomes count for the reimbursable period; a request without a date has none. */
const resultats = (rows: ControleMedicalRow[]) =>
  rows
    .filter((r) => r.date !== null)
    .map((r) => ({
      type: r.type as TControleMedical['type'],
      date: r.date!,
      resultat: r.resultat as TControleMedical['resultat'],
      injustifieAPartirDu: r.injustifieAPartirDu,
    }));

/**
 * Medical checks, recours contre tiers and reprise of a sinistre. Each method takes the scope the
 * route gives (the back office's across its collectivités, the employer's in his own); a sinistre
 * outside it is a 404. One transaction per write, the audit in it.
 */
export function createSuiviGestionService({ db, clock, audit, repo }: Deps) {
  async function sinistreOf(tx: Db, scope: Scope, id: string, lock = false) {
    const s = await repo.sinistre(tx, scope, id, lock);
    if (!s) throw NotFound(SINISTRE_INTROUVABLE);
    return s;
  }
  /**
   * A contre-visite's « injustifié à partir du » stops the chain's pay from that day, and those days are
   * no longer MO days for the agent's later arrêts: from the earlier of the old and new dates.
   */
  async function contreVisiteChangee(
    tx: Db,
    s: { collectiviteId: string; agentId: string },
    avant: string | null,
    apres: string | null,
  ) {
    if (avant === apres) return;
    const du = [avant, apres].filter((d): d is string => d !== null).sort()[0]!;
    await marquerRecalcul(tx, {
      cible: { collectiviteId: s.collectiviteId, agentId: s.agentId },
      du,
      motif: (numero) =>
        `${apres ? `Contre-visite : arrêt injustifié à partir du ${formatDate(apres)}` : 'Contre-visite : arrêt de nouveau justifié'}${avant && apres ? ` (au lieu du ${formatDate(avant)})` : ''}, résultat enregistré${numero ? ` après le décompte n° ${numero}` : ''}.`,
      at: clock.now(),
    });
  }
  const record = (
    tx: Db,
    ctx: AuthContext,
    ip: string,
    collectiviteId: string,
    entry: Parameters<Audit['record']>[2],
  ) => audit.record(tx, actorOf(ctx, ip), { ...entry, collectiviteId });

  async function controlesVue(tx: Db, sinistreId: string, staff: boolean): Promise<TControlesMedicauxVue> {
    const rows = await repo.controles(tx, sinistreId);
    const items = rows.map(presentControle);
    if (!staff) return { items };
    const controles = resultats(rows);
    const periodes = chainesArrets(await repo.arrets(tx, sinistreId)).map((chaine) => ({
      debut: chaine.debut,
      finArret: chaine.fin,
      ...finPeriodeRemboursable(chaine, controles),
    }));
    return { items, periodes };
  }

  async function recoursVue(tx: Db, s: { id: string; tiersImplique: boolean }): Promise<TRecoursVue> {
    const [recours, arrets, controles, actions, recouvrements] = await Promise.all([
      repo.recours(tx, s.id),
      repo.arrets(tx, s.id),
      repo.controles(tx, s.id),
      repo.actions(tx, s.id),
      repo.recouvrements(tx, s.id),
    ]);
    const calcul = prejudiceSalarial(arrets, resultats(controles));
    const creance = recours
      ? creanceRecours({
          remuneration: recours.remunerationSaisie ?? calcul.remuneration,
          chargesPatronales: recours.chargesSaisies ?? calcul.chargesPatronales,
          fraisMedicaux: recours.fraisMedicaux,
          responsabilite: recours.responsabilite,
        })
      : null;
    const total = recouvrements.reduce((sum, r) => sum + r.montant, 0);
    const split =
      recours && creance
        ? repartitionRecouvrement({
            montant: total,
            prejudice: creance.prejudice,
            rembourseParAssureur: recours.rembourseParAssureur,
            mode: recours.repartition as 'prorata' | 'priorite_collectivite',
          })
        : { assureur: 0, collectivite: total };
    return {
      tiersImplique: s.tiersImplique,
      recours: recours
        ? {
            tiersNom: recours.tiersNom,
            tiersAssureur: recours.tiersAssureur,
            numeroSinistreTiers: recours.numeroSinistreTiers,
            responsabilite: recours.responsabilite,
            fraisMedicaux: recours.fraisMedicaux,
            remunerationSaisie: recours.remunerationSaisie,
            chargesSaisies: recours.chargesSaisies,
            rembourseParAssureur: recours.rembourseParAssureur,
            repartition: recours.repartition as 'prorata' | 'priorite_collectivite',
            updatedAt: recours.updatedAt.toISOString(),
          }
        : null,
      calcul,
      creance,
      actions: actions.map((a) => ({
        id: a.id,
        date: a.date,
        type: a.type as TRecoursVue['actions'][number]['type'],
        libelle: a.libelle,
        prochaineRelance: a.prochaineRelance,
        auteur: a.auteur,
      })),
      // The latest step says what comes next: a reply received without a new reminder ends the wait.
      prochaineRelance: actions.at(-1)?.prochaineRelance ?? null,
      recouvrements: recouvrements.map((r) => ({ id: r.id, date: r.date, montant: r.montant, libelle: r.libelle })),
      recouvre: { total, ...split },
    };
  }

  async function repriseVue(tx: Db, s: { id: string; categorie: string }): Promise<TRepriseVue> {
    const [row, arrets] = await Promise.all([repo.reprise(tx, s.id), repo.arrets(tx, s.id)]);
    const jours = arrets.reduce((sum, a) => sum + dureeArret(a), 0);
    const visiteRequise = visiteRepriseRequise(s.categorie as TRisque, jours);
    if (!row) return { suivi: null, visiteRequise, echeances: [] };
    return {
      suivi: {
        prevueLe: row.prevueLe,
        effectiveLe: row.effectiveLe,
        forme: row.forme as TRepriseSuivi['forme'],
        quotite: row.quotite,
        visiteRepriseLe: row.visiteRepriseLe,
        suivi30FaitLe: row.suivi30FaitLe,
        suivi90FaitLe: row.suivi90FaitLe,
        updatedAt: row.updatedAt.toISOString(),
      },
      visiteRequise,
      echeances: echeancesReprise(row, parisDate(clock.now()), { visiteRequise }),
    };
  }

  return {
    // -- contrôles médicaux
    async controles(scope: Scope, sinistreId: string, options: { staff: boolean }) {
      const s = await sinistreOf(db, scope, sinistreId);
      return controlesVue(db, s.id, options.staff);
    },

    async creerControle(ctx: AuthContext, scope: Scope, sinistreId: string, input: TControleMedical, ip: string) {
      return db.transaction(async (tx) => {
        const s = await sinistreOf(tx, scope, sinistreId, true);
        const row = await repo.insertControle(tx, {
          ...input,
          collectiviteId: s.collectiviteId,
          sinistreId: s.id,
          demandePar: signature(ctx.scope, ctx.user),
          createdAt: clock.now(),
        });
        await record(tx, ctx, ip, s.collectiviteId, {
          entity: 'controle_medical',
          entityId: row.id,
          action: 'creation',
          changes: { ...input },
        });
        await contreVisiteChangee(tx, s, null, row.injustifieAPartirDu);
        return presentControle(row);
      });
    },

    async modifierControle(
      ctx: AuthContext,
      scope: Scope,
      sinistreId: string,
      controleId: string,
      input: TControleMedical,
      ip: string,
    ) {
      return db.transaction(async (tx) => {
        const s = await sinistreOf(tx, scope, sinistreId, true);
        const before = await repo.controle(tx, s.id, controleId);
        if (!before) throw NotFound('Contrôle médical introuvable.');
        const row = await repo.updateControle(tx, before.id, { ...input, updatedAt: clock.now() });
        await record(tx, ctx, ip, s.collectiviteId, {
          entity: 'controle_medical',
          entityId: row.id,
          action: 'modification',
          changes: diff(before, input),
        });
        await contreVisiteChangee(tx, s, before.injustifieAPartirDu, row.injustifieAPartirDu);
        return presentControle(row);
      });
    },

    /** The employer asks for a check; the back office plans it (doctor, date, cost). */
    async demanderControle(
      ctx: AuthContext,
      scope: Scope,
      sinistreId: string,
      input: z.output<typeof ZDemandeControleMedical>,
      ip: string,
    ) {
      return db.transaction(async (tx) => {
        const s = await sinistreOf(tx, scope, sinistreId, true);
        const row = await repo.insertControle(tx, {
          collectiviteId: s.collectiviteId,
          sinistreId: s.id,
          type: input.type,
          demandeur: 'employeur',
          demandePar: signature(ctx.scope, ctx.user),
          createdAt: clock.now(),
        });
        await record(tx, ctx, ip, s.collectiviteId, {
          entity: 'controle_medical',
          entityId: row.id,
          action: 'demande',
          changes: { type: input.type },
        });
        return presentControle(row);
      });
    },

    // -- recours contre tiers
    async recours(scope: Scope, sinistreId: string) {
      const s = await sinistreOf(db, scope, sinistreId);
      return recoursVue(db, s);
    },

    async enregistrerRecours(
      ctx: AuthContext,
      scope: Scope,
      sinistreId: string,
      input: z.output<typeof ZRecoursInput>,
      ip: string,
    ) {
      return db.transaction(async (tx) => {
        const s = await sinistreOf(tx, scope, sinistreId, true);
        if (!s.tiersImplique)
          throw Conflict(
            'sans_tiers',
            'Aucun tiers n’est impliqué dans ce sinistre : il n’y a pas de recours à exercer.',
          );
        const before = await repo.recours(tx, s.id);
        await repo.saveRecours(tx, {
          ...input,
          sinistreId: s.id,
          collectiviteId: s.collectiviteId,
          updatedAt: clock.now(),
        });
        await record(tx, ctx, ip, s.collectiviteId, {
          entity: 'recours_tiers',
          entityId: s.id,
          action: before ? 'modification' : 'creation',
          changes: before ? diff(before, input) : { ...input },
        });
        return recoursVue(tx, s);
      });
    },

    async ajouterAction(
      ctx: AuthContext,
      scope: Scope,
      sinistreId: string,
      input: z.output<typeof ZRecoursActionInput>,
      ip: string,
    ) {
      return db.transaction(async (tx) => {
        const s = await sinistreOf(tx, scope, sinistreId, true);
        await requireRecours(tx, s.id);
        const id = await repo.insertAction(tx, {
          ...input,
          sinistreId: s.id,
          collectiviteId: s.collectiviteId,
          auteur: signature(ctx.scope, ctx.user),
          createdAt: clock.now(),
        });
        await record(tx, ctx, ip, s.collectiviteId, {
          entity: 'recours_action',
          entityId: id,
          action: 'creation',
          changes: { ...input },
        });
        return recoursVue(tx, s);
      });
    },

    async ajouterRecouvrement(
      ctx: AuthContext,
      scope: Scope,
      sinistreId: string,
      input: z.output<typeof ZRecouvrementInput>,
      ip: string,
    ) {
      return db.transaction(async (tx) => {
        const s = await sinistreOf(tx, scope, sinistreId, true);
        await requireRecours(tx, s.id);
        const id = await repo.insertRecouvrement(tx, {
          ...input,
          sinistreId: s.id,
          collectiviteId: s.collectiviteId,
          createdAt: clock.now(),
        });
        await record(tx, ctx, ip, s.collectiviteId, {
          entity: 'recours_recouvrement',
          entityId: id,
          action: 'creation',
          changes: { ...input },
        });
        return recoursVue(tx, s);
      });
    },

    // -- reprise
    async reprise(scope: Scope, sinistreId: string) {
      const s = await sinistreOf(db, scope, sinistreId);
      return repriseVue(db, s);
    },

    async enregistrerReprise(ctx: AuthContext, scope: Scope, sinistreId: string, input: TRepriseSuivi, ip: string) {
      return db.transaction(async (tx) => {
        const s = await sinistreOf(tx, scope, sinistreId, true);
        const before = await repo.reprise(tx, s.id);
        await repo.saveReprise(tx, {
          ...input,
          sinistreId: s.id,
          collectiviteId: s.collectiviteId,
          updatedAt: clock.now(),
        });
        await record(tx, ctx, ip, s.collectiviteId, {
          entity: 'reprise_suivi',
          entityId: s.id,
          action: before ? 'modification' : 'creation',
          changes: before ? diff(before, input) : { ...input },
        });
        return repriseVue(tx, s);
      });
    },
  };

  async function requireRecours(tx: Db, sinistreId: string) {
    if (!(await repo.recours(tx, sinistreId)))
      throw Conflict('recours_absent', 'Enregistrez d’abord le recours (tiers, responsabilité, préjudice).');
  }
}

export type SuiviGestionService = ReturnType<typeof createSuiviGestionService>;
