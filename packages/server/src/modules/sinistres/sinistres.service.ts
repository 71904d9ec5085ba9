import {
  addDays as addDaysIso,
  agentIncomplet,
  categoriesAutorisees,
  checkArret,
  checkTpt,
  dureeArret,
  elementLabels,
  estAccident,
  formatDate,
  horsDelai,
  pageOffset,
  parseSort,
  risqueLabels,
  SALAIRE_ELEMENTS,
  type TArretType,
  type TEnquete,
  type TGarantie,
  type TRisque,
  type TSalaire,
  type TSalaireElement,
  type TSinistre,
  type TSinistreDetail,
  type TSinistreStatut,
  type TTempsTravail,
  transition,
  type ZArretCreate,
  type ZImputabilite,
  type ZRequalificationCreate,
  type ZSinistreCreate,
  type ZSinistreListQuery,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf, type TenantContext } from '../../http/context.js';
import { AppError, Conflict, Invalid, NotFound } from '../../http/errors.js';
import type { Audit } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { AgentsRepository } from '../agents/agents.repository.js';
import type { BaseAssuranceService } from '../base-assurance/base-assurance.service.js';
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

/** Salary elements the base does not insure stay empty (domain §5): each one filled is refused by name. */
function checkSalaire(salaire: TSalaire, assures: readonly TSalaireElement[]) {
  const refused = SALAIRE_ELEMENTS.filter((e) => salaire[e] !== null && !assures.includes(e));
  if (refused.length > 0)
    throw Invalid(
      `${refused.map((e) => elementLabels[e]).join(', ')} : ${refused.length > 1 ? 'ces éléments ne sont pas assurés' : 'cet élément n’est pas assuré'} dans la base de l’assurance, laissez le champ vide.`,
      refused.map((e) => ({ field: `salaire.${e}`, message: 'Élément non assuré.' })),
    );
}

