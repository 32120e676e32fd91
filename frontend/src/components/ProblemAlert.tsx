import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem, type ApiProblem, type FieldError } from '../api/client';

/** A heading for a problem in the UI language; the server's own text is shown below it. */
export function useProblemTitle() {
  const { t } = useTranslation();
  return (problem: ApiProblem): string => {
    if (problem.status === 0) return t('problem.network');
    if (problem.status === 401) return t('problem.unauthorized');
    if (problem.status === 403) return t('problem.forbidden');
    if (problem.status === 404) return t('problem.notFound');
    if (problem.status === 409) return t('problem.conflict');
    if (problem.status === 412) return t('problem.stale');
    if (problem.status === 422 || problem.status === 400) return t('problem.validation');
    if (problem.status === 429) return t('problem.tooMany');
    if (problem.status >= 500) return t('problem.server');
    return problem.title;
  };
}

interface ProblemAlertProps {
  error: unknown;
  /** Overrides the heading. */
  title?: ReactNode;
  /** Field errors already shown next to their fields; the rest are listed here. */
  shownFields?: ReadonlySet<string>;
  children?: ReactNode;
}

/** Shows an API problem (or any error) as an alert announced to screen readers. */
export function ProblemAlert({ error, title, shownFields, children }: ProblemAlertProps) {
  const { t } = useTranslation();
  const problemTitle = useProblemTitle();
  if (!error) return null;
  const problem = isApiProblem(error) ? error : null;
  const heading = title ?? (problem ? problemTitle(problem) : t('problem.unexpected'));
  const detail = problem?.detail && problem.detail !== heading ? problem.detail : null;
  const others: FieldError[] = problem ? problem.errors.filter((e) => !shownFields?.has(e.field)) : [];
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{heading}</p>
      {detail ? <p>{detail}</p> : null}
      {others.length ? (
        <ul>
          {others.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              {e.field ? `${e.field}: ` : null}
              {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}
