import { appRoutes } from '@bull-board/api/dist/routes.js';
import { requestSchemas } from '@bull-board/api/dist/schemas/requests.js';

/**
 * The endpoints of the running API, read from the OpenAPI document it serves: the drill covers whatever the API
 * declares, so a new endpoint is attacked without anyone adding it here.
 */

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  $ref?: string;
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  /** `POST /api/cases/{caseId}/assign`: names the operation in reports. */
  id: string;
  method: string;
  /** The path template, with `{name}` placeholders. */
  path: string;
  parameters: Parameter[];
  /** The JSON request body's schema, resolved; undefined when the operation takes no body. */
  body?: Schema;
  /** How often the drill picks it, relative to the others. */
  weight: number;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: (Parameter & { $ref?: string })[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Replaces `$ref` and `allOf` by the schemas they name, recursively. */
export function resolveSchema(schema: Schema | undefined, document: OpenApiDocument, seen: string[] = []): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return { type: 'object' };
    const { $ref: _ref, ...rest } = schema;
    return { ...resolveSchema(document.components?.schemas?.[name], document, [...seen, name]), ...rest };
  }
  let out: Schema = { ...schema };
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    out = Object.assign({}, ...allOf.map((s) => resolveSchema(s, document, seen)), rest);
  }
  if (out.items) out.items = resolveSchema(out.items, document, seen);
  if (out.properties) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([k, v]) => [k, resolveSchema(v, document, seen)]),
    );
  }
  return out;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      operations.push({
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in,
          required: p.required ?? p.in === 'path',
          schema: resolveSchema(p.schema, document),
        })),
        body: bodySchema ? resolveSchema(bodySchema, document) : undefined,
        weight: bodySchema ? 30 : 20,
      });
    }
  }
  return operations;
}

/** Routes the API serves beside the ones it documents: the documents themselves and the queue board's page. */
export const UNDOCUMENTED_OPERATIONS: Operation[] = [
  { id: 'GET /api/openapi.json', method: 'GET', path: '/api/openapi.json', parameters: [], weight: 20 },
  { id: 'GET /api/docs', method: 'GET', path: '/api/docs', parameters: [], weight: 20 },
  { id: 'GET /admin/queues', method: 'GET', path: '/admin/queues', parameters: [], weight: 20 },
];

/** A Bull Board request schema (valibot), as far as the generator needs it. */
interface BoardSchema {
  type: string;
  entries?: Record<string, BoardSchema>;
  wrapped?: BoardSchema;
  pipe?: BoardSchema[];
  options?: unknown[];
}

function fromBoardSchema(schema: BoardSchema | undefined): { schema: Schema; optional: boolean } {
  if (!schema) return { schema: { type: 'string' }, optional: true };
  if (schema.pipe?.length && schema.pipe[0] !== schema) return fromBoardSchema(schema.pipe[0]);
  if (['optional', 'nullable', 'nullish'].includes(schema.type))
    return { schema: fromBoardSchema(schema.wrapped).schema, optional: true };
  if (schema.type === 'union' && Array.isArray(schema.options))
    return fromBoardSchema(schema.options[0] as BoardSchema);
  if (schema.type === 'picklist') return { schema: { type: 'string', enum: schema.options }, optional: false };
  if (schema.type === 'number') return { schema: { type: 'integer', minimum: 1 }, optional: false };
  if (schema.type === 'boolean') return { schema: { type: 'boolean' }, optional: false };
  if (schema.entries) {
    const fields = Object.entries(schema.entries).map(([key, value]) => [key, fromBoardSchema(value)] as const);
    return {
      schema: {
        type: 'object',
        properties: Object.fromEntries(fields.map(([key, field]) => [key, field.schema])),
        required: fields.filter(([, field]) => !field.optional).map(([key]) => key),
      },
      optional: false,
    };
  }
  if (schema.type === 'record') return { schema: { type: 'object', properties: {} }, optional: false };
  return { schema: { type: 'string' }, optional: false };
}

/**
 * The queue board's own API (Bull Board, for administrators): a plugin's routes in the same process, not in the
 * OpenAPI document. Enumerated from the route table and request schemas Bull Board itself serves them from.
 */
export function queueBoardOperations(): Operation[] {
  const routes = appRoutes.api as unknown as {
    method: string | string[];
    route: string | string[];
    spec?: { query?: string; body?: string };
  }[];
  const schemas = requestSchemas as unknown as Record<string, BoardSchema>;
  return routes.flatMap((route) =>
    [route.route].flat().flatMap((template) =>
      [route.method].flat().map((method): Operation => {
        const path = `/admin/queues${template.replace(/:(\w+)/g, '{$1}')}`;
        const names = [...template.matchAll(/:(\w+)/g)].map((m) => m[1]);
        const query = route.spec?.query ? fromBoardSchema(schemas[route.spec.query]).schema : undefined;
        return {
          id: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          parameters: [
            ...names.map((name): Parameter => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
            ...Object.entries(query?.properties ?? {}).map(([name, schema]): Parameter => ({
              name,
              in: 'query',
              required: false,
              schema,
            })),
          ],
          body: route.spec?.body ? fromBoardSchema(schemas[route.spec.body]).schema : undefined,
          // Enough requests that each route is also reached signed in as an administrator, past its checks.
          weight: 5,
        };
      }),
    ),
  );
}

export async function fetchOperations(baseUrl: string): Promise<Operation[]> {
  const res = await fetch(`${baseUrl}/api/openapi.json`);
  if (!res.ok) throw new Error(`GET /api/openapi.json answered ${res.status}`);
  return [
    ...operationsOf((await res.json()) as OpenApiDocument),
    ...UNDOCUMENTED_OPERATIONS,
    ...queueBoardOperations(),
  ];
}
