import type { BrowserContext, Page } from 'playwright-core';
import {
  cspViolations,
  daysAgo,
  DESKTOP,
  signIn,
  UI_TIMEOUT,
  useBrowserTest,
  watchContentSecurityPolicy,
} from './support/browser';
import { registerSignal } from '../e2e/support/cases';

/** Polls until `check` holds or the UI timeout passes; answers whether it held. */
async function eventually(check: () => boolean | Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + UI_TIMEOUT;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

/** Signs an administrator in through the login screen; the administrator lands on `Beheer`. */
async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel('Demogebruiker').selectOption('admin');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
}

/**
 * The policy allows no inline script or style on any page. The pages that come from libraries with inline parts —
 * Bull Board's queue board and Swagger UI — are served with a nonce of their own, and must still work.
 */
describe('the Content Security Policy in the browser', () => {
  const b = useBrowserTest({ redis: true });

  it('blocks and reports inline script and style (so a page without reports means something)', async () => {
    const page = await b().page();
    await signIn(page, 'coordinator.de-baronie');
    await page.evaluate(`(() => {
      document.body.insertAdjacentHTML('beforeend', '<p id="inline-style" style="color: rgb(255, 0, 0)">rood</p>');
      const script = document.createElement('script');
      script.textContent = 'window.inlineScriptRan = true';
      document.body.appendChild(script);
    })()`);
    expect(await eventually(() => cspViolations(page).length >= 2)).toBe(true);
    expect(await page.evaluate('window.inlineScriptRan === true')).toBe(false);
    expect(await page.evaluate(`getComputedStyle(document.getElementById('inline-style')).color`)).not.toBe(
      'rgb(255, 0, 0)',
    );
  });

  /**
   * A page on the real clock: Bull Board and Swagger UI wait on timers that the browser tests' frozen clock would
   * hold. Its Content Security Policy violations are collected like every other page's.
   */
  async function realClockPage(): Promise<Page> {
    const context = await b().browser.newContext({ baseURL: b().baseUrl, viewport: DESKTOP });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    await watchContentSecurityPolicy(page);
    return page;
  }
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  it('shows the queue board to an administrator: its queues and jobs, not a loading screen, and no violation', async () => {
    // A deadline's job to look at (no workers run in the browser tests: it waits).
    await registerSignal(await b().t.as('coordinator.de-baronie'), { receivedOn: daysAgo(14) });
    const page = await realClockPage();
    await signInAsAdmin(page);
    await page.goto('/admin/queues');
    // With more than one queue (deadlines, webhooks) the board lists them in its sidebar and its overview.
    const deadlines = page.getByRole('main').getByRole('link', { name: 'deadlines' });
    await deadlines.waitFor();
    expect(await page.getByText('Loading', { exact: true }).count()).toBe(0);
    await deadlines.click();
    await page.waitForURL(/\/admin\/queues\/queue\/deadlines/);
    await page
      .getByRole('link', { name: /waiting/i })
      .first()
      .waitFor();
    // A job with its data: the JSON view of Bull Board's job card.
    await page.goto('/admin/queues/queue/deadlines?status=waiting');
    await page.getByText('deadline-missed', { exact: true }).first().waitFor();
    await page.getByText('deadlineId', { exact: false }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(cspViolations(page)).toEqual([]);
  });

  it("lets the board's own requests pass the session's CSRF check, so a retry from the browser reaches the board", async () => {
    const page = await realClockPage();
    await signInAsAdmin(page);
    await page.goto('/admin/queues');
    await page.getByRole('link', { name: 'deadlines' }).waitFor();
    // As Bull Board's UI sends them: XMLHttpRequest, no header of its own.
    const send = (method: string, path: string) =>
      page.evaluate(`new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open(${JSON.stringify(method)}, ${JSON.stringify(path)});
        xhr.onload = () => resolve({ status: xhr.status, type: JSON.parse(xhr.responseText || '{}').type ?? '' });
        xhr.send();
      })`);
    // Past authentication and CSRF: a retry of a job that does not exist is 404, a pause is refused as read-only.
    expect(await send('PUT', '/admin/queues/api/queues/deadlines/no-such-job/retry')).toEqual({
      status: 404,
      type: 'about:blank',
    });
    expect(await send('PUT', '/admin/queues/api/queues/deadlines/pause')).toEqual({
      status: 403,
      type: '/problems/forbidden',
    });
    expect(cspViolations(page)).toEqual([]);
  });

  it('shows the API documentation, under a policy with its own nonce, without a violation', async () => {
    const page = await realClockPage();
    await page.goto('/api/docs');
    await page.getByRole('heading', { name: /Baken API/ }).waitFor();
    await page.getByText('/api/cases', { exact: true }).first().click();
    await page.getByRole('button', { name: 'Try it out' }).first().waitFor();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.getByText('Available authorizations').waitFor();
    expect(cspViolations(page)).toEqual([]);
  });
});
