import {
  afficherIban,
  FRAIS_FACTURE_MAX_BYTES,
  formatDate,
  formatEuros,
  fraisMedicalSaisie,
  fraisNatureLabels,
  numeroSinistre,
  ouvreFraisMedicaux,
  type TFraisAValiderPage,
  type TFraisBeneficiaire,
  type TFraisMedical,
  type TFraisMedicalDecision,
  type TFraisMedicauxPage,
  type TFraisNature,
  type TFraisStatut,
  type TRisque,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf, type TenantContext } from '../../http/context.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../http/errors.js';
import { type IncomingFile, storeUpload } from '../../http/upload.js';
import type { Audit } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { queueMail } from '../../lib/mail/mailer.js';
import { templates } from '../../lib/mail/templates.js';
import { acrossCollectivites, type Scope, signature } from '../../lib/scope.js';
import type { Storage } from '../../lib/storage/storage.js';
import type { SinistresRepository } from '../sinistres/sinistres.repository.js';
import { fraisMedicauxPolicy } from './frais-medicaux.policy.js';
import type { FraisMedicalRow, FraisMedicauxRepository } from './frais-medicaux.repository.js';

/** A page of fees, as every list: 20 rows. */
export const FRAIS_PAGE = 20;
/** What a reader without access to medical data reads instead of a practitioner's name. */
const MASQUE = 'Non affiché (donnée médicale)';

function presentFrais(f: FraisMedicalRow, scope: Scope): TFraisMedical {
  const medical = fraisMedicauxPolicy.litMedical(scope);
  const praticien = f.beneficiaire === 'praticien';
  return {
    id: f.id,
    sinistreId: f.sinistreId,
    dateSoins: f.dateSoins,
    nature: f.nature as TFraisNature,
    prestataire: medical ? f.prestataire : MASQUE,
    montantFacture: f.montantFacture,
    montantPrisEnCharge: f.montantPrisEnCharge,
    montantRetenu: f.montantRetenu,
    beneficiaire: f.beneficiaire as TFraisBeneficiaire,
    beneficiaireNom: praticien ? (medical ? f.beneficiaireNom : MASQUE) : null,
    beneficiaireIban: praticien && medical && f.beneficiaireIban ? afficherIban(f.beneficiaireIban) : null,
    statut: f.statut as TFraisStatut,
    motifRefus: f.motifRefus,
    facture: { nom: medical ? f.factureNom : 'Facture', taille: f.factureTaille, telechargeable: medical },
    saisiPar: f.saisiParLibelle,
    saisiLe: f.createdAt.toISOString(),
    decidePar: f.decideParLibelle,
    decideLe: f.decideLe?.toISOString() ?? null,
    regle: f.decompteId !== null,
  };
}

/** « Kinésithérapie du 10/03/2026 (1 234,56 €) »: how a mail and a conflict name a fee. */
const designation = (f: FraisMedicalRow) =>
  `« ${fraisNatureLabels[f.nature as TFraisNature]} du ${formatDate(f.dateSoins)} » (${formatEuros(f.montantFacture)})`;

function refuseHorsCitis(categorie: string) {
  if (!ouvreFraisMedicaux(categorie as TRisque))
    throw Conflict(
      'frais_hors_citis',
      'Les frais médicaux ne se saisissent que pour un accident de service, un accident de trajet ou une maladie professionnelle.',
    );
}

