import { type APIRequestContext, expect } from '@playwright/test';
import { extractLink, mailsTo, waitForMail } from './mailbox';
import { ADMIN, COMMUNE, DEMO_PASSWORD } from './session';

/**
 * Creates an account through the API as the demo administrator (in the commune) and returns the
 * link of its invitation e-mail, unused. For tests that need a fresh link, not the account form.
 */
export async function inviteThroughApi(
  request: APIRequestContext,
  account: { prenom: string; nom: string; email: string; role?: 'lecteur' | 'publicateur' | 'administrateur' },
): Promise<string> {
  const login = await request.post('/api/auth/connexion', { data: { email: ADMIN, motDePasse: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const session = (await login.json()) as { csrfToken: string; collectivites: { id: string; nom: string }[] };
  const headers = { 'X-CSRF-Token': session.csrfToken };
  const commune = session.collectivites.find((c) => c.nom === COMMUNE);
  expect(commune, `${ADMIN} devrait avoir accès à ${COMMUNE}`).toBeDefined();
  const choose = await request.put('/api/auth/session/collectivite', {
    data: { collectiviteId: commune!.id },
    headers,
  });
  expect(choose.status(), await choose.text()).toBe(200);
  const before = mailsTo(account.email).length;
  const created = await request.post('/api/comptes', { data: { role: 'lecteur', ...account }, headers });
  expect(created.status(), await created.text()).toBe(201);
  await request.post('/api/auth/deconnexion', { headers });
  const mail = await waitForMail(account.email, 'Votre accès à Statutis', 20_000, { after: before });
  return extractLink(mail, '/definir-mot-de-passe');
}
