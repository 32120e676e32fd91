import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/client';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { StaleAlert } from '../../../components/StaleAlert';
import { Loading } from '../../../components/Status';
import { todayIso } from '../../../lib/dates';
import { formatDate } from '../../../lib/format';
import { textOrNull } from '../../../lib/form-errors';
import { RecordEditForm } from '../../../components/RecordEditForm';
import type { FieldSpec } from '../../../lib/record-edit';
import { useFreshFromList } from '../../../lib/use-fresh-record';
import { useStaff } from '../../auth';
import { recordKeys, updateConsent, useConsents, useCreateConsent, useRefreshRecords, useWithdrawConsent } from '../case-records-api';
import { CONSENT_PARTIES } from '../enums';
import { consentChecks, consentToForm, formToConsentInput, type ConsentEditValues } from '../record-edit';
import { useFocusLater } from '../../../lib/use-focus-later';

/** Consents to share information: who with, what for, valid when; withdraw. */
export function ConsentsSection({ participantId, writer, onNotice }: { participantId: string; writer: boolean; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const consents = useConsents(participantId);
  const staff = useStaff();
  const create = useCreateConsent(participantId);
  const withdraw = useWithdrawConsent(participantId);
  const [open, setOpen] = useState(false);
  const [party, setParty] = useState<Schema<'ConsentParty'>>('employment_service');
  const [partyName, setPartyName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [given, setGiven] = useState(todayIso());
  const [expires, setExpires] = useState('');
  const stale = isApiProblem(withdraw.error) && withdraw.error.status === 412;
  const [editing, setEditing] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const fresh = useFreshFromList();
  const refresh = useRefreshRecords(participantId);
  const editFields: FieldSpec<ConsentEditValues>[] = [
    { name: 'party', label: t('records.consents.party'), type: 'select', options: CONSENT_PARTIES.map((p) => ({ value: p, label: t(`records.consents.parties.${p}`) })) },
    { name: 'party_name', label: t('records.consents.partyName') },
    { name: 'purpose', label: t('records.consents.purpose'), type: 'textarea', required: true },
    { name: 'given_on', label: t('records.consents.givenOn'), type: 'date', required: true },
    { name: 'expires_on', label: t('records.consents.expiresOn'), type: 'date' },
    { name: 'withdrawn_on', label: t('records.consents.withdrawnOn'), type: 'date' },
    { name: 'note', label: t('records.consents.note'), type: 'textarea' },
  ];
  const closeEdit = (id: string) => {
    setEditing(null);
    focusLater(`consent-edit-button-${id}`);
  };
  return (
    <Section
      id="consents"
      title={t('records.consents.title')}
      actions={
        writer ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('records.consents.new')}
          </button>
        ) : null
      }
    >
      {open ? (
        <form
          className="form"
          aria-label={t('records.consents.new')}
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { party, party_name: textOrNull(partyName), purpose: purpose.trim(), given_on: given, expires_on: expires || null },
              {
                onSuccess: () => {
                  setOpen(false);
                  setPurpose('');
                  setPartyName('');
                  onNotice(t('records.consents.saved'));
                },
              },
            );
          }}
        >
          {create.error ? <ProblemAlert error={create.error} /> : null}
          <div className="grid">
            <div className="field">
              <label htmlFor="consent-party" className="field__label">
                {t('records.consents.party')}
              </label>
              <select id="consent-party" className="input" value={party} onChange={(e) => setParty(e.target.value as Schema<'ConsentParty'>)}>
                {CONSENT_PARTIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`records.consents.parties.${p}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="consent-party-name" className="field__label">
                {t('records.consents.partyName')}
              </label>
              <input id="consent-party-name" className="input" value={partyName} onChange={(e) => setPartyName(e.target.value)} />
            </div>
            <div className="field grid__full">
              <label htmlFor="consent-purpose" className="field__label">
                {t('records.consents.purpose')} <span className="field__required">({t('form.required')})</span>
              </label>
              <textarea id="consent-purpose" className="input" rows={2} required value={purpose} onChange={(e) => setPurpose(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="consent-given" className="field__label">
                {t('records.consents.givenOn')}
              </label>
              <input id="consent-given" type="date" className="input" required value={given} onChange={(e) => setGiven(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="consent-expires" className="field__label">
                {t('records.consents.expiresOn')}
              </label>
              <input id="consent-expires" type="date" className="input" value={expires} onChange={(e) => setExpires(e.target.value)} />
            </div>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              {t('records.consents.submit')}
            </button>
          </div>
        </form>
      ) : null}
      {stale ? <StaleAlert onReload={() => { withdraw.reset(); void consents.refetch(); }} /> : withdraw.error ? <ProblemAlert error={withdraw.error} /> : null}
      {consents.isPending ? <Loading /> : null}
      {consents.error ? <ProblemAlert error={consents.error} /> : null}
      {consents.data && consents.data.items.length === 0 ? <p>{t('records.consents.none')}</p> : null}
      {consents.data && consents.data.items.length ? (
        <ul className="plain-list">
          {consents.data.items.map((c) => (
            <li key={c.id}>
              <strong>{c.party === 'other' && c.party_name ? c.party_name : t(`records.consents.parties.${c.party}`)}</strong>{' '}
              <span className={`badge badge--${c.state === 'active' ? 'active' : 'closed'}`}>{t(`records.consents.states.${c.state}`)}</span>
              <br />
              {c.purpose}
              <br />
              <span className="muted">
                {formatDate(c.given_on)} – {formatDate(c.withdrawn_on ?? c.expires_on)}
              </span>{' '}
              {writer && editing !== c.id ? (
                <button
                  id={`consent-edit-button-${c.id}`}
                  type="button"
                  className="button button--small"
                  aria-label={`${t('records.consents.edit')}: ${t(`records.consents.parties.${c.party}`)} ${formatDate(c.given_on)}`}
                  onClick={() => setEditing(c.id)}
                >
                  {t('records.consents.edit')}
                </button>
              ) : null}{' '}
              {writer && (c.state === 'active' || c.state === 'not_yet_valid') ? (
                <button
                  type="button"
                  className="button button--small button--danger-outline"
                  disabled={withdraw.isPending}
                  aria-label={`${t('records.consents.withdraw')}: ${t(`records.consents.parties.${c.party}`)}`}
                  onClick={() => withdraw.mutate({ id: c.id, body: { version: c.version } }, { onSuccess: () => onNotice(t('records.consents.withdrawn')) })}
                >
                  {t('records.consents.withdraw')}
                </button>
              ) : null}
              {editing === c.id ? (
                <RecordEditForm<Schema<'ConsentView'>, ConsentEditValues>
                  idPrefix={`consent-edit-${c.id}`}
                  draft={{ staffId: staff.id, key: `consent:edit:${c.id}` }}
                  title={t('records.consents.editTitle')}
                  record={c}
                  toForm={consentToForm}
                  fields={editFields}
                  validate={consentChecks}
                  fresh={() => fresh<Schema<'ConsentView'>>(recordKeys.consents(participantId), c.id)}
                  save={(v, version) => updateConsent(c.id, formToConsentInput(v), version)}
                  onSaved={() => {
                    void refresh();
                    closeEdit(c.id);
                    onNotice(t('records.consents.edited'));
                  }}
                  onCancel={() => closeEdit(c.id)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
