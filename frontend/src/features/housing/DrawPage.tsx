import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDateTime } from '../../lib/format';
import { useParticipantNames, useStaffNames } from '../participants';
import { HousingNav } from './components/HousingNav';
import { useDraw } from './housing-api';

export function DrawPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const draw = useDraw(id);
  const names = useParticipantNames();
  const staff = useStaffNames();
  const d = draw.data;
  return (
    <section>
      <PageHeading documentTitle={t('housing.draw.title')}>{d ? t('housing.draw.result', { date: formatDateTime(d.drawn_at) }) : t('housing.draw.title')}</PageHeading>
      <HousingNav />
      {draw.isPending ? <Loading /> : null}
      {draw.error ? <ProblemAlert error={draw.error} /> : null}
      {d ? (
        <>
          <ul className="stats">
            <li>
              {t('housing.draw.seedShown')}
              <strong data-testid="draw-seed">{d.seed}</strong>
            </li>
            <li>
              {t('housing.draw.members')}
              <strong>{d.members.length}</strong>
            </li>
            <li>
              {t('housing.draw.eligible')}
              <strong>{d.eligible}</strong>
            </li>
            <li>
              {t('housing.draw.drawnBy')}
              <strong>{staff.name(d.drawn_by)}</strong>
            </li>
          </ul>
          <p className="alert alert--info">{t('housing.draw.reproduce', { seed: d.seed })}</p>
          {d.note ? <p>{d.note}</p> : null}
          <section className="card" aria-labelledby="draw-members">
            <h2 id="draw-members">{t('housing.draw.members')}</h2>
            <ol>
              {[...d.members]
                .sort((a, b) => a.draw_order - b.draw_order)
                .map((m) => (
                  <li key={m.queue_entry_id ?? `protected-${m.draw_order}`}>
                    {m.participant_id ? (
                      <Link to={paths.participant.href(m.participant_id, 'housing')}>
                        {names.get(m.participant_id) ?? t('casework.duplicates.open')}
                      </Link>
                    ) : (
                      // A protected identity the user may not see: counted, never named.
                      <span>{t('participants.protected')}</span>
                    )}
                  </li>
                ))}
            </ol>
          </section>
          <p>
            <Link to={paths.housingQueue.href()}>{t('housing.nav.queue')}</Link>
          </p>
        </>
      ) : null}
    </section>
  );
}
