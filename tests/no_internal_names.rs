//! Users never see a source tag (`S-SAMEHW`), a seed file name (`000_872fc5ce77b3fee7.txt`) or a
//! facts file name (`upgrade-rules.md`): every plan of every fixture, as JSON and as the Markdown
//! copy, and the command's fleet reports are scanned for them. (The built site is scanned by the
//! end-to-end tests, tests/e2e/internal-names.test.mjs.)
#![cfg(not(target_arch = "wasm32"))]

use upgrade_planner::core::inventory::{
    decode_text, parse_inventory, plan_inventory, summary, to_csv, to_json, to_markdown,
    InventoryOptions,
};
use upgrade_planner::core::{evaluate, parse_scenario, Os};

/// The internal names found in `text`, if any.
fn internal_names(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for name in [
        "upgrade-rules.md",
        "hardware-and-lifecycle.md",
        "sources.md",
        "facts/",
        "seeds/",
    ] {
        if text.contains(name) {
            found.push(name.to_string());
        }
    }
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('_') {
        // A seed file name: three digits, `_`, sixteen hex digits, `.txt`.
        if i >= 3 && bytes[i - 3..i].iter().all(u8::is_ascii_digit) {
            let rest = &text[i + 1..];
            if rest.len() >= 20
                && rest.as_bytes()[..16].iter().all(u8::is_ascii_hexdigit)
                && rest[16..].starts_with(".txt")
            {
                found.push(text[i - 3..i + 21].to_string());
            }
        }
    }
    for (i, _) in text.match_indices("S-") {
        // A source tag: `S-` after a non-letter, then two or more capitals or digits.
        let before = text[..i].chars().next_back();
        let tag: String = text[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '-')
            .collect();
        if !before.is_some_and(|c| c.is_alphanumeric())
            && tag.len() >= 2
            && tag.chars().any(|c| c.is_ascii_uppercase())
        {
            found.push(format!("S-{tag}"));
        }
    }
    found
}

#[test]
fn the_detector_finds_each_kind() {
    assert_eq!(
        internal_names("see upgrade-rules.md §2"),
        ["upgrade-rules.md"]
    );
    assert_eq!(
        internal_names("(000_872fc5ce77b3fee7.txt)"),
        ["000_872fc5ce77b3fee7.txt"]
    );
    assert_eq!(internal_names("S-SAMEHW says"), ["S-SAMEHW"]);
    assert!(internal_names("Windows Server 2012 R2, KB 935197, UEFI-S mode").is_empty());
}

#[test]
fn no_plan_of_any_fixture_shows_an_internal_name() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");
    let mut dirs = vec![std::path::PathBuf::from(root)];
    let mut checked = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let fixture: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let Ok(s) = parse_scenario(&fixture["scenario"].to_string()) else {
                continue;
            };
            let Ok(plan) = evaluate(&s) else { continue };
            let json = serde_json::to_string(&plan).unwrap();
            let markdown = plan.runbook_markdown("Runbook");
            for (what, text) in [("JSON", &json), ("Markdown", &markdown)] {
                let found = internal_names(text);
                assert!(
                    found.is_empty(),
                    "{}: {what} shows {found:?}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} plans checked");
}

#[test]
fn no_fleet_report_shows_an_internal_name() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/inventories");
    for name in [
        "native.csv",
        "get-computerinfo.csv",
        "configmgr-hinv.csv",
        "readiness/native-hardware.csv",
    ] {
        let text = decode_text(&std::fs::read(format!("{dir}/{name}")).unwrap()).unwrap();
        for target in [Os::Server2025, Os::Windows11] {
            let inv = parse_inventory(&text, &InventoryOptions::with_target_os(target));
            let as_of = upgrade_planner::core::date::Date::lit("2026-11-21");
            let results = plan_inventory(&inv, as_of);
            for text in [
                to_csv(&results),
                to_json(&inv, as_of),
                to_markdown(&results, &summary(&results)),
            ] {
                let found = internal_names(&text);
                assert!(found.is_empty(), "{name} → {target:?}: {found:?}");
            }
        }
    }
}
