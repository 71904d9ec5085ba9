import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Loader,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import {
  ELEMENTS_BASE,
  elementLabels,
  FORMULES_MAX,
  FRANCHISES_MO,
  formatEuros,
  formatRapport,
  REMBOURSEMENTS_PCT,
  RISQUES_SIMULES,
  risqueLabels,
  risquesParRegime,
  type TFormule,
  type TRegime,
  type TSimulationContexte,
  type TSimulationResultat,
} from '@statutis/domain';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useState } from 'react';
import { DecimalInput } from '../../components/DecimalInput';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { api, errorMessage } from '../../lib/api';
import { useSession } from '../auth/session';

const TOUT_LE_CDG = 'cdg';
const COLLECTIVITE = 'collectivite';

/** « 8,60 » ⇄ 8 600 thousandths of a percent (two decimals). */
const parseTaux = (text: string): number | null => {
  const m = /^\s*(\d{1,2})(?:[,.](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(2, '0')) * 10;
};
const formatTaux = (taux: number) =>
  (taux / 1000).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const risquesDuRegime = (regime: TRegime) => RISQUES_SIMULES.filter((r) => risquesParRegime[regime].includes(r));

const formuleParDefaut = (regime: TRegime, n: number): TFormule => ({
  libelle: `Formule ${n}`,
  franchiseMoJours: 10,
  remboursementPct: 100,
  elements: ['nbi'],
  risques: risquesDuRegime(regime),
  taux: regime === 'CNRACL' ? 8600 : 1950,
});

function FormuleFields({
  formule,
  index,
  regime,
  onChange,
  onRemove,
}: {
  formule: TFormule;
  index: number;
  regime: TRegime;
  onChange: (f: TFormule) => void;
  onRemove?: () => void;
}) {
  const set = (patch: Partial<TFormule>) => onChange({ ...formule, ...patch });
  return (
    <Fieldset legend={`Formule ${index + 1} : ${formule.libelle || 'sans nom'}`}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <TextInput
            label="Nom de la formule"
            value={formule.libelle}
            maxLength={60}
            required
            onChange={(e) => set({ libelle: e.currentTarget.value })}
          />
          <Select
            label="Franchise en maladie ordinaire"
            data={FRANCHISES_MO.map((j) => ({ value: String(j), label: j === 0 ? 'Aucune' : `${j} jours` }))}
            value={String(formule.franchiseMoJours)}
            onChange={(v) => set({ franchiseMoJours: Number(v) })}
            allowDeselect={false}
          />
          <Radio.Group
            label="Remboursement"
            value={String(formule.remboursementPct)}
            onChange={(v) => set({ remboursementPct: Number(v) })}
          >
            <Group gap="md" mt={8}>
              {REMBOURSEMENTS_PCT.map((p) => (
                <Radio key={p} value={String(p)} label={`${p} %`} />
              ))}
            </Group>
          </Radio.Group>
          <DecimalInput
            label="Taux de cotisation (%)"
            description="Deux décimales au plus, par exemple 8,60"
            value={formule.taux}
            parse={parseTaux}
            format={formatTaux}
            onChange={(taux) => set({ taux: taux ?? Number.NaN })}
            error={Number.isNaN(formule.taux) ? 'Taux invalide : par exemple 8,60.' : undefined}
            required
          />
        </SimpleGrid>
        <Checkbox.Group
          label="Éléments assurés (le TBI l’est toujours)"
          value={formule.elements}
          onChange={(v) => set({ elements: ELEMENTS_BASE.filter((e) => v.includes(e)) })}
        >
          <Group gap="md" mt={4}>
            <Checkbox checked disabled label={elementLabels.tbi} value="tbi-toujours" readOnly />
            {ELEMENTS_BASE.map((e) => (
              <Checkbox key={e} value={e} label={elementLabels[e]} />
            ))}
          </Group>
        </Checkbox.Group>
        <Checkbox.Group
          label="Risques couverts"
          value={formule.risques}
          onChange={(v) => set({ risques: RISQUES_SIMULES.filter((r) => v.includes(r)) })}
          error={formule.risques.length === 0 ? 'Cochez au moins un risque couvert.' : undefined}
        >
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt={4} spacing="xs">
            {risquesDuRegime(regime).map((r) => (
              <Checkbox key={r} value={r} label={risqueLabels[r]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {onRemove && (
          <Group>
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden="true" />}
              onClick={onRemove}
            >
              Retirer la formule {index + 1}
            </Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}

type Ligne = TSimulationResultat['formules'][number]['total'];

function Montants({ l }: { l: Ligne }) {
  return (
    <>
      <Table.Td ta="right">{formatEuros(l.primes)}</Table.Td>
      <Table.Td ta="right">{formatEuros(l.remboursements)}</Table.Td>
      <Table.Td ta="right">{formatEuros(l.salaireMaintenu)}</Table.Td>
      <Table.Td ta="right" fw={700}>
        {formatEuros(l.resteACharge)}
      </Table.Td>
      <Table.Td ta="right">{formatRapport(l.rapport)}</Table.Td>
    </>
  );
}

function Resultats({ resultat }: { resultat: TSimulationResultat }) {
  const [ouvertes, setOuvertes] = useState<number[]>([]);
  const { perimetre, annees } = resultat;
  const basculer = (k: number) => setOuvertes((o) => (o.includes(k) ? o.filter((x) => x !== k) : [...o, k]));
  const euros = (cents: number) => Math.round(cents) / 100;
  const donnees = resultat.formules.map((f) => ({
    formule: f.formule.libelle,
    Primes: euros(f.total.primes),
    Remboursements: euros(f.total.remboursements),
    'Reste à charge': euros(f.total.resteACharge),
  }));
  return (
    <Stack gap="md">
      <Text>
        {`Arrêts rejoués du 01/01/${annees[0]} au 31/12/${annees.at(-1)} (régime ${resultat.regime}) : `}
        {`${perimetre.collectivites.toLocaleString('fr-FR')} ${perimetre.collectivites > 1 ? 'collectivités' : 'collectivité'}, `}
        {`${perimetre.agents.toLocaleString('fr-FR')} ${perimetre.agents > 1 ? 'agents arrêtés' : 'agent arrêté'}, `}
        {`${perimetre.arrets.toLocaleString('fr-FR')} ${perimetre.arrets > 1 ? 'arrêts' : 'arrêt'}, `}
        {`${perimetre.bases.toLocaleString('fr-FR')} ${perimetre.bases > 1 ? 'bases annuelles déclarées' : 'base annuelle déclarée'}.`}
      </Text>
      <ScrollTable caption="Comparaison des formules sur les trois années" striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Formule</Table.Th>
            <Table.Th scope="col" ta="right">
              Primes
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Remboursements
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Salaire maintenu
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Reste à charge
            </Table.Th>
            <Table.Th scope="col" ta="right">
              S/P
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {resultat.formules.map((f, k) => {
            const ouverte = ouvertes.includes(k);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the server's answer, in the order asked, never reordered.
              <Fragment key={k}>
                <Table.Tr>
                  <Table.Th scope="row">
                    <Stack gap={2} align="flex-start">
                      <Text fw={700} size="sm">
                        {f.formule.libelle}
                      </Text>
                      <Button variant="subtle" size="compact-xs" aria-expanded={ouverte} onClick={() => basculer(k)}>
                        {ouverte ? 'Masquer le détail par année' : 'Détail par année'}
                        <span className="visually-hidden"> de {f.formule.libelle}</span>
                      </Button>
                    </Stack>
                  </Table.Th>
                  <Montants l={f.total} />
                </Table.Tr>
                {ouverte &&
                  f.annees.map((a) => (
                    <Table.Tr key={a.annee}>
                      <Table.Th scope="row" fw={400} pl="xl">
                        {a.annee}
                      </Table.Th>
                      <Montants l={a} />
                    </Table.Tr>
                  ))}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </ScrollTable>
      <figure style={{ margin: 0 }}>
        <BarChart
          h={300}
          data={donnees}
          dataKey="formule"
          role="img"
          aria-label="Graphique : primes, remboursements et reste à charge de chaque formule sur les trois années (les mêmes chiffres que le tableau ci-dessus)"
          valueFormatter={(v) => `${v.toLocaleString('fr-FR', { maximumFractionDigits: 0 })} €`}
          withLegend
          series={[
            { name: 'Primes', color: 'blue.6' },
            { name: 'Remboursements', color: 'teal.6' },
            { name: 'Reste à charge', color: 'orange.6' },
          ]}
        />
        <Text component="figcaption" size="sm" c="dimmed">
          Totaux des trois années, en euros. Le tableau ci-dessus en donne les valeurs exactes.
        </Text>
      </figure>
    </Stack>
  );
}

/**
 * « Simulateur de formules » (issue 12): the employer's Administrateur, or a CDG's gestionnaire for a
 * collectivité or the whole CDG, replays the real arrêts of the last three full years under up to
 * six formulas and compares premiums, reimbursements, reste à charge and S/P.
 */
export function SimulateurPage({ gestion = false }: { gestion?: boolean }) {
  const session = useSession();
  const courante = session.current;
  const [regime, setRegime] = useState<TRegime>('CNRACL');
  const [perimetre, setPerimetre] = useState(gestion && !courante ? TOUT_LE_CDG : COLLECTIVITE);
  const collectiviteId = gestion && perimetre === COLLECTIVITE ? courante?.id : undefined;
  const endpoint = gestion ? '/api/gestion/simulateur' : '/api/simulateur';
  const contexte = useQuery({
    queryKey: [endpoint, regime, collectiviteId ?? null],
    queryFn: ({ signal }) => api.get<TSimulationContexte>(endpoint, { query: { regime, collectiviteId }, signal }),
  });
  const [formules, setEntrees] = useState<(TFormule & { cle: number })[] | null>(null);
  const [prochaineCle, setProchaineCle] = useState(100);
  const setFormules = (fs: (TFormule & { cle?: number })[]) => {
    let cle = prochaineCle;
    setEntrees(fs.map((f) => ({ ...f, cle: f.cle ?? cle++ })));
    setProchaineCle(cle);
  };
  useEffect(() => {
    if (!contexte.data) return;
    const actuelle = contexte.data.formuleActuelle;
    setEntrees(
      actuelle
        ? [
            { ...actuelle, cle: 0 },
            { ...actuelle, libelle: 'Formule 2', franchiseMoJours: 0, cle: 1 },
          ]
        : [{ ...formuleParDefaut(regime, 1), cle: 0 }],
    );
  }, [contexte.data, regime]);

  const simulation = useMutation({
    mutationFn: (body: { formules: TFormule[] }) =>
      api.post<TSimulationResultat>(endpoint, {
        regime,
        formules: body.formules,
        ...(gestion ? { collectiviteId: collectiviteId ?? null } : {}),
      }),
  });
  const liste = formules ?? [];
  const invalide = liste.some((f) => Number.isNaN(f.taux) || f.risques.length === 0 || !f.libelle.trim());
  const annees = contexte.data?.annees ?? [];

  return (
    <Page
      title="Simulateur de formules"
      crumbs={[{ label: gestion ? 'Gestion' : 'Espace contractuel' }]}
      intro="Rejouez les arrêts réels des trois dernières années complètes sous d’autres formules d’assurance et comparez ce que chacune aurait coûté."
    >
      <Section title="Formules à comparer" id="formules">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalide) simulation.mutate({ formules: liste.map(({ cle: _, ...f }) => f) });
          }}
        >
          <Stack gap="md">
            <Group align="flex-end" gap="md">
              <Select
                label="Régime des agents"
                data={[
                  { value: 'CNRACL', label: 'CNRACL (fonctionnaires)' },
                  { value: 'IRCANTEC', label: 'IRCANTEC (contractuels)' },
                ]}
                value={regime}
                onChange={(v) => {
                  setRegime((v as TRegime) ?? 'CNRACL');
                  simulation.reset();
                }}
                allowDeselect={false}
                w={260}
              />
              {gestion && (
                <Radio.Group
                  label="Périmètre"
                  value={perimetre}
                  onChange={(v) => {
                    setPerimetre(v);
                    simulation.reset();
                  }}
                >
                  <Group gap="md" mt={8}>
                    <Radio value={TOUT_LE_CDG} label="Tout le centre de gestion" />
                    <Radio
                      value={COLLECTIVITE}
                      disabled={!courante}
                      label={
                        courante
                          ? `La collectivité choisie : ${courante.nom}`
                          : 'Une collectivité (choisissez-la en haut de page)'
                      }
                    />
                  </Group>
                </Radio.Group>
              )}
            </Group>
            {contexte.isPending && <Loader size="sm" aria-label="Chargement de la formule actuelle" />}
            {contexte.error && <ProblemAlert>{errorMessage(contexte.error)}</ProblemAlert>}
            {annees.length > 0 && (
              <Text size="sm">
                {`Années rejouées : ${annees.join(', ')}. `}
                {contexte.data?.formuleActuelle
                  ? 'La formule 1 reprend le contrat en vigueur ; modifiez-la ou ajoutez-en d’autres.'
                  : 'Aucun contrat en vigueur pour ce régime : partez d’une formule type.'}
              </Text>
            )}
            {liste.map((f, i) => (
              <FormuleFields
                key={f.cle}
                formule={f}
                index={i}
                regime={regime}
                onChange={(nf) => setFormules(liste.map((x, j) => (j === i ? nf : x)))}
                onRemove={liste.length > 1 ? () => setFormules(liste.filter((_, j) => j !== i)) : undefined}
              />
            ))}
            <Group gap="md">
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                disabled={liste.length >= FORMULES_MAX || formules === null}
                onClick={() => setFormules([...liste, formuleParDefaut(regime, liste.length + 1)])}
              >
                Ajouter une formule
              </Button>
              <Button type="submit" loading={simulation.isPending} disabled={invalide || formules === null}>
                Lancer la simulation
              </Button>
              {liste.length >= FORMULES_MAX && <Text size="sm">{`${FORMULES_MAX} formules au plus.`}</Text>}
            </Group>
          </Stack>
        </form>
      </Section>
      <Section title="Résultats" id="resultats">
        <Stack gap="md" aria-live="polite">
          <Text size="sm">
            Comment est-ce calculé ? Pour chaque formule, les arrêts réels sont rejoués jour par jour par le moteur de
            remboursement. Primes = taux × base de l’assurance de l’année (réelle si déclarée, sinon prévisionnelle),
            limitée aux éléments assurés. Salaire maintenu = ce que l’employeur a versé pendant les arrêts (IJSS
            déduites), le même pour toutes les formules. Reste à charge = salaire maintenu − remboursements + primes :
            ce que les absences coûtent à l’employeur une fois l’assureur payé. S/P = remboursements ÷ primes.
          </Text>
          {simulation.isPending && (
            <Alert color="blue" role="status" title="Simulation en cours">
              <Group gap="sm">
                <Loader size="sm" aria-hidden="true" />
                <Text size="sm">
                  {`Les arrêts de ${annees[0] ?? ''} à ${annees.at(-1) ?? ''} sont rejoués sous ${liste.length} ${liste.length > 1 ? 'formules' : 'formule'}… Sur tout un centre de gestion, comptez quelques dizaines de secondes.`}
                </Text>
              </Group>
            </Alert>
          )}
          {simulation.error && <ProblemAlert>{errorMessage(simulation.error)}</ProblemAlert>}
          {simulation.data && <Resultats resultat={simulation.data} />}
          {!simulation.data && !simulation.isPending && !simulation.error && (
            <Text c="dimmed">Lancez la simulation pour comparer les formules.</Text>
          )}
        </Stack>
      </Section>
    </Page>
  );
}

export default SimulateurPage;
