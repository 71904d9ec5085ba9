import { Button, Collapse } from '@mantine/core';
import { type ReactNode, useId, useState } from 'react';

/** « Comment est-ce calculé ? »: a button that opens the explanation of a figure, keyboard usable. */
export function CommentCalcule({ children }: { children: ReactNode }) {
  const [ouvert, setOuvert] = useState(false);
  const id = `${useId()}-calcul`;
  return (
    <>
      <Button
        variant="subtle"
        size="compact-sm"
        w="fit-content"
        px={0}
        aria-expanded={ouvert}
        aria-controls={id}
        onClick={() => setOuvert((o) => !o)}
      >
        Comment est-ce calculé ?
      </Button>
      <Collapse expanded={ouvert}>
        <div id={id}>{children}</div>
      </Collapse>
    </>
  );
}
