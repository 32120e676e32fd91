import { PlanHistory } from './components/PlanHistory';

/** The participant page's tab: the plan and its version history. */
export function ParticipantPlansPanel({ participantId }: { participantId: string }) {
  return <PlanHistory participantId={participantId} />;
}
