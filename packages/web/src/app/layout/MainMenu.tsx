import { Box, NavLink, Text } from '@mantine/core';
import { roleAllows } from '@statutis/domain';
import { Link, useMatch } from 'react-router';
import { useCurrentRole, useSession, useStaffInCollectivite } from '../../features/auth/session';
import { type MenuEntry, type MenuLink, mainMenu } from '../menu';

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** « Espace contractuel » → `menu-espace-contractuel`: an id without spaces, as aria-labelledby needs. */
const groupId = (label: string) =>
  `menu-${label
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase()}`;

function MenuItem({ item, onNavigate }: { item: MenuLink; onNavigate: () => void }) {
  const active = useMatch({ path: item.to, end: item.end ?? false }) !== null;
  return (
    <li>
      <NavLink
        component={Link}
        to={item.to}
        label={item.label}
        leftSection={<item.icon size={20} aria-hidden="true" />}
        rightSection={item.badge ? <item.badge /> : undefined}
        active={active}
        aria-current={active ? 'page' : undefined}
        onClick={onNavigate}
      />
    </li>
  );
}

/** The rubriques allowed to the current role; a group keeps its heading only if some link remains. */
export function MainMenu({ onNavigate }: { onNavigate: () => void }) {
  const role = useCurrentRole();
  const { staffRole, organisationType } = useSession().user;
  const staffReads = useStaffInCollectivite();
  const staffAllows = (staff: MenuLink['staff']) =>
    !staff || (staffRole !== null && (staff === true || staff === staffRole));
  const allowed = (item: MenuLink) =>
    staffAllows(item.staff) &&
    (!item.organisation || item.organisation === organisationType) &&
    (!item.requires || (role !== null && roleAllows(role, item.requires)) || (staffReads && item.staffReads === true));
  const visible = (entry: MenuEntry) => ('children' in entry ? entry.children.some(allowed) : allowed(entry));

  return (
    <Box component="ul" style={listStyle}>
      {mainMenu.filter(visible).map((entry) =>
        'children' in entry ? (
          <li key={entry.label}>
            <Text component="span" id={groupId(entry.label)} display="block" fw={700} size="sm" px="sm" pt="md" pb={4}>
              {entry.label}
            </Text>
            <Box component="ul" style={listStyle} pl="sm" aria-labelledby={groupId(entry.label)}>
              {entry.children.filter(allowed).map((child) => (
                <MenuItem key={child.to} item={child} onNavigate={onNavigate} />
              ))}
            </Box>
          </li>
        ) : (
          <MenuItem key={entry.to} item={entry} onNavigate={onNavigate} />
        ),
      )}
    </Box>
  );
}
