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
        external_id -> Nullable<Text>,
    }
}

// PostgreSQL only (migration 000026): the columns the participant list filters and sorts on,
// kept by triggers on `participants`; see store::participant_list.
diesel::table! {
    participant_search (id) {
        id -> Text,
        unit_id -> Text,
        protected_identity -> Bool,
        responsible_caseworker_id -> Nullable<Text>,
        status -> Text,
        search_key -> Text,
        last_name -> Text,
        first_name -> Text,
        created_at -> Timestamp,
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
    housing_sites (id) {
        id -> Text,
        unit_id -> Text,
        name -> Text,
        address -> Nullable<Text>,
        district -> Nullable<Text>,
        description -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    apartments (id) {
        id -> Text,
        unit_id -> Text,
        site_id -> Nullable<Text>,
        address -> Text,
        district -> Nullable<Text>,
        kind -> Text,
        landlord -> Nullable<Text>,
        rooms -> Nullable<Integer>,
        size_sqm -> Nullable<Double>,
        monthly_rent -> Nullable<Integer>,
        lease_holder -> Nullable<Text>,
        status -> Text,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        external_id -> Nullable<Text>,
    }
}

diesel::table! {
    tenancies (id) {
        id -> Text,
        apartment_id -> Text,
        participant_id -> Text,
        move_in_on -> Date,
        planned_takeover_on -> Date,
        moved_out_on -> Nullable<Date>,
        move_out_reason -> Nullable<Text>,
        taken_over_on -> Nullable<Date>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        external_id -> Nullable<Text>,
    }
}

diesel::table! {
    housing_stage_changes (id) {
        id -> Text,
        participant_id -> Text,
        situation -> Text,
        from_date -> Date,
        source -> Text,
        tenancy_id -> Nullable<Text>,
        note -> Nullable<Text>,
        recorded_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    queue_entries (id) {
        id -> Text,
        participant_id -> Text,
        unit_id -> Text,
        wish -> Text,
        joined_on -> Date,
        priority -> Integer,
        ready -> Bool,
        not_ready_reason -> Nullable<Text>,
        status -> Text,
        notified_on -> Nullable<Date>,
        moved_in_on -> Nullable<Date>,
        removed_on -> Nullable<Date>,
        removal_reason -> Nullable<Text>,
        removal_note -> Nullable<Text>,
        tenancy_id -> Nullable<Text>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        external_id -> Nullable<Text>,
    }
}

diesel::table! {
    queue_draws (id) {
        id -> Text,
        unit_id -> Text,
        seed -> BigInt,
        size -> Integer,
        eligible -> Integer,
        wish -> Nullable<Text>,
        drawn_by -> Text,
        drawn_at -> Timestamp,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    queue_draw_members (draw_id, queue_entry_id) {
        draw_id -> Text,
        queue_entry_id -> Text,
        participant_id -> Text,
        draw_order -> Integer,
    }
}

diesel::table! {
    housing_follow_ups (id) {
        id -> Text,
        tenancy_id -> Text,
        participant_id -> Text,
        kind -> Text,
        due_on -> Date,
        done_on -> Nullable<Date>,
        housing_cost -> Nullable<Integer>,
        income_source -> Nullable<Text>,
        debts -> Nullable<Integer>,
        support -> Nullable<Text>,
        occupation -> Nullable<Text>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    risk_events (id) {
        id -> Text,
        participant_id -> Text,
        kind -> Text,
        occurred_on -> Date,
        description -> Nullable<Text>,
        resolved_on -> Nullable<Date>,
        resolution -> Nullable<Text>,
        recorded_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    caseload_limits (staff_id) {
        staff_id -> Text,
        min_caseload -> Integer,
        max_caseload -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    caseload_overrides (assignment_id) {
        assignment_id -> Text,
        approved_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    housing_search_cases (id) {
        id -> Text,
        participant_id -> Text,
        referring_unit -> Text,
        target_group -> Text,
        opened_on -> Date,
        actions -> Text,
        outcome -> Nullable<Text>,
        outcome_on -> Nullable<Date>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    temporary_stays (id) {
        id -> Text,
        participant_id -> Text,
        kind -> Text,
        from_date -> Date,
        to_date -> Nullable<Date>,
        cost_per_night -> Integer,
        provider -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    housing_course_sessions (id) {
        id -> Text,
        unit_id -> Text,
        kind -> Text,
        title -> Text,
        session_number -> Nullable<Integer>,
        held_on -> Date,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        leader -> Nullable<Text>,
    }
}

diesel::table! {
    housing_course_attendance (session_id, participant_id) {
        session_id -> Text,
        participant_id -> Text,
        attended -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        account_hash -> Text,
        address -> Text,
        at -> Timestamp,
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
        external_id -> Nullable<Text>,
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
        external_id -> Nullable<Text>,
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
        external_id -> Nullable<Text>,
    }
}

diesel::table! {
    contact_participants (contact_id, participant_id) {
        contact_id -> Text,
        participant_id -> Text,
        attended -> Bool,
        kind -> Text,
        occurred_at -> Timestamp,
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

diesel::table! {
    employers (id) {
        id -> Text,
        name -> Text,
        organisation_number -> Nullable<Text>,
        sector -> Text,
        address -> Nullable<Text>,
        contact_person -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        work_kinds -> Text,
        notes -> Nullable<Text>,
        search_key -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,        external_id -> Nullable<Text>,
    }
}

diesel::table! {
    study_visits (id) {
        id -> Text,
        participant_id -> Text,
        employer_id -> Text,
        visited_on -> Date,
        staff_id -> Text,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    activities (id) {
        id -> Text,
        participant_id -> Text,
        enrolment_id -> Text,
        kind -> Text,
        provider_employer_id -> Nullable<Text>,
        provider_name -> Nullable<Text>,
        start_date -> Date,
        planned_end -> Nullable<Date>,
        actual_end -> Nullable<Date>,
        status -> Text,
        end_reason -> Nullable<Text>,
        led_to_employment -> Bool,
        note -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        external_id -> Nullable<Text>,
    }
}

diesel::table! {
    activity_hours (id) {
        id -> Text,
        activity_id -> Text,
        from_date -> Date,
        hours_per_week -> Integer,
        recorded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    internship_agreements (id) {
        id -> Text,
        activity_id -> Text,
        period_start -> Date,
        original_end -> Date,
        period_end -> Date,
        signed_on -> Nullable<Date>,
        insurance_confirmed -> Bool,
        workplace_contact -> Text,
        ended_early_on -> Nullable<Date>,
        ended_by -> Nullable<Text>,
        end_reason -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    agreement_follow_ups (id) {
        id -> Text,
        agreement_id -> Text,
        occurred_on -> Date,
        kind -> Text,
        note -> Nullable<Text>,
        staff_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    agreement_extensions (id) {
        id -> Text,
        agreement_id -> Text,
        decided_on -> Date,
        previous_end -> Date,
        new_end -> Date,
        follow_up_id -> Text,
        staff_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    employment_outcomes (id) {
        id -> Text,
        activity_id -> Text,
        participant_id -> Text,
        kind -> Text,
        employer_id -> Nullable<Text>,
        employer_name -> Nullable<Text>,
        start_date -> Date,
        hours_per_week -> Integer,
        employment_service_contact -> Nullable<Text>,
        note -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    handovers (id) {
        id -> Text,
        participant_id -> Text,
        enrolment_id -> Nullable<Text>,
        kind -> Text,
        handed_over_on -> Date,
        note -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    import_jobs (id) {
        id -> Text,
        staff_id -> Text,
        resource -> Text,
        format -> Text,
        mode -> Text,
        dry_run -> Bool,
        status -> Text,
        rows_processed -> Integer,
        created -> Integer,
        updated -> Integer,
        unchanged -> Integer,
        error_count -> Integer,
        errors -> Text,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(staff_units -> staff (staff_id));
diesel::joinable!(staff_units -> units (unit_id));
diesel::joinable!(sessions -> staff (staff_id));
diesel::joinable!(participants -> units (unit_id));
diesel::joinable!(participant_assignments -> participants (participant_id));
diesel::joinable!(apartments -> housing_sites (site_id));
diesel::joinable!(tenancies -> apartments (apartment_id));
diesel::joinable!(tenancies -> participants (participant_id));
diesel::joinable!(queue_entries -> participants (participant_id));
diesel::joinable!(contact_participants -> contacts (contact_id));
diesel::joinable!(activities -> participants (participant_id));
diesel::joinable!(internship_agreements -> activities (activity_id));

diesel::allow_tables_to_appear_in_same_query!(
    units,
    staff,
    staff_units,
    sessions,
    participants,
    participant_assignments,
    participant_search,
    audit_log,
    idempotency_keys,
    login_failures,
    housing_sites,
    apartments,
    tenancies,
    housing_stage_changes,
    queue_entries,
    queue_draws,
    queue_draw_members,
    housing_follow_ups,
    risk_events,
    caseload_limits,
    caseload_overrides,
    housing_search_cases,
    temporary_stays,
    housing_course_sessions,
    housing_course_attendance,
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
    // work rehabilitation
    employers,
    study_visits,
    activities,
    activity_hours,
    internship_agreements,
    agreement_follow_ups,
    agreement_extensions,
    employment_outcomes,
    handovers,
    // import and export
    import_jobs,
);
