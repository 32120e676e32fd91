// The casework feature's public surface (timeline, quick actions, duplicate warnings).
export { TimelinePanel } from './components/TimelinePanel';
export { QuickActions, type QuickAction } from './components/QuickActions';
export { ContactForm } from './components/ContactForm';
export { RelapseForm } from './components/RelapseForm';
export { ReferralForm } from './components/ReferralForm';
export { DuplicateWarning } from './components/DuplicateWarning';
export { useDuplicateCheck, useProgrammes, useTimeline, useInvalidateParticipantRecords } from './casework-api';
export { ContactsPanel } from './components/ContactsPanel';
