import { Checkbox, Fieldset, SimpleGrid, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { elementLabels, SALAIRE_ELEMENTS, salaireVide, type TSalaireElement } from '@statutis/domain';
import { MoneyInput } from '../../components/MoneyInput';

export type SalaireValues = Record<TSalaireElement, number | null> & { nePasProratiser: boolean };

export const emptySalaire = (): SalaireValues => salaireVide();

/** Salary of an existing arrêt as the form holds it. */
export function salaireValues(arret: {
  salaire: Record<TSalaireElement, number | null>;
  nePasProratiser: boolean;
}): SalaireValues {
  return { ...arret.salaire, nePasProratiser: arret.nePasProratiser };
}

/**
 * The monthly salary for the period of an arrêt. Only the elements insured in the base de l’assurance
 * can be typed; the others stay disabled, with the reason beside them.
 */
export function SalaireFields({
  form,
  prefix,
  assures,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: the fields live at `prefix` of any form holding a salary.
  form: UseFormReturnType<any>;
  prefix: string;
  assures: readonly TSalaireElement[];
}) {
  const path = (name: string) => (prefix ? `${prefix}.${name}` : name);
  return (
    <Fieldset legend="Éléments de salaire de la période">
      <Stack gap="md">
        <Text size="sm">
          Montants mensuels bruts, en euros (par exemple 1 969,11). Seuls les éléments assurés dans votre base de
          l’assurance sont à compléter.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {SALAIRE_ELEMENTS.map((e) => {
            const assure = assures.includes(e);
            return (
              <MoneyInput
                key={e}
                label={elementLabels[e]}
                description={
                  assure ? 'Facultatif. Montant mensuel.' : 'Non assuré dans votre base de l’assurance : rien à saisir.'
                }
                disabled={!assure}
                {...form.getInputProps(path(e))}
              />
            );
          })}
        </SimpleGrid>
        <Checkbox
          label="Ne pas proratiser sur la période d’arrêt"
          description="Cochez si les montants saisis correspondent déjà à la seule période de l’arrêt."
          {...form.getInputProps(path('nePasProratiser'), { type: 'checkbox' })}
        />
      </Stack>
    </Fieldset>
  );
}
