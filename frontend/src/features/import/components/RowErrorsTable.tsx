import { useTranslation } from 'react-i18next';
import { sortRowErrors, type RowError } from '../import-logic';

/**
 * The validation report, one row per error in file order. The wrapper is a focusable region so a
 * keyboard user can scroll a long report; the table has a caption and column headers.
 */
export function RowErrorsTable({ errors, total }: { errors: readonly RowError[]; total: number }) {
  const { t } = useTranslation();
  const sorted = sortRowErrors(errors);
  return (
    <div className="table-wrap import-errors" role="region" aria-label={t('imports.errors.caption')} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{t('imports.errors.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.errors.line')}</th>
            <th scope="col">{t('imports.errors.field')}</th>
            <th scope="col">{t('imports.errors.message')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((e, i) => (
            <tr key={`${e.line}-${e.field ?? ''}-${i}`}>
              <th scope="row">{e.line}</th>
              <td>{e.field ? <code>{e.field}</code> : <span className="muted">{t('imports.errors.wholeRow')}</span>}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > errors.length ? <p className="muted">{t('imports.errors.capped', { shown: errors.length, total })}</p> : null}
    </div>
  );
}
