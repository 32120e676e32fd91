import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_KINDS, RELAPSE_OUTCOMES, SUBSTANCES } from '../../../api/enums';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { RecordEditForm } from '../../../components/RecordEditForm';
import { Section } from '../../../components/Section';
import { Loading, SuccessMessage } from '../../../components/Status';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { FieldSpec } from '../../../lib/record-edit';
import { useFocusLater } from '../../../lib/use-focus-later';
import { useStaff } from '../../auth';
import {
  caseworkKeys,
  updateContact,
  updateRelapse,
  useDeleteContact,
  useInvalidateParticipantRecords,
  useParticipantContacts,
  useParticipantRelapses,
} from '../casework-api';
import { contactToForm, formToContactInput, formToRelapseInput, relapseToForm, type ContactEditValues, type RelapseEditValues } from '../contact-edit';

type Contact = Schema<'ContactView'>;
type Relapse = Schema<'RelapseView'>;

/**
 * The participant's contacts and relapses, newest first. Staff who record casework can correct
 * either (the version edited goes as `If-Match`; a 412 shows the stale alert) and delete a contact
 * recorded by mistake, after a confirmation.
 */
export function ContactsPanel({ participantId, writer }: { participantId: string; writer: boolean }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div>
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      <ContactsSection participantId={participantId} writer={writer} onNotice={setNotice} />
      <RelapsesSection participantId={participantId} writer={writer} onNotice={setNotice} />
    </div>
  );
}

