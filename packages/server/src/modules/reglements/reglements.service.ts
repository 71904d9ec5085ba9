import {
  afficherIban,
  approbationsRequises,
  approuver,
  formatDate,
  formatEuros,
  numeroSinistre,
  regularisationDecompte,
  type SegmentJournal,
  soldePayable,
  type TBeneficiaire,
  type TCoordonneesBancaires,
  type TCoordonneesBancairesOut,
  type TDecompteAction,
  type TDecompteNature,
  type TDecompteOut,
  type TDecompteStatut,
  type TLigneDecompte,
  type TMiseEnPaiementInput,
  type TParametresPaiementOut,
  type TReglementAction,
  type TReglementDetail,
  type TReglementOut,
  type TReglementRunInput,
  type TReglementRunOut,
  type TReglementStatut,
  type TReglementsPage,
  type TReglementsQuery,
  type TRisque,
  type TVirementOut,
  transitionDecompte,
  transitionReglement,
  type ZParametresPaiementInput,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Conflict, Forbidden, NotFound } from '../../http/errors.js';
import type { Actor, Audit } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { acrossCollectivites, type Organisation, organisationLabel, type Scope } from '../../lib/scope.js';
import { ADMINISTRATEURS, type Notifier } from '../notifications/notifications.repository.js';
import { avisReglementPdf } from './reglements.pdf.js';
import {
  cursorOf,
  type DecompteDetailRow,
  type DecompteRow,
  PAGE,
  type ReglementListRow,
  type ReglementsRepository,
} from './reglements.repository.js';
import { painXml } from './reglements.sepa.js';
import type { EntreesDecompte } from './reglements.table.js';

/** What the engine computed for a sinistre and a period, as `enregistrerDecompte` records it. */
export type DecompteAEnregistrer = {
  sinistreId: string;
  /**
   * The contract that pays it: the one in force when its arrêt chain started (the engine's ledger
   * says it, domain §6.1.11), not the file's current one. Absent (medical fees): the sinistre's.
   */
  contratId?: string;
  periode: { du: string; au: string };
  nature: TDecompteNature;
  beneficiaire: { type: 'collectivite' } | { type: 'praticien'; nom: string; iban: string; bic: string | null };
  /** Cents: what the period is worth by this computation (the engine's total). */
  montant: number;
  joursFranchise: number;
  joursCarence: number;
  /** Cents of IJSS deducted. */
  ijss: number;
  lignes: TLigneDecompte[];
  /** The engine's ledger runs of the period (`decompteDuMoteur` picks them from its result). */
  journal: SegmentJournal[];
  entrees: EntreesDecompte;
  /** The handler who ran the computation; null for a batch job. */
  calculePar: string | null;
};

const compteOut = (c: {
  iban: string | null;
  bic: string | null;
  titulaire: string | null;
}): TCoordonneesBancairesOut => ({
  iban: c.iban,
  ibanAffiche: c.iban ? afficherIban(c.iban) : null,
  bic: c.bic,
  titulaire: c.titulaire,
});

export function presentDecompte(row: DecompteDetailRow): TDecompteOut {
  const d = row.d;
  return {
    id: d.id,
    numero: d.numero,
    sinistre: {
      id: d.sinistreId,
      numero: numeroSinistre({ numero: row.sinistreNumero, dateSurvenance: row.dateSurvenance }),
      categorie: row.sinistreCategorie as TRisque,
    },
    agent: { id: row.agentId, nom: row.agentNom, prenom: row.agentPrenom },
    periode: { du: d.periodeDu, au: d.periodeAu },
    version: d.version,
    statut: d.statut as TDecompteStatut,
    nature: d.nature as TDecompteNature,
    beneficiaire: d.beneficiaire as TBeneficiaire,
    praticien: d.praticienNom,
    montant: d.montant,
    dejaRegle: d.dejaRegle,
    aRegler: d.aRegler,
    joursFranchise: d.joursFranchise,
    joursCarence: d.joursCarence,
    ijss: d.ijss,
    lignes: d.lignes,
    calculeLe: d.calculeLe.toISOString(),
    valideLe: d.valideLe?.toISOString() ?? null,
    reglementId: d.reglementId,
  };
}

