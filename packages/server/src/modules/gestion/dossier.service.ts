import {
  controleLabels,
  controlerDossier,
  dureeArret,
  estAccident,
  libelleMotifRefus,
  motifEffaceFichier,
  numeroSinistre,
  periodeArret,
  type TArretType,
  type TDossierGestion,
  type TEnquete,
  type THorsDelaiRegle,
  type TMotifRefusPiece,
  type TPieceDecision,
  type TPieceDocumentStatut,
  type TRisque,
  type TSalaireElement,
  type TSinistreStatut,
  transitionPiece,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Conflict, NotFound } from '../../http/errors.js';
import type { Audit } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { queueMail } from '../../lib/mail/mailer.js';
import { templates } from '../../lib/mail/templates.js';
import { acrossCollectivites, signature } from '../../lib/scope.js';
import type { Storage } from '../../lib/storage/storage.js';
import type { ArretsRepository } from '../arrets/arrets.repository.js';
import type { BaseAssuranceService } from '../base-assurance/base-assurance.service.js';
import type { EcheancesService } from '../echeances/echeances.service.js';
import type { EnqueteRepository } from '../enquete/enquete.repository.js';
import { DECLARANTS, type Notifier } from '../notifications/notifications.repository.js';
import type { PiecesRepository } from '../pieces/pieces.repository.js';
import type { PiecesService } from '../pieces/pieces.service.js';
import type { SinistreChanged } from '../sinistres/sinistre-changed.js';
import type { SinistresRepository } from '../sinistres/sinistres.repository.js';
import type { DossierRepository, DossierRow } from './dossier.repository.js';

/** A contract without an end date runs on. */
const SANS_FIN = '9999-12-31';

