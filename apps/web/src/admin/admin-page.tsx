import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { PageHeading } from '../components/page';
import { AppLink } from '../router';
import { PageLink } from './admin-parts';
import { ADMIN_SCREENS } from './admin-screens';

/** `Beheer`: the administrator's landing page, every admin screen with what it is for. Never case content. */
export function AdminPage() {
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
              {screen.external ? (
                <PageLink href={screen.path}>{screen.title}</PageLink>
              ) : (
                <AppLink to={screen.path}>{screen.title}</AppLink>
              )}
            </Heading2>
            <Paragraph>
              {screen.description}
              {screen.external ? ' Opent een aparte pagina.' : ''}
            </Paragraph>
          </li>
        ))}
      </ul>
    </>
  );
}