export function presentReglement(row: ReglementListRow): TReglementOut {
  const r = row.r;
  return {
    id: r.id,
    numero: r.numero,
    collectivite: { id: r.collectiviteId, nom: row.collectiviteNom },
    periode: { du: r.periodeDu, au: r.periodeAu },
    statut: r.statut as TReglementStatut,
    beneficiaire: r.beneficiaire as TBeneficiaire,
    montant: r.montant,
    nombreDecomptes: row.nombreDecomptes,
    compte: compteOut(r),
    approbationsRequises: r.approbationsRequises,
    validePar: r.validePar,
    approuvePar: r.approuvePar,
    motifRejet: r.motifRejet,
    remplaceNumero: row.remplaceNumero,
    virementId: r.virementId,
    creeLe: r.createdAt.toISOString(),
    miseEnPaiementLe: r.miseEnPaiementLe?.toISOString() ?? null,
    payeLe: r.payeLe?.toISOString() ?? null,
  };
}

const reglementIntrouvable = () => NotFound('Règlement introuvable.');
const decompteIntrouvable = () => NotFound('Décompte introuvable.');

/** The staff member's organisation; a gestionnaire always has one (the policy lets no one else write). */
function organisationOf(ctx: AuthContext): Organisation {
  if (ctx.scope.kind !== 'staff')
    throw Forbidden('Seul un gestionnaire d’un centre de gestion ou d’un assureur règle.');
  return ctx.scope.organisation;
}
const payeur = (o: Organisation) => (o.kind === 'cdg' ? { cdgId: o.id } : { assureurId: o.id });

/**
 * Décomptes and règlements (issue 10): recording the engine's statements with their regularisation,
 * validating them, grouping them into payment runs, four-eyes approval, the SEPA file, payment and
 * rejection — each write one transaction with its audit event.
 */
