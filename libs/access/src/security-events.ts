import { Injectable, Logger } from '@nestjs/common';

export type SecurityEvent =
  | 'authentication_succeeded'
  | 'authentication_failed'
  | 'session_ended'
  | 'csrf_token_refused'
  | 'access_refused'
  | 'rate_limited'
  | 'log_sealed'
  | 'seal_refused'
  | 'queue_job_retried'
  | 'webhook_configured'
  | 'webhook_removed'
  | 'webhook_dead_letter_retried';

/** The logger context of security events; the application's logger lets these through at every level. */
export const SECURITY_LOG_CONTEXT = 'Security';

const REFUSALS: ReadonlySet<SecurityEvent> = new Set<SecurityEvent>([
  'authentication_failed',
  'csrf_token_refused',
  'access_refused',
  'rate_limited',
  'seal_refused',
]);

/**
 * Security events (ASVS V16.3): sign-ins that succeed or fail, refused CSRF tokens, refused access to cases, rate
 * limits, jobs an administrator retried on the queue board, administrators' changes to organisations' webhooks. One
 * JSON object per line with a UTC timestamp, so values cannot inject lines; never tokens, session ids, secrets,
 * attempted usernames or case content.
 */
@Injectable()
export class SecurityEvents {
  private readonly logger = new Logger(SECURITY_LOG_CONTEXT);

  record(event: SecurityEvent, fields: Record<string, string | number | boolean | null | undefined> = {}): void {
    const line = JSON.stringify({ event, at: new Date().toISOString(), ...fields });
    if (REFUSALS.has(event)) this.logger.warn(line);
    else this.logger.log(line);
  }
}
