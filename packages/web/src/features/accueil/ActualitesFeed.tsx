import { Divider, Loader, Stack, Text, Title } from '@mantine/core';
import { formatDate, type Page as ListPage, type TActualite } from '@statutis/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { ListPagination } from '../../components/DataList';
import { ProblemAlert } from '../../components/ProblemAlert';
import { api, errorMessage } from '../../lib/api';
import { ACTUALITES_ENDPOINT } from './api';

const FEED_PAGE_SIZE = 5;

function Actualite({ actualite }: { actualite: TActualite }) {
  return (
    <Stack component="article" gap={4}>
      <Title order={3} size="h4">
        {actualite.titre}
      </Title>
      <Text size="sm" fw={600}>
        Publiée le <time dateTime={actualite.publieeLe.slice(0, 10)}>{formatDate(actualite.publieeLe)}</time>
      </Text>
      <Text className="preserve-lines">{actualite.contenu}</Text>
    </Stack>
  );
}

/** News from the CDG and the platform, newest first, five at a time. */
export function ActualitesFeed() {
  const [page, setPage] = useState(1);
  const feed = useQuery({
    queryKey: [ACTUALITES_ENDPOINT, { page, pageSize: FEED_PAGE_SIZE, sort: '-publieeLe' }],
    queryFn: ({ signal }) =>
      api.get<ListPage<TActualite>>(ACTUALITES_ENDPOINT, {
        query: { page, pageSize: FEED_PAGE_SIZE, sort: '-publieeLe' },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

  if (feed.isPending) return <Loader aria-label="Chargement des actualités" />;
  if (feed.isError) return <ProblemAlert>{errorMessage(feed.error)}</ProblemAlert>;
  if (feed.data.items.length === 0) return <Text>Aucune actualité n’a été publiée pour le moment.</Text>;

  return (
    <Stack gap="md">
      {feed.data.items.map((actualite, index) => (
        <Fragment key={actualite.id}>
          {index > 0 && <Divider />}
          <Actualite actualite={actualite} />
        </Fragment>
      ))}
      <ListPagination
        page={page}
        total={feed.data.total}
        pageSize={FEED_PAGE_SIZE}
        onChange={setPage}
        label="Pages des actualités"
      />
    </Stack>
  );
}
