//! The referral (intresseanmälan) and the steps it goes through before the person is enrolled
//! in a programme or the referral ends.
//!
//! The status only changes through named actions checked here, so a referral can never jump,
//! say, from declined to enrolled because a client sent a new status field. The reports count
//! referrals, no-shows and enrolments from these statuses.

use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

/// Where a referral stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ReferralStatus {
    /// Inkommen: the caseworker's form has arrived; nobody has acted on it yet.
    Received,
    /// Första möte bokat: the first meeting with the person is booked.
    FirstMeetingBooked,
    /// Inskriven: the person is enrolled in the programme (final).
    Enrolled,
    /// Avböjd: the programme declined the referral, or the person declined (final).
    Declined,
    /// Uteblev: the person did not come to the booked meeting. Not final: a new meeting can be
    /// booked, because missing one meeting is common and says little.
    NoShow,
    /// Återkallad: the referring caseworker withdrew it (final).
    Withdrawn,
}

text_enum!(ReferralStatus {
    Received => "received",
    FirstMeetingBooked => "first_meeting_booked",
    Enrolled => "enrolled",
    Declined => "declined",
    NoShow => "no_show",
    Withdrawn => "withdrawn",
});

/// Something a staff member does to a referral (each is a `POST …/<action>` in the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ReferralAction {
    /// Boka första möte (also after a no-show).
    BookFirstMeeting,
    /// Skriv in.
    Enrol,
    /// Avböj.
    Decline,
    /// Registrera att personen uteblev från det bokade mötet.
    RecordNoShow,
    /// Återkalla.
    Withdraw,
}

text_enum!(ReferralAction {
    BookFirstMeeting => "book_first_meeting",
    Enrol => "enrol",
    Decline => "decline",
    RecordNoShow => "record_no_show",
    Withdraw => "withdraw",
});

/// An action that is not allowed from the referral's current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} a referral that is {}", action_phrase(.action), status_phrase(.from))]
pub struct TransitionError {
    /// The status the referral was in.
    pub from: ReferralStatus,
    /// The action that was refused.
    pub action: ReferralAction,
}

/// The status a referral moves to when `action` is taken in status `from`, or why it cannot.
///
/// Allowed:
/// - received → book first meeting → first meeting booked
/// - received or first meeting booked → enrol → enrolled
/// - received or first meeting booked → decline → declined
/// - first meeting booked → record no-show → no-show
/// - no-show → book first meeting → first meeting booked
/// - received, first meeting booked or no-show → withdraw → withdrawn
///
/// Enrolled, declined and withdrawn are final.
pub fn transition(
    from: ReferralStatus,
    action: ReferralAction,
) -> Result<ReferralStatus, TransitionError> {
    use ReferralAction as A;
    use ReferralStatus as S;
    match (from, action) {
        (S::Received | S::NoShow, A::BookFirstMeeting) => Ok(S::FirstMeetingBooked),
        (S::Received | S::FirstMeetingBooked, A::Enrol) => Ok(S::Enrolled),
        (S::Received | S::FirstMeetingBooked, A::Decline) => Ok(S::Declined),
        (S::FirstMeetingBooked, A::RecordNoShow) => Ok(S::NoShow),
        (S::Received | S::FirstMeetingBooked | S::NoShow, A::Withdraw) => Ok(S::Withdrawn),
        _ => Err(TransitionError { from, action }),
    }
}

impl ReferralStatus {
    /// True when no action can change the status any more.
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Enrolled | Self::Declined | Self::Withdrawn)
    }

    /// The actions allowed from this status, in declaration order (for showing only the
    /// buttons that will work).
    pub fn allowed_actions(&self) -> Vec<ReferralAction> {
        ReferralAction::ALL
            .iter()
            .copied()
            .filter(|action| transition(*self, *action).is_ok())
            .collect()
    }

    /// [`transition`] as a method.
    pub fn apply(self, action: ReferralAction) -> Result<ReferralStatus, TransitionError> {
        transition(self, action)
    }
}

/// The verb phrase of an action, for the error message.
fn action_phrase(action: &ReferralAction) -> &'static str {
    match action {
        ReferralAction::BookFirstMeeting => "book a first meeting for",
        ReferralAction::Enrol => "enrol",
        ReferralAction::Decline => "decline",
        ReferralAction::RecordNoShow => "record a no-show for",
        ReferralAction::Withdraw => "withdraw",
    }
}

