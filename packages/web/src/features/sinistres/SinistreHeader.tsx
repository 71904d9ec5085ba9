import { Alert, Anchor, Button, List, Stack, Text } from '@mantine/core';
import { formatDate, risqueLabels, suiviDuSinistre, type TSinistreDetail } from '@statutis/domain';
import { IconAlertTriangle, IconCircleCheck, IconClock, IconInfoCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Section } from '../../components/Section';
import { formatDay, fullName } from '../../lib/format';
import { agentFichePath } from './api';
import { Facts } from './Facts';
import { SinistreStatutBadge } from './labels';

const couleurs = { brouillon: 'orange', ouvert: 'bleu', clos: 'green' } as const;

/**
 * What the file still needs and the one next action, from the sinistre the API returns. A Lecteur
 * reads them without the action he may not take.
 */
function Suivi({ sinistre, canWrite, nouveaux }: { sinistre: TSinistreDetail; canWrite: boolean; nouveaux: number }) {
  const { etat, manques, prochaineAction } = suiviDuSinistre(sinistre);
  const incomplet = manques.length > 0;
  const Icon = incomplet ? IconAlertTriangle : sinistre.statut === 'clos' ? IconCircleCheck : IconInfoCircle;
  return (
    <Alert
      color={incomplet ? 'orange' : couleurs[sinistre.statut]}
      variant="light"
      icon={<Icon aria-hidden="true" />}
      title={etat}
    >
      <Stack gap="sm">
        {incomplet && (
          <div>
            <Text size="sm" fw={700}>
              Ce qui manque :
            </Text>
            <List size="sm" spacing={2}>
              {manques.map((m) => (
                <List.Item key={m.texte}>
                  <Anchor href={`#${m.section}`} size="sm">
                    {m.texte}
                  </Anchor>
                  {m.section === 'pieces' && (
                    <List size="sm" withPadding>
                      {sinistre.piecesManquantes.map((p) => (
                        <List.Item key={p}>{p}</List.Item>
                      ))}
                    </List>
                  )}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {nouveaux > 0 && (
          <Text size="sm">
            Le gestionnaire vous a laissé{' '}
            {nouveaux > 1 ? `${nouveaux} nouveaux commentaires` : 'un nouveau commentaire'}.{' '}
            <Anchor href="#commentaires" size="sm" fw={700}>
              Lire les commentaires
            </Anchor>
          </Text>
        )}
        {prochaineAction &&
          (canWrite || !prochaineAction.ecriture ? (
            <Button component="a" href={`#${prochaineAction.cible}`} w="fit-content">
              {prochaineAction.libelle}
            </Button>
          ) : (
            <Text size="sm">
              Prochaine étape : {prochaineAction.libelle.toLocaleLowerCase('fr-FR')} (réservée aux publicateurs et aux
              administrateurs de la collectivité).
            </Text>
          ))}
      </Stack>
    </Alert>
  );
}

/** The head of a sinistre's page, shown above its rubriques: who, what, when, the status and what comes next. */
export function SinistreHeader({
  sinistre,
  canWrite,
  nouveaux,
}: {
  sinistre: TSinistreDetail;
  canWrite: boolean;
  /** Handlers' comments unread when the page was opened. */
  nouveaux: number;
}) {
  return (
    <Section title="Le sinistre" id="sinistre">
      <Facts
        cols={3}
        facts={[
          { label: 'Numéro', value: sinistre.numero },
          {
            label: 'Agent',
            value: (
              <Anchor component={Link} to={agentFichePath(sinistre.agentId)}>
                {fullName({ prenom: sinistre.agentPrenom, nom: sinistre.agentNom })}
              </Anchor>
            ),
          },
          { label: 'Catégorie', value: risqueLabels[sinistre.categorie] },
          { label: 'Date de survenance', value: formatDate(sinistre.dateSurvenance) },
          { label: 'Statut', value: <SinistreStatutBadge statut={sinistre.statut} /> },
          { label: 'Contrat', value: sinistre.contratNumero },
          { label: 'Déclaré le', value: formatDay(sinistre.creeLe) },
          {
            label: 'Tiers impliqué',
            value: sinistre.tiersImplique
              ? `Oui${sinistre.recoursTiers ? ` — recours contre tiers : ${sinistre.recoursTiers}` : ''}`
              : 'Non',
          },
          ...(sinistre.commentaire ? [{ label: 'Commentaire de la déclaration', value: sinistre.commentaire }] : []),
        ]}
      />
      <Suivi sinistre={sinistre} canWrite={canWrite} nouveaux={nouveaux} />
      {sinistre.horsDelai && (
        <Alert color="orange" variant="light" icon={<IconClock aria-hidden="true" />} title="Déclaré hors délai">
          {sinistre.declaration?.horsDelai
            ? `${sinistre.declaration.message} Sa prise en charge sera examinée par le gestionnaire.`
            : 'Un arrêt de ce sinistre a été déclaré après le délai prévu par le contrat : sa prise en charge sera examinée par le gestionnaire.'}
        </Alert>
      )}
    </Section>
  );
}
