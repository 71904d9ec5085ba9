import type { TAppelDetail, TAppelStatut, TLotResultat } from '@statutis/domain';
import { transitionAppel } from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { Audit, AuditEntry } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { groupBy } from '../../lib/group-by.js';
import { acrossCollectivites } from '../../lib/scope.js';
import type { AppelRow, CotisationsRepository, FraisRow, NewAppel } from './cotisations.repository.js';
import {
  type AppelPrepare,
  type ApresEmission,
  appelsDe,
  cdgOf,
  couverture,
  lignesDb,
  messageAppelExistant,
  modeleFrais,
  presentAppel,
  presentEcheance,
  presentLigne,
} from './cotisations.service.js';

/** Calls per transaction of the bulk generation (the bulk transitions take at most 100 ids). */
const GENERATION_LOT = 100;

/** The parameters in force on a day among the CDG's (`fraisAu`, read once for the whole batch). */
const fraisAu = (frais: readonly FraisRow[], jour: string) =>
  frais.find((f) => f.du <= jour && (f.au === null || f.au >= jour)) ?? null;

/**
 * The CDG's bulk actions on the calls (issue 11), set-based: a batch is one transaction of a few
 * statements — the calls read and locked together, the rule of the domain applied to each in
 * memory, one UPDATE (or multi-row INSERT), the audit events in one INSERT, the mails of the issued
 * calls in three statements — instead of a transaction of a dozen round trips per call (measured:
 * 1 000 calls took minutes, see bench `cotisations`). A call the rule refuses (wrong status, out of
 * the scope, its twin already generated) is reported in `echecs` and does not stop the others; an
 * unexpected error rolls the batch back whole.
 */
