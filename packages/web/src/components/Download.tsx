import { Anchor, Button, type ButtonProps } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { type MouseEvent, type ReactNode, useState } from 'react';
import { buildUrl, type QueryParams } from '../lib/api';
import { downloadFile } from '../lib/download';
import { notifyError } from '../lib/notify';

interface DownloadProps {
  /** The API address of the file. */
  path: string;
  query?: QueryParams;
  /** Used when the server does not name the file. */
  fileName: string;
  children: ReactNode;
}

function useDownload({ path, query, fileName }: Omit<DownloadProps, 'children'>) {
  const [pending, setPending] = useState(false);
  const start = async () => {
    setPending(true);
    try {
      await downloadFile(path, { query, fallbackName: fileName });
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
    }
  };
  return { pending, start };
}

/** « Exporter (CSV) », « Télécharger le modèle »: a button that saves a file of the API. */
export function DownloadButton({ path, query, fileName, children, ...props }: DownloadProps & ButtonProps) {
  const download = useDownload({ path, query, fileName });
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={18} aria-hidden="true" />}
      {...props}
      loading={download.pending}
      aria-busy={download.pending || undefined}
      onClick={() => void download.start()}
    >
      {children}
    </Button>
  );
}

/**
 * A document to download, as a real link (it can be opened from the context menu); a click goes
 * through the API client so that an error is shown in French rather than as a failed download.
 */
export function DownloadLink({ path, query, fileName, children }: DownloadProps) {
  const download = useDownload({ path, query, fileName });
  return (
    <Anchor
      href={buildUrl(path, query)}
      aria-busy={download.pending || undefined}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        event.preventDefault();
        if (!download.pending) void download.start();
      }}
    >
      {children}
    </Anchor>
  );
}
