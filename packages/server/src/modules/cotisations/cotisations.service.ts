import {
  type AppelCalcule,
  type AssietteTaux,
  calculerAppels,
  calculerRegularisation,
  effetAdhesion,
  formatDate,
  fraisRegularises,
  type LigneAppel,
  type ModeleFrais,
  moisCouverts,
  sensRegularisation,
  statutApresEncaissement,
  type TAppelAction,
  type TAppelDetail,
  type TAppelNature,
  type TAppelObjet,
  type TAppelOut,
  type TAppelStatut,
  type TAppelsPage,
  type TAppelsQuery,
  type TFraisModele,
  type TFraisParametreOut,
  type TPeriodicite,
  transitionAppel,
  typeBaseLabels,
  type ZAppelGenerationInput,
  type ZFraisFinInput,
  type ZFraisParametreInput,
  type ZRegularisationInput,
} from '@statutis/domain';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Conflict, Forbidden, Invalid, NotFound, sqlState } from '../../http/errors.js';
import type { Actor, Audit } from '../../lib/audit.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import { acrossCollectivites, type Scope } from '../../lib/scope.js';
import { avisAppelPdf } from './cotisations.pdf.js';
import {
  type AppelListRow,
  type AppelRow,
  type CotisationsRepository,
  cursorOf,
  type EcheanceRow,
  type FraisRow,
  type LigneRow,
  type NewAppel,
  PAGE,
} from './cotisations.repository.js';

export const appelIntrouvable = () => NotFound('Appel de cotisation introuvable.');
/** Calls per statement when « Vos cotisations » is exported. */
const EXPORT_BATCH = 500;

export function presentAppel(row: AppelListRow): TAppelOut {
  const a = row.a;
  return {
    id: a.id,
    numero: a.numero,
    nature: a.nature as TAppelNature,
    objet: a.objet as TAppelObjet,
    sens: a.nature === 'appel' ? 'complement' : sensRegularisation(a.total),
    annee: a.annee,
    collectivite: { id: a.collectiviteId, nom: row.collectiviteNom },
    contrat: { id: a.contratId, numero: row.contratNumero, libelle: row.contratLibelle, regime: row.regime },
    statut: a.statut as TAppelStatut,
    periodicite: a.periodicite as TPeriodicite,
    debutCouverture: a.debutCouverture,
    mois: a.mois,
    dateDeliberation: a.dateDeliberation,
    total: a.total,
    encaisse: a.encaisse,
    appelOrigine: a.appelOrigineId && row.origineNumero ? { id: a.appelOrigineId, numero: row.origineNumero } : null,
    creeLe: a.createdAt.toISOString(),
    controleLe: a.controleLe?.toISOString() ?? null,
    emisLe: a.emisLe?.toISOString() ?? null,
    annuleLe: a.annuleLe?.toISOString() ?? null,
  };
}

export const presentLigne = (l: LigneRow): LigneAppel => ({
  nature: l.nature as LigneAppel['nature'],
  code: l.code,
  libelle: l.libelle,
  assiette: l.assiette,
  taux: l.taux,
  quantite: l.quantite,
  prixUnitaire: l.prixUnitaire,
  mois: l.mois,
  montant: l.montant,
});
export const presentEcheance = (e: EcheanceRow) => ({
  rang: e.rang,
  du: e.du,
  au: e.au,
  dateEcheance: e.dateEcheance,
  montant: e.montant,
});

export function presentFrais(f: FraisRow): TFraisParametreOut {
  return {
    id: f.id,
    du: f.du,
    au: f.au,
    modele: f.modele as TFraisModele,
    montantParAgent: f.montantParAgent,
    tauxCnracl: f.tauxCnracl,
    tauxIrcantec: f.tauxIrcantec,
    regularise: f.regularise,
    appelesSeparement: f.appelesSeparement,
  };
}

/** The fee model of a CDG's parameters row, as the domain computes it. */
export function modeleFrais(f: FraisRow | null): ModeleFrais | null {
  if (!f) return null;
  return f.modele === 'forfait_agent'
    ? {
        modele: 'forfait_agent',
        montantParAgent: f.montantParAgent ?? 0,
        regularise: f.regularise,
        appelesSeparement: f.appelesSeparement,
      }
    : {
        modele: 'pourcentage_assiette',
        tauxCnracl: f.tauxCnracl ?? 0,
        tauxIrcantec: f.tauxIrcantec ?? 0,
        regularise: f.regularise,
        appelesSeparement: f.appelesSeparement,
      };
}

