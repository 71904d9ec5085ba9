import { lireReleveCamt053 } from './camt053.js';
import { lireReleveCsv } from './csv.js';
import { type LectureReleve, RELEVE_TAILLE_MAX } from './releve.js';

export { centsFromDecimal, type LectureReleve, RELEVE_LIGNES_MAX, RELEVE_TAILLE_MAX } from './releve.js';

/**
 * Reads a bank statement of either format: XML (after a BOM and blanks) is CAMT.053, anything else
 * the bank's CSV export. A file over the size limit is refused before reading.
 */
export async function lireReleve(contenu: Buffer): Promise<LectureReleve> {
  if (contenu.length > RELEVE_TAILLE_MAX)
    return {
      ok: false,
      format: null,
      erreurs: [
        {
          ligne: 1,
          colonne: '',
          message: `Fichier trop volumineux : ${RELEVE_TAILLE_MAX / 1024 / 1024} Mo au plus.`,
        },
      ],
    };
  const debut = contenu
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (debut.startsWith('<')) {
    const xml = contenu.toString('utf8').replace(/^\uFEFF/, '');
    return lireReleveCamt053(xml);
  }
  return lireReleveCsv(contenu);
}
