import {
  echeancesARelancer,
  formatDate,
  formatEuros,
  type LigneReleve,
  type Rapprochement,
  RELANCE_ECHEANCE_JOURS,
  rapprochementApplique,
  rapprocher,
  situationEcheances,
  type TEncaissementMode,
  type TEncaissementSource,
  type TEncaissementsAppel,
  type TReleveImport,
  type TReleveImportDetail,
  type TReleveImportStatut,
  type TReleveImportsPage,
  type ZEncaissementInput,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Conflict, Forbidden, Invalid, NotFound, sqlState } from '../../http/errors.js';
import { bufferTextUpload, type IncomingFile, sanitizeFileName } from '../../http/upload.js';
import type { Actor, Audit } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { queueMail } from '../../lib/mail/mailer.js';
import { templates } from '../../lib/mail/templates.js';
import { lireReleve, RELEVE_TAILLE_MAX } from '../../lib/releves/index.js';
import { acrossCollectivites, type Scope } from '../../lib/scope.js';
import type { CotisationsRepository } from './cotisations.repository.js';
import { cursorOf } from './cotisations.repository.js';
import type { CotisationsService } from './cotisations.service.js';
import type {
  AppelOuvertRow,
  EncaissementRow,
  EncaissementsRepository,
  ReleveImportRow,
  ReleveLigneRow,
} from './encaissements.repository.js';

const appelIntrouvable = () => NotFound('Appel de cotisation introuvable.');
const importIntrouvable = () => NotFound('Import de relevé introuvable.');

/** The organisation whose account a statement is: a gestionnaire's (the platform has none). */
function organisationOf(ctx: AuthContext): string {
  if (ctx.scope.kind !== 'staff')
    throw Forbidden('Seuls les gestionnaires d’un centre de gestion ou d’un assureur enregistrent les paiements.');
  return ctx.scope.organisation.id;
}

const presentEncaissement = (e: EncaissementRow) => ({
  id: e.id,
  montant: e.montant,
  date: e.date,
  reference: e.reference,
  mode: e.mode as TEncaissementMode,
  source: e.source as TEncaissementSource,
  releveImportId: e.releveImportId,
  creeLe: e.createdAt.toISOString(),
});

function presentImport(r: ReleveImportRow): TReleveImport {
  const c = r.compteurs;
  return {
    id: r.id,
    nomFichier: r.nomFichier,
    format: r.format as 'csv' | 'camt053',
    statut: r.statut as TReleveImportStatut,
    compteurs: {
      rapproche: c.rapproche ?? 0,
      partiel: c.partiel ?? 0,
      trop_percu: c.trop_percu ?? 0,
      inconnu: c.inconnu ?? 0,
      doublon: c.doublon ?? 0,
      debits: c.debits ?? 0,
    },
    montantAffecte: r.montantAffecte,
    creeLe: r.createdAt.toISOString(),
    appliqueLe: r.appliqueLe?.toISOString() ?? null,
  };
}

const presentLigne = (l: ReleveLigneRow) => ({
  ligne: l.ligne,
  date: l.date,
  montant: l.montant,
  libelle: l.libelle,
  emetteur: l.emetteur,
  statut: l.statut as Rapprochement['statut'],
  appels: l.appels,
  affecte: l.affecte,
  excedent: l.excedent,
  resteDu: l.resteDu,
  applique: l.applique,
});

/** The matcher's view of the open calls: each échéance's id is its rang. */
const pourRapprochement = (appels: AppelOuvertRow[]) =>
  appels.map((a) => ({
    id: a.id,
    reference: a.numero,
    echeances: situationEcheances(a.echeances, a.encaisse)
      .filter((e) => e.du > 0)
      .map((e) => ({ id: String(e.rang), restantDu: e.du })),
  }));

/**
 * Encaissements des appels de cotisation (issue 11): a payment entered by hand on a call, the import
 * of a bank statement (analysed into a review, then applied once, all or nothing), and the reminder
 * of an échéance unpaid 15 days after its due date. Each write is one transaction with its audit;
 * the call's amount received and status move through `enregistrerEncaissement`.
 */
