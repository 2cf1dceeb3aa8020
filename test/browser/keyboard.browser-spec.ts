import type { Page } from 'playwright-core';
import { useBrowserTest } from './support/browser';

/** What has the focus: its id, tag, accessible text, and whether its focus indicator is visible. */
interface Focused {
  id: string;
  tag: string;
  text: string;
  indicator: boolean;
  /** `aria-expanded` of a button that opens a form; null for other buttons. */
  expanded: string | null;
}

async function focused(page: Page): Promise<Focused> {
  return (await page.evaluate(`(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== 'none';
    return { id: el.id, tag: el.tagName.toLowerCase(), text: (el.textContent || '').trim(), indicator: outline || shadow, expanded: el.getAttribute('aria-expanded') };
  })()`)) as Focused;
}

/** Presses Tab (or Shift+Tab) until the focus is on what `wanted` describes; fails after `max` presses. */
async function tabTo(
  page: Page,
  wanted: (f: Focused) => boolean,
  what: string,
  { back = false, max = 80 } = {},
): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (wanted(f)) {
      expect({ what, indicator: f.indicator }).toEqual({ what, indicator: true });
      return f;
    }
  }
  throw new Error(`Could not reach ${what} with the keyboard`);
}

/** Presses the down arrow on the focused select until it has the value (a closed select changes with the arrow keys). */
async function chooseWithArrowKeys(page: Page, value: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await page.evaluate('document.activeElement.value')) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`The select never reached ${value}`);
}

const byId = (id: string) => (f: Focused) => f.id === id;
const button = (text: string) => (f: Focused) => f.tag === 'button' && f.text === text;
const link = (text: string) => (f: Focused) => f.tag === 'a' && f.text === text;
/** The submit button of a form, not the button that opened it (which has `aria-expanded`). */
const submit = (text: string) => (f: Focused) => f.tag === 'button' && f.text === text && f.expanded === null;

describe('the keyboard alone', () => {
  const b = useBrowserTest();

  it('signs in, registers a signal, assigns and triages it until it sits at the care table, with visible focus throughout', async () => {
    const page = await b().page();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();

    // The first Tab reaches the skip link, which becomes visible and moves the focus to the content.
    const skip = await tabTo(page, link('Direct naar de inhoud'), 'the skip link', { max: 1 });
    expect(skip.text).toBe('Direct naar de inhoud');
    expect((await page.getByRole('link', { name: 'Direct naar de inhoud' }).boundingBox())!.height).toBeGreaterThan(10);
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('inhoud');

    await tabTo(page, byId('inloggen-username'), 'Demogebruiker');
    await chooseWithArrowKeys(page, 'coordinator.de-baronie');
    await tabTo(page, button('Inloggen'), 'Inloggen');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
    expect((await focused(page)).tag).toBe('h1');

    await tabTo(page, link('Signaal registreren'), 'the navigation item', { back: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Signaal registreren' }).waitFor();
    expect((await focused(page)).text).toBe('Signaal registreren');

    await tabTo(page, byId('signaal-municipality'), 'Gemeente');
    await chooseWithArrowKeys(page, 'breda');
    await tabTo(page, byId('signaal-source-type'), 'Bron');
    await chooseWithArrowKeys(page, 'police');
    await tabTo(page, byId('signaal-forms-labour'), 'Arbeidsuitbuiting');
    await page.keyboard.press('Space');
    await tabTo(page, byId('signaal-summary'), 'Samenvatting');
    await page.keyboard.type('Arbeidsmigranten slapen in een loods.');
    await tabTo(page, button('Signaal registreren'), 'the submit button');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: /^ZWB-/ }).waitFor();
    expect(await page.getByLabel('Gemeente').count()).toBe(0);
    const status = page.locator('.baken-case-status .baken-status');
    expect(await status.textContent()).toBe('Signaal ontvangen');

    await tabTo(page, button('Toewijzen'), 'Toewijzen');
    await page.keyboard.press('Enter');
    expect((await focused(page)).text).toBe('Toewijzen');
    await tabTo(page, submit('Toewijzen'), 'the submit button of Toewijzen', { max: 5 });
    await page.keyboard.press('Enter');
    await status.filter({ hasText: 'In triage' }).waitFor();

    await tabTo(page, button('Triage vastleggen'), 'Triage vastleggen');
    await page.keyboard.press('Enter');
    await tabTo(page, byId('actie-Triage-urgency'), 'Urgentie');
    await page.keyboard.press('Space');
    await tabTo(page, byId('actie-Triage-decision'), 'Besluit');
    await chooseWithArrowKeys(page, 'refer_to_care_table');
    await tabTo(page, byId('actie-Triage-rationale'), 'Onderbouwing');
    await page.keyboard.type('Signalen van arbeidsuitbuiting.');
    await tabTo(page, submit('Triage vastleggen'), 'the submit button of Triage vastleggen');
    await page.keyboard.press('Enter');

    await status.filter({ hasText: 'Zorgtafel' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'De triage is vastgelegd.' }).waitFor();
  });
});
