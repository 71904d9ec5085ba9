import { Readable } from 'node:stream';
import { formatDate, risqueLabels, sinistreStatutLabels, type TSinistre } from '@statutis/domain';
import { parisDate } from '../../lib/clock.js';
import { CSV_BOM, csvLine } from '../../lib/csv/write.js';

const columns: { header: string; value: (s: TSinistre) => string | null }[] = [
  { header: 'Numéro', value: (s) => s.numero },
  { header: 'Nom', value: (s) => s.agentNom },
  { header: 'Prénom', value: (s) => s.agentPrenom },
  { header: 'Catégorie', value: (s) => risqueLabels[s.categorie] },
  { header: 'Date de survenance', value: (s) => formatDate(s.dateSurvenance) },
  { header: 'Statut', value: (s) => sinistreStatutLabels[s.statut] },
  { header: 'Hors délai', value: (s) => (s.horsDelai ? 'oui' : 'non') },
  { header: 'Tiers impliqué', value: (s) => (s.tiersImplique ? 'oui' : 'non') },
  { header: 'Contrat', value: (s) => s.contratNumero },
  { header: 'Déclaré le', value: (s) => formatDate(parisDate(new Date(s.creeLe))) },
];

/** CSV as French Excel reads it: UTF-8 with BOM, `;`, CRLF, dates jj/mm/aaaa. */
export function sinistresCsv(batches: AsyncIterable<TSinistre[]>): Readable {
  return Readable.from(
    (async function* () {
      // The header leaves with the first batch: the download starts only once the first query has answered.
      let header = CSV_BOM + csvLine(columns.map((c) => c.header));
      for await (const batch of batches) {
        yield header + batch.map((s) => csvLine(columns.map((c) => c.value(s)))).join('');
        header = '';
      }
      if (header) yield header;
    })(),
  );
}
