import type { OidcClaimMapping } from '@baken/platform';
import { actorFromClaims, claimAt, UnusableClaims, useOrganisationClaims } from './claims';

const DEFAULTS: OidcClaimMapping = {
  username: 'preferred_username',
  role: 'baken_role',
  districts: 'baken_districts',
  municipality: 'baken_municipality',
  organisation: 'baken_organisation',
  displayName: 'name',
  roleValues: {},
};

describe('actorFromClaims', () => {
  it('maps the default claims of a coordinator', () => {
    expect(
      actorFromClaims(
        { sub: 'u-1', preferred_username: 'j.jansen', baken_role: 'coordinator', baken_districts: ['de-baronie'] },
        DEFAULTS,
      ),
    ).toEqual({
      username: 'j.jansen',
      role: 'coordinator',
      districts: ['de-baronie'],
      municipality: null,
      organisation: null,
    });
  });

  it('maps an organisation claim value the administrator set to its organisation; other values are ids', () => {
    useOrganisationClaims(new Map([['HAVEN-OPVANG', 'shelter:de-haven']]));
    try {
      const as = (org: string) =>
        actorFromClaims({ preferred_username: 'p', baken_role: 'partner', baken_organisation: org }, DEFAULTS)
          .organisation;
      expect([as('HAVEN-OPVANG'), as('police_avim')]).toEqual(['shelter:de-haven', 'police_avim']);
    } finally {
      useOrganisationClaims(new Map());
    }
  });

  it("maps a partner's organisation and a liaison's municipality", () => {
    expect(
      actorFromClaims({ preferred_username: 'p', baken_role: 'partner', baken_organisation: 'police_avim' }, DEFAULTS),
    ).toMatchObject({ username: 'p', role: 'partner', organisation: 'police_avim', districts: [] });
    expect(
      actorFromClaims(
        { preferred_username: 'l', baken_role: 'liaison', baken_municipality: 'breda', baken_districts: 'de-baronie' },
        DEFAULTS,
      ),
    ).toMatchObject({ role: 'liaison', municipality: 'breda', districts: ['de-baronie'] });
  });

  it('follows a configured mapping: nested role claims, provider role names, other claim names', () => {
    const mapping: OidcClaimMapping = {
      username: 'email',
      role: 'realm_access.roles',
      districts: 'https://baken.example/districts',
      municipality: 'gemeente',
      organisation: 'org',
      displayName: 'given_and_family_name',
      roleValues: { stuurploeg: 'steering_group' },
    };
    const claims = {
      sub: 'x',
      email: 'a@example.org',
      realm_access: { roles: ['offline_access', 'stuurploeg', 'uma_authorization'] },
      'https://baken.example/districts': 'zeeland, de-markiezaten',
    };
    expect(actorFromClaims(claims, mapping)).toEqual({
      username: 'a@example.org',
      role: 'steering_group',
      districts: ['zeeland', 'de-markiezaten'],
      municipality: null,
      organisation: null,
    });
  });

  it("takes the person's display name from the name claim, trimmed", () => {
    expect(
      actorFromClaims(
        { preferred_username: 'a.devries', baken_role: 'coordinator', name: ' Anouk de Vries ' },
        DEFAULTS,
      ).displayName,
    ).toBe('Anouk de Vries');
  });

  it.each<[string, unknown]>([
    ['no name claim', undefined],
    ['an empty name', '  '],
    ['a name that is not text', ['Anouk', 'de Vries']],
    ['a name with a control character', 'Anouk\u0007 de Vries'],
    ['a name over 200 characters', 'A'.repeat(201)],
  ])('signs in without a display name when the token has %s', (_, name) => {
    const actor = actorFromClaims({ preferred_username: 'a', baken_role: 'auditor', name }, DEFAULTS);
    expect(actor.username).toBe('a');
    expect(actor).not.toHaveProperty('displayName');
  });

  it('takes the username from sub by default, a claim the provider never gives to another user', () => {
    expect(
      actorFromClaims(
        { sub: 'subject-7', preferred_username: 'jan', baken_role: 'auditor' },
        { ...DEFAULTS, username: 'sub' },
      ).username,
    ).toBe('subject-7');
  });

  it.each<[string, Record<string, unknown>]>([
    ['no role', { preferred_username: 'a' }],
    ['a role Baken does not know', { preferred_username: 'a', baken_role: 'superuser' }],
    ['the system role, which no person holds', { preferred_username: 'a', baken_role: 'system' }],
    ['two roles', { preferred_username: 'a', baken_role: ['coordinator', 'auditor'] }],
    ['no username claim (no falling back to another claim)', { sub: 'a', baken_role: 'auditor' }],
    ['a username with a control character', { preferred_username: 'a\u0000b', baken_role: 'auditor' }],
    ['a username over 200 characters', { preferred_username: 'a'.repeat(201), baken_role: 'auditor' }],
  ])('refuses a token with %s', (_, claims) => {
    expect(() => actorFromClaims(claims, DEFAULTS)).toThrow(UnusableClaims);
  });
});

describe('claimAt', () => {
  it('prefers an exact claim name over a path', () => {
    expect(claimAt({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
    expect(claimAt({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(claimAt({ a: [1] }, 'a.0')).toBeUndefined();
  });
});
