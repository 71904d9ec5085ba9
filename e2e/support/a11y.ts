import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

const BLOCKING = new Set(['serious', 'critical']);

function describe(v: Violation): string {
  const nodes = v.nodes
    .slice(0, 8)
    .map((n) => {
      const summary = (n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ').trim();
      return `    • ${n.target.join(' ')}\n      ${n.html.replace(/\s+/g, ' ').slice(0, 200)}\n      ${summary}`;
    })
    .join('\n');
  const more = v.nodes.length > 8 ? `\n    … et ${v.nodes.length - 8} autre(s) élément(s)` : '';
  return `  [${v.impact}] ${v.id} — ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
}

/**
 * Waits for what a user would wait for before reading the page: no « Chargement en cours… », no busy
 * region, and the end of the finite CSS transitions (a dialog fading in would give false contrast
 * results).
 */
export async function settle(page: Page): Promise<void> {
  await expect(page.getByText('Chargement en cours…')).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA rules) on the page as it is now. Returns the readable report of the
 * serious and critical violations, or null when there are none; minor and moderate findings are
 * attached to the test report and listed in one line, without failing.
 */
export async function a11yReport(page: Page, what?: string): Promise<string | null> {
  const analyze = async () => {
    await settle(page);
    return new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  };
  let results = await analyze();
  // A transition that starts while axe reads the page (a notification closing itself after 4 s) gives
  // half-transparent colours for an instant: a real violation is still there once it has ended.
  if (results.violations.some((v) => BLOCKING.has(v.impact ?? ''))) results = await analyze();
  const label = what ?? new URL(page.url()).pathname;
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const others = results.violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
  if (results.violations.length > 0) {
    await test.info().attach(`axe ${label}`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: 'application/json',
    });
  }
  if (others.length > 0) {
    const rules = others.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ');
    console.log(`axe, ${label} : remarques non bloquantes : ${rules}`);
  }
  if (blocking.length === 0) return null;
  return `Accessibilité (${label}) : ${blocking.length} violation(s) grave(s) ou critique(s) :\n${blocking.map(describe).join('\n')}`;
}

/** Fails the test on every serious or critical axe violation of the page, listing rule, elements and fix. */
export async function expectNoA11yViolations(page: Page, what?: string): Promise<void> {
  const report = await a11yReport(page, what);
  expect(report === null, report ?? '').toBe(true);
}
