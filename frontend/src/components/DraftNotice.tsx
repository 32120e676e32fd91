import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format';

/** Tells the user a local draft was restored, with a way to throw it away. */
export function DraftNotice({ savedAt, onDiscard }: { savedAt: number | null | undefined; onDiscard: () => void }) {
  const { t } = useTranslation();
  if (!savedAt) return null;
  return (
    <div role="status" className="alert alert--info">
      <p>{t('draft.restored', { time: formatDateTime(new Date(savedAt).toISOString()) })}</p>
      <button type="button" className="button button--small" onClick={onDiscard}>
        {t('draft.discard')}
      </button>
    </div>
  );
}
