use reqwest::StatusCode;
use serde_json::Value;
use stegvis_tests::*;

/// The committed openapi.yaml is exactly what the code generates.
/// Regenerate with: cargo run -q -- openapi > openapi.yaml
#[test]
fn committed_openapi_yaml_matches_the_code() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml"))
            .expect("openapi.yaml at the repository root");
    let generated = stegvis::openapi::yaml().unwrap();
    assert!(
        committed == generated,
        "openapi.yaml is out of date: run `cargo run -q -- openapi > openapi.yaml` and commit it"
    );
}

#[test]
fn every_operation_is_documented_with_problems_and_unique_ids() {
    let doc: Value = serde_json::to_value(stegvis::openapi::document()).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let mut ids = std::collections::HashSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            assert!(ids.insert(id.to_owned()), "duplicate operationId {id}");
            assert!(op["summary"].is_string(), "{method} {path} has a summary");
            let responses = op["responses"].as_object().unwrap();
            for code in ["422", "500", "503"] {
                assert!(
                    responses.contains_key(code),
                    "{method} {path} documents {code}"
                );
            }
            if op.get("security").is_some() {
                assert!(
                    responses.contains_key("401") && responses.contains_key("403"),
                    "{method} {path}"
                );
            }
        }
    }
}

/// Every `$ref` points at something the document defines (a dangling one breaks client generators).
#[test]
fn every_reference_resolves() {
    fn walk<'a>(v: &'a Value, refs: &mut Vec<&'a str>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    refs.push(r);
                }
                map.values().for_each(|v| walk(v, refs));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, refs)),
            _ => {}
        }
    }
    let doc: Value = serde_json::to_value(stegvis::openapi::document()).unwrap();
    let mut refs = Vec::new();
    walk(&doc, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external reference {r}"));
        assert!(doc.pointer(pointer).is_some(), "dangling reference {r}");
    }
}

both_backends! {
    async fn served_document_and_interactive_docs(app: TestApp) {
        let served: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
        assert_eq!(served, serde_json::to_value(stegvis::openapi::document()).unwrap());
        let res = app.client.get(app.url("/docs/")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.text().await.unwrap().contains("swagger"));
    }
}
