import type { Page } from 'playwright-core';
import {
  cspViolations,
  DESKTOP,
  screenshot,
  seriousViolations,
  signIn,
  TABLET,
  useBrowserTest,
} from './support/browser';
import { driveCase, projectionsCaughtUp, type DrivenCase } from './support/cases';

interface Screen {
  name: string;
  /** Signed in as; none for the login screen. */
  user?: string;
  path(cases: Record<string, DrivenCase>): string;
  heading: string | RegExp;
  /** Brings the screen into the state to scan (an open form, errors shown, charts drawn). */
  prepare?(page: Page, cases: Record<string, DrivenCase>): Promise<void>;
}

const SCREENS: Screen[] = [
  { name: 'Inloggen', path: () => '/inloggen', heading: 'Inloggen' },
  {
    name: 'Inloggen met foutmelding',
    path: () => '/inloggen',
    heading: 'Inloggen',
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.getByRole('alert').filter({ hasText: 'Kies een demogebruiker.' }).waitFor();
    },
  },
  {
    name: 'Werkvoorraad',
    user: 'coordinator.de-baronie',
    path: () => '/werkvoorraad',
    heading: 'Werkvoorraad',
    prepare: async (page) => {
      await page.locator('.baken-loading').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'Casussen',
    user: 'coordinator.de-baronie',
    path: () => '/casussen',
    heading: 'Casussen',
    prepare: async (page) => {
      await page.getByText(/casussen? gevonden/).waitFor();
    },
  },
  {
    name: 'Signaal registreren met foutmeldingen',
    user: 'coordinator.de-baronie',
    path: () => '/signaal-registreren',
    heading: 'Signaal registreren',
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
      await page.getByRole('button', { name: 'Signaal registreren' }).click();
      await page.getByRole('alert').filter({ hasText: 'Er is een probleem' }).waitFor();
    },
  },
  {
    name: 'Casus met het formulier Triage vastleggen',
    user: 'coordinator.de-baronie',
    path: (c) => `/casussen/${c.inTriage.caseId}`,
    heading: /^ZWB-/,
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Triage vastleggen' }).click();
      const form = page.getByRole('region', { name: 'Triage vastleggen' });
      await form.getByRole('button', { name: 'Triage vastleggen' }).click();
      await form.getByRole('alert').waitFor();
      await page.getByRole('region', { name: 'Tijdlijn' }).getByRole('listitem').first().waitFor();
    },
  },
  {
    name: 'Casus in uitvoering',
    user: 'coordinator.de-baronie',
    path: (c) => `/casussen/${c.executed.caseId}`,
    heading: /^ZWB-/,
    prepare: async (page) => {
      await page.getByRole('region', { name: 'Tijdlijn' }).getByRole('listitem').first().waitFor();
    },
  },
  {
    name: 'Casus met het formulier Voorstel opstellen en foutmeldingen',
    user: 'coordinator.de-baronie',
    path: (c) => `/casussen/${c.careTableMet.caseId}`,
    heading: /^ZWB-/,
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Voorstel opstellen' }).click();
      const form = page.getByRole('region', { name: 'Voorstel opstellen' });
      await form.getByRole('button', { name: 'Maatregel toevoegen' }).click();
      await form.getByRole('button', { name: 'Voorstel opstellen' }).click();
      await form.getByRole('alert').waitFor();
    },
  },
  {
    name: 'Stuurploeg met het stemformulier en foutmeldingen',
    user: 'steering.de-baronie',
    path: () => '/stuurploeg',
    heading: 'Stuurploeg',
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Stemmen' }).click();
      const form = page.getByRole('region', { name: 'Stemmen' });
      await form.getByLabel('Aanhouden').check();
      await form.getByRole('button', { name: 'Stemmen' }).click();
      await form.getByRole('alert').waitFor();
      await page
        .getByRole('region', { name: 'Besluitenlijst' })
        .locator('.baken-loading')
        .waitFor({ state: 'detached' });
    },
  },
  {
    name: 'Stuurploeg voor de zorgcoördinator',
    user: 'coordinator.de-baronie',
    path: () => '/stuurploeg',
    heading: 'Stuurploeg',
    prepare: async (page) => {
      await page.getByRole('article').first().waitFor();
      await page
        .getByRole('region', { name: 'Besluitenlijst' })
        .locator('.baken-loading')
        .waitFor({ state: 'detached' });
    },
  },
  {
    name: 'Rapportages',
    user: 'analyst',
    path: () => '/rapportages',
    heading: 'Rapportages',
    prepare: async (page) => {
      await page.locator('.baken-loading').first().waitFor({ state: 'detached' });
      if (await page.locator('.baken-chart').count()) await page.locator('.baken-chart svg').first().waitFor();
    },
  },
  {
    name: 'Audit van een casus',
    user: 'auditor',
    path: (c) => `/audit?casus=${c.executed.reference}`,
    heading: 'Audit',
    prepare: async (page) => {
      await page.getByRole('heading', { name: /^Versie \d+ van \d+/ }).waitFor();
      await page.getByRole('button', { name: 'Keten controleren' }).click();
      await page.locator('.baken-verify .baken-notice').waitFor();
      await page.getByRole('button', { name: /^Wie zag de gegevens van S-/ }).click();
      await page.getByRole('table').filter({ hasText: 'Persoonsgegevens gezien' }).first().waitFor();
    },
  },
  {
    name: 'Casus met het formulier Persoon bekendmaken en foutmeldingen',
    user: 'coordinator.de-baronie',
    path: (c) => `/casussen/${c.executed.caseId}`,
    heading: /^ZWB-/,
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Persoon bekendmaken' }).click();
      const form = page.getByRole('region', { name: 'Persoon bekendmaken' });
      await form.getByRole('button', { name: 'Persoon bekendmaken' }).click();
      await form.getByRole('alert').waitFor();
    },
  },
  {
    name: 'Casus van een ketenpartner',
    user: 'partner.labour-inspectorate',
    path: (c) => `/casussen/${c.executed.caseId}`,
    heading: /^ZWB-/,
    prepare: async (page) => {
      await page.getByRole('region', { name: 'Tijdlijn' }).getByRole('listitem').first().waitFor();
    },
  },
  {
    name: 'Casussen van een aandachtsfunctionaris',
    user: 'liaison.breda',
    path: () => '/casussen',
    heading: 'Casussen',
    prepare: async (page) => {
      await page.getByText(/casussen? gevonden/).waitFor();
    },
  },
];

