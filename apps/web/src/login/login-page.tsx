import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { OIDC_LOGIN_PATH } from '../api/client';
import { useAuth } from '../auth/session';
import { ErrorSummary, SelectField, useFormErrors } from '../components/fields';
import { Notice, PageHeading } from '../components/page';
import { useLocation } from '../router';
import { DEMO_USERS } from './demo-users';

const FORM = 'inloggen';

export function LoginPage({ expired }: { expired: boolean }) {
  const { signInAsDemoUser } = useAuth();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [busy, setBusy] = useState(false);
  const [demoOff, setDemoOff] = useState(false);
  const form = useFormErrors(['username']);
  const returnTo =
    location.path === '/' || location.path === '/inloggen' ? (location.query.get('terug') ?? '/') : location.href;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username) {
      form.fromChecks({ username: 'Kies een demogebruiker.' });
      return;
    }
    setBusy(true);
    const result = await signInAsDemoUser(username);
    setBusy(false);
    if (result.ok) return;
    if (result.problem.status === 404) setDemoOff(true);
    else if (result.problem.status === 401) form.fromChecks({ username: 'Deze demogebruiker bestaat niet.' });
    else form.fromProblem(result.problem);
  };

  return (
    <>
      <PageHeading title="Inloggen" />
      {expired ? <Notice type="warning">U bent uitgelogd omdat uw sessie is verlopen. Log opnieuw in.</Notice> : null}
      {demoOff ? (
        <Notice type="info">
          Inloggen met een demogebruiker is op deze installatie uitgeschakeld. Log in met uw organisatieaccount.
        </Notice>
      ) : (
        <section aria-labelledby="demo-heading" className="baken-section">
          <Heading2 id="demo-heading">Demonstratie</Heading2>
          <Paragraph>
            Kies een demogebruiker om Baken te bekijken met de rechten van die rol. De casussen zijn verzonnen.
          </Paragraph>
          <form id={FORM} noValidate onSubmit={submit} className="baken-form baken-form--narrow">
            <ErrorSummary
              formId={FORM}
              errors={form.errors}
              shown={form.shown}
              labels={{ username: 'Demogebruiker' }}
            />
            <SelectField
              formId={FORM}
              name="username"
              label="Demogebruiker"
              required
              value={username}
              onChange={setUsername}
              options={DEMO_USERS}
              placeholder="Kies een demogebruiker"
              error={form.errors.fields.username}
            />
            <ButtonGroup>
              <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
                Inloggen
              </Button>
            </ButtonGroup>
          </form>
        </section>
      )}
      <section aria-labelledby="oidc-heading" className="baken-section">
        <Heading2 id="oidc-heading">Met uw organisatieaccount</Heading2>
        <Paragraph>Medewerkers van de regio en de ketenpartners loggen in via hun eigen organisatie.</Paragraph>
        <Paragraph>
          <a
            className="utrecht-button-link utrecht-button-link--secondary-action"
            href={`${OIDC_LOGIN_PATH}?returnTo=${encodeURIComponent(returnTo)}`}
          >
            Inloggen via uw organisatie
          </a>
        </Paragraph>
      </section>
    </>
  );
}
