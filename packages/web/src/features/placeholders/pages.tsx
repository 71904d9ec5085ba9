import { ComingSoon } from '../../components/ComingSoon';

export function SinistresPage() {
  return (
    <ComingSoon
      title="Sinistres et règlements"
      crumbs={[{ label: 'Vos déclarations' }]}
      content="Vous pourrez y déclarer et suivre les sinistres de vos agents et leurs arrêts de travail, déposer les pièces justificatives, consulter les documents manquants et les règlements."
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
