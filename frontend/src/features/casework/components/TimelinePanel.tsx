import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Loading } from '../../../components/Status';
import { paths } from '../../../config/paths';
import { formatDate } from '../../../lib/format';
import { useProgrammes, useTimeline } from '../casework-api';
import { eventTarget, groupTimeline, type TimelineEvent } from '../timeline';

const KNOWN_KINDS = new Set([
  'referral_received',
  'referral_first_meeting_booked',
  'referral_enrolled',
  'referral_declined',
  'referral_no_show',
  'referral_withdrawn',
  'enrolment_started',
  'enrolment_ended',
  'contact',
  'relapse',
  'consent_given',
  'consent_withdrawn',
  'asi_interview',
]);

export function TimelinePanel({ participantId }: { participantId: string }) {
  const { t, i18n } = useTranslation();
  const timeline = useTimeline(participantId);
  const programmes = useProgrammes();
  const programmeName = new Map((programmes.data?.items ?? []).map((p) => [p.id, p.name]));
  const monthFormat = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { year: 'numeric', month: 'long' });

  const kindLabel = (e: TimelineEvent) =>
    KNOWN_KINDS.has(e.kind) ? t(`casework.timeline.kind.${e.kind}` as 'casework.timeline.kind.contact') : e.kind;

  const codeLabel = (e: TimelineEvent): string | null => {
    const code = e.code;
    if (!code) return null;
    const tr = (key: string) => t(key as 'casework.timeline.open', { defaultValue: code });
    switch (e.kind) {
      case 'contact':
        return tr(`casework.contact.kinds.${code}`);
      case 'relapse':
        return tr(`casework.substances.${code}`);
      case 'referral_received':
        return tr(`casework.targetGroups.${code}`);
      case 'consent_given':
      case 'consent_withdrawn':
        return tr(`casework.consentParties.${code}`);
      case 'asi_interview':
        return tr(`casework.asiKinds.${code}`);
      case 'enrolment_started':
        return programmeName.get(code) ?? null;
      case 'enrolment_ended':
        return tr(`referrals.endStatuses.${code}`);
      default:
        return code;
    }
  };

  const tagClass = (e: TimelineEvent) => `tag tag--${e.resource}`;

  if (timeline.isPending) return <Loading />;
  if (timeline.error) return <ProblemAlert error={timeline.error} />;
  const months = groupTimeline(timeline.data.items);

  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('casework.timeline.title')}</h2>
      {months.length === 0 ? (
        <p className="muted">{t('casework.timeline.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('casework.timeline.newestFirst')}</p>
          {months.map((m) => {
            const [y, mo] = m.month.split('-').map(Number);
            const heading = monthFormat.format(new Date(y, mo - 1, 1));
            return (
              <section key={m.month} aria-label={heading}>
                <h3 className="timeline__month">{heading}</h3>
                <ul className="timeline">
                  {m.items.map((e) => {
                    const target = eventTarget(e);
                    const code = codeLabel(e);
                    const href = target === 'referral' ? paths.referral.href(e.resource_id) : target === 'enrolment' ? paths.enrolment.href(e.resource_id) : null;
                    return (
                      <li key={`${e.kind}:${e.resource_id}:${e.date}`} className="timeline__item">
                        <span className="timeline__date">{formatDate(e.date)}</span>
                        <span>
                          <span className={tagClass(e)}>{kindLabel(e)}</span>
                          {code ? <span>{code}</span> : null}
                          {href ? (
                            <>
                              {' '}
                              <Link to={href}>
                                {t('casework.timeline.open')}
                                <span className="visually-hidden">
                                  {' – '}
                                  {kindLabel(e)} {formatDate(e.date)}
                                </span>
                              </Link>
                            </>
                          ) : null}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}
