import { ActionIcon, Group, NativeSelect, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { CollectiviteSearchModal } from './CollectiviteSearchModal';
import { useSession } from './session';
import { useSwitchCollectivite } from './useSwitchCollectivite';

/**
 * The collectivité the user works for; `inline` puts the label beside the list (header) rather than
 * above (menu); `compact` (a narrow header) keeps the label for screen readers only.
 */
export function CollectiviteSelector({
  inline = false,
  compact = false,
  label = 'Collectivité',
}: {
  inline?: boolean;
  compact?: boolean;
  /** A page that asks for the collectivité of what it creates names it so (« Collectivité de l’agent »). */
  label?: string;
}) {
  const session = useSession();
  const switchTo = useSwitchCollectivite();
  const [searching, search] = useDisclosure(false);
  const isStaff = session.user.staffRole !== null;
  const { current } = session;

  const choices = [...session.collectivites];
  if (current && !choices.some((c) => c.id === current.id)) choices.unshift(current);

  if (choices.length === 0 && !isStaff) return null;
  if (choices.length === 1 && current && !isStaff) {
    return (
      <Text size="sm" truncate="end" miw={0}>
        Collectivité : <strong>{current.nom}</strong>
      </Text>
    );
  }

  return (
    <Group gap="xs" wrap="nowrap" align="flex-end" miw={0} style={inline ? { flex: '0 1 auto' } : undefined}>
      <NativeSelect
        label={compact ? undefined : label}
        aria-label={compact ? label : undefined}
        value={current?.id ?? ''}
        disabled={switchTo.isPending}
        onChange={(event) => {
          if (event.currentTarget.value) switchTo.mutate(event.currentTarget.value);
        }}
        data={[
          ...(current ? [] : [{ value: '', label: 'Choisissez une collectivité', disabled: true }]),
          ...choices.map((c) => ({ value: c.id, label: c.nom })),
        ]}
        w={inline ? 420 : '100%'}
        miw={0}
        styles={
          inline
            ? {
                root: { display: 'flex', alignItems: 'center', gap: 8, minWidth: 0, maxWidth: '100%' },
                label: { whiteSpace: 'nowrap' },
                wrapper: { flex: '1 1 auto', minWidth: 0 },
                input: { textOverflow: 'ellipsis' },
              }
            : undefined
        }
      />
      {isStaff && (
        <>
          <Tooltip label="Rechercher une collectivité">
            <ActionIcon variant="default" size="lg" aria-label="Rechercher une collectivité" onClick={search.open}>
              <IconSearch size={18} aria-hidden="true" />
            </ActionIcon>
          </Tooltip>
          <CollectiviteSearchModal opened={searching} onClose={search.close} onChoose={(c) => switchTo.mutate(c.id)} />
        </>
      )}
    </Group>
  );
}
