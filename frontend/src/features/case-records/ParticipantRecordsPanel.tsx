import { useState } from 'react';
import type { Participant } from '../../api/types';
import { SuccessMessage } from '../../components/Status';
import { canRecordCasework, canWriteParticipants, useStaff } from '../auth';
import { AsiSection } from './components/AsiSection';
import { AssignmentsSection } from './components/AssignmentsSection';
import { ConsentsSection } from './components/ConsentsSection';
import { HousingSearchSection } from './components/HousingSearchSection';

/** The participant page's "case records" tab: assignments, consents, ASI, housing search and temporary stays. */
export function ParticipantRecordsPanel({ participant }: { participant: Participant }) {
  const staff = useStaff();
  const [notice, setNotice] = useState<string | null>(null);
  const active = participant.status === 'active';
  const writer = active && canWriteParticipants(staff.role);
  return (
    <div>
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      <div className="summary">
        <AssignmentsSection participantId={participant.id} writer={writer} onNotice={setNotice} />
        <ConsentsSection participantId={participant.id} writer={writer} onNotice={setNotice} />
      </div>
      <AsiSection participantId={participant.id} writer={active && canRecordCasework(staff.role)} onNotice={setNotice} />
      <div className="summary">
        <HousingSearchSection participantId={participant.id} />
      </div>
    </div>
  );
}
