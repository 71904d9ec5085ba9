import { Button, Group, Textarea } from '@mantine/core';
import { type TFraisMedical, ZFraisMedicalDecision } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiForm } from '../../components/ApiForm';
import { FormModal } from '../../components/FormModal';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { fraisApi, useFraisMedicaux } from './api';
import { FraisListe, FraisTotaux, nomFrais } from './FraisListe';

/** The handler validates each invoice, or refuses it with a motif the collectivité reads (and is mailed). */
export function FraisMedicauxGestionSection({ sinistreId }: { sinistreId: string }) {
  const queryClient = useQueryClient();
  const query = useFraisMedicaux('gestion', sinistreId);
  const [busy, setBusy] = useState<string | null>(null);
  const [refus, setRefus] = useState<TFraisMedical | null>(null);
  const totaux = query.data?.pages[0]?.totaux;
  const decided = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: ['frais-medicaux'] });
    notifySuccess(message);
  };
  const valider = async (f: TFraisMedical) => {
    setBusy(f.id);
    try {
      await fraisApi.decider(sinistreId, f.id, { action: 'valider' });
      await decided(`La facture « ${nomFrais(f)} » est validée : la collectivité est prévenue.`);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Section title="Frais médicaux" id="frais-medicaux">
      {query.isError && <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>}
      {totaux && <FraisTotaux totaux={totaux} />}
      <FraisListe
        espace="gestion"
        sinistreId={sinistreId}
        query={query}
        actions={(f) =>
          f.statut === 'saisie' && (
            <Group gap="xs">
              <Button
                color="green.9"
                loading={busy === f.id}
                aria-label={`Valider la facture ${nomFrais(f)}`}
                onClick={() => void valider(f)}
              >
                Valider
              </Button>
              <Button
                variant="outline"
                color="red.9"
                aria-label={`Refuser la facture ${nomFrais(f)}`}
                onClick={() => setRefus(f)}
              >
                Refuser
              </Button>
            </Group>
          )
        }
      />
      <FormModal opened={refus !== null} onClose={() => setRefus(null)} title="Refuser la facture" size="md">
        {refus && (
          <RefusForm
            sinistreId={sinistreId}
            frais={refus}
            onCancel={() => setRefus(null)}
            onDone={() => {
              const f = refus;
              setRefus(null);
              void decided(`La facture « ${nomFrais(f)} » est refusée : la collectivité est prévenue.`);
            }}
          />
        )}
      </FormModal>
    </Section>
  );
}

function RefusForm({
  sinistreId,
  frais,
  onCancel,
  onDone,
}: {
  sinistreId: string;
  frais: TFraisMedical;
  onCancel: () => void;
  onDone: () => void;
}) {
  const controller = useApiForm({
    initialValues: { action: 'refuser', motif: '' },
    schema: ZFraisMedicalDecision,
    submit: (body) => fraisApi.decider(sinistreId, frais.id, body),
    onSuccess: onDone,
  });
  return (
    <ApiForm controller={controller} submitLabel="Refuser la facture" submitColor="red.9" onCancel={onCancel}>
      <Textarea
        label={`Motif du refus de la facture ${nomFrais(frais)}`}
        description="La collectivité le lira, et le recevra par courriel."
        required
        autosize
        minRows={2}
        maxLength={500}
        {...controller.form.getInputProps('motif')}
      />
    </ApiForm>
  );
}
