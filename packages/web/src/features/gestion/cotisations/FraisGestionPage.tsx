import { Button, Checkbox, List, Radio, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import {
  formatDate,
  formatEuros,
  formatTaux,
  fraisModeleLabels,
  type TFraisParametreOut,
  ZFraisFinInput,
  ZFraisParametreInput,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiForm } from '../../../components/ApiForm';
import { FrenchDateInput } from '../../../components/FrenchDateInput';
import { MoneyInput } from '../../../components/MoneyInput';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ScrollTable } from '../../../components/ScrollTable';
import { Section } from '../../../components/Section';
import { errorMessage } from '../../../lib/api';
import { notifySuccess } from '../../../lib/notify';
import { useApiForm } from '../../../lib/useApiForm';
import { TauxInput } from '../TauxInput';
import { APPELS_GESTION_PATH, FRAIS_ENDPOINT, fraisGestionApi, useFraisGestion } from './api';

const oui = (b: boolean) => (b ? 'Oui' : 'Non');

function Montant({ f }: { f: TFraisParametreOut }) {
  if (f.modele === 'forfait_agent') return <>{formatEuros(f.montantParAgent ?? 0)} par agent CNRACL</>;
  return (
    <>
      {[
        f.tauxCnracl !== null ? `CNRACL ${formatTaux(f.tauxCnracl)}` : null,
        f.tauxIrcantec !== null ? `IRCANTEC ${formatTaux(f.tauxIrcantec)}` : null,
      ]
        .filter(Boolean)
        .join(' — ')}
    </>
  );
}

const initialValues = {
  du: null as string | null,
  au: null as string | null,
  modele: 'forfait_agent' as TFraisParametreOut['modele'],
  montantParAgent: null as number | null,
  tauxCnracl: null as number | null,
  tauxIrcantec: null as number | null,
  regularise: false,
  appelesSeparement: false,
};

function AjoutPeriode() {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues,
    schema: ZFraisParametreInput,
    submit: fraisGestionApi.ajouter,
    onSuccess: (f) => {
      notifySuccess(`Les frais de gestion à partir du ${formatDate(f.du)} sont enregistrés.`);
      controller.reset();
      void queryClient.invalidateQueries({ queryKey: [FRAIS_ENDPOINT] });
    },
  });
  const { form } = controller;
  const forfait = form.getValues().modele === 'forfait_agent';
  return (
    <ApiForm controller={controller} submitLabel="Ajouter la période" withRequiredNote>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <FrenchDateInput label="Du" description="Au format JJ/MM/AAAA." required {...form.getInputProps('du')} />
        <FrenchDateInput
          label="Au"
          description="Facultatif : sans date de fin, la période reste en vigueur."
          clearable
          {...form.getInputProps('au')}
        />
      </SimpleGrid>
      <Radio.Group
        label="Modèle"
        required
        {...form.getInputProps('modele')}
        onChange={(v) => {
          form.setFieldValue('modele', v as TFraisParametreOut['modele']);
          if (v === 'forfait_agent') form.setFieldValue('regularise', false);
        }}
      >
        <Stack gap="xs" mt="xs">
          <Radio
            value="forfait_agent"
            label={fraisModeleLabels.forfait_agent}
            description="Par exemple 70 € par agent CNRACL, comptés au premier jour de l’adhésion, sur l’appel du contrat CNRACL ; jamais régularisé."
          />
          <Radio
            value="pourcentage_assiette"
            label={fraisModeleLabels.pourcentage_assiette}
            description="Par exemple 0,40 % de l’assiette CNRACL et 0,15 % de l’assiette IRCANTEC, appelés une fois par an sur la base prévisionnelle, au prorata comme la cotisation ; régularisés seulement si vous le cochez."
          />
        </Stack>
      </Radio.Group>
      {forfait ? (
        <MoneyInput
          label="Montant par agent CNRACL"
          description="En euros, par exemple 70,00."
          required
          w={{ base: '100%', sm: 280 }}
          {...form.getInputProps('montantParAgent')}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TauxInput
            label="Taux CNRACL"
            description="En pourcentage de l’assiette, par exemple 0,40. Facultatif si le taux IRCANTEC est donné."
            {...form.getInputProps('tauxCnracl')}
          />
          <TauxInput
            label="Taux IRCANTEC"
            description="En pourcentage de l’assiette, par exemple 0,15. Facultatif si le taux CNRACL est donné."
            {...form.getInputProps('tauxIrcantec')}
          />
        </SimpleGrid>
      )}
      {!forfait && (
        <Checkbox
          label="Frais régularisés"
          description="Recalculés sur la base réelle avec la cotisation ; sinon appelés une fois sur la base prévisionnelle."
          {...form.getInputProps('regularise', { type: 'checkbox' })}
        />
      )}
      <Checkbox
        label="Appelés séparément"
        description="Les frais font l’objet de leur propre appel (numéro FG-…), payable au centre de gestion, au lieu d’une ligne de l’appel de cotisation."
        {...form.getInputProps('appelesSeparement', { type: 'checkbox' })}
      />
    </ApiForm>
  );
}

