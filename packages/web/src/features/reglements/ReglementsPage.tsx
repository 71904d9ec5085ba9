import { Anchor, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import {
  formatEuros,
  RISQUES,
  risqueLabels,
  type TCoordonneesBancairesInput,
  ZCoordonneesBancairesInput,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ApiForm } from '../../components/ApiForm';
import { DownloadButton } from '../../components/Download';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { api, errorMessage } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { useCan } from '../auth/session';
import { COORDONNEES_ENDPOINT, REGLEMENTS_ENDPOINT, reglementPath, useCoordonnees, useReglements } from './api';
import { PageSuivante, ReglementsTable } from './ReglementsTable';

const FILTRES = ['du', 'au', 'categorie', 'agentId', 'sinistreId'] as const;

function CompteDeVersement() {
  const canWrite = useCan('administrateur');
  const query = useCoordonnees();
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: { iban: '', bic: '', titulaire: '' } as TCoordonneesBancairesInput & { bic: string },
    schema: ZCoordonneesBancairesInput,
    submit: (body) => api.put(COORDONNEES_ENDPOINT, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [COORDONNEES_ENDPOINT] });
      controller.reset();
      notifySuccess('Le compte de versement est enregistré.');
    },
  });
  const c = query.data;
  return (
    <Section title="Compte de versement" id="compte">
      {query.isError && <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>}
      {c && (
        <Text>
          {c.iban
            ? `Vos remboursements sont versés sur le compte ${c.ibanAffiche}${c.bic ? ` (BIC ${c.bic})` : ''}, au nom de ${c.titulaire}.`
            : 'Aucun compte n’est renseigné : vos remboursements ne peuvent pas vous être versés.'}
        </Text>
      )}
      {canWrite && (
        <ApiForm controller={controller} submitLabel="Enregistrer le compte">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="IBAN" required autoComplete="off" {...controller.form.getInputProps('iban')} />
            <TextInput label="BIC (facultatif)" autoComplete="off" {...controller.form.getInputProps('bic')} />
            <TextInput
              label="Titulaire du compte"
              required
              maxLength={70}
              {...controller.form.getInputProps('titulaire')}
            />
          </SimpleGrid>
        </ApiForm>
      )}
    </Section>
  );
}

/** « Vos règlements » (seed module 6): what the collectivité was paid, and why. */
export function ReglementsPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTRES.map((f) => [f, params.get(f) ?? undefined]));
  const list = useReglements(REGLEMENTS_ENDPOINT, filters);
  const set = (key: (typeof FILTRES)[number], value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const exportQuery = (format: 'csv' | 'xlsx') => ({ ...filters, format });
  return (
    <Page
      title="Vos règlements"
      crumbs={[{ label: 'Vos règlements' }]}
      intro="Les remboursements versés par votre assureur, décompte par décompte : période, agent, sinistre, montant."
    >
      <Section
        title="Règlements"
        id="liste"
        actions={
          <>
            <DownloadButton path={`${REGLEMENTS_ENDPOINT}/export`} query={exportQuery('csv')} fileName="reglements.csv">
              Exporter (CSV)
            </DownloadButton>
            <DownloadButton
              path={`${REGLEMENTS_ENDPOINT}/export`}
              query={exportQuery('xlsx')}
              fileName="reglements.xlsx"
            >
              Exporter (XLSX)
            </DownloadButton>
          </>
        }
      >
        <Stack gap="md">
          <Group align="flex-end" gap="md" role="search" aria-label="Filtrer les règlements">
            <FrenchDateInput label="Période du" clearable value={filters.du ?? null} onChange={(v) => set('du', v)} />
            <FrenchDateInput label="au" clearable value={filters.au ?? null} onChange={(v) => set('au', v)} />
            <NativeSelect
              label="Catégorie"
              value={filters.categorie ?? ''}
              onChange={(e) => set('categorie', e.currentTarget.value || null)}
              data={[{ value: '', label: 'Toutes' }, ...RISQUES.map((r) => ({ value: r, label: risqueLabels[r] }))]}
            />
          </Group>
          {(filters.agentId || filters.sinistreId) && (
            <Text size="sm">
              Filtré sur {filters.agentId ? 'un agent' : 'un sinistre'}.{' '}
              <Anchor
                component="button"
                type="button"
                onClick={() => {
                  const next = new URLSearchParams(params);
                  next.delete('agentId');
                  next.delete('sinistreId');
                  setParams(next, { replace: true });
                }}
              >
                Retirer ce filtre
              </Anchor>
            </Text>
          )}
          {list.isError && <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>}
          {list.isSuccess && items.length === 0 && <Text>Aucun règlement ne correspond à ces critères.</Text>}
          {items.length > 0 && (
            <>
              <Text size="sm" aria-live="polite">
                Total des règlements affichés : {formatEuros(items.reduce((s, r) => s + r.montant, 0))}
              </Text>
              <ReglementsTable caption="Vos règlements" items={items} lien={(r) => reglementPath(r.id)} />
            </>
          )}
          <PageSuivante
            hasNext={!!list.hasNextPage}
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          />
        </Stack>
      </Section>
      <CompteDeVersement />
    </Page>
  );
}
