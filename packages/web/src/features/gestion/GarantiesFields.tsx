import { Fieldset, NativeSelect, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  FRANCHISE_UNITES,
  franchiseUniteLabels,
  HORS_DELAI_REGLES,
  horsDelaiRegleLabels,
  risqueLabels,
  risquesParRegime,
  type TGarantie,
  type TRegime,
  type TRisque,
} from '@statutis/domain';
import { IntegerInput } from '../../components/IntegerInput';
import { MoneyInput } from '../../components/MoneyInput';
import { formatDelai } from '../contrats/format';

/**
 * What a new garantie starts with: covered, no franchise, fully reimbursed, and the usual deadlines
 * of domain §4 (90 days to declare and to send the pieces, 2 years for medical pieces, 10 years for
 * a death). The gestionnaire adjusts them to the contract.
 */
export function defaultGarantie(risque: TRisque): TGarantie {
  return {
    risque,
    couvert: true,
    franchiseNombre: 0,
    franchiseUnite: 'jours_fermes_par_arret',
    remboursementPct: 100,
    delaiDeclarationJours: 90,
    delaiPiecesJours: 90,
    delaiPiecesMedicalesJours: 730,
    delaiDecesJours: 3650,
    horsDelaiRegle: 'couverture_a_reception',
    rechuteNouvelleFranchise: true,
    capitalDeces: null,
  };
}

/** One garantie per risk the regime allows, keeping those already entered. */
export function garantiesFor(regime: TRegime, current: readonly TGarantie[]): TGarantie[] {
  return risquesParRegime[regime].map((risque) => current.find((g) => g.risque === risque) ?? defaultGarantie(risque));
}

const delais = [
  ['delaiDeclarationJours', 'Déclaration (jours)'],
  ['delaiPiecesJours', 'Envoi des pièces (jours)'],
  ['delaiPiecesMedicalesJours', 'Pièces médicales (jours)'],
  ['delaiDecesJours', 'En cas de décès (jours)'],
] as const;

type WithGaranties = { garanties: TGarantie[] };

/**
 * The garanties grid: one group per risk (its name is the group's legend, read before each field),
 * its fields side by side on a wide screen and stacked on a narrow or zoomed one.
 */
export function GarantiesFields<V extends WithGaranties>({ form }: { form: UseFormReturnType<V> }) {
  const { garanties } = form.getValues();
  const input = form.getInputProps;
  return (
    <Stack gap="md">
      {garanties.map((g, i) => (
        <Fieldset key={g.risque} legend={risqueLabels[g.risque]}>
          <Stack gap="sm">
            <Switch label="Risque couvert par le contrat" {...input(`garanties.${i}.couvert`, { type: 'checkbox' })} />

            {g.couvert ? (
              <>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <IntegerInput
                    label="Franchise (jours)"
                    min={0}
                    max={365}
                    {...input(`garanties.${i}.franchiseNombre`)}
                  />
                  <NativeSelect
                    label="Décompte de la franchise"
                    data={FRANCHISE_UNITES.map((u) => ({ value: u, label: franchiseUniteLabels[u] }))}
                    {...input(`garanties.${i}.franchiseUnite`)}
                  />
                  <IntegerInput
                    label="Remboursement (%)"
                    min={1}
                    max={100}
                    {...input(`garanties.${i}.remboursementPct`)}
                  />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <NativeSelect
                    label="Déclaration tardive"
                    description="Un arrêt déclaré après le délai de déclaration."
                    data={HORS_DELAI_REGLES.map((r) => ({ value: r, label: horsDelaiRegleLabels[r] }))}
                    {...input(`garanties.${i}.horsDelaiRegle`)}
                  />
                  {g.risque === 'deces' ? (
                    <MoneyInput
                      label="Capital décès"
                      description="Facultatif. Laissez vide si la garantie ne verse pas de capital."
                      {...input(`garanties.${i}.capitalDeces`)}
                    />
                  ) : (
                    <Switch
                      mt="lg"
                      label="Une rechute après une reprise de plus de 48 h ouvre une nouvelle franchise"
                      {...input(`garanties.${i}.rechuteNouvelleFranchise`, { type: 'checkbox' })}
                    />
                  )}
                </SimpleGrid>
                <Fieldset legend="Délais" variant="unstyled">
                  <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }}>
                    {delais.map(([field, label]) => (
                      <IntegerInput
                        key={field}
                        label={label}
                        // Below the field, so that the fields of a row stay aligned.
                        inputWrapperOrder={['label', 'input', 'description', 'error']}
                        description={Number.isInteger(g[field]) ? formatDelai(g[field]) : undefined}
                        min={0}
                        {...input(`garanties.${i}.${field}`)}
                      />
                    ))}
                  </SimpleGrid>
                </Fieldset>
              </>
            ) : (
              <Text size="sm">Non couvert : aucun sinistre de ce risque ne sera remboursé.</Text>
            )}
          </Stack>
        </Fieldset>
      ))}
    </Stack>
  );
}
