import { slugOf } from './slug';

describe("a municipality's code", () => {
  it('is its name in lowercase with dashes, as DOMAIN.md writes them', () => {
    expect(slugOf('Bergen op Zoom')).toBe('bergen-op-zoom');
    expect(slugOf('Gilze en Rijen')).toBe('gilze-en-rijen');
    expect(slugOf('Alphen-Chaam')).toBe('alphen-chaam');
    expect(slugOf(' Súdwest-Fryslân ')).toBe('sudwest-fryslan');
  });
});
