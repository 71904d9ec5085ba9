import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { comparaisonStrate, expliquerIndicateur, indicateursOrdonnes, type TTableauDeBord } from '@statutis/domain';
import { useId } from 'react';
import { CommentCalcule } from './CommentCalcule';

type Indicateur = TTableauDeBord['indicateurs'][number];

function Tuile({
  i,
  avant,
  libelleAvant,
  strate,
}: {
  i: Indicateur;
  avant?: TTableauDeBord['precedent']['indicateurs'][number];
  libelleAvant: string;
  /** The taux only: the stratum's line and how it is computed. */
  strate?: { ligne: string; calcul: string };
}) {
  const id = useId();
  const titreId = `${id}-titre`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={titreId}>
      <Stack gap={6}>
        <Title order={3} size="h5" id={titreId}>
          {i.libelle}
        </Title>
        {i.masque ? (
          <Text size="sm" c="dimmed">
            {i.masque}
          </Text>
        ) : i.valeurTexte ? (
          <Text fz={26} fw={700} lh={1.2}>
            {i.valeurTexte}
          </Text>
        ) : (
          <Text size="sm">Non calculé{i.motif ? ` : ${i.motif}` : '.'}</Text>
        )}
        <Text size="sm">
          {libelleAvant} : {avant?.masque ? 'masqué (secret statistique)' : (avant?.valeurTexte ?? 'non calculé')}
        </Text>
        {strate && <Text size="sm">{strate.ligne}</Text>}
        {i.reference && (
          <Text size="xs" c="dimmed">
            {i.reference}
          </Text>
        )}
        {!i.masque && (
          <CommentCalcule>
            <Text size="sm">{expliquerIndicateur(i)}</Text>
            {strate && (
              <Text size="sm" mt={4}>
                {strate.calcul}
              </Text>
            )}
          </CommentCalcule>
        )}
      </Stack>
    </Paper>
  );
}

/** One tile per indicator: the value, the previous equal period, the national reference and the explanation. */
export function Tuiles({ s }: { s: TTableauDeBord }) {
  const avant = new Map(s.precedent.indicateurs.map((i) => [i.code, i]));
  const tries = indicateursOrdonnes(s);
  const libelleAvant = `Période précédente (${s.precedent.libelle})`;
  const strate = comparaisonStrate(s);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {tries.map((i) => (
        <Tuile
          key={i.code}
          i={i}
          avant={avant.get(i.code)}
          libelleAvant={libelleAvant}
          strate={i.code === 'taux' ? strate : undefined}
        />
      ))}
    </SimpleGrid>
  );
}
