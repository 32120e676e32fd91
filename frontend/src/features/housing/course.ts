import type { Role, Schema } from '../../api/types';

/** Sessions and attendance are recorded by housing coordinators, housing support and managers. */
export function canRunCourse(role: Role): boolean {
  return role === 'manager' || role === 'housing_coordinator' || role === 'housing_support';
}

export type AttendanceRow = { participant_id: string; name: string; attended: boolean };

/**
 * The attendance list being edited: the session's rows (those the user may see) plus participants
 * added here; adding someone already listed changes nothing.
 */
export function addToAttendance(rows: AttendanceRow[], participantId: string, name: string): AttendanceRow[] {
  if (!participantId || rows.some((r) => r.participant_id === participantId)) return rows;
  return [...rows, { participant_id: participantId, name, attended: true }];
}

/** The session's attendance as editable rows (protected identities the user may not see are left out; the server keeps them). */
export function attendanceRows(session: Schema<'CourseSessionView'>): AttendanceRow[] {
  return (session.attendance ?? []).flatMap((a) => (a.participant_id ? [{ participant_id: a.participant_id, name: a.name, attended: a.attended }] : []));
}

/** The PUT body: every row, as attended or not. */
export function attendanceBody(rows: AttendanceRow[]): Schema<'AttendanceList'> {
  return { attendance: rows.map((r) => ({ participant_id: r.participant_id, attended: r.attended })) };
}

/** Which of the four housing-course sessions are still missing. */
export function missingSessions(progress: Schema<'CourseProgressView'>): number[] {
  return [1, 2, 3, 4].filter((n) => !progress.attended_numbers.includes(n));
}

/** The caseload overview is for managers, housing coordinators and housing support (policy::caseload_overview). */
export function canSeeCaseloads(role: Role): boolean {
  return role === 'manager' || role === 'housing_coordinator' || role === 'housing_support';
}
