import { Alert, type AlertProps } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/** The French `detail` of a failed action, announced at once by screen readers. */
export function ProblemAlert({ children, title, ...props }: AlertProps) {
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      title={title}
      icon={<IconAlertTriangle aria-hidden="true" />}
      {...props}
    >
      {children}
    </Alert>
  );
}
