import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { ValidationProblem, type FieldError } from './problem';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One message per field, written to follow the field name: "is required" for a missing value, "is not a known
 * field" for an unknown one, else the message of the first declared rule that failed (class-validator runs the
 * rules of a property in reverse declaration order, so that is the last constraint reported), without the
 * property name class-validator puts in front.
 */
function describe(error: ValidationError): string | undefined {
  const constraints = error.constraints ?? {};
  const keys = Object.keys(constraints);
  if (keys.length === 0) return undefined;
  if ('whitelistValidation' in constraints) return 'is not a known field';
  if (error.value === undefined || error.value === null) return 'is required';
  const message = constraints[keys[keys.length - 1]];
  const property = escapeRegExp(error.property);
  return message
    .replace(new RegExp(`^each value in ${property} `), 'each value ')
    .replace(new RegExp(`^${property} `), '');
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const message = describe(error);
    if (message) out.push({ field, message });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** NUL and unpaired UTF-16 surrogates: valid in JavaScript and JSON, refused by PostgreSQL text and jsonb. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Fields (dotted paths, as in validation errors) whose strings PostgreSQL cannot store. */
export function findUnstorableStrings(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') {
    return UNSTORABLE.test(value)
      ? [{ field: path || 'body', message: 'contains a NUL character or an unpaired surrogate' }]
      : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  return entries.flatMap(([key, v]) => {
    const field = path ? `${path}.${key}` : key;
    return UNSTORABLE.test(key) ? [{ field, message: 'is not a known field' }] : findUnstorableStrings(v, field);
  });
}

/**
 * Before the usual validation: a body that is not a JSON object (an array, a string, `null`) cannot be a request
 * DTO, and strings the database cannot store are refused here rather than failing in SQL with a 500.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      typeof metadata.metatype === 'function' &&
      value !== undefined &&
      (value === null || typeof value !== 'object' || Array.isArray(value))
    ) {
      throw new ValidationProblem([{ field: 'body', message: 'must be a JSON object' }]);
    }
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const unstorable = findUnstorableStrings(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (unstorable.length) throw new ValidationProblem(unstorable);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Strict validation: unknown fields are rejected, types are converted only where declared. Every invalid field is
 * reported (not only the first), once.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // The value is needed to tell a missing field from an invalid one; it is never sent back.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationProblem(flattenValidationErrors(errors)),
  });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A real calendar date written `YYYY-MM-DD`. */
export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBusinessDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a date written YYYY-MM-DD', ...options },
      validator: { validate: isCalendarDate },
    });
}
