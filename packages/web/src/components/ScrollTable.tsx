import { ScrollArea, Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface ScrollTableProps extends TableProps {
  /** Names the table and its scrolling region, e.g. « Garanties du contrat ARV-CNRACL-2024 ». */
  caption: string;
  children: ReactNode;
}

/**
 * A table wider than a zoomed screen scrolls inside its own region (named, reachable with the
 * keyboard) instead of pushing the page sideways.
 */
export function ScrollTable({ caption, children, ...props }: ScrollTableProps) {
  return (
    <ScrollArea type="auto" offsetScrollbars viewportProps={{ tabIndex: 0, 'aria-label': caption, role: 'region' }}>
      <Table verticalSpacing="sm" {...props}>
        <caption className="visually-hidden">{caption}</caption>
        {children}
      </Table>
    </ScrollArea>
  );
}
