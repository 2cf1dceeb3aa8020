import { randomUUID } from 'node:crypto';
import { exchange, is2xx, type Exchange } from './http';

/** A command sent with its own Idempotency-Key, so that its events can be found in the log by that key. */
export interface SentCommand extends Exchange {
  key: string;
  requestBody: unknown;
  ifMatch?: number;
}

export type CommandFate = 'answered_2xx' | 'answered_error' | 'no_answer';

export const fateOf = (c: Exchange): CommandFate =>
  c.status === undefined ? 'no_answer' : is2xx(c) ? 'answered_2xx' : 'answered_error';

/**
 * Every command a drill sends, each with a fresh Idempotency-Key (stored by the API in the metadata of the events
 * it writes), and what was answered.
 */
export class CommandLedger {
  readonly sent: SentCommand[] = [];

  constructor(private readonly keyPrefix: string) {}

  async send(
    baseUrl: string,
    token: string,
    path: string,
    body: unknown,
    options: { ifMatch?: number } = {},
  ): Promise<SentCommand> {
    const key = `${this.keyPrefix}-${randomUUID()}`;
    const command = await this.resend(baseUrl, token, { key, path, requestBody: body, ifMatch: options.ifMatch });
    this.sent.push(command);
    return command;
  }

  /** Sends a command again with the same key, body and If-Match; returns the new exchange (not recorded). */
  async resend(
    baseUrl: string,
    token: string,
    command: Pick<SentCommand, 'key' | 'path' | 'requestBody' | 'ifMatch'>,
  ): Promise<SentCommand> {
    const headers: Record<string, string> = { 'idempotency-key': command.key };
    if (command.ifMatch !== undefined) headers['if-match'] = `"${command.ifMatch}"`;
    const result = await exchange(baseUrl, 'POST', command.path, { token, body: command.requestBody, headers });
    return { ...result, key: command.key, requestBody: command.requestBody, ifMatch: command.ifMatch };
  }

  withFate(fate: CommandFate): SentCommand[] {
    return this.sent.filter((c) => fateOf(c) === fate);
  }
}
