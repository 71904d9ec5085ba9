import {
  agentIncomplet,
  arretRequis,
  categoriesAutorisees,
  checkDateSurvenance,
  delaiDeclaration,
  dureeArret,
  estAccident,
  formatDate,
  horsDelai,
  messageArretManquant,
  messageDoublon,
  pageOffset,
  parseSort,
  risqueLabels,
  type TArretType,
  type TEnquete,
  type TGarantie,
  type TRisque,
  type TSinistre,
  type TSinistreDetail,
  type TSinistreStatut,
  type TTempsTravail,
  transition,
  type ZImputabilite,
  type ZRequalificationCreate,
  type ZSinistreCreate,
  type ZSinistreListQuery,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf, type TenantContext } from '../../http/context.js';
import { AppError, Conflict, Forbidden, Invalid, NotFound } from '../../http/errors.js';
import type { Audit } from '../../lib/audit.js';
import { readInBatches } from '../../lib/batches.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { acrossCollectivites, seesMedical, signature } from '../../lib/scope.js';
import type { Storage } from '../../lib/storage/storage.js';
import type { AgentsRepository } from '../agents/agents.repository.js';
import type { BaseAssuranceService } from '../base-assurance/base-assurance.service.js';
import { createArretsActions } from './arrets.service.js';
import { numeroSinistre, type PiecesService } from './pieces.service.js';
import { attestationPdf, bonRemboursementPdf, type DocumentContext, enquetePdf } from './sinistres.pdf.js';
import type { ArretRow, SinistreFilters, SinistreRow, SinistresRepository } from './sinistres.repository.js';

const numero = numeroSinistre;

function present(row: SinistreRow): TSinistre {
  return {
    id: row.id,
    numero: numero(row),
    agentId: row.agentId,
    agentNom: row.agentNom,
    agentPrenom: row.agentPrenom,
    contratId: row.contratId,
    contratNumero: row.contratNumero,
    categorie: row.categorie as TRisque,
    dateSurvenance: row.dateSurvenance,
    tiersImplique: row.tiersImplique,
    recoursTiers: row.recoursTiers,
    commentaire: row.commentaire,
    statut: row.statut as TSinistreStatut,
    horsDelai: row.horsDelai,
    creeLe: row.createdAt.toISOString(),
    commentairesNonLus: row.commentairesNonLus,
  };
}

const salaireOf = (a: ArretRow) => ({ tbi: a.tbi, nbi: a.nbi, sft: a.sft, ir: a.ir, ri: a.ri, cp: a.cp });

type EnqueteRow = NonNullable<Awaited<ReturnType<SinistresRepository['enquete']>>>;

