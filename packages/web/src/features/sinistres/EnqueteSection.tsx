import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { randomId } from '@mantine/hooks';
import {
  ENQUETE_NATURES,
  enqueteNatureLabels,
  formatDate,
  IMPUTABILITE_DECISIONS,
  imputabiliteLabels,
  SIEGES_LESIONS,
  type TSiegeLesion,
  type TSinistreDetail,
  ZEnquete,
  ZImputabilite,
} from '@statutis/domain';
import { IconFileText, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { DownloadButton } from '../../components/Download';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { Section } from '../../components/Section';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { afterChange, sinistreFiles, sinistresApi } from './api';
import { Facts } from './Facts';

type Enquete = NonNullable<TSinistreDetail['enquete']>;
type Temoin = { cle: string; nom: string; prenom: string; coordonnees: string };

const OPTIONAL = 'Facultatif.';

function enqueteValues(s: TSinistreDetail) {
  const e = s.enquete;
  return {
    // An accident de trajet happened on the way, most likely.
    nature: (e?.nature ?? (s.categorie === 'accident_trajet' ? 'trajet' : '')) as Enquete['nature'] | '',
    date: e?.date ?? s.dateSurvenance,
    heure: e?.heure ?? '',
    lieu: e?.lieu ?? '',
    horaires: e?.horaires ?? '',
    tache: e?.tache ?? '',
    circonstances: e?.circonstances ?? '',
    sieges: (e?.sieges ?? []) as string[],
    natureLesions: e?.natureLesions ?? '',
    temoins: (e?.temoins ?? []).map<Temoin>((t) => ({
      cle: randomId(),
      nom: t.nom,
      prenom: t.prenom ?? '',
      coordonnees: t.coordonnees ?? '',
    })),
    doute: e?.doute ?? false,
    motifDoute: e?.motifDoute ?? '',
  };
}

const MEDICAL_RESERVE =
  'Données médicales, réservées aux publicateurs, aux administrateurs de la collectivité et au gestionnaire.';

const siegeLabel = (code: string) => SIEGES_LESIONS[code as TSiegeLesion] ?? code;

/** Accidents and maladie professionnelle: the enquête administrative, its PDF, the imputability decision and the forms to print. */
export function EnqueteSection({ sinistre, canWrite }: { sinistre: TSinistreDetail; canWrite: boolean }) {
  return (
    <Section title="Enquête administrative et imputabilité" id="enquete">
      <Text>
        L’enquête administrative décrit l’accident. Une fois enregistrée, téléchargez-la, faites-la signer puis
        déposez-la dans les pièces justificatives (« Enquête administrative signée »).
      </Text>
      {canWrite ? <EnqueteForm sinistre={sinistre} /> : <EnqueteSummary enquete={sinistre.enquete} />}
      {sinistre.enquete && !sinistre.enquete.medicalMasque && (
        <Group>
          <DownloadButton
            path={sinistreFiles.enquete(sinistre.id)}
            fileName={`enquete-${sinistre.numero}.pdf`}
            leftSection={<IconFileText size={18} aria-hidden="true" />}
          >
            Télécharger l’enquête (PDF)
          </DownloadButton>
        </Group>
      )}
      <Title order={3} size="h4">
        Imputabilité au service
      </Title>
      {canWrite ? (
        sinistre.enquete ? (
          <ImputabiliteForm sinistre={sinistre} />
        ) : (
          <Text>Enregistrez d’abord l’enquête administrative : la décision d’imputabilité vient ensuite.</Text>
        )
      ) : (
        <ImputabiliteSummary sinistre={sinistre} />
      )}
      <Title order={3} size="h4">
        Documents à remettre à l’agent
      </Title>
      <Text>
        L’attestation de prise en charge et le bon de remboursement permettent à l’agent de ne pas avancer ses frais
        médicaux liés à l’accident.
      </Text>
      <Group gap="sm">
        <DownloadButton path={sinistreFiles.attestation(sinistre.id)} fileName={`attestation-${sinistre.numero}.pdf`}>
          Attestation de prise en charge
        </DownloadButton>
        <DownloadButton
          path={sinistreFiles.bonRemboursement(sinistre.id)}
          fileName={`bon-remboursement-${sinistre.numero}.pdf`}
        >
          Bon de remboursement
        </DownloadButton>
      </Group>
    </Section>
  );
}

function EnqueteSummary({ enquete }: { enquete: Enquete | null }) {
  if (!enquete) return <Text>L’enquête administrative n’est pas encore remplie.</Text>;
  return (
    <Facts
      facts={[
        { label: 'Nature', value: enqueteNatureLabels[enquete.nature] },
        { label: 'Date et heure', value: `${formatDate(enquete.date)} à ${enquete.heure.replace(':', ' h ')}` },
        { label: 'Lieu exact', value: enquete.lieu },
        { label: 'Horaires de travail du jour', value: enquete.horaires },
        { label: 'Tâche effectuée', value: enquete.tache },
        { label: 'Circonstances détaillées', value: enquete.circonstances },
        ...(enquete.medicalMasque
          ? [{ label: 'Lésions', value: MEDICAL_RESERVE }]
          : [
              { label: 'Sièges des lésions', value: enquete.sieges.map(siegeLabel).join(', ') },
              { label: 'Nature des lésions', value: enquete.natureLesions ?? '' },
            ]),
        {
          label: 'Témoins',
          value:
            enquete.temoins.length === 0
              ? 'Aucun'
              : enquete.temoins
                  .map((t) => [t.prenom, t.nom, t.coordonnees ? `(${t.coordonnees})` : null].filter(Boolean).join(' '))
                  .join('\n'),
        },
        {
          label: 'Doute sur l’imputabilité',
          value: enquete.doute ? `Oui : ${enquete.motifDoute ?? ''}` : 'Non',
        },
      ]}
    />
  );
}

function EnqueteForm({ sinistre }: { sinistre: TSinistreDetail }) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    draft: 'enquete',
    initialValues: enqueteValues(sinistre),
    schema: ZEnquete,
    submit: (body: z.output<typeof ZEnquete>) => sinistresApi.saveEnquete(sinistre.id, body),
    onSuccess: async (saved) => {
      await afterChange(queryClient, saved);
      notifySuccess(
        'L’enquête administrative est enregistrée. Téléchargez-la, faites-la signer puis déposez-la dans les pièces.',
      );
    },
  });
  const { form } = controller;
  const values = form.getValues();

  return (
    <ApiForm controller={controller} submitLabel="Enregistrer l’enquête" withRequiredNote>
      <Radio.Group label="Nature de l’accident" required {...form.getInputProps('nature')}>
        <Group mt="xs" gap="lg">
          {ENQUETE_NATURES.map((n) => (
            <Radio key={n} value={n} label={enqueteNatureLabels[n]} />
          ))}
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <FrenchDateInput
          label="Date de l’accident"
          description="Au format JJ/MM/AAAA."
          required
          {...form.getInputProps('date')}
        />
        <TextInput
          label="Heure de l’accident"
          description="Au format HH:MM, par exemple 14:30."
          required
          maxLength={5}
          inputMode="numeric"
          {...form.getInputProps('heure')}
        />
        <TextInput
          label="Lieu exact"
          description="Par exemple : escalier menant aux locaux techniques."
          required
          maxLength={300}
          {...form.getInputProps('lieu')}
        />
        <TextInput
          label="Horaires de travail du jour"
          description="Par exemple : 8 h 00 – 12 h 00 et 13 h 30 – 17 h 00."
          required
          maxLength={200}
          {...form.getInputProps('horaires')}
        />
      </SimpleGrid>
      <TextInput label="Tâche effectuée" required maxLength={500} {...form.getInputProps('tache')} />
      <Textarea
        label="Circonstances détaillées"
        required
        autosize
        minRows={3}
        maxLength={4000}
        {...form.getInputProps('circonstances')}
      />
      <Checkbox.Group
        label="Sièges des lésions"
        description="Cochez chaque partie du corps atteinte."
        required
        {...form.getInputProps('sieges')}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mt="xs" spacing="xs">
          {Object.entries(SIEGES_LESIONS).map(([code, label]) => (
            <Checkbox key={code} value={code} label={label} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Textarea
        label="Nature des lésions"
        description="Par exemple : entorse, contusion, plaie."
        required
        autosize
        minRows={2}
        maxLength={1000}
        {...form.getInputProps('natureLesions')}
      />
      <Fieldset legend="Témoins">
        <Stack gap="sm">
          {values.temoins.length === 0 && <Text size="sm">Aucun témoin indiqué.</Text>}
          {values.temoins.map((t, i) => (
            <Paper key={t.cle} withBorder p="sm">
              <Group align="flex-end" wrap="nowrap" gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ flex: 1 }}>
                  <TextInput
                    label={`Nom du témoin ${i + 1}`}
                    required
                    maxLength={100}
                    {...form.getInputProps(`temoins.${i}.nom`)}
                  />
                  <TextInput
                    label={`Prénom du témoin ${i + 1}`}
                    description={OPTIONAL}
                    maxLength={100}
                    {...form.getInputProps(`temoins.${i}.prenom`)}
                  />
                  <TextInput
                    label={`Coordonnées du témoin ${i + 1}`}
                    description="Facultatif : téléphone, service ou adresse."
                    maxLength={300}
                    {...form.getInputProps(`temoins.${i}.coordonnees`)}
                  />
                </SimpleGrid>
                <Tooltip label={`Retirer le témoin ${i + 1}`}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`Retirer le témoin ${i + 1}`}
                    onClick={() => form.removeListItem('temoins', i)}
                  >
                    <IconTrash size={20} aria-hidden="true" />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Paper>
          ))}
          <Group>
            <Button
              variant="light"
              leftSection={<IconPlus size={18} aria-hidden="true" />}
              onClick={() =>
                form.insertListItem('temoins', { cle: randomId(), nom: '', prenom: '', coordonnees: '' } as Temoin)
              }
            >
              Ajouter un témoin
            </Button>
          </Group>
        </Stack>
      </Fieldset>
      <Checkbox
        label="J’ai un doute sur l’imputabilité de l’accident au service"
        {...form.getInputProps('doute', { type: 'checkbox' })}
      />
      {values.doute && (
        <Textarea
          label="Motif du doute"
          required
          autosize
          minRows={2}
          maxLength={2000}
          {...form.getInputProps('motifDoute')}
        />
      )}
    </ApiForm>
  );
}

