import { Injectable } from '@nestjs/common';
import type { Sql } from '@baken/event-store';
import { hasPersonalData, pseudonymFor, sealPersonalData, SubjectKeyStore, type PersonalData } from '@baken/privacy';
import type { SubjectRecord } from '../domain';
import type { SubjectRole } from '../domain/enumerations';

/** Gives a new subject its id, pseudonym and own key, and encrypts its personal data before it enters any event. */
@Injectable()
export class SubjectSealer {
  constructor(private readonly keys: SubjectKeyStore) {}

  async seal(tx: Sql, subjectId: string, role: SubjectRole, personal: PersonalData): Promise<SubjectRecord> {
    const key = await this.keys.create(tx, subjectId);
    const data: PersonalData = {};
    for (const field of ['name', 'birthDate', 'nationality', 'notes'] as const) if (personal[field]) data[field] = personal[field];
    return {
      subjectId,
      role,
      pseudonym: pseudonymFor(subjectId),
      personalData: hasPersonalData(data) ? sealPersonalData(key, subjectId, data) : null,
    };
  }
}
