import { PasswordInput, type PasswordInputProps } from '@mantine/core';

/**
 * A password input whose show/hide toggle is reachable with the keyboard. The toggle's name does not
 * repeat the field label so that « Mot de passe » designates only the field itself. Mantine does not
 * mark the inner input invalid: done here, for screen readers and for the focus moved to the first error.
 */
export function PasswordField(props: PasswordInputProps) {
  return (
    <PasswordInput
      visibilityToggleFocusable
      visibilityToggleButtonProps={{ 'aria-label': 'Afficher la saisie en clair' }}
      aria-invalid={props.error ? true : undefined}
      {...props}
    />
  );
}
