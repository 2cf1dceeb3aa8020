import { useEffect, useRef, type MouseEvent } from 'react';
import {
  Button,
  NavBar,
  NavList,
  NavListLink,
  PageContent,
  PageFooter,
  Paragraph,
  SkipLink,
} from '@utrecht/component-library-react';
import { adminScreen } from './admin/admin-routes';
import { AuditPage } from './audit/audit-page';
import { useAuth } from './auth/session';
import { CaseDetailPage } from './cases/case-detail-page';
import { CaseListPage } from './cases/case-list-page';
import { Loading, PageHeading } from './components/page';
import { fitTables } from './components/table-fit';
import { label, lowerFirst, ROLE } from './i18n/labels';
import { LoginPage } from './login/login-page';
import { NotificationsBell } from './notifications/notifications-bell';
import { NotificationsPage } from './notifications/notifications-page';
import { NOTIFICATIONS_PATH, ROLES_WITH_NOTIFICATIONS } from './notifications/notification-view';
import { homeFor, mayOpen, navigationFor } from './navigation';
import { ProgrammePage } from './programme/programme-page';
import { ReportsPage } from './reports/reports-page';
import { confirmLeaving, matchPath, navigate, useLocation } from './router';
import { sessionScreen } from './sessions/session-routes';
import { RegisterSignalPage } from './signals/register-signal-page';
import { SteeringPage } from './steering/steering-page';
import { WorkQueuePage } from './tasks/work-queue-page';

function Screen({ path }: { path: string }) {
  const caseMatch = matchPath('/casussen/:caseId', path);
  if (caseMatch) return <CaseDetailPage caseId={caseMatch.caseId} />;
  const session = sessionScreen(path);
  if (session) return session;
  const admin = adminScreen(path);
  if (admin) return admin;
  switch (path) {
    case '/werkvoorraad':
      return <WorkQueuePage />;
    case NOTIFICATIONS_PATH:
      return <NotificationsPage />;
    case '/casussen':
      return <CaseListPage />;
    case '/signaal-registreren':
      return <RegisterSignalPage />;
    case '/stuurploeg':
      return <SteeringPage />;
    case '/rapportages':
      return <ReportsPage />;
    case '/audit':
      return <AuditPage />;
    case '/programmamonitor':
      return <ProgrammePage />;
    case '/geen-toegang':
      return (
        <>
          <PageHeading title="Geen schermen voor uw rol" />
          <Paragraph>
            Uw rol heeft in deze webapplicatie geen schermen. Neem contact op met de beheerder als u toegang nodig
            heeft.
          </Paragraph>
        </>
      );
    default:
      return (
        <>
          <PageHeading title="Pagina niet gevonden" />
          <Paragraph>Deze pagina bestaat niet. Kies een onderdeel in het menu.</Paragraph>
        </>
      );
  }
}

function MainNavigation({ role, path }: { role: string; path: string }) {
  const items = navigationFor(role);
  if (items.length === 0) return null;
  return (
    <NavBar aria-label="Hoofdmenu" className="baken-nav">
      <NavList>
        {items.map((item) => {
          const active = path === item.path || path.startsWith(`${item.path}/`);
          return (
            <NavListLink
              key={item.path}
              href={item.path}
              aria-current={active ? 'page' : undefined}
              onClick={(e: MouseEvent<HTMLAnchorElement>) => {
                if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                e.preventDefault();
                navigate(item.path);
              }}
            >
              {item.label}
            </NavListLink>
          );
        })}
      </NavList>
    </NavBar>
  );
}

export function App() {
  const { state, signOut } = useAuth();
  const location = useLocation();
  const signedIn = state.status === 'signed-in';
  const role = signedIn ? state.user.role : '';
  const main = useRef<HTMLElement>(null);
  useEffect(() => (main.current ? fitTables(main.current) : undefined), []);

  useEffect(() => {
    if (state.status !== 'signed-in') return;
    if (location.path === '/' || location.path === '/inloggen') {
      const returnTo = location.query.get('terug');
      const target =
        returnTo &&
        returnTo.startsWith('/') &&
        !returnTo.startsWith('//') &&
        mayOpen(role, new URL(returnTo, window.location.origin).pathname)
          ? returnTo
          : homeFor(role);
      navigate(target, { replace: true, force: true });
    }
  }, [state.status, role, location.path, location.query]);

  let content;
  if (state.status === 'checking') content = <Loading what="uw sessie" />;
  else if (state.status === 'signed-out') content = <LoginPage expired={state.expired} />;
  // Just signed in: the effect above moves on to the role's home screen, whose heading then takes the focus.
  else if (location.path === '/' || location.path === '/inloggen') content = <Loading what="uw startscherm" />;
  else if (!mayOpen(role, location.path)) {
    content = (
      <>
        <PageHeading title="Geen toegang" />
        <Paragraph>Dit scherm is niet beschikbaar voor uw rol ({lowerFirst(label(ROLE, role))}).</Paragraph>
      </>
    );
  } else content = <Screen path={location.path} />;

  return (
    <div className="baken-app">
      <SkipLink href="#inhoud">Direct naar de inhoud</SkipLink>
      <header className="baken-header">
        <div className="baken-header__bar">
          <div className="baken-brand">
            <a
              className="baken-brand__name"
              href="/"
              onClick={(e) => {
                e.preventDefault();
                navigate(signedIn ? homeFor(role) : '/inloggen');
              }}
            >
              Baken
            </a>
            <span className="baken-brand__tagline">Casuscoördinatie mensenhandel Zeeland-West-Brabant</span>
          </div>
          {state.status === 'signed-in' ? (
            <div className="baken-user">
              {ROLES_WITH_NOTIFICATIONS.includes(state.user.role) ? (
                <NotificationsBell current={location.path === NOTIFICATIONS_PATH} />
              ) : null}
              <span>
                Ingelogd als <strong>{state.user.displayName ?? state.user.username}</strong> (
                {lowerFirst(label(ROLE, state.user.role))})
              </span>
              <Button
                appearance="secondary-action-button"
                className="baken-logout"
                onClick={() => {
                  if (!confirmLeaving()) return;
                  void signOut().then(() => navigate('/inloggen', { force: true }));
                }}
              >
                Uitloggen
              </Button>
            </div>
          ) : null}
        </div>
        {signedIn ? <MainNavigation role={role} path={location.path} /> : null}
      </header>
      <PageContent className="baken-content">
        <main id="inhoud" ref={main} tabIndex={-1} className="utrecht-page-content__main">
          {content}
        </main>
      </PageContent>
      <PageFooter className="baken-footer">
        <Paragraph>Baken – regionale aanpak mensenhandel Zeeland-West-Brabant. Geen plek voor mensenhandel.</Paragraph>
      </PageFooter>
    </div>
  );
}
