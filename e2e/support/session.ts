import { expect, type Locator, type Page } from '@playwright/test';

/** Demo accounts loaded into the fresh embedded database (packages/server/src/demo/demo.ts). */
export const DEMO_PASSWORD = 'Statutis-demo-2026';
export const ADMIN = 'admin@demo.statutis.fr';
export const PUBLICATEUR = 'publicateur@demo.statutis.fr';
export const LECTEUR = 'lecteur@demo.statutis.fr';
/** Administrator of another collectivité: a harmless witness for mail tests. */
export const ADMIN_CC = 'admin.cc@demo.statutis.fr';
export const COMMUNE = 'Commune de Belleville-sur-Arvelle';

/** The login form's fields and button, by their accessible names. */
export function loginForm(page: Page) {
  return {
    email: page.getByLabel('Adresse e-mail'),
    password: page.getByLabel('Mot de passe', { exact: true }),
    submit: page.getByRole('button', { name: 'Se connecter' }),
  };
}

/** The « Déconnexion » button of the header: it is there once a session is open. */
export function logoutButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Déconnexion' });
}

/** Logs in through the login page and waits for the application's header. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/connexion');
  const form = loginForm(page);
  await form.email.fill(email);
  await form.password.fill(password);
  await form.submit.click();
  await expect(logoutButton(page)).toBeVisible();
}

/** The main navigation (the side menu, behind the burger on narrow screens). */
export function mainMenu(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Menu principal' });
}

/** Opens a rubrique from the main menu and waits for its title. */
export async function openFromMenu(page: Page, link: string, heading = link): Promise<void> {
  await mainMenu(page).getByRole('link', { name: link, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

/**
 * Makes `name` the current collectivité with the header selector when it is not already, and waits for
 * the session to follow (the selector shows plain text when the user has a single collectivité).
 */
export async function chooseCollectivite(page: Page, name: string): Promise<void> {
  const select = page.getByRole('combobox', { name: 'Collectivité' });
  if ((await select.count()) === 0) {
    await expect(page.getByText(`Collectivité : ${name}`)).toBeVisible();
    return;
  }
  const current = (await select.locator('option:checked').textContent())?.trim();
  if (current !== name) await select.selectOption({ label: name });
  await expect(select.locator('option:checked')).toHaveText(name);
  await expect(select).toBeEnabled();
}

/** The links of one group of the main menu (« Espace contractuel », « Vos déclarations »…). */
export function menuGroupLinks(page: Page, group: string): Locator {
  return mainMenu(page).getByRole('list', { name: group, exact: true }).getByRole('link');
}

/**
 * Follows a link of the menu and waits for the page it leads to: its address, then its title (any
 * level-1 heading: the title of a rubrique does not always repeat the menu's wording).
 */
export async function followMenuLink(page: Page, link: Locator): Promise<string> {
  const name = ((await link.textContent()) ?? '').trim();
  const href = await link.getAttribute('href');
  await link.click();
  if (href) await expect(page).toHaveURL((url) => url.pathname === href);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return name;
}
