/** An error that is answered as RFC 9457 problem details. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly type = 'about:blank',
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  /** Fastify's name for the status: error handlers of plugins (the queue board) answer with it instead of 500. */
  get statusCode(): number {
    return this.status;
  }
}

export interface FieldError {
  field: string;
  message: string;
}

export class ValidationProblem extends ProblemError {
  constructor(
    readonly errors: FieldError[],
    detail = 'The request has invalid fields; see errors.',
  ) {
    super(400, 'Invalid request', detail, '/problems/validation', { errors });
  }
}

export const notFound = (what = 'The resource') =>
  new ProblemError(404, 'Not found', `${what} does not exist or is outside your scope.`);
export const forbidden = (detail: string) => new ProblemError(403, 'Forbidden', detail, '/problems/forbidden');
export const preconditionFailed = (current: number) =>
  new ProblemError(
    412,
    'Precondition failed',
    `The case has moved on to version ${current}; reload it and try again.`,
    '/problems/version-mismatch',
    { currentVersion: current },
  );