export function createReglementsService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: ReglementsRepository;
  notifications: Notifier;
}) {
  const { db, clock, audit, repo } = deps;

  /**
   * Records a décompte computed by the engine, inside the caller's transaction. The version is the
   * next one for the same sinistre, nature and period; what validated earlier versions settled is
   * deducted (`a_regler` = the regularisation, negative when the period is now worth less). A pending
   * (« calculé ») earlier version is superseded: it is abandoned, never rewritten.
   */
  async function enregistrerDecompte(tx: Db, actor: Actor, input: DecompteAEnregistrer): Promise<DecompteRow> {
    const s = await repo.sinistrePourDecompte(tx, input.sinistreId);
    if (!s) throw NotFound('Sinistre introuvable.');
    const versions = await repo.versions(tx, {
      sinistreId: s.id,
      nature: input.nature,
      du: input.periode.du,
      au: input.periode.au,
    });
    const contratId = input.contratId ?? s.contratId;
    // Medical fees add up: each décompte pays fees no other one carries (`frais_medical.decompte_id`),
    // so one never replaces another of the same dates, and the version only keeps the key unique.
    // A period's versions under another contract (a chain of a former one) settle that contract's share.
    const additif = input.nature === 'frais_medicaux';
    const memeContrat = additif ? [] : versions.filter((v) => v.contratId === contratId);
    const validees = memeContrat.filter((v) => v.statut === 'valide');
    const dejaRegle = validees.reduce((sum, v) => sum + v.aRegler, 0);
    const derniere = versions.at(-1);
    for (const v of memeContrat.filter((v) => v.statut === 'calcule')) {
      await repo.updateDecompte(tx, v.id, { statut: 'abandonne' });
      await audit.record(tx, actor, {
        entity: 'decompte',
        entityId: v.id,
        action: 'abandon',
        changes: { numero: v.numero, remplacePar: derniere ? derniere.version + 1 : 1 },
        collectiviteId: s.collectiviteId,
      });
    }
    const at = clock.now();
    const praticien = input.beneficiaire.type === 'praticien' ? input.beneficiaire : null;
    const row = await repo.insertDecompte(tx, {
      annee: Number(parisDate(at).slice(0, 4)),
      collectiviteId: s.collectiviteId,
      sinistreId: s.id,
      contratId,
      periodeDu: input.periode.du,
      periodeAu: input.periode.au,
      version: (derniere?.version ?? 0) + 1,
      remplaceId: validees.at(-1)?.id ?? null,
      statut: 'calcule',
      nature: input.nature,
      beneficiaire: input.beneficiaire.type,
      praticienNom: praticien?.nom ?? null,
      praticienIban: praticien?.iban ?? null,
      praticienBic: praticien?.bic ?? null,
      montant: input.montant,
      dejaRegle,
      aRegler: regularisationDecompte(input.montant, dejaRegle),
      joursFranchise: input.joursFranchise,
      joursCarence: input.joursCarence,
      ijss: input.ijss,
      lignes: input.lignes,
      journal: input.journal,
      entrees: input.entrees,
      calculePar: input.calculePar,
      calculeLe: at,
    });
    await audit.record(tx, actor, {
      entity: 'decompte',
      entityId: row.id,
      action: 'calcul',
      changes: { numero: row.numero, version: row.version, montant: row.montant, aRegler: row.aRegler },
      collectiviteId: s.collectiviteId,
    });
    return row;
  }

  async function detail(scope: Scope, id: string, tx: Db = db): Promise<TReglementDetail> {
    const row = await repo.reglement(tx, scope, id);
    if (!row) throw reglementIntrouvable();
    const decomptes = await repo.decomptesDuReglement(tx, id);
    return { ...presentReglement(row), decomptes: decomptes.map(presentDecompte) };
  }

  /** One transition of one règlement of the staff's scope, locked, audited. */
  async function transition(
    ctx: AuthContext,
    id: string,
    ip: string,
    action: TReglementAction,
    work: (tx: Db, row: ReglementListRow, to: TReglementStatut, at: Date) => Promise<Record<string, unknown>>,
  ): Promise<TReglementDetail> {
    const scope = acrossCollectivites(ctx.scope);
    return db.transaction(async (tx) => {
      const row = await repo.reglement(tx, scope, id, true);
      if (!row) throw reglementIntrouvable();
      const t = transitionReglement(row.r.statut as TReglementStatut, action);
      if (!t.ok) throw Conflict('transition_impossible', t.message);
      const at = clock.now();
      const changes = await work(tx, row, t.to, at);
      await audit.record(tx, actorOf(ctx, ip), {
        entity: 'reglement',
        entityId: id,
        action,
        changes: { numero: row.r.numero, ...changes },
        collectiviteId: row.r.collectiviteId,
      });
      return detail(scope, (changes.nouveauId as string | undefined) ?? id, tx);
    });
  }

  return {
    enregistrerDecompte,

    /** Validates (or abandons) a décompte: once validated it never changes. */
    async decompteAction(ctx: AuthContext, id: string, action: TDecompteAction, ip: string): Promise<TDecompteOut> {
      const scope = acrossCollectivites(ctx.scope);
      return db.transaction(async (tx) => {
        const d = await repo.decompte(tx, scope, id, true);
        if (!d) throw decompteIntrouvable();
        const t = transitionDecompte(d.statut as TDecompteStatut, action);
        if (!t.ok) throw Conflict('transition_impossible', t.message);
        const at = clock.now();
        await repo.updateDecompte(
          tx,
          id,
          action === 'valider' ? { statut: t.to, validePar: ctx.user.id, valideLe: at } : { statut: t.to },
        );
        const fraisLiberes = t.to === 'abandonne' ? await repo.libererFrais(tx, id) : 0;
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'decompte',
          entityId: id,
          action: action === 'valider' ? 'validation_decompte' : 'abandon',
          changes: { numero: d.numero, statut: [d.statut, t.to], ...(fraisLiberes ? { fraisLiberes } : {}) },
          collectiviteId: d.collectiviteId,
        });
        return presentDecompte((await repo.decompteDetail(tx, id))!);
      });
    },

    /**
     * The payment run of a period: the validated, unpaid décomptes of the organisation's
     * collectivités ended by the period's last day (earlier ones carried over included), one
     * règlement per collectivité, contract and beneficiary account. A balance of zero or less is not
     * transferred: its décomptes stay unpaid and the credit is deducted from the next run.
     */
    async creerReglements(ctx: AuthContext, input: TReglementRunInput, ip: string): Promise<TReglementRunOut> {
      const organisation = organisationOf(ctx);
      const scope = acrossCollectivites(ctx.scope);
      return db.transaction(async (tx) => {
        const parametres = await repo.parametres(tx, organisation);
        const lignes = await repo.decomptesAPayer(tx, scope, input.au);
        const groupes = new Map<string, typeof lignes>();
        for (const l of lignes) {
          const key = [l.collectiviteId, l.contratId, l.beneficiaire, l.praticienIban ?? ''].join('|');
          groupes.set(key, [...(groupes.get(key) ?? []), l]);
        }
        const at = clock.now();
        const annee = Number(parisDate(at).slice(0, 4));
        const crees: string[] = [];
        const reportes: TReglementRunOut['reportes'] = [];
        for (const groupe of groupes.values()) {
          const first = groupe[0]!;
          const { total, payable } = soldePayable(groupe.map((g) => g.aRegler));
          if (!payable) {
            reportes.push({ collectivite: { id: first.collectiviteId, nom: first.collectiviteNom }, solde: total });
            continue;
          }
          const compte =
            first.beneficiaire === 'praticien'
              ? { iban: first.praticienIban, bic: first.praticienBic, titulaire: first.praticienNom }
              : { iban: first.iban, bic: first.bic, titulaire: first.titulaire ?? first.collectiviteNom };
          const r = await repo.insertReglement(tx, {
            annee,
            collectiviteId: first.collectiviteId,
            contratId: first.contratId,
            ...payeur(organisation),
            periodeDu: input.du,
            periodeAu: input.au,
            statut: 'calcule',
            beneficiaire: first.beneficiaire,
            montant: total,
            ...compte,
            approbationsRequises: approbationsRequises(total, parametres?.seuilQuatreYeux ?? null),
            creePar: ctx.user.id,
            createdAt: at,
          });
          await repo.attacher(
            tx,
            groupe.map((g) => g.id),
            r.id,
          );
          await audit.record(tx, actorOf(ctx, ip), {
            entity: 'reglement',
            entityId: r.id,
            action: 'creation',
            changes: { numero: r.numero, montant: total, decomptes: groupe.length, du: input.du, au: input.au },
            collectiviteId: r.collectiviteId,
          });
          crees.push(r.id);
        }
        const out = await Promise.all(crees.map((id) => repo.reglement(tx, scope, id)));
        return { crees: out.map((r) => presentReglement(r!)), reportes };
      });
    },

    /**
     * An approval. Above the organisation's threshold the first one leaves the règlement « calculé »
     * and a second, different handler completes it; the same handler twice gets a 403.
     */
    valider: (ctx: AuthContext, id: string, ip: string) =>
      transition(ctx, id, ip, 'valider', async (tx, row, to, at) => {
        const a = approuver(ctx.user.id, row.r.approbationsRequises as 1 | 2, row.r);
        if (!a.ok) throw Forbidden(a.message, 'double_validation');
        if (a.role === 'premiere') {
          await repo.updateReglement(tx, row.r.id, {
            validePar: ctx.user.id,
            valideLe: at,
            ...(a.complete ? { statut: to } : {}),
          });
          return { approbation: 'premiere', statut: a.complete ? [row.r.statut, to] : row.r.statut };
        }
        await repo.updateReglement(tx, row.r.id, { approuvePar: ctx.user.id, approuveLe: at, statut: to });
        return { approbation: 'seconde', statut: [row.r.statut, to] };
      }),

    /** One SEPA file for the validated règlements chosen, from the organisation's account. */
    async mettreEnPaiement(ctx: AuthContext, input: TMiseEnPaiementInput, ip: string): Promise<TVirementOut> {
      const organisation = organisationOf(ctx);
      const scope = acrossCollectivites(ctx.scope);
      const ids = [...new Set(input.reglementIds)];
      return db.transaction(async (tx) => {
        const rows = await repo.reglementsLocked(tx, scope, ids);
        if (rows.length !== ids.length) throw reglementIntrouvable();
        const parametres = await repo.parametres(tx, organisation);
        if (!parametres)
          throw Conflict(
            'compte_emetteur_manquant',
            'Renseignez d’abord le compte émetteur des virements de votre organisation (Règlements → Paramètres).',
          );
        // The account is copied when the money leaves: a collectivité that corrected its IBAN since
        // the run is paid where it says now; a practitioner's account is the one on his invoice.
        const comptes = new Map<string, { iban: string; bic: string | null; titulaire: string }>();
        for (const row of rows) {
          const t = transitionReglement(row.r.statut as TReglementStatut, 'mettre_en_paiement');
          if (!t.ok) throw Conflict('transition_impossible', `${row.r.numero} : ${t.message}`);
          const actuel =
            row.r.beneficiaire === 'collectivite'
              ? await repo.coordonnees(tx, scope, row.r.collectiviteId)
              : { iban: row.r.iban, bic: row.r.bic, titulaire: row.r.titulaire };
          if (!actuel?.iban)
            throw Conflict(
              'iban_manquant',
              `${row.r.numero} : ${row.collectiviteNom} n’a pas renseigné son IBAN. Son administrateur le saisit dans « Ma collectivité », puis remettez ce règlement en paiement.`,
            );
          comptes.set(row.r.id, {
            iban: actuel.iban,
            bic: actuel.bic,
            titulaire: actuel.titulaire ?? row.r.titulaire ?? row.collectiviteNom,
          });
        }
        const at = clock.now();
        const messageId = `STATUTIS-${at.toISOString().replace(/\D/g, '').slice(0, 14)}-${rows[0]!.r.rang}`;
        const montant = rows.reduce((s, r) => s + r.r.montant, 0);
        const xml = painXml({
          messageId,
          creeLe: at,
          dateExecution: input.dateExecution,
          emetteur: parametres,
          virements: rows.map((row) => ({
            id: row.r.id,
            numero: row.r.numero,
            montant: row.r.montant,
            compte: comptes.get(row.r.id)!,
            libelle: `Remboursement ${row.r.numero} du ${formatDate(row.r.periodeDu)} au ${formatDate(row.r.periodeAu)}`,
          })),
        });
        const v = await repo.insertVirement(tx, {
          messageId,
          ...payeur(organisation),
          dateExecution: input.dateExecution,
          nombre: rows.length,
          montant,
          xml,
          creePar: ctx.user.id,
          createdAt: at,
        });
        for (const row of rows) {
          await repo.updateReglement(tx, row.r.id, {
            statut: 'mis_en_paiement',
            virementId: v.id,
            miseEnPaiementLe: at,
          });
          await audit.record(tx, actorOf(ctx, ip), {
            entity: 'reglement',
            entityId: row.r.id,
            action: 'mettre_en_paiement',
            changes: { numero: row.r.numero, statut: [row.r.statut, 'mis_en_paiement'], virement: messageId },
            collectiviteId: row.r.collectiviteId,
          });
        }
        return { id: v.id, messageId, nombre: rows.length, montant, dateExecution: input.dateExecution };
      });
    },

    async virementXml(ctx: AuthContext, id: string) {
      const v = await repo.virement(db, ctx.scope, id);
      if (!v) throw NotFound('Fichier de virement introuvable.');
      return { nom: `virement-${v.messageId}.xml`, xml: v.xml };
    },

    marquerPaye: (ctx: AuthContext, id: string, ip: string) =>
      transition(ctx, id, ip, 'marquer_paye', async (tx, row, to, at) => {
        await repo.updateReglement(tx, row.r.id, { statut: to, payeLe: at });
        await deps.notifications.notifier(tx, at, ADMINISTRATEURS, [
          {
            collectiviteId: row.r.collectiviteId,
            kind: 'paiement',
            titre: `Règlement ${row.r.numero} payé : ${formatEuros(row.r.montant)}`,
            lien: `/reglements/${row.r.id}`,
            sujet: `reglement:${row.r.id}`,
          },
        ]);
        return { statut: [row.r.statut, to] };
      }),

    rejeter: (ctx: AuthContext, id: string, motif: string, ip: string) =>
      transition(ctx, id, ip, 'rejeter', async (tx, row, to, at) => {
        await repo.updateReglement(tx, row.r.id, { statut: to, rejeteLe: at, motifRejet: motif, payeLe: null });
        return { statut: [row.r.statut, to], motif };
      }),

    /**
     * A rejected transfer is issued again as a new règlement with the account as it is now (the
     * rejection is usually a wrong IBAN the collectivité has since corrected); it goes through
     * approval again. The rejected one becomes « ré-émis » and its décomptes move to the new one.
     */
    reemettre: (ctx: AuthContext, id: string, ip: string) =>
      transition(ctx, id, ip, 'reemettre', async (tx, row, to, at) => {
        const organisation = organisationOf(ctx);
        const parametres = await repo.parametres(tx, organisation);
        const compte =
          row.r.beneficiaire === 'collectivite'
            ? await repo.coordonnees(tx, acrossCollectivites(ctx.scope), row.r.collectiviteId)
            : null;
        const nouveau = await repo.insertReglement(tx, {
          annee: Number(parisDate(at).slice(0, 4)),
          collectiviteId: row.r.collectiviteId,
          contratId: row.r.contratId,
          ...payeur(organisation),
          periodeDu: row.r.periodeDu,
          periodeAu: row.r.periodeAu,
          statut: 'calcule',
          beneficiaire: row.r.beneficiaire,
          montant: row.r.montant,
          iban: compte ? compte.iban : row.r.iban,
          bic: compte ? compte.bic : row.r.bic,
          titulaire: compte ? (compte.titulaire ?? row.r.titulaire) : row.r.titulaire,
          approbationsRequises: approbationsRequises(row.r.montant, parametres?.seuilQuatreYeux ?? null),
          creePar: ctx.user.id,
          createdAt: at,
          remplaceId: row.r.id,
        });
        await repo.deplacer(tx, row.r.id, nouveau.id);
        await repo.updateReglement(tx, row.r.id, { statut: to });
        return { statut: [row.r.statut, to], nouveau: nouveau.numero, nouveauId: nouveau.id };
      }),

    detailGestion: (ctx: AuthContext, id: string) => detail(acrossCollectivites(ctx.scope), id),
    detail: (scope: Scope, id: string) => detail(scope, id),

    async list(scope: Scope, query: TReglementsQuery): Promise<TReglementsPage> {
      const rows = await repo.list(db, scope, query, PAGE + 1);
      const page = rows.slice(0, PAGE);
      return {
        items: page.map(presentReglement),
        suivant: rows.length > PAGE ? cursorOf(page.at(-1)!.r) : null,
      };
    },

    /** Every règlement of the filters, page after page (exports); each page is one keyset query. */
    async *all(scope: Scope, query: TReglementsQuery): AsyncGenerator<TReglementDetail[]> {
      let apres = query.apres;
      for (;;) {
        const rows = await repo.list(db, scope, { ...query, apres }, PAGE * 5);
        if (!rows.length) return;
        yield await Promise.all(
          rows.map(async (row) => ({
            ...presentReglement(row),
            decomptes: (await repo.decomptesDuReglement(db, row.r.id)).map(presentDecompte),
          })),
        );
        if (rows.length < PAGE * 5) return;
        apres = cursorOf(rows.at(-1)!.r);
      }
    },

    async avis(scope: Scope, id: string) {
      const r = await detail(scope, id);
      return {
        nom: `avis-reglement-${r.numero}.pdf`,
        pdf: await avisReglementPdf(r, organisationLabel(scope) ?? 'Statutis'),
      };
    },

    /** The payments section of a sinistre: its décomptes (current and replaced) and where they stand. */
    async paiementsDuSinistre(scope: Scope, sinistreId: string) {
      if (!(await repo.sinistreVisible(db, scope, sinistreId))) throw NotFound('Sinistre introuvable.');
      const rows = await repo.decomptesDuSinistre(db, scope, sinistreId);
      return rows.map((row) => ({
        ...presentDecompte(row),
        reglement: row.reglementNumero
          ? { numero: row.reglementNumero, statut: row.reglementStatut as TReglementStatut }
          : null,
      }));
    },

    totalRecu: (scope: Scope, annee: number) => repo.totalPaye(db, scope, annee),

    async coordonnees(scope: Scope & { collectiviteId: string }): Promise<TCoordonneesBancairesOut> {
      const c = await repo.coordonnees(db, scope, scope.collectiviteId);
      if (!c) throw NotFound('Collectivité introuvable.');
      return compteOut(c);
    },

    async setCoordonnees(
      ctx: AuthContext & { scope: Scope & { collectiviteId: string } },
      input: TCoordonneesBancaires,
      ip: string,
    ): Promise<TCoordonneesBancairesOut> {
      return db.transaction(async (tx) => {
        const before = await repo.coordonnees(tx, ctx.scope, ctx.scope.collectiviteId, true);
        if (!before) throw NotFound('Collectivité introuvable.');
        await repo.setCoordonnees(tx, before.id, input);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'collectivite',
          entityId: before.id,
          action: 'coordonnees_bancaires',
          // The IBAN is not a secret between the collectivité and its insurer, but an audit line
          // need not repeat it whole: the last four characters are enough to tell two apart.
          changes: {
            iban: [before.iban ? `…${before.iban.slice(-4)}` : null, `…${input.iban.slice(-4)}`],
            titulaire: [before.titulaire, input.titulaire],
          },
          collectiviteId: before.id,
        });
        return compteOut(input);
      });
    },

    async parametres(ctx: AuthContext): Promise<TParametresPaiementOut> {
      const p = await repo.parametres(db, organisationOf(ctx));
      return {
        seuilQuatreYeux: p?.seuilQuatreYeux ?? null,
        compte: compteOut(p ?? { iban: null, bic: null, titulaire: null }),
      };
    },

    async setParametres(
      ctx: AuthContext,
      input: z.output<typeof ZParametresPaiementInput>,
      ip: string,
    ): Promise<TParametresPaiementOut> {
      const organisation = organisationOf(ctx);
      return db.transaction(async (tx) => {
        const before = await repo.upsertParametres(tx, organisation, { ...input, updatedAt: clock.now() });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'reglement_parametre',
          action: before ? 'modification' : 'creation',
          changes: {
            seuilQuatreYeux: [before?.seuilQuatreYeux ?? null, input.seuilQuatreYeux],
            iban: [before ? `…${before.iban.slice(-4)}` : null, `…${input.iban.slice(-4)}`],
          },
          collectiviteId: null,
        });
        return { seuilQuatreYeux: input.seuilQuatreYeux, compte: compteOut(input) };
      });
    },
  };
}

export type ReglementsService = ReturnType<typeof createReglementsService>;
