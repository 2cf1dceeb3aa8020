import type { Sql } from '@baken/event-store';
import { openPersonalData, redactName, SubjectKeyStore } from '@baken/privacy';
import type { OpenCase } from '../../domain';
import { restatedTexts } from '../../infrastructure/narrative';
import { caseCommand } from '../shared/case-command';

/** How free text reads without the subject's name: the name and its parts replaced by the pseudonym. */
async function redaction(keys: SubjectKeyStore, tx: Sql, state: OpenCase | null, subjectId: string) {
  const subject = state?.subjects.find((s) => s.subjectId === subjectId);
  const key = subject?.personalData ? (await keys.load(tx, [subjectId])).get(subjectId) : undefined;
  const name = key && subject?.personalData ? openPersonalData(key, subjectId, subject.personalData).name : undefined;
  return (text: string) => (name && subject ? redactName(text, name, subject.pseudonym) : text);
}

/**
 * Erasure of a subject: its personal data by destroying its key (crypto-shredding), and its name from every free text
 * of the case and from the reasons given for reading it; the case's idempotency records (request hashes) are deleted. The texts are restated with the name replaced by the
 * subject's pseudonym (`NarrativeRedacted`) under a new generation of the case's narrative key, and the older
 * generations are destroyed: the texts as they were, name included, can no longer be read anywhere. One transaction.
 */
export const eraseSubjectPersonalData = caseCommand({
  type: 'EraseSubjectPersonalData',
  route: 'DELETE cases/:caseId/subjects/:subjectId/personal-data',
  summary: "Erases a subject's personal data everywhere, its name from the case's texts too. Irreversible.",
  rotateNarrativeKey: true,
  async fields({ params: { subjectId } }, { state, tx }, { keys, narrative }) {
    const subject = state?.subjects.find((s) => s.subjectId === subjectId);
    // Without the case or the subject, or a subject erased before, the rules refuse: nothing is restated.
    if (!state || !subject || subject.erased) return { subjectId };
    const redact = await redaction(keys, tx, state, subjectId);
    return { subjectId, restated: restatedTexts(await narrative.readEvents(tx, state.caseId), redact) };
  },
  afterAppend:
    ({ params: { subjectId } }, { keys, accessLog, nameIndex }) =>
    async (tx, _events, before) => {
      // Before the subject's key goes: the reasons are restated with its name, then the key is destroyed.
      if (before) await accessLog.restateReasons(tx, before.caseId, await redaction(keys, tx, before, subjectId));
      await keys.erase(tx, subjectId);
      // Nor can the blind index of the name confirm it any more.
      await nameIndex.forget(tx, subjectId);
      // The hashes of the case's requests kept for idempotent repeats could confirm a guessed name: they go too.
      if (before) await tx.query(`DELETE FROM idempotency_keys WHERE response->>'caseId' = $1`, [before.caseId]);
    },
});
