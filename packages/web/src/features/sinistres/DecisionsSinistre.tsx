import { Table, VisuallyHidden } from '@mantine/core';
import {
  decisionLabels,
  formatDate,
  referenceNatureLabels,
  risqueLabels,
  type TDecisionOut,
  type TDecisionsDuSinistre,
} from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import { DownloadLink } from '../../components/Download';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { api } from '../../lib/api';
import { SINISTRES_ENDPOINT } from './api';

/** « du 01/03/2026 au 31/03/2026 », « à compter du 01/03/2026 », « jusqu’au 31/12/2026 », or a dash. */
export function periodeDecision(d: TDecisionOut): string {
  const p = d.periode;
  if (d.type === 'cloture' && p?.debut) return `au ${formatDate(p.debut)}`;
  if (p?.debut && p.fin) return `du ${formatDate(p.debut)} au ${formatDate(p.fin)}`;
  if (p?.debut) return `à compter du ${formatDate(p.debut)}`;
  return p?.fin ? `jusqu’au ${formatDate(p.fin)}` : '—';
}

/** The decisions of a sinistre, newest first, each with its letter to download. */
export function DecisionsTable({
  numero,
  decisions,
  lettrePath,
}: {
  numero: string;
  decisions: readonly TDecisionOut[];
  lettrePath: (decisionId: string) => string;
}) {
  return (
    <ScrollTable caption={`Décisions sur le sinistre n° ${numero}`} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Décision</Table.Th>
          <Table.Th scope="col">Période</Table.Th>
          <Table.Th scope="col">Motif et référence</Table.Th>
          <Table.Th scope="col">Par</Table.Th>
          <Table.Th scope="col">Le</Table.Th>
          <Table.Th scope="col">Lettre</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {decisions.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Th scope="row" fw={500}>
              {decisionLabels[d.type]}
              {d.categorie && ` : ${risqueLabels[d.categorie]}`}
            </Table.Th>
            <Table.Td>{periodeDecision(d)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'pre-line' }}>
              {[d.motif, d.reference && `${referenceNatureLabels[d.reference.nature]} : ${d.reference.texte}`]
                .filter(Boolean)
                .join('\n') || '—'}
            </Table.Td>
            <Table.Td>{d.auteur}</Table.Td>
            <Table.Td>{formatDate(d.decideLe)}</Table.Td>
            <Table.Td>
              <DownloadLink path={lettrePath(d.id)} fileName={`decision-${numero}.pdf`}>
                Lettre (PDF)
                <VisuallyHidden>{` : ${decisionLabels[d.type]} du ${formatDate(d.decideLe)}`}</VisuallyHidden>
              </DownloadLink>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/**
 * « Décisions » on the employer's sinistre page: what the handler decided, read only, with the
 * letters. Nothing is shown before the first decision.
 */
export function DecisionsSinistre({ sinistreId }: { sinistreId: string }) {
  const path = `${SINISTRES_ENDPOINT}/${sinistreId}/decisions`;
  const decisions = useQuery({
    queryKey: [SINISTRES_ENDPOINT, sinistreId, 'decisions'],
    queryFn: ({ signal }) => api.get<TDecisionsDuSinistre>(path, { signal }),
  });
  const data = decisions.data;
  if (!data || data.decisions.length === 0) return null;
  return (
    <Section title="Décisions du gestionnaire" id="decisions">
      <DecisionsTable
        numero={data.sinistre.numero}
        decisions={data.decisions}
        lettrePath={(id) => `${path}/${id}/lettre.pdf`}
      />
    </Section>
  );
}
