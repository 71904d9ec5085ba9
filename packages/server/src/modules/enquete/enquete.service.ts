import {
  estAccident,
  formatDate,
  numeroSinistre as numero,
  type TEnquete,
  type TRisque,
  type TSinistreDetail,
  type ZImputabilite,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { actorOf, type TenantContext } from '../../http/context.js';
import { AppError, Conflict, Forbidden, Invalid, NotFound } from '../../http/errors.js';
import type { Audit } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { AgentsRepository } from '../agents/agents.repository.js';
import type { SinistreRow, SinistresRepository } from '../sinistres/sinistres.repository.js';
import { attestationPdf, bonRemboursementPdf, type DocumentContext, enquetePdf } from './enquete.pdf.js';
import { enquetePolicy } from './enquete.policy.js';
import type { EnqueteRepository, EnqueteRow } from './enquete.repository.js';

/** The answers of the enquête, as the detail and the documents show them. */
export function enqueteFields(e: EnqueteRow) {
  return {
    nature: e.nature as TEnquete['nature'],
    date: e.date,
    heure: e.heure,
    lieu: e.lieu,
    horaires: e.horaires,
    tache: e.tache,
    circonstances: e.circonstances,
    sieges: e.sieges,
    natureLesions: e.natureLesions,
    temoins: e.temoins,
    doute: e.doute,
    motifDoute: e.motifDoute,
  };
}

/** The enquête as shown: its medical details only to those who may read them (`seesMedical`). */
export function presentEnquete(e: EnqueteRow, medical: boolean) {
  const fields = enqueteFields(e);
  return medical
    ? { ...fields, medicalMasque: false }
    : { ...fields, sieges: [], natureLesions: null, medicalMasque: true };
}

function requireAccident(s: SinistreRow, what: string) {
  if (!estAccident(s.categorie as TRisque))
    throw new AppError(
      422,
      'pas_un_accident',
      `${what} ne concerne que les accidents de service, de trajet et les maladies professionnelles.`,
    );
}

/**
 * The enquête administrative of an accident, the imputability decision, and the documents of an
 * accident (enquête, attestation, bon de remboursement). Changes go through the sinistre's `change`.
 */
export function createEnqueteService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: EnqueteRepository;
  sinistresRepo: SinistresRepository;
  agents: AgentsRepository;
  sinistres: {
    change: (
      ctx: TenantContext,
      id: string,
      work: (tx: Db, s: SinistreRow) => Promise<void>,
    ) => Promise<TSinistreDetail>;
  };
}) {
  const { db, clock, audit, repo, sinistres } = deps;
  const today = () => parisDate(clock.now());
  return {
    async setEnquete(ctx: TenantContext, sinistreId: string, input: TEnquete, ip: string) {
      return sinistres.change(ctx, sinistreId, async (tx, s) => {
        requireAccident(s, 'L’enquête administrative');
        const errors: { field: string; message: string }[] = [];
        if (input.date < s.dateSurvenance || input.date > today())
          errors.push({
            field: 'date',
            message: `La date de l’accident doit être entre la survenance (${formatDate(s.dateSurvenance)}) et aujourd’hui.`,
          });
        if (errors.length > 0) throw Invalid(errors[0]!.message, errors);
        const before = await repo.enquete(tx, ctx.scope, sinistreId);
        await repo.saveEnquete(tx, {
          sinistreId,
          collectiviteId: s.collectiviteId,
          ...input,
          motifDoute: input.doute ? input.motifDoute : null,
          updatedAt: clock.now(),
        });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'enquete_administrative',
          entityId: sinistreId,
          action: before ? 'modification' : 'creation',
          changes: { sinistre: numero(s), lieu: input.lieu, date: input.date, temoins: input.temoins.length },
        });
      });
    },

    async setImputabilite(ctx: TenantContext, sinistreId: string, input: z.output<typeof ZImputabilite>, ip: string) {
      return sinistres.change(ctx, sinistreId, async (tx, s) => {
        requireAccident(s, 'La décision d’imputabilité');
        if (input.date < s.dateSurvenance || input.date > today())
          throw Invalid(
            `La date de la décision doit être entre la survenance (${formatDate(s.dateSurvenance)}) et aujourd’hui.`,
            [{ field: 'date', message: 'Date de décision incorrecte.' }],
          );
        await deps.sinistresRepo.update(tx, ctx.scope, sinistreId, {
          imputabilite: input.decision,
          imputabiliteDate: input.date,
          arretTravail: input.arretTravail,
          updatedAt: clock.now(),
        });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'sinistre',
          entityId: sinistreId,
          action: 'imputabilite',
          changes: {
            imputabilite: [s.imputabilite, input.decision],
            date: input.date,
            arretTravail: input.arretTravail,
          },
        });
      });
    },

    /** A generated document of an accident (enquête, attestation, bon de remboursement), as a PDF. */
    async document(ctx: TenantContext, sinistreId: string, kind: 'enquete' | 'attestation' | 'bon') {
      const s = await deps.sinistresRepo.find(db, ctx.scope, sinistreId);
      if (!s) throw NotFound('Sinistre introuvable.');
      requireAccident(s, 'Ce document');
      if (kind === 'enquete' && !enquetePolicy.litMedical(ctx.scope))
        throw Forbidden(
          'L’enquête administrative décrit les lésions : elle est réservée aux publicateurs, aux administrateurs et au gestionnaire.',
          'donnees_medicales',
        );
      const [enquete, agent, employeur] = await Promise.all([
        repo.enquete(db, ctx.scope, sinistreId),
        deps.agents.findAgent(db, s.collectiviteId, s.agentId),
        repo.employeur(db, ctx.scope, s.collectiviteId),
      ]);
      if (kind === 'enquete' && !enquete)
        throw Conflict(
          'enquete_manquante',
          'Remplissez d’abord l’enquête administrative : le document en reprend les réponses.',
        );
      if (!agent || !employeur) throw NotFound('Sinistre introuvable.');
      const context: DocumentContext = {
        employeur,
        agent: {
          nom: agent.nom,
          prenom: agent.prenom,
          nir: agent.nir + (agent.nirCle ?? ''),
          dateNaissance: agent.dateNaissance,
          sexe: agent.sexe === 'M' || agent.sexe === 'F' ? agent.sexe : null,
          emploi: agent.emploi,
          grade: agent.grade,
          regime: agent.regime,
        },
        sinistre: {
          numero: numero(s),
          categorie: s.categorie as TRisque,
          dateSurvenance: s.dateSurvenance,
          dateDeclaration: parisDate(s.createdAt),
          imputabilite:
            s.imputabilite && s.imputabiliteDate
              ? { decision: s.imputabilite as 'reconnue' | 'refusee', date: s.imputabiliteDate }
              : null,
        },
        enquete: enquete ? enqueteFields(enquete) : null,
        editeLe: today(),
      };
      const render = { enquete: enquetePdf, attestation: attestationPdf, bon: bonRemboursementPdf }[kind];
      const names = {
        enquete: 'enquete-administrative',
        attestation: 'attestation-prise-en-charge',
        bon: 'bon-de-remboursement',
      };
      return { nom: `${names[kind]}-${numero(s)}.pdf`, pdf: await render(context) };
    },
  };
}
export type EnqueteService = ReturnType<typeof createEnqueteService>;
