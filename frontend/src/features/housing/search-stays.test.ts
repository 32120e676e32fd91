import { describe, expect, it } from 'vitest';
import { canEndStay, canRecordSearchAndStays, closeCaseError, endStayError, stayFormError, stayInput, stayState, stayToValues, stayUpdate } from './search-stays';

describe('temporary stays', () => {
  const today = '2026-11-26';
  it('is ongoing until the day of leaving has come, upcoming before the first night', () => {
    expect(stayState({ from_date: '2026-11-01', to_date: null }, today)).toBe('ongoing');
    expect(stayState({ from_date: '2026-11-01', to_date: '2026-12-01' }, today)).toBe('ongoing');
    expect(stayState({ from_date: '2026-11-01', to_date: '2026-11-26' }, today)).toBe('ended');
    expect(stayState({ from_date: '2026-12-01', to_date: null }, today)).toBe('upcoming');
  });
  it('can be ended only while no day of leaving is recorded', () => {
    expect(canEndStay({ to_date: null })).toBe(true);
    expect(canEndStay({ to_date: '2026-11-20' })).toBe(false);
  });
  it('checks the form before sending and builds the request', () => {
    const v = { kind: 'hotel' as const, fromDate: '2026-11-01', toDate: '', costPerNight: ' 650 ', provider: '  ' };
    expect(stayFormError(v)).toBeNull();
    expect(stayFormError({ ...v, fromDate: '' })).toBe('from');
    expect(stayFormError({ ...v, costPerNight: '-5' })).toBe('cost');
    expect(stayFormError({ ...v, costPerNight: '12.5' })).toBe('cost');
    expect(stayFormError({ ...v, toDate: '2026-10-31' })).toBe('toBeforeFrom');
    expect(stayInput('p1', v)).toEqual({ participant_id: 'p1', kind: 'hotel', from_date: '2026-11-01', to_date: null, cost_per_night: 650, provider: null });
    expect(endStayError('2026-11-01', '')).toBe('required');
    expect(endStayError('2026-11-01', '2026-10-01')).toBe('beforeFrom');
    expect(endStayError('2026-11-01', '2026-11-01')).toBeNull();
  });
});

describe('housing search cases', () => {
  it('closes with an outcome dated between the opening and today', () => {
    expect(closeCaseError('2026-05-01', '', '2026-11-26')).toBe('required');
    expect(closeCaseError('2026-05-01', '2026-04-30', '2026-11-26')).toBe('beforeOpened');
    expect(closeCaseError('2026-05-01', '2026-11-27', '2026-11-26')).toBe('future');
    expect(closeCaseError('2026-05-01', '2026-05-01', '2026-11-26')).toBeNull();
  });
  it('is written by caseworkers, housing coordinators and managers', () => {
    expect(canRecordSearchAndStays('caseworker')).toBe(true);
    expect(canRecordSearchAndStays('housing_coordinator')).toBe(true);
    expect(canRecordSearchAndStays('manager')).toBe(true);
    expect(canRecordSearchAndStays('housing_support')).toBe(false);
    expect(canRecordSearchAndStays('read_only')).toBe(false);
  });
});

describe('correcting a stay', () => {
  it('turns a stay into form values and back into the update body', () => {
    const v = stayToValues({ kind: 'hotel', from_date: '2026-11-01', to_date: null, cost_per_night: 650, provider: null });
    expect(v).toEqual({ kind: 'hotel', fromDate: '2026-11-01', toDate: '', costPerNight: '650', provider: '' });
    expect(stayUpdate({ ...v, toDate: '2026-11-05', provider: ' Hotell Exempel ' })).toEqual({
      kind: 'hotel',
      from_date: '2026-11-01',
      to_date: '2026-11-05',
      cost_per_night: 650,
      provider: 'Hotell Exempel',
    });
  });
});
