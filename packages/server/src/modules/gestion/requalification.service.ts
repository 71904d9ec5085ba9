import {
  appliquerRequalification,
  formatDate,
  risqueLabels,
  type TArretType,
  type TGarantie,
  type TRegime,
  type TRisque,
} from '@statutis/domain';
import type { Db } from '../../db/client.js';
import { Invalid } from '../../http/errors.js';
import { marquerRecalcul } from '../remboursements/recalcul.service.js';
import type { DecisionSinistreRow, DecisionsRepository } from './decisions.repository.js';

/**
 * Applies an accepted requalification to the sinistre (domain `appliquerRequalification`): every arrêt
 * carries its category from now on (those before the date keep the old one), the arrêt spanning the
 * date is split — shortened to the day before, and a prolongation from the date in the new category
 * tied to it by `origine_id` (same certificate: its end, its pieces, its salary data) — and the
 * sinistre takes the new category with the day its reimbursement must be recomputed from.
 */
export async function requalifier(
  tx: Db,
  input: {
    repo: DecisionsRepository;
    sinistre: DecisionSinistreRow;
    vers: TRisque;
    aCompterDu: string;
    garanties: readonly Pick<TGarantie, 'risque' | 'couvert'>[];
    at: Date;
  },
): Promise<{ scindes: number; recalculDepuis: string }> {
  const { repo, sinistre: s } = input;
  const rows = await repo.arrets(tx, s);
  const result = appliquerRequalification({
    arrets: rows.map((a) => ({
      id: a.id,
      type: a.type as TArretType,
      debut: a.debut,
      fin: a.fin,
      categorie: (a.categorie ?? s.categorie) as TRisque,
    })),
    vers: input.vers,
    aCompterDu: input.aCompterDu,
    regime: s.regime as TRegime,
    de: s.categorie as TRisque,
    garanties: input.garanties,
  });
  if (!result.ok) throw Invalid(result.message, [{ field: 'periode.debut', message: result.message }]);

  const byId = new Map(rows.map((a) => [a.id, a]));
  for (const a of result.arrets) {
    const before = byId.get(a.arretId)!;
    await repo.updateArret(
      tx,
      a.arretId,
      a.effet === 'raccourci'
        ? // The certificate still says its own end; the return to work belongs to the second part.
          { fin: a.fin, categorie: a.categorie, finCertificat: before.finCertificat ?? before.fin, reprise: null }
        : { categorie: a.categorie },
    );
  }
  for (const n of result.nouveaux) {
    const { id: _id, ...origine } = byId.get(n.origineId)!;
    await repo.insertArret(tx, {
      ...origine,
      type: n.type,
      debut: n.debut,
      fin: n.fin,
      categorie: n.categorie,
      origineId: n.origineId,
    });
  }
  await repo.requalifierSinistre(tx, s.id, result.categorieSinistre, input.at);
  const vers = risqueLabels[result.categorieSinistre as TRisque];
  await marquerRecalcul(tx, {
    cible: { sinistreId: s.id },
    du: result.recalculDepuis,
    motif: (numero) =>
      `Requalification en « ${vers} » acceptée à compter du ${formatDate(input.aCompterDu)}${numero ? `, après le décompte n° ${numero}` : ''}.`,
    toujours: true,
    at: input.at,
  });
  return { scindes: result.nouveaux.length, recalculDepuis: result.recalculDepuis };
}