export function createEncaissementsService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: EncaissementsRepository;
  appels: CotisationsRepository;
  cotisations: Pick<CotisationsService, 'enregistrerEncaissement'>;
}) {
  const { db, clock, audit, repo, appels, cotisations } = deps;

  async function situation(tx: Db, scope: Scope, appelId: string): Promise<TEncaissementsAppel> {
    const row = await appels.appel(tx, scope, appelId);
    if (!row) throw appelIntrouvable();
    const [echeances, encaissements] = await Promise.all([
      appels.echeances(tx, appelId),
      repo.encaissements(tx, appelId),
    ]);
    return {
      appelId,
      numero: row.a.numero,
      total: row.a.total,
      encaisse: row.a.encaisse,
      echeances: situationEcheances(echeances, row.a.encaisse),
      encaissements: encaissements.map(presentEncaissement),
    };
  }

  /** Records one payment on a call: the call's amount and status, the payment row, the audit. */
  async function encaisser(
    tx: Db,
    actor: Actor,
    scope: Scope,
    appelId: string,
    e: {
      montant: number;
      date: string;
      reference: string;
      mode: TEncaissementMode;
      source: TEncaissementSource;
      releveImportId?: string;
      releveLigne?: number;
    },
  ) {
    await cotisations.enregistrerEncaissement(tx, actor, scope, appelId, e.montant);
    const row = await repo.insertEncaissement(tx, { ...e, appelId, creePar: actor.userId, createdAt: clock.now() });
    return row;
  }

  /** Matches `lignes` against the scope's open calls and the organisation's applied lines. */
  async function analyser(tx: Db, scope: Scope, organisationId: string, lignes: LigneReleve[], lock: boolean) {
    const ouverts = await repo.appelsOuverts(tx, scope, lock);
    const numeros = new Map(ouverts.map((a) => [a.id, a.numero]));
    const premier = rapprocher(lignes, pourRapprochement(ouverts));
    const deja = await repo.dejaImportees(
      tx,
      organisationId,
      premier.lignes.map((l) => l.empreinte),
    );
    const resultat = deja.size ? rapprocher(lignes, pourRapprochement(ouverts), deja) : premier;
    const parLigne = new Map(lignes.map((l) => [l.ligne, l]));
    const compteurs: Record<string, number> = { debits: resultat.debits.length };
    let montantAffecte = 0;
    const rows = resultat.lignes.map((r) => {
      const source = parLigne.get(r.ligne)!;
      compteurs[r.statut] = (compteurs[r.statut] ?? 0) + 1;
      const affecte = r.affectations.reduce((s, a) => s + a.montant, 0);
      if (rapprochementApplique(r.statut)) montantAffecte += affecte;
      return {
        r,
        values: {
          ligne: r.ligne,
          organisationId,
          empreinte: r.empreinte,
          statut: r.statut,
          date: source.date,
          montant: source.montant,
          libelle: source.libelle,
          emetteur: source.emetteur,
          appels: r.appels.map((id) => numeros.get(id)!),
          affecte,
          excedent: r.excedent,
          resteDu: r.resteDu,
          source,
        },
      };
    });
    return { rows, compteurs, montantAffecte };
  }

  async function detailImport(tx: Db, organisationId: string, id: string): Promise<TReleveImportDetail> {
    const row = await repo.releveImport(tx, organisationId, id);
    if (!row) throw importIntrouvable();
    return { ...presentImport(row), lignes: (await repo.lignes(tx, id)).map(presentLigne) };
  }

  return {
    /** A call's payments and échéances (paid, due): the gestionnaire's and the employer's view. */
    situation: (scope: Scope, appelId: string) => situation(db, scope, appelId),

    /** A payment entered by hand; refused beyond what the call still owes. */
    async saisir(
      ctx: AuthContext,
      appelId: string,
      input: z.output<typeof ZEncaissementInput>,
      ip: string,
    ): Promise<TEncaissementsAppel> {
      organisationOf(ctx);
      const scope = acrossCollectivites(ctx.scope);
      return db.transaction(async (tx) => {
        const row = await appels.appel(tx, scope, appelId, true);
        if (!row) throw appelIntrouvable();
        const reste = row.a.total - row.a.encaisse;
        if (row.a.total > 0 && ['emis', 'paye_partiellement'].includes(row.a.statut) && input.montant > reste)
          throw Invalid(`Le montant dépasse ce qui reste dû sur l’appel ${row.a.numero} (${formatEuros(reste)}).`, [
            { field: 'montant', message: `${formatEuros(reste)} au plus.` },
          ]);
        const actor = actorOf(ctx, ip);
        const e = await encaisser(tx, actor, scope, appelId, { ...input, source: 'saisie' });
        await audit.record(tx, actor, {
          entity: 'encaissement_cotisation',
          entityId: e.id,
          action: 'creation',
          changes: {
            appel: row.a.numero,
            montant: e.montant,
            date: e.date,
            reference: e.reference,
            mode: e.mode,
          },
          collectiviteId: row.a.collectiviteId,
        });
        return situation(tx, scope, appelId);
      });
    },

    /**
     * A bank statement deposited: read (every faulty line listed, nothing kept), matched against the
     * open calls, and kept with its lines as a review « à valider ». Nothing is recorded on the calls yet.
     */
    async deposer(ctx: AuthContext, file: IncomingFile, ip: string): Promise<TReleveImportDetail> {
      const organisationId = organisationOf(ctx);
      const scope = acrossCollectivites(ctx.scope);
      const contenu = await bufferTextUpload(file, RELEVE_TAILLE_MAX);
      const lecture = await lireReleve(contenu);
      if (!lecture.ok)
        throw Invalid(
          `Le relevé n’a pas pu être lu (${lecture.erreurs.length} erreur${lecture.erreurs.length > 1 ? 's' : ''}) : rien n’a été importé.`,
          lecture.erreurs.slice(0, 100).map((e) => ({
            field: 'fichier',
            message: `Ligne ${e.ligne}${e.colonne ? ` (${e.colonne})` : ''} : ${e.message}`,
          })),
          'releve_illisible',
        );
      const nomFichier = sanitizeFileName(file.filename, 'releve');
      return db.transaction(async (tx) => {
        const { rows, compteurs, montantAffecte } = await analyser(tx, scope, organisationId, lecture.lignes, false);
        const imp = await repo.insertImport(tx, {
          organisationId,
          nomFichier,
          format: lecture.format,
          statut: 'a_valider',
          compteurs,
          montantAffecte,
          creePar: ctx.user.id,
          createdAt: clock.now(),
        });
        await repo.insertLignes(
          tx,
          rows.map((r) => ({ ...r.values, importId: imp.id })),
        );
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'releve_import',
          entityId: imp.id,
          action: 'depot',
          changes: { nomFichier, format: lecture.format, compteurs },
          collectiviteId: null,
        });
        return detailImport(tx, organisationId, imp.id);
      });
    },

    /**
     * Applies a reviewed import: its lines matched again against the open calls as they are now
     * (locked), and the money of every matched and partial line recorded, all in one transaction.
     * Two applications of the same lines (the same import, or the same statement twice) cannot both
     * pass: the import is locked and an applied fingerprint is unique per organisation (409).
     */
    async appliquer(ctx: AuthContext, id: string, ip: string): Promise<TReleveImportDetail> {
      const organisationId = organisationOf(ctx);
      const scope = acrossCollectivites(ctx.scope);
      const actor = actorOf(ctx, ip);
      return db
        .transaction(async (tx) => {
          const imp = await repo.releveImport(tx, organisationId, id, true);
          if (!imp) throw importIntrouvable();
          if (imp.statut !== 'a_valider') throw Conflict('import_applique', 'Ce relevé a déjà été appliqué.');
          const sources = (await repo.lignes(tx, id)).map((l) => l.source);
          const { rows, compteurs, montantAffecte } = await analyser(tx, scope, organisationId, sources, true);
          const lignes = [];
          for (const { r, values } of rows) {
            const applique = rapprochementApplique(r.statut);
            if (applique) {
              const parAppel = new Map<string, number>();
              for (const a of r.affectations) parAppel.set(a.appelId, (parAppel.get(a.appelId) ?? 0) + a.montant);
              const source = values.source;
              for (const [appelId, montant] of parAppel)
                await encaisser(tx, actor, scope, appelId, {
                  montant,
                  date: source.date,
                  reference: (source.references[0] ?? source.libelle).slice(0, 140),
                  mode: 'virement',
                  source: 'releve',
                  releveImportId: id,
                  releveLigne: r.ligne,
                });
            }
            lignes.push({ ...values, importId: id, applique });
          }
          await repo.replaceLignes(tx, id, lignes);
          const at = clock.now();
          await repo.updateImport(tx, id, {
            statut: 'applique',
            compteurs,
            montantAffecte,
            appliquePar: ctx.user.id,
            appliqueLe: at,
          });
          await audit.record(tx, actor, {
            entity: 'releve_import',
            entityId: id,
            action: 'application',
            changes: { nomFichier: imp.nomFichier, compteurs, montantAffecte },
            collectiviteId: null,
          });
          return detailImport(tx, organisationId, id);
        })
        .catch((e) => {
          if (sqlState(e) === '23505')
            throw Conflict(
              'releve_deja_importe',
              'Des lignes de ce relevé viennent d’être enregistrées par un autre import : déposez-le à nouveau pour voir ce qui reste.',
            );
          throw e;
        });
    },

    async importDetail(ctx: AuthContext, id: string): Promise<TReleveImportDetail> {
      return detailImport(db, organisationOf(ctx), id);
    },

    async imports(ctx: AuthContext, apres: string | undefined): Promise<TReleveImportsPage> {
      const rows = await repo.imports(db, organisationOf(ctx), apres);
      const page = rows.slice(0, 20);
      return { items: page.map(presentImport), suivant: rows.length > 20 ? cursorOf(page.at(-1)!) : null };
    },
  };
}

