import type { ApiResponse } from './test-app';

/**
 * Asserts an RFC 9457 problem answer: the status, `application/problem+json`, the four standard members, and for
 * validation problems (400) an `errors` list that names `field` when given.
 */
export function expectProblem(res: ApiResponse, status: number, field?: string): void {
  const context = `${res.status} ${res.text}`;
  expect({ status: res.status, context }).toEqual({ status, context });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
  expect(res.text).not.toMatch(/\bat \S+ \(|node_modules|SELECT |INSERT /);
  if (status === 400) {
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: expect.any(String), message: expect.any(String) })]),
    );
    if (field !== undefined) {
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect({ fields, context }).toEqual({ fields: expect.arrayContaining([field]), context });
    }
  }
}

/** The domain rule named in a 409 answer. */
export function expectConflict(res: ApiResponse, code: string): void {
  expectProblem(res, 409);
  expect(res.body.code ?? res.body.title).toBe(code);
}
