import { createHash } from 'node:crypto';
import {
  calculerRemboursement,
  decompteDuMoteur,
  type EntreeMoteur,
  expliquerJournal,
  FRACTION_SCALE,
  formatDate,
  formatEuros,
  formatMois,
  fraisNatureLabels,
  fraisVersLignesDecompte,
  numeroSinistre,
  type ResultatRemboursement,
  type SegmentJournal,
  type TCalculDecompteOut,
  type TDecompteExplique,
  type TDecomptesAValiderPage,
  type TDecomptesAValiderQuery,
  type TDecomptesDuSinistre,
  type TEntreesAffichees,
  type TFraisBeneficiaire,
  type TFraisNature,
  type TFraisStatut,
  type TMoisDecompte,
  type TPeriodeCalcul,
  type TReglementStatut,
  type TRisque,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Conflict, NotFound } from '../../http/errors.js';
import type { Actor, Audit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { acrossCollectivites, organisationLabel, type Scope } from '../../lib/scope.js';
import type { FraisMedicauxRepository } from '../frais-medicaux/frais-medicaux.repository.js';
import {
  cursorOf,
  type DecompteDetailRow,
  PAGE,
  type ReglementsRepository,
} from '../reglements/reglements.repository.js';
import { presentDecompte, type ReglementsService } from '../reglements/reglements.service.js';
import type { EntreesDecompte } from '../reglements/reglements.table.js';
import { decomptePdf } from './decomptes.pdf.js';
import type { DecomptesRepository } from './decomptes.repository.js';
import { entreesCalcul } from './entrees.repository.js';

/**
 * What a décompte keeps of its computation beside its fingerprint (the ledger itself is its `journal`,
 * the source of « Pourquoi ce montant ? »): its months, the engine's warnings, the inputs shown to the handler.
 */
export type EntreesCalculees = EntreesDecompte & {
  calcul?: {
    mois: TMoisDecompte[];
    alertes: string[];
    affichees: TEntreesAffichees;
    sftOuIrAssures: boolean;
  };
};

/** The outcome of costing one file's arrêt days, for one handler or for a batch. */
export type IssueIndemnites =
  | { kind: 'calcule'; decompteId: string; message: string }
  | { kind: 'sans_montant'; message: string }
  | { kind: 'a_completer'; mois: string[]; message: string };

/** The décomptes of medical fees a computation made (one per payee), and what the handler reads of them. */
export type FraisPayes = { decompteIds: string[]; message: string | null };

/** The outcome of costing one file for a period: its arrêt days, then its validated medical fees. */
export type IssueCalcul = IssueIndemnites & { frais: FraisPayes };

const euros = (cents: number) => formatEuros(cents).replace('-', '−');

/**
 * The inputs shown beside one contract's décompte, and that contract's garantie as the engine read it
 * (« maladie_ordinaire:15 jours_fermes_par_arret:80% »), kept in the décompte's `versions`.
 */
function affichees(
  entree: EntreeMoteur,
  sinistreId: string,
  r: ResultatRemboursement,
  contratId: string,
): { affichees: TEntreesAffichees; garantie: string | null } {
  const segment = r.journal.find((s) => s.contratId === contratId) ?? r.journal[0];
  const contrat = entree.contrats.find((c) => c.contratId === contratId);
  const garantie = segment && contrat ? contrat.garanties[segment.categorie] : undefined;
  const shown: TEntreesAffichees = {
    salaires: Object.fromEntries(
      Object.entries(entree.salaires).map(([mois, s]) => [
        mois,
        Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as Record<string, number>,
      ]),
    ),
    arrets: entree.arrets
      .filter((a) => a.sinistreId === sinistreId)
      .map((a) => ({ debut: a.debut, fin: a.fin, type: a.type, categorie: a.categorie })),
    ijss: (entree.ijss ?? []).map((i) =>
      'montantJournalier' in i
        ? { debut: i.debut, fin: i.fin, montant: i.montantJournalier, journalier: true }
        : { debut: i.debut, fin: i.fin, montant: i.montantPeriode, journalier: false },
    ),
    franchiseJours: segment?.franchiseJours ?? null,
    remboursementPct: garantie?.remboursementPct ?? null,
    elements: ['tbi', ...(contrat?.elements ?? [])],
  };
  return {
    affichees: shown,
    garantie:
      garantie && segment
        ? `${segment.categorie}:${garantie.franchiseNombre} ${garantie.franchiseUnite}:${garantie.remboursementPct}%`
        : null,
  };
}

/** The months of the ledger whose payslip is missing: the file is « à compléter », not costed. */
const moisSansSalaire = (journal: readonly SegmentJournal[]) =>
  [...new Set(journal.filter((s) => s.regle === 'salaire_manquant').map((s) => s.debut.slice(0, 7)))].sort();

/** A décompte as the handler checks it and the employer reads it. */
export function presentExplique(
  row: DecompteDetailRow & { reglementNumero?: string | null; reglementStatut?: string | null },
): TDecompteExplique {
  const calcul = (row.d.entrees as EntreesCalculees).calcul;
  return {
    ...presentDecompte(row),
    explication: expliquerJournal(row.d.journal, { sftOuIrAssures: calcul?.sftOuIrAssures ?? false }),
    mois: calcul?.mois ?? [],
    alertes: calcul?.alertes ?? [],
    entreesAffichees: calcul?.affichees ?? null,
    reglement: row.reglementNumero
      ? { numero: row.reglementNumero, statut: row.reglementStatut as TReglementStatut }
      : null,
  };
}

/**
 * The glue between the engine and the décomptes (issue 10): read the inputs (`entreesCalcul`), cost
 * them (`calculerRemboursement`), record the statement (`enregistrerDecompte`, which numbers the
 * version and deducts what earlier validated versions settled) — one transaction, audited.
 */
export function createDecomptesService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: DecomptesRepository;
  reglementsRepo: ReglementsRepository;
  reglements: Pick<ReglementsService, 'enregistrerDecompte'>;
  frais: Pick<FraisMedicauxRepository, 'aPayer' | 'rattacher'>;
}) {
  const { db, clock, audit, repo, reglementsRepo, reglements } = deps;

  /**
   * Pays the sinistre's validated medical fees not yet on a décompte, care given up to the end of the
   * period: one décompte per payee (`fraisVersLignesDecompte`), its period the first to the last care
   * date, one line per invoice; each fee then points to its décompte, audited. A fee already on a
   * décompte is never taken again (locked, and `rattacher` only takes the unpaid ones).
   */
  async function payerFraisMedicaux(
    tx: Db,
    actor: Actor,
    scope: Scope,
    sinistreId: string,
    au: string,
    calculePar: string | null,
  ): Promise<FraisPayes> {
    const rows = await deps.frais.aPayer(tx, scope, sinistreId, au);
    const byId = new Map(rows.map((f) => [f.id, f]));
    const lignes = fraisVersLignesDecompte(
      rows.map((f) => ({
        id: f.id,
        dateSoins: f.dateSoins,
        nature: f.nature as TFraisNature,
        prestataire: f.prestataire,
        montantRetenu: f.montantRetenu,
        statut: f.statut as TFraisStatut,
        beneficiaire: f.beneficiaire as TFraisBeneficiaire,
        beneficiaireNom: f.beneficiaireNom,
        beneficiaireIban: f.beneficiaireIban,
        decompteId: f.decompteId,
      })),
    );
    const decompteIds: string[] = [];
    const messages: string[] = [];
    for (const ligne of lignes) {
      const fees = ligne.fraisIds.map((id) => byId.get(id)!);
      const row = await reglements.enregistrerDecompte(tx, actor, {
        sinistreId,
        periode: { du: fees[0]!.dateSoins, au: fees.at(-1)!.dateSoins },
        nature: 'frais_medicaux',
        beneficiaire:
          ligne.beneficiaire === 'praticien'
            ? { type: 'praticien', nom: ligne.beneficiaireNom!, iban: ligne.beneficiaireIban!, bic: null }
            : { type: 'collectivite' },
        montant: ligne.montant,
        joursFranchise: 0,
        joursCarence: 0,
        ijss: 0,
        lignes: fees.map((f) => ({
          mois: f.dateSoins.slice(0, 7),
          element: 'frais',
          trentiemes: 0,
          fraction: 1000,
          montant: f.montantRetenu,
          libelle: `${fraisNatureLabels[f.nature as TFraisNature]} du ${formatDate(f.dateSoins)}`,
        })),
        journal: [],
        entrees: {
          empreinte: createHash('sha256').update(ligne.fraisIds.join(',')).digest('hex'),
          versions: { frais: ligne.fraisIds.length, libelle: ligne.libelle },
        },
        calculePar,
      });
      if ((await deps.frais.rattacher(tx, ligne.fraisIds, row.id)) !== ligne.fraisIds.length)
        throw Conflict('frais_deja_regles', 'Une facture de ces frais médicaux figure déjà sur un décompte.');
      for (const f of fees)
        await audit.record(tx, actor, {
          entity: 'frais_medical',
          entityId: f.id,
          action: 'mise_en_decompte',
          changes: { decompte: row.numero, montantRetenu: f.montantRetenu },
          collectiviteId: f.collectiviteId,
        });
      decompteIds.push(row.id);
      messages.push(`Décompte ${row.numero} : ${ligne.libelle} (${euros(row.montant)}).`);
    }
    return { decompteIds, message: messages.length ? messages.join(' ') : null };
  }

  /**
   * Costs one sinistre for one period inside the caller's transaction: its arrêt days by the engine,
   * then its validated medical fees (paid whatever the arrêt days give: a file may have fees only).
   */
  async function calculer(
    tx: Db,
    actor: Actor,
    scope: Scope,
    sinistreId: string,
    periode: TPeriodeCalcul,
    calculePar: string | null,
  ): Promise<IssueCalcul> {
    const issue = await calculerIndemnites(tx, actor, scope, sinistreId, periode, calculePar);
    return { ...issue, frais: await payerFraisMedicaux(tx, actor, scope, sinistreId, periode.au, calculePar) };
  }

  /** Costs the arrêt days of one sinistre for one period. */
  async function calculerIndemnites(
    tx: Db,
    actor: Actor,
    scope: Scope,
    sinistreId: string,
    periode: TPeriodeCalcul,
    calculePar: string | null,
  ): Promise<IssueIndemnites> {
    const entree = await entreesCalcul(tx, scope, sinistreId, { debut: periode.du, fin: periode.au });
    if (!entree) throw NotFound('Sinistre introuvable.');
    const r = calculerRemboursement(entree);
    const journal = r.journal.filter((s) => s.sinistreId === sinistreId);
    const du = formatDate(periode.du);
    const au = formatDate(periode.au);
    if (journal.length === 0)
      return { kind: 'sans_montant', message: `Aucun jour d’arrêt de ce sinistre du ${du} au ${au}.` };
    const manquants = moisSansSalaire(journal);
    if (manquants.length > 0)
      return {
        kind: 'a_completer',
        mois: manquants,
        message: `Dossier à compléter : salaire manquant pour ${manquants.map(formatMois).join(', ')}.`,
      };
    const versions = await reglementsRepo.versions(tx, {
      sinistreId,
      nature: 'indemnites_journalieres',
      du: periode.du,
      au: periode.au,
    });
    // One décompte per contract that pays a chain of the period (domain §6.1.11), and per contract a
    // former computation put this period under: what it settled is regularised, perhaps to nothing.
    const contratIds = [
      ...new Set([
        ...journal.flatMap((seg) => (seg.contratId ? [seg.contratId] : [])),
        ...versions.filter((v) => v.statut !== 'abandonne').map((v) => v.contratId),
      ]),
    ];
    const issues: IssueIndemnites[] = [];
    for (const contratId of contratIds) {
      // Days under no contract pay nothing: the first contract's décompte shows them.
      const sien = (c: string | null) => c === contratId || (c === null && contratId === contratIds[0]);
      const part = {
        journal: r.journal.filter((seg) => sien(seg.contratId)),
        mois: r.mois.filter((m) => m.contratId === contratId),
      };
      issues.push(
        await enregistrerPart(tx, actor, {
          entree,
          r: { ...r, ...part },
          sinistreId,
          contratId,
          periode,
          versions: versions.filter((v) => v.contratId === contratId),
          calculePar,
        }),
      );
    }
    const calcules = issues.filter((i) => i.kind === 'calcule');
    if (calcules.length > 0)
      return {
        kind: 'calcule',
        decompteId: calcules[0]!.decompteId,
        message: calcules.map((i) => i.message).join(' '),
      };
    const jours = journal.filter((seg) => seg.franchise).reduce((n, seg) => n + seg.jours, 0);
    const dejaRegle = versions.filter((v) => v.statut === 'valide').reduce((n, v) => n + v.aRegler, 0);
    return {
      kind: 'sans_montant',
      message:
        dejaRegle === 0
          ? `Rien à rembourser du ${du} au ${au}${jours ? ` (${jours} jour${jours > 1 ? 's' : ''} de franchise)` : ''}.`
          : `Rien n’a changé : les décomptes validés de la période (${euros(dejaRegle)}) restent justes.`,
    };
  }

  /**
   * Records the share of one contract of a period: a new version when it is worth other than what
   * its validated versions settled, else nothing (a pending version computed from other inputs is
   * abandoned).
   */
  async function enregistrerPart(
    tx: Db,
    actor: Actor,
    p: {
      entree: EntreeMoteur;
      r: ResultatRemboursement;
      sinistreId: string;
      contratId: string;
      periode: TPeriodeCalcul;
      versions: Awaited<ReturnType<ReglementsRepository['versions']>>;
      calculePar: string | null;
    },
  ): Promise<IssueIndemnites> {
    const { entree, r, sinistreId, periode, versions } = p;
    const picked = decompteDuMoteur(r, sinistreId, periode);
    const mois = r.mois.filter((m) => m.sinistreId === sinistreId && picked.lignes.some((l) => l.mois === m.mois));
    const montant = picked.montant;
    const dejaRegle = versions.filter((v) => v.statut === 'valide').reduce((s, v) => s + v.aRegler, 0);
    if (montant === dejaRegle) {
      // A pending version computed from other inputs would still be there to validate: it is abandoned.
      for (const v of versions.filter((v) => v.statut === 'calcule')) {
        await reglementsRepo.updateDecompte(tx, v.id, { statut: 'abandonne' });
        await audit.record(tx, actor, {
          entity: 'decompte',
          entityId: v.id,
          action: 'abandon',
          changes: { numero: v.numero, motif: 'rien à régler' },
          collectiviteId: v.collectiviteId,
        });
      }
      return { kind: 'sans_montant', message: '' };
    }
    const shown = affichees(entree, sinistreId, r, p.contratId);
    const entrees: EntreesCalculees = {
      empreinte: createHash('sha256').update(JSON.stringify(entree)).digest('hex'),
      versions: {
        salaires: Object.keys(entree.salaires).join(','),
        periode: `${periode.du}/${periode.au}`,
        contrat: p.contratId,
        ...(shown.garantie ? { garantie: shown.garantie } : {}),
      },
      calcul: {
        mois: mois.map((m) => ({
          mois: m.mois,
          remboursementPct: m.remboursementPct,
          brut: m.brut,
          ijss: m.ijss,
          net: m.net,
          rembourse: m.rembourse,
        })),
        alertes: r.alertes,
        affichees: shown.affichees,
        sftOuIrAssures: shown.affichees.elements.includes('sft') || shown.affichees.elements.includes('ir'),
      },
    };
    const row = await reglements.enregistrerDecompte(tx, actor, {
      sinistreId,
      contratId: p.contratId,
      periode,
      nature: 'indemnites_journalieres',
      beneficiaire: { type: 'collectivite' },
      montant,
      joursFranchise: picked.joursFranchise,
      joursCarence: picked.joursCarence,
      ijss: picked.ijss,
      // h5's décompte lines count pay fractions in thousandths; the engine's scale is FRACTION_SCALE.
      lignes: picked.lignes.map((l) => ({ ...l, fraction: Math.round((l.fraction * 1000) / FRACTION_SCALE) })),
      journal: picked.journal,
      entrees,
      calculePar: p.calculePar,
    });
    const regularisation = row.dejaRegle !== 0 ? ` (régularisation ${euros(row.aRegler)})` : '';
    return {
      kind: 'calcule',
      decompteId: row.id,
      message: `Décompte ${row.numero} calculé : ${euros(row.montant)}${regularisation}.`,
    };
  }

  async function explique(tx: Db, id: string) {
    const row = await reglementsRepo.decompteDetail(tx, id);
    return row ? presentExplique(row) : null;
  }

  /** The handler reads the décompte of the arrêt days, or else the first of the medical fees, and every message. */
  async function outcome(tx: Db, issue: IssueCalcul): Promise<TCalculDecompteOut> {
    const id = issue.kind === 'calcule' ? issue.decompteId : issue.frais.decompteIds[0];
    const message = issue.frais.message ? `${issue.message} ${issue.frais.message}` : issue.message;
    return { decompte: id ? await explique(tx, id) : null, message };
  }

  return {
    calculer,
    payerFraisMedicaux,

    /** The handler costs a sinistre for a period: a new décompte (or a new version), or why not. */
    async calculerDecompte(
      ctx: AuthContext,
      sinistreId: string,
      periode: TPeriodeCalcul,
      ip: string,
    ): Promise<TCalculDecompteOut> {
      const scope = acrossCollectivites(ctx.scope);
      return db.transaction(async (tx) =>
        outcome(tx, await calculer(tx, actorOf(ctx, ip), scope, sinistreId, periode, ctx.user.id)),
      );
    },

    /**
     * After a change of inputs (`marquerRecalcul`): every validated period ending on or after the date is
     * costed again under the new category, each new version's `a_regler` being the regularisation;
     * the flag is cleared in the same transaction.
     */
    async recalculer(ctx: AuthContext, sinistreId: string, ip: string): Promise<{ items: TCalculDecompteOut[] }> {
      const scope = acrossCollectivites(ctx.scope);
      return db.transaction(async (tx) => {
        const s = await repo.sinistre(tx, scope, sinistreId);
        if (!s) throw NotFound('Sinistre introuvable.');
        if (!s.aRecalculerDepuis) return { items: [] };
        const actor = actorOf(ctx, ip);
        const items: TCalculDecompteOut[] = [];
        for (const p of await repo.periodesValidees(tx, sinistreId, s.aRecalculerDepuis))
          items.push(await outcome(tx, await calculer(tx, actor, scope, sinistreId, p, ctx.user.id)));
        await repo.effacerRecalcul(tx, sinistreId, clock.now());
        await audit.record(tx, actor, {
          entity: 'sinistre',
          entityId: sinistreId,
          action: 'recalcul_remboursement',
          changes: {
            depuis: s.aRecalculerDepuis,
            motif: s.recalculMotif,
            decomptes: items.filter((i) => i.decompte).length,
          },
          collectiviteId: s.collectiviteId,
        });
        return { items };
      });
    },

    /** A décompte's PDF under a safe name, « decompte-D-2026-000123.pdf »; staff pass their scope across collectivités. */
    async pdf(scope: Scope, sinistreId: string, decompteId: string) {
      const row = await repo.pourPdf(db, scope, sinistreId, decompteId);
      if (!row) throw NotFound('Décompte introuvable.');
      return {
        nom: `decompte-${row.d.numero}.pdf`,
        pdf: await decomptePdf(row, organisationLabel(scope) ?? 'Statutis', clock.now()),
      };
    },

    /** « Décomptes à valider »: a page of the scope's computed décomptes, oldest first. */
    async aValider(scope: Scope, q: TDecomptesAValiderQuery): Promise<TDecomptesAValiderPage> {
      const rows = await repo.aValider(db, scope, q, PAGE + 1);
      const page = rows.slice(0, PAGE);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.id,
          numero: r.numero,
          collectivite: { id: r.collectiviteId, nom: r.collectiviteNom },
          sinistre: {
            id: r.sinistreId,
            numero: numeroSinistre({ numero: r.sinistreNumero, dateSurvenance: r.dateSurvenance }),
            categorie: r.sinistreCategorie as TRisque,
          },
          agent: { nom: r.agentNom, prenom: r.agentPrenom },
          periode: { du: r.periodeDu, au: r.periodeAu },
          version: r.version,
          montant: r.montant,
          aRegler: r.aRegler,
          calculeLe: r.calculeLe.toISOString(),
        })),
        suivant: rows.length > PAGE && last ? cursorOf({ createdAt: last.calculeLe, id: last.id }) : null,
      };
    },

    /** The décomptes of a sinistre, explained; staff pass their scope across collectivités. */
    async duSinistre(scope: Scope, sinistreId: string): Promise<TDecomptesDuSinistre> {
      const s = await repo.sinistre(db, scope, sinistreId);
      if (!s) throw NotFound('Sinistre introuvable.');
      const rows = await reglementsRepo.decomptesDuSinistre(db, scope, sinistreId);
      return {
        items: rows.map(presentExplique),
        aRecalculerDepuis: s.aRecalculerDepuis,
        recalculMotif: s.aRecalculerDepuis ? (s.recalculMotif ?? 'Requalification acceptée.') : null,
      };
    },
  };
}
export type DecomptesService = ReturnType<typeof createDecomptesService>;
