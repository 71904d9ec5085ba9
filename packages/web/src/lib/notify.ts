import { notifications } from '@mantine/notifications';
import { errorMessage } from './api';

const closeButtonProps = { 'aria-label': 'Fermer la notification' };

export function notifySuccess(message: string): void {
  notifications.show({ message, color: 'green', closeButtonProps, role: 'status' });
}

export function notifyError(error: unknown): void {
  notifications.show({
    title: 'L’action n’a pas abouti',
    message: errorMessage(error),
    color: 'red',
    closeButtonProps,
  });
}
