import { caseCommand } from '../shared/case-command';
import { SubjectRequest } from '../shared/subject.request.dto';

export const addSubject = caseCommand({
  type: 'AddSubject',
  route: 'POST cases/:caseId/subjects',
  summary: "Adds a person involved; personal fields are encrypted with the subject's own key.",
  body: SubjectRequest,
  creates: 'subjectId',
  fields: async ({ body, created, params }, { tx, writeWithReadModels }, { sealer, nameIndex }) => {
    const index = nameIndex.insert([
      { subjectId: created!, caseId: params.caseId, name: body.name, birthDate: body.birthDate },
    ]);
    if (index) writeWithReadModels(index);
    return sealer.seal(tx, created!, body.role, body);
  },
});
