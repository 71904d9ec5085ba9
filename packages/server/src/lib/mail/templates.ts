/** French e-mails, each in plain text and HTML. Values are escaped in the HTML version. */
export type MailContent = { subject: string; text: string; html: string };

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function layout(title: string, paragraphs: string[], action?: { label: string; url: string }): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join('\n');
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#1c4f91;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#333333">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br>${escapeHtml(action.url)}</p>`
    : '';
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:600px;margin:0 auto;padding:24px">
<h1 style="font-size:20px;color:#1c4f91">${escapeHtml(title)}</h1>
${body}
${button}
<p style="margin:32px 0 0;font-size:13px;color:#333333">Statutis — message automatique, merci de ne pas y répondre.</p>
</body></html>`;
}

function text(paragraphs: string[], action?: { label: string; url: string }): string {
  return [
    ...paragraphs,
    ...(action ? [`${action.label} : ${action.url}`] : []),
    '—',
    'Statutis — message automatique, merci de ne pas y répondre.',
  ].join('\n\n');
}

function mail(subject: string, paragraphs: string[], action?: { label: string; url: string }): MailContent {
  return { subject, text: text(paragraphs, action), html: layout(subject, paragraphs, action) };
}

export const templates = {
  invitation: (v: { prenom: string; collectivite: string; invitedBy: string; url: string; hours: number }) =>
    mail(
      'Votre accès à Statutis',
      [
        `Bonjour ${v.prenom},`,
        `${v.invitedBy} vous a ouvert un accès à l’espace de ${v.collectivite} sur Statutis, le portail de l’assurance statutaire.`,
        `Pour activer votre compte, choisissez votre mot de passe avec le lien ci-dessous. Il est valable ${v.hours} heures et ne peut servir qu’une fois. Passé ce délai, demandez à votre administrateur de vous renvoyer l’invitation.`,
      ],
      { label: 'Activer mon compte', url: v.url },
    ),
  /** To an address that already has an account: he joins only by accepting, once logged in. */
  membershipInvitation: (v: {
    prenom: string;
    collectivite: string;
    invitedBy: string;
    role: string;
    url: string;
    hours: number;
  }) =>
    mail(
      `Invitation à rejoindre ${v.collectivite}`,
      [
        `Bonjour ${v.prenom},`,
        `${v.invitedBy} vous invite à rejoindre l’espace de ${v.collectivite} sur Statutis, avec le rôle ${v.role}.`,
        `Connectez-vous avec votre adresse et votre mot de passe habituels, puis acceptez ou refusez l’invitation. Le lien est valable ${v.hours} heures. Tant que vous ne l’avez pas acceptée, ${v.collectivite} ne voit ni votre nom ni vos coordonnées.`,
        'Si vous ne connaissez pas cette collectivité, refusez l’invitation ou ignorez ce message.',
      ],
      { label: 'Voir l’invitation', url: v.url },
    ),
  passwordReset: (v: { prenom: string; url: string; minutes: number }) =>
    mail(
      'Réinitialisation de votre mot de passe',
      [
        `Bonjour ${v.prenom},`,
        'Vous avez demandé à changer votre mot de passe Statutis. Choisissez-en un nouveau avec le lien ci-dessous.',
        `Ce lien est valable ${v.minutes} minutes et ne peut servir qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.`,
      ],
      { label: 'Choisir un nouveau mot de passe', url: v.url },
    ),
  relancePieces: (v: { prenom: string; collectivite: string; pieces: number; sinistres: number; url: string }) =>
    mail(
      `Pièces justificatives manquantes : ${v.collectivite}`,
      [
        `Bonjour ${v.prenom},`,
        `${v.pieces > 1 ? `${v.pieces} pièces obligatoires manquent` : 'Une pièce obligatoire manque'} ${v.sinistres > 1 ? `sur ${v.sinistres} sinistres` : 'sur un sinistre'} de ${v.collectivite}, déclaré${v.sinistres > 1 ? 's' : ''} depuis plus d’une semaine.`,
        'Tant qu’elles manquent, le dossier ne peut être instruit ni remboursé. La liste « Documents manquants » les présente une par une, avec un lien vers le sinistre où les déposer.',
        'Rappel : pour un arrêt de travail, envoyez uniquement les volets 2 et 3 ; le volet 1 est confidentiel.',
      ],
      { label: 'Voir les documents manquants', url: v.url },
    ),
  /** To the collectivité's Administrateurs, once a year, when the year's base de l’assurance is missing. */
  relanceBase: (v: { prenom: string; collectivite: string; annee: number; contrats: string[]; url: string }) =>
    mail(
      `Base de l’assurance ${v.annee} à déclarer : ${v.collectivite}`,
      [
        `Bonjour ${v.prenom},`,
        `La base prévisionnelle ${v.annee} de ${v.collectivite} n’a pas encore été déclarée pour ${v.contrats.length > 1 ? `les contrats ${v.contrats.join(', ')}` : `le contrat ${v.contrats[0]}`}.`,
        `Le centre de gestion en a besoin pour calculer l’appel de cotisation de l’année, et un sinistre ne peut pas être déclaré sur une année sans base.`,
        'Déclarez-la depuis « Base de l’assurance » : effectif, traitement indiciaire brut et, si vous les assurez, NBI, SFT, IR, RI et charges patronales.',
      ],
      { label: 'Déclarer la base de l’assurance', url: v.url },
    ),
  /** To the collectivité's Administrateurs when the CDG issues one of its contribution calls. */
  appelEmis: (v: {
    prenom: string;
    collectivite: string;
    /** « Appel de cotisation », « Frais de gestion du CDG », « Avoir »… (`libelleAppel`). */
    libelle: string;
    numero: string;
    annee: number;
    contrat: string;
    total: string;
    echeances: string[];
    url: string;
  }) =>
    mail(
      `${v.libelle} ${v.annee} n° ${v.numero} : ${v.total}`,
      [
        `Bonjour ${v.prenom},`,
        `Le centre de gestion a émis « ${v.libelle} ${v.annee} » n° ${v.numero} de ${v.collectivite} pour le contrat ${v.contrat}, d’un montant de ${v.total}.`,
        v.echeances.length > 1 ? `Échéances : ${v.echeances.join(' ; ')}.` : `Échéance : ${v.echeances[0] ?? '—'}.`,
        'Retrouvez le détail des lignes et l’avis d’appel (PDF) dans « Vos cotisations ».',
      ],
      { label: 'Voir vos cotisations', url: v.url },
    ),
  /** To the collectivité's Administrateurs, once per échéance, when it is unpaid 15 days after its due date. */
  relanceEcheance: (v: {
    prenom: string;
    collectivite: string;
    numero: string;
    dateEcheance: string;
    montant: string;
    du: string;
    url: string;
  }) =>
    mail(
      `Échéance de cotisation impayée : appel ${v.numero}`,
      [
        `Bonjour ${v.prenom},`,
        `L’échéance du ${v.dateEcheance} de l’appel de cotisation ${v.numero} de ${v.collectivite} (${v.montant}) n’est pas réglée : il reste ${v.du} à payer.`,
        `Merci de procéder au règlement en rappelant la référence ${v.numero} dans le libellé du virement, pour qu’il soit rapproché de l’appel. Si le paiement est en cours, ne tenez pas compte de ce message.`,
      ],
      { label: 'Voir vos cotisations', url: v.url },
    ),
  /** To the collectivité's Publicateurs and Administrateurs when a handler decides on one of its pieces. */
  decisionPiece: (v: {
    prenom: string;
    sinistre: string;
    agent: string;
    piece: string;
    decision: 'validee' | 'refusee';
    motif: string | null;
    auteur: string;
    url: string;
  }) =>
    mail(
      v.decision === 'validee'
        ? `Pièce validée : sinistre n° ${v.sinistre}`
        : `Pièce refusée, à remplacer : sinistre n° ${v.sinistre}`,
      [
        `Bonjour ${v.prenom},`,
        v.decision === 'validee'
          ? `La pièce « ${v.piece} » du sinistre n° ${v.sinistre} (${v.agent}) a été validée par ${v.auteur}.`
          : `La pièce « ${v.piece} » du sinistre n° ${v.sinistre} (${v.agent}) a été refusée par ${v.auteur}.`,
        ...(v.decision === 'refusee'
          ? [
              `Motif : ${v.motif}`,
              'Elle est de nouveau manquante : déposez un document corrigé sur la page du sinistre, à la même ligne. Rappel : pour un arrêt de travail, envoyez uniquement les volets 2 et 3 ; le volet 1 est confidentiel.',
            ]
          : []),
      ],
      { label: 'Voir le sinistre', url: v.url },
    ),
  /** A handler's decision on a medical fee, to the collectivité's Publicateurs and Administrateurs. */
  decisionFraisMedical: (v: {
    prenom: string;
    sinistre: string;
    agent: string;
    facture: string;
    decision: 'validee' | 'refusee';
    motif: string | null;
    auteur: string;
    url: string;
  }) =>
    mail(
      v.decision === 'validee'
        ? `Frais médicaux validés : sinistre n° ${v.sinistre}`
        : `Frais médicaux refusés : sinistre n° ${v.sinistre}`,
      [
        `Bonjour ${v.prenom},`,
        v.decision === 'validee'
          ? `La facture ${v.facture} du sinistre n° ${v.sinistre} (${v.agent}) a été validée par ${v.auteur} : elle sera remboursée avec le prochain décompte.`
          : `La facture ${v.facture} du sinistre n° ${v.sinistre} (${v.agent}) a été refusée par ${v.auteur}.`,
        ...(v.decision === 'refusee'
          ? [`Motif : ${v.motif}`, 'Si la facture peut être corrigée, saisissez-la de nouveau sur la page du sinistre.']
          : []),
      ],
      { label: 'Voir le sinistre', url: v.url },
    ),
  /** A handler's decision on a sinistre, to the collectivité's Publicateurs and Administrateurs. */
  decision: (v: { prenom: string; numero: string; decision: string; phrase: string; auteur: string; url: string }) =>
    mail(
      `Sinistre n° ${v.numero} : ${v.decision.toLocaleLowerCase('fr-FR')}`,
      [
        `Bonjour ${v.prenom},`,
        `${v.auteur} a rendu une décision sur le sinistre n° ${v.numero} : « ${v.decision} ».`,
        v.phrase,
        'La lettre de décision est à télécharger sur la page du sinistre, rubrique « Décisions ».',
      ],
      { label: 'Voir la décision', url: v.url },
    ),
  passwordChanged: (v: { prenom: string; url: string }) =>
    mail('Votre mot de passe a été modifié', [
      `Bonjour ${v.prenom},`,
      'Le mot de passe de votre compte Statutis vient d’être modifié et vos autres sessions ont été fermées.',
      `Si vous n’êtes pas à l’origine de ce changement, utilisez « Mot de passe oublié » sur ${v.url} et prévenez votre administrateur.`,
    ]),
};
