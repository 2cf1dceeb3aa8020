import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMeta } from '../../infrastructure/case-command-runner';
import { CommandOutcomeResponse } from '../shared/command-outcome.response';
import { answer, CommandMetaOf } from '../shared/command-http';
import { RegisterSignal } from './register-signal.command';
import { RegisterSignalRequest } from './register-signal.request.dto';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('signals')
export class RegisterSignalController {
  constructor(private readonly commands: CommandBus) {}

  /** Registers a signal; opens a new case in `signal_received`. */
  @Post()
  @ApiCreatedResponse({ type: CommandOutcomeResponse })
  async register(@Body() body: RegisterSignalRequest, @CommandMetaOf() meta: CommandMeta, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.commands.execute(new RegisterSignal(body, meta));
    return answer(reply, outcome, `/api/cases/${outcome.caseId}`);
  }
}
