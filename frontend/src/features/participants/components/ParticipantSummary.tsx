import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../api/types';
import { formatDate, formatDateTime } from '../../../lib/format';

interface Props {
  participant: Participant;
  unitName: string;
  caseworkerName: string;
}

/** The participant's details as a read-only description list. */
export function ParticipantSummary({ participant: p, unitName, caseworkerName }: Props) {
  const { t } = useTranslation();
  const none = t('common.none');
  const row = (label: string, value: React.ReactNode) => (
    <div className="dl__row">
      <dt>{label}</dt>
      <dd>{value === null || value === undefined || value === '' ? <span className="muted">{none}</span> : value}</dd>
    </div>
  );
  const address = [p.care_of ? t('participants.detail.careOf', { name: p.care_of }) : null, p.postal_address, [p.postal_code, p.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');

  return (
    <div className="summary">
      <section className="card" aria-labelledby="summary-identity">
        <h2 id="summary-identity">{t('participants.form.identity')}</h2>
        <dl className="dl">
          {row(t('participants.fields.personal_identity_number'), p.personal_identity_number)}
          {row(t('participants.fields.date_of_birth'), formatDate(p.date_of_birth))}
          {row(t('participants.fields.gender'), t(`enums.gender.${p.gender}`))}
          {row(t('participants.fields.protected_identity'), p.protected_identity ? t('common.yes') : t('common.no'))}
        </dl>
      </section>
      <section className="card" aria-labelledby="summary-contact">
        <h2 id="summary-contact">{t('participants.form.contact')}</h2>
        <dl className="dl">
          {row(t('participants.fields.phone'), p.phone)}
          {row(t('participants.fields.email'), p.email)}
          {row(t('participants.detail.address'), address)}
        </dl>
      </section>
      <section className="card" aria-labelledby="summary-case">
        <h2 id="summary-case">{t('participants.form.case')}</h2>
        <dl className="dl">
          {row(t('participants.fields.status'), <span className={`badge badge--${p.status}`}>{t(`enums.status.${p.status}`)}</span>)}
          {p.status === 'closed' ? row(t('participants.fields.closed_on'), formatDate(p.closed_on)) : null}
          {p.status === 'closed' ? row(t('participants.fields.closed_reason'), p.closed_reason) : null}
          {row(t('participants.fields.unit_id'), unitName)}
          {row(t('participants.fields.responsible_caseworker_id'), caseworkerName)}
          {row(t('participants.fields.created_at'), formatDateTime(p.created_at))}
          {row(t('participants.fields.updated_at'), formatDateTime(p.updated_at))}
        </dl>
      </section>
      <section className="card" aria-labelledby="summary-situation">
        <h2 id="summary-situation">{t('participants.form.situation')}</h2>
        <dl className="dl">
          {row(t('participants.fields.housing_situation'), t(`enums.housing_situation.${p.housing_situation}`))}
          {row(t('participants.fields.main_substance'), t(`enums.main_substance.${p.main_substance}`))}
          {row(t('participants.fields.income_source'), t(`enums.income_source.${p.income_source}`))}
        </dl>
      </section>
    </div>
  );
}
