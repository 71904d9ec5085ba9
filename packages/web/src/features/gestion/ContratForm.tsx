import { Checkbox, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import {
  ELEMENTS_BASE,
  elementLabels,
  REGIMES,
  type TElementBase,
  type TGarantie,
  type TRegime,
  ZContratInput,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ApiForm } from '../../components/ApiForm';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { IntegerInput } from '../../components/IntegerInput';
import { Section } from '../../components/Section';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { CONTRATS_ENDPOINT } from '../contrats/api';
import {
  type ContratInput,
  GESTION_ENDPOINT,
  GESTION_PATH,
  gestionApi,
  gestionContratKey,
  gestionContratPath,
  type TContratGestion,
} from './api';
import { GarantiesFields, garantiesFor } from './GarantiesFields';
import { TauxInput } from './TauxInput';

type ContratValues = {
  numero: string;
  libelle: string;
  regime: TRegime;
  assureur: string;
  courtier: string;
  dateEffet: string | null;
  dateFin: string | null;
  preavisAssureurMois: number | null;
  preavisAssureMois: number | null;
  tauxCotisation: number | null;
  elementsAssurables: TElementBase[];
  garanties: TGarantie[];
};

function initialValuesOf(contrat: TContratGestion | undefined): ContratValues {
  const regime = contrat?.regime ?? 'CNRACL';
  return {
    numero: contrat?.numero ?? '',
    libelle: contrat?.libelle ?? '',
    regime,
    assureur: contrat?.assureur ?? '',
    courtier: contrat?.courtier ?? '',
    dateEffet: contrat?.dateEffet ?? null,
    dateFin: contrat?.dateFin ?? null,
    preavisAssureurMois: contrat?.preavisAssureurMois ?? null,
    preavisAssureMois: contrat?.preavisAssureMois ?? null,
    tauxCotisation: contrat?.tauxCotisation || null,
    elementsAssurables: contrat?.elementsAssurables ?? [],
    garanties: garantiesFor(regime, contrat?.garanties ?? []),
  };
}

/** Create or edit a contract: its parties and dates, rate, insurable elements and one garantie per risk. */
export function ContratForm({ contrat }: { contrat?: TContratGestion }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: initialValuesOf(contrat),
    schema: ZContratInput,
    submit: (values: ContratInput) => {
      const body = { ...values, courtier: values.courtier?.trim() || null };
      return contrat ? gestionApi.update(contrat.id, body) : gestionApi.create(body);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(gestionContratKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: [GESTION_ENDPOINT] });
      // The collectivités' own view of the contract changes too.
      void queryClient.invalidateQueries({ queryKey: [CONTRATS_ENDPOINT] });
      if (contrat) {
        notifySuccess(`Le contrat ${saved.numero} est enregistré.`);
      } else {
        notifySuccess(
          `Le contrat ${saved.numero} est créé. Joignez ses documents et rattachez les collectivités adhérentes.`,
        );
        navigate(gestionContratPath(saved.id), { replace: true });
      }
    },
  });
  const { form } = controller;

  return (
    <ApiForm
      controller={controller}
      submitLabel="Enregistrer le contrat"
      onCancel={() => navigate(GESTION_PATH)}
      cancelLabel="Revenir à la liste"
      withRequiredNote
    >
      <Section title="Informations sur le contrat">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Numéro de contrat" required maxLength={50} {...form.getInputProps('numero')} />
          <TextInput label="Libellé" required maxLength={200} {...form.getInputProps('libelle')} />
          <NativeSelect
            label="Régime"
            description="Il fixe les risques proposés dans les garanties."
            required
            data={REGIMES.map((r) => ({ value: r, label: r }))}
            {...form.getInputProps('regime')}
            onChange={(event) => {
              const regime = event.currentTarget.value as TRegime;
              form.setFieldValue('regime', regime);
              form.setFieldValue('garanties', garantiesFor(regime, form.getValues().garanties));
            }}
          />
          <TauxInput
            label="Taux de cotisation"
            description="En pourcentage de l’assiette assurée, par exemple 6,5 pour 6,500 %."
            required
            {...form.getInputProps('tauxCotisation')}
          />
          <TextInput label="Assureur" required maxLength={200} {...form.getInputProps('assureur')} />
          <TextInput label="Courtier" description="Facultatif." maxLength={200} {...form.getInputProps('courtier')} />
          <FrenchDateInput
            label="Date d’effet"
            description="Au format JJ/MM/AAAA."
            required
            {...form.getInputProps('dateEffet')}
          />
          <FrenchDateInput
            label="Date de fin"
            description="Au format JJ/MM/AAAA."
            required
            {...form.getInputProps('dateFin')}
          />
          <IntegerInput
            label="Préavis assureur (mois)"
            description="Délai de résiliation par l’assureur."
            required
            min={0}
            max={24}
            {...form.getInputProps('preavisAssureurMois')}
          />
          <IntegerInput
            label="Préavis assuré (mois)"
            description="Délai de résiliation par la collectivité."
            required
            min={0}
            max={24}
            {...form.getInputProps('preavisAssureMois')}
          />
        </SimpleGrid>
      </Section>
      <Section title="Éléments assurables">
        <Checkbox.Group
          label="Éléments de rémunération que les collectivités peuvent assurer en plus du TBI"
          description="Seuls les éléments cochés seront proposés dans la déclaration de la base de l’assurance."
          {...form.getInputProps('elementsAssurables')}
        >
          <Stack gap="xs" mt="xs">
            {ELEMENTS_BASE.map((e) => (
              <Checkbox key={e} value={e} label={elementLabels[e]} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Section>
      <Section title="Garanties">
        <GarantiesFields form={form} />
      </Section>
    </ApiForm>
  );
}
