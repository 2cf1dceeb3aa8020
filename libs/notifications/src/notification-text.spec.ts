import { INTERVENTION_TYPE, lowerFirst } from '@baken/labels';
import type { NotificationSubject, Recipient } from './domain/notification-rules';
import { notificationText } from './notification-text';

const organisation: Recipient = { kind: 'organisation', organisation: 'municipality:breda' };
const person: Recipient = { kind: 'user', username: 'partner.opvang', organisation: null };
const text = (subject: NotificationSubject, recipient: Recipient = organisation) =>
  notificationText(subject, recipient, 'ZWB-2026-00012');

describe('the Dutch text of a notification', () => {
  it('says which work is late on which case and by when', () => {
    expect(text({ kind: 'deadline_missed', deadlineKind: 'triage', dueOn: '2026-12-04' })).toBe(
      'Termijn verstreken: triage van casus ZWB-2026-00012 (uiterlijk 4 december 2026)',
    );
    expect(text({ kind: 'deadline_missed', deadlineKind: 'proposal_decision', dueOn: '2026-04-05' })).toBe(
      'Termijn verstreken: besluit van de stuurploeg over het voorstel van casus ZWB-2026-00012 (uiterlijk 5 april 2026)',
    );
    expect(text({ kind: 'deadline_missed', deadlineKind: 'a_later_kind', dueOn: '2026-04-05' })).toBe(
      'Termijn verstreken: werk van casus ZWB-2026-00012 (uiterlijk 5 april 2026)',
    );
  });

  it('tells an organisation or a person of an action point', () => {
    expect(text({ kind: 'action_point_added', dueOn: '2026-12-15' })).toBe(
      'Actiepunt voor uw organisatie bij casus ZWB-2026-00012, uiterlijk 15 december 2026',
    );
    expect(text({ kind: 'action_point_added', dueOn: '2026-12-15' }, person)).toBe(
      'Actiepunt voor u bij casus ZWB-2026-00012, uiterlijk 15 december 2026',
    );
  });

  it('names the kind of intervention in words, and whether the organisation leads it', () => {
    const inspection = lowerFirst(INTERVENTION_TYPE.labour_inspection);
    const planned = {
      kind: 'intervention_planned' as const,
      interventionType: 'labour_inspection',
      plannedOn: '2026-12-10',
    };
    expect(text({ ...planned, part: 'lead' })).toBe(
      `Interventie onder leiding van uw organisatie bij casus ZWB-2026-00012: ${inspection}, gepland op 10 december 2026`,
    );
    expect(text({ ...planned, part: 'participant' })).toBe(
      `Uw organisatie neemt deel aan een interventie bij casus ZWB-2026-00012: ${inspection}, gepland op 10 december 2026`,
    );
  });

  it.each<[NotificationSubject, string]>([
    [{ kind: 'coordinator_assigned' }, 'Casus ZWB-2026-00012 is aan u toegewezen'],
    [{ kind: 'case_forwarded' }, 'Casus ZWB-2026-00012 is naar uw organisatie doorverwezen'],
    [
      { kind: 'forward_feedback_recorded', feedback: 'accepted' },
      'Doorverwijzing van casus ZWB-2026-00012 is geaccepteerd',
    ],
    [
      { kind: 'forward_feedback_recorded', feedback: 'declined' },
      'Doorverwijzing van casus ZWB-2026-00012 is afgewezen; de casus is terug in triage',
    ],
    [
      { kind: 'proposal_submitted', submittedOn: '2026-11-02' },
      'Voorstel bij casus ZWB-2026-00012 ter besluitvorming voorgelegd aan de stuurploeg (ingediend 2 november 2026)',
    ],
  ])('%j reads "%s"', (subject, expected) => {
    expect(text(subject)).toBe(expected);
  });
});
