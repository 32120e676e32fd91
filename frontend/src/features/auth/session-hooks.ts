import { useSyncExternalStore } from 'react';
import { session } from '../../api/client';
import type { Me, Role } from '../../api/types';

/** The current session (re-renders on login, renewal, logout and expiry). */
export function useSession() {
  return useSyncExternalStore(session.subscribe, session.current);
}

/** The signed-in staff member; only call below <RequireAuth>. */
export function useStaff(): Me {
  const current = useSession();
  if (!current) throw new Error('useStaff() outside <RequireAuth>');
  return current.staff;
}

const PARTICIPANT_WRITERS: ReadonlySet<Role> = new Set<Role>(['caseworker', 'manager']);

/** Mirrors the server's policy for the UI only (the server decides). */
export function canWriteParticipants(role: Role): boolean {
  return PARTICIPANT_WRITERS.has(role);
}

export function canListStaff(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}

/** Contacts, relapses, referrals, plans: every role but admin and read-only (the server decides). */
export function canRecordCasework(role: Role): boolean {
  return role !== 'admin' && role !== 'read_only';
}

/** Apartments, queue decisions, draws, tenancies (manager and housing coordinator). */
export function canManageHousing(role: Role): boolean {
  return role === 'manager' || role === 'housing_coordinator';
}

/** Activities, internship agreements and employment outcomes (the server decides per participant). */
export function canWriteWork(role: Role): boolean {
  return role === 'caseworker' || role === 'work_consultant' || role === 'manager';
}

/** The employer register is kept by work consultants and managers. */
export function canWriteEmployers(role: Role): boolean {
  return role === 'work_consultant' || role === 'manager';
}

/** Register extracts: administrators, and managers of the participant's unit (policy::register_extract). */
export function canMakeRegisterExtract(staff: Pick<Me, 'role' | 'units'>, unitId: string): boolean {
  return staff.role === 'admin' || (staff.role === 'manager' && staff.units.some((u) => u.id === unitId));
}
