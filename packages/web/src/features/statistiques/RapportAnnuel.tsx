import { IconFileTypePdf } from '@tabler/icons-react';
import { DownloadButton } from '../../components/Download';

export const RAPPORT_ENDPOINT = '/api/statistiques/rapport.pdf';

/**
 * « Rapport annuel (PDF) »: the civil year's dashboard as a PDF with its charts, to print or send to the
 * assembly. The server builds it for the reader (a CDG's gestionnaire gets small numbers hidden); the
 * button stays busy while it does, a few seconds.
 */
export function RapportAnnuel({ annee, maternite }: { annee: number; maternite: 'exclue' | 'incluse' }) {
  return (
    <DownloadButton
      path={RAPPORT_ENDPOINT}
      query={{ annee, maternite }}
      fileName={`rapport-absenteisme-${annee}.pdf`}
      leftSection={<IconFileTypePdf size={18} aria-hidden="true" />}
    >
      Rapport annuel (PDF)
    </DownloadButton>
  );
}
