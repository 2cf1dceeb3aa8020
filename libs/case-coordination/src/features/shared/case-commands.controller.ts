import { Body, Controller, Delete, HttpCode, Param, Post, Put, Res, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { ExecuteCaseCommand, locationOf, type CaseCommandDefinition } from './case-command';
import { answer, CommandMetaOf, uuidParam } from './command-http';
import { CommandOutcomeResponse } from './command-outcome.response';

const METHODS = { POST: Post, PUT: Put, DELETE: Delete };

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * One controller with a route per declared command. Each route reads its path ids (UUIDs), its body (validated by the
 * global pipe against the declared DTO), and the command's metadata, and sends {@link ExecuteCaseCommand} on the bus.
 * The decorators are the ones a hand-written controller would carry, so validation and the OpenAPI document see the
 * same routes, parameters and schemas.
 */
export function caseCommandsController(definitions: readonly CaseCommandDefinition[]): Type<unknown> {
  @ApiTags('commands')
  @ApiBearerAuth()
  @Controller()
  class CaseCommandsController {
    constructor(readonly commands: CommandBus) {}
  }
  for (const definition of definitions) addRoute(CaseCommandsController.prototype, definition);
  return CaseCommandsController;
}

function addRoute(prototype: object, definition: CaseCommandDefinition): void {
  const [method, path] = definition.route.split(' ') as [keyof typeof METHODS, string];
  const pathParams = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const name = definition.operation ?? lowerFirst(definition.type);
  const bodyIndex = definition.body ? pathParams.length : -1;
  const metaIndex = pathParams.length + (definition.body ? 1 : 0);

  async function route(this: { commands: CommandBus }, ...args: unknown[]) {
    const params = Object.fromEntries(pathParams.map((param, i) => [param, args[i] as string]));
    const body = (bodyIndex >= 0 ? args[bodyIndex] : {}) as object;
    const meta = args[metaIndex] as CommandMeta;
    const reply = args[metaIndex + 1] as FastifyReply;
    const outcome = await this.commands.execute(new ExecuteCaseCommand(definition, { body, params, meta }));
    return answer(reply, outcome, locationOf(definition, params, outcome));
  }
  // The OpenAPI explorer looks the method's metadata up by the function's own name.
  Object.defineProperty(route, 'name', { value: name });
  Object.defineProperty(prototype, name, { value: route, writable: true, configurable: true, enumerable: false });

  pathParams.forEach((param, i) => Param(param, uuidParam(param))(prototype, name, i));
  if (definition.body) Body()(prototype, name, bodyIndex);
  CommandMetaOf()(prototype, name, metaIndex);
  Res({ passthrough: true })(prototype, name, metaIndex + 1);
  Reflect.defineMetadata(
    'design:paramtypes',
    [...pathParams.map(() => String), ...(definition.body ? [definition.body] : []), Object, Object],
    prototype,
    name,
  );

  const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
  const decorated = Reflect.decorate(
    [
      METHODS[method](path),
      HttpCode(definition.creates ? 201 : 200),
      definition.creates
        ? ApiCreatedResponse({ type: CommandOutcomeResponse })
        : ApiOkResponse({ type: CommandOutcomeResponse }),
      ApiOperation({ summary: definition.summary, operationId: name }),
    ],
    prototype,
    name,
    descriptor,
  ) as PropertyDescriptor | undefined;
  Object.defineProperty(prototype, name, decorated ?? descriptor);
}
