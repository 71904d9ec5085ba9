import { Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  formatEuros,
  REGLEMENT_STATUTS,
  reglementStatutLabels,
  type TReglementOut,
  type TReglementStatut,
  ZParametresPaiementInput,
  ZReglementRunInput,
  ZRejetInput,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiForm } from '../../../components/ApiForm';
import { DownloadLink } from '../../../components/Download';
import { FormModal } from '../../../components/FormModal';
import { FrenchDateInput } from '../../../components/FrenchDateInput';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { api, errorMessage } from '../../../lib/api';
import { plural } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useApiForm } from '../../../lib/useApiForm';
import { useSession } from '../../auth/session';
import {
  GESTION_REGLEMENTS_ENDPOINT,
  GESTION_REGLEMENTS_PATH,
  reglementsApi,
  useParametresPaiement,
  useReglements,
} from '../../reglements/api';
import { PageSuivante, ReglementsTable } from '../../reglements/ReglementsTable';

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [GESTION_REGLEMENTS_ENDPOINT] });
}

function Parametres() {
  const query = useParametresPaiement();
  const refresh = useRefresh();
  const controller = useApiForm({
    initialValues: { seuilQuatreYeux: null as number | null, iban: '', bic: '', titulaire: '' },
    schema: ZParametresPaiementInput,
    submit: (body) => api.put(`${GESTION_REGLEMENTS_ENDPOINT}/parametres`, body),
    onSuccess: async () => {
      await refresh();
      notifySuccess('Les paramètres de paiement sont enregistrés.');
    },
  });
  const p = query.data;
  return (
    <Section title="Paramètres de paiement" id="parametres">
      {p && (
        <Text>
          {p.compte.iban
            ? `Virements émis depuis ${p.compte.ibanAffiche} (${p.compte.titulaire}). `
            : 'Aucun compte émetteur : renseignez-le avant la première mise en paiement. '}
          {p.seuilQuatreYeux === null
            ? 'Pas de double validation.'
            : `Double validation au-delà de ${formatEuros(p.seuilQuatreYeux)}.`}
        </Text>
      )}
      <ApiForm controller={controller} submitLabel="Enregistrer les paramètres">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="IBAN émetteur" required autoComplete="off" {...controller.form.getInputProps('iban')} />
          <TextInput label="BIC (facultatif)" autoComplete="off" {...controller.form.getInputProps('bic')} />
          <TextInput
            label="Titulaire du compte"
            required
            maxLength={70}
            {...controller.form.getInputProps('titulaire')}
          />
          <NumberInput
            label="Seuil de double validation (en centimes, facultatif)"
            description="Au-delà, un second gestionnaire approuve le règlement."
            min={0}
            allowDecimal={false}
            {...controller.form.getInputProps('seuilQuatreYeux')}
            onChange={(v) => controller.form.setFieldValue('seuilQuatreYeux', v === '' ? null : Number(v))}
          />
        </SimpleGrid>
      </ApiForm>
    </Section>
  );
}

function NouvelleCampagne() {
  const refresh = useRefresh();
  const mois = dayjs().subtract(1, 'month');
  const controller = useApiForm({
    initialValues: { du: mois.startOf('month').format('YYYY-MM-DD'), au: mois.endOf('month').format('YYYY-MM-DD') },
    schema: ZReglementRunInput,
    submit: reglementsApi.creer,
    onSuccess: async (out) => {
      await refresh();
      const reportes = out.reportes.length
        ? ` ${plural(out.reportes.length, 'collectivité')} au solde nul ou négatif : reporté au prochain règlement.`
        : '';
      notifySuccess(`${plural(out.crees.length, 'règlement créé', 'règlements créés')}.${reportes}`);
    },
  });
  return (
    <Section title="Préparer les règlements d’une période" id="campagne">
      <Text size="sm">
        Chaque collectivité reçoit un règlement de ses décomptes validés non encore payés dont la période se termine au
        plus tard le dernier jour choisi. Un solde nul ou négatif n’est pas viré : il est déduit du règlement suivant.
      </Text>
      <ApiForm controller={controller} submitLabel="Préparer les règlements">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FrenchDateInput label="Période du" required {...controller.form.getInputProps('du')} />
          <FrenchDateInput label="au" required {...controller.form.getInputProps('au')} />
        </SimpleGrid>
      </ApiForm>
    </Section>
  );
}

function RejetForm({ reglement, done }: { reglement: TReglementOut; done: () => Promise<void> }) {
  const controller = useApiForm({
    initialValues: { motif: '' },
    schema: ZRejetInput,
    submit: (body) => reglementsApi.rejeter(reglement.id, body.motif),
    onSuccess: async () => {
      await done();
      notifySuccess(`Le rejet de ${reglement.numero} est enregistré.`);
    },
  });
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer le rejet">
      <Textarea
        label="Motif du rejet (code de la banque, explication)"
        required
        data-autofocus
        maxLength={500}
        {...controller.form.getInputProps('motif')}
      />
    </ApiForm>
  );
}

