import type { ReactElement } from 'react';
import { AdminPage } from './admin-page';
import { ADMIN_HOME } from './admin-screens';
import { DeadlinePeriodsPage } from './deadline-periods-page';
import { InterventionTypesPage } from './intervention-types-page';
import { MunicipalitiesPage } from './municipalities-page';
import { OrganisationsPage } from './organisations-page';
import { TargetsPage } from './targets-page';
import { WebhooksPage } from './webhooks-page';
import './admin.css';

/** The administrator's screen at `path`, or `null` when the path is not one of `Beheer`. */
export function adminScreen(path: string): ReactElement | null {
  const screen = screenAt(path.replace(/\/$/, ''));
  return screen ? <div className="baken-admin">{screen}</div> : null;
}

function screenAt(path: string): ReactElement | null {
  switch (path) {
    case ADMIN_HOME:
      return <AdminPage />;
    case `${ADMIN_HOME}/doelstellingen`:
      return <TargetsPage />;
    case `${ADMIN_HOME}/organisaties`:
      return <OrganisationsPage />;
    case `${ADMIN_HOME}/gemeenten`:
      return <MunicipalitiesPage />;
    case `${ADMIN_HOME}/interventiecatalogus`:
      return <InterventionTypesPage />;
    case `${ADMIN_HOME}/termijnen`:
      return <DeadlinePeriodsPage />;
    case `${ADMIN_HOME}/webhooks`:
      return <WebhooksPage />;
    default:
      return null;
  }
}
