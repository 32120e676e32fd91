import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { ProblemAlert } from '../components/ProblemAlert';

/** Shown when a route fails to load (e.g. a chunk after a deploy) or throws while rendering. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main id="main" className="shell__main">
      <h1 className="page-heading">{t('problem.unexpected')}</h1>
      <ProblemAlert error={error} />
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('common.reloadPage')}
      </button>
    </main>
  );
}
