import type { Role } from '../../api/types';

// `Record<Role, true>` makes a role the API adds (or drops) a type error here.
const ROLE_SET: Record<Role, true> = {
  admin: true,
  manager: true,
  caseworker: true,
  work_consultant: true,
  housing_support: true,
  housing_coordinator: true,
  treatment_staff: true,
  read_only: true,
};
export const ROLES = Object.keys(ROLE_SET) as Role[];
