import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';

/**
 * `test` with one automatic check: an uncaught exception in the page fails the test (it is a defect
 * of the web app even when the journey goes on), and the console errors are printed to explain a
 * blank page. The API's error statuses are expected answers and are not printed.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use, testInfo) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const where = message.location().url;
        // The API's refusals (401 of the session probe, 410 of a used link…) are answers the page handles.
        if (/\/api\//.test(where) && /Failed to load resource/.test(message.text())) return;
        console.log(`console.error dans la page${where ? ` (${where})` : ''} : ${message.text()}`);
      });
      await use(errors);
      if (errors.length > 0 && testInfo.status === testInfo.expectedStatus) {
        throw new Error(`Exception(s) non interceptée(s) dans la page :\n  ${errors.join('\n  ')}`);
      }
    },
    { auto: true },
  ],
});
