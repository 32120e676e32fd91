import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/Status';
import { paths } from '../../../config/paths';
import { formatDate } from '../../../lib/format';
import { missingSessions } from '../course';
import { useCourseProgress } from '../housing-api';

/** The participant's progress through the housing course (all four sessions), with every session they were registered for. */
export function CourseProgressSection({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const progress = useCourseProgress(participantId);
  const p = progress.data;
  return (
    <Section id="course-progress" title={t('housing.course.progressTitle')}>
      {progress.isPending ? <Loading /> : null}
      {progress.error ? <ProblemAlert error={progress.error} /> : null}
      {p ? (
        <>
          <p>
            {p.completed ? (
              <span className="badge badge--success">{t('housing.course.completed')}</span>
            ) : (
              <span className="badge badge--warning">{t('housing.course.notCompleted', { missing: missingSessions(p).join(', ') })}</span>
            )}
          </p>
          {p.sessions.length === 0 ? <p className="muted">{t('housing.course.noSessions')}</p> : null}
          <ul className="plain-list">
            {p.sessions.map((s) => (
              <li key={s.session_id}>
                <Link to={paths.housingCourseSession.href(s.session_id)}>{s.title}</Link> {formatDate(s.held_on)} –{' '}
                {s.attended ? t('housing.course.attended') : t('housing.course.absent')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}
