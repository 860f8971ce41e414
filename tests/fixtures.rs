//! Runs every fixture in tests/scenarios/: a Scenario and what its Plan (or input error) must contain.
//! Fixtures in tests/scenarios/synthetic-2028/ run only with `--features synthetic-2028`.
//!
//! Fixture format (JSON):
//! ```json
//! { "rule": "what this fixture proves, and its source",
//!   "scenario": { ... },
//!   "expect": { "verdict": "...", "method": "...", "route": ["..."], "confidence": "...",
//!               "findings": ["code", ...], "no_findings": ["code", ...],
//!               "setup_messages": ["exact text", ...], "steps": ["substring", ...],
//!               "alternatives": ["method", ...], "explanation": ["substring", ...],
//!               "hardware": "ready|fixable|replace|unknown", "readiness": {"w11-tpm": "pass", ...},
//!               "readiness_fix": {"w11-tpm": "fixable|replace"}, "esu_until": "2028-10-10",
//!               "stops": [{"os": "windows-10", "end": "2025-10-14", "support": "ended", "days_left": -413}] } }
//! ```
//! or, for bad input, `"expect": { "error_path": "current.edition", "error": ["substring", ...] }`.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::Path;
use upgrade_planner::core::evaluate_json;

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn check(name: &str, fixture: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let expect = &fixture["expect"];
    let scenario = serde_json::to_string(&fixture["scenario"]).unwrap();
    let result = evaluate_json(&scenario);
    if expect.get("error_path").is_some() || expect.get("error").is_some() {
        match result {
            Ok(plan) => errs.push(format!(
                "{name}: expected an input error, got verdict {}",
                plan.verdict.id()
            )),
            Err(e) => {
                if let Some(p) = expect["error_path"].as_str() {
                    if e.path != p {
                        errs.push(format!(
                            "{name}: error path `{}`, expected `{p}` ({e})",
                            e.path
                        ));
                    }
                }
                for s in strings(expect, "error") {
                    if !e.message.contains(&s) {
                        errs.push(format!("{name}: error `{e}` lacks `{s}`"));
                    }
                }
            }
        }
        return errs;
    }
    let plan = match result {
        Ok(p) => p,
        Err(e) => return vec![format!("{name}: unexpected input error: {e}")],
    };
    let json = serde_json::to_value(&plan).unwrap();
    for key in ["verdict", "method", "confidence"] {
        if let Some(want) = expect.get(key) {
            if &json[key] != want {
                errs.push(format!("{name}: {key} is {}, expected {want}", json[key]));
            }
        }
    }
    if let Some(want) = expect.get("route") {
        if &json["route"] != want {
            errs.push(format!(
                "{name}: route is {}, expected {want}",
                json["route"]
            ));
        }
    }
    let codes: Vec<&str> = plan.findings.iter().map(|f| f.code.id()).collect();
    for c in strings(expect, "findings") {
        if !codes.contains(&c.as_str()) {
            errs.push(format!(
                "{name}: finding `{c}` missing; findings: {codes:?}"
            ));
        }
    }
    for c in strings(expect, "no_findings") {
        if codes.contains(&c.as_str()) {
            errs.push(format!("{name}: finding `{c}` present but must not be"));
        }
    }
    for m in strings(expect, "setup_messages") {
        if !plan.setup_messages.contains(&m) {
            errs.push(format!(
                "{name}: setup message missing: {m:?}; got {:?}",
                plan.setup_messages
            ));
        }
    }
    for s in strings(expect, "steps") {
        if !plan.steps.iter().any(|st| st.text.contains(&s)) {
            errs.push(format!("{name}: no step contains {s:?}"));
        }
    }
    let alts: Vec<&str> = plan.alternatives.iter().map(|a| a.method.id()).collect();
    for a in strings(expect, "alternatives") {
        if !alts.contains(&a.as_str()) {
            errs.push(format!("{name}: alternative `{a}` missing; got {alts:?}"));
        }
    }
    errs.extend(check_machine(name, expect, &json));
    let explanation = plan.explanation.clone().unwrap_or_default();
    for s in strings(expect, "explanation") {
        if !explanation.contains(&s) {
            errs.push(format!("{name}: explanation lacks {s:?}: {explanation}"));
        }
    }
    errs
}

