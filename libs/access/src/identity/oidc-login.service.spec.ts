import { safeReturnPath } from './oidc-login.service';
import { csrfTokenMatches } from './session.store';

describe('safeReturnPath', () => {
  it.each(['/', '/cases', '/cases/0b8d?tab=history#top', '/zoeken?q=a%20b'])(
    'keeps the path %s of this site',
    (path) => {
      expect(safeReturnPath(path)).toBe(path);
    },
  );

  it.each<[string, unknown]>([
    ['another site', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/cases'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a relative path', 'cases'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['whitespace', '/cases\n/evil'],
    ['no value', undefined],
    ['a repeated parameter', ['/a', '/b']],
  ])('sends %s to the start page instead', (_, value) => {
    expect(safeReturnPath(value)).toBe('/');
  });
});

describe('csrfTokenMatches', () => {
  it('accepts only the same token', () => {
    expect(csrfTokenMatches('abc', 'abc')).toBe(true);
    expect(csrfTokenMatches('abd', 'abc')).toBe(false);
    expect(csrfTokenMatches('ab', 'abc')).toBe(false);
    expect(csrfTokenMatches(undefined, 'abc')).toBe(false);
    expect(csrfTokenMatches(['abc'], 'abc')).toBe(false);
  });
});
