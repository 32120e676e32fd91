//! The one diesel schema both backends share. Keep in step with migrations/{sqlite,postgres}.

diesel::table! {
    units (id) {
        id -> Text,
        name -> Text,
        description -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    staff (id) {
        id -> Text,
        username -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    staff_units (staff_id, unit_id) {
        staff_id -> Text,
        unit_id -> Text,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        staff_id -> Text,
        refresh_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    participants (id) {
        id -> Text,
        personal_identity_number -> Nullable<Text>,
        first_name -> Text,
        last_name -> Text,
        date_of_birth -> Nullable<Date>,
        gender -> Text,
        protected_identity -> Bool,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        postal_address -> Nullable<Text>,
        care_of -> Nullable<Text>,
        postal_code -> Nullable<Text>,
        city -> Nullable<Text>,
        unit_id -> Text,
        responsible_caseworker_id -> Nullable<Text>,
        housing_situation -> Text,
        main_substance -> Text,
        income_source -> Text,
        status -> Text,
        closed_on -> Nullable<Date>,
        closed_reason -> Nullable<Text>,
        search_key -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    participant_assignments (id) {
        id -> Text,
        participant_id -> Text,
        staff_id -> Text,
        kind -> Text,
        start_date -> Date,
        end_date -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        resource_type -> Text,
        resource_id -> Nullable<Text>,
        participant_id -> Nullable<Text>,
        outcome -> Text,
    }
}

diesel::table! {
    idempotency_keys (staff_id, idempotency_key) {
        staff_id -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        response_status -> Nullable<Integer>,
        response_body -> Nullable<Binary>,
        response_location -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    programmes (id) {
        id -> Text,
        unit_id -> Text,
        name -> Text,
        kind -> Text,
        description -> Nullable<Text>,
        start_date -> Date,
        end_date -> Nullable<Date>,
        end_statuses -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    referrals (id) {
        id -> Text,
        participant_id -> Text,
        programme_id -> Text,
        referring_unit_id -> Text,
        referring_staff_id -> Text,
        referred_on -> Date,
        reason -> Text,
        target_group -> Text,
        assessment -> Nullable<Text>,
        status -> Text,
        first_meeting_on -> Nullable<Date>,
        status_changed_on -> Date,
        status_note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    enrolments (id) {
        id -> Text,
        participant_id -> Text,
        programme_id -> Text,
        referral_id -> Nullable<Text>,
        start_date -> Date,
        end_date -> Nullable<Date>,
        end_status -> Nullable<Text>,
        end_note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    enrolment_mappings (enrolment_id) {
        enrolment_id -> Text,
        current_housing -> Nullable<Text>,
        substance_use -> Nullable<Text>,
        authority_contacts -> Nullable<Text>,
        ongoing_interventions -> Nullable<Text>,
        education -> Nullable<Text>,
        years_since_last_job -> Nullable<Integer>,
        work_experience -> Nullable<Text>,
        disabilities -> Nullable<Text>,
        work_ability_limits -> Nullable<Text>,
        own_goal -> Nullable<Text>,
        first_step -> Nullable<Text>,
        completed_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    contacts (id) {
        id -> Text,
        staff_id -> Text,
        occurred_at -> Timestamp,
        kind -> Text,
        note -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    contact_participants (contact_id, participant_id) {
        contact_id -> Text,
        participant_id -> Text,
        attended -> Bool,
    }
}

diesel::table! {
    relapses (id) {
        id -> Text,
        participant_id -> Text,
        occurred_on -> Date,
        substance -> Text,
        outcome -> Text,
        note -> Nullable<Text>,
        recorded_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    consents (id) {
        id -> Text,
        participant_id -> Text,
        party -> Text,
        party_name -> Nullable<Text>,
        purpose -> Text,
        given_on -> Date,
        expires_on -> Nullable<Date>,
        withdrawn_on -> Nullable<Date>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    asi_interviews (id) {
        id -> Text,
        participant_id -> Text,
        kind -> Text,
        interviewed_on -> Date,
        interviewer_id -> Text,
        intervention_code -> Nullable<Text>,
        ratings -> Text,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    participant_merges (id) {
        id -> Text,
        into_id -> Text,
        from_id -> Text,
        moved -> Text,
        from_status -> Text,
        from_closed_on -> Nullable<Date>,
        from_closed_reason -> Nullable<Text>,
        merged_by -> Text,
        merged_at -> Timestamp,
        undone_by -> Nullable<Text>,
        undone_at -> Nullable<Timestamp>,
    }
}

// action plans
diesel::table! {
    action_plans (id) {
        id -> Text,
        participant_id -> Text,
        enrolment_id -> Nullable<Text>,
        sequence -> Integer,
        previous_plan_id -> Nullable<Text>,
        period_start -> Date,
        period_end -> Date,
        purpose -> Nullable<Text>,
        scope -> Nullable<Text>,
        participant_views -> Nullable<Text>,
        status -> Text,
        activated_on -> Nullable<Date>,
        signed_on -> Nullable<Date>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    action_plan_goals (id) {
        id -> Text,
        plan_id -> Text,
        position -> Integer,
        horizon -> Text,
        text -> Text,
        in_participants_words -> Bool,
        carried_from_goal_id -> Nullable<Text>,
        outcome -> Nullable<Text>,
        outcome_reason -> Nullable<Text>,
    }
}

diesel::table! {
    action_plan_interventions (id) {
        id -> Text,
        plan_id -> Text,
        position -> Integer,
        what -> Text,
        responsible_kind -> Text,
        responsible_staff_id -> Nullable<Text>,
        external_actor -> Nullable<Text>,
        frequency -> Nullable<Text>,
    }
}

diesel::table! {
    action_plan_reviews (plan_id) {
        plan_id -> Text,
        reviewed_on -> Date,
        analysis -> Text,
        participant_view -> Text,
        next_plan_id -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    method_evaluations (id) {
        id -> Text,
        programme_id -> Text,
        half_year -> Text,
        figures -> Text,
        computed_on -> Date,
        evaluation -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::joinable!(staff_units -> staff (staff_id));
diesel::joinable!(staff_units -> units (unit_id));
diesel::joinable!(sessions -> staff (staff_id));
diesel::joinable!(participants -> units (unit_id));
diesel::joinable!(participant_assignments -> participants (participant_id));
// casework
diesel::joinable!(contact_participants -> contacts (contact_id));

diesel::allow_tables_to_appear_in_same_query!(
    units,
    staff,
    staff_units,
    sessions,
    participants,
    participant_assignments,
    audit_log,
    idempotency_keys,
    // casework
    programmes,
    referrals,
    enrolments,
    enrolment_mappings,
    contacts,
    contact_participants,
    relapses,
    consents,
    asi_interviews,
    participant_merges,
    // action plans
    action_plans,
    action_plan_goals,
    action_plan_interventions,
    action_plan_reviews,
    method_evaluations,
);