/// `hardware` (the readiness outcome), `readiness` {check: status}, `readiness_fix`
/// {check: fixable|replace}, `stops` [{os, key: value…}] (matched by os), `esu_until`.
fn check_machine(name: &str, expect: &Value, json: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let readiness = &json["readiness"];
    if let Some(want) = expect.get("hardware") {
        if &readiness["outcome"] != want {
            errs.push(format!(
                "{name}: hardware is {}, expected {want}",
                readiness["outcome"]
            ));
        }
    }
    let check_of = |code: &str| {
        readiness["checks"]
            .as_array()
            .and_then(|a| a.iter().find(|c| c["code"] == code))
            .cloned()
    };
    for (key, field) in [("readiness", "status"), ("readiness_fix", "remedy")] {
        for (code, want) in expect
            .get(key)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            match check_of(code) {
                Some(c) if &c[field] == want => {}
                Some(c) => errs.push(format!(
                    "{name}: check {code} {field} is {}, expected {want} ({})",
                    c[field], c["value"]
                )),
                None => errs.push(format!(
                    "{name}: check {code} missing; checks: {}",
                    readiness["checks"]
                )),
            }
        }
    }
    let wanted = expect.get("stops").and_then(Value::as_array);
    for (i, want) in wanted.into_iter().flatten().enumerate() {
        // The k-th expected stop of a version is the plan's k-th stop of that version.
        let k = wanted.unwrap()[..i]
            .iter()
            .filter(|w| w["os"] == want["os"])
            .count();
        let stop = json["stops"]
            .as_array()
            .and_then(|a| a.iter().filter(|s| s["os"] == want["os"]).nth(k));
        let Some(stop) = stop else {
            errs.push(format!(
                "{name}: no stop {}; stops: {}",
                want["os"], json["stops"]
            ));
            continue;
        };
        for (k, v) in want.as_object().into_iter().flatten() {
            if &stop[k] != v {
                errs.push(format!(
                    "{name}: stop {} {k} is {}, expected {v}",
                    want["os"], stop[k]
                ));
            }
        }
    }
    if let Some(want) = expect.get("esu_until") {
        let open = json["esu"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|o| o["open"] == true)
            .filter_map(|o| o["until"].as_str())
            .max();
        if open != want.as_str() {
            errs.push(format!("{name}: ESU until {open:?}, expected {want}"));
        }
    }
    errs
}

#[test]
fn every_fixture_holds() {
    run_fixtures("tests/scenarios", 10);
}

/// Hardware readiness, virtual machines, lifecycle per release, ESU and domain controllers,
/// written from the facts alone (tests/scenarios/hardware/README.md).
#[test]
fn hardware_fixtures_hold() {
    run_fixtures("tests/scenarios/hardware", 80);
}

/// Fixtures of the synthetic Windows Server 2028 (docs/adding-a-version.md); a real new version's
/// fixtures go straight into tests/scenarios/.
#[cfg(feature = "synthetic-2028")]
#[test]
fn synthetic_2028_fixtures_hold() {
    run_fixtures("tests/scenarios/synthetic-2028", 3);
}

/// Checks every `*.json` directly in `dir` (subfolders are not read).
fn run_fixtures(dir: &str, at_least: usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= at_least,
        "expected the fixture set in {}",
        dir.display()
    );
    let mut errs = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(f).unwrap();
        match serde_json::from_str::<Value>(&text) {
            Ok(v) => errs.extend(check(&name, &v)),
            Err(e) => errs.push(format!("{name}: not JSON: {e}")),
        }
    }
    println!("{} fixtures checked", files.len());
    assert!(
        errs.is_empty(),
        "{} fixture failures:\n{}",
        errs.len(),
        errs.join("\n")
    );
}
