import {
  numeroSinistre,
  risqueLabels,
  type TRenouvellementApercu,
  type TRenouvellementQuery,
  type TRenouvellementResultat,
  type TRenouvellementSinistresPage,
  type TRenouvellementSinistresQuery,
  type TRisque,
  verifierSuccession,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { type AuthContext, actorOf } from '../../http/context.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../http/errors.js';
import type { Audit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { acrossCollectivites, type StaffScope } from '../../lib/scope.js';
import { contratsPolicy } from './contrats.policy.js';
import {
  type ContratRenouvellementRow,
  curseurCollectivite,
  curseurSinistre,
  lireCurseurCollectivite,
  lireCurseurSinistre,
  type RenouvellementRepository,
  type SinistreSplitRow,
  type Split,
} from './renouvellement.repository.js';

const PAGE = 20;

function backOffice(ctx: AuthContext): StaffScope {
  if (!contratsPolicy.gereContrats(ctx.scope)) throw Forbidden('Cette action est réservée aux gestionnaires.');
  return acrossCollectivites(ctx.scope);
}

const resume = (c: ContratRenouvellementRow) => ({
  id: c.id,
  numero: c.numero,
  libelle: c.libelle,
  dateEffet: c.dateEffet,
  dateFin: c.dateFin,
});

/**
 * Contract renewal (issue 11, domain §10): the split of contract A's sinistres around its
 * successor B's effective date, and the switch that carries A's adherents to B and moves to B the
 * sinistres whose arrêt chain starts under it. The chains started before stay with A.
 */
export function createRenouvellementService(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  repo: RenouvellementRepository;
  /** The recount and the work queue's refresh of the sinistres moved (`sinistre-changed.ts`). */
  sinistresChanged: (tx: Db, ids: readonly string[]) => Promise<unknown>;
}) {
  const { db, repo, audit } = deps;

  /** A and B of the scope, checked for the succession; 404 for a contract out of the scope. */
  async function resoudre(executor: Db, scope: StaffScope, contratId: string, successeurId: string, lock = false) {
    const rows = await repo.contrats(executor, scope, [contratId, successeurId], lock);
    const a = rows.find((r) => r.id === contratId);
    if (!a) throw NotFound('Contrat introuvable.');
    const b = rows.find((r) => r.id === successeurId);
    if (!b && successeurId !== contratId) throw NotFound('Contrat successeur introuvable.');
    const succession = verifierSuccession(a, b ?? a);
    if (!succession.ok) throw Invalid(succession.erreurs[0]!.message, succession.erreurs);
    const split: Split = { a: a.id, b: b!.id, dateBascule: succession.dateBascule };
    return { a, b: b!, succession, split };
  }

  const problemes = (r: SinistreSplitRow, numeroB: string, numeroA: string) => {
    const p: string[] = [];
    if (r.categorie_non_couverte)
      p.push(
        `La catégorie « ${risqueLabels[r.categorie as TRisque]} » n’est pas couverte par le contrat n° ${numeroB}.`,
      );
    if (r.decomptes) p.push(`Des décomptes ont déjà été établis sur le contrat n° ${numeroA}.`);
    return p;
  };

  return {
    async apercu(ctx: AuthContext, contratId: string, q: TRenouvellementQuery): Promise<TRenouvellementApercu> {
      const scope = backOffice(ctx);
      const apres = q.apres ? lireCurseurCollectivite(q.apres) : null;
      if (q.apres && !apres)
        throw Invalid('Clé de page invalide.', [{ field: 'apres', message: 'Clé de page invalide.' }]);
      const { a, b, succession, split } = await resoudre(db, scope, contratId, q.successeurId);
      const { totaux, page } = await repo.apercu(db, scope, split, apres, PAGE + 1);
      const suivant = page.length > PAGE ? curseurCollectivite(page[PAGE - 1]!) : null;
      return {
        contrat: resume(a),
        successeur: resume(b),
        dateBascule: succession.dateBascule,
        finAncien: succession.finAncien,
        finAvancee: succession.finAvancee,
        effectue: a.successeurId === b.id && !succession.finAvancee,
        totaux,
        collectivites: page.slice(0, PAGE).map((r) => ({
          collectiviteId: r.collectivite_id,
          nom: r.nom,
          dateAdhesion: r.date_adhesion,
          adhesionSuccesseur: r.adhesion_successeur,
          restent: r.restent,
          basculent: r.basculent,
          bloquants: r.bloquants,
          optionsNonAssurees: r.options_non_assurees,
        })),
        suivant,
      };
    },

    async sinistres(
      ctx: AuthContext,
      contratId: string,
      q: TRenouvellementSinistresQuery,
    ): Promise<TRenouvellementSinistresPage> {
      const scope = backOffice(ctx);
      const apres = q.apres ? lireCurseurSinistre(q.apres) : null;
      if (q.apres && apres === null)
        throw Invalid('Clé de page invalide.', [{ field: 'apres', message: 'Clé de page invalide.' }]);
      const { a, b, split } = await resoudre(db, scope, contratId, q.successeurId);
      const rows = await repo.sinistres(
        db,
        scope,
        split,
        { sens: q.sens, collectiviteId: q.collectiviteId, apres },
        PAGE + 1,
      );
      return {
        items: rows.slice(0, PAGE).map((r) => ({
          id: r.id,
          numero: numeroSinistre({ numero: r.numero, dateSurvenance: r.date_survenance }),
          collectiviteId: r.collectivite_id,
          collectivite: r.collectivite,
          agent: r.agent,
          categorie: r.categorie as TRisque,
          dateSurvenance: r.date_survenance,
          debutChaine: r.debut_chaine,
          sansArret: r.sans_arret,
          statut: r.statut,
          problemes: r.debut_chaine >= split.dateBascule ? problemes(r, b.numero, a.numero) : [],
        })),
        suivant: rows.length > PAGE ? curseurSinistre(rows[PAGE - 1]!) : null,
      };
    },

    /**
     * The switch, in one transaction: A ends on B's eve with B as its successor, A's adherents join
     * B from its effective date, the sinistres whose chain starts under B move to it. Refused while
     * something blocks; run again, it finds nothing left to do and records nothing.
     */
    async basculer(
      ctx: AuthContext,
      contratId: string,
      input: { successeurId: string },
      ip: string,
    ): Promise<TRenouvellementResultat> {
      const scope = backOffice(ctx);
      return db.transaction(async (tx) => {
        const { a, b, succession, split } = await resoudre(tx, scope, contratId, input.successeurId, true);
        const { totaux } = await repo.apercu(tx, scope, split, null, 0);
        if (totaux.bloquants > 0)
          throw Conflict(
            'renouvellement_bloque',
            totaux.bloquants === 1
              ? 'Le renouvellement est bloqué par 1 point à régler : voyez la liste des points bloquants.'
              : `Le renouvellement est bloqué par ${totaux.bloquants} points à régler : voyez la liste des points bloquants.`,
          );
        const termine = await repo.terminer(tx, split, succession.finAncien);
        const adhesions = await repo.reporterAdhesions(tx, scope, split);
        const sinistres = await repo.basculerSinistres(tx, scope, split, deps.clock.now());
        await deps.sinistresChanged(
          tx,
          sinistres.map((s) => s.id),
        );
        const dejaEffectue = !termine && adhesions.length === 0 && sinistres.length === 0;
        if (!dejaEffectue) {
          const actor = actorOf(ctx, ip);
          await audit.record(
            tx,
            { ...actor, collectiviteId: null },
            {
              entity: 'contrat',
              entityId: a.id,
              action: 'renouvellement',
              changes: {
                successeur: b.numero,
                dateBascule: split.dateBascule,
                ...(a.dateFin !== succession.finAncien ? { dateFin: [a.dateFin, succession.finAncien] } : {}),
                adhesionsCreees: adhesions.length,
                sinistresBascules: sinistres.length,
              },
            },
          );
          for (const collectiviteId of adhesions)
            await audit.record(tx, actor, {
              entity: 'adhesion',
              entityId: b.id,
              action: 'adhesion',
              changes: { contrat: b.numero, dateAdhesion: split.dateBascule, renouvellementDe: a.numero },
              collectiviteId,
            });
          for (const s of sinistres)
            await audit.record(tx, actor, {
              entity: 'sinistre',
              entityId: s.id,
              action: 'changement_contrat',
              changes: {
                sinistre: numeroSinistre({ numero: s.numero, dateSurvenance: s.date_survenance }),
                contrat: [a.numero, b.numero],
              },
              collectiviteId: s.collectivite_id,
            });
        }
        return {
          contratId: a.id,
          successeurId: b.id,
          dateBascule: split.dateBascule,
          finAncien: succession.finAncien,
          adhesionsCreees: adhesions.length,
          sinistresBascules: sinistres.length,
          dejaEffectue,
        };
      });
    },
  };
}
export type RenouvellementService = ReturnType<typeof createRenouvellementService>;
