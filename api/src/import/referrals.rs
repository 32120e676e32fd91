//! Importing and exporting referrals: each row is a [`ReferralInput`], checked by the same rules
//! as `POST /referrals` (the participant's policy, an open case, a running programme, one of your
//! units as the referrer). The participant may be named by its `external_id`. An upsert changes
//! what `PUT /referrals/{id}` may change: the reason, the target group and the assessment.

use serde_json::{Map, Value};

use super::Request;
use super::generic::{
    Reference, Resource, Written, exported, external_id, fixed, keyset, participant_by_external_id,
    refused_on,
};
use crate::audit::Action;
use crate::auth::CurrentUser;
use crate::auth::policy::{self, ParticipantAction};
use crate::error::ApiResult;
use crate::routes::referrals::{ReferralInput, new_referral};
use crate::routes::scoped::Ctx;
use crate::store::Store;
use crate::store::audit::AuditRow;
use crate::store::referrals::ReferralRow;
use crate::store::time;

pub struct Referrals;

impl Resource for Referrals {
    type Input = ReferralInput;
    /// The new referral, checked and ready to write.
    type Valid = ReferralRow;
    type Row = ReferralRow;
    const AUDIT: &'static str = "referral";
    const UNIQUE_FIELD: &'static str = "external_id";
    const REFERENCES: &'static [Reference] = &[Reference {
        field: "participant_id",
        what: "participant",
        lookup: participant_by_external_id,
    }];

    fn validate(
        store: &mut dyn Store,
        request: &Request,
        input: ReferralInput,
        _: Option<&ReferralRow>,
    ) -> ApiResult<ReferralRow> {
        let external_id = external_id(input.external_id.as_deref())?;
        let mut ctx = Ctx::new(
            store,
            &request.user,
            request.today,
            "referral",
            Action::Create,
        );
        // An existing external id is an update (or, in insert mode, refused), not a duplicate.
        let input = ReferralInput {
            external_id: None,
            ..input
        };
        let mut row = new_referral(&mut ctx, input).map_err(|e| refused_on("participant_id", e))?;
        row.external_id = external_id;
        Ok(row)
    }

    fn by_id(store: &mut dyn Store, id: &str) -> ApiResult<Option<ReferralRow>> {
        store.get_referral(id)
    }

    fn by_external_id(store: &mut dyn Store, external_id: &str) -> ApiResult<Option<ReferralRow>> {
        store.referral_by_external_id(external_id)
    }

    fn may_update(
        store: &mut dyn Store,
        request: &Request,
        current: &ReferralRow,
    ) -> ApiResult<()> {
        let mut ctx = Ctx::new(
            store,
            &request.user,
            request.today,
            "referral",
            Action::Update,
        );
        ctx.participant(&current.participant_id, ParticipantAction::Update)
            .map(|_| ())
    }

    fn create(store: &mut dyn Store, _: &Request, valid: ReferralRow) -> ApiResult<Written> {
        store.insert_referral(&valid)?;
        Ok(Written {
            participants: vec![valid.participant_id],
            id: valid.id,
        })
    }

    fn update(
        store: &mut dyn Store,
        _: &Request,
        current: ReferralRow,
        valid: ReferralRow,
    ) -> ApiResult<Option<Written>> {
        fixed(
            "referral",
            &[
                (
                    "participant_id",
                    &valid.participant_id,
                    &current.participant_id,
                ),
                ("programme_id", &valid.programme_id, &current.programme_id),
            ],
        )?;
        if (&valid.reason, &valid.target_group, &valid.assessment)
            == (&current.reason, &current.target_group, &current.assessment)
        {
            return Ok(None);
        }
        let row = ReferralRow {
            reason: valid.reason,
            target_group: valid.target_group,
            assessment: valid.assessment,
            updated_at: time::now(),
            version: current.version + 1,
            ..current
        };
        store.update_referral(row.version - 1, &row)?;
        Ok(Some(Written {
            participants: vec![row.participant_id],
            id: row.id,
        }))
    }

    fn export_page(
        store: &mut dyn Store,
        user: &CurrentUser,
        today: chrono::NaiveDate,
        after: Option<&str>,
        limit: i64,
    ) -> ApiResult<(Vec<ReferralRow>, Option<String>)> {
        let scope = policy::participant_scope(user, today)?;
        Ok(keyset::<Self>(
            store.export_referrals(&scope, after, limit)?,
            limit,
        ))
    }

    fn id(row: &ReferralRow) -> &str {
        &row.id
    }

    fn record(row: &ReferralRow) -> ApiResult<Map<String, Value>> {
        let mut record = Map::new();
        let mut put = |name: &str, value: Value| {
            if !value.is_null() {
                record.insert(name.to_owned(), value);
            }
        };
        put("participant_id", row.participant_id.clone().into());
        put("programme_id", row.programme_id.clone().into());
        put("referring_unit_id", row.referring_unit_id.clone().into());
        put("referred_on", row.referred_on.to_string().into());
        put("reason", row.reason.clone().into());
        put("target_group", row.target_group.clone().into());
        put("assessment", row.assessment.clone().into());
        put("external_id", row.external_id.clone().into());
        Ok(record)
    }

    fn export_audit(user: &CurrentUser, row: &ReferralRow) -> Vec<AuditRow> {
        vec![exported::<Self>(user, &row.id, &row.participant_id)]
    }
}
