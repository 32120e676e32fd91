// The participants feature's public surface for other features.
export { useParticipant, useParticipants } from './participants-api';
export { useParticipantNames, useStaffNames, useUnitNames } from './directory';
export { HOUSING_SITUATIONS, INCOME_SOURCES } from './options';
