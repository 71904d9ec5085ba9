import type { Locator, Page } from '@playwright/test';

/** A short description of the focused element, to explain where the Tab key went. */
function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(page)';
    const name =
      el.getAttribute('aria-label') ??
      (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null) ??
      el.textContent ??
      '';
    return `<${el.tagName.toLowerCase()}> ${name.replace(/\s+/g, ' ').trim().slice(0, 50)}`;
  });
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until `target` has the focus, as a keyboard user would,
 * and fails after `max` presses with the list of elements the focus went through.
 */
export async function tabTo(page: Page, target: Locator, max = 40, backwards = false): Promise<void> {
  const trail: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    trail.push(await describeFocus(page));
  }
  throw new Error(
    `Élément jamais atteint au clavier après ${max} appuis sur Tab. Parcours du focus :\n  ${trail.join('\n  ')}`,
  );
}

/** True when the page body does not scroll sideways (WCAG 1.4.10, reflow). */
export function hasNoHorizontalOverflow(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}
