import type { TRisque } from '../contrats/contrats.schemas.js';
import { appliquerRequalification } from '../gestion/requalification.rules.js';
import { calculerRemboursement } from './moteur.js';
import type {
  ArretMoteur,
  EntreeMoteur,
  RegularisationMois,
  ResultatRemboursement,
  ResultatRequalification,
} from './moteur.types.js';

/**
 * Old vs new costing (§6.1.16): both inputs are costed whole, and each month of a sinistre under a
 * contract is regularised by new rounded month − old rounded month (never a silent rewrite).
 */
export function calculerRequalification(avant: EntreeMoteur, apres: EntreeMoteur): ResultatRequalification {
  const ancien = calculerRemboursement(avant);
  const nouveau = calculerRemboursement(apres);
  return { ancien, nouveau, ...regularisations(ancien, nouveau) };
}

/** The per-month differences between two costings of the same period, months of either side included. */
export function regularisations(
  ancien: ResultatRemboursement,
  nouveau: ResultatRemboursement,
): { regularisations: RegularisationMois[]; total: number } {
  const lignes = new Map<string, RegularisationMois>();
  const ligne = (m: { sinistreId: string; contratId: string; mois: string }) => {
    const cle = `${m.mois}|${m.sinistreId}|${m.contratId}`;
    let l = lignes.get(cle);
    if (!l) {
      l = { sinistreId: m.sinistreId, contratId: m.contratId, mois: m.mois, ancien: 0, nouveau: 0, difference: 0 };
      lignes.set(cle, l);
    }
    return l;
  };
  for (const m of ancien.mois) ligne(m).ancien += m.rembourse;
  for (const m of nouveau.mois) ligne(m).nouveau += m.rembourse;
  const liste = [...lignes.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, l]) => ({ ...l, difference: l.nouveau - l.ancien }))
    .filter((l) => l.difference !== 0 || l.ancien !== 0);
  return { regularisations: liste, total: liste.reduce((n, l) => n + l.difference, 0) };
}

/**
 * The engine's input after a requalification of one sinistre, with the same split as the accepted
 * decision (`appliquerRequalification`): arrêts before the date keep their category, those after take
 * the new one, the arrêt spanning it is split (the new part keeps the certificate's dates of sending
 * and reception). Null, with the reason, when the requalification is not allowed.
 */
export function entreeRequalifiee(
  entree: EntreeMoteur,
  requalification: { sinistreId: string; de: TRisque; vers: TRisque; aCompterDu: string },
): { ok: true; entree: EntreeMoteur } | { ok: false; message: string } {
  const duSinistre = entree.arrets.filter((a) => a.sinistreId === requalification.sinistreId);
  const r = appliquerRequalification({
    arrets: duSinistre,
    vers: requalification.vers,
    aCompterDu: requalification.aCompterDu,
    regime: entree.agent.regime,
    de: requalification.de,
  });
  if (!r.ok) return r;
  const parId = new Map(duSinistre.map((a) => [a.id, a]));
  const arrets: ArretMoteur[] = entree.arrets.filter((a) => a.sinistreId !== requalification.sinistreId);
  for (const a of r.arrets)
    arrets.push({ ...parId.get(a.arretId)!, debut: a.debut, fin: a.fin, categorie: a.categorie });
  for (const n of r.nouveaux)
    arrets.push({
      ...parId.get(n.origineId)!,
      id: `${n.origineId}@${n.debut}`,
      type: n.type,
      debut: n.debut,
      fin: n.fin,
      categorie: n.categorie,
    });
  return { ok: true, entree: { ...entree, arrets } };
}
