import { Badge, Table, Text } from '@mantine/core';
import {
  elementLabels,
  formatEuros,
  formatMois,
  formatPct,
  SALAIRE_MENSUEL_ELEMENTS,
  type TSalairesMensuels,
  type TSinistreDetail,
  ZSalairesMensuelsInput,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { MoneyInput } from '../../components/MoneyInput';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { entreesApi, salairesKey, useSalaires } from './api';

const SHORT: Record<(typeof SALAIRE_MENSUEL_ELEMENTS)[number], string> = {
  tbi: 'TBI',
  nbi: 'NBI',
  sft: 'SFT',
  ir: 'IR',
};

/** The arrêts as a key: a new or shortened arrêt changes the months. */
const arretsSignature = (s: TSinistreDetail) => s.arrets.map((a) => `${a.debut}:${a.fin}`).join(',');

function SalairesForm({
  sinistre,
  data,
  canWrite,
  queryKey,
}: {
  sinistre: TSinistreDetail;
  data: TSalairesMensuels;
  canWrite: boolean;
  queryKey: readonly unknown[];
}) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: { mois: data.mois.map(({ mois, tbi, nbi, sft, ir }) => ({ mois, tbi, nbi, sft, ir })) },
    schema: ZSalairesMensuelsInput,
    submit: (body: z.output<typeof ZSalairesMensuelsInput>) => entreesApi.saveSalaires(sinistre.id, body),
    onSuccess: (saved, body) => {
      queryClient.setQueryData(queryKey, saved);
      notifySuccess(
        body.mois.length > 1
          ? `Les salaires de ${body.mois.length} mois sont enregistrés.`
          : `Le salaire de ${formatMois(body.mois[0]!.mois)} est enregistré.`,
      );
    },
  });
  const table = (
    <ScrollTable caption={`Salaires mensuels — sinistre n° ${sinistre.numero}`} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Mois</Table.Th>
          {SALAIRE_MENSUEL_ELEMENTS.map((e) => (
            <Table.Th scope="col" key={e}>
              <abbr title={elementLabels[e]}>{SHORT[e]}</abbr>
            </Table.Th>
          ))}
          <Table.Th scope="col">État</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.mois.map((m, i) => (
          <Table.Tr key={m.mois}>
            <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
              {formatMois(m.mois)}
            </Table.Th>
            {SALAIRE_MENSUEL_ELEMENTS.map((e) => {
              const assure = m.elementsAssures.includes(e);
              const label = `${elementLabels[e]} — ${formatMois(m.mois)}`;
              return (
                <Table.Td key={e} miw={140}>
                  {canWrite ? (
                    <MoneyInput
                      aria-label={assure ? label : `${label} (non assuré)`}
                      disabled={!assure}
                      placeholder={assure ? undefined : 'Non assuré'}
                      {...controller.form.getInputProps(`mois.${i}.${e}`)}
                    />
                  ) : (
                    <Text>{m[e] === null ? '—' : formatEuros(m[e])}</Text>
                  )}
                </Table.Td>
              );
            })}
            <Table.Td>
              <Badge variant="light" color={m.enregistre ? 'green' : 'orange'} tt="none" miw="max-content">
                {m.enregistre ? 'Enregistré' : 'Proposé'}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
  return canWrite ? (
    <ApiForm controller={controller} submitLabel="Enregistrer les salaires">
      {table}
    </ApiForm>
  ) : (
    table
  );
}

/**
 * « Salaires mensuels »: one row per calendar month of the sinistre's arrêts (a payslip differs from
 * month to month); a month not saved yet proposes the previous one's amounts, to check and save.
 */
export function SalairesMensuelsSection({ sinistre, canWrite }: { sinistre: TSinistreDetail; canWrite: boolean }) {
  const signature = arretsSignature(sinistre);
  const salaires = useSalaires(sinistre.id, signature);
  const data = salaires.data;
  const pct = [
    data?.riPct != null ? `régime indemnitaire ${formatPct(data.riPct)}` : null,
    data?.cpPct != null ? `charges patronales ${formatPct(data.cpPct)}` : null,
  ].filter(Boolean);
  return (
    <Section title="Salaires mensuels" id="salaires">
      <Text>
        Montants bruts de chaque mois civil des arrêts, en euros (par exemple 2 042,95), tels qu’ils figurent sur le
        bulletin de paie. Seuls les éléments assurés dans votre base de l’assurance sont à saisir.
        {pct.length > 0 && ` Le calcul ajoute ${pct.join(' et ')} du TBI, selon votre base.`}
      </Text>
      {salaires.isError && <ProblemAlert>{errorMessage(salaires.error)}</ProblemAlert>}
      {data && data.mois.length === 0 && <Text>Les mois à renseigner apparaîtront une fois l’arrêt déclaré.</Text>}
      {data && data.mois.length > 0 && (
        <>
          {data.mois.some((m) => !m.enregistre) && (
            <Text size="sm">
              « Proposé » : rien n’est encore enregistré pour ce mois ; les montants du mois précédent sont repris, à
              vérifier puis enregistrer.
            </Text>
          )}
          <SalairesForm
            // A new answer (arrêts changed, saved elsewhere) starts the form again from it.
            key={JSON.stringify(data.mois)}
            sinistre={sinistre}
            data={data}
            canWrite={canWrite}
            queryKey={salairesKey(sinistre.id, signature)}
          />
        </>
      )}
    </Section>
  );
}
