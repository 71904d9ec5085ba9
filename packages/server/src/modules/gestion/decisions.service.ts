import {
  ciblesRequalification,
  decisionLabels,
  lettreDecision,
  numeroSinistre,
  risqueLabels,
  type TDecision,
  type TDecisionOut,
  type TDecisionsDuSinistre,
  type TGarantie,
  type TRegime,
  type TRisque,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Conflict, Invalid, NotFound } from '../../http/errors.js';
import type { Audit } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { queueMail } from '../../lib/mail/mailer.js';
import { templates } from '../../lib/mail/templates.js';
import { acrossCollectivites, organisationLabel, type Scope, signature } from '../../lib/scope.js';
import { DECLARANTS, type Notifier } from '../notifications/notifications.repository.js';
import { lettreDecisionPdf } from './decisions.pdf.js';
import type { DecisionRow, DecisionSinistreRow, DecisionsRepository } from './decisions.repository.js';
import { requalifier } from './requalification.service.js';

function present(d: DecisionRow): TDecisionOut {
  return {
    id: d.id,
    type: d.type as TDecisionOut['type'],
    motif: d.motif,
    reference:
      d.referenceNature && d.referenceTexte
        ? { nature: d.referenceNature as 'contrat' | 'legale', texte: d.referenceTexte }
        : null,
    periode: d.periodeDebut || d.periodeFin ? { debut: d.periodeDebut, fin: d.periodeFin } : null,
    categorie: d.categorie as TRisque | null,
    categorieAvant: d.categorieAvant as TRisque,
    auteur: d.auteur,
    decideLe: d.decideLe,
    creeLe: d.createdAt.toISOString(),
  };
}

const introuvable = () => NotFound('Sinistre introuvable.');

/**
 * The handler's decisions on a sinistre (issue 9): each one recorded with its author and date, audited
 * and mailed to the collectivité in one transaction (the mail leaves the outbox after commit), with
 * its letter kept as written. A requalification decision also answers the pending request.
 */
