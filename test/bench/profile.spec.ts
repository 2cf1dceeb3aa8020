import { ownerOf } from './profile';

describe('who a sampled function belongs to', () => {
  it('names npm packages, scoped ones with their scope', () => {
    expect(ownerOf('query', 'file:///work/main/node_modules/pg/lib/client.js')).toBe('pg');
    expect(ownerOf('x', 'file:///work/main/node_modules/@nestjs/core/router/router-execution-context.js')).toBe(
      '@nestjs/core',
    );
    expect(ownerOf('x', '/work/main/node_modules/a/node_modules/b/index.js')).toBe('b');
  });

  it("names Baken's own libraries and apps, Node and V8's buckets", () => {
    expect(ownerOf('append', 'file:///work/main/dist/libs/event-store/src/event-store.js')).toBe(
      'baken:libs/event-store',
    );
    expect(ownerOf('main', 'file:///work/main/dist/apps/api/src/main.js')).toBe('baken:apps/api');
    expect(ownerOf('readFile', 'node:fs')).toBe('node');
    expect(ownerOf('(garbage collector)', '')).toBe('(garbage collector)');
    expect(ownerOf('parse', '')).toBe('builtins');
  });
});
