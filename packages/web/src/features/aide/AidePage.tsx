import { Anchor, Box, Button, Group, List, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { AIDE_MODULES, aideModuleLabels, type TFaqEntree, type TFaqPage, type TGuideSection } from '@statutis/domain';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { FormModal } from '../../components/FormModal';
import { Page } from '../../components/Page';
import { api } from '../../lib/api';
import { useDialog } from '../../lib/useDialog';
import { useSession } from '../auth/session';
import { aideAnchor } from './aideModule';
import { FAQ_ENDPOINT, FaqForm } from './FaqForm';
import { Markdown } from './Markdown';

type Dialog = { kind: 'create' } | { kind: 'edit'; entree: TFaqEntree };

function Faq() {
  const editor = useSession().user.staffRole === 'admin_plateforme';
  const dialogs = useDialog<Dialog>();
  const toEdit = dialogs.of('edit')?.entree;
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const query = useInfiniteQuery({
    queryKey: [FAQ_ENDPOINT, q],
    queryFn: ({ signal, pageParam }) =>
      api.get<TFaqPage>(FAQ_ENDPOINT, { signal, query: { q: q || undefined, apres: pageParam ?? undefined } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.suivant,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack component="section" gap="sm" aria-labelledby="faq-titre">
      <Title order={2} id="faq-titre">
        Questions fréquentes
      </Title>
      {editor && (
        <Group>
          <Button onClick={() => dialogs.show({ kind: 'create' })}>+ Ajouter une question</Button>
        </Group>
      )}
      <FormModal opened={dialogs.isOpen('create')} onClose={dialogs.close} title="Ajouter une question">
        <FaqForm onDone={dialogs.close} />
      </FormModal>
      <FormModal opened={dialogs.isOpen('edit')} onClose={dialogs.close} title="Modifier la question">
        {toEdit && <FaqForm key={toEdit.id} entree={toEdit} onDone={dialogs.close} />}
      </FormModal>
      <TextInput
        label="Rechercher dans la FAQ"
        description="Les accents et les majuscules sont ignorés."
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={480}
      />
      <Text role="status" size="sm">
        {query.isPending
          ? 'Recherche…'
          : items.length === 0
            ? 'Aucune question ne correspond.'
            : `${items.length}${query.hasNextPage ? ' premières' : ''} question${items.length > 1 ? 's' : ''}`}
      </Text>
      {items.map((f) => (
        <Paper key={f.id} withBorder p="md" component="article" aria-labelledby={`faq-${f.id}`}>
          <Title order={3} size="h5" id={`faq-${f.id}`}>
            {f.question}
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            {aideModuleLabels[f.module]}
          </Text>
          <Markdown source={f.reponse} />
          {editor && (
            <Group mt="xs">
              <Button
                size="xs"
                variant="default"
                aria-label={`Modifier la question « ${f.question} »`}
                onClick={() => dialogs.show({ kind: 'edit', entree: f })}
              >
                Modifier
              </Button>
            </Group>
          )}
        </Paper>
      ))}
      {query.hasNextPage && (
        <Group>
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
            Voir plus de questions
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The guide pratique by module and the FAQ, written by the platform administrator. */
export default function AidePage() {
  const guide = useQuery({
    queryKey: ['/api/aide/guide'],
    queryFn: ({ signal }) => api.get<{ items: TGuideSection[] }>('/api/aide/guide', { signal }),
  });
  const modules = AIDE_MODULES.filter((m) => guide.data?.items.some((s) => s.module === m));
  const { hash } = useLocation();
  // The « ? » of a page leads here with its module's anchor: once the guide is loaded, go to its section.
  useEffect(() => {
    if (!guide.data || !hash) return;
    const target = document.getElementById(`${hash.slice(1)}-titre`);
    target?.scrollIntoView();
    target?.focus();
  }, [guide.data, hash]);
  return (
    <Page
      title="Aide"
      crumbs={[{ label: 'Guides utilisateurs', to: '/guides' }]}
      intro="Le guide pratique de chaque rubrique et les questions les plus fréquentes."
    >
      <Faq />
      <Stack component="section" gap="md" aria-labelledby="guide-titre">
        <Title order={2} id="guide-titre">
          Guide pratique
        </Title>
        {guide.isPending && <Loader aria-label="Chargement du guide" />}
        <Box component="nav" aria-label="Sommaire du guide">
          <List spacing={4}>
            {modules.map((m) => (
              <List.Item key={m}>
                <Anchor href={`#${aideAnchor(m)}`}>{aideModuleLabels[m]}</Anchor>
              </List.Item>
            ))}
          </List>
        </Box>
        {modules.map((m) => (
          <Stack key={m} component="section" gap="sm" id={aideAnchor(m)} aria-labelledby={`${aideAnchor(m)}-titre`}>
            <Title order={3} id={`${aideAnchor(m)}-titre`} tabIndex={-1}>
              {aideModuleLabels[m]}
            </Title>
            {guide.data?.items
              .filter((s) => s.module === m)
              .map((s) => (
                <Paper key={s.id} withBorder p="md">
                  <Title order={4} size="h5" mb="xs">
                    {s.titre}
                  </Title>
                  <Markdown source={s.contenu} />
                </Paper>
              ))}
          </Stack>
        ))}
      </Stack>
    </Page>
  );
}