describe('accessibility of every screen (axe-core, WCAG 2.1 AA)', () => {
  const b = useBrowserTest();
  const cases: Record<string, DrivenCase> = {};

  beforeAll(async () => {
    cases.inTriage = await driveCase(b().t, 'in_triage');
    cases.careTableMet = await driveCase(b().t, 'care_table_met');
    cases.awaiting = await driveCase(b().t, 'awaiting_steering_group');
    cases.executed = await driveCase(b().t, 'effect_recorded', {
      subjects: [{ role: 'victim', name: 'Toegankelijke Persoon' }],
    });
    await projectionsCaughtUp(b().t);
  });

  it('the scan finds serious violations when there are any (so a clean scan means something)', async () => {
    const page = await b().page();
    await page.goto('/inloggen');
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await page.evaluate(
      `document.querySelector('main').insertAdjacentHTML('beforeend', '<button></button><img src="data:,">')`,
    );
    expect((await seriousViolations(page)).map((v) => v.id)).toEqual(
      expect.arrayContaining(['button-name', 'image-alt']),
    );
    await page.context().close();
  });

  for (const viewport of [DESKTOP, TABLET]) {
    describe(`at ${viewport.width} px wide`, () => {
      for (const screen of SCREENS) {
        it(`${screen.name}: no serious or critical violations, nothing wider than the window, nothing the Content Security Policy blocked`, async () => {
          const page = await b().page(viewport);
          if (screen.user) await signIn(page, screen.user);
          await page.goto(screen.path(cases));
          await page.getByRole('heading', { level: 1, name: screen.heading }).waitFor();
          await screen.prepare?.(page, cases);

          // No inline script or style anywhere (the policy allows none); checked before axe runs its own code.
          expect({ screen: screen.name, blocked: cspViolations(page) }).toEqual({ screen: screen.name, blocked: [] });
          expect(await seriousViolations(page)).toEqual([]);
          const overflow = await page.evaluate(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          );
          expect({ screen: screen.name, overflow }).toEqual({ screen: screen.name, overflow: 0 });
          if (viewport === TABLET && screen.name === 'Casus in uitvoering') await screenshot(page, 'casus-768');
          await page.context().close();
        });
      }
    });
  }
});
