import { VisuallyHidden } from '@mantine/core';
import { DownloadLink } from '../../components/Download';
import { decomptePdfPath } from './decomptes.api';

/** « Télécharger le décompte (PDF) »; its number is read out so that each link of a list is distinct. */
export function DecomptePdfLink({
  sinistreId,
  decompte,
  gestion = false,
}: {
  sinistreId: string;
  decompte: { id: string; numero: string };
  gestion?: boolean;
}) {
  return (
    <DownloadLink path={decomptePdfPath(sinistreId, decompte.id, gestion)} fileName={`decompte-${decompte.numero}.pdf`}>
      Télécharger le décompte (PDF)<VisuallyHidden> {decompte.numero}</VisuallyHidden>
    </DownloadLink>
  );
}
