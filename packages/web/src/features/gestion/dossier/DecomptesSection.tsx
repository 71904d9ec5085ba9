import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { decompteStatutLabels, formatDate } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { errorMessage } from '../../../lib/api';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { DecompteDetail } from '../../remboursements/DecompteDetail';
import { DecomptePdfLink } from '../../remboursements/DecomptePdfLink';
import { decomptesApi, decomptesKey, useDecomptesDuSinistre } from '../../remboursements/decomptes.api';
import { PeriodeForm } from '../../remboursements/PeriodeForm';

/**
 * The handler's « Décomptes »: compute a period, check the engine's explanation beside the inputs it
 * read, validate; after a change of its inputs (requalification, salary, IJSS, arrêt, contre-visite…),
 * compute the validated periods again, the reason shown.
 */
export function DecomptesSection({ sinistreId }: { sinistreId: string }) {
  const query = useDecomptesDuSinistre(sinistreId, true);
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: decomptesKey(sinistreId) });

  async function act(key: string, work: () => Promise<string>) {
    setBusy(key);
    try {
      const text = await work();
      await refresh();
      notifySuccess(text);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Section title="Décomptes" id="decomptes">
      {query.isError && <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>}
      {query.data?.aRecalculerDepuis && (
        <Alert color="orange" title="Décomptes à recalculer">
          <Stack gap="xs">
            {query.data.recalculMotif && <Text fw={700}>{query.data.recalculMotif}</Text>}
            <Text>
              Les décomptes validés depuis le {formatDate(query.data.aRecalculerDepuis)} doivent être recalculés ; la
              différence sera une régularisation.
            </Text>
            <Group>
              <Button
                loading={busy === 'recalcul'}
                onClick={() =>
                  act('recalcul', async () => {
                    const out = await decomptesApi.recalculer(sinistreId);
                    return out.items.map((i) => i.message).join(' ') || 'Aucun décompte validé à recalculer.';
                  })
                }
              >
                Recalculer les décomptes
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Text size="sm">
        Le calcul indemnise les jours d’arrêt de la période et met en paiement les frais médicaux validés non encore
        réglés (soins jusqu’à la fin de la période) : un décompte par bénéficiaire, la collectivité ou le praticien.
      </Text>
      <PeriodeForm
        submitLabel="Calculer le décompte"
        submit={(periode) => decomptesApi.calculer(sinistreId, periode)}
        onSuccess={async (out) => {
          setMessage(out.message);
          await refresh();
        }}
      />
      {message && (
        <Text role="status" fw={700}>
          {message}
        </Text>
      )}
      {query.data?.items.length === 0 && <Text>Aucun décompte calculé pour ce sinistre.</Text>}
      {query.data?.items.map((d) => (
        <Stack key={d.id} gap="xs" component="article" aria-labelledby={`decompte-${d.id}`}>
          <Group justify="space-between">
            <Title order={3} size="h4" id={`decompte-${d.id}`}>
              {/* Medical fees are never re-versioned: each décompte pays its own invoices. */}
              Décompte {d.numero} — {d.nature === 'frais_medicaux' ? 'frais médicaux' : `version ${d.version}`} —{' '}
              {decompteStatutLabels[d.statut]}
            </Title>
            {d.statut === 'calcule' && (
              <Button
                loading={busy === d.id}
                onClick={() =>
                  act(d.id, async () => {
                    await decomptesApi.valider(d.id);
                    return `Le décompte ${d.numero} est validé.`;
                  })
                }
              >
                Valider le décompte {d.numero}
              </Button>
            )}
          </Group>
          <DecomptePdfLink sinistreId={sinistreId} decompte={d} gestion />
          <DecompteDetail d={d} entrees />
        </Stack>
      ))}
    </Section>
  );
}
