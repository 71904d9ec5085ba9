import {
  autreEstMedicale,
  type Exigence,
  exigeConfirmationVolets,
  exigencesPieces,
  LIBELLE_MEDICAL_MASQUE,
  libellesManquants,
  numeroSinistre,
  PIECE_AUTRE,
  PIECE_MAX_BYTES,
  PIECE_REQUALIFICATION,
  type PieceDeposee,
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
  ZPieceUploadFields,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf, type TenantContext } from '../../http/context.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../http/errors.js';
import { type IncomingFile, storeUpload } from '../../http/upload.js';
import type { Audit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import type { Scope } from '../../lib/scope.js';
import type { Storage } from '../../lib/storage/storage.js';
import type { ArretRow, ArretsRepository } from '../arrets/arrets.repository.js';
import type { SinistreChanged } from '../sinistres/sinistre-changed.js';
import type { SinistreRow, SinistresRepository } from '../sinistres/sinistres.repository.js';
import { piecesPolicy } from './pieces.policy.js';
import type { PieceModeleRow, PieceRow, PiecesRepository } from './pieces.repository.js';

const periode = periodeArret;

export const toRegle = (m: PieceModeleRow): PieceModeleRegle => ({
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

export const presentModele = (m: PieceModeleRow): TPieceModele => ({
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
  const lisible = !p.medicale || piecesPolicy.litMedical(ctx.scope);
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

/** Supporting documents: what each sinistre needs, uploads, downloads, the missing-pieces list. */
export function createPiecesService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  storage: Storage;
  repo: PiecesRepository;
  sinistres: SinistresRepository;
  arrets: ArretsRepository;
  changed: SinistreChanged;
}) {
  const { db, clock, audit, repo } = deps;

  /**
   * The sinistre's required pieces now, with what was deposited for each: the regime is the one of
   * the sinistre's contract, as in the stored count (`sinistreChanged`).
   */
  async function exigences(executor: Db, scope: Scope, s: SinistreRow, arrets: readonly ArretRow[]) {
    const [catalogue, pieces] = await Promise.all([
      repo.catalogue(executor, s.categorie),
      repo.pieces(executor, scope, s.id),
    ]);
    const regles = catalogue.map(toRegle);
    const regime = s.contratRegime;
    const list = exigencesPieces(
      regles,
      { categorie: s.categorie as TRisque, regime, arrets },
      pieces.map((p) => ({ code: p.code, arretId: p.arretId, statut: p.statut as PieceDeposee['statut'] })),
    );
    return { list, pieces, manquantes: libellesManquants(list), catalogue: regles, regime };
  }

  async function loadSinistre(executor: Db, ctx: TenantContext, sinistreId: string, lock = false) {
    const s = await deps.sinistres.find(executor, ctx.scope, sinistreId, lock);
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

    async list(ctx: TenantContext, sinistreId: string) {
      const s = await loadSinistre(db, ctx, sinistreId);
      const arrets = await deps.arrets.arrets(db, ctx.scope, sinistreId);
      const { list, pieces, manquantes } = await exigences(db, ctx.scope, s, arrets);
      const required = new Set(list.map((e) => `${e.modele.code}/${e.arretId}`));
      return {
        exigences: list.map((e) => presentExigence(e, s, arrets, pieces, ctx)),
        autres: pieces.filter((p) => !required.has(`${p.code}/${p.arretId}`)).map((p) => presentPiece(p, ctx)),
        manquantes,
      };
    },

    /** 404 for a sinistre outside the scope: the route asks before it reads the form's body. */
    async checkSinistre(ctx: TenantContext, sinistreId: string) {
      await loadSinistre(db, ctx, sinistreId);
    },

    /**
     * Stores the received file first (its content decides), then records it in one transaction, or
     * removes it.
     */
    async upload(ctx: TenantContext, sinistreId: string, incoming: IncomingFile, ip: string): Promise<TPiece> {
      const file = await storeUpload(incoming, deps.storage, {
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
          const arrets = await deps.arrets.arrets(tx, ctx.scope, sinistreId);
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
            const demandes = await deps.sinistres.requalifications(tx, ctx.scope, sinistreId);
            const demande = demandes.find((d) => d.id === fields.requalificationId);
            if (!demande)
              throw Invalid('Choisissez la demande de requalification à laquelle joindre cette pièce.', [
                { field: 'requalificationId', message: 'Demande introuvable.' },
              ]);
            libelle = fields.libelle || 'Pièce de la demande de requalification';
            medicale = true;
            requalificationId = demande.id;
          } else {
            const { list } = await exigences(tx, ctx.scope, s, arrets);
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
            collectiviteId: s.collectiviteId,
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
          if (fields.code !== PIECE_AUTRE && !requalificationId)
            await repo.replaceRefused(tx, { sinistreId, code: fields.code, arretId, exceptId: row.id });
          await deps.changed.sinistreChanged(tx, sinistreId);
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
      const p = await repo.find(db, ctx.scope, sinistreId, pieceId);
      if (!p) throw NotFound('Pièce introuvable.');
      if (p.medicale && !piecesPolicy.litMedical(ctx.scope))
        throw Forbidden('Les pièces médicales ne sont consultables que par les publicateurs et administrateurs.');
      return { nom: p.nom, contentType: p.mime, stream: deps.storage.get(p.storageKey) };
    },

    /** A piece may be withdrawn while nobody has checked it yet. */
    async remove(ctx: TenantContext, sinistreId: string, pieceId: string, ip: string) {
      const key = await db.transaction(async (tx) => {
        const s = await loadSinistre(tx, ctx, sinistreId, true);
        const p = await repo.find(tx, ctx.scope, sinistreId, pieceId);
        if (!p) throw NotFound('Pièce introuvable.');
        if (p.statut !== 'deposee')
          throw Conflict(
            'piece_examinee',
            'Cette pièce a déjà été examinée par le gestionnaire : elle ne peut plus être retirée.',
          );
        await repo.remove(tx, ctx.scope, p.id);
        await deps.changed.sinistreChanged(tx, sinistreId);
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
        ctx.scope,
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
  };
}
export type PiecesService = ReturnType<typeof createPiecesService>;
