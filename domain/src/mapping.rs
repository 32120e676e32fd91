//! Mapping (kartläggning): the structured record a work consultant fills in over one or two
//! talks. It can be saved incomplete; completing it needs the participant's own goal and the
//! agreed first step (flow 1: "the client formulates a goal and a first step").

/// The fields that must be filled in before a mapping can be completed, in order.
pub const REQUIRED_FOR_COMPLETION: &[&str] = &["current_housing", "own_goal", "first_step"];

/// The required fields still empty, given (field, value) pairs of the mapping.
pub fn missing_for_completion(fields: &[(&str, Option<&str>)]) -> Vec<&'static str> {
    REQUIRED_FOR_COMPLETION
        .iter()
        .copied()
        .filter(|required| {
            !fields
                .iter()
                .any(|(name, v)| name == required && v.is_some_and(|v| !v.trim().is_empty()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_needs_goal_and_first_step() {
        let missing = missing_for_completion(&[
            ("current_housing", Some("Härbärge")),
            ("own_goal", Some(" ")),
            ("first_step", None),
        ]);
        assert_eq!(missing, ["own_goal", "first_step"]);
        let none = missing_for_completion(&[
            ("current_housing", Some("x")),
            ("own_goal", Some("Jobb")),
            ("first_step", Some("Praktik")),
        ]);
        assert!(none.is_empty());
    }
}
