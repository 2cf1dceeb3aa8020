import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Sealer, SealRefused, type Database, type Seal } from '@baken/event-store';
import { DATABASE, forbidden, notFound, ProblemError } from '@baken/platform';
import type { Actor } from '../actor';
import { authorizeAudit } from '../policy';
import { SecurityEvents } from '../security-events';
import { CurrentActor } from './auth.guard';

class SealResponse {
  @ApiProperty({ example: 'seal-000042' }) sealId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'The highest global position of the event log it covers', example: '1234' })
  globalPosition!: string;
  @ApiProperty({ description: 'Merkle root (SHA-256, hex) over every stream head' }) root!: string;
}

class LatestSealResponse extends SealResponse {
  @ApiProperty() seq!: number;
  @ApiProperty({ description: 'Streams covered' }) streams!: number;
  @ApiProperty({ nullable: true, type: String, description: "SHA-256 of the previous seal's line in the seal log" })
  previous!: string | null;
  @ApiProperty({ description: 'Which Ed25519 key signed it' }) keyId!: string;
  @ApiProperty({ description: 'Ed25519 signature (base64)' }) signature!: string;
  @ApiProperty({ description: 'The Ed25519 public key that verifies it (PEM)' }) publicKey!: string;
}

/**
 * Seals of the event log (API.md v2): a signed Merkle root over every stream's head, kept outside the database.
 * Auditors and administrators; no case content is shown.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('audit/seals')
export class SealsController {
  constructor(
    private readonly sealer: Sealer,
    @Inject(DATABASE) private readonly db: Database,
    private readonly events: SecurityEvents,
  ) {}

  /** Seals the log now. 409 when a sealed stream no longer matches its seal (it is then not sealed again). */
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: SealResponse })
  @ApiConflictResponse({ description: 'The log no longer matches the latest seal' })
  async seal(@CurrentActor() actor: Actor): Promise<SealResponse> {
    this.authorize(actor);
    try {
      const seal = await this.sealer.seal(this.db);
      this.events.record('log_sealed', { username: actor.username, role: actor.role, sealId: seal.sealId });
      return summary(seal);
    } catch (error) {
      if (!(error instanceof SealRefused)) throw error;
      this.events.record('seal_refused', {
        username: actor.username,
        role: actor.role,
        streams: error.findings.length,
      });
      throw new ProblemError(409, 'Log changed since the latest seal', error.message, '/problems/seal-mismatch', {
        streams: error.findings.map((f) => ({ streamId: f.streamId, ...f.check })),
      });
    }
  }

  /** The latest seal, with what is needed to check its signature elsewhere. 404 before the first seal. */
  @Get('latest')
  @ApiOkResponse({ type: LatestSealResponse })
  @ApiNotFoundResponse({ description: 'Nothing has been sealed yet' })
  latest(@CurrentActor() actor: Actor): LatestSealResponse {
    this.authorize(actor);
    const { latest } = this.sealer.read();
    if (!latest) throw notFound('A seal');
    const { changes: _changes, ...rest } = latest;
    return { ...rest, publicKey: this.sealer.publicKeyPem() };
  }

  private authorize(actor: Actor): void {
    if (authorizeAudit(actor, 'seal_log') === 'allow') return;
    this.events.record('access_refused', { username: actor.username, role: actor.role, action: 'seal_log' });
    throw forbidden(`Your role (${actor.role}) may not seal the event log; auditors and administrators may.`);
  }
}

function summary(seal: Seal): SealResponse {
  return { sealId: seal.sealId, at: seal.at, globalPosition: seal.globalPosition, root: seal.root };
}
