import {
  capitalizePrenom,
  checkNir,
  checkNirIdentite,
  formatDate,
  sexeFromNir,
  type TAgentFiche,
  type ZAgentCreate,
  type ZAgentUpdate,
  type ZDepart,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { actorOf, type TenantContext } from '../../http/context.js';
import { Conflict, Invalid, NotFound, sqlState } from '../../http/errors.js';
import { type Audit, diff } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { AgentRow, AgentsRepository } from './agents.repository.js';
import { agentFor, presentAgent } from './agents.service.js';

type Emploi = Pick<
  AgentRow,
  'regime' | 'statut' | 'dateEntree' | 'emploi' | 'grade' | 'tempsTravail' | 'heuresHebdo' | 'service'
>;
const emploiOf = (e: Emploi): Emploi => ({
  regime: e.regime,
  statut: e.statut,
  dateEntree: e.dateEntree,
  emploi: e.emploi ?? null,
  grade: e.grade ?? null,
  tempsTravail: e.tempsTravail ?? null,
  heuresHebdo: e.tempsTravail === 'non_complet' ? (e.heuresHebdo ?? null) : null,
  service: e.service ?? null,
});

/** The agent's file (fiche agent): creation in steps, identity and employment changes, départ. */
export function createFicheAgentService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  agents: AgentsRepository;
  /** The pieces his sinistres need follow the agent's regime (CPAM statements for IRCANTEC). */
  onRegimeChange?: (tx: Db, agentId: string) => Promise<void>;
}) {
  const { db, clock, audit, agents } = deps;

  async function fiche(executor: Db, ctx: TenantContext, id: string): Promise<TAgentFiche> {
    const row = await agents.find(executor, ctx.scope, id);
    if (!row) throw NotFound('Agent introuvable.');
    const historique = await agents.emplois(executor, ctx.scope, id);
    return {
      ...presentAgent(agentFor(ctx.scope, row)),
      motifDepart: row.motifDepart,
      historique: historique.map((h) => ({
        dateEffet: h.dateEffet,
        regime: h.regime,
        statut: h.statut as TAgentFiche['statut'],
        emploi: h.emploi,
        grade: h.grade,
        tempsTravail: h.tempsTravail as TAgentFiche['tempsTravail'],
        heuresHebdo: h.heuresHebdo,
        service: h.service,
        enregistreLe: h.createdAt.toISOString(),
      })),
    };
  }

  /**
   * Identity against the NIR: contradictions are refused; unusual months are only warned about by
   * the form. Returns the sex: the NIR's, or the one typed for a temporary number.
   */
  function checkIdentity(
    nir: string,
    identite: { sexe?: 'M' | 'F' | null; dateNaissance: string; dateEntree: string },
  ): 'M' | 'F' {
    const sexe = sexeFromNir(nir) ?? identite.sexe ?? null;
    const errors = checkNirIdentite(nir, { ...identite, sexe: identite.sexe ?? sexe }).filter(
      (p) => p.severity === 'erreur',
    );
    if (!sexe) {
      errors.push({
        field: 'sexe',
        severity: 'erreur',
        message: 'Indiquez le sexe : un numéro provisoire (7 ou 8) ne le donne pas.',
      });
    }
    if (identite.dateEntree < identite.dateNaissance) {
      errors.push({
        field: 'dateNaissance',
        severity: 'erreur',
        message: 'La date de naissance est postérieure à la date d’entrée.',
      });
    }
    if (identite.dateNaissance > parisDate(clock.now())) {
      errors.push({ field: 'dateNaissance', severity: 'erreur', message: 'La date de naissance est dans le futur.' });
    }
    if (errors.length > 0) {
      throw Invalid(
        errors.length === 1 ? errors[0]!.message : `La fiche contient ${errors.length} incohérences avec le NIR.`,
        errors.map((e) => ({ field: e.field, message: e.message })),
      );
    }
    return sexe!;
  }

  return {
    get: (ctx: TenantContext, id: string) => fiche(db, ctx, id),

    /** Step 1: an existing NIR in the collectivité leads to that agent. */
    async findByNir(ctx: TenantContext, nirInput: string) {
      const check = checkNir(nirInput);
      if (!check.ok) throw Invalid(check.message, [{ field: 'nir', message: check.message }]);
      const row = await agents.findAgentByNir(db, ctx.scope, check.nir);
      if (!row)
        throw NotFound('Aucun agent de la collectivité ne porte ce NIR : vous pouvez le créer.', 'agent_inconnu');
      return presentAgent(agentFor(ctx.scope, row));
    },

    async create(ctx: TenantContext, input: z.output<typeof ZAgentCreate>, ip: string) {
      const nir = checkNir(input.nir);
      if (!nir.ok) throw Invalid(nir.message, [{ field: 'nir', message: nir.message }]);
      const sexe = checkIdentity(nir.nir, input);
      const id = await db.transaction(async (tx) => {
        const existing = await agents.findAgentByNir(tx, ctx.scope, nir.nir);
        if (existing) {
          throw Conflict(
            'agent_existant',
            `${existing.prenom} ${existing.nom} porte déjà ce NIR dans votre collectivité : complétez sa fiche plutôt que d’en créer une autre.`,
            [{ field: 'nir', message: `NIR déjà attribué (agent ${existing.id}).` }],
          );
        }
        const now = clock.now();
        const emploi = emploiOf({
          ...input,
          grade: input.grade ?? null,
          service: input.service ?? null,
          heuresHebdo: input.heuresHebdo ?? null,
        });
        try {
          const row = await agents.insertAgent(tx, {
            collectiviteId: ctx.collectiviteId,
            nir: nir.nir,
            nirCle: nir.cle,
            nirTemporaire: nir.temporaire,
            nom: input.nom.toUpperCase(),
            nomUsage: input.nomUsage?.toUpperCase() ?? null,
            prenom: capitalizePrenom(input.prenom),
            dateNaissance: input.dateNaissance,
            sexe,
            ...emploi,
            createdAt: now,
          });
          await agents.insertEmploi(tx, {
            agentId: row.id,
            collectiviteId: ctx.collectiviteId,
            dateEffet: input.dateEntree,
            ...emploi,
            createdAt: now,
          });
          await audit.record(tx, actorOf(ctx, ip), {
            entity: 'agent',
            entityId: row.id,
            action: 'creation',
            changes: { nir: nir.nir, nom: row.nom, prenom: row.prenom },
          });
          return row.id;
        } catch (e) {
          if (sqlState(e) === '23505')
            throw Conflict('agent_existant', 'Un agent porte déjà ce NIR dans votre collectivité.', [
              { field: 'nir', message: 'NIR déjà attribué.' },
            ]);
          throw e;
        }
      });
      return fiche(db, ctx, id);
    },

    /**
     * Completes or corrects the file. A change of employment is kept in the history at its
     * effective date (today by default); identity corrections are audited.
     */
    async update(ctx: TenantContext, id: string, input: z.output<typeof ZAgentUpdate>, ip: string) {
      await db.transaction(async (tx) => {
        const before = await agents.find(tx, ctx.scope, id, true);
        if (!before) throw NotFound('Agent introuvable.');
        const sexe = checkIdentity(before.nir, input);
        const emploi = emploiOf({
          ...input,
          grade: input.grade ?? null,
          service: input.service ?? null,
          heuresHebdo: input.heuresHebdo ?? null,
        });
        const identite = {
          nom: input.nom.toUpperCase(),
          nomUsage: input.nomUsage?.toUpperCase() ?? null,
          prenom: capitalizePrenom(input.prenom),
          dateNaissance: input.dateNaissance,
          sexe,
        };
        const emploiChanges = diff(emploiOf(before), emploi);
        const changes = { ...diff(before, identite), ...emploiChanges };
        if (Object.keys(changes).length === 0) return;
        const now = clock.now();
        await agents.updateAgent(tx, ctx.scope, id, { ...identite, ...emploi, updatedAt: now });
        if (Object.keys(emploiChanges).length > 0) {
          const dateEffet = input.dateEffet ?? parisDate(now);
          if (dateEffet < emploi.dateEntree) {
            throw Invalid(`La date d’effet (${formatDate(dateEffet)}) précède l’entrée dans la collectivité.`, [
              { field: 'dateEffet', message: 'Date d’effet antérieure à la date d’entrée.' },
            ]);
          }
          // An agent recorded without history (demonstration data, imports before the history
          // existed) first gets the employment he held until now, so that the change keeps it.
          if (!(await agents.hasEmplois(tx, ctx.scope, id))) {
            const { dateEntree: _, ...previous } = emploiOf(before);
            await agents.insertEmploi(tx, {
              agentId: id,
              collectiviteId: ctx.collectiviteId,
              dateEffet: before.dateEntree,
              ...previous,
              createdAt: before.createdAt,
            });
          }
          await agents.insertEmploi(tx, {
            agentId: id,
            collectiviteId: ctx.collectiviteId,
            dateEffet,
            ...emploi,
            createdAt: now,
          });
        }
        if ('regime' in emploiChanges) await deps.onRegimeChange?.(tx, id);
        await audit.record(tx, actorOf(ctx, ip), { entity: 'agent', entityId: id, action: 'modification', changes });
      });
      return fiche(db, ctx, id);
    },

    /** Records the départ; the agent keeps his sinistres. */
    async depart(ctx: TenantContext, id: string, input: z.output<typeof ZDepart>, ip: string) {
      await db.transaction(async (tx) => {
        const before = await agents.find(tx, ctx.scope, id, true);
        if (!before) throw NotFound('Agent introuvable.');
        if (input.dateDepart < before.dateEntree) {
          throw Invalid(
            `Le départ (${formatDate(input.dateDepart)}) ne peut précéder l’entrée (${formatDate(before.dateEntree)}).`,
            [{ field: 'dateDepart', message: 'Date antérieure à l’entrée.' }],
          );
        }
        await agents.updateAgent(tx, ctx.scope, id, {
          dateDepart: input.dateDepart,
          motifDepart: input.motifDepart,
          updatedAt: clock.now(),
        });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'agent',
          entityId: id,
          action: 'depart',
          changes: diff(before, { dateDepart: input.dateDepart, motifDepart: input.motifDepart }),
        });
      });
      return fiche(db, ctx, id);
    },
  };
}
export type FicheAgentService = ReturnType<typeof createFicheAgentService>;
