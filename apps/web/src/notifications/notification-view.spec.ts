import { bellCount, bellLabel, kindLabel, listCaption, notificationTarget } from './notification-view';

describe('the words of the notification screens', () => {
  it('names the bell with the number unread, for screen readers as for everyone', () => {
    expect(bellLabel(3)).toBe('Meldingen (3 ongelezen)');
    expect(bellLabel(1)).toBe('Meldingen (1 ongelezen)');
    expect(bellLabel(0)).toBe('Meldingen');
  });

  it('keeps the badge short', () => {
    expect(bellCount(7)).toBe('7');
    expect(bellCount(120)).toBe('99+');
  });

  it('names every kind the API sends, and a later one as a notification', () => {
    expect(kindLabel('deadline_missed')).toBe('Termijn verstreken');
    expect(kindLabel('action_point_added')).toBe('Actiepunt');
    expect(kindLabel('programme_action_red')).toBe('Actie op rood');
    expect(kindLabel('programme_action_overdue')).toBe('Actie over de termijn');
    expect(kindLabel('something_new')).toBe('Melding');
  });

  it('counts the list in Dutch', () => {
    expect(listCaption(1, 0)).toBe('1 melding');
    expect(listCaption(5, 2)).toBe('5 meldingen, waarvan 2 ongelezen');
    expect(listCaption(20, 12, true)).toBe('De nieuwste 20 meldingen; 12 ongelezen in totaal');
    expect(listCaption(20, 0, true)).toBe('De nieuwste 20 meldingen');
  });

  it('leads to the case, or for an action of the programme to the monitor', () => {
    expect(notificationTarget({ caseId: 'c1', reference: 'ZWB-2026-00001' })).toEqual({
      path: '/casussen/c1',
      text: 'Casus ZWB-2026-00001 openen',
    });
    expect(notificationTarget({ caseId: null, reference: 'A2.1' })).toEqual({
      path: '/programmamonitor',
      text: 'Actie A2.1 in de programmamonitor',
    });
  });
});
