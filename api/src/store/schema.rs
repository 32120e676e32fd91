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
    login_failures (id) {
        id -> Text,
        account_hash -> Text,
        address -> Text,
        at -> Timestamp,
    }
}

diesel::joinable!(staff_units -> staff (staff_id));
diesel::joinable!(staff_units -> units (unit_id));
diesel::joinable!(sessions -> staff (staff_id));
diesel::joinable!(participants -> units (unit_id));
diesel::joinable!(participant_assignments -> participants (participant_id));

diesel::allow_tables_to_appear_in_same_query!(
    units,
    staff,
    staff_units,
    sessions,
    participants,
    participant_assignments,
    audit_log,
    idempotency_keys,
    login_failures,
);