function enqueteFields(e: EnqueteRow) {
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
function presentEnquete(e: EnqueteRow, medical: boolean) {
  const fields = enqueteFields(e);
  return medical
    ? { ...fields, medicalMasque: false }
    : { ...fields, sieges: [], natureLesions: null, medicalMasque: true };
}

/** Sinistres and their arrêts (domain §5): creation rules, arrêt rules, status transitions. */
export function createSinistresService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: SinistresRepository;
  agents: AgentsRepository;
  bases: BaseAssuranceService;
  pieces: PiecesService;
  storage: Storage;
  /** Rows read per query by the CSV export (EXPORT_BATCH; smaller in tests). */
  exportBatch?: number;
}) {
  const { db, clock, audit, repo } = deps;
  const today = () => parisDate(clock.now());

  async function detail(executor: Db, ctx: TenantContext, id: string): Promise<TSinistreDetail> {
    const row = await repo.find(executor, ctx.collectiviteId, id);
    if (!row) throw NotFound('Sinistre introuvable.');
    const [arrets, agent, enquete, requalifications, commentaires, garanties] = await Promise.all([
      repo.arrets(executor, ctx.collectiviteId, id),
      deps.agents.findAgent(executor, ctx.collectiviteId, row.agentId),
      repo.enquete(executor, ctx.collectiviteId, id),
      repo.requalifications(executor, ctx.collectiviteId, id),
      repo.commentaires(executor, ctx.collectiviteId, id),
      repo.garanties(executor, row.contratId),
    ]);
    const { manquantes, catalogue, regime } = await deps.pieces.exigences(executor, row, arrets);
    const categorie = row.categorie as TRisque;
    const garantie = garanties.find((g) => g.risque === row.categorie);
    const elementsAssures = await deps.bases.elementsAssures(
      executor,
      ctx.collectiviteId,
      row.contratId,
      Number(row.dateSurvenance.slice(0, 4)),
    );
    return {
      ...present(row),
      arrets: arrets.map((a) => ({
        id: a.id,
        type: a.type as TArretType,
        debut: a.debut,
        fin: a.fin,
        reprise: a.reprise,
        finCertificat: a.finCertificat ?? a.fin,
        jours: dureeArret(a),
        horsDelai: a.horsDelai,
        declareLe: a.createdAt.toISOString(),
        quotiteTpt: a.quotiteTpt,
        salaire: salaireOf(a),
        nePasProratiser: a.nePasProratiser,
      })),
      piecesManquantes: manquantes,
      arretManquant:
        arrets.length === 0 && arretRequis(catalogue, { categorie, regime, arretTravail: row.arretTravail })
          ? messageArretManquant(categorie)
          : null,
      declaration: garantie
        ? delaiDeclaration(row.dateSurvenance, parisDate(row.createdAt), garantie.delaiDeclarationJours)
        : null,
      elementsAssures,
      enquete: enquete ? presentEnquete(enquete, seesMedical(ctx.scope)) : null,
      imputabilite:
        row.imputabilite && row.imputabiliteDate
          ? {
              decision: row.imputabilite as 'reconnue' | 'refusee',
              date: row.imputabiliteDate,
              arretTravail: row.arretTravail ?? false,
            }
          : null,
      categoriesRequalification: categoriesAutorisees(agent?.regime ?? 'CNRACL', garanties as TGarantie[]).filter(
        (c) => c !== row.categorie,
      ),
      requalifications: requalifications.map((r) => ({
        id: r.id,
        de: r.de as TRisque,
        vers: r.vers as TRisque,
        motif: r.motif,
        statut: r.statut as 'demandee',
        demandeLe: r.createdAt.toISOString(),
        demandePar: r.demandePar,
      })),
      commentaires: commentaires.map((c) => ({
        id: c.id,
        auteur: c.auteur,
        gestion: c.gestion,
        texte: c.texte,
        creeLe: c.createdAt.toISOString(),
        nonLu: c.gestion && c.luLe === null,
      })),
    };
  }

  /** Runs one change of a sinistre in a transaction, the sinistre row locked, then answers its detail. */
  async function change(
    ctx: TenantContext,
    id: string,
    work: (tx: Db, s: SinistreRow) => Promise<void>,
  ): Promise<TSinistreDetail> {
    await db.transaction(async (tx) => {
      const s = await repo.find(tx, ctx.collectiviteId, id, true);
      if (!s) throw NotFound('Sinistre introuvable.');
      await work(tx, s);
    });
    return detail(db, ctx, id);
  }

  function requireAccident(s: SinistreRow, what: string) {
    if (!estAccident(s.categorie as TRisque))
      throw new AppError(
        422,
        'pas_un_accident',
        `${what} ne concerne que les accidents de service, de trajet et les maladies professionnelles.`,
      );
  }

  async function garantieOf(executor: Db, contratId: string, categorie: string): Promise<TGarantie | undefined> {
    return (await repo.garanties(executor, contratId)).find((g) => g.risque === categorie) as TGarantie | undefined;
  }

  const arrets = createArretsActions({
    clock,
    audit,
    repo,
    pieces: deps.pieces,
    today,
    change,
    elementsAssures,
    delaiDeclarationJours: async (executor, s) =>
      (await garantieOf(executor, s.contratId, s.categorie))?.delaiDeclarationJours ?? null,
  });

  return {
    get: (ctx: TenantContext, id: string) => detail(db, ctx, id),

    async list(ctx: TenantContext, query: z.infer<typeof ZSinistreListQuery>) {
      const { column, direction } = parseSort(query.sort ?? '-dateSurvenance', 'dateSurvenance');
      const { rows, total } = await repo.list(db, ctx.collectiviteId, filtersOf(query, deps.clock.now()), {
        sort: column as 'dateSurvenance',
        direction,
        limit: query.pageSize,
        offset: pageOffset(query.page, query.pageSize),
      });
      return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize };
    },

    async create(ctx: TenantContext, input: z.output<typeof ZSinistreCreate>, ip: string) {
      const id = await db.transaction(async (tx) => {
        const agent = await deps.agents.findAgent(tx, ctx.collectiviteId, input.agentId);
        if (!agent) throw NotFound('Agent introuvable.');
        if (
          agentIncomplet({
            dateNaissance: agent.dateNaissance,
            tempsTravail: agent.tempsTravail as TTempsTravail | null,
          })
        ) {
          throw new AppError(
            422,
            'agent_incomplet',
            `La fiche de ${agent.prenom} ${agent.nom} est incomplète (date de naissance ou temps de travail) : complétez-la avant de déclarer un sinistre.`,
            [{ field: 'agentId', message: 'Fiche agent incomplète.' }],
          );
        }
        const errors: { field: string; message: string }[] = checkDateSurvenance(input.dateSurvenance, {
          aujourdhui: today(),
          dateEntree: agent.dateEntree,
        });
        if (input.tiersImplique && !input.recoursTiers)
          errors.push({
            field: 'recoursTiers',
            message: 'Un tiers est impliqué : indiquez qui (nom, assureur, référence) pour le recours.',
          });
        if (errors.length > 0) throw Invalid(errors[0]!.message, errors);

        const contrat = await repo.contratCouvrant(tx, ctx.collectiviteId, agent.regime, input.dateSurvenance);
        if (!contrat) {
          throw Invalid(
            `Aucun contrat ${agent.regime} de la collectivité ne couvre le ${formatDate(input.dateSurvenance)}.`,
            [{ field: 'dateSurvenance', message: 'Pas de contrat à cette date.' }],
          );
        }
        const allowed = categoriesAutorisees(agent.regime, (await repo.garanties(tx, contrat.id)) as TGarantie[]);
        if (!allowed.includes(input.categorie)) {
          throw Invalid(
            `La catégorie « ${risqueLabels[input.categorie]} » n’est pas couverte par le contrat ${contrat.numero} pour un agent ${agent.regime}.`,
            [
              {
                field: 'categorie',
                message: `Catégories possibles : ${allowed.map((r) => risqueLabels[r]).join(', ')}.`,
              },
            ],
          );
        }
        const base = await deps.bases.checkBaseForSinistre(tx, ctx.collectiviteId, contrat.id, input.dateSurvenance);
        if (!base.ok)
          throw new AppError(422, 'base_manquante', base.message, [
            { field: 'dateSurvenance', message: `Base de l’assurance ${base.annee} manquante.` },
          ]);

        if (!input.confirmerDoublon) {
          const existants = await repo.memeJour(tx, ctx.collectiviteId, agent.id, input.dateSurvenance);
          // A warning, not an invalid field: the detail names the existing sinistres (the web links them).
          if (existants.length > 0)
            throw Conflict(
              'sinistre_doublon',
              messageDoublon(
                `${agent.prenom} ${agent.nom}`,
                existants.map((e) => ({
                  numero: numero(e),
                  categorie: e.categorie as TRisque,
                  dateSurvenance: e.dateSurvenance,
                })),
                input.categorie,
              ),
            );
        }
        const garantie = (await repo.garanties(tx, contrat.id)).find((g) => g.risque === input.categorie);
        // The declaration itself is late or not from the survenance, before any arrêt (domain §5).
        const late = garantie ? horsDelai(input.dateSurvenance, today(), garantie.delaiDeclarationJours) : false;
        const sinistreId = await repo.insert(tx, {
          collectiviteId: ctx.collectiviteId,
          agentId: agent.id,
          contratId: contrat.id,
          categorie: input.categorie,
          dateSurvenance: input.dateSurvenance,
          tiersImplique: input.tiersImplique,
          recoursTiers: input.tiersImplique ? (input.recoursTiers ?? null) : null,
          commentaire: input.commentaire ?? null,
          statut: 'brouillon',
          horsDelai: late,
          createdAt: clock.now(),
        });
        await deps.pieces.recompute(tx, sinistreId);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'sinistre',
          entityId: sinistreId,
          action: 'creation',
          changes: {
            agent: `${agent.prenom} ${agent.nom}`,
            categorie: input.categorie,
            dateSurvenance: input.dateSurvenance,
            ...(late ? { horsDelai: true } : {}),
            ...(input.confirmerDoublon ? { doublonConfirme: true } : {}),
          },
        });
        return sinistreId;
      });
      return detail(db, ctx, id);
    },

    ...arrets,

    /** « Valider la déclaration »: Brouillon → Ouvert when every mandatory piece is there. */
    async valider(ctx: TenantContext, sinistreId: string, ip: string) {
      return change(ctx, sinistreId, async (tx) => {
        const current = await detail(tx, ctx, sinistreId);
        const next = transition(current.statut, 'valider', {
          piecesManquantes: current.piecesManquantes,
          arretManquant: current.arretManquant,
        });
        if (!next.ok) throw new AppError(409, 'validation_impossible', next.message);
        await repo.setStatut(tx, ctx.collectiviteId, sinistreId, next.to, clock.now());
        await audit.record(tx, actorOf(ctx, ip), { entity: 'sinistre', entityId: sinistreId, action: 'validation' });
      });
    },

    /**
     * A Brouillon declared by mistake (a duplicate, a wrong agent) is deleted with its arrêts, pieces
     * and comments, while no handler has looked at it: no handler's comment, no piece examined. The
     * files go after the commit, so a rollback never leaves a row without its file.
     */
    async supprimer(ctx: TenantContext, sinistreId: string, ip: string) {
      const keys = await db.transaction(async (tx) => {
        const s = await repo.find(tx, ctx.collectiviteId, sinistreId, true);
        if (!s) throw NotFound('Sinistre introuvable.');
        if (s.statut !== 'brouillon')
          throw Conflict(
            'sinistre_transmis',
            `Le sinistre n° ${numero(s)} est ${s.statut === 'ouvert' ? 'ouvert' : 'clos'} : il a été transmis au gestionnaire et ne peut plus être supprimé. Seul un brouillon peut l’être.`,
          );
        const vu = await repo.vuParGestionnaire(tx, ctx.collectiviteId, sinistreId);
        if (vu)
          throw Conflict(
            'sinistre_examine',
            `Le gestionnaire a déjà ${vu === 'commentaire' ? 'commenté ce sinistre' : 'examiné une pièce de ce sinistre'} : il ne peut plus être supprimé. Écrivez-lui un commentaire pour qu’il le clôture.`,
          );
        const removed = await repo.remove(tx, ctx.collectiviteId, sinistreId);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'sinistre',
          entityId: sinistreId,
          action: 'suppression',
          changes: {
            numero: numero(s),
            agent: `${s.agentPrenom} ${s.agentNom}`,
            categorie: s.categorie,
            dateSurvenance: s.dateSurvenance,
            arrets: removed.arrets,
            pieces: removed.storageKeys.length,
          },
        });
        return removed.storageKeys;
      });
      for (const key of keys) await deps.storage.remove(key);
    },

    async setEnquete(ctx: TenantContext, sinistreId: string, input: TEnquete, ip: string) {
      return change(ctx, sinistreId, async (tx, s) => {
        requireAccident(s, 'L’enquête administrative');
        const errors: { field: string; message: string }[] = [];
        if (input.date < s.dateSurvenance || input.date > today())
          errors.push({
            field: 'date',
            message: `La date de l’accident doit être entre la survenance (${formatDate(s.dateSurvenance)}) et aujourd’hui.`,
          });
        if (errors.length > 0) throw Invalid(errors[0]!.message, errors);
        const before = await repo.enquete(tx, ctx.collectiviteId, sinistreId);
        await repo.saveEnquete(tx, {
          sinistreId,
          collectiviteId: ctx.collectiviteId,
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
      return change(ctx, sinistreId, async (tx, s) => {
        requireAccident(s, 'La décision d’imputabilité');
        if (input.date < s.dateSurvenance || input.date > today())
          throw Invalid(
            `La date de la décision doit être entre la survenance (${formatDate(s.dateSurvenance)}) et aujourd’hui.`,
            [{ field: 'date', message: 'Date de décision incorrecte.' }],
          );
        await repo.update(tx, ctx.collectiviteId, sinistreId, {
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

    /** A request to change the category, recorded for the handler's decision. */
    async requalifier(
      ctx: TenantContext,
      sinistreId: string,
      input: z.output<typeof ZRequalificationCreate>,
      ip: string,
    ) {
      return change(ctx, sinistreId, async (tx, s) => {
        const current = await detail(tx, ctx, sinistreId);
        if (!current.categoriesRequalification.includes(input.vers))
          throw Invalid(
            `Ce sinistre ne peut être requalifié en « ${risqueLabels[input.vers]} » (régime de l’agent ou garanties du contrat).`,
            [{ field: 'vers', message: 'Catégorie impossible.' }],
          );
        if (current.requalifications.some((r) => r.statut === 'demandee'))
          throw Conflict(
            'requalification_en_cours',
            'Une demande de requalification attend déjà la décision du gestionnaire.',
          );
        const id = await repo.insertRequalification(tx, {
          collectiviteId: ctx.collectiviteId,
          sinistreId,
          de: s.categorie,
          vers: input.vers,
          motif: input.motif,
          statut: 'demandee',
          demandePar: `${ctx.user.prenom} ${ctx.user.nom}`,
          createdAt: clock.now(),
        });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'requalification',
          entityId: id,
          action: 'creation',
          changes: { sinistre: numero(s), de: s.categorie, vers: input.vers },
        });
      });
    },

    async commenter(ctx: TenantContext, sinistreId: string, texte: string, ip: string) {
      return change(ctx, sinistreId, async (tx, s) => {
        await insertCommentaire(tx, ctx, s, texte, false, ip);
      });
    },

    async marquerLus(ctx: TenantContext, sinistreId: string) {
      await detail(db, ctx, sinistreId);
      await repo.marquerCommentairesLus(db, ctx.collectiviteId, sinistreId, clock.now());
      return detail(db, ctx, sinistreId);
    },

    /** A handler's comment (back office): unread for the collectivité until it opens the sinistre. */
    async commenterGestion(ctx: AuthContext, sinistreId: string, texte: string, ip: string) {
      const where = await repo.rattachement(db, acrossCollectivites(ctx.scope), sinistreId);
      if (!where) throw NotFound('Sinistre introuvable.');
      await db.transaction(async (tx) => {
        const s = await repo.find(tx, where.collectiviteId, sinistreId, true);
        if (!s) throw NotFound('Sinistre introuvable.');
        await insertCommentaire(tx, ctx, s, texte, true, ip);
      });
      return { ok: true as const };
    },

    /** A generated document of an accident (enquête, attestation, bon de remboursement), as a PDF. */
    async document(ctx: TenantContext, sinistreId: string, kind: 'enquete' | 'attestation' | 'bon') {
      const s = await repo.find(db, ctx.collectiviteId, sinistreId);
      if (!s) throw NotFound('Sinistre introuvable.');
      requireAccident(s, 'Ce document');
      if (kind === 'enquete' && !seesMedical(ctx.scope))
        throw Forbidden(
          'L’enquête administrative décrit les lésions : elle est réservée aux publicateurs, aux administrateurs et au gestionnaire.',
          'donnees_medicales',
        );
      const [enquete, agent, employeur] = await Promise.all([
        repo.enquete(db, ctx.collectiviteId, sinistreId),
        deps.agents.findAgent(db, ctx.collectiviteId, s.agentId),
        repo.employeur(db, ctx.collectiviteId),
      ]);
      if (kind === 'enquete' && !enquete)
        throw Conflict(
          'enquete_manquante',
          'Remplissez d’abord l’enquête administrative : le document en reprend les réponses.',
        );
      const context: DocumentContext = {
        employeur,
        agent: {
          nom: agent!.nom,
          prenom: agent!.prenom,
          nir: agent!.nir + (agent!.nirCle ?? ''),
          dateNaissance: agent!.dateNaissance,
          sexe: agent!.sexe === 'M' || agent!.sexe === 'F' ? agent!.sexe : null,
          emploi: agent!.emploi,
          grade: agent!.grade,
          regime: agent!.regime,
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

    /**
     * The search as CSV rows, read by keyset in batches (the event loop gets a turn between two):
     * a large collectivité never loads every sinistre at once nor holds the instance. Resolves
     * once the first batch is read, so a failing query never starts a 200.
     */
    async exportRows(ctx: TenantContext, query: z.infer<typeof ZSinistreListQuery>) {
      const filters = filtersOf(query, deps.clock.now());
      const batches = await readInBatches<SinistreRow>(
        async (after, limit) =>
          (
            await repo.list(db, ctx.collectiviteId, filters, {
              sort: 'dateSurvenance',
              direction: 'desc',
              limit,
              offset: 0,
              withTotal: false,
              ...(after ? { after: { dateSurvenance: after.dateSurvenance, numero: after.numero } } : {}),
            })
          ).rows,
        deps.exportBatch ?? EXPORT_BATCH,
      );
      return (async function* () {
        for await (const rows of batches) yield rows.map(present);
      })();
    },
  };

  async function insertCommentaire(
    tx: Db,
    ctx: AuthContext,
    s: SinistreRow,
    texte: string,
    gestion: boolean,
    ip: string,
  ) {
    const id = await repo.insertCommentaire(tx, {
      collectiviteId: s.collectiviteId,
      sinistreId: s.id,
      auteur: signature(ctx.scope, ctx.user),
      gestion,
      texte,
      createdAt: clock.now(),
    });
    await audit.record(
      tx,
      { ...actorOf(ctx, ip), collectiviteId: s.collectiviteId },
      {
        entity: 'commentaire',
        entityId: id,
        action: 'creation',
        changes: { sinistre: numero(s) },
      },
    );
  }

  async function elementsAssures(executor: Db, s: SinistreRow) {
    return deps.bases.elementsAssures(executor, s.collectiviteId, s.contratId, Number(s.dateSurvenance.slice(0, 4)));
  }
}

/** Sinistres read per query by the export: a short query each, the event loop free between two. */
const EXPORT_BATCH = 500;

function filtersOf(query: z.infer<typeof ZSinistreListQuery>, now: Date): SinistreFilters {
  return {
    agentId: query.agentId,
    search: query.q,
    categorie: query.categorie,
    statut: query.statut,
    du: query.du,
    au: query.au,
    horsDelai: query.horsDelai === undefined ? undefined : query.horsDelai === 'oui',
    nonLus: query.nonLus === 'oui',
    enRetardAu: query.enRetard === 'oui' ? now : undefined,
  };
}

export type SinistresService = ReturnType<typeof createSinistresService>;
