import { useTranslation } from 'react-i18next';

interface Props {
  /** Fetch the server's version and show it (the user's changes are discarded). */
  onReload: () => void;
  /** Fetch the server's version and send the user's changes again on top of it. */
  onReapply?: () => void;
  pending?: boolean;
}

/** The 412 "someone else changed it" alert, with reload and (when possible) re-apply. */
export function StaleAlert({ onReload, onReapply, pending }: Props) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="alert alert--warning">
      <p className="alert__title">{t('stale.title')}</p>
      <p>{t('stale.text')}</p>
      <div className="form__actions">
        <button type="button" className="button" onClick={onReload} disabled={pending}>
          {onReapply ? t('stale.reload') : t('stale.reloadOnly')}
        </button>
        {onReapply ? (
          <button type="button" className="button button--primary" onClick={onReapply} disabled={pending}>
            {t('stale.reapply')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
