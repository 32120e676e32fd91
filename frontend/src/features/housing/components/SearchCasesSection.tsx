import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/Status';
import { todayIso } from '../../../lib/dates';
import { useStaff } from '../../auth';
import { useOpenSearchCase, useSearchCases } from '../housing-api';
import { canRecordSearchAndStays } from '../search-stays';
import { SearchCaseForm } from './SearchCaseForm';
import { SearchCaseItem } from './SearchCaseItem';

/** The participant's housing search cases: open one, see each with its state and actions; correct, log actions in and close an open one. */
export function SearchCasesSection({ participantId, onNotice }: { participantId: string; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const cases = useSearchCases(participantId);
  const create = useOpenSearchCase();
  const [open, setOpen] = useState(false);
  const canWrite = canRecordSearchAndStays(staff.role);
  return (
    <Section
      id="housing-search"
      title={t('housing.search.title')}
      actions={
        canWrite ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('housing.search.open')}
          </button>
        ) : null
      }
    >
      {cases.isPending ? <Loading /> : null}
      {cases.error ? <ProblemAlert error={cases.error} /> : null}
      {open ? (
        <SearchCaseForm
          idPrefix="search"
          initial={{ referring_unit: '', target_group: 'young_adult', opened_on: todayIso(), note: null }}
          submitLabel={t('housing.search.submit')}
          pending={create.isPending}
          error={create.error ? <ProblemAlert error={create.error} /> : null}
          onSubmit={(v) =>
            create.mutate(
              { participant_id: participantId, ...v, opened_on: v.opened_on || null },
              {
                onSuccess: () => {
                  setOpen(false);
                  onNotice(t('housing.search.opened'));
                },
              },
            )
          }
        />
      ) : null}
      {cases.data?.items.length === 0 ? <p className="muted">{t('housing.search.none')}</p> : null}
      <ul className="plain-list" aria-label={t('housing.search.title')}>
        {cases.data?.items.map((c) => (
          <SearchCaseItem key={c.id} searchCase={c} canWrite={canWrite} onNotice={onNotice} />
        ))}
      </ul>
    </Section>
  );
}
