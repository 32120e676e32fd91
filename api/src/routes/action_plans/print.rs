//! The print view of an action plan: one self-contained Swedish HTML page (inline styles, no
//! scripts, nothing loaded from elsewhere) for the participant to read and sign.

use std::fmt::Write;

use domain::action_plan::{GoalHorizon, GoalOutcome, PlanStatus, ResponsibleKind};

use crate::error::{ApiError, ApiResult};
use crate::store::action_plans::PlanRecord;
use crate::store::participants::ParticipantRow;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn status_sv(status: &str) -> &'static str {
    match status.parse::<PlanStatus>() {
        Ok(PlanStatus::Draft) => "Utkast",
        Ok(PlanStatus::Active) => "Gällande",
        Ok(PlanStatus::Reviewed) => "Uppföljd",
        Err(_) => "",
    }
}

fn outcome_sv(outcome: &str) -> &'static str {
    match outcome.parse::<GoalOutcome>() {
        Ok(GoalOutcome::Achieved) => "Uppnått",
        Ok(GoalOutcome::PartlyAchieved) => "Delvis uppnått",
        Ok(GoalOutcome::NotAchieved) => "Inte uppnått",
        Err(_) => "",
    }
}

fn or_dash(text: Option<&str>) -> String {
    text.map(escape).unwrap_or_else(|| "–".to_owned())
}

const STYLE: &str = "body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;\
padding:0 1em;color:#111;line-height:1.45}h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.15em;\
border-bottom:1px solid #999;margin-top:1.6em}.meta{color:#333}.text{white-space:pre-wrap}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3em .5em;text-align:left;\
vertical-align:top}.sign{display:flex;gap:3em;margin-top:2.5em}.sign div{flex:1;border-top:1px solid #111;\
padding-top:.3em}.note{font-size:.9em;color:#444}@media print{body{margin:0}}";

/// Renders the plan. `staff_names` maps staff ids to display names for the interventions.
pub fn render(
    rec: &PlanRecord,
    p: &ParticipantRow,
    staff_names: &[(String, String)],
) -> ApiResult<String> {
    write_page(rec, p, staff_names).map_err(|e| ApiError::Internal(e.to_string()))
}

fn write_page(
    rec: &PlanRecord,
    p: &ParticipantRow,
    staff_names: &[(String, String)],
) -> Result<String, std::fmt::Error> {
    let plan = &rec.plan;
    let name = escape(&format!("{} {}", p.first_name, p.last_name));
    let mut h = String::new();
    write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Handlingsplan – {name}</title><style>{STYLE}</style></head><body>\n<main>\n<h1>Handlingsplan</h1>\n"
    )?;
    write!(h, "<p class=\"meta\"><strong>{name}</strong>")?;
    if let Some(pin) = &p.personal_identity_number {
        write!(h, ", {}", escape(pin))?;
    }
    writeln!(
        h,
        "<br>Plan nr {} · Period {} – {} · {}</p>",
        plan.sequence,
        plan.period_start,
        plan.period_end,
        status_sv(&plan.status)
    )?;
    writeln!(
        h,
        "<h2>Syfte med kontakten</h2>\n<p class=\"text\">{}</p>",
        or_dash(plan.purpose.as_deref())
    )?;
    writeln!(
        h,
        "<h2>Omfattning</h2>\n<p class=\"text\">{}</p>",
        or_dash(plan.scope.as_deref())
    )?;
    writeln!(h, "<h2>Mål</h2>")?;
    for (horizon, heading) in [
        (GoalHorizon::ShortTerm, "Kortsiktiga mål"),
        (GoalHorizon::LongTerm, "Långsiktiga mål"),
    ] {
        let goals: Vec<_> = rec
            .goals
            .iter()
            .filter(|g| g.horizon == horizon.as_str())
            .collect();
        if goals.is_empty() {
            continue;
        }
        writeln!(h, "<h3>{heading}</h3>\n<ol>")?;
        for g in goals {
            write!(h, "<li><span class=\"text\">{}</span>", escape(&g.text))?;
            if g.in_participants_words {
                write!(h, " <em>(med deltagarens egna ord)</em>")?;
            }
            if g.carried_from_goal_id.is_some() {
                write!(
                    h,
                    " <span class=\"note\">(kvarstår från föregående plan)</span>"
                )?;
            }
            if let Some(o) = &g.outcome {
                write!(h, "<br><strong>Resultat:</strong> {}", outcome_sv(o))?;
                if let Some(r) = &g.outcome_reason {
                    write!(h, " – {}", escape(r))?;
                }
            }
            writeln!(h, "</li>")?;
        }
        writeln!(h, "</ol>")?;
    }
    if rec.goals.is_empty() {
        writeln!(h, "<p>–</p>")?;
    }
    writeln!(h, "<h2>Insatser</h2>")?;
    if rec.interventions.is_empty() {
        writeln!(h, "<p>–</p>")?;
    } else {
        writeln!(
            h,
            "<table><thead><tr><th scope=\"col\">Vad</th><th scope=\"col\">Ansvarig</th><th scope=\"col\">Hur ofta</th></tr></thead><tbody>"
        )?;
        for i in &rec.interventions {
            let responsible = match i.responsible_kind.parse::<ResponsibleKind>() {
                Ok(ResponsibleKind::Staff) => i
                    .responsible_staff_id
                    .as_ref()
                    .and_then(|id| staff_names.iter().find(|(s, _)| s == id))
                    .map(|(_, n)| escape(n))
                    .unwrap_or_else(|| "Personal".to_owned()),
                _ => or_dash(i.external_actor.as_deref()),
            };
            writeln!(
                h,
                "<tr><td class=\"text\">{}</td><td>{responsible}</td><td>{}</td></tr>",
                escape(&i.what),
                or_dash(i.frequency.as_deref())
            )?;
        }
        writeln!(h, "</tbody></table>")?;
    }
    writeln!(
        h,
        "<h2>Mina egna synpunkter</h2>\n<p class=\"text\">{}</p>",
        or_dash(plan.participant_views.as_deref())
    )?;
    if let Some(r) = &rec.review {
        writeln!(h, "<h2>Uppföljning {}</h2>", r.reviewed_on)?;
        writeln!(
            h,
            "<h3>Analys av insatser och resultat</h3>\n<p class=\"text\">{}</p>",
            escape(&r.analysis)
        )?;
        writeln!(
            h,
            "<h3>Deltagarens synpunkter</h3>\n<p class=\"text\">{}</p>",
            escape(&r.participant_view)
        )?;
    }
    writeln!(h, "<h2>Underskrifter</h2>")?;
    match plan.signed_on {
        Some(d) => writeln!(h, "<p>Planen undertecknades av deltagaren {d}.</p>")?,
        None => writeln!(
            h,
            "<p class=\"note\">Jag har tagit del av planen och är med på den.</p>\n<div class=\"sign\">\
<div>Deltagare<br><br>Datum</div><div>Ansvarig personal<br><br>Datum</div></div>"
        )?,
    }
    writeln!(h, "</main>\n</body></html>")?;
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<b a=\"x\">&'"),
            "&lt;b a=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(escape("Åsa"), "Åsa");
    }
}
