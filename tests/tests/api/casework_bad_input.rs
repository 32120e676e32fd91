use serde_json::json;
use stegvis_tests::*;

use crate::casework_support::*;

both_backends! {
    async fn bad_casework_input_is_422_with_the_field_and_writes_nothing(app: TestApp) {
        let c = casework(&app).await;
        // A contact in the future marked as attended.
        let problem = assert_problem(app.post("/api/v1/contacts", &c.consultant.token,
            &contact_body(&[(&c.participant, true)], "2999-01-01T09:00:00Z")).await, 422).await;
        assert_eq!(error_fields(&problem), ["participants[0].attended"]);
        // … but it can be booked as not (yet) attended.
        post_ok(&app, "/api/v1/contacts", &c.consultant.token, &contact_body(&[(&c.participant, false)], "2999-01-01T09:00:00Z"), 201).await;
        assert_eq!(count_rows(&app.db, "contacts"), 1);

        // A relapse for someone never enrolled in anything.
        let relapse = json!({"occurred_on": "2012-05-14", "substance": "alcohol", "outcome": "resumed_planning"});
        let url = format!("/api/v1/participants/{}/relapses", c.participant);
        let problem = assert_problem(app.post(&url, &c.worker.token, &relapse).await, 422).await;
        assert_eq!(error_fields(&problem), ["participant_id"]);
        assert_eq!(count_rows(&app.db, "relapses"), 0);

        // An enrolment in a programme outside its period.
        let ended = create_programme(&app, &c.manager, &c.unit, json!({"name": "Avslutat projekt", "end_date": "2012-12-31"})).await;
        let problem = assert_problem(app.post("/api/v1/enrolments", &c.worker.token,
            &json!({"participant_id": c.participant, "programme_id": ended, "start_date": "2013-02-01"})).await, 422).await;
        assert_eq!(error_fields(&problem), ["start_date"]);
        let problem = assert_problem(app.post("/api/v1/enrolments", &c.worker.token,
            &json!({"participant_id": c.participant, "programme_id": ended, "start_date": "2011-10-01"})).await, 422).await;
        assert_eq!(error_fields(&problem), ["start_date"]);
        assert_eq!(count_rows(&app.db, "enrolments"), 0);

        // An end date before its start (enrolment, assignment, consent expiry).
        let e = enrol(&app, &c).await;
        let problem = assert_problem(app.put(&format!("/api/v1/enrolments/{}", id(&e)), &c.worker.token,
            &json!({"start_date": "2012-02-01", "end_date": "2012-01-01", "end_status": "other", "version": 1})).await, 422).await;
        assert!(error_fields(&problem).contains(&"end_date".to_owned()), "{problem}");
        let problem = assert_problem(app.post(&format!("/api/v1/enrolments/{}/end", id(&e)), &c.worker.token,
            &json!({"end_date": "2012-01-31", "end_status": "other", "version": 1})).await, 422).await;
        assert_eq!(error_fields(&problem), ["end_date"]);
        let problem = assert_problem(app.post(&format!("/api/v1/participants/{}/assignments", c.participant), &c.worker.token,
            &json!({"staff_id": c.consultant.staff_id, "kind": "work_consultant", "start_date": "2012-02-01", "end_date": "2012-01-01"})).await, 422).await;
        assert_eq!(error_fields(&problem), ["end_date"]);
        let problem = assert_problem(app.post(&format!("/api/v1/participants/{}/consents", c.participant), &c.worker.token,
            &json!({"party": "landlord", "purpose": "Bostad", "given_on": "2012-03-01", "expires_on": "2012-02-01"})).await, 422).await;
        assert_eq!(error_fields(&problem), ["expires_on"]);
        let same = get_json(&app, &format!("/api/v1/enrolments/{}", id(&e)), &c.worker.token).await;
        assert_eq!(same["version"], 1);
        assert!(same["end_date"].is_null());
        assert_eq!(count_rows(&app.db, "participant_assignments"), 0);
        assert_eq!(count_rows(&app.db, "consents"), 0);

        // A referral for a closed participant.
        let url = format!("/api/v1/participants/{}/close", c.participant);
        post_ok(&app, &url, &c.worker.token, &json!({"version": 1}), 200).await;
        let problem = assert_problem(app.post("/api/v1/referrals", &c.worker.token, &referral_body(&c)).await, 422).await;
        assert_eq!(error_fields(&problem), ["participant_id"]);
        assert_eq!(count_rows(&app.db, "referrals"), 0);

        // ASI ratings out of range, several fields at once.
        let problem = assert_problem(app.post(&format!("/api/v1/participants/{}/asi-interviews", c.participant), &c.worker.token,
            &json!({"kind": "baseline", "interviewed_on": "2012-02-10",
                    "ratings": [{"area": "alcohol", "interviewer_severity": 10, "participant_rating": 5}]})).await, 422).await;
        assert_eq!(error_fields(&problem), ["ratings[0].interviewer_severity", "ratings[0].participant_rating"]);
        assert_eq!(count_rows(&app.db, "asi_interviews"), 0);
    }
}