export function createDecisionsService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: DecisionsRepository;
  appUrl: string;
  /** Who is told: the collectivité's active Publicateurs and Administrateurs. */
  destinataires: (tx: Db, collectiviteId: string) => Promise<{ email: string; prenom: string }[]>;
  /** Keeps what derives from the sinistre (its missing pieces) right after its category or arrêts change. */
  sinistreChanged: (tx: Db, sinistreId: string) => Promise<void>;
  notifications: Notifier;
}) {
  const { db, clock, audit, repo } = deps;

  async function list(scope: Scope, sinistreId: string): Promise<TDecisionsDuSinistre> {
    const s = await repo.sinistre(db, scope, sinistreId);
    if (!s) throw introuvable();
    const [decisions, demande, arrets] = await Promise.all([
      repo.decisions(db, scope, sinistreId),
      repo.requalificationEnAttente(db, s),
      repo.arrets(db, s),
    ]);
    return {
      sinistre: { id: s.id, numero: numeroSinistre(s), categorie: s.categorie as TRisque, statut: s.statut },
      decisions: decisions.map(present),
      requalificationEnAttente: demande
        ? {
            id: demande.id,
            de: demande.de as TRisque,
            vers: demande.vers as TRisque,
            motif: demande.motif,
            statut: 'demandee',
            demandeLe: demande.createdAt.toISOString(),
            demandePar: demande.demandePar,
            premierJour: arrets[0]?.debut ?? null,
          }
        : null,
    };
  }

  /** The pending request a requalification decision answers, and the arrêts it changes. */
  async function decideRequalification(tx: Db, s: DecisionSinistreRow, input: TDecision, ip: string, ctx: AuthContext) {
    const demande = await repo.requalificationEnAttente(tx, s);
    if (!demande)
      throw Conflict(
        'aucune_requalification',
        'Aucune demande de requalification n’attend de décision sur ce sinistre : la collectivité la dépose depuis la page du sinistre.',
      );
    const actor = { ...actorOf(ctx, ip), collectiviteId: s.collectiviteId };
    if (input.type === 'requalification_refusee') {
      await repo.decideRequalification(tx, demande.id, 'refusee');
      await deps.sinistreChanged(tx, s.id);
      await audit.record(tx, actor, {
        entity: 'requalification',
        entityId: demande.id,
        action: 'refus',
        changes: { sinistre: numeroSinistre(s), vers: demande.vers },
      });
      return demande.id;
    }
    if (input.categorie !== demande.vers)
      throw Invalid(
        `La demande porte sur la catégorie « ${risqueLabels[demande.vers as TRisque]} » : acceptez-la dans cette catégorie, ou refusez-la.`,
        [{ field: 'categorie', message: `Catégorie demandée : ${risqueLabels[demande.vers as TRisque]}.` }],
      );
    const garanties = (await repo.garanties(tx, s.contratId)) as Pick<TGarantie, 'risque' | 'couvert'>[];
    if (!ciblesRequalification(s.categorie as TRisque, s.regime as TRegime, garanties).includes(input.categorie))
      throw Invalid(
        `Le sinistre ne peut plus être requalifié en « ${risqueLabels[input.categorie]} » : le régime ${s.regime} ou les garanties du contrat ne le permettent pas. Refusez la demande.`,
        [{ field: 'categorie', message: 'Catégorie impossible pour ce contrat.' }],
      );
    const effet = await requalifier(tx, {
      repo,
      sinistre: s,
      vers: input.categorie,
      aCompterDu: input.periode!.debut!,
      garanties,
      at: clock.now(),
    });
    await repo.decideRequalification(tx, demande.id, 'acceptee');
    await deps.sinistreChanged(tx, s.id);
    await audit.record(tx, actor, {
      entity: 'requalification',
      entityId: demande.id,
      action: 'acceptation',
      changes: {
        sinistre: numeroSinistre(s),
        categorie: [s.categorie, input.categorie],
        aCompterDu: input.periode!.debut,
        arretsScindes: effet.scindes,
        recalculDepuis: effet.recalculDepuis,
      },
    });
    return demande.id;
  }

  return {
    /** Staff, across the collectivités of their organisation. */
    listGestion: (ctx: AuthContext, sinistreId: string) => list(acrossCollectivites(ctx.scope), sinistreId),
    /** The collectivité (or staff reading its space), held to the current collectivité. */
    listCollectivite: (scope: Scope, sinistreId: string) => list(scope, sinistreId),

    async decider(ctx: AuthContext, sinistreId: string, input: TDecision, ip: string): Promise<TDecisionOut> {
      const scope = acrossCollectivites(ctx.scope);
      const today = parisDate(clock.now());
      return db.transaction(async (tx) => {
        const s = await repo.sinistre(tx, scope, sinistreId, true);
        if (!s) throw introuvable();
        if (s.statut === 'brouillon')
          throw Conflict(
            'sinistre_brouillon',
            `Le sinistre n° ${numeroSinistre(s)} est encore en brouillon : la collectivité ne l’a pas transmis, il n’y a rien à décider.`,
          );
        const requalification =
          input.type === 'requalification_acceptee' || input.type === 'requalification_refusee'
            ? await decideRequalification(tx, s, input, ip, ctx)
            : null;
        const organisation = organisationLabel(ctx.scope) ?? 'Statutis';
        const lettre = lettreDecision({
          decision: input,
          date: today,
          sinistre: { numero: numeroSinistre(s), categorie: s.categorie as TRisque, dateSurvenance: s.dateSurvenance },
          agent: { nom: s.agentNom, prenom: s.agentPrenom },
          collectivite: { nom: s.collectiviteNom, adresse: [] },
          organisation: { nom: organisation },
          gestionnaire: { prenom: ctx.user.prenom, nom: ctx.user.nom },
        });
        const auteur = signature(ctx.scope, ctx.user);
        const row = await repo.insertDecision(tx, {
          collectiviteId: s.collectiviteId,
          sinistreId: s.id,
          type: input.type,
          motif: input.motif,
          referenceNature: input.reference?.nature ?? null,
          referenceTexte: input.reference?.texte ?? null,
          periodeDebut: input.periode?.debut ?? null,
          periodeFin: input.periode?.fin ?? null,
          categorie: input.categorie,
          categorieAvant: s.categorie,
          requalificationId: requalification,
          auteurId: ctx.user.id,
          auteur,
          decideLe: today,
          lettre,
          createdAt: clock.now(),
        });
        await audit.record(
          tx,
          { ...actorOf(ctx, ip), collectiviteId: s.collectiviteId },
          {
            entity: 'decision',
            entityId: row.id,
            action: 'creation',
            changes: {
              sinistre: numeroSinistre(s),
              type: input.type,
              ...(input.periode ? { periode: input.periode } : {}),
              ...(input.categorie ? { categorie: input.categorie } : {}),
            },
          },
        );
        for (const d of await deps.destinataires(tx, s.collectiviteId))
          await queueMail(
            tx,
            clock.now(),
            d.email,
            templates.decision({
              prenom: d.prenom,
              numero: numeroSinistre(s),
              decision: decisionLabels[input.type],
              phrase: lettre.paragraphes[1] ?? '',
              auteur,
              url: `${deps.appUrl}/declarations/sinistres/${s.id}#decisions`,
            }),
          );
        await deps.notifications.notifier(tx, clock.now(), DECLARANTS, [
          {
            collectiviteId: s.collectiviteId,
            kind: 'decision',
            titre: `${decisionLabels[input.type]} : sinistre ${numeroSinistre(s)}`,
            lien: `/declarations/sinistres/${s.id}#decisions`,
            sujet: `sinistre:${s.id}`,
          },
        ]);
        return present(row);
      });
    },

    /** The letter of a decision as a PDF, from the text kept with the decision. */
    async lettre(scope: Scope, sinistreId: string, decisionId: string) {
      const s = await repo.sinistre(db, scope, sinistreId);
      if (!s) throw introuvable();
      const d = await repo.decision(db, scope, sinistreId, decisionId);
      if (!d) throw NotFound('Décision introuvable.');
      const numero = numeroSinistre(s);
      return {
        nom: `decision-${d.type.replaceAll('_', '-')}-${numero}-${d.decideLe}.pdf`,
        pdf: await lettreDecisionPdf(d.lettre, { numero, auteur: d.auteur }),
      };
    },
  };
}

export type DecisionsService = ReturnType<typeof createDecisionsService>;