/** The medical fees of CITIS files: entered with their invoice by the employer, decided by a gestionnaire. */
export function createFraisMedicauxService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  storage: Storage;
  repo: FraisMedicauxRepository;
  sinistres: SinistresRepository;
  /** The collectivité's Publicateurs and Administrateurs, who receive the decisions. */
  destinataires: (tx: Db, collectiviteId: string) => Promise<{ email: string; prenom: string }[]>;
  appUrl: string;
  /** A fee waiting for its decision puts the file in the handlers' work queue, a decision takes it out. */
  sinistreChanged: (tx: Db, sinistreId: string) => Promise<void>;
}) {
  const { db, clock, audit, repo } = deps;

  async function loadSinistre(executor: Db, scope: Scope, id: string, lock = false) {
    const s = await deps.sinistres.find(executor, scope, id, lock);
    if (!s) throw NotFound('Sinistre introuvable.');
    return s;
  }

  async function page(scope: Scope, sinistreId: string, apres: string | undefined): Promise<TFraisMedicauxPage> {
    await loadSinistre(db, scope, sinistreId);
    const [dateSoins, id] = apres ? (apres.split('_') as [string, string]) : [];
    const { rows, totaux } = await repo.page(
      db,
      scope,
      sinistreId,
      dateSoins && id ? { dateSoins, id } : null,
      FRAIS_PAGE,
    );
    const items = rows.slice(0, FRAIS_PAGE);
    const last = items[items.length - 1];
    return {
      items: items.map((f) => presentFrais(f, scope)),
      totaux,
      suivant: rows.length > FRAIS_PAGE && last ? `${last.dateSoins}_${last.id}` : null,
    };
  }

  async function download(scope: Scope, sinistreId: string, fraisId: string) {
    await loadSinistre(db, scope, sinistreId);
    const f = await repo.find(db, scope, sinistreId, fraisId);
    if (!f) throw NotFound('Facture introuvable.');
    if (!fraisMedicauxPolicy.litMedical(scope))
      throw Forbidden('Les factures de soins ne sont consultables que par les publicateurs et administrateurs.');
    return { nom: f.factureNom, contentType: f.factureMime, stream: deps.storage.get(f.factureStorageKey) };
  }

  return {
    /**
     * 404 for a sinistre outside the scope, 409 for one that is not CITIS: the route asks before it
     * reads the form's body. The transaction checks again (a requalification may come in between).
     */
    async checkSinistre(ctx: TenantContext, sinistreId: string) {
      refuseHorsCitis((await loadSinistre(db, ctx.scope, sinistreId)).categorie);
    },

    /**
     * Stores the invoice first (its content decides, as for a piece), then records the fee in one
     * transaction with its audit, or removes the file.
     */
    async saisir(ctx: TenantContext, sinistreId: string, incoming: IncomingFile, ip: string): Promise<TFraisMedical> {
      const file = await storeUpload(incoming, deps.storage, {
        kind: 'pdf-image',
        maxBytes: FRAIS_FACTURE_MAX_BYTES,
        prefix: 'frais-medicaux',
      });
      try {
        return await db.transaction(async (tx) => {
          const s = await loadSinistre(tx, ctx.scope, sinistreId, true);
          refuseHorsCitis(s.categorie);
          const now = clock.now();
          const parsed = fraisMedicalSaisie({
            aujourdhui: parisDate(now),
            dateSurvenance: s.dateSurvenance,
          }).safeParse(file.fields);
          if (!parsed.success) {
            const errors = parsed.error.issues.map((i) => ({
              field: String(i.path[0] ?? 'fichier'),
              message: i.message,
            }));
            throw Invalid(errors[0]!.message, errors);
          }
          const v = parsed.data;
          const row = await repo.insert(tx, {
            collectiviteId: s.collectiviteId,
            sinistreId,
            ...v,
            statut: 'saisie',
            factureNom: file.name,
            factureMime: file.mime,
            factureStorageKey: file.key,
            factureSha256: file.sha256,
            factureTaille: file.size,
            saisiPar: ctx.user.id,
            saisiParLibelle: signature(ctx.scope, ctx.user),
            createdAt: now,
          });
          // The practitioner and the file's name may tell the care: the journal keeps amounts and dates.
          await audit.record(tx, actorOf(ctx, ip), {
            entity: 'frais_medical',
            entityId: row.id,
            action: 'saisie',
            changes: {
              sinistre: numeroSinistre(s),
              dateSoins: v.dateSoins,
              nature: v.nature,
              montantFacture: v.montantFacture,
              montantPrisEnCharge: v.montantPrisEnCharge,
              montantRetenu: v.montantRetenu,
              beneficiaire: v.beneficiaire,
              sha256: file.sha256,
            },
          });
          await deps.sinistreChanged(tx, sinistreId);
          return presentFrais(row, ctx.scope);
        });
      } catch (e) {
        await deps.storage.remove(file.key);
        throw e;
      }
    },

    /** The sinistre's fees for the employer (and staff reading in the collectivité). */
    list: (ctx: TenantContext, sinistreId: string, apres?: string) => page(ctx.scope, sinistreId, apres),
    download: (ctx: TenantContext, sinistreId: string, fraisId: string) => download(ctx.scope, sinistreId, fraisId),

    /** The same, from the back office: any collectivité of the organisation. */
    listGestion: (ctx: AuthContext, sinistreId: string, apres?: string) =>
      page(acrossCollectivites(ctx.scope), sinistreId, apres),
    downloadGestion: (ctx: AuthContext, sinistreId: string, fraisId: string) =>
      download(acrossCollectivites(ctx.scope), sinistreId, fraisId),

    /** Every fee waiting for a decision in the organisation's collectivités, oldest first. */
    async aValider(ctx: AuthContext, apres?: string): Promise<TFraisAValiderPage> {
      const scope = acrossCollectivites(ctx.scope);
      const cut = apres ? apres.lastIndexOf('_') : -1;
      const rows = await repo.aValider(
        db,
        scope,
        cut > 0 ? { createdAt: new Date(apres!.slice(0, cut)), id: apres!.slice(cut + 1) } : null,
        FRAIS_PAGE,
      );
      const items = rows.slice(0, FRAIS_PAGE);
      const last = items[items.length - 1];
      return {
        items: items.map((r) => ({
          ...presentFrais(r.frais, scope),
          collectiviteNom: r.collectiviteNom,
          sinistreNumero: numeroSinistre({ numero: r.sinistreNumero, dateSurvenance: r.dateSurvenance }),
          agentNom: r.agentNom,
          agentPrenom: r.agentPrenom,
        })),
        suivant: rows.length > FRAIS_PAGE && last ? `${last.frais.createdAt.toISOString()}_${last.frais.id}` : null,
      };
    },

    /**
     * Validates or refuses a fee waiting for a decision, in one transaction with its audit and the
     * mail to the collectivité (outbox, sent after commit). A decided fee stays decided: 409.
     */
    async decider(ctx: AuthContext, sinistreId: string, fraisId: string, input: TFraisMedicalDecision, ip: string) {
      return db.transaction(async (tx) => {
        const scope = acrossCollectivites(ctx.scope);
        const s = await loadSinistre(tx, scope, sinistreId, true);
        const f = await repo.find(tx, scope, sinistreId, fraisId, true);
        if (!f) throw NotFound('Facture introuvable.');
        if (f.statut !== 'saisie')
          throw Conflict(
            'frais_deja_decide',
            `La facture ${designation(f)} a déjà été ${f.statut === 'validee' ? 'validée' : 'refusée'}${f.decideParLibelle ? ` par ${f.decideParLibelle}` : ''}.`,
          );
        const auteur = signature(ctx.scope, ctx.user);
        const now = clock.now();
        const statut = input.action === 'valider' ? 'validee' : 'refusee';
        const motif = input.action === 'refuser' ? input.motif : null;
        const row = await repo.decider(tx, f.id, {
          statut,
          motifRefus: motif,
          decidePar: ctx.user.id,
          decideParLibelle: auteur,
          decideLe: now,
        });
        const numero = numeroSinistre(s);
        await audit.record(
          tx,
          { ...actorOf(ctx, ip), collectiviteId: s.collectiviteId },
          {
            entity: 'frais_medical',
            entityId: f.id,
            action: input.action === 'valider' ? 'validation_frais' : 'refus',
            changes: {
              sinistre: numero,
              statut: [f.statut, statut],
              montantRetenu: f.montantRetenu,
              ...(motif ? { motif } : {}),
            },
          },
        );
        await deps.sinistreChanged(tx, s.id);
        const url = `${deps.appUrl}/declarations/sinistres/${s.id}#frais-medicaux`;
        for (const d of await deps.destinataires(tx, s.collectiviteId))
          await queueMail(
            tx,
            now,
            d.email,
            templates.decisionFraisMedical({
              prenom: d.prenom,
              sinistre: numero,
              agent: `${s.agentPrenom} ${s.agentNom}`,
              facture: designation(f),
              decision: statut,
              motif,
              auteur,
              url,
            }),
          );
        return presentFrais(row, scope);
      });
    },
  };
}
export type FraisMedicauxService = ReturnType<typeof createFraisMedicauxService>;
