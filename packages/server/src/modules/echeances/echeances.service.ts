import {
  echeancesSinistre,
  estAccident,
  pieceEstPresente,
  type TEcheanceDossier,
  type TPieceDocumentStatut,
  type TRisque,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { parisDate } from '../../lib/clock.js';
import type { EcheancesRepository } from './echeances.repository.js';

/** What a file's pages already read, from which its clocks are computed (rows as the repositories give them). */
export type EcheancesSource = {
  sinistre: {
    categorie: string;
    dateSurvenance: string;
    contratId: string;
    createdAt: Date;
    imputabilite: string | null;
    imputabiliteDate: string | null;
  };
  garanties: readonly { risque: string; delaiDeclarationJours: number; delaiPiecesJours: number }[];
  arrets: readonly { id: string; debut: string; fin: string; createdAt: Date }[];
  pieces: readonly { statut: string; createdAt: Date }[];
  /** The mandatory pieces still missing. */
  manquantes: number;
  /** The enquête says a doubt remains: an enquête, médecin agréé or conseil médical is needed. */
  instructionComplementaire: boolean;
};

/**
 * The clocks of a file (issue 13), for the employer's sinistre page and the handler's file alike:
 * one reading of the rows into `echeancesSinistre`. Days are French days (`parisDate`).
 */
export function createEcheancesService(deps: { repo: EcheancesRepository }) {
  return {
    async sinistre(executor: Db, src: EcheancesSource, aujourdhui: string): Promise<TEcheanceDossier[]> {
      const s = src.sinistre;
      const categorie = s.categorie as TRisque;
      const garantie = src.garanties.find((g) => g.risque === s.categorie) ?? null;
      // The employer enters a declaration when he receives it: the day it reached Statutis (as `controlerDossier`).
      const declareLe = parisDate(s.createdAt);
      // Complete since the last piece present arrived: the day the last missing one came in.
      const presentes = src.pieces.filter((p) => pieceEstPresente(p.statut as TPieceDocumentStatut));
      // ISO days sort as text: the last of them is the latest.
      const piecesCompletesLe =
        src.manquantes > 0 ? null : [declareLe, ...presentes.map((p) => parisDate(p.createdAt))].sort().at(-1)!;
      return echeancesSinistre(
        {
          sinistre: { categorie, dateSurvenance: s.dateSurvenance, declareLe },
          contratFin: await deps.repo.contratFin(executor, s.contratId),
          garantie,
          arrets: src.arrets.map((a) => ({ id: a.id, debut: a.debut, fin: a.fin, declareLe: parisDate(a.createdAt) })),
          piecesCompletesLe,
          citis: estAccident(categorie)
            ? {
                instructionComplementaire: src.instructionComplementaire,
                decideeLe: s.imputabilite ? s.imputabiliteDate : null,
              }
            : null,
        },
        aujourdhui,
      );
    },
  };
}
export type EcheancesService = ReturnType<typeof createEcheancesService>;
