import { useTranslation } from 'react-i18next';
import type { Schema } from '../../../api/types';

const TONE: Record<Schema<'ReferralStatus'>, string> = {
  received: 'info',
  first_meeting_booked: 'warning',
  enrolled: 'success',
  declined: 'closed',
  no_show: 'danger',
  withdrawn: 'closed',
};

export function ReferralStatusBadge({ status }: { status: Schema<'ReferralStatus'> }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${TONE[status]}`}>{t(`referrals.status.${status}`)}</span>;
}
