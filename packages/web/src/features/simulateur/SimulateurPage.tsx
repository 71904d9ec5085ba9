import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  Loader,
  Progress,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import {
  DECLARATIONS_TARDIVES,
  DELAIS_DECLARATION,
  declarationTardiveLabels,
  ELEMENTS_BASE,
  elementLabels,
  FORMULES_MAX,
  FRANCHISES_AUTRES,
  FRANCHISES_MO,
  formatEuros,
  formatRapport,
  REGIMES,
  REMBOURSEMENTS_PCT,
  RISQUES_FRANCHISE,
  RISQUES_SIMULES,
  risqueLabels,
  risquesParRegime,
  type TDeclarationTardive,
  type TFormule,
  type TRegime,
  type TSimulationContexte,
  type TSimulationEvenement,
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
import { ApiError, api, errorMessage, streamLines } from '../../lib/api';
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

/** The risks of the regimes replayed, in the usual order. */
const risquesDesRegimes = (regimes: readonly TRegime[]) =>
  RISQUES_SIMULES.filter((r) => regimes.some((g) => risquesParRegime[g].includes(r)));
/** Group-contract rates seen for small employers (domain §11): the starting point of a new formula. */
const TAUX_TYPE: Record<TRegime, number> = { CNRACL: 8600, IRCANTEC: 1950 };
const regimeLabels: Record<TRegime, string> = {
  CNRACL: 'CNRACL (fonctionnaires)',
  IRCANTEC: 'IRCANTEC (contractuels)',
};

const formuleParDefaut = (regimes: readonly TRegime[], n: number): TFormule => ({
  libelle: `Formule ${n}`,
  franchiseMoJours: 10,
  franchisesJours: {},
  declarationTardive: 'aucune',
  delaiDeclarationJours: 90,
  remboursementPct: 100,
  elements: ['nbi'],
  risques: risquesDesRegimes(regimes),
  taux: Object.fromEntries(regimes.map((r) => [r, TAUX_TYPE[r]])),
});

/** A formula whose rate is missing or unreadable for one of the regimes replayed. */
const tauxInvalide = (f: TFormule, regimes: readonly TRegime[]) =>
  regimes.some((r) => f.taux[r] === undefined || Number.isNaN(f.taux[r]));
const joursLabel = (j: number) => (j === 0 ? 'Aucune' : `${j} jours`);

function FormuleFields({
  formule,
  index,
  regimes,
  onChange,
  onRemove,
}: {
  formule: TFormule;
  index: number;
  regimes: readonly TRegime[];
  onChange: (f: TFormule) => void;
  onRemove?: () => void;
}) {
  const set = (patch: Partial<TFormule>) => onChange({ ...formule, ...patch });
  const risquesVisibles = risquesDesRegimes(regimes);
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
            data={FRANCHISES_MO.map((j) => ({ value: String(j), label: joursLabel(j) }))}
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
          {regimes.map((r) => (
            <DecimalInput
              key={r}
              label={`Taux de cotisation ${r} (%)`}
              description="Deux décimales au plus, par exemple 8,60"
              value={formule.taux[r] ?? null}
              parse={parseTaux}
              format={formatTaux}
              onChange={(t) => set({ taux: { ...formule.taux, [r]: t ?? Number.NaN } })}
              error={
                formule.taux[r] === undefined || Number.isNaN(formule.taux[r])
                  ? `Taux ${r} invalide : par exemple ${formatTaux(TAUX_TYPE[r])}.`
                  : undefined
              }
              required
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {RISQUES_FRANCHISE.filter((r) => risquesVisibles.includes(r)).map((r) => (
            <Select
              key={r}
              label={`Franchise : ${risqueLabels[r].toLowerCase()}`}
              data={FRANCHISES_AUTRES[r].map((j) => ({ value: String(j), label: joursLabel(j) }))}
              value={String(formule.franchisesJours[r] ?? 0)}
              onChange={(v) => set({ franchisesJours: { ...formule.franchisesJours, [r]: Number(v) } })}
              allowDeselect={false}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Déclaration tardive"
            description="Appliquée à chaque arrêt selon sa date réelle de réception"
            data={DECLARATIONS_TARDIVES.map((d) => ({ value: d, label: declarationTardiveLabels[d] }))}
            value={formule.declarationTardive}
            onChange={(v) => set({ declarationTardive: (v as TDeclarationTardive) ?? 'aucune' })}
            allowDeselect={false}
          />
          <Select
            label="Délai de déclaration"
            description="Compté depuis le début de l’arrêt"
            data={DELAIS_DECLARATION.map((j) => ({ value: String(j), label: `${j} jours` }))}
            value={String(formule.delaiDeclarationJours)}
            onChange={(v) => set({ delaiDeclarationJours: Number(v) })}
            disabled={formule.declarationTardive === 'aucune'}
            allowDeselect={false}
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
            {risquesVisibles.map((r) => (
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

const compte = (n: number, un: string, plusieurs: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? plusieurs : un}`;

/** Each formula's total per regime, when several regimes were replayed together. */
function ParRegime({ resultat }: { resultat: TSimulationResultat }) {
  return (
    <ScrollTable caption="Répartition par régime sur les trois années" striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Formule et régime</Table.Th>
          <EnTetesMontants />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {resultat.formules.flatMap((f, k) =>
          f.parRegime.map((r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the server's answer, in the order asked, never reordered.
            <Table.Tr key={`${k}-${r.regime}`}>
              <Table.Th scope="row" fw={400}>
                {`${f.formule.libelle} — ${r.regime}`}
              </Table.Th>
              <Montants l={r.total} />
            </Table.Tr>
          )),
        )}
      </Table.Tbody>
    </ScrollTable>
  );
}

function EnTetesMontants() {
  return (
    <>
      {['Primes', 'Remboursements', 'Salaire maintenu', 'Reste à charge', 'S/P'].map((t) => (
        <Table.Th key={t} scope="col" ta="right">
          {t}
        </Table.Th>
      ))}
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
        {`Arrêts rejoués du 01/01/${annees[0]} au 31/12/${annees.at(-1)} (${resultat.regimes.join(' et ')}) : `}
        {`${compte(perimetre.collectivites, 'collectivité', 'collectivités')}, `}
        {`${compte(perimetre.agents, 'agent arrêté', 'agents arrêtés')}, `}
        {`${compte(perimetre.arrets, 'arrêt', 'arrêts')}, `}
        {`${compte(perimetre.bases, 'base annuelle déclarée', 'bases annuelles déclarées')}.`}
      </Text>
      {resultat.perimetreParRegime.length > 1 && (
        <Text size="sm">
          {resultat.perimetreParRegime
            .map(
              (p) =>
                `${p.regime} : ${compte(p.agents, 'agent arrêté', 'agents arrêtés')}, ${compte(p.arrets, 'arrêt', 'arrêts')}, ${compte(p.bases, 'base', 'bases')}`,
            )
            .join(' ; ')}
          .
        </Text>
      )}
      <ScrollTable caption="Comparaison des formules sur les trois années" striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Formule</Table.Th>
            <EnTetesMontants />
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
      {resultat.formules.some((f) => f.formule.declarationTardive !== 'aucune') && (
        <Text size="sm">
          {'Jours d’arrêt non pris en charge pour déclaration tardive : '}
          {resultat.formules
            .map((f) => `${f.formule.libelle} : ${f.joursHorsDelai.toLocaleString('fr-FR')}`)
            .join(' ; ')}
          .
        </Text>
      )}
      {resultat.regimes.length > 1 && <ParRegime resultat={resultat} />}
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

type Avancement = Extract<TSimulationEvenement, { type: 'progression' }>;

/** The progress of the replay as the server streams it: a bar, and the collectivités done. */
function AvancementSimulation({ avancement, termine }: { avancement: Avancement | null; termine: boolean }) {
  const p = avancement?.progression ?? 0;
  return (
    <Stack gap={4} role="status">
      <Text size="sm">
        {termine ? 'Simulation terminée' : 'Simulation en cours'}
        {avancement
          ? ` : ${p} % — ${compte(avancement.faites, 'collectivité rejouée', 'collectivités rejouées')} sur ${avancement.total.toLocaleString('fr-FR')}.`
          : ' : lecture du périmètre…'}
      </Text>
      <Progress value={p} aria-label="Avancement de la simulation" size="lg" animated={!termine} />
    </Stack>
  );
}

/**
 * « Simulateur de formules » (issue 12): the employer's Administrateur, or a CDG's gestionnaire for a
 * collectivité or the whole CDG, replays the real arrêts of the last three full years of one or both
 * regimes under up to six formulas and compares premiums, reimbursements, reste à charge and S/P. The
 * replay is streamed: its progress shows while it runs.
 */
export function SimulateurPage({ gestion = false }: { gestion?: boolean }) {
  const session = useSession();
  const courante = session.current;
  const [regimes, setRegimesChoisis] = useState<TRegime[]>(['CNRACL']);
  const [perimetre, setPerimetre] = useState(gestion && !courante ? TOUT_LE_CDG : COLLECTIVITE);
  const collectiviteId = gestion && perimetre === COLLECTIVITE ? courante?.id : undefined;
  const endpoint = gestion ? '/api/gestion/simulateur' : '/api/simulateur';
  const contexte = useQuery({
    queryKey: [endpoint, collectiviteId ?? null],
    queryFn: ({ signal }) => api.get<TSimulationContexte>(endpoint, { query: { collectiviteId }, signal }),
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
    const { formuleActuelle, regimes: enVigueur } = contexte.data;
    const choisis = enVigueur.length > 0 ? enVigueur : (['CNRACL'] as TRegime[]);
    setRegimesChoisis(choisis);
    setEntrees(
      formuleActuelle
        ? [
            { ...formuleActuelle, cle: 0 },
            { ...formuleActuelle, libelle: 'Formule 2', franchiseMoJours: 0, cle: 1 },
          ]
        : [{ ...formuleParDefaut(choisis, 1), cle: 0 }],
    );
  }, [contexte.data]);

  const [avancement, setAvancement] = useState<Avancement | null>(null);
  const simulation = useMutation({
    mutationFn: async (body: { formules: TFormule[] }) => {
      setAvancement(null);
      let fin: TSimulationEvenement | null = null;
      await streamLines<TSimulationEvenement>(
        endpoint,
        { regimes, formules: body.formules, ...(gestion ? { collectiviteId: collectiviteId ?? null } : {}) },
        (e) => {
          if (e.type === 'progression') setAvancement(e);
          else fin = e;
        },
      );
      const dernier = fin as TSimulationEvenement | null;
      if (dernier?.type === 'resultat') return dernier.resultat;
      throw new ApiError(500, {
        code: dernier?.type === 'erreur' ? dernier.code : 'erreur_serveur',
        detail: dernier?.type === 'erreur' ? dernier.detail : 'La simulation s’est interrompue. Réessayez.',
      });
    },
  });
  /** Ticking or unticking a regime: each formula gets (or keeps) a rate for it. */
  const changerRegimes = (choisis: TRegime[]) => {
    setRegimesChoisis(choisis);
    if (formules)
      setFormules(
        formules.map((f) => ({
          ...f,
          taux: Object.fromEntries(choisis.map((r) => [r, f.taux[r] ?? TAUX_TYPE[r]])),
          risques: f.risques.length > 0 ? f.risques : risquesDesRegimes(choisis),
        })),
      );
    simulation.reset();
  };
  const liste = formules ?? [];
  const invalide =
    regimes.length === 0 || liste.some((f) => tauxInvalide(f, regimes) || f.risques.length === 0 || !f.libelle.trim());
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
            <Group align="flex-end" gap="xl">
              <Checkbox.Group
                label="Régimes des agents"
                value={regimes}
                onChange={(v) => changerRegimes(REGIMES.filter((r) => v.includes(r)))}
                error={regimes.length === 0 ? 'Cochez au moins un régime.' : undefined}
              >
                <Group gap="md" mt={8}>
                  {REGIMES.map((r) => (
                    <Checkbox key={r} value={r} label={regimeLabels[r]} />
                  ))}
                </Group>
              </Checkbox.Group>
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
                  ? 'La formule 1 reprend le contrat en vigueur (son taux pour chaque régime sous contrat) ; modifiez-la ou ajoutez-en d’autres.'
                  : 'Aucun contrat en vigueur : partez d’une formule type.'}
              </Text>
            )}
            {liste.map((f, i) => (
              <FormuleFields
                key={f.cle}
                formule={f}
                index={i}
                regimes={regimes}
                onChange={(nf) => setFormules(liste.map((x, j) => (j === i ? nf : x)))}
                onRemove={liste.length > 1 ? () => setFormules(liste.filter((_, j) => j !== i)) : undefined}
              />
            ))}
            <Group gap="md">
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                disabled={liste.length >= FORMULES_MAX || formules === null}
                onClick={() => setFormules([...liste, formuleParDefaut(regimes, liste.length + 1)])}
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
            remboursement, avec la franchise de chaque risque (par arrêt), le taux de remboursement, les éléments et les
            risques couverts de la formule ; sa règle de déclaration tardive s’applique à chaque arrêt selon sa date
            réelle de réception (refus, ou prise en charge à compter de la réception, au-delà du délai). Primes = taux
            du régime × base de l’assurance de l’année (réelle si déclarée, sinon prévisionnelle), limitée aux éléments
            assurés. Salaire maintenu = ce que l’employeur a versé pendant les arrêts (IJSS déduites), le même pour
            toutes les formules. Reste à charge = salaire maintenu − remboursements + primes : ce que les absences
            coûtent à l’employeur une fois l’assureur payé. S/P = remboursements ÷ primes. Avec les deux régimes, chaque
            ligne additionne la CNRACL et l’IRCANTEC, détaillées ensuite par régime.
          </Text>
          {(simulation.isPending || simulation.data) && (
            <AvancementSimulation avancement={avancement} termine={!simulation.isPending} />
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
