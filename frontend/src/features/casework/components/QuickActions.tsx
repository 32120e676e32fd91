import { useTranslation } from 'react-i18next';

export type QuickAction = 'contact' | 'relapse' | 'referral';

interface Props {
  open: QuickAction | null;
  onOpen: (action: QuickAction | null) => void;
  onStartPlan?: () => void;
  startingPlan?: boolean;
}

/** The caseworker's most common actions, one click from the participant page. */
export function QuickActions({ open, onOpen, onStartPlan, startingPlan }: Props) {
  const { t } = useTranslation();
  const button = (action: QuickAction, label: string) => (
    <button
      type="button"
      className={`button${open === action ? ' button--primary' : ''}`}
      aria-expanded={open === action}
      onClick={() => onOpen(open === action ? null : action)}
    >
      {label}
    </button>
  );
  return (
    <div role="group" aria-label={t('casework.quick.label')} className="quick-actions">
      {button('contact', t('casework.quick.contact'))}
      {button('relapse', t('casework.quick.relapse'))}
      {button('referral', t('casework.quick.referral'))}
      {onStartPlan ? (
        <button type="button" className="button" onClick={onStartPlan} disabled={startingPlan}>
          {startingPlan ? t('casework.quick.planStarting') : t('casework.quick.plan')}
        </button>
      ) : null}
    </div>
  );
}