/** Gestion › Règlements: runs, approvals, SEPA file, payment and rejection. */
export function GestionReglementsPage() {
  const session = useSession();
  const [statut, setStatut] = useState<TReglementStatut | ''>('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dateExecution, setDateExecution] = useState<string | null>(dayjs().add(2, 'day').format('YYYY-MM-DD'));
  const [virement, setVirement] = useState<{ id: string; messageId: string } | null>(null);
  const list = useReglements(GESTION_REGLEMENTS_ENDPOINT, { statut: statut || undefined });
  const refresh = useRefresh();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const gestionnaire = session.user.staffRole === 'gestionnaire';

  const run = async (action: () => Promise<unknown>, message: string) => {
    try {
      await action();
      await refresh();
      notifySuccess(message);
    } catch (error) {
      notifyError(error);
    }
  };
  const [rejet, setRejet] = useState<TReglementOut | null>(null);
  const rejeter = (r: TReglementOut) => setRejet(r);
  const mettreEnPaiement = () =>
    run(async () => {
      const v = await reglementsApi.mettreEnPaiement({
        reglementIds: [...selected],
        dateExecution: dateExecution ?? '',
      });
      setVirement(v);
      setSelected(new Set());
    }, 'Le fichier de virement est prêt.');

  return (
    <Page
      title="Règlements"
      crumbs={[{ label: 'Gestion' }]}
      intro="Les paiements aux collectivités : préparation par période, validation (à deux au-delà du seuil), fichier de virement SEPA, paiement ou rejet."
    >
      {gestionnaire && <NouvelleCampagne />}
      <Section title="Règlements" id="reglements">
        <Stack gap="md">
          <NativeSelect
            label="Statut"
            w="fit-content"
            value={statut}
            onChange={(e) => setStatut(e.currentTarget.value as TReglementStatut | '')}
            data={[
              { value: '', label: 'Tous' },
              ...REGLEMENT_STATUTS.map((s) => ({ value: s, label: reglementStatutLabels[s] })),
            ]}
          />
          {list.isError && <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>}
          {list.isSuccess && items.length === 0 && <Text>Aucun règlement.</Text>}
          {items.length > 0 && (
            <ReglementsTable
              caption="Règlements des collectivités"
              items={items}
              avecCollectivite
              lien={(r) => `${GESTION_REGLEMENTS_PATH}/${r.id}`}
              selection={
                gestionnaire
                  ? {
                      selected,
                      eligible: (r) => r.statut === 'valide',
                      toggle: (id) =>
                        setSelected((s) => {
                          const next = new Set(s);
                          if (next.has(id)) next.delete(id);
                          else next.add(id);
                          return next;
                        }),
                    }
                  : undefined
              }
              actions={
                gestionnaire
                  ? (r) => (
                      <>
                        {r.statut === 'calcule' && (
                          <Button
                            size="xs"
                            onClick={() =>
                              void run(
                                () => reglementsApi.etape(r.id, 'validation'),
                                r.approbationsRequises === 2 && !r.validePar
                                  ? `Première validation de ${r.numero} : un second gestionnaire doit l’approuver.`
                                  : `Le règlement ${r.numero} est validé.`,
                              )
                            }
                          >
                            {r.validePar ? `Approuver ${r.numero}` : `Valider ${r.numero}`}
                          </Button>
                        )}
                        {r.statut === 'mis_en_paiement' && (
                          <Button
                            size="xs"
                            onClick={() =>
                              void run(
                                () => reglementsApi.etape(r.id, 'paiement'),
                                `Le règlement ${r.numero} est payé.`,
                              )
                            }
                          >
                            Marquer {r.numero} payé
                          </Button>
                        )}
                        {(r.statut === 'mis_en_paiement' || r.statut === 'paye') && (
                          <Button size="xs" variant="default" onClick={() => rejeter(r)}>
                            Rejet de {r.numero}
                          </Button>
                        )}
                        {r.statut === 'rejete' && (
                          <Button
                            size="xs"
                            onClick={() =>
                              void run(
                                () => reglementsApi.etape(r.id, 'reemission'),
                                `Le règlement ${r.numero} est ré-émis.`,
                              )
                            }
                          >
                            Ré-émettre {r.numero}
                          </Button>
                        )}
                        {r.virementId && (
                          <DownloadLink path={reglementsApi.virementPath(r.virementId)} fileName="virement.xml">
                            Fichier SEPA
                          </DownloadLink>
                        )}
                      </>
                    )
                  : undefined
              }
            />
          )}
          <PageSuivante
            hasNext={!!list.hasNextPage}
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          />
          {gestionnaire && (
            <Group align="flex-end" gap="md">
              <FrenchDateInput label="Date d’exécution du virement" value={dateExecution} onChange={setDateExecution} />
              <Button disabled={selected.size === 0 || !dateExecution} onClick={() => void mettreEnPaiement()}>
                Mettre en paiement ({plural(selected.size, 'règlement')})
              </Button>
            </Group>
          )}
          {virement && (
            <Text role="status">
              Virement {virement.messageId} :{' '}
              <DownloadLink
                path={reglementsApi.virementPath(virement.id)}
                fileName={`virement-${virement.messageId}.xml`}
              >
                télécharger le fichier SEPA (pain.001)
              </DownloadLink>
            </Text>
          )}
        </Stack>
      </Section>
      {gestionnaire && <Parametres />}
      <FormModal opened={!!rejet} onClose={() => setRejet(null)} title={`Rejet du règlement ${rejet?.numero ?? ''}`}>
        {rejet && (
          <RejetForm
            reglement={rejet}
            done={async () => {
              setRejet(null);
              await refresh();
            }}
          />
        )}
      </FormModal>
    </Page>
  );
}
