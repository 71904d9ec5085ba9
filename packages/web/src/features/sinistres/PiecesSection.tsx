import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  formatDate,
  PIECE_AUTRE,
  PIECE_MEDICALE_REPONSES,
  pieceMedicaleLabels,
  type TPiece,
  type TPieceExigence,
  type TPieceMedicaleReponse,
  type TSinistreDetail,
} from '@statutis/domain';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmModal } from '../../components/ConfirmModal';
import { DownloadLink } from '../../components/Download';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { formatDay, formatFileSize, plural } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useDialog } from '../../lib/useDialog';
import { afterChange, afterPieces, SINISTRES_PATH, sinistreFiles, sinistresApi, usePieces } from './api';
import { PieceStatutBadge } from './labels';
import { type FieldErrors, PIECE_FORMATS, PieceUploadForm } from './PieceUploadForm';

const VOLETS_LABEL = 'Je confirme déposer uniquement les volets 2 et 3';
const VOLETS_REQUIRED = 'Confirmez que vous déposez uniquement les volets 2 et 3 de l’arrêt de travail.';

/** The deposited files of one piece, with download (when allowed) and removal (while « Déposée »). */
function PiecesList({
  sinistre,
  pieces,
  canWrite,
  onDelete,
  shownStatut,
}: {
  sinistre: TSinistreDetail;
  pieces: TPiece[];
  canWrite: boolean;
  onDelete: (piece: TPiece) => void;
  /** The statut already shown by the piece's heading: a file in that same statut does not repeat it. */
  shownStatut?: TPiece['statut'] | TPieceExigence['statut'];
}) {
  if (pieces.length === 0) return null;
  return (
    <List spacing="xs" listStyleType="none" ml={0} pl={0}>
      {pieces.map((p) => (
        <List.Item key={p.id}>
          <Group gap="sm" wrap="wrap">
            {p.telechargeable ? (
              <DownloadLink path={sinistreFiles.piece(sinistre.id, p.id)} fileName={p.nom}>
                {p.nom}
              </DownloadLink>
            ) : (
              <Text>{p.nom}</Text>
            )}
            <Text size="sm">
              {formatFileSize(p.taille)}, déposé le {formatDay(p.deposeLe)}
            </Text>
            {p.statut !== shownStatut && <PieceStatutBadge statut={p.statut} />}
            {!p.telechargeable && (
              <Text size="sm" fs="italic">
                Pièce médicale : téléchargement réservé aux personnes habilitées.
              </Text>
            )}
            {canWrite && p.statut === 'deposee' && (
              <Tooltip label={`Supprimer le fichier ${p.nom}`}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={`Supprimer le fichier ${p.nom}`}
                  onClick={() => onDelete(p)}
                >
                  <IconTrash size={20} aria-hidden="true" />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
          {p.statut === 'refusee' && p.motifRefus && (
            <Text size="sm" c="red.9">
              Refusée — {p.motifRefus}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

/** The upload of one required piece; an arrêt de travail asks to confirm that volet 1 stays out. */
function ExigenceUpload({ sinistre, exigence }: { sinistre: TSinistreDetail; exigence: TPieceExigence }) {
  const queryClient = useQueryClient();
  const [confirme, setConfirme] = useState(false);
  const [voletsError, setVoletsError] = useState<string | null>(null);
  const nom = exigence.periode ? `${exigence.libelle} — ${exigence.periode}` : exigence.libelle;
  return (
    <PieceUploadForm
      label={`Fichier : ${nom}`}
      submitLabel={exigence.statut === 'refusee' ? 'Déposer une pièce de remplacement' : 'Déposer la pièce'}
      check={(): FieldErrors => {
        if (exigence.volets && !confirme) {
          setVoletsError(VOLETS_REQUIRED);
          return { voletsConfirmes: VOLETS_REQUIRED };
        }
        return {};
      }}
      onFieldErrors={(errors: FieldErrors) => setVoletsError(errors.voletsConfirmes ?? null)}
      onUpload={async (file, onProgress) => {
        await sinistresApi.uploadPiece(
          sinistre.id,
          {
            code: exigence.code,
            arretId: exigence.arretId,
            voletsConfirmes: exigence.volets && confirme ? 'oui' : undefined,
          },
          file,
          onProgress,
        );
        setConfirme(false);
        await afterPieces(queryClient, sinistre.id);
        notifySuccess(`La pièce « ${nom} » est déposée.`);
      }}
    >
      {exigence.volets && (
        <Stack gap="xs">
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle aria-hidden="true" />}
            title="Volet 1 : confidentiel"
          >
            L’arrêt de travail comporte trois volets. Le volet 1 indique le motif médical de l’absence : il est
            confidentiel, reste chez l’agent et ne doit jamais être envoyé. Déposez uniquement les volets 2 et 3.
          </Alert>
          <Checkbox
            label={VOLETS_LABEL}
            required
            checked={confirme}
            onChange={(event) => {
              setConfirme(event.currentTarget.checked);
              setVoletsError(null);
            }}
            error={voletsError}
            aria-invalid={voletsError ? true : undefined}
          />
        </Stack>
      )}
    </PieceUploadForm>
  );
}

function Exigence({
  sinistre,
  exigence,
  canWrite,
  onDelete,
}: {
  sinistre: TSinistreDetail;
  exigence: TPieceExigence;
  canWrite: boolean;
  onDelete: (piece: TPiece) => void;
}) {
  const titleId = useId();
  // Once a file is deposited the form folds away; several payslips may still be sent.
  const [encore, setEncore] = useState(false);
  return (
    <Paper component="article" withBorder p="md" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Title order={4} size="h5" id={titleId}>
              {exigence.libelle}
              {exigence.periode ? ` — ${exigence.periode}` : ''}
            </Title>
          </Stack>
          <Group gap="xs">
            <Badge
              variant="outline"
              color={exigence.obligatoire ? 'red' : 'gray'}
              tt="none"
              size="md"
              miw="max-content"
            >
              {exigence.obligatoire ? 'Obligatoire' : 'Facultatif'}
            </Badge>
            {exigence.medicale && (
              <Badge variant="outline" color="gray" tt="none" size="md" miw="max-content">
                Pièce médicale
              </Badge>
            )}
            <PieceStatutBadge statut={exigence.statut} />
          </Group>
        </Group>
        {/* The volets' own warning (below) says it all for an arrêt de travail. */}
        {exigence.aide && !exigence.volets && <Text size="sm">{exigence.aide}</Text>}
        <PiecesList
          sinistre={sinistre}
          pieces={exigence.pieces}
          canWrite={canWrite}
          onDelete={onDelete}
          shownStatut={exigence.statut}
        />
        {canWrite &&
          exigence.statut !== 'validee' &&
          (exigence.statut === 'deposee' && !encore ? (
            <Group>
              <Button
                variant="subtle"
                leftSection={<IconPlus size={18} aria-hidden="true" />}
                onClick={() => setEncore(true)}
              >
                Déposer un autre fichier
              </Button>
            </Group>
          ) : (
            <ExigenceUpload sinistre={sinistre} exigence={exigence} />
          ))}
      </Stack>
    </Paper>
  );
}

/**
 * « Ajouter un document »: a piece of the user's own, with his label (certificat pour soins…) and
 * whether it holds medical information; « Je ne sais pas », the answer proposed, reserves it as medical.
 */
function AutreUpload({ sinistre }: { sinistre: TSinistreDetail }) {
  const queryClient = useQueryClient();
  const [libelle, setLibelle] = useState('');
  const [libelleError, setLibelleError] = useState<string | null>(null);
  const [medicale, setMedicale] = useState<TPieceMedicaleReponse>('ne_sait_pas');
  const [medicaleError, setMedicaleError] = useState<string | null>(null);
  return (
    <PieceUploadForm
      label="Fichier du document"
      submitLabel="Ajouter un document"
      check={(): FieldErrors => {
        const message = libelle.trim().length < 2 ? 'Indiquez le libellé du document.' : null;
        setLibelleError(message);
        return message ? { libelle: message } : {};
      }}
      onFieldErrors={(errors) => {
        setLibelleError(errors.libelle ?? null);
        setMedicaleError(errors.medicale ?? null);
      }}
      onUpload={async (file, onProgress) => {
        const piece = await sinistresApi.uploadPiece(
          sinistre.id,
          { code: PIECE_AUTRE, libelle: libelle.trim(), medicale },
          file,
          onProgress,
        );
        setLibelle('');
        setMedicale('ne_sait_pas');
        await afterPieces(queryClient, sinistre.id);
        notifySuccess(`Le document « ${piece.libelle} » est ajouté au dossier.`);
      }}
    >
      <TextInput
        label="Libellé du document"
        description="Par exemple : certificat pour soins de kinésithérapie."
        required
        maxLength={200}
        value={libelle}
        onChange={(event) => {
          setLibelle(event.currentTarget.value);
          setLibelleError(null);
        }}
        error={libelleError}
      />
      <Radio.Group
        label="Ce document contient-il des informations médicales ?"
        description="Un document médical n’est ni nommé ni téléchargeable pour les lecteurs. Dans le doute, il est traité comme médical."
        required
        value={medicale}
        onChange={(value) => {
          setMedicale(value as TPieceMedicaleReponse);
          setMedicaleError(null);
        }}
        error={medicaleError}
      >
        <Group gap="lg" mt="xs">
          {PIECE_MEDICALE_REPONSES.map((reponse) => (
            <Radio key={reponse} value={reponse} label={pieceMedicaleLabels[reponse]} />
          ))}
        </Group>
      </Radio.Group>
    </PieceUploadForm>
  );
}

/** « Valider la déclaration » once nothing mandatory is missing, or « Enregistrer et revenir plus tard ». */
function Finaliser({ sinistre, manquantes }: { sinistre: TSinistreDetail; manquantes: string[] }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const explanationId = useId();
  const complet = manquantes.length === 0 && sinistre.arretManquant === null;

  const valider = async () => {
    setProblem(null);
    setPending(true);
    try {
      const saved = await sinistresApi.valider(sinistre.id);
      await afterChange(queryClient, saved);
      notifySuccess(
        `La déclaration du sinistre n° ${saved.numero} est validée : il est ouvert et transmis au gestionnaire.`,
      );
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <Paper withBorder p="md" bg="gray.0" id="validation">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Finaliser la déclaration
        </Title>
        {problem && <ProblemAlert>{problem}</ProblemAlert>}
        <Text id={explanationId}>
          {sinistre.arretManquant !== null
            ? `${sinistre.arretManquant} `
            : complet
              ? 'Toutes les pièces obligatoires sont déposées : validez la déclaration pour la transmettre au gestionnaire (statut Ouvert).'
              : `Il manque encore ${plural(manquantes.length, 'pièce obligatoire', 'pièces obligatoires')} : la déclaration ne peut pas être validée. Les pièces déposées sont déjà enregistrées ; vous pourrez revenir déposer les autres.`}
          {sinistre.declaration?.horsDelai
            ? ` Attention : ce sinistre est déclaré hors délai (le contrat demandait de le déclarer au plus tard le ${formatDate(sinistre.declaration.dateLimite)}) ; le gestionnaire décidera de sa prise en charge.`
            : sinistre.horsDelai &&
              ' Attention : un arrêt de ce sinistre est déclaré hors délai ; le gestionnaire décidera de sa prise en charge.'}
        </Text>
        <Group gap="sm">
          <Button onClick={() => void valider()} disabled={!complet} loading={pending} aria-describedby={explanationId}>
            Valider la déclaration
          </Button>
          <Button
            variant="default"
            onClick={() => {
              notifySuccess(
                `Les pièces déposées sont enregistrées. Le sinistre n° ${sinistre.numero} reste au statut Brouillon tant qu’une pièce obligatoire manque.`,
              );
              navigate(SINISTRES_PATH);
            }}
          >
            Enregistrer et revenir plus tard
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The pieces justificatives: each required piece and its files, « Autre » documents, then the validation. */
export function PiecesSection({ sinistre, canWrite }: { sinistre: TSinistreDetail; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const pieces = usePieces(sinistre.id);
  const dialogs = useDialog<{ kind: 'delete'; piece: TPiece }>();
  const toDelete = dialogs.of('delete')?.piece;
  const onDelete = (piece: TPiece) => dialogs.show({ kind: 'delete', piece });
  const data = pieces.data;
  // « Autre » documents have their own form, with the user's label.
  const exigences = data?.exigences.filter((e) => e.code !== PIECE_AUTRE) ?? [];
  const obligatoires = exigences.filter((e) => e.obligatoire);
  const facultatives = exigences.filter((e) => !e.obligatoire);
  const manquantes = data?.manquantes ?? sinistre.piecesManquantes;

  return (
    <Section title="Pièces justificatives" id="pieces">
      <Text>
        Déposez les pièces en votre possession ({PIECE_FORMATS}) : chaque pièce est enregistrée dès son dépôt et vous
        pourrez revenir déposer les pièces manquantes. Les pièces obligatoires sont à transmettre dans les délais du
        contrat.
      </Text>
      {pieces.isPending && <Text aria-busy="true">Chargement des pièces…</Text>}
      {pieces.isError && <ProblemAlert>{errorMessage(pieces.error)}</ProblemAlert>}
      {data && (
        <>
          <Title order={3} size="h4">
            Pièces obligatoires
          </Title>
          {obligatoires.length === 0 && <Text>Aucune pièce obligatoire n’est attendue pour le moment.</Text>}
          {obligatoires.map((e) => (
            <Exigence
              key={`${e.code}-${e.arretId ?? ''}`}
              sinistre={sinistre}
              exigence={e}
              canWrite={canWrite}
              onDelete={onDelete}
            />
          ))}
          {facultatives.length > 0 && (
            <Title order={3} size="h4">
              Pièces facultatives
            </Title>
          )}
          {facultatives.map((e) => (
            <Exigence
              key={`${e.code}-${e.arretId ?? ''}`}
              sinistre={sinistre}
              exigence={e}
              canWrite={canWrite}
              onDelete={onDelete}
            />
          ))}
          <Title order={3} size="h4">
            Autres documents
          </Title>
          {data.autres.length === 0 ? (
            <Text>Aucun autre document n’est joint.</Text>
          ) : (
            <List spacing="xs" listStyleType="none" ml={0} pl={0}>
              {data.autres.map((p) => (
                <List.Item key={p.id}>
                  <Group gap="xs">
                    <Text fw={500}>{p.libelle}</Text>
                    {p.medicale && (
                      <Badge variant="outline" color="gray" tt="none" size="md" miw="max-content">
                        Pièce médicale
                      </Badge>
                    )}
                  </Group>
                  <PiecesList sinistre={sinistre} pieces={[p]} canWrite={canWrite} onDelete={onDelete} />
                </List.Item>
              ))}
            </List>
          )}
          {canWrite && <AutreUpload sinistre={sinistre} />}
        </>
      )}
      {canWrite && sinistre.statut === 'brouillon' && <Finaliser sinistre={sinistre} manquantes={manquantes} />}
      <ConfirmModal
        opened={dialogs.isOpen('delete')}
        onClose={dialogs.close}
        title={toDelete ? `Supprimer le fichier « ${toDelete.nom} » ?` : ''}
        confirmLabel="Supprimer le fichier"
        onConfirm={async () => {
          if (!toDelete) return;
          await sinistresApi.removePiece(sinistre.id, toDelete.id);
          await afterPieces(queryClient, sinistre.id);
          notifySuccess(`Le fichier « ${toDelete.nom} » est supprimé.`);
        }}
      >
        <Text>
          Le fichier « {toDelete?.libelle} » déposé le {toDelete ? formatDay(toDelete.deposeLe) : ''} sera retiré du
          dossier. Vous pourrez en déposer un autre.
        </Text>
      </ConfirmModal>
    </Section>
  );
}
