import { caseCommand } from '../shared/case-command';

/** Crypto-shredding: records the erasure and destroys the subject's key in the same transaction. */
export const eraseSubjectPersonalData = caseCommand({
  type: 'EraseSubjectPersonalData',
  route: 'DELETE cases/:caseId/subjects/:subjectId/personal-data',
  summary: "Erases a subject's personal data everywhere by destroying its key. Irreversible.",
  afterAppend:
    ({ params }, { keys }) =>
    (tx) =>
      keys.erase(tx, params.subjectId),
});
