// The action-plans feature's public surface.
export { useCreatePlan, useParticipantPlans } from './plans-api';
