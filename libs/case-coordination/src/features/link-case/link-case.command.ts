import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { caseInScope } from '@baken/access';
import { notFound } from '@baken/platform';
import { LINK_REASONS, type LinkReason } from '../../domain';
import { resourceOf } from '../../infrastructure/case-resource';
import { caseCommand } from '../shared/case-command';

export class LinkCaseRequest {
  @ApiProperty({ format: 'uuid', description: 'The other case' }) @IsUUID() caseId!: string;
  @ApiProperty({ enum: LINK_REASONS }) @IsIn(LINK_REASONS) reason!: LinkReason;
}

export const linkCase = caseCommand({
  type: 'LinkCase',
  route: 'POST cases/:caseId/links',
  summary: 'Links the case to another about the same victim, suspect, location or network; both show the link.',
  body: LinkCaseRequest,
  async fields({ body, meta }, { tx }, { readModel }) {
    // The other case must be one the coordinator may see: a link never reveals a case out of scope.
    const other = await readModel.load(tx, body.caseId);
    if (!other || !caseInScope(meta.actor, resourceOf(other.state))) throw notFound('The case to link to');
    return { linkedCaseId: body.caseId, linkedReference: other.state.reference, reason: body.reason };
  },
  afterAppend:
    ({ body, params, meta }) =>
    async (tx) => {
      await tx.query(
        `INSERT INTO case_links (case_id, linked_case_id, reason, linked_by) VALUES ($1, $2, $3, $4), ($2, $1, $3, $4)
         ON CONFLICT DO NOTHING`,
        [params.caseId, body.caseId, body.reason, meta.actor.username],
      );
    },
});
