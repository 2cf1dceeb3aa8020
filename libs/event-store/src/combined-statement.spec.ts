import { combineStatements } from './combined-statement';

describe('combineStatements', () => {
  it('makes each earlier write a CTE of the last, renumbering the parameters in order', () => {
    const combined = combineStatements(
      [
        { text: 'INSERT INTO a (x, y) VALUES ($1, $2)', params: ['a1', 'a2'] },
        { text: 'UPDATE b SET x = $1 WHERE id = $2 OR id = $10', params: ['b1', 'b2', 3, 4, 5, 6, 7, 8, 9, 'b10'] },
      ],
      { text: 'INSERT INTO c (x) VALUES ($1::int)', params: [42] },
    );
    expect(combined.text).toBe(
      'WITH write_1 AS (\nINSERT INTO a (x, y) VALUES ($1, $2)\n),\nwrite_2 AS (\nUPDATE b SET x = $3 WHERE id = $4 OR id = $12\n)\nINSERT INTO c (x) VALUES ($13::int)',
    );
    expect(combined.params).toEqual(['a1', 'a2', 'b1', 'b2', 3, 4, 5, 6, 7, 8, 9, 'b10', 42]);
  });

  it('renumbers the same text anew at every position it takes', () => {
    const insert = 'INSERT INTO a (x) VALUES ($1)';
    const last = { text: 'SELECT $1::int', params: [0] };
    expect(combineStatements([{ text: insert, params: [1] }], last).text).toBe(
      'WITH write_1 AS (\nINSERT INTO a (x) VALUES ($1)\n)\nSELECT $2::int',
    );
    expect(
      combineStatements(
        [
          { text: 'INSERT INTO b (x) VALUES ($1)', params: [1] },
          { text: insert, params: [2] },
        ],
        last,
      ).text,
    ).toBe(
      'WITH write_1 AS (\nINSERT INTO b (x) VALUES ($1)\n),\nwrite_2 AS (\nINSERT INTO a (x) VALUES ($2)\n)\nSELECT $3::int',
    );
  });

  it('leaves a lone statement as it is', () => {
    const last = { text: 'INSERT INTO c (x) VALUES ($1)', params: [1] };
    expect(combineStatements([], last)).toBe(last);
  });

  it('refuses a write with its own WITH clause, which PostgreSQL cannot nest', () => {
    expect(() =>
      combineStatements([{ text: ' with x AS (SELECT 1) INSERT INTO a SELECT * FROM x', params: [] }], {
        text: 'SELECT 1',
        params: [],
      }),
    ).toThrow(/own WITH/);
  });

  it("puts the writes before the last statement's own CTEs, so that it may have some", () => {
    const combined = combineStatements([{ text: 'INSERT INTO a (x) VALUES ($1)', params: ['a'] }], {
      text: 'WITH fresh AS (SELECT $1::int AS n)\nINSERT INTO c (x) SELECT n FROM fresh WHERE $2::bool',
      params: [7, true],
    });
    expect(combined.text).toBe(
      'WITH write_1 AS (\nINSERT INTO a (x) VALUES ($1)\n),\nfresh AS (SELECT $2::int AS n)\nINSERT INTO c (x) SELECT n FROM fresh WHERE $3::bool',
    );
    expect(combined.params).toEqual(['a', 7, true]);
  });
});
