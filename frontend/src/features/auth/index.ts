// The auth feature's public surface; other features and the app import only from here.
export { RequireAuth } from './RequireAuth';
export { useLogout } from './auth-api';
export { canListStaff, canMakeRegisterExtract, canManageHousing, canRecordCasework, canWriteParticipants, canWriteWork, canWriteEmployers, useSession, useStaff } from './session-hooks';
