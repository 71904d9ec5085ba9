import { Alert, Button, Group, List, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { MESURES_RSU, rsuTabule, type TMesureRsu, type TRsu, valeurRsu } from '@statutis/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { api, errorMessage } from '../../lib/api';

export const RSU_ENDPOINT = '/api/statistiques/rsu';

const ecrire = (v: number | string) => (typeof v === 'number' ? v.toLocaleString('fr-FR') : v);

/** The table of one measure: motifs in rows, statut groups then sexes in two header rows. */
function TableauRsu({ r, mesure }: { r: TRsu; mesure: TMesureRsu }) {
  const libelle = MESURES_RSU.find((m) => m.cle === mesure)!.libelle;
  // Consecutive columns of the same statut share one header cell.
  const groupes = r.colonnes.reduce<{ groupe: string; n: number }[]>((acc, c) => {
    const last = acc[acc.length - 1];
    if (last && last.groupe === c.groupe) last.n += 1;
    else acc.push({ groupe: c.groupe, n: 1 });
    return acc;
  }, []);
  return (
    <ScrollTable
      caption={`Rapport social unique, absences : ${libelle.toLocaleLowerCase('fr-FR')} par motif, statut et sexe, ${r.periode.libelle}`}
      withTableBorder
      withColumnBorders
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" rowSpan={2}>
            Motif
          </Table.Th>
          {groupes.map((g) => (
            <Table.Th key={g.groupe} scope="colgroup" colSpan={g.n} ta="center">
              {g.groupe}
            </Table.Th>
          ))}
        </Table.Tr>
        <Table.Tr>
          {r.colonnes.map((c) => (
            <Table.Th key={c.cle} scope="col" ta="right">
              {c.libelle}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {r.lignes.map((l) => (
          <Table.Tr key={l.motif}>
            <Table.Th scope="row" fw={l.motif === 'total' ? 700 : 400}>
              {l.libelle}
            </Table.Th>
            {l.suivi ? (
              r.colonnes.map((c, j) => (
                <Table.Td key={c.cle} ta="right" fw={l.motif === 'total' ? 700 : undefined}>
                  {ecrire(valeurRsu(l, j, mesure))}
                </Table.Td>
              ))
            ) : (
              <Table.Td colSpan={r.colonnes.length}>
                <Text size="sm" c="dimmed">
                  {String(valeurRsu(l, 0, mesure))}
                </Text>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/**
 * The absences tables of the Rapport social unique (« Données sociales » portal), ready to copy: the year
 * chosen (the previous one by default: the RSU of a year is filled in the next), one measure at a time, a
 * button that puts the table on the clipboard as tab-separated text.
 */
export function RapportSocialUnique() {
  const courante = new Date().getFullYear();
  const [annee, setAnnee] = useState(courante - 1);
  const [mesure, setMesure] = useState<TMesureRsu>('jours');
  const [copie, setCopie] = useState<{ ok: boolean; texte: string } | null>(null);
  const rsu = useQuery({
    queryKey: [RSU_ENDPOINT, annee],
    queryFn: ({ signal }) => api.get<TRsu>(RSU_ENDPOINT, { query: { annee }, signal }),
    placeholderData: (previous) => previous,
  });
  const r = rsu.data;
  const libelle = MESURES_RSU.find((m) => m.cle === mesure)!.libelle;

  async function copier() {
    if (!r) return;
    try {
      await navigator.clipboard.writeText(rsuTabule(r, mesure));
      setCopie({
        ok: true,
        texte: `Tableau « ${libelle} » ${r.annee} copié : collez-le dans un tableur ou sur le portail « Données sociales ».`,
      });
    } catch {
      setCopie({
        ok: false,
        texte: 'La copie a échoué : sélectionnez le tableau avec la souris puis copiez-le avec Ctrl+C.',
      });
    }
  }

  return (
    <Section title="Rapport social unique : absences" id="rsu">
      <Stack gap="md">
        <Text size="sm">
          Les jours d’absence pour raison de santé de l’année, par motif, statut et sexe, à reporter dans la partie
          absences du rapport social unique (RSU) sur le portail « Données sociales ».
        </Text>
        <Group align="flex-end" gap="md">
          <Select
            label="Exercice du RSU"
            description="Année des données"
            data={Array.from({ length: 7 }, (_, i) => String(courante - i))}
            value={String(annee)}
            onChange={(v) => {
              setAnnee(Number(v ?? courante - 1));
              setCopie(null);
            }}
            allowDeselect={false}
            w={140}
          />
          <Select
            label="Tableau"
            data={MESURES_RSU.map((m) => ({ value: m.cle, label: m.libelle }))}
            value={mesure}
            onChange={(v) => {
              setMesure((v ?? 'jours') as TMesureRsu);
              setCopie(null);
            }}
            allowDeselect={false}
            w={390}
          />
          <Button
            onClick={copier}
            disabled={!r}
            aria-label={`Copier le tableau : ${libelle.toLocaleLowerCase('fr-FR')}`}
          >
            Copier le tableau
          </Button>
        </Group>
        <div role="status">
          {copie && (
            <Text size="sm" c={copie.ok ? 'teal.9' : 'red.9'}>
              {copie.texte}
            </Text>
          )}
        </div>
        {rsu.isError && <ProblemAlert>{errorMessage(rsu.error)}</ProblemAlert>}
        {rsu.isPending && <Loader aria-label="Chargement du rapport social unique" />}
        {r && (
          <Stack gap="sm" aria-busy={rsu.isFetching || undefined}>
            {r.secret && (
              <Alert color="blue" title="Secret statistique">
                Vous consultez le RSU d’une collectivité de votre périmètre : toute case comptée sur moins de 5 agents
                ou 5 arrêts est masquée. La collectivité voit toutes ses cases.
              </Alert>
            )}
            <TableauRsu r={r} mesure={mesure} />
            <Text size="sm" fw={600}>
              Comment est-ce compté ?
            </Text>
            <List size="sm" spacing={4}>
              {r.notes.map((n) => (
                <List.Item key={n}>{n}</List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
