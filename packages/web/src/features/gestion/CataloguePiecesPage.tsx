import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  PIECE_ETAPES,
  pieceEtapeLabels,
  REGIMES,
  RISQUES,
  risqueLabels,
  type TPieceModele,
  type TRegime,
  type TRisque,
  ZPieceModeleInput,
  ZPieceModeleUpdate,
} from '@statutis/domain';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { FormModal } from '../../components/FormModal';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { errorMessage } from '../../lib/api';
import { plural } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { useDialog } from '../../lib/useDialog';
import { CATALOGUE_ENDPOINT, catalogueApi, useCatalogue } from '../sinistres/api';

const etapes = PIECE_ETAPES.map((e) => ({ value: e, label: pieceEtapeLabels[e] }));

type Dialog = { kind: 'create' } | { kind: 'edit'; piece: TPieceModele };

/** Libellé, étape and the flags common to creation and edition. */
// biome-ignore lint/suspicious/noExplicitAny: shared by the creation and edition forms.
function CommonFields({ form }: { form: UseFormReturnType<any> }) {
  return (
    <>
      <TextInput label="Libellé" required maxLength={200} {...form.getInputProps('libelle')} />
      <NativeSelect
        label="Étape"
        description="Le moment où la pièce est demandée."
        required
        data={[{ value: '', label: 'Choisir une étape…' }, ...etapes]}
        {...form.getInputProps('etape')}
      />
      <Textarea
        label="Aide"
        description="Facultatif : conseil affiché au déposant (par exemple, volets à envoyer)."
        autosize
        minRows={2}
        maxLength={1000}
        {...form.getInputProps('aide')}
      />
      <Stack gap="xs">
        <Checkbox
          label="Pièce obligatoire"
          description="Le sinistre reste en brouillon tant qu’elle manque."
          {...form.getInputProps('obligatoire', { type: 'checkbox' })}
        />
        <Checkbox
          label="Pièce médicale"
          description="Visible des seules personnes habilitées ; délai des pièces médicales."
          {...form.getInputProps('medicale', { type: 'checkbox' })}
        />
        <Checkbox
          label="Pièce active"
          description="Une pièce inactive n’est plus demandée pour les nouveaux dépôts."
          {...form.getInputProps('actif', { type: 'checkbox' })}
        />
      </Stack>
    </>
  );
}

function CreateForm({ categorie, onDone }: { categorie: TRisque; onDone: () => void }) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: {
      categorie,
      regime: null as TRegime | null,
      libelle: '',
      etape: '',
      obligatoire: true,
      medicale: false,
      aide: '',
      actif: true,
    },
    schema: ZPieceModeleInput,
    submit: (body: z.output<typeof ZPieceModeleInput>) => catalogueApi.create(body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [CATALOGUE_ENDPOINT] });
      notifySuccess(`La pièce « ${saved.libelle} » est ajoutée au catalogue (${risqueLabels[saved.categorie]}).`);
      onDone();
    },
  });
  const { form } = controller;
  return (
    <ApiForm controller={controller} submitLabel="Ajouter la pièce" onCancel={onDone} withRequiredNote>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label="Catégorie"
          required
          data={RISQUES.map((r) => ({ value: r, label: risqueLabels[r] }))}
          {...form.getInputProps('categorie')}
        />
        <NativeSelect
          label="Régime"
          description="Facultatif : la pièce ne sera demandée que pour ce régime."
          value={form.getValues().regime ?? ''}
          onChange={(event) => form.setFieldValue('regime', (event.currentTarget.value || null) as TRegime | null)}
          error={form.errors.regime}
          data={[{ value: '', label: 'Tous les régimes' }, ...REGIMES.map((r) => ({ value: r, label: r }))]}
        />
      </SimpleGrid>
      <CommonFields form={form} />
    </ApiForm>
  );
}

function EditForm({ piece, onDone }: { piece: TPieceModele; onDone: () => void }) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: {
      libelle: piece.libelle,
      etape: piece.etape as string,
      obligatoire: piece.obligatoire,
      medicale: piece.medicale,
      aide: piece.aide ?? '',
      actif: piece.actif,
    },
    schema: ZPieceModeleUpdate,
    submit: (body: z.output<typeof ZPieceModeleUpdate>) => catalogueApi.update(piece.id, body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [CATALOGUE_ENDPOINT] });
      notifySuccess(`La pièce « ${saved.libelle} » est enregistrée.`);
      onDone();
    },
  });
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer" onCancel={onDone} withRequiredNote>
      <Text size="sm">
        Catégorie : {risqueLabels[piece.categorie]}
        {piece.regime ? ` (${piece.regime})` : ''} — code {piece.code}
      </Text>
      <CommonFields form={controller.form} />
    </ApiForm>
  );
}

