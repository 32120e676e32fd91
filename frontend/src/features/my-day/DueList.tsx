import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate } from '../../lib/format';
import { dueTarget, groupDue, type DueItem } from './due';

function useDueItems() {
  return useQuery({
    queryKey: ['due-items'],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/due-items', { params: { query: { limit: 200 } }, signal })).data!,
  });
}

/** What the signed-in user has due, grouped by urgency (overdue, today, this week, later). */
export function DueList() {
  const { t } = useTranslation();
  const due = useDueItems();
  const groups = groupDue(due.data?.items ?? []);

  const href = (item: DueItem) => {
    const target = dueTarget(item);
    if (target.page === 'plan') return paths.actionPlan.href(target.id);
    if (target.page === 'referral') return paths.referral.href(target.id);
    return paths.participant.href(target.id, target.tab);
  };
  const kindLabel = (item: DueItem) => {
    const base = t(`myDay.due.kinds.${item.kind}`);
    return item.detail ? `${base} (${t(`housing.followUps.kinds.${item.detail}` as 'housing.followUps.kinds.takeover', { defaultValue: item.detail })})` : base;
  };

  return (
    <Section id="due" title={t('myDay.due.title')}>
      {due.isPending ? <Loading /> : null}
      {due.error ? <ProblemAlert error={due.error} /> : null}
      {due.data && groups.length === 0 ? <p>{t('myDay.due.empty')}</p> : null}
      {groups.map((g) => (
        <section key={g.urgency} aria-labelledby={`due-${g.urgency}`} className={`due due--${g.urgency}`}>
          <h3 id={`due-${g.urgency}`}>
            {t(`myDay.due.urgency.${g.urgency}`)} <span className="badge badge--info">{g.items.length}</span>
          </h3>
          <ul className="plain-list">
            {g.items.map((item) => (
              <li key={`${item.kind}:${item.record_id}`}>
                <Link to={href(item)}>
                  {item.participant.first_name} {item.participant.last_name}
                </Link>{' '}
                – {kindLabel(item)}{' '}
                <span className="muted nowrap">
                  {formatDate(item.due_on)}
                  {item.days_until < 0 ? ` · ${t('myDay.due.daysLate', { count: -item.days_until })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {due.data && due.data.total > due.data.items.length ? <p className="muted">{t('common.showing', { shown: due.data.items.length, total: due.data.total })}</p> : null}
    </Section>
  );
}
