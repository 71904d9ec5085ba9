import { Fieldset, SimpleGrid, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  CP_CAP_PCT,
  elementLabels,
  formatEuros,
  formatPct,
  formatTaux,
  PCT_MIN,
  plafondPct,
  RI_CAP_PCT,
  type TElementBase,
} from '@statutis/domain';
import { IntegerInput } from '../../components/IntegerInput';
import { MoneyInput } from '../../components/MoneyInput';
import { type AmountValues, estimateOf } from './baseForm';
import { PctInput } from './PctInput';

const OPTIONAL = 'Facultatif. Montant annuel, en euros.';

const pctElements = {
  ri: {
    legend: elementLabels.ri,
    montantLabel: 'Montant réel du RI',
    pctLabel: 'Part du TBI assurée au titre du RI (%)',
    reel: 'RI réel',
    cap: RI_CAP_PCT,
  },
  cp: {
    legend: elementLabels.cp,
    montantLabel: 'Montant réel des CP',
    pctLabel: 'Part du TBI assurée au titre des CP (%)',
    reel: 'CP réelles',
    cap: CP_CAP_PCT,
  },
} as const;

/** « Plafond : 7,26 % (RI réel / TBI, limité à 25,00 %) », as soon as the real amount and the TBI are typed. */
function plafondText(element: 'ri' | 'cp', montant: number | null, tbi: number | null): string {
  const { reel, cap } = pctElements[element];
  if (montant === null || tbi === null || !(montant > 0) || !(tbi > 0)) {
    return `Saisissez le TBI et le montant réel : le plafond (${reel} / TBI, limité à ${formatPct(cap)}) s’affichera.`;
  }
  const plafond = plafondPct(montant, tbi, element);
  if (plafond < PCT_MIN)
    return element === 'cp'
      ? 'Les CP représentent moins de 1 % du TBI : elles ne peuvent pas être assurées.'
      : 'Le RI représente moins de 1 % du TBI : il ne peut pas être assuré.';
  return `Plafond : ${formatPct(plafond)} (${reel} / TBI, limité à ${formatPct(cap)}). Choisissez de ${formatPct(PCT_MIN)} à ${formatPct(plafond)}, deux décimales au plus.`;
}

function PctElement<V extends AmountValues>({ form, element }: { form: UseFormReturnType<V>; element: 'ri' | 'cp' }) {
  const values = form.getValues();
  const { legend, montantLabel, pctLabel } = pctElements[element];
  const montant = values[`${element}Montant`];
  return (
    <Fieldset legend={legend}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MoneyInput
          label={montantLabel}
          description={`Facultatif : laissez vide pour ne pas l’assurer. Montant annuel versé, en euros.`}
          {...form.getInputProps(`${element}Montant`)}
        />
        <PctInput
          label={pctLabel}
          description={plafondText(element, montant, values.tbi)}
          {...form.getInputProps(`${element}Pct`)}
        />
      </SimpleGrid>
    </Fieldset>
  );
}

/**
 * Effectif, TBI and the optional elements the contract insures (the others are not offered), with
 * the RI and CP ceilings computed while typing.
 */
export function BaseAmountsFields<V extends AmountValues>({
  form,
  allowed,
}: {
  form: UseFormReturnType<V>;
  allowed: readonly TElementBase[];
}) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <IntegerInput
          label="Effectif"
          description="Nombre d’agents relevant du contrat au 31/12."
          required
          {...form.getInputProps('effectif')}
        />
        <MoneyInput
          label={elementLabels.tbi}
          description="Montant annuel, en euros (par exemple 495 000 ou 1 234,56)."
          required
          {...form.getInputProps('tbi')}
        />
        {(['nbi', 'sft', 'ir'] as const)
          .filter((e) => allowed.includes(e))
          .map((e) => (
            <MoneyInput key={e} label={elementLabels[e]} description={OPTIONAL} {...form.getInputProps(e)} />
          ))}
      </SimpleGrid>
      {(['ri', 'cp'] as const)
        .filter((e) => allowed.includes(e))
        .map((e) => (
          <PctElement key={e} form={form} element={e} />
        ))}
    </Stack>
  );
}

/** « Cotisation estimée : 52 614,25 € — assiette assurée 809 450,00 € × 6,500 % », read out as it changes. */
export function CotisationEstimate({ values, tauxCotisation }: { values: AmountValues; tauxCotisation?: number }) {
  const estimate = estimateOf(values, tauxCotisation);
  return (
    <Text role="status" aria-atomic="true" fw={700} p="sm" bg="bleu.0" style={{ borderRadius: 4 }}>
      {estimate && tauxCotisation
        ? `Cotisation estimée : ${formatEuros(estimate.cotisation)} — assiette assurée ${formatEuros(estimate.assiette)} × ${formatTaux(tauxCotisation)}`
        : tauxCotisation === 0
          ? 'Le taux de cotisation de ce contrat n’est pas encore renseigné : la cotisation ne peut pas être estimée.'
          : 'La cotisation estimée s’affichera dès que le contrat et le TBI seront saisis.'}
    </Text>
  );
}
