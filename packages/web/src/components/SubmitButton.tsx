import { Button, type ButtonProps } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';

interface SubmitButtonProps extends ButtonProps {
  /** The request is running: the button shows it and cannot be pressed again. */
  pending: boolean;
  children: ReactNode;
}

/**
 * The submit button of every form: disabled and busy while its request runs, and deaf to the second
 * click of a double-click. That second click (`detail` 2) lands wherever the first one left the page:
 * after « Valider », on the « Confirmer » button that took its place, which skipped the summary.
 */
export function SubmitButton({ pending, children, ...props }: SubmitButtonProps) {
  const ignoreRepeatedClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (event.detail > 1) event.preventDefault();
  };
  return (
    <Button type="submit" loading={pending} onClick={ignoreRepeatedClick} {...props}>
      {children}
    </Button>
  );
}
