import { useEffect, useState } from 'react';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { authenticationHeaders } from '../api/client';
import { PageHeading } from '../components/page';
import { AppLink } from '../router';
import { PageLink } from './admin-parts';
import { ADMIN_SCREENS, type AdminScreen } from './admin-screens';

/**
 * Whether a page outside the app answers: the queue board answers 503 on an installation whose background jobs run
 * in-process (no Redis), and the link would only lead to that answer.
 */
function useUnavailable(screens: readonly AdminScreen[]): ReadonlySet<string> {
  const [unavailable, setUnavailable] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let current = true;
    void Promise.all(
      screens
        .filter((s) => s.external)
        .map((s) =>
          fetch(s.path, { credentials: 'same-origin', headers: authenticationHeaders('GET') })
            .then((response) => (response.status === 503 ? s.path : null))
            .catch(() => null),
        ),
    ).then((paths) => {
      if (current) setUnavailable(new Set(paths.filter((p): p is string => p !== null)));
    });
    return () => {
      current = false;
    };
  }, [screens]);
  return unavailable;
}

/** `Beheer`: the administrator's landing page, every admin screen with what it is for. Never case content. */
export function AdminPage() {
  const unavailable = useUnavailable(ADMIN_SCREENS);
  return (
    <>
      <PageHeading title="Beheer" />
      <Paragraph>
        Als functioneel beheerder onderhoudt u de referentiegegevens van Baken: doelstellingen, organisaties, gemeenten,
        de interventiecatalogus en de termijnen. Casussen en hun inhoud ziet u niet. Elke wijziging wordt vastgelegd met
        wie haar deed en wanneer.
      </Paragraph>
      <ul className="baken-admin-screens">
        {ADMIN_SCREENS.map((screen) => (
          <li key={screen.path} className="baken-admin-screens__item">
            <Heading2 className="baken-admin-screens__title">
              {unavailable.has(screen.path) ? (
                screen.title
              ) : screen.external ? (
                <PageLink href={screen.path}>{screen.title}</PageLink>
              ) : (
                <AppLink to={screen.path}>{screen.title}</AppLink>
              )}
            </Heading2>
            <Paragraph>
              {screen.description}
              {unavailable.has(screen.path)
                ? ' Niet beschikbaar op deze installatie: de achtergrondtaken draaien zonder Redis, dus zonder wachtrijen.'
                : screen.external
                  ? ' Opent een aparte pagina.'
                  : ''}
            </Paragraph>
          </li>
        ))}
      </ul>
    </>
  );
}
