import { Alert, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  CNRACL_MIN_HOURS,
  checkNir,
  checkNirIdentite,
  formatHours,
  parseHours,
  REGIMES,
  STATUTS,
  sexeFromNir,
  statutLabels,
  type TRegime,
  type TStatut,
  type TTempsTravail,
} from '@statutis/domain';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import type { z } from 'zod';
import { DecimalInput } from '../../components/DecimalInput';
import { FrenchDateInput } from '../../components/FrenchDateInput';

export const OPTIONAL = 'Facultatif.';

/** What the identity fields hold while typed: empty strings and nulls until the user answers. */
export type IdentiteValues = {
  nom: string;
  nomUsage: string;
  prenom: string;
  dateNaissance: string | null;
  sexe: 'M' | 'F' | null;
};

export type EmploiValues = {
  regime: TRegime | '';
  statut: TStatut | '';
  dateEntree: string | null;
  emploi: string;
  grade: string;
  tempsTravail: TTempsTravail | null;
  /** Hundredths of an hour (17 h 30 → 1750). */
  heuresHebdo: number | null;
  service: string;
};

export const IDENTITE_FIELDS = ['nom', 'nomUsage', 'prenom', 'dateNaissance', 'sexe'] as const;
export const EMPLOI_FIELDS = [
  'regime',
  'statut',
  'dateEntree',
  'emploi',
  'grade',
  'tempsTravail',
  'heuresHebdo',
  'service',
] as const;

/**
 * The NIR against the identity (domain §7): a contradiction of sex or birth year/month is an error,
 * placed beside its field like the server's; an unusual month is only a warning (shown, not blocking).
 * Also: born after entering the collectivité is impossible.
 */
export function identityRule(
  values: { nir: string; sexe?: 'M' | 'F' | null; dateNaissance: string | null; dateEntree?: string | null },
  ctx: z.RefinementCtx,
): void {
  // The NIR gives the sex; only a temporary number leaves it to the user.
  if (!sexeFromNir(values.nir) && !values.sexe) {
    ctx.addIssue({
      code: 'custom',
      path: ['sexe'],
      message: 'Indiquez le sexe : un numéro provisoire ne le donne pas.',
    });
  }
  for (const p of checkNirIdentite(values.nir, { sexe: values.sexe ?? null, dateNaissance: values.dateNaissance })) {
    if (p.severity === 'erreur') ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  }
  if (values.dateNaissance && values.dateEntree && values.dateEntree < values.dateNaissance) {
    ctx.addIssue({
      code: 'custom',
      path: ['dateNaissance'],
      message: 'La date de naissance est postérieure à la date d’entrée.',
    });
  }
}

/** The warnings that do not block: an unusual month in the NIR, a temporary number. */
export function IdentityNotes({
  nir,
  sexe,
  dateNaissance,
}: {
  nir: string;
  sexe: 'M' | 'F' | null;
  dateNaissance: string | null;
}) {
  const check = checkNir(nir);
  const warnings = checkNirIdentite(nir, { sexe, dateNaissance }).filter((p) => p.severity === 'avertissement');
  return (
    <>
      {check.ok && check.temporaire && <NirTemporaireNote />}
      {warnings.map((w) => (
        <Alert
          key={w.message}
          role="note"
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title="À vérifier"
        >
          {w.message} Vous pouvez tout de même continuer.
        </Alert>
      ))}
    </>
  );
}

export function NirTemporaireNote() {
  return (
    <Alert
      role="note"
      color="blue"
      variant="light"
      icon={<IconInfoCircle aria-hidden="true" />}
      title="Numéro provisoire"
    >
      Ce numéro commence par 7 ou 8 : c’est un numéro provisoire (NIA), accepté sans contrôle de la clé ni de
      l’identité. Remplacez-le par le NIR définitif dès que l’agent le reçoit.
    </Alert>
  );
}

/** The sex is asked only when the NIR does not give it (temporary number). */
export function IdentiteFields<V extends IdentiteValues>({ form, nir }: { form: UseFormReturnType<V>; nir: string }) {
  const derived = sexeFromNir(nir);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Nom" required autoComplete="off" {...form.getInputProps('nom')} />
        <TextInput label="Nom d’usage" description={OPTIONAL} autoComplete="off" {...form.getInputProps('nomUsage')} />
        <TextInput label="Prénom" required autoComplete="off" {...form.getInputProps('prenom')} />
        <FrenchDateInput
          label="Date de naissance"
          description="Au format JJ/MM/AAAA."
          required
          {...form.getInputProps('dateNaissance')}
        />
      </SimpleGrid>
      {derived ? (
        <Text size="sm">
          Sexe : <strong>{derived === 'F' ? 'Femme' : 'Homme'}</strong> (donné par le premier chiffre du NIR).
        </Text>
      ) : (
        <Radio.Group label="Sexe" required {...form.getInputProps('sexe')}>
          <Stack gap="xs" mt="xs">
            <Radio value="F" label="Femme" />
            <Radio value="M" label="Homme" />
          </Stack>
        </Radio.Group>
      )}
    </Stack>
  );
}

export function EmploiFields<V extends EmploiValues>({ form }: { form: UseFormReturnType<V> }) {
  const values: EmploiValues = form.getValues();
  // The generic form knows these paths only loosely: one setter for the two fields changed together.
  const set = form.setFieldValue as (path: string, value: unknown) => void;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label="Régime"
          description="CNRACL : fonctionnaire à 28 heures par semaine ou plus. IRCANTEC : contractuel, ou fonctionnaire à moins de 28 heures."
          required
          data={[
            { value: '', label: 'Choisissez le régime', disabled: true },
            ...REGIMES.map((r) => ({ value: r, label: r })),
          ]}
          {...form.getInputProps('regime')}
        />
        <NativeSelect
          label="Statut"
          required
          data={[
            { value: '', label: 'Choisissez le statut', disabled: true },
            ...STATUTS.map((s) => ({ value: s, label: statutLabels[s] })),
          ]}
          {...form.getInputProps('statut')}
        />
        <FrenchDateInput
          label="Date d’entrée dans la collectivité"
          description="Au format JJ/MM/AAAA."
          required
          {...form.getInputProps('dateEntree')}
        />
        <TextInput label="Emploi" description="Ex. : Policier municipal." required {...form.getInputProps('emploi')} />
        <TextInput label="Grade" description={`${OPTIONAL} Ex. : Brigadier.`} {...form.getInputProps('grade')} />
        <TextInput label="Service" description={OPTIONAL} {...form.getInputProps('service')} />
      </SimpleGrid>
      <Radio.Group
        label="Temps de travail"
        required
        {...form.getInputProps('tempsTravail')}
        onChange={(value) => {
          set('tempsTravail', value as TTempsTravail);
          if (value === 'complet') set('heuresHebdo', null);
        }}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="complet" label="Temps complet" />
          <Radio value="non_complet" label="Temps non complet" />
        </Stack>
      </Radio.Group>
      {values.tempsTravail === 'non_complet' && (
        <DecimalInput
          label="Heures par semaine"
          description={`Ex. : 30, 17,5 ou 7h45. Un agent CNRACL travaille au moins ${CNRACL_MIN_HOURS} heures par semaine.`}
          required
          parse={parseHours}
          format={formatHours}
          maw={320}
          {...form.getInputProps('heuresHebdo')}
        />
      )}
    </Stack>
  );
}