/** The CDG a gestionnaire works for: only a CDG's staff prepare, check and issue the calls (seed 002). */
export function cdgOf(ctx: AuthContext): string {
  if (ctx.scope.kind !== 'staff' || ctx.scope.organisation.kind !== 'cdg')
    throw Forbidden(
      'Seuls les gestionnaires d’un centre de gestion préparent, contrôlent et émettent les appels de cotisation.',
    );
  return ctx.scope.organisation.id;
}

export const lignesDb = (lignes: readonly LigneAppel[]) =>
  lignes.map((l) => ({
    nature: l.nature,
    code: l.code,
    libelle: l.libelle,
    assiette: l.assiette,
    taux: l.taux,
    quantite: l.quantite,
    prixUnitaire: l.prixUnitaire,
    mois: l.mois,
    montant: l.montant,
  }));

/** The adhesion as a call reads it (`adhesionDe`, or the bulk generation's inputs). */
type AdhesionAppel = {
  collectiviteId: string;
  contratId: string;
  regime: 'CNRACL' | 'IRCANTEC';
  dateEffet: string;
  dateFin: string | null;
  dateAdhesion: string;
};
type GenerationInput = Pick<z.output<typeof ZAppelGenerationInput>, 'annee' | 'periodicite' | 'dateDeliberation'>;

/**
 * The months a call covers: from the adhesion (or, mid-year, the 1st of the month after the
 * délibération) to the year's or the contract's end; none is refused.
 */
export function couverture(ad: AdhesionAppel, input: GenerationInput) {
  const adhesion = [ad.dateAdhesion, ad.dateEffet].sort()[1]!; // ISO dates: the later one
  const debut = input.dateDeliberation ? effetAdhesion(input.dateDeliberation) : adhesion;
  const mois = moisCouverts(input.annee, debut, ad.dateFin);
  if (mois === 0)
    throw Invalid(`La couverture ne porte sur aucun mois de ${input.annee}.`, [
      {
        field: input.dateDeliberation ? 'dateDeliberation' : 'annee',
        message: `Aucun mois de ${input.annee} n’est couvert.`,
      },
    ]);
  return { debut, mois, debutCouverture: `${input.annee}-${String(13 - mois).padStart(2, '0')}-01` };
}

/** A draft call to write: its row, its computed lines and échéances, its audit (`enregistrer`). */
export type AppelPrepare = {
  values: Omit<NewAppel, 'statut' | 'total' | 'creePar' | 'createdAt'>;
  calcul: AppelCalcule;
  action: 'creation' | 'regularisation';
  changes: Record<string, unknown>;
};

/**
 * The draft calls from the base prévisionnelle: the contribution call and, when the CDG calls its
 * fee separately (`calculerAppels`), the fee call — annual, payable to the CDG, objet
 * « frais_gestion » (numbered FG) — otherwise `frais` is null and the fee is a line of the first.
 */
export function appelsDe(
  ad: AdhesionAppel,
  base: { id: string; assiette: number; tauxCotisation: number },
  input: GenerationInput,
  c: ReturnType<typeof couverture>,
  frais: ModeleFrais | null,
  effectifCnracl: number,
): { cotisation: AppelPrepare; frais: AppelPrepare | null } {
  const assiettes: AssietteTaux[] = [
    {
      code: ad.regime,
      libelle: `Cotisation ${ad.regime} — base ${typeBaseLabels.previsionnelle.toLowerCase()} ${input.annee}`,
      assiette: base.assiette,
      taux: base.tauxCotisation,
    },
  ];
  const calcul = calculerAppels({
    annee: input.annee,
    regime: ad.regime,
    assiettes,
    frais,
    effectifCnracl,
    mois: c.mois,
    periodicite: input.periodicite,
  });
  const values = {
    annee: input.annee,
    nature: 'appel',
    objet: 'cotisation',
    collectiviteId: ad.collectiviteId,
    contratId: ad.contratId,
    baseId: base.id,
    periodicite: input.periodicite,
    debutCouverture: c.debutCouverture,
    mois: c.mois,
    dateDeliberation: input.dateDeliberation,
    frais,
  };
  return {
    cotisation: {
      values,
      calcul: calcul.cotisation,
      action: 'creation',
      changes: { annee: input.annee, mois: c.mois, total: calcul.cotisation.total },
    },
    frais: calcul.frais && {
      values: { ...values, objet: 'frais_gestion', periodicite: 'annuelle' },
      calcul: calcul.frais,
      action: 'creation',
      changes: { annee: input.annee, mois: c.mois, total: calcul.frais.total, objet: 'frais_gestion' },
    },
  };
}

