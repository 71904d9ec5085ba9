import { ComingSoon } from '../../components/ComingSoon';

export function ContactPage() {
  return (
    <ComingSoon
      title="Nous contacter"
      content="Vous y trouverez les réponses aux questions fréquentes et un formulaire pour poser votre question à votre centre de gestion."
    />
  );
}