function presentEnquete(e: NonNullable<Awaited<ReturnType<SinistresRepository['enquete']>>>) {
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

/** Sinistres and their arrêts (domain §5): creation rules, arrêt rules, status transitions. */
export function createSinistresService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: SinistresRepository;
  agents: AgentsRepository;
  bases: BaseAssuranceService;
  pieces: PiecesService;
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
    const { manquantes } = await deps.pieces.exigences(executor, row, arrets);
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
        jours: dureeArret(a),
        horsDelai: a.horsDelai,
        declareLe: a.createdAt.toISOString(),
        quotiteTpt: a.quotiteTpt,
        salaire: salaireOf(a),
        nePasProratiser: a.nePasProratiser,
      })),
      piecesManquantes: manquantes,
      elementsAssures,
      enquete: enquete ? presentEnquete(enquete) : null,
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

  return {
    get: (ctx: TenantContext, id: string) => detail(db, ctx, id),

    async list(ctx: TenantContext, query: z.infer<typeof ZSinistreListQuery>) {
      const { column, direction } = parseSort(query.sort ?? '-dateSurvenance', 'dateSurvenance');
      const { rows, total } = await repo.list(db, ctx.collectiviteId, filtersOf(query), {
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
        const errors: { field: string; message: string }[] = [];
        if (input.dateSurvenance > today())
          errors.push({ field: 'dateSurvenance', message: 'La date de survenance ne peut être dans le futur.' });
        if (input.dateSurvenance < agent.dateEntree) {
          errors.push({
            field: 'dateSurvenance',
            message: `La date de survenance précède l’entrée de l’agent dans la collectivité (${formatDate(agent.dateEntree)}).`,
          });
        }
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
          },
        });
        return sinistreId;
      });
      return detail(db, ctx, id);
    },

    /** Adds an arrêt; a declaration past the contract's deadline is flagged « hors délai ». A new arrêt reopens a closed sinistre. */
    async addArret(ctx: TenantContext, sinistreId: string, input: z.output<typeof ZArretCreate>, ip: string) {
      return change(ctx, sinistreId, async (tx, s) => {
        const own = await repo.arrets(tx, ctx.collectiviteId, sinistreId);
        const others = await repo.autresArretsAgent(tx, ctx.collectiviteId, s.agentId, sinistreId);
        const period = (a: ArretRow) => ({ id: a.id, type: a.type as TArretType, debut: a.debut, fin: a.fin });
        const problems = [
          ...checkArret(
            { type: input.type, debut: input.debut, fin: input.fin },
            {
              dateSurvenance: s.dateSurvenance,
              maladieOrdinaire: s.categorie === 'maladie_ordinaire',
              arretsDuSinistre: own.map(period),
              autresArretsAgent: others.map(period),
            },
          ),
          ...checkTpt(input, { tpt: s.categorie === 'tpt', autresPeriodes: own }),
        ];
        if (input.reprise && input.reprise <= input.debut) {
          problems.push({
            field: 'fin',
            message: `La reprise (${formatDate(input.reprise)}) doit suivre le début de l’arrêt (${formatDate(input.debut)}).`,
          });
        }
        if (problems.length > 0)
          throw Invalid(
            problems.length === 1 ? problems[0]!.message : `L’arrêt contient ${problems.length} erreurs.`,
            problems,
          );
        const salaire = input.salaire ?? {
          tbi: null,
          nbi: null,
          sft: null,
          ir: null,
          ri: null,
          cp: null,
          nePasProratiser: false,
        };
        checkSalaire(salaire, await elementsAssures(tx, s));
        const garantie = await garantieOf(tx, s.contratId, s.categorie);
        const late = garantie ? horsDelai(input.debut, today(), garantie.delaiDeclarationJours) : false;
        const now = clock.now();
        const arretId = await repo.insertArret(tx, {
          sinistreId,
          collectiviteId: ctx.collectiviteId,
          agentId: s.agentId,
          type: input.type,
          debut: input.debut,
          fin: input.fin,
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
          changes: { sinistre: numero(s), type: input.type, debut: input.debut, fin: input.fin, horsDelai: late },
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
        checkSalaire(salaire, await elementsAssures(tx, s));
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
     * Return to work (domain §5): recorded on the last arrêt — an earlier return shortens it to the
     * day before — and an Ouvert sinistre becomes Clos; payments in progress go on.
     */
    async reprise(ctx: TenantContext, sinistreId: string, date: string, ip: string) {
      return change(ctx, sinistreId, async (tx, s) => {
        const arrets = await repo.arrets(tx, ctx.collectiviteId, sinistreId);
        const last = [...arrets].sort((a, b) => a.fin.localeCompare(b.fin)).at(-1);
        if (!last)
          throw Invalid('Déclarez d’abord l’arrêt de travail : la reprise se rapporte à un arrêt.', [
            { field: 'date', message: 'Aucun arrêt.' },
          ]);
        if (s.statut === 'clos')
          throw Conflict('sinistre_clos', 'Ce sinistre est déjà clos : un nouvel arrêt le rouvrirait.');
        if (date <= last.debut)
          throw Invalid(
            `La reprise (${formatDate(date)}) doit suivre le début du dernier arrêt (${formatDate(last.debut)}).`,
            [{ field: 'date', message: 'Date de reprise trop tôt.' }],
          );
        if (date > today())
          throw Invalid('La date de reprise ne peut être dans le futur.', [
            { field: 'date', message: 'Date dans le futur.' },
          ]);
        const fin = date <= last.fin ? addDaysIso(date, -1) : last.fin;
        await repo.updateArret(tx, ctx.collectiviteId, last.id, { reprise: date, fin });
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

    /** « Valider la déclaration »: Brouillon → Ouvert when every mandatory piece is there. */
    async valider(ctx: TenantContext, sinistreId: string, ip: string) {
      return change(ctx, sinistreId, async (tx) => {
        const current = await detail(tx, ctx, sinistreId);
        const next = transition(current.statut, 'valider', { piecesManquantes: current.piecesManquantes });
        if (!next.ok) throw new AppError(409, 'validation_impossible', next.message);
        await repo.setStatut(tx, ctx.collectiviteId, sinistreId, next.to, clock.now());
        await audit.record(tx, actorOf(ctx, ip), { entity: 'sinistre', entityId: sinistreId, action: 'validation' });
      });
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
      const where = await repo.rattachement(db, sinistreId);
      if (!where || (ctx.user.staffRole !== 'admin_plateforme' && where.cdgId !== ctx.user.staffCdgId))
        throw NotFound('Sinistre introuvable.');
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
        enquete: enquete ? presentEnquete(enquete) : null,
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

    /** The search as CSV, read in batches so a large collectivité never loads every sinistre at once. */
    async *exportRows(ctx: TenantContext, query: z.infer<typeof ZSinistreListQuery>) {
      const filters = filtersOf(query);
      for (let offset = 0; ; offset += EXPORT_BATCH) {
        const { rows } = await repo.list(db, ctx.collectiviteId, filters, {
          sort: 'dateSurvenance',
          direction: 'desc',
          limit: EXPORT_BATCH,
          offset,
          withTotal: false,
        });
        if (rows.length > 0) yield rows.map(present);
        if (rows.length < EXPORT_BATCH) return;
      }
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
      auteur: `${ctx.user.prenom} ${ctx.user.nom}`,
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

const EXPORT_BATCH = 1000;

function filtersOf(query: z.infer<typeof ZSinistreListQuery>): SinistreFilters {
  return {
    agentId: query.agentId,
    search: query.q,
    categorie: query.categorie,
    statut: query.statut,
    du: query.du,
    au: query.au,
    horsDelai: query.horsDelai === undefined ? undefined : query.horsDelai === 'oui',
  };
}

export type SinistresService = ReturnType<typeof createSinistresService>;
