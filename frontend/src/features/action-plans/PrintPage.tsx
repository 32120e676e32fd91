import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { usePlanPrint } from './plans-api';

/**
 * The server's print view needs the bearer token, so it is fetched and shown in a sandboxed
 * frame (no scripts); "Print" opens it on its own as a blob URL in a new tab.
 */
export function PrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const print = usePlanPrint(id);
  const openForPrint = () => {
    if (!print.data) return;
    const url = URL.createObjectURL(new Blob([print.data], { type: 'text/html' }));
    const w = window.open(url, '_blank', 'noopener');
    if (w) setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <section>
      <p className="breadcrumb no-print">
        <Link to={paths.actionPlan.href(id)}>{t('plans.documentTitle')}</Link>
      </p>
      <div className="page-header">
        <PageHeading>{t('plans.print.title')}</PageHeading>
        <div className="page-header__actions no-print">
          <button type="button" className="button button--primary" onClick={() => window.print()} disabled={!print.data}>
            {t('plans.print.print')}
          </button>
          <button type="button" className="button" onClick={openForPrint} disabled={!print.data}>
            {t('plans.print.open')}
          </button>
        </div>
      </div>
      <p className="muted no-print">{t('plans.print.intro')}</p>
      {print.isPending ? <Loading /> : null}
      {print.error ? <ProblemAlert error={print.error} /> : null}
      {print.data ? <iframe title={t('plans.print.frame')} sandbox="" srcDoc={print.data} className="print-frame" /> : null}
    </section>
  );
}
