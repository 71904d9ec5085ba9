import '@mantine/charts/styles.css';
import { Alert, Checkbox, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { type TTableauDeBord, TYPES_PERIODE, typePeriodeLabels } from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DownloadButton } from '../../components/Download';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { api, errorMessage } from '../../lib/api';
import { Prevision } from './Prevision';
import { RapportAnnuel } from './RapportAnnuel';
import { RapportSocialUnique } from './RapportSocialUnique';
import { Courbe, Repartitions } from './Repartitions';
import { Tuiles } from './Tuiles';

export const STATISTIQUES_ENDPOINT = '/api/statistiques';

type TypePeriode = (typeof TYPES_PERIODE)[number];
type Choix = { periode: TypePeriode; annee: number; debut: string | null; fin: string | null; maternite: boolean };

/** The API query of a choice; a custom period waits for both its dates. */
function query(c: Choix) {
  return {
    periode: c.periode,
    annee: c.periode === 'annee' ? c.annee : undefined,
    debut: c.periode === 'personnalisee' ? (c.debut ?? undefined) : undefined,
    fin: c.periode !== 'annee' ? (c.fin ?? undefined) : undefined,
    maternite: c.maternite ? 'incluse' : 'exclue',
  };
}

function ChoixPeriode({ choix, onChange }: { choix: Choix; onChange: (c: Choix) => void }) {
  const courante = new Date().getFullYear();
  const annees = Array.from({ length: 6 }, (_, i) => String(courante - i));
  return (
    <Group align="flex-end" gap="md" role="search" aria-label="Choisir la période">
      <Select
        label="Période"
        data={TYPES_PERIODE.map((t) => ({ value: t, label: typePeriodeLabels[t] }))}
        value={choix.periode}
        onChange={(v) => onChange({ ...choix, periode: (v ?? 'annee') as TypePeriode })}
        allowDeselect={false}
        w={220}
      />
      {choix.periode === 'annee' && (
        <Select
          label="Année"
          data={annees}
          value={String(choix.annee)}
          onChange={(v) => onChange({ ...choix, annee: Number(v ?? courante) })}
          allowDeselect={false}
          w={120}
        />
      )}
      {choix.periode === 'personnalisee' && (
        <FrenchDateInput
          label="Du"
          placeholder="JJ/MM/AAAA"
          value={choix.debut}
          onChange={(v) => onChange({ ...choix, debut: v })}
          w={160}
        />
      )}
      {choix.periode !== 'annee' && (
        <FrenchDateInput
          label={choix.periode === 'glissant' ? 'Se terminant le' : 'Au'}
          placeholder="JJ/MM/AAAA"
          description={choix.periode === 'glissant' ? 'Vide : aujourd’hui' : undefined}
          value={choix.fin}
          onChange={(v) => onChange({ ...choix, fin: v })}
          clearable
          w={160}
        />
      )}
      <Checkbox
        label="Inclure maternité, paternité et adoption"
        checked={choix.maternite}
        onChange={(e) => onChange({ ...choix, maternite: e.currentTarget.checked })}
        mb={8}
      />
    </Group>
  );
}

/**
 * Accueil › Statistiques: the absenteeism of the collectivité over a period — the indicators of domain §8
 * with the previous equal period, the national reference and how each is computed; the breakdowns as
 * tables and charts; the monthly curve against last year; the tables to download. Loaded lazily: the
 * charts' code is not in the first page.
 */
export default function StatistiquesPage() {
  const [choix, setChoix] = useState<Choix>({
    periode: 'annee',
    annee: new Date().getFullYear(),
    debut: null,
    fin: null,
    maternite: false,
  });
  const q = query(choix);
  const incomplet = choix.periode === 'personnalisee' && (!choix.debut || !choix.fin);
  const stats = useQuery({
    queryKey: [STATISTIQUES_ENDPOINT, q],
    queryFn: ({ signal }) => api.get<TTableauDeBord>(STATISTIQUES_ENDPOINT, { query: q, signal }),
    enabled: !incomplet,
    placeholderData: (previous) => previous,
  });
  const s = stats.data;
  const nom = `statistiques-${s?.periode.debut ?? ''}-${s?.periode.fin ?? ''}`;

  return (
    <Page
      title="Statistiques"
      crumbs={[]}
      intro="L’absentéisme pour raison de santé de vos agents : chaque chiffre avec sa période précédente, la référence nationale et la façon dont il est calculé."
      actions={
        s && (
          <>
            {choix.periode === 'annee' && (
              <RapportAnnuel annee={choix.annee} maternite={choix.maternite ? 'incluse' : 'exclue'} />
            )}
            <DownloadButton
              path={`${STATISTIQUES_ENDPOINT}/export`}
              query={{ ...q, format: 'xlsx' }}
              fileName={`${nom}.xlsx`}
            >
              Exporter (XLSX)
            </DownloadButton>
            <DownloadButton
              path={`${STATISTIQUES_ENDPOINT}/export`}
              query={{ ...q, format: 'csv' }}
              fileName={`${nom}.csv`}
            >
              Exporter (CSV)
            </DownloadButton>
          </>
        )
      }
    >
      <ChoixPeriode choix={choix} onChange={setChoix} />
      {incomplet && <Text size="sm">Indiquez le début et la fin de la période.</Text>}
      {stats.isError && <ProblemAlert>{errorMessage(stats.error)}</ProblemAlert>}
      {stats.isPending && !incomplet && <Loader aria-label="Chargement des statistiques" />}
      {s && (
        <Stack gap="lg" aria-busy={stats.isFetching || undefined}>
          <Section title={`Indicateurs — ${s.periode.libelle}`} id="indicateurs">
            <Stack gap="md">
              <Text size="sm">
                {s.collectivite.nom} · effectif moyen{' '}
                {s.effectif.moyen.toLocaleString('fr-FR', { maximumFractionDigits: 2 })} agents
                {s.effectif.source ? ` (${s.effectif.source})` : ''} · maternité{' '}
                {s.maternite === 'exclue' ? 'exclue' : 'incluse'}
                {s.periode.enCours ? ' · période en cours, arrêtée à aujourd’hui' : ''}.
              </Text>
              {s.secret && (
                <Alert color="blue" title="Secret statistique">
                  Vous consultez les chiffres d’une collectivité de votre périmètre : toute donnée calculée sur moins de
                  5 agents ou 5 arrêts est masquée.
                </Alert>
              )}
              {s.alertes.map((a) => (
                <Alert key={a} color="orange" title="À vérifier">
                  {a}
                </Alert>
              ))}
              <Tuiles s={s} />
            </Stack>
          </Section>
          <Courbe s={s} />
          <Repartitions s={s} />
          <Prevision />
        </Stack>
      )}
      <RapportSocialUnique />
    </Page>
  );
}