const yesNo = (v: boolean) => (v ? 'Oui' : 'Non');

/** Gestion › Catalogue des pièces (platform administrator): the pieces asked for each category and step. */
export function CataloguePiecesPage() {
  const [params, setParams] = useSearchParams();
  const categorie = (RISQUES as readonly string[]).includes(params.get('categorie') ?? '')
    ? (params.get('categorie') as TRisque)
    : 'accident_service';
  const catalogue = useCatalogue(categorie);
  const dialogs = useDialog<Dialog>();
  const toEdit = dialogs.of('edit')?.piece;
  const rows = [...(catalogue.data ?? [])].sort(
    (a, b) => PIECE_ETAPES.indexOf(a.etape) - PIECE_ETAPES.indexOf(b.etape) || a.libelle.localeCompare(b.libelle),
  );

  return (
    <Page
      title="Catalogue des pièces"
      crumbs={[{ label: 'Gestion' }]}
      intro="Les pièces justificatives demandées aux collectivités pour chaque catégorie de sinistre et à chaque étape. Une modification vaut pour les dépôts à venir."
    >
      <Group justify="space-between" align="flex-end">
        <NativeSelect
          label="Catégorie"
          data={RISQUES.map((r) => ({ value: r, label: risqueLabels[r] }))}
          value={categorie}
          onChange={(event) => setParams({ categorie: event.currentTarget.value }, { replace: true })}
          w={{ base: '100%', sm: 360 }}
        />
        <Button
          leftSection={<IconPlus size={18} aria-hidden="true" />}
          onClick={() => dialogs.show({ kind: 'create' })}
        >
          Ajouter une pièce
        </Button>
      </Group>
      <Text role="status" fw={700}>
        {catalogue.data ? `${plural(rows.length, 'pièce')} pour « ${risqueLabels[categorie]} »` : ''}
      </Text>
      {catalogue.isError && <ProblemAlert>{errorMessage(catalogue.error)}</ProblemAlert>}
      {catalogue.isPending && <Text aria-busy="true">Chargement en cours…</Text>}
      {catalogue.data && rows.length === 0 && <Text>Aucune pièce n’est définie pour cette catégorie.</Text>}
      {rows.length > 0 && (
        <ScrollTable caption={`Pièces de la catégorie « ${risqueLabels[categorie]} »`} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Libellé</Table.Th>
              <Table.Th scope="col">Étape</Table.Th>
              <Table.Th scope="col">Régime</Table.Th>
              <Table.Th scope="col">Obligatoire</Table.Th>
              <Table.Th scope="col">Médicale</Table.Th>
              <Table.Th scope="col">Aide</Table.Th>
              <Table.Th scope="col">État</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Th scope="row" fw={500}>
                  {p.libelle}
                </Table.Th>
                <Table.Td>{pieceEtapeLabels[p.etape]}</Table.Td>
                <Table.Td>{p.regime ?? 'Tous'}</Table.Td>
                <Table.Td>{yesNo(p.obligatoire)}</Table.Td>
                <Table.Td>{yesNo(p.medicale)}</Table.Td>
                <Table.Td maw={320}>{p.aide ?? '—'}</Table.Td>
                <Table.Td>
                  {p.actif ? (
                    'Active'
                  ) : (
                    <Badge variant="light" color="gray" tt="none" size="md" miw="max-content">
                      Inactive
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Tooltip label={`Modifier la pièce « ${p.libelle} »`}>
                    <ActionIcon
                      variant="subtle"
                      size="lg"
                      aria-label={`Modifier la pièce « ${p.libelle} »`}
                      onClick={() => dialogs.show({ kind: 'edit', piece: p })}
                    >
                      <IconPencil size={20} aria-hidden="true" />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      <FormModal opened={dialogs.isOpen('create')} onClose={dialogs.close} title="Ajouter une pièce au catalogue">
        <CreateForm categorie={categorie} onDone={dialogs.close} />
      </FormModal>
      <FormModal opened={dialogs.isOpen('edit')} onClose={dialogs.close} title="Modifier la pièce">
        {toEdit && <EditForm key={toEdit.id} piece={toEdit} onDone={dialogs.close} />}
      </FormModal>
    </Page>
  );
}
