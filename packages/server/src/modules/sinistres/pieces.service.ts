import {
  autreEstMedicale,
  type Exigence,
  exigeConfirmationVolets,
  exigencesPieces,
  LIBELLE_MEDICAL_MASQUE,
  libellesManquants,
  PIECE_AUTRE,
  PIECE_MAX_BYTES,
  PIECE_REQUALIFICATION,
  type PieceModeleRegle,
  pageOffset,
  parseSort,
  periodeArret,
  type TDocumentManquant,
  type TPiece,
  type TPieceEtape,
  type TPieceExigence,
  type TPieceModele,
  type TRisque,
  type TSinistreStatut,
  type ZDocumentsManquantsQuery,
  type ZPieceModeleInput,
  type ZPieceModeleUpdate,
  ZPieceUploadFields,
} from '@statutis/domain';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf, type TenantContext } from '../../http/context.js';
import { AppError, Conflict, Forbidden, Invalid, NotFound } from '../../http/errors.js';
import { receiveUpload } from '../../http/upload.js';
import { type Audit, diff } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { enqueueJob } from '../../lib/jobs/queue.js';
import { seesMedical } from '../../lib/scope.js';
import type { Storage } from '../../lib/storage/storage.js';
import type { AgentsRepository } from '../agents/agents.repository.js';
import type { PieceModeleRow, PieceRow, PiecesRepository } from './pieces.repository.js';
import type { ArretRow, SinistreRow, SinistresRepository } from './sinistres.repository.js';

export const numeroSinistre = (row: { numero: number; dateSurvenance: string }) =>
  `${row.dateSurvenance.slice(0, 4)}-${String(row.numero).padStart(6, '0')}`;

const periode = periodeArret;

/** A Lecteur sees that a medical piece exists, not its name nor its content (`seesMedical`). */
const peutLireMedical = (ctx: AuthContext) => seesMedical(ctx.scope);

const toRegle = (m: PieceModeleRow): PieceModeleRegle => ({
  categorie: m.categorie as TRisque,
  regime: m.regime,
  code: m.code,
  libelle: m.libelle,
  etape: m.etape as TPieceEtape,
  obligatoire: m.obligatoire,
  medicale: m.medicale,
  aide: m.aide ?? undefined,
  actif: m.actif,
});

const presentModele = (m: PieceModeleRow): TPieceModele => ({
  id: m.id,
  categorie: m.categorie as TRisque,
  regime: m.regime,
  code: m.code,
  libelle: m.libelle,
  etape: m.etape as TPieceEtape,
  obligatoire: m.obligatoire,
  medicale: m.medicale,
  aide: m.aide,
  actif: m.actif,
});

/** Pieces whose label the user typed: for a medical one, the label may itself tell the illness. */
const libelleSaisi = (code: string) => code === PIECE_AUTRE || code === PIECE_REQUALIFICATION;

function presentPiece(p: PieceRow, ctx: AuthContext): TPiece {
  const lisible = !p.medicale || peutLireMedical(ctx);
  return {
    id: p.id,
    code: p.code,
    libelle: lisible || !libelleSaisi(p.code) ? p.libelle : LIBELLE_MEDICAL_MASQUE,
    arretId: p.arretId,
    requalificationId: p.requalificationId,
    statut: p.statut as TPiece['statut'],
    motifRefus: p.motifRefus,
    nom: lisible ? p.nom : 'Pièce médicale',
    taille: p.taille,
    medicale: p.medicale,
    telechargeable: lisible,
    deposeLe: p.createdAt.toISOString(),
  };
}

/** A code from a label, for a piece type the administrator adds: « Rapport du médecin » → rapport_du_medecin. */
const codeFrom = (libelle: string) =>
  libelle
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 50) || 'piece';

