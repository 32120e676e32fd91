import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate } from '../../lib/format';
import { useUnitNames } from '../participants';
import { PROGRAMME_KINDS } from './programme-form';
import { useProgrammeList } from './programmes-api';

/** `/programmes`: every programme (any staff member may list them), filtered by kind. */
export function ProgrammesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind') ?? '';
  const kind = (PROGRAMME_KINDS as readonly string[]).includes(kindParam) ? (kindParam as Schema<'ProgrammeKind'>) : undefined;
  const list = useProgrammeList({ kind });
  const units = useUnitNames();
  const items = list.data?.items ?? [];
  return (
    <section>
      <PageHeading>{t('programmes.list.title')}</PageHeading>
      <p className="muted">{t('programmes.list.intro')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="programmes-kind" className="field__label">
            {t('programmes.kind')}
          </label>
          <select id="programmes-kind" className="input" value={kind ?? ''} onChange={(e) => setParams(e.target.value ? { kind: e.target.value } : {}, { replace: true })}>
            <option value="">{t('common.all')}</option>
            {PROGRAMME_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`programmes.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {list.isPending ? <Loading /> : null}
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data && items.length === 0 ? <p>{t('programmes.list.empty')}</p> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('programmes.list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('programmes.name')}</th>
                <th scope="col">{t('programmes.kind')}</th>
                <th scope="col">{t('programmes.unit')}</th>
                <th scope="col">{t('programmes.period')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={paths.programme.href(p.id)}>{p.name}</Link>
                  </th>
                  <td>{t(`programmes.kinds.${p.kind}`)}</td>
                  <td>{units.get(p.unit_id) ?? ''}</td>
                  <td>
                    {formatDate(p.start_date)} – {formatDate(p.end_date)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
