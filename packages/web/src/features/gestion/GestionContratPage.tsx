import { Anchor } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { errorMessage } from '../../lib/api';
import { AdhesionsSection } from './AdhesionsSection';
import { GESTION_PATH, useGestionContrat } from './api';
import { ContratForm } from './ContratForm';
import { DocumentsSection } from './DocumentsSection';
import { RenouvellementSection } from './RenouvellementSection';

const crumbs = [{ label: 'Gestion' }, { label: 'Gestion des contrats', to: GESTION_PATH }];

/** Gestion › Contrats › « + Ajouter »: a new contract; documents and adhésions come once it is saved. */
export function NouveauContratPage() {
  return (
    <Page
      title="Nouveau contrat"
      crumbs={crumbs}
      intro="Une fois le contrat enregistré, vous pourrez y joindre ses documents et rattacher les collectivités adhérentes."
    >
      <ContratForm />
    </Page>
  );
}

/** Gestion › Contrats › one contract: its form, its documents, the collectivités that joined it and its renewal. */
export function GestionContratPage() {
  const { id } = useParams();
  const contrat = useGestionContrat(id);
  const c = contrat.data;
  return (
    <Page title={c ? `Contrat ${c.numero}` : 'Contrat'} crumbs={crumbs} intro={c?.libelle}>
      {contrat.isPending && <FullPageLoader />}
      {contrat.isError && (
        <>
          <ProblemAlert>{errorMessage(contrat.error)}</ProblemAlert>
          <Anchor component={Link} to={GESTION_PATH}>
            Revenir à la liste des contrats
          </Anchor>
        </>
      )}
      {c && (
        <>
          <ContratForm key={c.id} contrat={c} />
          <DocumentsSection contrat={c} />
          <AdhesionsSection contrat={c} />
          <RenouvellementSection contrat={c} />
        </>
      )}
    </Page>
  );
}
