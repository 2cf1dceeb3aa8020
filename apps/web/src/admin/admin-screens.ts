/** The functional administrator's screens (DOMAIN.md "Roles": reference data, never case content), as `Beheer` lists them. */

export const ADMIN_HOME = '/beheer';

export interface AdminScreen {
  path: string;
  title: string;
  description: string;
  /** A page outside this application (the queue board): opened by a full page load, not by the app's router. */
  external?: boolean;
}

export const ADMIN_SCREENS: readonly AdminScreen[] = [
  {
    path: '/beheer/doelstellingen',
    title: 'Doelstellingen',
    description: 'Kwartaal- en jaardoelstellingen toevoegen, wijzigen en beëindigen, met hun geschiedenis.',
  },
  {
    path: '/beheer/organisaties',
    title: 'Organisaties',
    description:
      'De organisaties waarvoor gebruikers werken en die maatregelen uitvoeren, en hun claim bij de identiteitsprovider.',
  },
  {
    path: '/beheer/gemeenten',
    title: 'Gemeenten en districten',
    description: 'De gemeenten per district, met hun geldigheid; een herindeling vastleggen.',
  },
  {
    path: '/beheer/interventiecatalogus',
    title: 'Interventiecatalogus',
    description: 'De soorten interventies per niveau, hun namen, en welke niet meer gekozen kunnen worden.',
  },
  {
    path: '/beheer/termijnen',
    title: 'Termijnen',
    description: 'De termijnen voor triage, terugkoppeling, besluiten van de stuurploeg en de opvolging van effecten.',
  },
  {
    path: '/beheer/webhooks',
    title: 'Webhooks',
    description: 'De webhooks van organisaties, hoe hun meldingen aankomen, en mislukte meldingen opnieuw versturen.',
  },
  {
    path: '/programmamonitor',
    title: 'Programmamonitor',
    description: 'De acties van het actieprogramma toevoegen en wijzigen, en hun voortgang vastleggen.',
  },
  {
    path: '/admin/queues',
    title: 'Wachtrijen',
    description: 'De achtergrondtaken (termijnen, webhooks) bekijken en mislukte taken opnieuw laten uitvoeren.',
    external: true,
  },
];
