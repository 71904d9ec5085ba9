import { useState } from 'react';

/**
 * Which dialog of a page is open, and on what. The last one stays in state while it closes, so its
 * title and text do not vanish during the closing animation.
 */
export function useDialog<D extends { kind: string }>() {
  const [dialog, setDialog] = useState<D | null>(null);
  const [opened, setOpened] = useState(false);
  return {
    /** The open dialog of this kind, or null. */
    of<K extends D['kind']>(kind: K): Extract<D, { kind: K }> | null {
      return dialog?.kind === kind ? (dialog as Extract<D, { kind: K }>) : null;
    },
    isOpen: (kind: D['kind']) => opened && dialog?.kind === kind,
    show(next: D) {
      setDialog(next);
      setOpened(true);
    },
    close: () => setOpened(false),
  };
}
