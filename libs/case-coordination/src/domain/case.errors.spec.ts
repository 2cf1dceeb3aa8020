import {
  CaseNotFound,
  CaseStatusForbidsCommand,
  CONFLICT_ERROR_CODES,
  DomainError,
  DuplicateId,
  InterventionNotFound,
  isDomainError,
  NOT_FOUND_ERROR_CODES,
  ProposalAwaitsDecision,
  ProposalNotFound,
  SubjectNotFound,
} from './case.errors';

describe('domain errors', () => {
  it('name the broken rule in code and name', () => {
    const error = new ProposalAwaitsDecision('proposal-1');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainError);
    expect(isDomainError(error)).toBe(true);
    expect(error.code).toBe('ProposalAwaitsDecision');
    expect(error.name).toBe('ProposalAwaitsDecision');
    expect(error.details).toStrictEqual({ proposalId: 'proposal-1' });
  });

  it.each([
    new CaseNotFound(),
    new CaseNotFound('case-1'),
    new ProposalNotFound('p'),
    new InterventionNotFound('i'),
    new SubjectNotFound('s'),
  ])('marks $code as not found', (error) => {
    expect(error.kind).toBe('not_found');
  });

  it('marks every other rule as a conflict', () => {
    expect(new CaseStatusForbidsCommand('CloseCase', 'in_triage', ['at_care_table', 'in_execution']).kind).toBe(
      'conflict',
    );
    expect(new DuplicateId('proposal', 'p').kind).toBe('conflict');
    expect(
      NOT_FOUND_ERROR_CODES.filter((code) => (CONFLICT_ERROR_CODES as readonly string[]).includes(code)),
    ).toStrictEqual([]);
  });

  it('say which command the status forbids, and where it is allowed', () => {
    const error = new CaseStatusForbidsCommand('CloseCase', 'in_triage', ['at_care_table', 'in_execution']);
    expect(error.message).toBe(
      'CloseCase is not allowed while the case is in_triage; it is allowed in: at_care_table, in_execution.',
    );
  });

  it('tell apart other errors', () => {
    expect(isDomainError(new Error('boom'))).toBe(false);
  });
});
