import { ADMIN_SCREENS } from './admin/admin-screens';
import { homeFor, mayOpen, navigationFor } from './navigation';

const labels = (role: string) => navigationFor(role).map((i) => i.label);

describe('the main navigation per role', () => {
  it('shows each role only the screens it may use', () => {
    expect(labels('coordinator')).toEqual([
      'Werkvoorraad',
      'Casussen',
      'Zorgtafels',
      'Signaal registreren',
      'Stuurploeg',
      'Rapportages',
      'Programmamonitor',
    ]);
    expect(labels('steering_group')).toEqual([
      'Werkvoorraad',
      'Casussen',
      'Stuurploeg',
      'Rapportages',
      'Programmamonitor',
    ]);
    expect(labels('liaison')).toEqual(['Casussen', 'Signaal registreren', 'Programmamonitor']);
    expect(labels('partner')).toEqual(['Werkvoorraad', 'Casussen', 'Signaal registreren', 'Programmamonitor']);
    expect(labels('analyst')).toEqual(['Rapportages', 'Programmamonitor']);
    expect(labels('auditor')).toEqual(['Casussen', 'Stuurploeg', 'Rapportages', 'Audit', 'Programmamonitor']);
    expect(labels('programme_lead')).toEqual(['Rapportages', 'Programmamonitor']);
    expect(labels('admin')).toEqual(['Beheer', 'Programmamonitor']);
  });

  it('lands each role on its first screen', () => {
    expect(homeFor('coordinator')).toBe('/werkvoorraad');
    expect(homeFor('partner')).toBe('/werkvoorraad');
    expect(homeFor('analyst')).toBe('/rapportages');
    expect(homeFor('programme_lead')).toBe('/programmamonitor');
    expect(homeFor('admin')).toBe('/beheer');
  });

  it('keeps a role out of screens that are not its own, case pages included', () => {
    expect(mayOpen('analyst', '/casussen/6f1c0b1e-0000-4000-8000-000000000000')).toBe(false);
    expect(mayOpen('coordinator', '/casussen/6f1c0b1e-0000-4000-8000-000000000000')).toBe(true);
    expect(mayOpen('coordinator', '/audit')).toBe(false);
    expect(mayOpen('auditor', '/audit')).toBe(true);
    expect(mayOpen('partner', '/programmamonitor')).toBe(true);
    expect(mayOpen('coordinator', '/zorgtafels/plannen')).toBe(true);
    expect(mayOpen('admin', '/beheer/doelstellingen')).toBe(true);
    expect(mayOpen('admin', '/casussen')).toBe(false);
    expect(mayOpen('admin', '/casussen/6f1c0b1e-0000-4000-8000-000000000000')).toBe(false);
    expect(mayOpen('coordinator', '/beheer/termijnen')).toBe(false);
    expect(mayOpen('partner', '/zorgtafels/6f1c0b1e-0000-4000-8000-000000000000')).toBe(false);
  });

  it('lets the administrator open every screen Beheer lists, and no one else the admin screens', () => {
    for (const screen of ADMIN_SCREENS)
      expect({ path: screen.path, may: mayOpen('admin', screen.path) }).toEqual({
        path: screen.path,
        may: true,
      });
    for (const role of ['coordinator', 'programme_lead', 'auditor'])
      expect(mayOpen(role, '/beheer/doelstellingen')).toBe(false);
  });
});
