import { Modal, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  size?: ModalProps['size'];
}

/** The dialog around a create or edit form; Mantine unmounts its content once closed, so each opening starts clean. */
export function FormModal({ opened, onClose, title, children, size = 'lg' }: FormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} centered>
      {children}
    </Modal>
  );
}
