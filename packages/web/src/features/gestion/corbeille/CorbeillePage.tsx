import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Kbd,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import {
  CORBEILLE_DRAPEAUX,
  CORBEILLE_TYPES,
  corbeilleDrapeauLabels,
  corbeilleTypeLabels,
  formatDate,
  libelleDelaiRestant,
  risqueLabels,
  type TCorbeilleFiltres,
  type TCorbeilleLigne,
} from '@statutis/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { errorMessage } from '../../../lib/api';
import { formatDay, plural } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useSession } from '../../auth/session';
import {
  corbeilleApi,
  corbeilleKeys,
  dossierGestionPath,
  useCompteurs,
  useCorbeillePage,
  useFiltres,
  useGestionnaires,
  usePortefeuille,
} from './api';

const TOUS = '';

/** Today in France, as the server counts the days left. */
const aujourdhui = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** Drops the empty criteria, so that equal filters share their cache entry. */
function clean(f: TCorbeilleFiltres): TCorbeilleFiltres {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as TCorbeilleFiltres;
}

/** Gestion › Corbeille: the files waiting for a handler, most urgent first, worked from the keyboard. */
export function CorbeillePage() {
  const me = useSession().user;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [filtres, setFiltres] = useState<TCorbeilleFiltres>({});
  // Keyset pages: the keys of the pages before the current one, to go back.
  const [pile, setPile] = useState<(string | null)[]>([]);
  const [apres, setApres] = useState<string | null>(null);
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const [cible, setCible] = useState<string | null>(null);
  const [nomFiltre, setNomFiltre] = useState('');
  const links = useRef<(HTMLAnchorElement | null)[]>([]);

  const page = useCorbeillePage(filtres, apres);
  const compteurs = useCompteurs();
  const gestionnaires = useGestionnaires();
  const portefeuille = usePortefeuille();
  const sauvegardes = useFiltres();
  const lignes = page.data?.items ?? [];
  const today = aujourdhui();

  const changer = (patch: Partial<TCorbeilleFiltres>) => {
    setFiltres((f) => clean({ ...f, ...patch }));
    setPile([]);
    setApres(null);
    setSelection(new Set());
  };

  const collectivites = useMemo(() => {
    const all = new Map<string, string>();
    for (const c of portefeuille.data?.collectivites ?? []) all.set(c.id, c.nom);
    for (const l of lignes) all.set(l.collectivite.id, l.collectivite.nom);
    return [...all].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  }, [portefeuille.data, lignes]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: corbeilleKeys.all });
  const attribution = useMutation({
    mutationFn: (input: { ids: string[]; gestionnaireId?: string | null }) =>
      corbeilleApi.attribuer({
        sinistreIds: input.ids,
        ...(input.gestionnaireId !== undefined ? { gestionnaireId: input.gestionnaireId } : {}),
      }),
    onSuccess: (r) => {
      notifySuccess(`${plural(r.attribues, 'dossier attribué', 'dossiers attribués')}.`);
      setSelection(new Set());
      return refresh();
    },
    onError: notifyError,
  });
  const enregistrer = useMutation({
    mutationFn: () => corbeilleApi.enregistrerFiltre(nomFiltre.trim(), filtres),
    onSuccess: () => {
      notifySuccess(`Filtre « ${nomFiltre.trim()} » enregistré.`);
      setNomFiltre('');
      return queryClient.invalidateQueries({ queryKey: corbeilleKeys.filtres });
    },
    onError: notifyError,
  });

  const toggle = (id: string) =>
    setSelection((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  /** j / ↓ next line, k / ↑ previous, x selects, a takes the file, Enter opens it (the link). */
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, ligne: TCorbeilleLigne) => {
    const focus = (i: number) => links.current[Math.max(0, Math.min(lignes.length - 1, i))]?.focus();
    if (event.key === 'ArrowDown' || event.key === 'j') focus(index + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') focus(index - 1);
    else if (event.key === 'x') toggle(ligne.sinistreId);
    else if (event.key === 'a') attribution.mutate({ ids: [ligne.sinistreId] });
    else return;
    event.preventDefault();
  };

  const parType = compteurs.data?.parType;
  const typeOptions = [
    { value: TOUS, label: 'Tous les motifs' },
    ...CORBEILLE_TYPES.map((t) => ({
      value: t,
      label: parType ? `${corbeilleTypeLabels[t]} (${parType[t]})` : corbeilleTypeLabels[t],
    })),
  ];
  const attributionOptions = [
    { value: TOUS, label: 'Tous' },
    { value: 'moi', label: 'Mes dossiers' },
    { value: 'personne', label: 'Non attribués' },
    ...(gestionnaires.data ?? []).filter((g) => g.id !== me.id).map((g) => ({ value: g.id, label: g.nom })),
  ];
  const selectionnes = [...selection];
  const allSelected = lignes.length > 0 && lignes.every((l) => selection.has(l.sinistreId));

  return (
    <Page
      title="Corbeille"
      crumbs={[{ label: 'Gestion' }]}
      intro="Les dossiers qui attendent un gestionnaire dans les collectivités de votre organisation, les plus urgents d’abord."
    >
      <Stack gap="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label="Motif"
            data={typeOptions}
            value={filtres.type ?? TOUS}
            onChange={(v) => changer({ type: (v || undefined) as TCorbeilleFiltres['type'] })}
            allowDeselect={false}
          />
          <Select
            label="Collectivité"
            data={[{ value: TOUS, label: 'Toutes' }, ...collectivites]}
            value={filtres.collectiviteId ?? TOUS}
            onChange={(v) => changer({ collectiviteId: v || undefined })}
            searchable
            allowDeselect={false}
          />
          <Select
            label="Attribution"
            data={attributionOptions}
            value={filtres.attribution ?? TOUS}
            onChange={(v) => changer({ attribution: v || undefined })}
            allowDeselect={false}
          />
          <Select
            label="Indicateur"
            data={[
              { value: TOUS, label: 'Tous' },
              ...CORBEILLE_DRAPEAUX.map((d) => ({ value: d, label: corbeilleDrapeauLabels[d] })),
            ]}
            value={filtres.drapeau ?? TOUS}
            onChange={(v) => changer({ drapeau: (v || undefined) as TCorbeilleFiltres['drapeau'] })}
            allowDeselect={false}
          />
          <Checkbox
            label="À contrôler"
            checked={filtres.aControler === 'oui'}
            onChange={(e) => changer({ aControler: e.currentTarget.checked ? 'oui' : undefined })}
          />
          <Checkbox
            label="Mon portefeuille"
            checked={filtres.portefeuille === 'oui'}
            onChange={(e) => changer({ portefeuille: e.currentTarget.checked ? 'oui' : undefined })}
          />
        </Group>

        <Group align="flex-end" gap="sm">
          <Select
            label="Filtres enregistrés"
            placeholder={sauvegardes.data?.length ? 'Choisir un filtre' : 'Aucun filtre enregistré'}
            data={(sauvegardes.data ?? []).map((f) => ({ value: f.id, label: f.nom }))}
            value={null}
            onChange={(id) => {
              const f = sauvegardes.data?.find((s) => s.id === id);
              if (f) changer({ ...Object.fromEntries(Object.keys(filtres).map((k) => [k, undefined])), ...f.criteres });
            }}
            disabled={!sauvegardes.data?.length}
          />
          <TextInput label="Nom du filtre" value={nomFiltre} onChange={(e) => setNomFiltre(e.currentTarget.value)} />
          <Button
            variant="default"
            onClick={() => enregistrer.mutate()}
            disabled={!nomFiltre.trim()}
            loading={enregistrer.isPending}
          >
            Enregistrer ce filtre
          </Button>
        </Group>

        <Group gap="sm" align="flex-end" aria-label="Actions sur la sélection" role="group">
          <Text size="sm">{plural(selectionnes.length, 'dossier sélectionné', 'dossiers sélectionnés')}</Text>
          <Button
            onClick={() => attribution.mutate({ ids: selectionnes })}
            disabled={selectionnes.length === 0}
            loading={attribution.isPending}
          >
            M’attribuer
          </Button>
          <Select
            label="Réattribuer à"
            placeholder="Choisir un gestionnaire"
            data={[
              { value: 'personne', label: 'Personne (rendre les dossiers)' },
              ...(gestionnaires.data ?? []).map((g) => ({ value: g.id, label: g.nom })),
            ]}
            value={cible}
            onChange={setCible}
          />
          <Button
            variant="default"
            disabled={selectionnes.length === 0 || !cible}
            onClick={() =>
              attribution.mutate({ ids: selectionnes, gestionnaireId: cible === 'personne' ? null : cible })
            }
          >
            Réattribuer
          </Button>
        </Group>

        <Text size="sm" c="dimmed">
          Clavier : <Kbd>↓</Kbd>/<Kbd>j</Kbd> dossier suivant, <Kbd>↑</Kbd>/<Kbd>k</Kbd> précédent, <Kbd>Entrée</Kbd>{' '}
          ouvrir, <Kbd>x</Kbd> sélectionner, <Kbd>a</Kbd> m’attribuer.
        </Text>

        {page.error ? (
          <ProblemAlert title="La corbeille n’a pas pu être chargée">{errorMessage(page.error)}</ProblemAlert>
        ) : null}

        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover>
            <Table.Caption>
              Dossiers en attente{compteurs.data ? ` : ${compteurs.data.total} au total` : ''}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  <Checkbox
                    aria-label="Sélectionner tous les dossiers de la page"
                    checked={allSelected}
                    onChange={() => setSelection(allSelected ? new Set() : new Set(lignes.map((l) => l.sinistreId)))}
                  />
                </Table.Th>
                <Table.Th>Dossier</Table.Th>
                <Table.Th>Collectivité</Table.Th>
                <Table.Th>Agent</Table.Th>
                <Table.Th>Catégorie</Table.Th>
                <Table.Th>Date de l’événement</Table.Th>
                <Table.Th>Motifs</Table.Th>
                <Table.Th>En attente depuis</Table.Th>
                <Table.Th>Délai restant</Table.Th>
                <Table.Th>Gestionnaire</Table.Th>
                <Table.Th>Indicateurs</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lignes.length === 0 && !page.isPending ? (
                <Table.Tr>
                  <Table.Td colSpan={11}>Aucun dossier n’attend avec ces critères.</Table.Td>
                </Table.Tr>
              ) : null}
              {lignes.map((l, i) => (
                <Table.Tr
                  key={l.sinistreId}
                  onKeyDown={(e: KeyboardEvent<HTMLTableRowElement>) => onKeyDown(e, i, l)}
                  onDoubleClick={() => navigate(dossierGestionPath(l.sinistreId))}
                >
                  <Table.Td>
                    <Checkbox
                      aria-label={`Sélectionner le dossier ${l.numero}`}
                      checked={selection.has(l.sinistreId)}
                      onChange={() => toggle(l.sinistreId)}
                    />
                  </Table.Td>
                  <Table.Th scope="row">
                    <Anchor
                      component={Link}
                      to={dossierGestionPath(l.sinistreId)}
                      ref={(el: HTMLAnchorElement | null) => {
                        links.current[i] = el;
                      }}
                      fw={500}
                    >
                      {l.numero}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{l.collectivite.nom}</Table.Td>
                  <Table.Td>
                    {l.agent.prenom} {l.agent.nom}
                    <Text size="xs" c="dimmed">
                      <VisuallyHidden>NIR masqué : </VisuallyHidden>
                      {l.agent.nirMasque}
                    </Text>
                  </Table.Td>
                  <Table.Td>{risqueLabels[l.categorie]}</Table.Td>
                  <Table.Td>{formatDate(l.dateSurvenance)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {l.types.map((t) => (
                        <Badge key={t} variant="light" size="sm">
                          {corbeilleTypeLabels[t]}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDay(l.enAttenteDepuis)}</Table.Td>
                  <Table.Td>
                    <Text
                      size="sm"
                      c={l.joursRestants !== null && l.joursRestants < 0 ? 'red.8' : undefined}
                      fw={l.joursRestants !== null && l.joursRestants <= 15 ? 700 : undefined}
                    >
                      {libelleDelaiRestant(l.echeance, today)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{l.gestionnaire?.nom ?? 'Personne'}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {l.drapeaux.map((d) => (
                        <Badge key={d} color="orange" variant="outline" size="sm">
                          {corbeilleDrapeauLabels[d]}
                        </Badge>
                      ))}
                      {l.aControler ? (
                        <Badge color="grape" variant="outline" size="sm">
                          À contrôler
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>

        <Group justify="space-between">
          <Button
            variant="default"
            disabled={pile.length === 0}
            onClick={() => {
              setApres(pile.at(-1) ?? null);
              setPile((p) => p.slice(0, -1));
            }}
          >
            Page précédente
          </Button>
          <Button
            variant="default"
            disabled={!page.data?.suivant}
            onClick={() => {
              setPile((p) => [...p, apres]);
              setApres(page.data?.suivant ?? null);
            }}
          >
            Page suivante
          </Button>
        </Group>
      </Stack>
    </Page>
  );
}
