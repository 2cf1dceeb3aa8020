import { caseCommand } from '../shared/case-command';
import { SubjectRequest } from '../shared/subject.request.dto';

export const addSubject = caseCommand({
  type: 'AddSubject',
  route: 'POST cases/:caseId/subjects',
  summary: "Adds a person involved; personal fields are encrypted with the subject's own key.",
  body: SubjectRequest,
  creates: 'subjectId',
  fields: ({ body, created, params }, { writeWithReadModels }, { sealer, nameIndex }) => {
    const index = nameIndex.insert([
      { subjectId: created!, caseId: params.caseId, name: body.name, birthDate: body.birthDate },
    ]);
    if (index) writeWithReadModels(index);
    // The key commits with the event that holds the sealed data, in the command's one statement.
    const { records, keyInsert } = sealer.sealWithoutStoring([
      { subjectId: created!, role: body.role, personal: body },
    ]);
    if (keyInsert) writeWithReadModels(keyInsert);
    return records[0];
  },
});