export type EncaissementsService = ReturnType<typeof createEncaissementsService>;

export const RELANCE_ECHEANCE_JOB = 'cotisations.relance_echeance';

/**
 * Daily: each échéance of an issued call still unpaid 15 days after its due date gets one e-mail per
 * Administrateur of the collectivité — exactly once. The `relance_echeance` row is inserted in the
 * transaction that queues the e-mails, and they are queued only when this transaction inserted it: a
 * second runner, a retry or the next day sends nothing more. Without an Administrateur able to log
 * in, nothing is marked (reminded once one exists).
 */
export function createRelanceEcheanceJob(deps: {
  db: Db;
  clock: Clock;
  repo: EncaissementsRepository;
  administrateurs: (db: Db, collectiviteId: string) => Promise<{ email: string; prenom: string }[]>;
  appUrl: string;
}) {
  return async () => {
    const now = deps.clock.now();
    const today = parisDate(now);
    const limite = new Date(`${today}T00:00:00Z`);
    limite.setUTCDate(limite.getUTCDate() - RELANCE_ECHEANCE_JOURS);
    for (const a of await deps.repo.aRelancer(deps.db, limite.toISOString().slice(0, 10))) {
      await deps.db.transaction(async (tx) => {
        const echeances = (await deps.repo.echeancesDe(tx, [a.id])).get(a.id) ?? [];
        const deja = await deps.repo.relancees(tx, a.id);
        const dues = echeancesARelancer(echeances, a.encaisse, today).filter((e) => !deja.has(e.rang));
        if (dues.length === 0) return;
        const administrateurs = await deps.administrateurs(tx, a.collectiviteId);
        if (administrateurs.length === 0) return;
        for (const e of dues) {
          if (!(await deps.repo.marquerRelance(tx, a.id, e.rang, now, administrateurs.length))) continue;
          for (const adm of administrateurs)
            await queueMail(
              tx,
              now,
              adm.email,
              templates.relanceEcheance({
                prenom: adm.prenom,
                collectivite: a.collectiviteNom,
                numero: a.numero,
                dateEcheance: formatDate(e.dateEcheance),
                montant: formatEuros(e.montant),
                du: formatEuros(e.du),
                url: `${deps.appUrl}/espace-contractuel/cotisations/${a.id}`,
              }),
            );
        }
      });
    }
  };
}
