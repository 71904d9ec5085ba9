import { ActionIcon, Indicator, Menu, Text } from '@mantine/core';
import { formatDateTime, type TNotificationPage, type TNotificationsNonLues } from '@statutis/domain';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { plural } from '../../lib/format';

const ENDPOINT = '/api/notifications';
const NON_LUES = `${ENDPOINT}/non-lues`;
/** The count follows new events without a reload; a minute is soon enough for a decision or a call. */
const REFRESH_MS = 60_000;

export const nonLuesLabel = (n: number) =>
  n === 0 ? 'Notifications, aucune non lue' : `Notifications, ${plural(n, 'non lue', 'non lues')}`;

/** The bell of the header: the unread count, the latest notifications, each a link to its page. */
export function NotificationsBell() {
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const count = useQuery({
    queryKey: [NON_LUES],
    queryFn: ({ signal }) => api.get<TNotificationsNonLues>(NON_LUES, { signal }),
    refetchInterval: REFRESH_MS,
  });
  const list = useQuery({
    queryKey: [ENDPOINT],
    queryFn: ({ signal }) => api.get<TNotificationPage>(ENDPOINT, { signal }),
    enabled: opened,
  });
  const lu = (result: TNotificationsNonLues) => {
    queryClient.setQueryData([NON_LUES], result);
    void queryClient.invalidateQueries({ queryKey: [ENDPOINT], exact: true });
  };
  const marquer = useMutation({
    mutationFn: (id: string) => api.post<TNotificationsNonLues>(`${ENDPOINT}/${id}/lue`),
    onSuccess: lu,
  });
  const toutes = useMutation({
    mutationFn: () => api.post<TNotificationsNonLues>(`${ENDPOINT}/lues`),
    onSuccess: lu,
  });
  const nonLues = count.data?.nonLues ?? 0;
  const items = list.data?.items ?? [];

  return (
    // The indicator wraps the whole menu: the button itself must be the menu's target (ARIA).
    <Indicator label={nonLues} size={18} disabled={nonLues === 0} color="red.9" offset={4}>
      <Menu
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        width={360}
        withinPortal
        // Mantine's focus placeholder is a role="presentation" child, which a role="menu" may not hold (axe).
        withInitialFocusPlaceholder={false}
      >
        <Menu.Target>
          <ActionIcon variant="subtle" size="lg" aria-label={nonLuesLabel(nonLues)}>
            <IconBell size={22} aria-hidden="true" />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown mah="70vh" style={{ overflowY: 'auto' }}>
          {list.isPending && <Menu.Item disabled>Chargement…</Menu.Item>}
          {list.isSuccess && items.length === 0 && <Menu.Item disabled>Aucune notification.</Menu.Item>}
          {items.map((n) => (
            <Menu.Item
              key={n.id}
              component={Link}
              to={n.lien}
              onClick={() => n.lueLe === null && marquer.mutate(n.id)}
              fw={n.lueLe === null ? 700 : 400}
            >
              <Text size="sm" fw="inherit">
                {n.lueLe === null && <span className="visually-hidden">Non lue : </span>}
                {n.titre}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(n.createdAt)}
              </Text>
            </Menu.Item>
          ))}
          {nonLues > 0 && (
            <Menu.Item onClick={() => toutes.mutate()} fw={600} c="bleu.9">
              Tout marquer comme lu
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    </Indicator>
  );
}
