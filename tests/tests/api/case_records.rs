use serde_json::{Value, json};
use stegvis_tests::*;

use crate::casework_support::*;

both_backends! {
    async fn mapping_is_filled_in_over_several_talks_and_completed(app: TestApp) {
        let c = casework(&app).await;
        let e = enrol(&app, &c).await;
        let url = format!("/api/v1/enrolments/{}/mapping", id(&e));
        let empty = get_json(&app, &url, &c.consultant.token).await;
        assert_eq!(empty["version"], 0);
        // The first save names version 0, in the body or (as the web app does) in If-Match.
        let first = json!({"current_housing": "Härbärge", "substance_use": "Alkohol"});
        let res = app.client.put(app.url(&url)).bearer_auth(&c.consultant.token)
            .header("If-Match", "\"0\"").json(&first).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200);
        let saved: Value = res.json().await.unwrap();
        assert_eq!(saved["version"], 1);
        let mut stale = first.clone();
        stale["version"] = json!(0);
        assert_problem(app.put(&url, &c.consultant.token, &stale).await, 412).await;
        let problem = assert_problem(app.post(&format!("{url}/complete"), &c.consultant.token, &json!({"version": 1})).await, 422).await;
        assert_eq!(error_fields(&problem), ["own_goal", "first_step"]);
        let second = json!({"current_housing": "Härbärge", "substance_use": "Alkohol", "years_since_last_job": 6,
            "work_experience": "Lager", "own_goal": "Arbete på lager", "first_step": "Studiebesök", "version": 1});
        assert_eq!(app.put(&url, &c.consultant.token, &second).await.status().as_u16(), 200);
        assert_problem(app.put(&url, &c.consultant.token, &second).await, 412).await;
        let done = post_ok(&app, &format!("{url}/complete"), &c.consultant.token, &json!({"version": 2}), 200).await;
        assert!(done["completed_on"].is_string());
        assert_eq!(done["own_goal"], "Arbete på lager");
        let mut late = second.clone();
        late["version"] = json!(3);
        assert_problem(app.put(&url, &c.consultant.token, &late).await, 409).await;
        let outsider_unit = app.create_unit("Annan").await;
        let outsider = app.login_as("work_consultant", &[&outsider_unit]).await;
        assert_problem(app.get(&url, &outsider.token).await, 403).await;
    }

    async fn relapses_consents_and_asi_interviews(app: TestApp) {
        let c = casework(&app).await;
        enrol(&app, &c).await;
        let base = format!("/api/v1/participants/{}", c.participant);
        let relapse = post_ok(&app, &format!("{base}/relapses"), &c.consultant.token,
            &json!({"occurred_on": "2012-05-14", "substance": "alcohol", "outcome": "not_yet_known"}), 201).await;
        assert_eq!(relapse["resumed"], false);
        let mut edit = json!({"occurred_on": "2012-05-14", "substance": "alcohol", "outcome": "resumed_planning", "version": 1});
        let updated: Value = app.put(&format!("/api/v1/relapses/{}", id(&relapse)), &c.consultant.token, &edit).await.json().await.unwrap();
        assert_eq!(updated["resumed"], true);
        edit["occurred_on"] = json!("2999-01-01");
        edit["version"] = json!(2);
        let problem = assert_problem(app.put(&format!("/api/v1/relapses/{}", id(&relapse)), &c.consultant.token, &edit).await, 422).await;
        assert_eq!(error_fields(&problem), ["occurred_on"]);
        assert_eq!(get_json(&app, &format!("{base}/relapses"), &c.worker.token).await["total"], 1);

        // Consents: active, expired, withdrawn — visible before contacting the party.
        let active = post_ok(&app, &format!("{base}/consents"), &c.worker.token,
            &json!({"party": "landlord", "party_name": "Stockholmshem", "purpose": "Försökslägenhet", "given_on": "2012-03-01"}), 201).await;
        assert_eq!(active["state"], "active");
        let expired = post_ok(&app, &format!("{base}/consents"), &c.worker.token,
            &json!({"party": "employment_service", "purpose": "Planering", "given_on": "2012-01-01", "expires_on": "2012-06-30"}), 201).await;
        assert_eq!(expired["state"], "expired");
        let withdrawn = post_ok(&app, &format!("/api/v1/consents/{}/withdraw", id(&active)), &c.worker.token, &json!({"version": 1}), 200).await;
        assert_eq!(withdrawn["state"], "withdrawn");
        assert_problem(app.post(&format!("/api/v1/consents/{}/withdraw", id(&active)), &c.worker.token, &json!({"version": 2})).await, 409).await;
        let landlord = get_json(&app, &format!("{base}/consents?party=landlord"), &c.consultant.token).await;
        assert_eq!(landlord["total"], 1);
        assert_eq!(landlord["items"][0]["state"], "withdrawn");
        // Consents are the responsible caseworker's: a consultant may read but not record them.
        assert_problem(app.post(&format!("{base}/consents"), &c.consultant.token,
            &json!({"party": "probation", "purpose": "Samverkan", "given_on": "2012-03-01"})).await, 403).await;

        // ASI: baseline and follow-up, with the change per area.
        post_ok(&app, &format!("{base}/asi-interviews"), &c.worker.token, &json!({"kind": "baseline", "interviewed_on": "2012-02-10",
            "intervention_code": "URHEM", "ratings": [{"area": "alcohol", "interviewer_severity": 7, "participant_rating": 3},
                                                     {"area": "employment_support", "interviewer_severity": 8, "participant_rating": 4}]}), 201).await;
        let follow = post_ok(&app, &format!("{base}/asi-interviews"), &c.worker.token, &json!({"kind": "follow_up", "interviewed_on": "2012-11-10",
            "ratings": [{"area": "alcohol", "interviewer_severity": 4, "participant_rating": 1},
                        {"area": "employment_support", "interviewer_severity": 5, "participant_rating": 2}]}), 201).await;
        assert_eq!(follow["change_from_baseline"], json!([
            {"area": "employment_support", "interviewer_severity_change": -3, "participant_rating_change": -2},
            {"area": "alcohol", "interviewer_severity_change": -3, "participant_rating_change": -2}]));
        assert_eq!(get_json(&app, &format!("{base}/asi-interviews"), &c.worker.token).await["total"], 2);

        let timeline = get_json(&app, &format!("{base}/timeline"), &c.worker.token).await;
        let kinds: Vec<&str> = timeline["items"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["consent_given", "enrolment_started", "asi_interview", "consent_given", "relapse", "asi_interview", "consent_withdrawn"]);
        let dates: Vec<&str> = timeline["items"].as_array().unwrap().iter().map(|e| e["date"].as_str().unwrap()).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted);
        assert_eq!(dates[0], "2012-01-01");
    }

    async fn assignments_caseload_and_protected_identity(app: TestApp) {
        let c = casework(&app).await;
        let hidden = id(&app.create_participant(&c.worker.token, &participant_body(&c.unit,
            json!({"protected_identity": true, "responsible_caseworker_id": c.worker.staff_id, "last_name": "Skyddad"}))).await);
        let url = format!("/api/v1/participants/{hidden}");
        assert_problem(app.get(&url, &c.consultant.token).await, 404).await;
        let a = post_ok(&app, &format!("{url}/assignments"), &c.worker.token,
            &json!({"staff_id": c.consultant.staff_id, "kind": "work_consultant", "start_date": "2012-02-01"}), 201).await;
        assert_eq!(a["current"], true);
        post_ok(&app, &format!("/api/v1/participants/{}/assignments", c.participant), &c.worker.token,
            &json!({"staff_id": c.consultant.staff_id, "kind": "work_consultant", "start_date": "2012-02-01"}), 201).await;
        // Assigned: the protected participant is now visible to the consultant.
        get_json(&app, &url, &c.consultant.token).await;
        let caseload = get_json(&app, &format!("/api/v1/staff/{}/caseload", c.consultant.staff_id), &c.consultant.token).await;
        assert_eq!(caseload["total"], 2);
        // A colleague who is not assigned sees only the unprotected one in that caseload.
        let colleague = app.login_as("housing_support", &[&c.unit]).await;
        let seen = get_json(&app, &format!("/api/v1/staff/{}/caseload", c.consultant.staff_id), &colleague.token).await;
        assert_eq!(seen["total"], 1);
        // Only staff of the participant's unit can be assigned; only caseworkers and managers assign.
        let other_unit = app.create_unit("Annan enhet").await;
        let stranger = app.login_as("work_consultant", &[&other_unit]).await;
        let problem = assert_problem(app.post(&format!("{url}/assignments"), &c.worker.token,
            &json!({"staff_id": stranger.staff_id, "kind": "work_consultant", "start_date": "2012-02-01"})).await, 422).await;
        assert_eq!(error_fields(&problem), ["staff_id"]);
        assert_problem(app.post(&format!("/api/v1/participants/{}/assignments", c.participant), &c.consultant.token,
            &json!({"staff_id": c.consultant.staff_id, "kind": "work_consultant", "start_date": "2012-02-01"})).await, 403).await;
        // Ending the assignment takes the protected participant out of the caseload and out of sight.
        post_ok(&app, &format!("/api/v1/assignments/{}/end", id(&a)), &c.worker.token, &json!({"version": 1, "end_date": "2012-06-30"}), 200).await;
        assert_problem(app.get(&url, &c.consultant.token).await, 404).await;
        let after = get_json(&app, &format!("/api/v1/staff/{}/caseload", c.consultant.staff_id), &c.consultant.token).await;
        assert_eq!(after["total"], 1);
        let all = get_json(&app, &format!("{url}/assignments"), &c.worker.token).await;
        assert_eq!(all["items"][0]["current"], false);
    }
}
