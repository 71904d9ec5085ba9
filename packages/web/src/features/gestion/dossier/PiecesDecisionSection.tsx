import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, Textarea } from '@mantine/core';
import {
  formatDateTime,
  MOTIFS_REFUS_PIECE,
  motifRefusPieceLabels,
  pieceDocumentStatutLabels,
  type TDossierGestion,
  type TPieceDocumentStatut,
  type TPieceGestion,
  ZPieceDecision,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiForm } from '../../../components/ApiForm';
import { FormModal } from '../../../components/FormModal';
import { Section } from '../../../components/Section';
import { formatFileSize } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useApiForm } from '../../../lib/useApiForm';
import { dossierApi, dossierKey } from './api';
import type { DossierSectionProps } from './sections';

const couleurs: Record<TPieceDocumentStatut, string> = {
  deposee: 'bleu',
  validee: 'green.9',
  refusee: 'red.9',
  remplacee: 'gray',
};

const nomDe = (p: TPieceGestion) => (p.periode ? `${p.libelle} — ${p.periode}` : p.libelle);
const boutonId = (pieceId: string) => `piece-${pieceId}-valider`;

/**
 * The deposited pieces and the handler's decision on each. Keyboard first: after a decision,
 * focus goes to the next piece waiting for one (or to the section's title when none is left).
 */
export function PiecesSection({ dossier }: DossierSectionProps) {
  const queryClient = useQueryClient();
  const id = dossier.sinistre.id;
  const [refus, setRefus] = useState<TPieceGestion | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [focusApres, setFocusApres] = useState<string | null>(null);

  useEffect(() => {
    if (!focusApres) return;
    const pieces = dossier.pieces;
    const from = pieces.findIndex((p) => p.id === focusApres);
    const next = [...pieces.slice(from + 1), ...pieces.slice(0, Math.max(from, 0))].find((p) => p.statut === 'deposee');
    const target = next ? document.getElementById(boutonId(next.id)) : document.getElementById('pieces-titre');
    if (!next) target?.setAttribute('tabindex', '-1');
    target?.focus();
    setFocusApres(null);
  }, [focusApres, dossier.pieces]);

  const decided = (saved: TDossierGestion, piece: TPieceGestion, message: string) => {
    queryClient.setQueryData(dossierKey(id), saved);
    notifySuccess(message);
    setFocusApres(piece.id);
  };

  const valider = async (p: TPieceGestion) => {
    setBusy(p.id);
    try {
      decided(
        await dossierApi.deciderPiece(id, p.id, { action: 'valider' }),
        p,
        `La pièce « ${nomDe(p)} » est validée.`,
      );
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Section title="Pièces justificatives" id="pieces">
      {dossier.piecesManquantes.length > 0 && (
        <div>
          <Text fw={700}>Pièces obligatoires manquantes :</Text>
          <Stack component="ul" gap={2} my={4}>
            {dossier.piecesManquantes.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </Stack>
        </div>
      )}
      {dossier.pieces.length === 0 ? (
        <Text>Aucune pièce déposée.</Text>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {dossier.pieces.map((p) => (
            <Paper component="li" key={p.id} withBorder p="sm" aria-label={nomDe(p)}>
              <Group justify="space-between" align="flex-start" gap="sm">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={700}>{nomDe(p)}</Text>
                    <Badge variant="light" color={couleurs[p.statut]} tt="none" size="md" miw="max-content">
                      {pieceDocumentStatutLabels[p.statut]}
                    </Badge>
                    {p.obligatoire && <Text size="sm">obligatoire</Text>}
                    {p.medicale && <Text size="sm">médicale</Text>}
                  </Group>
                  <Text size="sm">
                    {p.fichierDisponible ? p.nom : 'Fichier effacé'}, {formatFileSize(p.taille)}, déposé le{' '}
                    {formatDateTime(p.deposeLe)}
                  </Text>
                  {p.decidePar && p.decideLe && (
                    <Text size="sm">
                      {pieceDocumentStatutLabels[p.statut]} le {formatDateTime(p.decideLe)} par {p.decidePar}
                    </Text>
                  )}
                  {p.statut === 'refusee' && p.motifRefus && (
                    <Text size="sm" c="red.9">
                      Motif du refus : {p.motifRefus}
                    </Text>
                  )}
                </Stack>
                <Group gap="xs">
                  {p.statut === 'deposee' && (
                    <Button
                      id={boutonId(p.id)}
                      color="green.9"
                      loading={busy === p.id}
                      aria-label={`Valider la pièce ${nomDe(p)}`}
                      onClick={() => void valider(p)}
                    >
                      Valider
                    </Button>
                  )}
                  {(p.statut === 'deposee' || p.statut === 'validee') && (
                    <Button
                      variant="outline"
                      color="red.9"
                      aria-label={`Refuser la pièce ${nomDe(p)}`}
                      onClick={() => setRefus(p)}
                    >
                      Refuser
                    </Button>
                  )}
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <FormModal opened={refus !== null} onClose={() => setRefus(null)} title="Refuser la pièce" size="md">
        {refus && (
          <RefusForm
            sinistreId={id}
            piece={refus}
            onCancel={() => setRefus(null)}
            onDone={(saved) => {
              const p = refus;
              setRefus(null);
              decided(saved, p, `La pièce « ${nomDe(p)} » est refusée : la collectivité est prévenue.`);
            }}
          />
        )}
      </FormModal>
    </Section>
  );
}

function RefusForm({
  sinistreId,
  piece,
  onCancel,
  onDone,
}: {
  sinistreId: string;
  piece: TPieceGestion;
  onCancel: () => void;
  onDone: (saved: TDossierGestion) => void;
}) {
  const controller = useApiForm({
    initialValues: { action: 'refuser', motif: '', commentaire: '' },
    schema: ZPieceDecision,
    submit: (body) => dossierApi.deciderPiece(sinistreId, piece.id, body),
    onSuccess: onDone,
  });
  const autre = controller.form.values.motif === 'autre';
  return (
    <ApiForm controller={controller} submitLabel="Refuser la pièce" submitColor="red.9" onCancel={onCancel}>
      <Text>{nomDe(piece)}</Text>
      <NativeSelect
        label="Motif du refus"
        required
        data={[
          { value: '', label: 'Choisissez un motif' },
          ...MOTIFS_REFUS_PIECE.map((m) => ({ value: m, label: motifRefusPieceLabels[m] })),
        ]}
        {...controller.form.getInputProps('motif')}
      />
      <Textarea
        label={autre ? 'Raison du refus' : 'Précision (facultative)'}
        description="La collectivité la lira avec le motif."
        required={autre}
        autosize
        minRows={2}
        maxLength={1000}
        {...controller.form.getInputProps('commentaire')}
      />
    </ApiForm>
  );
}
