import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import {
  formatDate,
  formatDateTime,
  formatEuros,
  fraisBeneficiaireLabels,
  fraisNatureLabels,
  fraisStatutLabels,
  type TFraisMedical,
  type TFraisMedicauxPage,
  type TFraisStatut,
} from '@statutis/domain';
import type { ReactNode } from 'react';
import { DownloadLink } from '../../components/Download';
import { formatFileSize, plural } from '../../lib/format';
import { type Espace, factureUrl, type useFraisMedicaux } from './api';

const couleurs: Record<TFraisStatut, string> = { saisie: 'bleu', validee: 'green.9', refusee: 'red.9' };

export const nomFrais = (f: TFraisMedical) => `${fraisNatureLabels[f.nature]} du ${formatDate(f.dateSoins)}`;

/** The totals of every fee of the sinistre, not only of the page shown. */
export function FraisTotaux({ totaux }: { totaux: TFraisMedicauxPage['totaux'] }) {
  if (totaux.nombre === 0) return <Text>Aucune facture de soins saisie.</Text>;
  return (
    <Text>
      {plural(totaux.nombre, 'facture')} pour {formatEuros(totaux.facture)} facturés :{' '}
      {formatEuros(totaux.retenuValide)} validés au remboursement
      {totaux.enAttente > 0
        ? `, ${formatEuros(totaux.retenuEnAttente)} en attente de validation (${plural(totaux.enAttente, 'facture')})`
        : ''}
      .
    </Text>
  );
}

/** One card per invoice: what, when, how much is retained, for whom, its status and its decision. */
export function FraisListe({
  espace,
  sinistreId,
  query,
  actions,
}: {
  espace: Espace;
  sinistreId: string;
  query: ReturnType<typeof useFraisMedicaux>;
  actions?: (f: TFraisMedical) => ReactNode;
}) {
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="sm">
      <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
        {items.map((f) => (
          <Paper component="li" key={f.id} withBorder p="sm" aria-label={nomFrais(f)}>
            <Group justify="space-between" align="flex-start" gap="sm">
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={700}>{nomFrais(f)}</Text>
                  <Badge variant="light" color={couleurs[f.statut]} tt="none" size="md" miw="max-content">
                    {fraisStatutLabels[f.statut]}
                  </Badge>
                  {f.regle && <Text size="sm">payée</Text>}
                </Group>
                <Text size="sm">{f.prestataire}</Text>
                <Text size="sm">
                  Facturé {formatEuros(f.montantFacture)}
                  {f.montantPrisEnCharge > 0 ? `, déjà pris en charge ${formatEuros(f.montantPrisEnCharge)}` : ''} —
                  retenu {formatEuros(f.montantRetenu)}
                </Text>
                <Text size="sm">
                  Remboursé à : {fraisBeneficiaireLabels[f.beneficiaire].toLocaleLowerCase('fr-FR')}
                  {f.beneficiaireNom
                    ? ` (${f.beneficiaireNom}${f.beneficiaireIban ? `, IBAN ${f.beneficiaireIban}` : ''})`
                    : ''}
                </Text>
                <Group gap="xs">
                  {f.facture.telechargeable ? (
                    <DownloadLink path={factureUrl(espace, sinistreId, f.id)} fileName={f.facture.nom}>
                      {f.facture.nom}
                    </DownloadLink>
                  ) : (
                    <Text size="sm" fs="italic">
                      Facture : téléchargement réservé aux personnes habilitées.
                    </Text>
                  )}
                  <Text size="sm">
                    {formatFileSize(f.facture.taille)}, saisie le {formatDateTime(f.saisiLe)} par {f.saisiPar}
                  </Text>
                </Group>
                {f.decidePar && f.decideLe && (
                  <Text size="sm">
                    {fraisStatutLabels[f.statut]} le {formatDateTime(f.decideLe)} par {f.decidePar}
                  </Text>
                )}
                {f.statut === 'refusee' && f.motifRefus && (
                  <Text size="sm" c="red.9">
                    Motif du refus : {f.motifRefus}
                  </Text>
                )}
              </Stack>
              {actions?.(f)}
            </Group>
          </Paper>
        ))}
      </Stack>
      {query.hasNextPage && (
        <Group>
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            Afficher les factures suivantes
          </Button>
        </Group>
      )}
    </Stack>
  );
}