/** What follows the émission of calls, in its transaction (one call, or a batch of them). */
export type ApresEmission = (tx: Db, appels: readonly TAppelDetail[], at: Date) => Promise<void>;

/** The unique index caught a second live call of the same contract, collectivité, year, nature and object. */
export const messageAppelExistant = (nature: TAppelNature, objet: TAppelObjet, annee: number) =>
  objet === 'frais_gestion'
    ? nature === 'appel'
      ? `L’appel des frais de gestion ${annee} existe déjà pour ce contrat et cette collectivité. Annulez-le pour en préparer un autre.`
      : `La régularisation ${annee} des frais de gestion de ce contrat et de cette collectivité existe déjà.`
    : nature === 'appel'
      ? `Un appel de cotisation ${annee} existe déjà pour ce contrat et cette collectivité. Annulez-le pour en préparer un autre.`
      : `La régularisation ${annee} de ce contrat et de cette collectivité existe déjà.`;

/**
 * Appels de cotisation (issue 11): the CDG generates a call from the base prévisionnelle (a draft),
 * checks it, issues it; once issued it never changes — a correction is a cancellation and a new
 * call, or the regularisation from the base réelle. Each write is one transaction with its audit.
 */
export function createCotisationsService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: CotisationsRepository;
  /** Run in the émission's transaction (the mail to the collectivité's Administrateurs). */
  apresEmission?: ApresEmission;
}) {
  const { db, clock, audit, repo } = deps;

  async function detail(scope: Scope, id: string, tx: Db = db): Promise<TAppelDetail> {
    const row = await repo.appel(tx, scope, id);
    if (!row) throw appelIntrouvable();
    const [lignes, echeances] = await Promise.all([repo.lignes(tx, id), repo.echeances(tx, id)]);
    return { ...presentAppel(row), lignes: lignes.map(presentLigne), echeances: echeances.map(presentEcheance) };
  }

  /** The unique index caught a second live call of the same contract, collectivité, year, nature and object. */
  function dejaExistant(e: unknown, nature: TAppelNature, objet: TAppelObjet, annee: number): never {
    if (sqlState(e) === '23505') throw Conflict('appel_existant', messageAppelExistant(nature, objet, annee));
    throw e;
  }

  /** A new draft call (or regularisation), its lines and échéances, and its audit event. */
  async function enregistrer(tx: Db, ctx: AuthContext, ip: string, e: AppelPrepare): Promise<AppelRow> {
    const nature = e.values.nature as TAppelNature;
    const appel = await repo
      .insertAppel(tx, {
        ...e.values,
        statut: 'brouillon',
        total: e.calcul.total,
        creePar: ctx.user.id,
        createdAt: clock.now(),
      })
      .catch((err) => dejaExistant(err, nature, (e.values.objet ?? 'cotisation') as TAppelObjet, e.values.annee));
    await repo.insertDetail(tx, appel.id, lignesDb(e.calcul.lignes), e.calcul.echeances);
    await audit.record(tx, actorOf(ctx, ip), {
      entity: 'appel_cotisation',
      entityId: appel.id,
      action: e.action,
      changes: { numero: appel.numero, ...e.changes },
      collectiviteId: appel.collectiviteId,
    });
    return appel;
  }

  async function transition(
    ctx: AuthContext,
    id: string,
    ip: string,
    action: Exclude<TAppelAction, 'encaisser' | 'solder'>,
    extra: (at: Date) => Record<string, unknown> = () => ({}),
  ): Promise<TAppelDetail> {
    cdgOf(ctx);
    const scope = acrossCollectivites(ctx.scope);
    return db.transaction(async (tx) => {
      const row = await repo.appel(tx, scope, id, true);
      if (!row) throw appelIntrouvable();
      const t = transitionAppel(row.a.statut as TAppelStatut, action);
      if (!t.ok) throw Conflict('transition_impossible', t.message);
      const at = clock.now();
      const values = { statut: t.to, ...extra(at) };
      await repo.updateAppel(tx, id, values);
      const { statut: _, ...rest } = values;
      await audit.record(tx, actorOf(ctx, ip), {
        entity: 'appel_cotisation',
        entityId: id,
        action,
        changes: {
          numero: row.a.numero,
          statut: [row.a.statut, t.to],
          ...('motifAnnulation' in rest ? { motif: rest.motifAnnulation } : {}),
        },
        collectiviteId: row.a.collectiviteId,
      });
      const out = await detail(scope, id, tx);
      if (action === 'emettre' && deps.apresEmission) await deps.apresEmission(tx, [out], at);
      return out;
    });
  }

  return {
    detail,

    /** The avis d'appel (PDF) of a call of the scope. */
    async avis(scope: Scope, id: string) {
      const row = await repo.appel(db, scope, id);
      if (!row) throw appelIntrouvable();
      const a = await detail(scope, id);
      return { nom: `avis-${a.numero}.pdf`, pdf: await avisAppelPdf(a, row.cdgNom, parisDate(clock.now())) };
    },

    /** The draft call of a contract, collectivité and year, from the base prévisionnelle. */
    async generer(ctx: AuthContext, input: z.output<typeof ZAppelGenerationInput>, ip: string): Promise<TAppelDetail> {
      const cdgId = cdgOf(ctx);
      const scope = acrossCollectivites(ctx.scope);
      return db.transaction(async (tx) => {
        const ad = await repo.adhesionDe(tx, scope, input.collectiviteId, input.contratId);
        if (!ad) throw NotFound('Cette collectivité n’adhère pas à ce contrat.');
        const debutContrat = Number(ad.dateEffet.slice(0, 4));
        const finContrat = ad.dateFin ? Number(ad.dateFin.slice(0, 4)) : 9999;
        if (input.annee < debutContrat || input.annee > finContrat)
          throw Invalid(`Le contrat ${ad.numero} couvre les années ${debutContrat} à ${finContrat}.`, [
            { field: 'annee', message: `Année hors du contrat (${debutContrat}–${finContrat}).` },
          ]);
        const base = await repo.base(tx, ad.collectiviteId, ad.contratId, input.annee, 'previsionnelle');
        if (!base)
          throw Conflict(
            'base_manquante',
            `${ad.collectiviteNom} n’a pas déclaré sa base prévisionnelle ${input.annee} du contrat ${ad.numero} : l’appel se calcule sur elle.`,
          );
        const c = couverture(ad, input);
        const frais = modeleFrais(await repo.fraisAu(tx, cdgId, c.debutCouverture));
        // Seed 002: the fixed fee counts the CNRACL agents on the first day of the adhesion.
        const effectifCnracl = input.effectifCnracl ?? (await repo.effectifCnracl(tx, ad.collectiviteId, c.debut));
        const prepare = appelsDe(ad, base, input, c, frais, effectifCnracl);
        const appel = await enregistrer(tx, ctx, ip, prepare.cotisation);
        // The CDG calls its fee separately: its own call (annual), payable to the CDG, in the same
        // transaction — unless it is already called (the contribution call was cancelled and made
        // again, for another échéancier: the fee call stands).
        const fraisDejaAppeles =
          prepare.frais &&
          (await repo.appelVivant(tx, {
            collectiviteId: ad.collectiviteId,
            contratId: ad.contratId,
            annee: input.annee,
            nature: 'appel',
            objet: 'frais_gestion',
          }));
        if (prepare.frais && !fraisDejaAppeles) await enregistrer(tx, ctx, ip, prepare.frais);
        return detail(scope, appel.id, tx);
      });
    },

    /**
     * The regularisation of an issued call from the base réelle: per line, réelle − prévisionnelle
     * at the rate called (a complementary call, or an avoir when negative). A draft, like a call.
     */
    async regulariser(
      ctx: AuthContext,
      id: string,
      input: z.output<typeof ZRegularisationInput>,
      ip: string,
    ): Promise<TAppelDetail> {
      cdgOf(ctx);
      const scope = acrossCollectivites(ctx.scope);
      return db.transaction(async (tx) => {
        const row = await repo.appel(tx, scope, id, true);
        if (!row) throw appelIntrouvable();
        const a = row.a;
        const objet = a.objet as TAppelObjet;
        if (a.nature !== 'appel')
          throw Conflict('regularisation_impossible', 'Une régularisation ne se régularise pas : partez de l’appel.');
        if (!a.emisLe || a.statut === 'annule')
          throw Conflict('regularisation_impossible', 'Seul un appel émis (et non annulé) se régularise.');
        if (objet === 'frais_gestion' && !fraisRegularises(a.frais))
          throw Conflict(
            'regularisation_impossible',
            'Les frais de gestion de ce centre de gestion ne sont pas régularisés : ils sont appelés une fois par an sur la base prévisionnelle.',
          );
        const base = await repo.base(tx, a.collectiviteId, a.contratId, a.annee, 'reelle');
        if (!base)
          throw Conflict(
            'base_manquante',
            `${row.collectiviteNom} n’a pas déclaré sa base réelle ${a.annee} du contrat ${row.contratNumero} : la régularisation se calcule sur elle.`,
          );
        const appele = (await repo.lignes(tx, id)).map(presentLigne);
        const libelle = (code: string) => `Cotisation ${code} — base ${typeBaseLabels.reelle.toLowerCase()} ${a.annee}`;
        // A separate fee call has no contribution line: the fee is recomputed on the contract's base.
        const assiettes: AssietteTaux[] =
          objet === 'frais_gestion'
            ? [{ code: row.regime, libelle: libelle(row.regime), assiette: base.assiette, taux: base.tauxCotisation }]
            : appele
                .filter((l) => l.nature === 'cotisation')
                .map((l) => ({
                  code: l.code,
                  libelle: libelle(l.code),
                  assiette: base.assiette,
                  taux: l.taux ?? base.tauxCotisation,
                }));
        const calcul = calculerRegularisation(
          appele,
          {
            annee: a.annee,
            regime: row.regime,
            assiettes,
            frais: a.frais ?? null,
            effectifCnracl: appele.find((l) => l.quantite !== null)?.quantite ?? 0,
            mois: a.mois,
          },
          input.dateEcheance,
          objet,
        );
        const reg = await enregistrer(tx, ctx, ip, {
          values: {
            annee: a.annee,
            nature: 'regularisation',
            objet,
            collectiviteId: a.collectiviteId,
            contratId: a.contratId,
            baseId: base.id,
            appelOrigineId: a.id,
            periodicite: 'annuelle',
            debutCouverture: a.debutCouverture,
            mois: a.mois,
            dateDeliberation: a.dateDeliberation,
            frais: a.frais,
          },
          calcul,
          action: 'regularisation',
          changes: { appelOrigine: a.numero, total: calcul.total, sens: calcul.sens },
        });
        return detail(scope, reg.id, tx);
      });
    },

    /**
     * Records a payment received on an issued call, inside the caller's transaction (the bank
     * statements' matching calls it, with its scope): the amount cashed grows, and the status follows —
     * « payé partiellement » until the total is reached, then « soldé ». Returns the new status.
     */
    async enregistrerEncaissement(
      tx: Db,
      actor: Actor,
      scope: Scope,
      appelId: string,
      montant: number,
    ): Promise<TAppelStatut> {
      if (!Number.isInteger(montant) || montant <= 0)
        throw Invalid('Le montant encaissé doit être positif.', [{ field: 'montant', message: 'Montant positif.' }]);
      const row = await repo.appel(tx, acrossCollectivites(scope), appelId, true);
      if (!row) throw appelIntrouvable();
      const from = row.a.statut as TAppelStatut;
      const encaisse = row.a.encaisse + montant;
      const to = statutApresEncaissement(row.a.total, encaisse);
      const t = transitionAppel(from, to === 'solde' ? 'solder' : 'encaisser');
      if (!t.ok || row.a.total <= 0)
        throw Conflict('transition_impossible', t.ok ? 'Un avoir ne s’encaisse pas.' : t.message);
      await repo.updateAppel(tx, appelId, { encaisse, statut: t.to });
      await audit.record(tx, actor, {
        entity: 'appel_cotisation',
        entityId: appelId,
        action: 'encaissement',
        changes: { numero: row.a.numero, montant, encaisse, statut: from === t.to ? t.to : [from, t.to] },
        collectiviteId: row.a.collectiviteId,
      });
      return t.to;
    },

    /** The CDG checks the draft (seed 002: « vérification et validation des appels de cotisation »). */
    controler: (ctx: AuthContext, id: string, ip: string) =>
      transition(ctx, id, ip, 'controler', (at) => ({ controlePar: ctx.user.id, controleLe: at })),

    /** Issued: the collectivité sees it, and it never changes again. */
    emettre: (ctx: AuthContext, id: string, ip: string) =>
      transition(ctx, id, ip, 'emettre', (at) => ({ emisPar: ctx.user.id, emisLe: at })),

    annuler: (ctx: AuthContext, id: string, motif: string, ip: string) =>
      transition(ctx, id, ip, 'annuler', (at) => ({ annulePar: ctx.user.id, annuleLe: at, motifAnnulation: motif })),

    /** Every call of the filter, most recent first, batch by batch (the export). */
    async *all(scope: Scope, query: Omit<TAppelsQuery, 'apres'>): AsyncGenerator<TAppelOut[]> {
      let apres: string | undefined;
      for (;;) {
        const rows = await repo.list(db, scope, { ...query, apres }, EXPORT_BATCH);
        if (rows.length > 0) yield rows.map(presentAppel);
        if (rows.length < EXPORT_BATCH) return;
        apres = cursorOf(rows.at(-1)!.a);
      }
    },

    async list(scope: Scope, query: TAppelsQuery): Promise<TAppelsPage> {
      const rows = await repo.list(db, scope, query, PAGE + 1);
      const page = rows.slice(0, PAGE);
      return { items: page.map(presentAppel), suivant: rows.length > PAGE ? cursorOf(page.at(-1)!.a) : null };
    },

    // -- the CDG's fee parameters

    async frais(ctx: AuthContext): Promise<TFraisParametreOut[]> {
      return (await repo.frais(db, cdgOf(ctx))).map(presentFrais);
    },

    async ajouterFrais(
      ctx: AuthContext,
      input: z.output<typeof ZFraisParametreInput>,
      ip: string,
    ): Promise<TFraisParametreOut> {
      const cdgId = cdgOf(ctx);
      return db.transaction(async (tx) => {
        const [autre] = await repo.fraisChevauchant(tx, cdgId, input.du, input.au);
        if (autre)
          throw Conflict(
            'frais_chevauchement',
            `Cette période chevauche les paramètres en vigueur à partir du ${formatDate(autre.du)} : terminez-les d’abord.`,
            [
              {
                field: 'du',
                message: `Déjà couverte par la période commencée le ${formatDate(autre.du)} : terminez-la d’abord.`,
              },
            ],
          );
        const row = await repo.insertFrais(tx, {
          cdgId,
          du: input.du,
          au: input.au,
          modele: input.modele,
          montantParAgent: input.modele === 'forfait_agent' ? input.montantParAgent : null,
          tauxCnracl: input.modele === 'pourcentage_assiette' ? input.tauxCnracl : null,
          tauxIrcantec: input.modele === 'pourcentage_assiette' ? input.tauxIrcantec : null,
          regularise: input.regularise,
          appelesSeparement: input.appelesSeparement,
          creePar: ctx.user.id,
          createdAt: clock.now(),
        });
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'cotisation_frais_parametre',
          entityId: row.id,
          action: 'creation',
          changes: {
            du: row.du,
            au: row.au,
            modele: row.modele,
            montantParAgent: row.montantParAgent,
            tauxCnracl: row.tauxCnracl,
            tauxIrcantec: row.tauxIrcantec,
            regularise: row.regularise,
            appelesSeparement: row.appelesSeparement,
          },
          collectiviteId: null,
        });
        return presentFrais(row);
      });
    },

    /** Ends a period (or reopens it), never over another one; the calls already prepared keep their fee. */
    async terminerFrais(
      ctx: AuthContext,
      id: string,
      input: z.output<typeof ZFraisFinInput>,
      ip: string,
    ): Promise<TFraisParametreOut> {
      const cdgId = cdgOf(ctx);
      return db.transaction(async (tx) => {
        const avant = await repo.fraisParId(tx, cdgId, id);
        if (!avant) throw NotFound('Période de frais de gestion introuvable.');
        if (input.au !== null && input.au < avant.du)
          throw Invalid('La fin de la période précède son début.', [
            { field: 'au', message: `La période commence le ${formatDate(avant.du)}.` },
          ]);
        const [chevauche] = await repo.fraisChevauchant(tx, cdgId, avant.du, input.au, id);
        if (chevauche)
          throw Conflict(
            'frais_chevauchement',
            `La période prolongée chevaucherait les paramètres en vigueur à partir du ${formatDate(chevauche.du)}.`,
            [{ field: 'au', message: `Chevaucherait la période commencée le ${formatDate(chevauche.du)}.` }],
          );
        const row = await repo.updateFraisFin(tx, id, input.au);
        await audit.record(tx, actorOf(ctx, ip), {
          entity: 'cotisation_frais_parametre',
          entityId: row.id,
          action: 'modification',
          changes: { au: [avant.au, row.au] },
          collectiviteId: null,
        });
        return presentFrais(row);
      });
    },
  };
}

export type CotisationsService = ReturnType<typeof createCotisationsService>;
