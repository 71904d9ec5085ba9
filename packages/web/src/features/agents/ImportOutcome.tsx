import { Alert, Badge, Progress, Stack, Table, Text } from '@mantine/core';
import {
  importManques,
  importStatutLabels,
  importTermine,
  type TImportStatut,
  type TListeImport,
} from '@statutis/domain';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { ListPagination } from '../../components/DataList';
import { ScrollTable } from '../../components/ScrollTable';
import { plural } from '../../lib/format';

const ERRORS_PAGE_SIZE = 20;

const statutColors: Record<TImportStatut, string> = {
  en_attente: 'gray',
  validation: 'bleu',
  ecriture: 'bleu',
  termine: 'green',
  refuse: 'red',
  echec: 'orange',
};

export function ImportStatutBadge({ statut }: { statut: TImportStatut }) {
  return (
    <Badge variant="light" color={statutColors[statut]} tt="none" size="md" miw="max-content">
      {importStatutLabels[statut]}
    </Badge>
  );
}

/** « 1 234 agents créés, 56 mis à jour, 10 inchangés ». */
export function importCounts(i: Pick<TListeImport, 'crees' | 'misAJour' | 'inchanges'>): string {
  return `${plural(i.crees, 'agent créé', 'agents créés')}, ${i.misAJour.toLocaleString('fr-FR')} mis à jour, ${plural(i.inchanges, 'inchangé')}`;
}

/** Every error of a refused file, 20 per page: line and column as the spreadsheet shows them. */
function ErrorsTable({ erreurs, caption }: { erreurs: TListeImport['erreurs']; caption: string }) {
  const [page, setPage] = useState(1);
  const shown = erreurs.slice((page - 1) * ERRORS_PAGE_SIZE, page * ERRORS_PAGE_SIZE);
  return (
    <Stack gap="sm">
      <ScrollTable caption={caption} striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Ligne</Table.Th>
            <Table.Th scope="col">Colonne</Table.Th>
            <Table.Th scope="col">Erreur</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((e) => (
            <Table.Tr key={`${e.ligne}-${e.colonne}-${e.message}`}>
              <Table.Th scope="row" fw={500}>
                {e.ligne}
              </Table.Th>
              <Table.Td>{e.colonne || 'Fichier entier'}</Table.Td>
              <Table.Td>{e.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <ListPagination
        page={page}
        total={erreurs.length}
        pageSize={ERRORS_PAGE_SIZE}
        onChange={setPage}
        label={`Pages : ${caption}`}
      />
    </Stack>
  );
}

/** While the server checks then writes the file: its progress, from the polled `progression`. */
function ImportProgress({ value }: { value: TListeImport }) {
  return (
    <Stack gap={4}>
      <Text size="sm">
        {importStatutLabels[value.statut]} : {value.progression} % — {value.message}
      </Text>
      <Progress value={value.progression} aria-label="Traitement du fichier" size="lg" />
    </Stack>
  );
}

/** The result of an import: what was written, or why nothing was (every error listed). */
export function ImportOutcome({ value }: { value: TListeImport }) {
  if (!importTermine(value.statut)) return <ImportProgress value={value} />;
  if (value.statut === 'termine') {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden="true" />} title="Import terminé">
        <Stack gap="xs">
          <Text>{importCounts(value)}.</Text>
          {value.colonnesIgnorees.length > 0 && (
            <Text size="sm">
              {plural(value.colonnesIgnorees.length, 'colonne ignorée', 'colonnes ignorées')} (inconnue
              {value.colonnesIgnorees.length > 1 ? 's' : ''} du modèle) : {value.colonnesIgnorees.join(', ')}.
            </Text>
          )}
          {importManques(value) && <Text size="sm">{importManques(value)}</Text>}
        </Stack>
      </Alert>
    );
  }
  if (value.statut === 'refuse') {
    const listed = value.erreurs.length;
    return (
      <Stack gap="sm">
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title="Fichier refusé">
          <Text>
            Aucun agent n’a été enregistré : le fichier contient {plural(value.nombreErreurs, 'erreur')}. Corrigez-les
            dans votre tableur puis déposez à nouveau le fichier.
          </Text>
          {value.nombreErreurs > listed && (
            <Text size="sm">Les {listed.toLocaleString('fr-FR')} premières erreurs sont listées ci-dessous.</Text>
          )}
        </Alert>
        {listed > 0 && <ErrorsTable erreurs={value.erreurs} caption={`Erreurs du fichier ${value.nomFichier}`} />}
      </Stack>
    );
  }
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title="Import interrompu">
      <Text>{value.message}</Text>
    </Alert>
  );
}