function ImputabiliteSummary({ sinistre }: { sinistre: TSinistreDetail }) {
  const i = sinistre.imputabilite;
  if (!i) return <Text>La décision d’imputabilité n’est pas encore enregistrée.</Text>;
  return (
    <Facts
      facts={[
        { label: 'Décision', value: imputabiliteLabels[i.decision] },
        { label: 'Date de la décision', value: formatDate(i.date) },
        { label: 'Arrêt de travail', value: i.arretTravail ? 'Oui' : 'Non' },
      ]}
    />
  );
}

function ImputabiliteForm({ sinistre }: { sinistre: TSinistreDetail }) {
  const queryClient = useQueryClient();
  const i = sinistre.imputabilite;
  const controller = useApiForm({
    initialValues: {
      decision: (i?.decision ?? '') as NonNullable<typeof i>['decision'] | '',
      date: i?.date ?? null,
      arretTravail: (i?.arretTravail ?? null) as boolean | null,
    },
    schema: ZImputabilite,
    submit: (body: z.output<typeof ZImputabilite>) => sinistresApi.saveImputabilite(sinistre.id, body),
    onSuccess: async (saved, body) => {
      await afterChange(queryClient, saved);
      notifySuccess(
        body.arretTravail
          ? 'La décision est enregistrée. Ajoutez maintenant l’arrêt de travail.'
          : 'La décision d’imputabilité est enregistrée.',
      );
      if (body.arretTravail && saved.arrets.length === 0) {
        document.getElementById('arrets')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      }
    },
  });
  const { form } = controller;
  const arret = form.getValues().arretTravail;

  return (
    <ApiForm controller={controller} submitLabel="Enregistrer la décision">
      {!i && (
        <Alert color="bleu" variant="light">
          Indiquez la décision de l’autorité territoriale, puis si l’agent est en arrêt de travail : vous saisirez
          ensuite les dates de l’arrêt et les éléments de salaire.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Radio.Group label="Décision" required {...form.getInputProps('decision')}>
          <Stack mt="xs" gap="xs">
            {IMPUTABILITE_DECISIONS.map((d) => (
              <Radio key={d} value={d} label={imputabiliteLabels[d]} />
            ))}
          </Stack>
        </Radio.Group>
        <FrenchDateInput
          label="Date de la décision"
          description="Au format JJ/MM/AAAA."
          required
          {...form.getInputProps('date')}
        />
        <Radio.Group
          label="L’agent est-il en arrêt de travail ?"
          required
          value={arret === null ? '' : arret ? 'oui' : 'non'}
          onChange={(v) => form.setFieldValue('arretTravail', v === 'oui')}
          error={form.errors.arretTravail}
        >
          <Stack mt="xs" gap="xs">
            <Radio value="oui" label="Oui" />
            <Radio value="non" label="Non" />
          </Stack>
        </Radio.Group>
      </SimpleGrid>
    </ApiForm>
  );
}
