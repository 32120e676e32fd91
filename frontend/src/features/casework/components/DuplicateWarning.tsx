import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schema } from '../../../api/types';
import { paths } from '../../../config/paths';

interface Props {
  matches: readonly Schema<'DuplicateMatch'>[];
  /** After registering (the record exists) rather than while typing. */
  afterCreate?: boolean;
  /** Hide this id (the participant itself). */
  selfId?: string;
}

/** Possible duplicates, each with why it matched and a link when the user may see it. */
export function DuplicateWarning({ matches, afterCreate, selfId }: Props) {
  const { t } = useTranslation();
  const shown = matches.filter((m) => m.id !== selfId);
  if (!shown.length) return null;
  return (
    <div role={afterCreate ? 'alert' : 'status'} className="alert alert--warning">
      <p className="alert__title">{t('casework.duplicates.title')}</p>
      <p>{afterCreate ? t('casework.duplicates.createdText') : t('casework.duplicates.text')}</p>
      <ul>
        {shown.map((m) => (
          <li key={m.id}>
            {t(`casework.duplicates.${m.likeness}`)}
            {': '}
            {m.visible ? (
              <Link to={paths.participant.href(m.id)} target={afterCreate ? undefined : '_blank'}>
                {t('casework.duplicates.open')}
                {afterCreate ? null : <span className="visually-hidden"> {t('casework.duplicates.newTab')}</span>}
              </Link>
            ) : (
              <span>{t('casework.duplicates.hidden')}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
