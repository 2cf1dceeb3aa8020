import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeCase } from '@baken/access';
import { ValidationProblem } from '@baken/platform';
import { CaseCommandMessage, CaseCommandRunner, type CommandMeta } from '../../infrastructure/case-command-runner';
import { ReferenceData } from '../../infrastructure/reference-data.service';
import { SubjectSealer } from '../../infrastructure/subject-sealer';
import type { RegisterSignalRequest } from './register-signal.request.dto';

export class RegisterSignal extends CaseCommandMessage {
  constructor(readonly body: RegisterSignalRequest, meta: CommandMeta) {
    super(randomUUID(), meta);
  }
}

@CommandHandler(RegisterSignal)
export class RegisterSignalHandler implements ICommandHandler<RegisterSignal> {
  constructor(private readonly runner: CaseCommandRunner, private readonly reference: ReferenceData, private readonly sealer: SubjectSealer) {}

  async execute({ caseId, body, meta }: RegisterSignal) {
    const municipalities = await this.reference.municipalitiesOf(body.district);
    if (!municipalities) throw new ValidationProblem([{ field: 'district', message: `is not a known district (${(await this.reference.districtIds()).join(', ')})` }]);
    if (!(await this.reference.municipalityExists(body.municipality))) throw new ValidationProblem([{ field: 'municipality', message: 'is not a known municipality' }]);
    const resource = { district: body.district, municipality: body.municipality, registeredBy: meta.actor.username, careTableParticipants: [], interventionLeads: [] };
    return this.runner.run(caseId, meta, 'RegisterSignal', async ({ tx, today, writeWithReadModels }) => {
      const { records, keyInsert } = this.sealer.sealWithoutStoring((body.subjects ?? []).map((s) => ({ subjectId: randomUUID(), role: s.role, personal: s })));
      // The subjects' keys commit with the events that hold their sealed data, in the read models' statement.
      if (keyInsert) writeWithReadModels(keyInsert);
      return {
        type: 'RegisterSignal',
        actor: meta.actor.username,
        today,
        caseId,
        reference: await this.reference.nextCaseReference(tx, today),
        district: body.district,
        municipality: body.municipality,
        districtMunicipalities: municipalities,
        receivedOn: body.receivedOn,
        source: { type: body.source.type, ...(body.source.organisation ? { organisation: body.source.organisation } : {}) },
        forms: body.forms,
        vulnerabilities: body.vulnerabilities ?? [],
        summary: body.summary,
        subjects: records,
      };
    }, { newCase: true, authorize: (state) => (state ? 'deny' : authorizeCase(meta.actor, 'RegisterSignal', resource)) });
  }
}