/** Supporting documents: what each sinistre needs, uploads, downloads, the missing-pieces list, the catalogue. */
export function createPiecesService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  storage: Storage;
  repo: PiecesRepository;
  sinistres: SinistresRepository;
  agents: AgentsRepository;
}) {
  const { db, clock, audit, repo } = deps;

  /** The sinistre's required pieces now, with what was deposited for each. */
  async function exigences(executor: Db, s: SinistreRow, arrets: readonly ArretRow[]) {
    const agent = await deps.agents.findAgent(executor, s.collectiviteId, s.agentId);
    const [catalogue, pieces] = await Promise.all([
      repo.catalogue(executor, s.categorie),
      repo.pieces(executor, s.collectiviteId, s.id),
    ]);
    const regles = catalogue.map(toRegle);
    const list = exigencesPieces(
      regles,
      { categorie: s.categorie as TRisque, regime: agent?.regime ?? 'CNRACL', arrets },
      pieces.map((p) => ({ code: p.code, arretId: p.arretId, statut: p.statut as PieceRow['statut'] & 'deposee' })),
    );
    return { list, pieces, manquantes: libellesManquants(list), catalogue: regles, regime: agent?.regime ?? 'CNRACL' };
  }

  async function loadSinistre(executor: Db, ctx: TenantContext, sinistreId: string, lock = false) {
    const s = await deps.sinistres.find(executor, ctx.collectiviteId, sinistreId, lock);
    if (!s) throw NotFound('Sinistre introuvable.');
    return s;
  }

  function presentExigence(
    e: Exigence,
    s: SinistreRow,
    arrets: readonly ArretRow[],
    pieces: readonly PieceRow[],
    ctx: AuthContext,
  ): TPieceExigence {
    const arret = e.arretId ? arrets.find((a) => a.id === e.arretId) : undefined;
    return {
      code: e.modele.code,
      libelle: e.modele.libelle,
      obligatoire: e.modele.obligatoire,
      medicale: e.modele.medicale,
      aide: e.modele.aide ?? null,
      volets: exigeConfirmationVolets(e.modele.code, s.categorie as TRisque),
      arretId: e.arretId,
      // The pieces of an arrêt are its certificate's: they keep its dates when a reprise shortened it.
      periode: arret ? periode({ debut: arret.debut, fin: arret.finCertificat ?? arret.fin }) : null,
      statut: e.statut,
      pieces: pieces
        .filter((p) => p.code === e.modele.code && p.arretId === e.arretId)
        .map((p) => presentPiece(p, ctx)),
    };
  }

  return {
    exigences,
    /** After a change that can alter what a sinistre misses (new sinistre, new arrêt). */
    recompute: (executor: Db, sinistreId: string) => repo.recomputeManquantes(executor, { sinistreId }),

    async list(ctx: TenantContext, sinistreId: string) {
      const s = await loadSinistre(db, ctx, sinistreId);
      const arrets = await deps.sinistres.arrets(db, ctx.collectiviteId, sinistreId);
      const { list, pieces, manquantes } = await exigences(db, s, arrets);
      const required = new Set(list.map((e) => `${e.modele.code}/${e.arretId}`));
      return {
        exigences: list.map((e) => presentExigence(e, s, arrets, pieces, ctx)),
        autres: pieces.filter((p) => !required.has(`${p.code}/${p.arretId}`)).map((p) => presentPiece(p, ctx)),
        manquantes,
      };
    },

    /** Stores the file first (its content decides), then records it in one transaction, or removes it. */
    async upload(ctx: TenantContext, sinistreId: string, request: FastifyRequest, ip: string): Promise<TPiece> {
      await loadSinistre(db, ctx, sinistreId);
      const file = await receiveUpload(request, deps.storage, {
        kind: 'pdf-image',
        maxBytes: PIECE_MAX_BYTES,
        prefix: 'pieces',
      });
      try {
        return await db.transaction(async (tx) => {
          const parsed = ZPieceUploadFields.safeParse(file.fields);
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            throw Invalid(issue.message, [{ field: String(issue.path[0] ?? 'code'), message: issue.message }]);
          }
          const fields = parsed.data;
          const s = await loadSinistre(tx, ctx, sinistreId, true);
          const arrets = await deps.sinistres.arrets(tx, ctx.collectiviteId, sinistreId);
          let libelle: string;
          let medicale = false;
          let arretId: string | null = null;
          let requalificationId: string | null = null;
          if (fields.code === PIECE_AUTRE) {
            if (!fields.libelle)
              throw Invalid('Donnez un libellé à ce document (par exemple « Certificat pour soins »).', [
                { field: 'libelle', message: 'Libellé obligatoire pour un document « Autre ».' },
              ]);
            libelle = fields.libelle;
            medicale = autreEstMedicale(fields.medicale);
          } else if (fields.code === PIECE_REQUALIFICATION) {
            const demandes = await deps.sinistres.requalifications(tx, ctx.collectiviteId, sinistreId);
            const demande = demandes.find((d) => d.id === fields.requalificationId);
            if (!demande)
              throw Invalid('Choisissez la demande de requalification à laquelle joindre cette pièce.', [
                { field: 'requalificationId', message: 'Demande introuvable.' },
              ]);
            libelle = fields.libelle || 'Pièce de la demande de requalification';
            medicale = true;
            requalificationId = demande.id;
          } else {
            const { list } = await exigences(tx, s, arrets);
            const candidates = list.filter((e) => e.modele.code === fields.code);
            if (candidates.length === 0)
              throw Invalid('Ce type de pièce n’est pas demandé pour ce sinistre.', [
                { field: 'code', message: 'Choisissez une pièce de la liste, ou « Autre ».' },
              ]);
            const exigence = candidates.find((e) => e.arretId === (fields.arretId ?? null));
            if (!exigence)
              throw Invalid(
                candidates[0]!.arretId
                  ? 'Indiquez l’arrêt auquel se rapporte cette pièce.'
                  : 'Cette pièce concerne le sinistre, pas un arrêt.',
                [{ field: 'arretId', message: 'Arrêt incorrect pour cette pièce.' }],
              );
            if (
              exigeConfirmationVolets(exigence.modele.code, s.categorie as TRisque) &&
              fields.voletsConfirmes !== 'oui'
            )
              throw Invalid(
                'Confirmez que vous déposez uniquement les volets 2 et 3 de l’arrêt de travail : le volet 1, qui porte le motif médical, est confidentiel et ne doit jamais être transmis.',
                [{ field: 'voletsConfirmes', message: 'Confirmation des volets 2 et 3 obligatoire.' }],
              );
            libelle = exigence.modele.libelle;
            medicale = exigence.modele.medicale;
            arretId = exigence.arretId;
          }
          const row = await repo.insert(tx, {
            collectiviteId: ctx.collectiviteId,
            sinistreId,
            arretId,
            requalificationId,
            code: fields.code,
            libelle,
            statut: 'deposee',
            medicale,
            nom: file.name,
            mime: file.mime,
            storageKey: file.key,
            sha256: file.sha256,
            taille: file.size,
            deposePar: ctx.user.id,
            createdAt: clock.now(),
          });
          await repo.recomputeManquantes(tx, { sinistreId });
          await audit.record(tx, actorOf(ctx, ip), {
            entity: 'piece',
            entityId: row.id,
            action: 'depot',
            changes: {
              sinistre: numeroSinistre(s),
              libelle,
              nom: medicale ? 'Pièce médicale' : file.name,
              sha256: file.sha256,
            },
          });
          return presentPiece(row, ctx);
        });
      } catch (e) {
        await deps.storage.remove(file.key);
        throw e;
      }
    },

    async download(ctx: TenantContext, sinistreId: string, pieceId: string) {
      await loadSinistre(db, ctx, sinistreId);
      const p = await repo.find(db, ctx.collectiviteId, sinistreId, pieceId);
      if (!p) throw NotFound('Pièce introuvable.');
      if (p.medicale && !peutLireMedical(ctx))
        throw Forbidden('Les pièces médicales ne sont consultables que par les publicateurs et administrateurs.');
      return { nom: p.nom, contentType: p.mime, stream: deps.storage.get(p.storageKey) };
    },

    /** A piece may be withdrawn while nobody has checked it yet. */
    async remove(ctx: TenantContext, sinistreId: string, pieceId: string, ip: string) {
      const key = await db.transaction(async (tx) => {
        const s = await loadSinistre(tx, ctx, sinistreId, true);
        const p = await repo.find(tx, ctx.collectiviteId, sinistreId, pieceId);
        if (!p) throw NotFound('Pièce introuvable.');
        if (p.statut !== 'deposee')
          throw Conflict(
            'piece_examinee',
            'Cette pièce a déjà été examinée par le gestionnaire : elle ne peut plus être retirée.',
          );
        await repo.remove(tx, p.id);
        await repo.recomputeManquantes(tx, { sinistreId });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'piece',
          entityId: p.id,
          action: 'suppression',
          changes: { sinistre: numeroSinistre(s), libelle: p.libelle },
        });
        return p.storageKey;
      });
      await deps.storage.remove(key);
    },

    async documentsManquants(
      ctx: TenantContext,
      query: z.infer<typeof ZDocumentsManquantsQuery>,
    ): Promise<{ items: TDocumentManquant[]; total: number; page: number; pageSize: number }> {
      const { column, direction } = parseSort(query.sort ?? '-dateSurvenance', 'dateSurvenance');
      const { rows, total } = await repo.documentsManquants(
        db,
        ctx.collectiviteId,
        { search: query.q, categorie: query.categorie, statut: query.statut },
        {
          sort: column as 'dateSurvenance' | 'agent',
          direction,
          limit: query.pageSize,
          offset: pageOffset(query.page, query.pageSize),
        },
      );
      return {
        items: rows.map((r) => ({
          sinistreId: r.sinistreId,
          sinistreNumero: numeroSinistre(r),
          categorie: r.categorie as TRisque,
          statutSinistre: r.statut as TSinistreStatut,
          dateSurvenance: r.dateSurvenance,
          agentId: r.agentId,
          agentNom: r.agentNom,
          agentPrenom: r.agentPrenom,
          code: r.code,
          libelle: r.libelle,
          arretId: r.arretId,
          periode: r.arretDebut && r.arretFin ? periode({ debut: r.arretDebut, fin: r.arretFin }) : null,
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async catalogue(categorie?: string) {
      return (await repo.catalogue(db, categorie)).map(presentModele);
    },

    async createModele(ctx: AuthContext, input: z.output<typeof ZPieceModeleInput>, ip: string) {
      return db.transaction(async (tx) => {
        const existing = await repo.catalogue(tx, input.categorie);
        let code = codeFrom(input.libelle);
        for (let i = 2; existing.some((m) => m.code === code); i++) code = `${codeFrom(input.libelle)}_${i}`;
        const row = await repo.insertModele(tx, {
          categorie: input.categorie,
          regime: input.regime ?? null,
          code,
          libelle: input.libelle,
          etape: input.etape,
          obligatoire: input.obligatoire,
          medicale: input.medicale,
          aide: input.aide,
          actif: input.actif,
          ordre: await repo.nextOrdre(tx, input.categorie),
          updatedAt: clock.now(),
        });
        await enqueueJob(tx, RECALCUL_PIECES_JOB, { categorie: input.categorie }, clock.now());
        await audit.record(
          tx,
          { ...actorOf(ctx, ip), collectiviteId: null },
          { entity: 'piece_modele', entityId: row.id, action: 'creation', changes: { ...input, code } },
        );
        return presentModele(row);
      });
    },

    async updateModele(ctx: AuthContext, id: string, input: z.output<typeof ZPieceModeleUpdate>, ip: string) {
      return db.transaction(async (tx) => {
        const before = await repo.findModele(tx, id);
        if (!before) throw NotFound('Type de pièce introuvable.');
        if (before.code === PIECE_AUTRE && (input.obligatoire || !input.actif))
          throw new AppError(422, 'autre_obligatoire', 'Le type « Autre » reste facultatif et toujours proposé.', [
            { field: 'obligatoire', message: '« Autre » est toujours facultatif.' },
          ]);
        const row = await repo.updateModele(tx, id, { ...input, updatedAt: clock.now() });
        const changes = diff(before, input);
        await enqueueJob(tx, RECALCUL_PIECES_JOB, { categorie: before.categorie }, clock.now());
        await audit.record(
          tx,
          { ...actorOf(ctx, ip), collectiviteId: null },
          { entity: 'piece_modele', entityId: id, action: 'modification', changes },
        );
        return presentModele(row);
      });
    },
  };
}
export type PiecesService = ReturnType<typeof createPiecesService>;

export const RECALCUL_PIECES_JOB = 'sinistres.recalcul_pieces';

/**
 * After the catalogue of a category changes, every sinistre of that category is recounted: at
 * national scale that is millions of rows, work for the queue rather than for the request.
 */
export function createRecalculPiecesJob(deps: { db: Db; repo: PiecesRepository }) {
  return async (payload: Record<string, unknown>) => {
    await deps.repo.recomputeManquantes(deps.db, { categorie: String(payload.categorie) });
  };
}
