import { useTranslation } from 'react-i18next';

interface Props {
  /** Fetch the server's version and show it (the user's changes are discarded). */
  onReload: () => void;
  /** Fetch the server's version and send the user's changes again on top of it. */
  onReapply?: () => void;
  pending?: boolean;
  /** What someone else changed (field label, before, after), when the caller knows. */
  changes?: { label: string; before: string; after: string }[];
}

/** The 412 "someone else changed it" alert, with reload and (when possible) re-apply. */
export function StaleAlert({ onReload, onReapply, pending, changes }: Props) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="alert alert--warning">
      <p className="alert__title">{t('stale.title')}</p>
      <p>{t('stale.text')}</p>
      {changes && changes.length ? (
        <>
          <p>{t('stale.changes')}</p>
          <ul data-testid="stale-changes">
            {changes.map((c) => (
              <li key={c.label}>
                <strong>{c.label}</strong>: <del>{c.before || t('stale.empty')}</del> → <ins>{c.after || t('stale.empty')}</ins>
              </li>
            ))}
          </ul>
        </>
      ) : null}
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
