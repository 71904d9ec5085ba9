import {
  type ArretProblem,
  checkArret,
  checkTpt,
  effetReprise,
  elementLabels,
  formatDate,
  horsDelai,
  SALAIRE_ELEMENTS,
  salaireVide,
  type TArretType,
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
import type { Audit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { numeroSinistre as numero, type PiecesService } from './pieces.service.js';
import type { ArretRow, SinistreRow, SinistresRepository } from './sinistres.repository.js';

/** Salary elements the base does not insure stay empty (domain §5): each one filled is refused by name. */
function checkSalaire(salaire: TSalaire, assures: readonly TSalaireElement[]) {
  const refused = SALAIRE_ELEMENTS.filter((e) => salaire[e] !== null && !assures.includes(e));
  if (refused.length > 0)
    throw Invalid(
      `${refused.map((e) => elementLabels[e]).join(', ')} : ${refused.length > 1 ? 'ces éléments ne sont pas assurés' : 'cet élément n’est pas assuré'} dans la base de l’assurance, laissez le champ vide.`,
      refused.map((e) => ({ field: `salaire.${e}`, message: 'Élément non assuré.' })),
    );
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

/** The arrêts of a sinistre (domain §5): new arrêts, their salary, the return to work. */
export function createArretsActions(deps: {
  clock: Clock;
  audit: Audit;
  repo: SinistresRepository;
  pieces: PiecesService;
  today: () => string;
  change: (ctx: TenantContext, id: string, work: (tx: Db, s: SinistreRow) => Promise<void>) => Promise<TSinistreDetail>;
  elementsAssures: (executor: Db, s: SinistreRow) => Promise<TSalaireElement[]>;
  delaiDeclarationJours: (executor: Db, s: SinistreRow) => Promise<number | null>;
}) {
  const { clock, audit, repo, change, today } = deps;

  return {
    /**
     * Adds an arrêt; a declaration past the contract's deadline is flagged « hors délai ». A new arrêt
     * reopens a closed sinistre. A reprise typed inside the period ends the arrêt the day before, once
     * confirmed, the certificate keeping its end.
     */
    async addArret(ctx: TenantContext, sinistreId: string, input: z.output<typeof ZArretCreate>, ip: string) {
      return change(ctx, sinistreId, async (tx, s) => {
        const own = await repo.arrets(tx, ctx.collectiviteId, sinistreId);
        const others = await repo.autresArretsAgent(tx, ctx.collectiviteId, s.agentId, sinistreId);
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
        const salaire = input.salaire ?? salaireVide();
        checkSalaire(salaire, await deps.elementsAssures(tx, s));
        const delai = await deps.delaiDeclarationJours(tx, s);
        const late = delai !== null && horsDelai(input.debut, today(), delai);
        const now = clock.now();
        const arretId = await repo.insertArret(tx, {
          sinistreId,
          collectiviteId: ctx.collectiviteId,
          agentId: s.agentId,
          type: input.type,
          debut: input.debut,
          fin,
          finCertificat: fin !== input.fin ? input.fin : null,
          reprise: input.reprise ?? null,
          horsDelai: late,
          quotiteTpt: input.quotiteTpt ?? null,
          ...salaire,
          createdAt: now,
        });
        if (s.statut === 'clos') {
          const next = transition('clos', 'nouvel_arret');
          if (next.ok) await repo.setStatut(tx, ctx.collectiviteId, sinistreId, next.to, now);
        }
        if (late) await repo.update(tx, ctx.collectiviteId, sinistreId, { horsDelai: true });
        await deps.pieces.recompute(tx, sinistreId);
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
        const arret = (await repo.arrets(tx, ctx.collectiviteId, sinistreId)).find((a) => a.id === arretId);
        if (!arret) throw NotFound('Arrêt introuvable.');
        checkSalaire(salaire, await deps.elementsAssures(tx, s));
        await repo.updateArret(tx, ctx.collectiviteId, arretId, salaire);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'arret',
          entityId: arretId,
          action: 'salaire',
          changes: { sinistre: numero(s), ...salaire },
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
        const arrets = await repo.arrets(tx, ctx.collectiviteId, sinistreId);
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
        await repo.updateArret(tx, ctx.collectiviteId, last.id, {
          reprise: date,
          fin,
          // The certificate keeps the end it was written with.
          ...(fin !== last.fin ? { finCertificat: last.finCertificat ?? last.fin } : {}),
        });
        const next = transition(s.statut as TSinistreStatut, 'reprise');
        if (next.ok) await repo.setStatut(tx, ctx.collectiviteId, sinistreId, next.to, clock.now());
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
