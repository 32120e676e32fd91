// The referrals feature's public surface: referral intake, referral → enrolment, mapping.
export { ParticipantReferralsPanel } from './components/ParticipantReferralsPanel';
export { useEnrolments } from './referrals-api';
