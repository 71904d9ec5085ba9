import { SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';

type Coordonnees = { nom: string; prenom: string; telephone: string };

/** Nom, prénom and téléphone, the same on an account form and on « Mon compte »; `email` goes between. */
export function CoordonneesFields<V extends Coordonnees>({
  form,
  email,
}: {
  form: UseFormReturnType<V>;
  email?: ReactNode;
}) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Nom" autoComplete="family-name" required {...form.getInputProps('nom')} />
        <TextInput label="Prénom" autoComplete="given-name" required {...form.getInputProps('prenom')} />
      </SimpleGrid>
      {email}
      <TextInput
        label="Téléphone"
        description="Facultatif, par exemple 02 43 00 00 00"
        type="tel"
        autoComplete="tel"
        {...form.getInputProps('telephone')}
      />
    </>
  );
}