function FinPeriode({ periode, onDone }: { periode: TFraisParametreOut; onDone: () => void }) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: { au: periode.au },
    schema: ZFraisFinInput,
    submit: (values) => fraisGestionApi.terminer(periode.id, values),
    onSuccess: (f) => {
      notifySuccess(
        f.au
          ? `La période commencée le ${formatDate(f.du)} se termine le ${formatDate(f.au)}.`
          : `La période commencée le ${formatDate(f.du)} reste en vigueur.`,
      );
      void queryClient.invalidateQueries({ queryKey: [FRAIS_ENDPOINT] });
      onDone();
    },
  });
  return (
    <Section title={`Fin de la période commencée le ${formatDate(periode.du)}`} id="frais-fin">
      <Text size="sm">
        Les appels déjà préparés gardent leurs frais ; les appels préparés ensuite prennent la période en vigueur au
        début de la couverture.
      </Text>
      <ApiForm controller={controller} submitLabel="Enregistrer la fin" onCancel={onDone} cancelLabel="Ne pas modifier">
        <FrenchDateInput
          label="Fin de la période"
          description="Au format JJ/MM/AAAA ; vide : la période reste en vigueur."
          clearable
          w={{ base: '100%', sm: 280 }}
          {...controller.form.getInputProps('au')}
        />
      </ApiForm>
    </Section>
  );
}

/**
 * Gestion › Appels de cotisation › Frais de gestion: the CDG's fee per period (domain §11), a fixed
 * amount per CNRACL agent or a percentage of the insured base, possibly called on its own.
 */
export function FraisGestionPage() {
  const list = useFraisGestion();
  const [fin, setFin] = useState<TFraisParametreOut | null>(null);
  const items = list.data?.items ?? [];
  return (
    <Page
      title="Frais de gestion du centre de gestion"
      crumbs={[{ label: 'Gestion' }, { label: 'Appels de cotisation', to: APPELS_GESTION_PATH }]}
      intro="Les frais du centre de gestion s’ajoutent aux cotisations. Chaque période fixe un modèle ; les périodes ne se chevauchent pas : terminez la période en vigueur avant d’en ajouter une nouvelle."
    >
      <Stack>
        <List size="sm" spacing="xs">
          <List.Item>
            <strong>{fraisModeleLabels.forfait_agent}</strong> : un montant (par exemple 70 €) par agent CNRACL compté
            au premier jour de l’adhésion, sur l’appel du contrat CNRACL, sans régularisation.
          </List.Item>
          <List.Item>
            <strong>{fraisModeleLabels.pourcentage_assiette}</strong> : un taux par régime (par exemple 0,40 % CNRACL,
            0,15 % IRCANTEC) de l’assiette assurée, appelé une fois par an sans régularisation, sauf si la période le
            prévoit.
          </List.Item>
          <List.Item>
            <strong>Appelés séparément</strong> : les frais ont leur propre appel (FG-…), payable au centre de gestion,
            au lieu d’une ligne de l’appel de cotisation.
          </List.Item>
        </List>
        {list.isError && <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>}
        <ScrollTable caption="Frais de gestion par période">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Début</Table.Th>
              <Table.Th>Fin</Table.Th>
              <Table.Th>Modèle</Table.Th>
              <Table.Th>Montant ou taux</Table.Th>
              <Table.Th>Régularisés</Table.Th>
              <Table.Th>Appelés séparément</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>{formatDate(f.du)}</Table.Td>
                <Table.Td>{f.au ? formatDate(f.au) : 'En vigueur'}</Table.Td>
                <Table.Td>{fraisModeleLabels[f.modele]}</Table.Td>
                <Table.Td>
                  <Montant f={f} />
                </Table.Td>
                <Table.Td>{oui(f.regularise)}</Table.Td>
                <Table.Td>{oui(f.appelesSeparement)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" onClick={() => setFin(f)}>
                    Modifier la fin de la période du {formatDate(f.du)}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
            {list.isSuccess && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  Aucuns frais de gestion : les appels de cotisation sont préparés sans frais du centre de gestion.
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </ScrollTable>
        {fin && <FinPeriode key={fin.id} periode={fin} onDone={() => setFin(null)} />}
        <Section title="Ajouter une période" id="frais-ajout">
          <AjoutPeriode />
        </Section>
      </Stack>
    </Page>
  );
}
