import { caseCommand } from '../shared/case-command';
import { SubjectRequest } from '../shared/subject.request.dto';

export const addSubject = caseCommand({
  type: 'AddSubject',
  route: 'POST cases/:caseId/subjects',
  summary: "Adds a person involved; personal fields are encrypted with the subject's own key.",
  body: SubjectRequest,
  creates: 'subjectId',
  fields: ({ body, created }, { tx }, { sealer }) => sealer.seal(tx, created!, body.role, body),
});
