import { ActionIcon, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';

/** A row's « remove » action: an icon whose label is said by screen readers and shown on hover. */
export function DeleteIconButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="red" size="lg" aria-label={label} onClick={onClick}>
        <IconTrash size={20} aria-hidden="true" />
      </ActionIcon>
    </Tooltip>
  );
}
