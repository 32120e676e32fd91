import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canManageHousing, useStaff } from '../auth';
import { SuccessMessage } from '../../components/Status';
import { ApartmentEdit } from './components/HousingEditForms';
import { Link, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate, formatNumber } from '../../lib/format';
import { HousingNav } from './components/HousingNav';
import { StayCostsSection } from './components/StayCostsSection';
import { useOccupancyBoard, useSites } from './housing-api';
import { useFocusLater } from '../../lib/use-focus-later';

export function HousingBoardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const siteId = params.get('site') ?? '';
  const board = useOccupancyBoard({ site_id: siteId || undefined });
  const sites = useSites();
  const items = board.data?.items ?? [];
  const occupied = items.filter((i) => i.tenancy_id).length;
  const staff = useStaff();
  const canEdit = canManageHousing(staff.role);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const editingApartment = items.find((i) => i.apartment.id === editing)?.apartment;
  const closeEdit = (id: string, message: string | null) => {
    setEditing(null);
    setNotice(message);
    focusLater(`apartment-edit-button-${id}`);
  };

  return (
    <section>
      <PageHeading>{t('housing.board.title')}</PageHeading>
      <HousingNav />
      <p className="muted">{t('housing.board.intro')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="board-site" className="field__label">
            {t('housing.board.site')}
          </label>
          <select
            id="board-site"
            className="input"
            value={siteId}
            onChange={(e) => setParams(e.target.value ? { site: e.target.value } : {}, { replace: true })}
          >
            <option value="">{t('housing.board.allSites')}</option>
            {(sites.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {board.isPending ? <Loading /> : null}
      {board.error ? <ProblemAlert error={board.error} /> : null}
      {board.data ? (
        <p role="status" className="list-summary">
          {t('housing.board.count', { occupied, total: items.length })}
        </p>
      ) : null}
      {board.data && items.length === 0 ? <p>{t('housing.board.empty')}</p> : null}
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {editingApartment ? (
        <ApartmentEdit
          key={editingApartment.id}
          record={editingApartment}
          onSaved={(m) => closeEdit(editingApartment.id, m)}
          onCancel={() => closeEdit(editingApartment.id, null)}
        />
      ) : null}
      <ul className="board">
        {items.map((i) => (
          <li key={i.apartment.id} className={`board__cell board__cell--${i.apartment.status}`}>
            <h3>{i.apartment.address}</h3>
            <p className="muted">
              {t(`housing.kinds.${i.apartment.kind}`)}
              {i.apartment.rooms ? ` · ${t('housing.board.rooms', { count: i.apartment.rooms })}` : ''}
              {i.apartment.monthly_rent ? ` · ${t('housing.board.rent', { rent: formatNumber(i.apartment.monthly_rent) })}` : ''}
            </p>
            <p>
              <span className={`badge badge--${i.apartment.status === 'available' ? 'success' : i.apartment.status === 'occupied' ? 'info' : 'warning'}`}>
                {t(`housing.apartmentStatus.${i.apartment.status}`)}
              </span>{' '}
              {i.risk_flag ? <span className="badge badge--danger">{t('housing.board.risk')}</span> : null}
            </p>
            {canEdit && staff.units.some((u) => u.id === i.apartment.unit_id) ? (
              <p>
                <button
                  id={`apartment-edit-button-${i.apartment.id}`}
                  type="button"
                  className="button button--small"
                  aria-expanded={editing === i.apartment.id}
                  onClick={() => {
                    setNotice(null);
                    setEditing(i.apartment.id);
                  }}
                >
                  {t('housing.edit.apartment')}
                  <span className="visually-hidden"> – {i.apartment.address}</span>
                </button>
              </p>
            ) : null}
            {i.participant_id ? (
              <p>
                {t('housing.board.resident')}:{' '}
                <Link to={paths.participant.href(i.participant_id, 'housing')}>{i.resident_name ?? t('casework.duplicates.open')}</Link>
                <br />
                <span className="muted">
                  {i.since ? t('housing.board.since', { date: formatDate(i.since) }) : ''}
                  {i.planned_takeover_on ? ` · ${t('housing.board.takeover', { date: formatDate(i.planned_takeover_on) })}` : ''}
                </span>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <StayCostsSection />
    </section>
  );
}
