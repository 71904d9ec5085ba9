import {
  type ArretProblem,
  addDays,
  checkArret,
  checkTpt,
  effetReprise,
  elementLabels,
  formatDate,
  horsDelai,
  numeroSinistre as numero,
  SALAIRE_ELEMENTS,
  salaireVide,
  type TArretCertificat,
  type TArretType,
  type TGarantie,
  type TSalaire,
  type TSalaireElement,
  type TSinistreDetail,
  type TSinistreStatut,
  transition,
  type ZArretCreate,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { actorOf, type TenantContext } from '../../http/context.js';
import { Conflict, Invalid, NotFound } from '../../http/errors.js';
import { type Audit, diff } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { signature } from '../../lib/scope.js';
import type { BaseAssuranceService } from '../base-assurance/base-assurance.service.js';
import { marquerRecalcul } from '../remboursements/recalcul.service.js';
import type { SinistreRow, SinistresRepository } from '../sinistres/sinistres.repository.js';
import type { ArretRow, ArretsRepository } from './arrets.repository.js';

/** Salary elements the base does not insure stay empty (domain §5): each one filled is refused by name. */
function checkSalaire(salaire: TSalaire, assures: readonly TSalaireElement[]) {
  const refused = SALAIRE_ELEMENTS.filter((e) => salaire[e] !== null && !assures.includes(e));
  if (refused.length > 0)
    throw Invalid(
      `${refused.map((e) => elementLabels[e]).join(', ')} : ${refused.length > 1 ? 'ces éléments ne sont pas assurés' : 'cet élément n’est pas assuré'} dans la base de l’assurance, laissez le champ vide.`,
      refused.map((e) => ({ field: `salaire.${e}`, message: 'Élément non assuré.' })),
    );
}

/** The certificate reaches the employer on or after the arrêt's first day, and not in the future. */
function checkCertificat(recuLe: string | null, debut: string, today: string) {
  if (recuLe === null) return;
  if (recuLe < debut)
    throw Invalid(
      `Le certificat ne peut avoir été reçu (${formatDate(recuLe)}) avant le début de l’arrêt (${formatDate(debut)}).`,
      [{ field: 'certificatRecuLe', message: 'Date antérieure au début de l’arrêt.' }],
    );
  if (recuLe > today)
    throw Invalid(`La date de réception du certificat (${formatDate(recuLe)}) est dans le futur.`, [
      { field: 'certificatRecuLe', message: 'Date dans le futur.' },
    ]);
}

function refuse(problems: ArretProblem[]): never {
  throw Invalid(
    problems.length === 1 ? problems[0]!.message : `L’arrêt contient ${problems.length} erreurs.`,
    problems,
  );
}

/**
 * A reprise that shortens an arrêt is a change the user must see before it happens: refused with
 * the description of what would change until the request confirms it.
 */
function requireConfirmation(message: string, confirmed: boolean | undefined) {
  if (!confirmed) throw Conflict('reprise_a_confirmer', message);
}

const period = (a: ArretRow) => ({ id: a.id, type: a.type as TArretType, debut: a.debut, fin: a.fin });

/**
 * An arrêt changed from `du`: its chain and the rolling year of the agent's later arrêts read it,
 * so every file of the agent with a validated décompte from that day is to be computed again.
 */
const arretChange = (tx: Db, s: SinistreRow, du: string, motif: (apres: string) => string, at: Date) =>
  marquerRecalcul(tx, {
    cible: { collectiviteId: s.collectiviteId, agentId: s.agentId },
    du,
    motif: (numero) => motif(numero ? ` après le décompte n° ${numero}` : ''),
    at,
  });

/**
 * The arrêts of a sinistre (domain §5): new arrêts, their salary, the return to work. Each change
 * runs in the sinistre's `change` (its row locked, `sinistreChanged` before the commit).
 */
export function createArretsService(deps: {
  clock: Clock;
  audit: Audit;
  repo: ArretsRepository;
  sinistresRepo: SinistresRepository;
  bases: BaseAssuranceService;
  /** The arrêt's salary was saved: the months it touches without a monthly salary take it. */
  onSalaire?: (tx: Db, arretId: string, saisiPar: string, saisiLe: Date) => Promise<void>;
  sinistres: {
    change: (
      ctx: TenantContext,
      id: string,
      work: (tx: Db, s: SinistreRow) => Promise<void>,
    ) => Promise<TSinistreDetail>;
  };
}) {
  const { clock, audit, repo, sinistresRepo } = deps;
  const change = deps.sinistres.change;
  const today = () => parisDate(clock.now());
  /** The salary elements the base of the sinistre's year insures. */
  const elementsAssures = (executor: Db, s: SinistreRow): Promise<TSalaireElement[]> =>
    deps.bases.elementsAssures(executor, s.collectiviteId, s.contratId, Number(s.dateSurvenance.slice(0, 4)));
  /** The contract's deadline to declare an arrêt of this category, if it insures it. */
  const delaiDeclarationJours = async (executor: Db, s: SinistreRow) =>
    (
      (await sinistresRepo.garanties(executor, s.contratId)).find((g) => g.risque === s.categorie) as
        | TGarantie
        | undefined
    )?.delaiDeclarationJours ?? null;

  return {
    /**
     * Adds an arrêt; a declaration past the contract's deadline is flagged « hors délai ». A new arrêt
     * reopens a closed sinistre. A reprise typed inside the period ends the arrêt the day before, once
     * confirmed, the certificate keeping its end.
     */
    async addArret(ctx: TenantContext, sinistreId: string, input: z.output<typeof ZArretCreate>, ip: string) {
      return change(ctx, sinistreId, async (tx, s) => {
        const own = await repo.arrets(tx, ctx.scope, sinistreId);
        const others = await repo.autresArretsAgent(tx, ctx.scope, s.agentId, sinistreId);
        const reprise = input.reprise ? effetReprise(input, input.reprise) : null;
        // The rules apply to the period as it will be: a shortened arrêt may end before another begins.
        const fin = reprise?.ok ? reprise.fin : input.fin;
        const problems = [
          ...checkArret(
            { type: input.type, debut: input.debut, fin },
            {
              dateSurvenance: s.dateSurvenance,
              maladieOrdinaire: s.categorie === 'maladie_ordinaire',
              arretsDuSinistre: own.map(period),
              autresArretsAgent: others.map(period),
            },
          ),
          ...checkTpt({ ...input, fin }, { tpt: s.categorie === 'tpt', autresPeriodes: own }),
          ...(reprise && !reprise.ok && input.fin >= input.debut ? [reprise.problem] : []),
        ];
        if (problems.length > 0) refuse(problems);
        if (reprise?.ok && reprise.raccourci) requireConfirmation(reprise.message, input.confirmerReprise);
        checkCertificat(input.certificatRecuLe, input.debut, today());
        const salaire = input.salaire ?? salaireVide();
        checkSalaire(salaire, await elementsAssures(tx, s));
        const delai = await delaiDeclarationJours(tx, s);
        const late = delai !== null && horsDelai(input.debut, today(), delai);
        const now = clock.now();
        const arretId = await repo.insertArret(tx, {
          sinistreId,
          collectiviteId: s.collectiviteId,
          agentId: s.agentId,
          type: input.type,
          debut: input.debut,
          fin,
          finCertificat: fin !== input.fin ? input.fin : null,
          reprise: input.reprise ?? null,
          horsDelai: late,
          quotiteTpt: input.quotiteTpt ?? null,
          certificatRecuLe: input.certificatRecuLe,
          grossesse: input.grossesse,
          ald: input.ald,
          ...salaire,
          createdAt: now,
        });
        if (salaire.tbi !== null) await deps.onSalaire?.(tx, arretId, signature(ctx.scope, ctx.user), now);
        if (s.statut === 'clos') {
          const next = transition('clos', 'nouvel_arret');
          if (next.ok) await sinistresRepo.setStatut(tx, ctx.scope, sinistreId, next.to, now);
        }
        if (late) await sinistresRepo.update(tx, ctx.scope, sinistreId, { horsDelai: true });
        await arretChange(
          tx,
          s,
          input.debut,
          (apres) => `Arrêt du ${formatDate(input.debut)} au ${formatDate(fin)} déclaré${apres}.`,
          now,
        );
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'arret',
          entityId: arretId,
          action: 'creation',
          changes: {
            sinistre: numero(s),
            type: input.type,
            debut: input.debut,
            fin,
            ...(fin !== input.fin ? { finCertificat: input.fin, reprise: input.reprise } : {}),
            horsDelai: late,
          },
        });
      });
    },

    /** The monthly salary of an arrêt's period: only the insured elements. */
    async setSalaire(
      ctx: TenantContext,
      sinistreId: string,
      arretId: string,
      salaire: TSalaire,
      ip: string,
    ): Promise<TSinistreDetail> {
      return change(ctx, sinistreId, async (tx, s) => {
        const arret = (await repo.arrets(tx, ctx.scope, sinistreId)).find((a) => a.id === arretId);
        if (!arret) throw NotFound('Arrêt introuvable.');
        checkSalaire(salaire, await elementsAssures(tx, s));
        await repo.updateArret(tx, ctx.scope, arretId, salaire);
        if (salaire.tbi !== null) await deps.onSalaire?.(tx, arretId, signature(ctx.scope, ctx.user), clock.now());
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'arret',
          entityId: arretId,
          action: 'salaire',
          changes: { sinistre: numero(s), ...salaire },
        });
      });
    },

    /** When the certificate was received, and whether it is pregnancy-related or an ALD (engine inputs). */
    async setCertificat(
      ctx: TenantContext,
      sinistreId: string,
      arretId: string,
      input: TArretCertificat,
      ip: string,
    ): Promise<TSinistreDetail> {
      return change(ctx, sinistreId, async (tx, s) => {
        const arret = (await repo.arrets(tx, ctx.scope, sinistreId)).find((a) => a.id === arretId);
        if (!arret) throw NotFound('Arrêt introuvable.');
        checkCertificat(input.certificatRecuLe, arret.debut, today());
        await repo.updateArret(tx, ctx.scope, arretId, input);
        // Its sending date (late sending), a pregnancy or an ALD (carence) change what it pays.
        if (
          input.certificatRecuLe !== arret.certificatRecuLe ||
          input.grossesse !== arret.grossesse ||
          input.ald !== arret.ald
        )
          await arretChange(
            tx,
            s,
            arret.debut,
            (apres) => `Certificat de l’arrêt du ${formatDate(arret.debut)} modifié${apres}.`,
            clock.now(),
          );
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'arret',
          entityId: arretId,
          action: 'certificat',
          changes: diff(
            { certificatRecuLe: arret.certificatRecuLe, grossesse: arret.grossesse, ald: arret.ald },
            input,
          ),
        });
      });
    },

    /**
     * Return to work (domain §5, §6.1): recorded on the last arrêt — a return inside it ends it the
     * day before, once the user has confirmed that change; its certificate keeps its dates — and an
     * Ouvert sinistre becomes Clos; payments in progress go on.
     */
    async reprise(ctx: TenantContext, sinistreId: string, input: { date: string; confirmer?: boolean }, ip: string) {
      const { date } = input;
      return change(ctx, sinistreId, async (tx, s) => {
        const arrets = await repo.arrets(tx, ctx.scope, sinistreId);
        const last = [...arrets].sort((a, b) => a.fin.localeCompare(b.fin)).at(-1);
        if (!last)
          throw Invalid('Déclarez d’abord l’arrêt de travail : la reprise se rapporte à un arrêt.', [
            { field: 'date', message: 'Aucun arrêt.' },
          ]);
        if (s.statut === 'clos')
          throw Conflict('sinistre_clos', 'Ce sinistre est déjà clos : un nouvel arrêt le rouvrirait.');
        if (date > today())
          throw Invalid(
            `La date de reprise (${formatDate(date)}) est dans le futur : elle se déclare au plus tard aujourd’hui (${formatDate(today())}).`,
            [{ field: 'date', message: 'Date dans le futur.' }],
          );
        const effet = effetReprise(last, date);
        if (!effet.ok) throw Invalid(effet.problem.message, [{ field: 'date', message: 'Date de reprise trop tôt.' }]);
        if (effet.raccourci) requireConfirmation(effet.message, input.confirmer);
        const fin = effet.fin;
        await repo.updateArret(tx, ctx.scope, last.id, {
          reprise: date,
          fin,
          // The certificate keeps the end it was written with.
          ...(fin !== last.fin ? { finCertificat: last.finCertificat ?? last.fin } : {}),
        });
        // The days after the new end are no longer arrêt days.
        if (fin !== last.fin)
          await arretChange(
            tx,
            s,
            addDays(fin, 1),
            (apres) =>
              `Reprise au ${formatDate(date)} déclarée${apres} : l’arrêt se termine le ${formatDate(fin)} au lieu du ${formatDate(last.fin)}.`,
            clock.now(),
          );
        const next = transition(s.statut as TSinistreStatut, 'reprise');
        if (next.ok) await sinistresRepo.setStatut(tx, ctx.scope, sinistreId, next.to, clock.now());
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'sinistre',
          entityId: sinistreId,
          action: 'reprise',
          changes: {
            reprise: date,
            ...(fin !== last.fin ? { fin: [last.fin, fin] } : {}),
            statut: next.ok ? next.to : s.statut,
          },
        });
      });
    },
  };
}
export type ArretsService = ReturnType<typeof createArretsService>;
