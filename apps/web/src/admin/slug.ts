/** DOMAIN.md: a municipality's id is its name in lowercase, spaces as `-` (`bergen-op-zoom`); accents are dropped. */
export const slugOf = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