export function createAppelsLots(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: CotisationsRepository;
  apresEmission?: ApresEmission;
}) {
  const { db, clock, audit, repo } = deps;

  async function transitionLot(
    ctx: AuthContext,
    ids: readonly string[],
    ip: string,
    action: 'controler' | 'emettre',
  ): Promise<TLotResultat> {
    cdgOf(ctx);
    const scope = acrossCollectivites(ctx.scope);
    const uniques = [...new Set(ids)];
    return db.transaction(async (tx) => {
      const rows = new Map((await repo.appelsLot(tx, scope, uniques)).map((r) => [r.a.id, r]));
      const echecs: TLotResultat['echecs'] = [];
      const faits: { row: NonNullable<ReturnType<typeof rows.get>>; to: TAppelStatut }[] = [];
      for (const id of uniques) {
        const row = rows.get(id);
        if (!row) {
          echecs.push({ id, numero: null, message: 'Appel de cotisation introuvable.' });
          continue;
        }
        const t = transitionAppel(row.a.statut as TAppelStatut, action);
        if (t.ok) faits.push({ row, to: t.to });
        else echecs.push({ id, numero: row.a.numero, message: t.message });
      }
      const at = clock.now();
      const values: Partial<NewAppel> =
        action === 'controler' ? { controlePar: ctx.user.id, controleLe: at } : { emisPar: ctx.user.id, emisLe: at };
      // One UPDATE per target status (a transition's target does not depend on the call, but stay general).
      for (const to of new Set(faits.map((f) => f.to)))
        await repo.updateAppels(
          tx,
          faits.filter((f) => f.to === to).map((f) => f.row.a.id),
          { ...values, statut: to },
        );
      await audit.recordMany(
        tx,
        actorOf(ctx, ip),
        faits.map(
          ({ row, to }): AuditEntry => ({
            entity: 'appel_cotisation',
            entityId: row.a.id,
            action,
            changes: { numero: row.a.numero, statut: [row.a.statut, to] },
            collectiviteId: row.a.collectiviteId,
          }),
        ),
      );
      if (action === 'emettre' && deps.apresEmission && faits.length > 0) {
        const faitsIds = faits.map((f) => f.row.a.id);
        const [lignes, echeances] = await Promise.all([repo.lignesLot(tx, faitsIds), repo.echeancesLot(tx, faitsIds)]);
        const lignesDe = groupBy(lignes, (l) => l.appelId);
        const echeancesDe = groupBy(echeances, (e) => e.appelId);
        const details = faits.map(
          ({ row, to }): TAppelDetail => ({
            ...presentAppel({ ...row, a: { ...row.a, ...values, statut: to } as AppelRow }),
            lignes: (lignesDe.get(row.a.id) ?? []).map(presentLigne),
            echeances: (echeancesDe.get(row.a.id) ?? []).map(presentEcheance),
          }),
        );
        await deps.apresEmission(tx, details, at);
      }
      return { faits: faits.length, echecs };
    });
  }

  /**
   * Drafts for the given adhesions of the year, from their bases prévisionnelles (annual échéance,
   * no délibération), `GENERATION_LOT` per transaction.
   */
  async function genererLot(
    ctx: AuthContext,
    annee: number,
    keys: readonly { collectiviteId: string; contratId: string }[],
    ip: string,
  ): Promise<TLotResultat> {
    const cdgId = cdgOf(ctx);
    const scope = acrossCollectivites(ctx.scope);
    const input = { annee, periodicite: 'annuelle' as const, dateDeliberation: null };
    const result: TLotResultat = { faits: 0, echecs: [] };
    const frais = await repo.frais(db, cdgId);
    for (let i = 0; i < keys.length; i += GENERATION_LOT) {
      const part = keys.slice(i, i + GENERATION_LOT);
      await db.transaction(async (tx) => {
        const entrees = await repo.entreesGeneration(tx, scope, annee, part);
        const prepares: ReturnType<typeof appelsDe>[] = [];
        for (const e of entrees) {
          try {
            const c = couverture(e, input);
            prepares.push(
              appelsDe(
                e,
                { id: e.baseId, ...e },
                input,
                c,
                modeleFrais(fraisAu(frais, c.debutCouverture)),
                e.effectifCnracl,
              ),
            );
          } catch (err) {
            if (!(err instanceof AppError) || err.status >= 500) throw err;
            result.echecs.push({ id: `${e.collectiviteId}/${e.contratId}`, numero: null, message: err.detail });
          }
        }
        const at = clock.now();
        const brouillon = (p: AppelPrepare): NewAppel => ({
          ...p.values,
          statut: 'brouillon',
          total: p.calcul.total,
          creePar: ctx.user.id,
          createdAt: at,
        });
        const cle = (a: { collectiviteId: string; contratId: string }) => `${a.collectiviteId}/${a.contratId}`;
        const inserted = await repo.insertAppels(
          tx,
          prepares.map((p) => brouillon(p.cotisation)),
        );
        const parCle = new Map(inserted.map((a) => [cle(a), a]));
        // The CDG calls its fee separately: the fee calls of the contribution calls just made, in one
        // more statement. A fee call already live (the contribution call was cancelled and made again)
        // stands: the unique index skips its twin, as `generer` does.
        const insertedFrais = await repo.insertAppels(
          tx,
          prepares.flatMap((p) => (p.frais && parCle.has(cle(p.cotisation.values)) ? [brouillon(p.frais)] : [])),
        );
        const parCleFrais = new Map(insertedFrais.map((a) => [cle(a), a]));
        const entries: AuditEntry[] = [];
        const lignes: Parameters<typeof repo.insertDetails>[1] = [];
        const echeances: Parameters<typeof repo.insertDetails>[2] = [];
        const detailDe = (p: AppelPrepare, appel: AppelRow) => {
          for (const [k, l] of lignesDb(p.calcul.lignes).entries())
            lignes.push({ ...l, appelId: appel.id, rang: k + 1 });
          for (const e of p.calcul.echeances) echeances.push({ ...e, appelId: appel.id });
          entries.push({
            entity: 'appel_cotisation',
            entityId: appel.id,
            action: p.action,
            changes: { numero: appel.numero, ...p.changes },
            collectiviteId: appel.collectiviteId,
          });
        };
        for (const p of prepares) {
          const k = cle(p.cotisation.values);
          const appel = parCle.get(k);
          if (!appel) {
            result.echecs.push({ id: k, numero: null, message: messageAppelExistant('appel', 'cotisation', annee) });
            continue;
          }
          detailDe(p.cotisation, appel);
          const appelFrais = parCleFrais.get(k);
          if (p.frais && appelFrais) detailDe(p.frais, appelFrais);
        }
        await repo.insertDetails(tx, lignes, echeances);
        await audit.recordMany(tx, actorOf(ctx, ip), entries);
        result.faits += inserted.length + insertedFrais.length;
      });
    }
    return result;
  }

  return {
    controler: (ctx: AuthContext, ids: readonly string[], ip: string) => transitionLot(ctx, ids, ip, 'controler'),
    /** Each checked call issued, with its mail (see `mailAppelEmis`), the batch in one transaction. */
    emettre: (ctx: AuthContext, ids: readonly string[], ip: string) => transitionLot(ctx, ids, ip, 'emettre'),
    genererLot,
  };
}

export type AppelsLots = ReturnType<typeof createAppelsLots>;
