import {
  Anchor,
  Checkbox,
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  FileInput,
  type MantineColorsTuple,
  Modal,
  NativeSelect,
  NumberInput,
  PasswordInput,
  Radio,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';

/** Sober institutional blue; shade 8 (#1c4f91, the colour of our e-mails) is the filled colour. */
const bleu: MantineColorsTuple = [
  '#eaf0f8',
  '#d3dfef',
  '#a8c0df',
  '#7ba0ce',
  '#5584bf',
  '#3a6cae',
  '#2a5c9f',
  '#235597',
  '#1c4f91',
  '#143a6b',
];

/**
 * Mantine writes "light" variants (badges, alerts) in shade 9 on shade 1; the default green, orange and
 * red shades 9 fall under the 4.5:1 contrast ratio there, so they are darkened.
 */
function withDarkText(color: MantineColorsTuple, shade9: string): MantineColorsTuple {
  const [c0, c1, c2, c3, c4, c5, c6, c7, c8] = color;
  return [c0, c1, c2, c3, c4, c5, c6, c7, c8, shade9];
}

export const theme = createTheme({
  primaryColor: 'bleu',
  primaryShade: { light: 8, dark: 8 },
  colors: {
    bleu,
    green: withDarkText(DEFAULT_THEME.colors.green, '#1e6b30'),
    orange: withDarkText(DEFAULT_THEME.colors.orange, '#8a3a00'),
    red: withDarkText(DEFAULT_THEME.colors.red, '#a51d1d'),
  },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Fermer la fenêtre' } } }),
    // Mantine writes the dialog header as <header>: in a portal that is a second « banner » landmark.
    ModalHeader: { defaultProps: { component: 'div' } },
    // Links inside text must not be told apart by colour alone.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    Tooltip: Tooltip.extend({ defaultProps: { openDelay: 300, withArrow: true } }),
    // Required fields keep `required` (announced by screen readers) without the asterisk: forms say
    // instead which fields are optional, and labels stay exactly « Nom », « Mot de passe »…
    TextInput: TextInput.extend({ defaultProps: { withAsterisk: false } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { withAsterisk: false } }),
    NativeSelect: NativeSelect.extend({ defaultProps: { withAsterisk: false } }),
    Textarea: Textarea.extend({ defaultProps: { withAsterisk: false } }),
    DateInput: DateInput.extend({ defaultProps: { withAsterisk: false } }),
    NumberInput: NumberInput.extend({ defaultProps: { withAsterisk: false } }),
    FileInput: FileInput.extend({ defaultProps: { withAsterisk: false } }),
    RadioGroup: Radio.Group.extend({ defaultProps: { withAsterisk: false } }),
    CheckboxGroup: Checkbox.Group.extend({ defaultProps: { withAsterisk: false } }),
  },
});

/** Mantine's grey "dimmed" text and red error messages fail WCAG contrast on white: darken both. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-success': 'var(--mantine-color-green-9)',
  },
  dark: {},
});