/** The handler's own view of a file and his decisions on its pieces (issue 9). */
export function createDossierService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  storage: Storage;
  repo: DossierRepository;
  sinistres: SinistresRepository;
  arrets: ArretsRepository;
  enquete: EnqueteRepository;
  changed: SinistreChanged;
  pieces: PiecesService;
  piecesRepo: PiecesRepository;
  bases: BaseAssuranceService;
  echeances: EcheancesService;
  appUrl: string;
  notifications: Notifier;
  /** A file could not be erased after commit: logged, the decision stands. */
  onEraseError?: (key: string, error: unknown) => void;
}) {
  const { db, clock, audit, repo } = deps;

  /** The sinistre of the staff member's organisation (any of its collectivités), or 404. */
  async function load(executor: Db, ctx: AuthContext, id: string, lock = false): Promise<DossierRow> {
    const s = await repo.find(executor, acrossCollectivites(ctx.scope), id, lock);
    if (!s) throw NotFound('Sinistre introuvable.');
    return s;
  }

  async function dossier(executor: Db, ctx: AuthContext, id: string): Promise<TDossierGestion> {
    const s = await load(executor, ctx, id);
    const c = s.collectiviteId;
    const scope = acrossCollectivites(ctx.scope);
    const [agent, arrets, autres, contrats, garanties, bases, enquete, requalifications, commentaires] =
      await Promise.all([
        repo.agent(executor, c, s.agentId),
        deps.arrets.arrets(executor, scope, id),
        repo.autresArretsAgent(executor, c, s.agentId, id),
        repo.contrats(executor, c),
        repo.garanties(executor, s.contratId),
        repo.basesDeclarees(executor, c, s.contratId),
        deps.enquete.enquete(executor, scope, id),
        deps.sinistres.requalifications(executor, scope, id),
        deps.sinistres.commentaires(executor, scope, id),
      ]);
    // The clocks read the pieces: they come first.
    const { list, pieces, manquantes } = await deps.pieces.exigences(executor, scope, s, arrets);
    const aujourdhui = parisDate(clock.now());
    const [decisions, effaces, elementsAssures, echeances] = await Promise.all([
      repo.dernieresDecisions(executor, c, id),
      repo.fichiersEffaces(executor, c, id),
      deps.bases.elementsAssures(executor, c, s.contratId, Number(s.dateSurvenance.slice(0, 4))),
      deps.echeances.sinistre(
        executor,
        {
          sinistre: s,
          garanties,
          arrets,
          pieces,
          manquantes: manquantes.length,
          instructionComplementaire: enquete?.doute ?? false,
        },
        aujourdhui,
      ),
    ]);
    const contrat = contrats.find((k) => k.id === s.contratId);
    const categorie = s.categorie as TRisque;
    const asControle = (k: (typeof contrats)[number]) => ({
      id: k.id,
      numero: k.numero,
      regime: k.regime,
      dateEffet: k.dateEffet,
      dateFin: k.dateFin ?? SANS_FIN,
      dateAdhesion: k.dateAdhesion,
    });
    const { controles, niveau } = controlerDossier({
      aujourdhui,
      sinistre: { categorie, dateSurvenance: s.dateSurvenance },
      agent: { regime: agent.regime, dateEntree: agent.dateEntree, dateDepart: agent.dateDepart },
      contrat: {
        ...(contrat
          ? asControle(contrat)
          : // The collectivité left the contract: the sinistre keeps it, without an adhesion date.
            {
              id: s.contratId,
              numero: s.contratNumero,
              regime: agent.regime,
              dateEffet: '0001-01-01',
              dateFin: SANS_FIN,
            }),
        garanties: garanties.map((g) => ({
          risque: g.risque as TRisque,
          couvert: g.couvert,
          delaiDeclarationJours: g.delaiDeclarationJours,
        })),
        // The garantie of the sinistre's category says how a late declaration is treated (domain §6.1.12).
        horsDelai: (garanties.find((g) => g.risque === categorie)?.horsDelaiRegle ??
          'couverture_a_reception') as THorsDelaiRegle,
      },
      contrats: contrats.map(asControle),
      arrets: arrets.map((a) => ({
        id: a.id,
        type: a.type as TArretType,
        debut: a.debut,
        fin: a.fin,
        declareLe: parisDate(a.createdAt),
      })),
      autresArretsAgent: autres.map((a) => ({
        id: a.id,
        debut: a.debut,
        fin: a.fin,
        sinistreNumero: numeroSinistre(a),
      })),
      citis: estAccident(categorie)
        ? {
            // The employer enters the declaration when he receives it: the day it reached Statutis.
            recuLe: parisDate(s.createdAt),
            instructionComplementaire: enquete?.doute ?? false,
            imputabilite:
              s.imputabilite && s.imputabiliteDate
                ? { decision: s.imputabilite as 'reconnue' | 'refusee', date: s.imputabiliteDate }
                : null,
            placementProvisoireLe: null,
          }
        : null,
      salaires: arrets.map((a) => ({
        debut: a.debut,
        fin: a.fin,
        elements: { tbi: a.tbi, nbi: a.nbi, sft: a.sft, ir: a.ir, ri: a.ri, cp: a.cp },
      })),
      elementsAssures: elementsAssures as TSalaireElement[],
      basesDeclarees: bases,
    });
    const obligatoires = new Set(list.filter((e) => e.modele.obligatoire).map((e) => `${e.modele.code}/${e.arretId}`));
    const decisionOf = new Map(decisions.map((d) => [d.pieceId, d]));
    return {
      sinistre: {
        id: s.id,
        numero: numeroSinistre(s),
        agentId: s.agentId,
        agentNom: s.agentNom,
        agentPrenom: s.agentPrenom,
        contratId: s.contratId,
        contratNumero: s.contratNumero,
        categorie,
        dateSurvenance: s.dateSurvenance,
        tiersImplique: s.tiersImplique,
        recoursTiers: s.recoursTiers,
        commentaire: s.commentaire,
        statut: s.statut as TSinistreStatut,
        horsDelai: s.horsDelai,
        creeLe: s.createdAt.toISOString(),
        commentairesNonLus: 0,
        collectiviteId: c,
        collectiviteNom: s.collectiviteNom,
        imputabilite:
          s.imputabilite && s.imputabiliteDate
            ? { decision: s.imputabilite as 'reconnue' | 'refusee', date: s.imputabiliteDate }
            : null,
      },
      agent: {
        id: agent.id,
        nom: agent.nom,
        prenom: agent.prenom,
        nir: agent.nir + (agent.nirCle ?? ''),
        dateNaissance: agent.dateNaissance,
        regime: agent.regime,
        statut: agent.statut,
        dateEntree: agent.dateEntree,
        dateDepart: agent.dateDepart,
        emploi: agent.emploi,
        grade: agent.grade,
      },
      contrat: {
        id: s.contratId,
        numero: s.contratNumero,
        libelle: contrat?.libelle ?? '',
        regime: contrat?.regime ?? agent.regime,
        dateEffet: contrat?.dateEffet ?? '',
        dateFin: contrat?.dateFin ?? null,
      },
      arrets: arrets.map((a) => ({
        id: a.id,
        type: a.type as TArretType,
        debut: a.debut,
        fin: a.fin,
        reprise: a.reprise,
        jours: dureeArret(a),
        horsDelai: a.horsDelai,
        declareLe: a.createdAt.toISOString(),
        quotiteTpt: a.quotiteTpt,
      })),
      // Staff read the medical details (`seesMedical`).
      enquete: enquete ? { ...enqueteFields(enquete), medicalMasque: false } : null,
      pieces: pieces.map((p) => {
        const arret = p.arretId ? arrets.find((a) => a.id === p.arretId) : undefined;
        const d = decisionOf.get(p.id);
        return {
          id: p.id,
          code: p.code,
          libelle: p.libelle,
          arretId: p.arretId,
          periode: arret ? periodeArret({ debut: arret.debut, fin: arret.finCertificat ?? arret.fin }) : null,
          statut: p.statut as TPieceDocumentStatut,
          motifRefus: p.motifRefus,
          motifRefusCode: p.statut === 'refusee' && d?.motif ? (d.motif as TMotifRefusPiece) : null,
          obligatoire: obligatoires.has(`${p.code}/${p.arretId}`),
          medicale: p.medicale,
          nom: p.nom,
          taille: p.taille,
          deposeLe: p.createdAt.toISOString(),
          decideLe: d ? d.decideLe.toISOString() : null,
          decidePar: d ? d.decideParLibelle : null,
          fichierDisponible: !effaces.has(p.id),
        };
      }),
      piecesManquantes: manquantes,
      commentaires: commentaires.map((k) => ({
        id: k.id,
        auteur: k.auteur,
        gestion: k.gestion,
        texte: k.texte,
        creeLe: k.createdAt.toISOString(),
        nonLu: k.gestion && k.luLe === null,
      })),
      requalifications: requalifications.map((r) => ({
        id: r.id,
        de: r.de as TRisque,
        vers: r.vers as TRisque,
        motif: r.motif,
        statut: r.statut as 'demandee',
        demandeLe: r.createdAt.toISOString(),
        demandePar: r.demandePar,
      })),
      controles: controles.map((k) => ({ ...k, libelle: controleLabels[k.code] })),
      niveau,
      echeances,
    };
  }

  return {
    /**
     * The file as the handler works it. Opening it marks nothing as examined: the Corbeille owns
     * that state and will mark it here at integration.
     */
    get: (ctx: AuthContext, id: string) => dossier(db, ctx, id),

    /**
     * Validates or refuses one piece (`transitionPiece`), in one transaction with the recount of the
     * missing pieces, the audit and the mail to the collectivité (outbox, sent after commit). A
     * volet 1 refused as such leaves storage after the commit.
     */
    async deciderPiece(ctx: AuthContext, sinistreId: string, pieceId: string, input: TPieceDecision, ip: string) {
      const erase = await db.transaction(async (tx) => {
        const s = await load(tx, ctx, sinistreId, true);
        const p = await repo.piece(tx, s.collectiviteId, s.id, pieceId);
        if (!p) throw NotFound('Pièce introuvable.');
        const next = transitionPiece(p.statut as TPieceDocumentStatut, input.action);
        if (!next.ok) throw Conflict('transition_piece', next.message);
        const refus = input.action === 'refuser' ? input : null;
        const motifRefus = refus ? libelleMotifRefus(refus.motif, refus.commentaire) : null;
        const efface = refus ? motifEffaceFichier(refus.motif) : false;
        const auteur = signature(ctx.scope, ctx.user);
        const now = clock.now();
        await repo.decider(tx, p, next.to, motifRefus, {
          action: input.action,
          motif: refus?.motif ?? null,
          commentaire: refus?.commentaire ?? null,
          fichierEfface: efface,
          decidePar: ctx.user.id,
          decideParLibelle: auteur,
          decideLe: now,
        });
        await deps.changed.sinistreChanged(tx, s.id);
        const numero = numeroSinistre(s);
        await audit.record(
          tx,
          { ...actorOf(ctx, ip), collectiviteId: s.collectiviteId },
          {
            entity: 'piece',
            entityId: p.id,
            action: input.action === 'valider' ? 'validation' : 'refus',
            changes: {
              sinistre: numero,
              libelle: p.libelle,
              statut: [p.statut, next.to],
              ...(refus ? { motif: refus.motif, ...(efface ? { fichierEfface: true } : {}) } : {}),
            },
          },
        );
        // A medical piece's typed label may tell the illness: the mail and the bell name its type only.
        const piece = p.medicale && p.code === 'autre' ? 'Pièce médicale' : p.libelle;
        const lien = `/declarations/sinistres/${s.id}#pieces`;
        const url = `${deps.appUrl}${lien}`;
        for (const d of await deps.piecesRepo.destinatairesRelance(tx, s.collectiviteId)) {
          await queueMail(
            tx,
            now,
            d.email,
            templates.decisionPiece({
              prenom: d.prenom,
              sinistre: numero,
              agent: `${s.agentPrenom} ${s.agentNom}`,
              piece,
              decision: input.action === 'valider' ? 'validee' : 'refusee',
              motif: motifRefus,
              auteur,
              url,
            }),
          );
        }
        if (refus)
          await deps.notifications.notifier(tx, now, DECLARANTS, [
            {
              collectiviteId: s.collectiviteId,
              kind: 'piece_refusee',
              titre: `Pièce refusée : ${piece} (sinistre ${numero})`,
              lien,
              sujet: `sinistre:${s.id}`,
            },
          ]);
        return efface ? p.storageKey : null;
      });
      if (erase) {
        try {
          await deps.storage.remove(erase);
        } catch (e) {
          deps.onEraseError?.(erase, e);
        }
      }
      return dossier(db, ctx, sinistreId);
    },
  };
}
export type DossierService = ReturnType<typeof createDossierService>;

type EnqueteRow = NonNullable<Awaited<ReturnType<EnqueteRepository['enquete']>>>;
function enqueteFields(e: EnqueteRow) {
  return {
    nature: e.nature as TEnquete['nature'],
    date: e.date,
    heure: e.heure,
    lieu: e.lieu,
    horaires: e.horaires,
    tache: e.tache,
    circonstances: e.circonstances,
    sieges: e.sieges as TEnquete['sieges'],
    natureLesions: e.natureLesions,
    temoins: e.temoins,
    doute: e.doute,
    motifDoute: e.motifDoute,
  };
}