function ContactsSection({ participantId, writer, onNotice }: { participantId: string; writer: boolean; onNotice: (m: string | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const contacts = useParticipantContacts(participantId);
  const staff = useStaff();
  const invalidate = useInvalidateParticipantRecords();
  const remove = useDeleteContact(participantId);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const confirmRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const kindLabel = (k: Schema<'ContactKind'>) => t(`casework.contact.kinds.${k}`);
  const fields: FieldSpec<ContactEditValues>[] = [
    { name: 'kind', label: t('casework.contact.kind'), type: 'select', options: CONTACT_KINDS.map((k) => ({ value: k, label: kindLabel(k) })), required: true },
    { name: 'occurred_at', label: t('casework.contact.occurredAt'), type: 'datetime-local', required: true },
    { name: 'attended', label: t('casework.contact.attended'), type: 'checkbox' },
    { name: 'note', label: t('casework.contact.note'), type: 'textarea' },
  ];
  const fresh = async () => {
    await queryClient.refetchQueries({ queryKey: caseworkKeys.contacts(participantId), exact: true });
    return queryClient.getQueryData<Schema<'ContactList'>>(caseworkKeys.contacts(participantId))?.items.find((c) => c.id === editing);
  };
  const close = (id: string, message: string | null) => {
    setEditing(null);
    onNotice(message);
    focusLater(`contact-edit-button-${id}`);
  };

  const items = contacts.data?.items ?? [];
  return (
    <Section id="contacts" title={t('casework.contacts.title')}>
      {contacts.isPending ? <Loading /> : null}
      {contacts.error ? <ProblemAlert error={contacts.error} /> : null}
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
      {contacts.data && items.length === 0 ? <p className="muted">{t('casework.contacts.none')}</p> : null}
      {items.length ? (
        <ul className="plain-list" aria-label={t('casework.contacts.title')}>
          {items.map((c: Contact) => {
            const me = c.participants.find((p) => p.participant_id === participantId);
            const when = formatDateTime(c.occurred_at);
            const others = c.participants.length - 1;
            return (
              <li key={c.id} data-testid="contact-item">
                <strong>{kindLabel(c.kind)}</strong> <span>{when}</span>{' '}
                {me && !me.attended ? <span className="badge badge--warning">{t('casework.contacts.noShow')}</span> : null}
                {others > 0 ? <span className="muted"> {t('casework.contacts.others', { count: others })}</span> : null}
                {c.note ? <p className="prewrap">{c.note}</p> : null}
                {writer && editing !== c.id && confirming !== c.id ? (
                  <div className="form__actions">
                    <button
                      id={`contact-edit-button-${c.id}`}
                      type="button"
                      className="button button--small"
                      onClick={() => {
                        onNotice(null);
                        setConfirming(null);
                        setEditing(c.id);
                      }}
                    >
                      {t('common.edit')}
                      <span className="visually-hidden">
                        {' – '}
                        {kindLabel(c.kind)} {when}
                      </span>
                    </button>
                    <button
                      id={`contact-delete-button-${c.id}`}
                      type="button"
                      className="button button--small button--danger-outline"
                      onClick={() => {
                        onNotice(null);
                        remove.reset();
                        setEditing(null);
                        setConfirming(c.id);
                      }}
                    >
                      {t('casework.contacts.delete')}
                      <span className="visually-hidden">
                        {' – '}
                        {kindLabel(c.kind)} {when}
                      </span>
                    </button>
                  </div>
                ) : null}
                {confirming === c.id ? (
                  <div className="alert alert--warning" role="group" aria-labelledby={`contact-confirm-${c.id}`}>
                    <p id={`contact-confirm-${c.id}`} ref={confirmRef} tabIndex={-1} className="alert__title">
                      {t('casework.contacts.confirmDelete', { kind: kindLabel(c.kind), when })}
                    </p>
                    <p>{others > 0 ? t('casework.contacts.confirmDeleteOthers', { count: others }) : t('casework.contacts.confirmDeleteText')}</p>
                    <div className="form__actions">
                      <button
                        type="button"
                        className="button button--danger"
                        disabled={remove.isPending}
                        onClick={() =>
                          remove.mutate(c.id, {
                            onSuccess: () => {
                              setConfirming(null);
                              onNotice(t('casework.contacts.deleted'));
                              focusLater('contacts-title');
                            },
                          })
                        }
                      >
                        {remove.isPending ? t('form.saving') : t('casework.contacts.confirmDeleteButton')}
                      </button>
                      <button
                        type="button"
                        className="button"
                        onClick={() => {
                          setConfirming(null);
                          focusLater(`contact-delete-button-${c.id}`);
                        }}
                      >
                        {t('form.cancel')}
                      </button>
                    </div>
                  </div>
                ) : null}
                {editing === c.id ? (
                  <RecordEditForm<Contact, ContactEditValues>
                    idPrefix={`contact-edit-${c.id}`}
                    draft={{ staffId: staff.id, key: `contact:edit:${c.id}` }}
                    title={t('casework.contacts.editTitle')}
                    record={c}
                    toForm={(x) => contactToForm(x, participantId)}
                    fields={fields}
                    fresh={fresh}
                    save={(v, version) => updateContact(c.id, formToContactInput(c, participantId, v), version)}
                    onSaved={() => {
                      void invalidate(participantId);
                      close(c.id, t('casework.contacts.saved'));
                    }}
                    onCancel={() => close(c.id, null)}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {contacts.data && contacts.data.total > items.length ? (
        <p className="muted">{t('common.showing', { shown: items.length, total: contacts.data.total })}</p>
      ) : null}
    </Section>
  );
}

function RelapsesSection({ participantId, writer, onNotice }: { participantId: string; writer: boolean; onNotice: (m: string | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const relapses = useParticipantRelapses(participantId);
  const staff = useStaff();
  const focusLater = useFocusLater();
  const invalidate = useInvalidateParticipantRecords();
  const [editing, setEditing] = useState<string | null>(null);
  const fields: FieldSpec<RelapseEditValues>[] = [
    { name: 'occurred_on', label: t('casework.relapse.occurredOn'), type: 'date', required: true },
    { name: 'substance', label: t('casework.relapse.substance'), type: 'select', options: SUBSTANCES.map((s) => ({ value: s, label: t(`casework.substances.${s}`) })) },
    { name: 'outcome', label: t('casework.relapse.outcome'), type: 'select', options: RELAPSE_OUTCOMES.map((o) => ({ value: o, label: t(`casework.relapse.outcomes.${o}`) })) },
    { name: 'note', label: t('casework.relapse.note'), type: 'textarea' },
  ];
  const fresh = async () => {
    await queryClient.refetchQueries({ queryKey: caseworkKeys.relapses(participantId), exact: true });
    return queryClient.getQueryData<Schema<'RelapseList'>>(caseworkKeys.relapses(participantId))?.items.find((r) => r.id === editing);
  };
  const close = (id: string, message: string | null) => {
    setEditing(null);
    onNotice(message);
    focusLater(`relapse-edit-button-${id}`);
  };
  const items = relapses.data?.items ?? [];
  return (
    <Section id="relapses" title={t('casework.relapses.title')}>
      {relapses.isPending ? <Loading /> : null}
      {relapses.error ? <ProblemAlert error={relapses.error} /> : null}
      {relapses.data && items.length === 0 ? <p className="muted">{t('casework.relapses.none')}</p> : null}
      {items.length ? (
        <ul className="plain-list" aria-label={t('casework.relapses.title')}>
          {items.map((r: Relapse) => {
            const what = `${formatDate(r.occurred_on)} ${t(`casework.substances.${r.substance}`)}`;
            return (
              <li key={r.id} data-testid="relapse-item">
                <strong>{formatDate(r.occurred_on)}</strong> {t(`casework.substances.${r.substance}`)} –{' '}
                {t(`casework.relapse.outcomes.${r.outcome}`)}
                {r.note ? <p className="prewrap">{r.note}</p> : null}
                {writer && editing !== r.id ? (
                  <div className="form__actions">
                    <button
                      id={`relapse-edit-button-${r.id}`}
                      type="button"
                      className="button button--small"
                      onClick={() => {
                        onNotice(null);
                        setEditing(r.id);
                      }}
                    >
                      {t('common.edit')}
                      <span className="visually-hidden"> – {what}</span>
                    </button>
                  </div>
                ) : null}
                {editing === r.id ? (
                  <RecordEditForm<Relapse, RelapseEditValues>
                    idPrefix={`relapse-edit-${r.id}`}
                    draft={{ staffId: staff.id, key: `relapse:edit:${r.id}` }}
                    title={t('casework.relapses.editTitle')}
                    record={r}
                    toForm={relapseToForm}
                    fields={fields}
                    fresh={fresh}
                    save={(v, version) => updateRelapse(r.id, formToRelapseInput(v), version)}
                    onSaved={() => {
                      void invalidate(participantId);
                      close(r.id, t('casework.relapses.saved'));
                    }}
                    onCancel={() => close(r.id, null)}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </Section>
  );
}
