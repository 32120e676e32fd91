import { describe, expect, it } from 'vitest';
import type { Schema } from '../../api/types';
import { addToAttendance, attendanceBody, attendanceRows, canRunCourse, canSeeCaseloads, missingSessions } from './course';

describe('housing course', () => {
  it('lets coordinators, housing support and managers run sessions', () => {
    expect(canRunCourse('housing_support')).toBe(true);
    expect(canRunCourse('housing_coordinator')).toBe(true);
    expect(canRunCourse('manager')).toBe(true);
    expect(canRunCourse('caseworker')).toBe(false);
    expect(canRunCourse('read_only')).toBe(false);
    expect(canSeeCaseloads('housing_coordinator')).toBe(true);
    expect(canSeeCaseloads('caseworker')).toBe(false);
  });

  it('edits attendance without duplicates and leaves protected rows to the server', () => {
    const session = {
      attendance: [
        { participant_id: 'a', name: 'Ada A', attended: true },
        { participant_id: null, name: 'skyddad', attended: true },
      ],
    } as Schema<'CourseSessionView'>;
    const rows = attendanceRows(session);
    expect(rows).toEqual([{ participant_id: 'a', name: 'Ada A', attended: true }]);
    const added = addToAttendance(rows, 'b', 'Bo B');
    expect(addToAttendance(added, 'a', 'Ada A')).toBe(added);
    expect(addToAttendance(added, '', '')).toBe(added);
    expect(attendanceBody(added.map((r) => (r.participant_id === 'a' ? { ...r, attended: false } : r)))).toEqual({
      attendance: [
        { participant_id: 'a', attended: false },
        { participant_id: 'b', attended: true },
      ],
    });
  });

  it('lists the sessions still missing', () => {
    expect(missingSessions({ attended_numbers: [1, 3] } as Schema<'CourseProgressView'>)).toEqual([2, 4]);
  });
});
