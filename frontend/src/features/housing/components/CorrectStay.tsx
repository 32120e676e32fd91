import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/client';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StaleAlert } from '../../../components/StaleAlert';
import { useInvalidateSearchAndStays, useUpdateStay } from '../housing-api';
import { stayToValues, stayUpdate } from '../search-stays';
import { StayForm } from './StayForm';

/** Correcting a recorded stay (below the table); `onDone` closes it, with the notice to show if saved. */
export function CorrectStay({ stay, onDone }: { stay: Schema<'TemporaryStayView'>; onDone: (notice: string | null) => void }) {
  const { t } = useTranslation();
  const update = useUpdateStay(stay.id);
  const refresh = useInvalidateSearchAndStays();
  const heading = useRef<HTMLHeadingElement>(null);
  // The form opens below the table: move the focus there (keyboard and screen-reader users).
  useEffect(() => heading.current?.focus(), []);
  const stale = isApiProblem(update.error) && update.error.status === 412;
  return (
    <div className="card card--nested">
      <h3 ref={heading} tabIndex={-1} className="card__title">
        {t('housing.stays.editTitle')}
      </h3>
      <StayForm
        idPrefix={`edit-stay-${stay.id}`}
        initial={stayToValues(stay)}
        submitLabel={t('housing.stays.saveEdit')}
        pending={update.isPending}
        error={
          stale ? (
            <StaleAlert
              onReload={() => {
                void refresh();
                onDone(null);
              }}
            />
          ) : update.error ? (
            <ProblemAlert error={update.error} />
          ) : null
        }
        onSubmit={(v) => update.mutate({ body: stayUpdate(v), version: stay.version }, { onSuccess: () => onDone(t('housing.stays.corrected')) })}
        onCancel={() => onDone(null)}
      />
    </div>
  );
}
