import {
  arretRequis,
  categoriesAutorisees,
  delaiDeclaration,
  dureeArret,
  messageArretManquant,
  numeroSinistre as numero,
  type TArretType,
  type TGarantie,
  type TRisque,
  type TSinistre,
  type TSinistreDetail,
  type TSinistreStatut,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import type { TenantContext } from '../../http/context.js';
import { NotFound } from '../../http/errors.js';
import { type Clock, parisDate } from '../../lib/clock.js';
import type { ArretRow, ArretsRepository } from '../arrets/arrets.repository.js';
import type { BaseAssuranceService } from '../base-assurance/base-assurance.service.js';
import type { EcheancesService } from '../echeances/echeances.service.js';
import type { EnqueteRepository } from '../enquete/enquete.repository.js';
import { presentEnquete } from '../enquete/enquete.service.js';
import type { PiecesService } from '../pieces/pieces.service.js';
import { sinistresPolicy } from './sinistres.policy.js';
import type { SinistreRow, SinistresRepository } from './sinistres.repository.js';

/** A sinistre as lists show it. */
export function present(row: SinistreRow): TSinistre {
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

/**
 * The detail of a sinistre as the employer's pages show it: its arrêts, the pieces it misses, the
 * declaration's deadline, the enquête (its medical details by the one medical rule), requalification
 * requests, comments and the file's clocks (`echeances`). Read with the caller's executor, so a change reads what it just wrote.
 */
export function createSinistreDetail(deps: {
  repo: SinistresRepository;
  arrets: ArretsRepository;
  enquete: EnqueteRepository;
  bases: BaseAssuranceService;
  pieces: PiecesService;
  echeances: EcheancesService;
  clock: Clock;
}) {
  const { repo } = deps;
  return async function detail(executor: Db, ctx: TenantContext, id: string): Promise<TSinistreDetail> {
    const row = await repo.find(executor, ctx.scope, id);
    if (!row) throw NotFound('Sinistre introuvable.');
    const [arrets, enquete, requalifications, commentaires, garanties] = await Promise.all([
      deps.arrets.arrets(executor, ctx.scope, id),
      deps.enquete.enquete(executor, ctx.scope, id),
      repo.requalifications(executor, ctx.scope, id),
      repo.commentaires(executor, ctx.scope, id),
      repo.garanties(executor, row.contratId),
    ]);
    const { manquantes, catalogue, regime, pieces } = await deps.pieces.exigences(executor, ctx.scope, row, arrets);
    const categorie = row.categorie as TRisque;
    const garantie = garanties.find((g) => g.risque === row.categorie);
    const [elementsAssures, echeances] = await Promise.all([
      deps.bases.elementsAssures(executor, ctx.collectiviteId, row.contratId, Number(row.dateSurvenance.slice(0, 4))),
      deps.echeances.sinistre(
        executor,
        {
          sinistre: row,
          garanties,
          arrets,
          pieces,
          manquantes: manquantes.length,
          instructionComplementaire: enquete?.doute ?? false,
        },
        parisDate(deps.clock.now()),
      ),
    ]);
    return {
      ...present(row),
      arrets: arrets.map((a) => ({
        id: a.id,
        type: a.type as TArretType,
        debut: a.debut,
        fin: a.fin,
        reprise: a.reprise,
        finCertificat: a.finCertificat ?? a.fin,
        jours: dureeArret(a),
        horsDelai: a.horsDelai,
        declareLe: a.createdAt.toISOString(),
        quotiteTpt: a.quotiteTpt,
        salaire: salaireOf(a),
        nePasProratiser: a.nePasProratiser,
        certificatRecuLe: a.certificatRecuLe,
        grossesse: a.grossesse,
        ald: a.ald,
      })),
      piecesManquantes: manquantes,
      arretManquant:
        arrets.length === 0 && arretRequis(catalogue, { categorie, regime, arretTravail: row.arretTravail })
          ? messageArretManquant(categorie)
          : null,
      declaration: garantie
        ? delaiDeclaration(row.dateSurvenance, parisDate(row.createdAt), garantie.delaiDeclarationJours, row.contratFin)
        : null,
      elementsAssures,
      echeances,
      enquete: enquete ? presentEnquete(enquete, sinistresPolicy.litMedical(ctx.scope)) : null,
      imputabilite:
        row.imputabilite && row.imputabiliteDate
          ? {
              decision: row.imputabilite as 'reconnue' | 'refusee',
              date: row.imputabiliteDate,
              arretTravail: row.arretTravail ?? false,
            }
          : null,
      // The contract's regime: the one the sinistre was declared under.
      categoriesRequalification: categoriesAutorisees(regime, garanties as TGarantie[]).filter(
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
  };
}
