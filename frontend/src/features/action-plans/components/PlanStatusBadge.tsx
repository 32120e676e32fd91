import { useTranslation } from 'react-i18next';
import type { Schema } from '../../../api/types';

const TONE = { draft: 'warning', active: 'active', reviewed: 'closed' } as const;

export function PlanStatusBadge({ status }: { status: Schema<'PlanStatus'> }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${TONE[status]}`}>{t(`plans.status.${status}`)}</span>;
}
