import { Injectable } from '@nestjs/common';
import type { Sql } from '@baken/event-store';
import { hasPersonalData, pseudonymFor, sealPersonalData, SubjectKeyStore, type PersonalData } from '@baken/privacy';
import type { SubjectRecord } from '../domain';
import type { SubjectRole } from '../domain/enumerations';
import type { Statement } from '@baken/event-store';

export interface NewSubject {
  subjectId: string;
  role: SubjectRole;
  personal: PersonalData;
}

/** Gives a new subject its id, pseudonym and own key, and encrypts its personal data before it enters any event. */
@Injectable()
export class SubjectSealer {
  constructor(private readonly keys: SubjectKeyStore) {}

  /** Seals several subjects; their keys are stored in one statement. */
  async sealAll(tx: Sql, subjects: readonly NewSubject[]): Promise<SubjectRecord[]> {
    const { records, keyInsert } = this.sealWithoutStoring(subjects);
    if (keyInsert) await tx.query(keyInsert.text, keyInsert.params);
    return records;
  }

  /**
   * Seals several subjects and hands back the statement that stores their keys, for a command to send with its other
   * writes (see `BuildContext.writeWithReadModels`). The records must not be appended unless that statement commits
   * in the same transaction: their data could never be read.
   */
  sealWithoutStoring(subjects: readonly NewSubject[]): { records: SubjectRecord[]; keyInsert: Statement | null } {
    const { keys, insert } = this.keys.newKeys(subjects.map((s) => s.subjectId));
    const records = subjects.map(({ subjectId, role, personal }, i) => {
      const data: PersonalData = {};
      for (const field of ['name', 'birthDate', 'nationality', 'notes'] as const)
        if (personal[field]) data[field] = personal[field];
      return {
        subjectId,
        role,
        pseudonym: pseudonymFor(subjectId),
        personalData: hasPersonalData(data) ? sealPersonalData(keys[i], subjectId, data) : null,
      };
    });
    return { records, keyInsert: insert };
  }
}
