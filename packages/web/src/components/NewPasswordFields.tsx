import { Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { checkPassword, passwordLength, passwordMessages } from '@statutis/domain';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { plural } from '../lib/format';
import { PASSWORD_POLICY, type PasswordContext } from '../lib/password';
import { PasswordField } from './PasswordField';

interface NewPasswordFieldsProps<F extends string, C extends string> {
  form: UseFormReturnType<Record<F | C, string>>;
  field: F;
  confirmation: C;
  context?: PasswordContext;
  label?: string;
}

const iconStyle = { verticalAlign: 'text-bottom' } as const;

/** What the policy says of the password typed so far, read out politely as the user types. */
function PasswordHint({ value, context }: { value: string; context?: PasswordContext }) {
  const length = passwordLength(value);
  const problem = value ? checkPassword(value, context) : null;
  return (
    <Text component="span" display="block" size="sm" mt={4} aria-live="polite" c={problem ? 'red.9' : 'green.9'}>
      {value && (
        <>
          {problem ? (
            <IconAlertCircle size={16} aria-hidden="true" style={iconStyle} />
          ) : (
            <IconCircleCheck size={16} aria-hidden="true" style={iconStyle} />
          )}{' '}
          {plural(length, 'caractère saisi', 'caractères saisis')}.{' '}
          {problem ? passwordMessages[problem] : 'Ce mot de passe respecte les règles.'}
        </>
      )}
    </Text>
  );
}

/** New password with the live policy hint, and its confirmation. */
export function NewPasswordFields<F extends string, C extends string>({
  form,
  field,
  confirmation,
  context,
  label = 'Nouveau mot de passe',
}: NewPasswordFieldsProps<F, C>) {
  return (
    <Stack gap="sm">
      <PasswordField
        label={label}
        description={
          <>
            {PASSWORD_POLICY}
            <PasswordHint value={form.values[field]} context={context} />
          </>
        }
        autoComplete="new-password"
        required
        {...form.getInputProps(field)}
      />
      <PasswordField
        label="Confirmation du mot de passe"
        autoComplete="new-password"
        required
        {...form.getInputProps(confirmation)}
      />
    </Stack>
  );
}
