import { NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  FRAIS_BENEFICIAIRES,
  FRAIS_NATURES,
  fraisBeneficiaireLabels,
  fraisMedicalSaisie,
  fraisNatureLabels,
  type TSinistreDetail,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { type FieldErrors, PieceUploadForm } from '../sinistres/PieceUploadForm';
import { type FraisSaisie, fraisApi, fraisKey, useFraisMedicaux } from './api';
import { FraisListe, FraisTotaux } from './FraisListe';

const VIDE: FraisSaisie = {
  dateSoins: '',
  nature: '',
  prestataire: '',
  montantFacture: '',
  montantPrisEnCharge: '',
  beneficiaire: 'collectivite',
  beneficiaireNom: '',
  beneficiaireIban: '',
};

/**
 * Frais médicaux of a CITIS file: the invoices entered with their file, their status and the totals
 * (domain §3: CITIS pays full pay plus medical fees, at their real amount). Shown on CITIS sinistres only.
 */
export function FraisMedicauxSection({ sinistre, canWrite }: { sinistre: TSinistreDetail; canWrite: boolean }) {
  const query = useFraisMedicaux('employeur', sinistre.id);
  const totaux = query.data?.pages[0]?.totaux;
  return (
    <Section title="Frais médicaux" id="frais-medicaux">
      <Text>
        Les factures des soins liés à l’accident ou à la maladie professionnelle sont remboursées à leur montant réel,
        déduction faite de ce que la couverture de l’agent a déjà pris en charge, à la collectivité qui les a avancées
        ou directement au praticien. Le gestionnaire valide chaque facture.
      </Text>
      {query.isError && <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>}
      {totaux && <FraisTotaux totaux={totaux} />}
      <FraisListe espace="employeur" sinistreId={sinistre.id} query={query} />
      {canWrite && <SaisieFrais sinistre={sinistre} />}
    </Section>
  );
}

function SaisieFrais({ sinistre }: { sinistre: TSinistreDetail }) {
  const queryClient = useQueryClient();
  const form = useForm<FraisSaisie>({ initialValues: VIDE });
  const praticien = form.values.beneficiaire === 'praticien';
  return (
    <Stack gap="sm">
      <Text fw={700} component="h3" m={0}>
        Saisir une facture
      </Text>
      <PieceUploadForm
        label="Facture (fichier)"
        submitLabel="Enregistrer la facture"
        check={(): FieldErrors => {
          const parsed = fraisMedicalSaisie({
            aujourdhui: dayjs().format('YYYY-MM-DD'),
            dateSurvenance: sinistre.dateSurvenance,
          }).safeParse(form.values);
          const errors: FieldErrors = {};
          if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
          form.setErrors(errors);
          return errors;
        }}
        onFieldErrors={(errors) => form.setErrors(errors)}
        onUpload={async (file, onProgress) => {
          const saved = await fraisApi.saisir(sinistre.id, form.values, file, onProgress);
          form.setValues(VIDE);
          await queryClient.invalidateQueries({ queryKey: fraisKey('employeur', sinistre.id) });
          notifySuccess(
            `La facture « ${fraisNatureLabels[saved.nature]} du ${dayjs(saved.dateSoins).format('DD/MM/YYYY')} » est enregistrée : elle attend la validation du gestionnaire.`,
          );
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FrenchDateInput
            label="Date des soins"
            required
            value={form.values.dateSoins || null}
            onChange={(value) => form.setFieldValue('dateSoins', value ?? '')}
            error={form.errors.dateSoins}
          />
          <NativeSelect
            label="Nature des soins"
            required
            data={[
              { value: '', label: 'Choisissez la nature' },
              ...FRAIS_NATURES.map((n) => ({ value: n, label: fraisNatureLabels[n] })),
            ]}
            {...form.getInputProps('nature')}
          />
          <TextInput
            label="Praticien ou établissement"
            required
            maxLength={200}
            autoComplete="off"
            {...form.getInputProps('prestataire')}
          />
          <TextInput
            label="Montant facturé"
            description="En euros, par exemple 1 234,56"
            required
            inputMode="decimal"
            rightSection={<span aria-hidden="true">€</span>}
            {...form.getInputProps('montantFacture')}
          />
          <TextInput
            label="Déjà pris en charge par la couverture de l’agent"
            description="Mutuelle, ou CPAM pour un contractuel ; laissez vide si rien"
            inputMode="decimal"
            rightSection={<span aria-hidden="true">€</span>}
            {...form.getInputProps('montantPrisEnCharge')}
          />
        </SimpleGrid>
        <Radio.Group label="À qui rembourser" required {...form.getInputProps('beneficiaire')}>
          <Stack gap="xs" mt="xs">
            {FRAIS_BENEFICIAIRES.map((b) => (
              <Radio key={b} value={b} label={fraisBeneficiaireLabels[b]} />
            ))}
          </Stack>
        </Radio.Group>
        {praticien && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Nom du praticien à payer"
              required
              maxLength={200}
              {...form.getInputProps('beneficiaireNom')}
            />
            <TextInput
              label="IBAN du praticien"
              description="Tel qu’il figure sur son RIB"
              required
              autoComplete="off"
              {...form.getInputProps('beneficiaireIban')}
            />
          </SimpleGrid>
        )}
      </PieceUploadForm>
    </Stack>
  );
}
