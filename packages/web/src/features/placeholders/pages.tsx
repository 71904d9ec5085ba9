import { ComingSoon } from '../../components/ComingSoon';

export function EspaceContractuelPage() {
  return (
    <ComingSoon
      title="Espace contractuel"
      content="Vous pourrez y consulter vos contrats (garanties, franchises, délais de déclaration), déclarer la base de l’assurance et importer la liste nominative des agents."
    />
  );
}

export function DeclarationsPage() {
  return (
    <ComingSoon
      title="Vos déclarations"
      content="Vous pourrez y gérer vos agents, déclarer et suivre les sinistres et leurs arrêts de travail, déposer les pièces justificatives et consulter les règlements."
    />
  );
}

export function ContactPage() {
  return (
    <ComingSoon
      title="Nous contacter"
      content="Vous y trouverez les réponses aux questions fréquentes et un formulaire pour poser votre question à votre centre de gestion."
    />
  );
}