/// How a status reads after "a referral that is …", for the error message.
fn status_phrase(status: &ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::Received => "received with no meeting booked",
        ReferralStatus::FirstMeetingBooked => "booked for a first meeting",
        ReferralStatus::Enrolled => "enrolled",
        ReferralStatus::Declined => "declined",
        ReferralStatus::NoShow => "marked as a no-show",
        ReferralStatus::Withdrawn => "withdrawn",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;
    use ReferralAction as A;
    use ReferralStatus as S;
    use proptest::prelude::*;

    /// The whole flow written out independently of `transition`'s match, so a change to one
    /// without the other fails.
    const ALLOWED: &[(ReferralStatus, ReferralAction, ReferralStatus)] = &[
        (S::Received, A::BookFirstMeeting, S::FirstMeetingBooked),
        (S::Received, A::Enrol, S::Enrolled),
        (S::Received, A::Decline, S::Declined),
        (S::Received, A::Withdraw, S::Withdrawn),
        (S::FirstMeetingBooked, A::Enrol, S::Enrolled),
        (S::FirstMeetingBooked, A::Decline, S::Declined),
        (S::FirstMeetingBooked, A::RecordNoShow, S::NoShow),
        (S::FirstMeetingBooked, A::Withdraw, S::Withdrawn),
        (S::NoShow, A::BookFirstMeeting, S::FirstMeetingBooked),
        (S::NoShow, A::Withdraw, S::Withdrawn),
    ];

    fn expected(from: ReferralStatus, action: ReferralAction) -> Option<ReferralStatus> {
        ALLOWED
            .iter()
            .find(|(f, a, _)| *f == from && *a == action)
            .map(|(_, _, to)| *to)
    }

    #[test]
    fn text_codes_match_serde_names() {
        assert_text_codes_consistent(S::ALL, S::as_str);
        assert_text_codes_consistent(A::ALL, A::as_str);
        assert_eq!(S::FirstMeetingBooked.as_str(), "first_meeting_booked");
        assert_eq!(A::RecordNoShow.as_str(), "record_no_show");
    }

    #[test]
    fn every_status_and_action_pair() {
        let mut allowed = 0;
        let mut forbidden = 0;
        for &from in S::ALL {
            for &action in A::ALL {
                match expected(from, action) {
                    Some(to) => {
                        allowed += 1;
                        assert_eq!(transition(from, action), Ok(to), "{from} + {action}");
                        assert_eq!(from.apply(action), Ok(to));
                    }
                    None => {
                        forbidden += 1;
                        assert_eq!(
                            transition(from, action),
                            Err(TransitionError { from, action }),
                            "{from} + {action}"
                        );
                    }
                }
            }
        }
        assert_eq!(allowed, ALLOWED.len());
        assert_eq!(allowed + forbidden, S::ALL.len() * A::ALL.len());
        assert_eq!(forbidden, 20);
    }

    #[test]
    fn final_statuses_allow_nothing() {
        for &status in S::ALL {
            assert_eq!(
                status.is_final(),
                status.allowed_actions().is_empty(),
                "{status}"
            );
        }
        assert!(S::Enrolled.is_final());
        assert!(S::Declined.is_final());
        assert!(S::Withdrawn.is_final());
        assert!(!S::NoShow.is_final());
        assert!(!S::Received.is_final());
        assert!(!S::FirstMeetingBooked.is_final());
    }

    #[test]
    fn allowed_actions_per_status() {
        assert_eq!(
            S::Received.allowed_actions(),
            vec![A::BookFirstMeeting, A::Enrol, A::Decline, A::Withdraw]
        );
        assert_eq!(
            S::FirstMeetingBooked.allowed_actions(),
            vec![A::Enrol, A::Decline, A::RecordNoShow, A::Withdraw]
        );
        assert_eq!(
            S::NoShow.allowed_actions(),
            vec![A::BookFirstMeeting, A::Withdraw]
        );
    }

    #[test]
    fn error_messages_name_the_status_and_action() {
        let message = |from, action| transition(from, action).unwrap_err().to_string();
        assert_eq!(
            message(S::Declined, A::Enrol),
            "cannot enrol a referral that is declined"
        );
        assert_eq!(
            message(S::Received, A::RecordNoShow),
            "cannot record a no-show for a referral that is received with no meeting booked"
        );
        assert_eq!(
            message(S::FirstMeetingBooked, A::BookFirstMeeting),
            "cannot book a first meeting for a referral that is booked for a first meeting"
        );
        assert_eq!(
            message(S::Withdrawn, A::Withdraw),
            "cannot withdraw a referral that is withdrawn"
        );
        assert_eq!(
            message(S::NoShow, A::Decline),
            "cannot decline a referral that is marked as a no-show"
        );
    }

    #[test]
    fn a_no_show_can_be_rebooked_and_then_enrolled() {
        let status = [
            A::BookFirstMeeting,
            A::RecordNoShow,
            A::BookFirstMeeting,
            A::Enrol,
        ]
        .into_iter()
        .try_fold(S::Received, transition);
        assert_eq!(status, Ok(S::Enrolled));
    }

    proptest! {
        #[test]
        fn random_action_sequences_respect_finality(
            actions in proptest::collection::vec(proptest::sample::select(A::ALL), 0..20)
        ) {
            let mut status = S::Received;
            for action in actions {
                match transition(status, action) {
                    Ok(next) => {
                        prop_assert!(!status.is_final());
                        prop_assert_eq!(Some(next), expected(status, action));
                        status = next;
                    }
                    Err(err) => {
                        prop_assert_eq!(err, TransitionError { from: status, action });
                        prop_assert_eq!(expected(status, action), None);
                    }
                }
            }
        }
    }
}

/// The target-group category a referral is made under (seeds 000 and 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TargetGroup {
    /// Hemlös med missbruk (the job-rehabilitation target group).
    HomelessWithSubstanceUse,
    /// Unga vuxna utan bostad.
    YoungAdult,
    /// Våldsutsatt kvinna.
    WomanSubjectedToViolence,
    /// Har bott inneboende / i andra hand och förlorat boendet.
    LostLodging,
    /// För stor eller för dyr bostad: behöver byta.
    NeedsHousingExchange,
    /// Annan målgrupp.
    Other,
}

text_enum!(TargetGroup {
    HomelessWithSubstanceUse => "homeless_with_substance_use",
    YoungAdult => "young_adult",
    WomanSubjectedToViolence => "woman_subjected_to_violence",
    LostLodging => "lost_lodging",
    NeedsHousingExchange => "needs_housing_exchange",
    Other => "other",
});

#[cfg(test)]
mod target_group_tests {
    use super::*;
    use crate::text_enum::assert_text_codes_consistent;

    #[test]
    fn codes() {
        assert_text_codes_consistent(TargetGroup::ALL, TargetGroup::as_str);
    }
}
