//! The decision per machine (`core::decision`) follows from the plan: one case per decision.
#![cfg(not(target_arch = "wasm32"))]

use upgrade_planner::core::decision::{decide, Decision};
use upgrade_planner::core::{evaluate, parse_scenario, Os};

fn decision(json: &str) -> (Decision, String) {
    let s = parse_scenario(json).unwrap();
    let plan = evaluate(&s).unwrap();
    let d = decide(&plan, s.current.os, s.target.os);
    (d.decision, d.reason)
}

#[test]
fn each_decision_follows_from_its_plan() {
    let cases = [
        (
            r#"{"current":{"os":"windows-server-2016"},"target":{"os":"windows-server-2019"},"hardware":{"cpu":{"slat":true}},"as_of":"2026-11-21"}"#,
            Decision::UpgradeNow,
        ),
        (
            r#"{"current":{"os":"windows-server-2016"},"target":{"os":"windows-server-2025"},"as_of":"2026-11-21"}"#,
            Decision::FixFirst,
        ),
        (
            r#"{"current":{"os":"windows-server-2008-r2","cluster_node":true},"target":{"os":"windows-server-2012-r2"},"as_of":"2026-11-21"}"#,
            Decision::Migrate,
        ),
        (
            r#"{"current":{"os":"windows-10","edition":"pro","release":"22H2"},"target":{"os":"windows-11"},"hardware":{"cpu":{"manufacturer":"intel","family":6,"model":94,"stepping":3}},"as_of":"2025-06-01"}"#,
            Decision::ReplaceHardware,
        ),
        (
            r#"{"current":{"os":"windows-10","edition":"pro","release":"22H2"},"target":{"os":"windows-11"},"hardware":{"cpu":{"manufacturer":"intel","family":6,"model":94,"stepping":3}},"as_of":"2026-11-21"}"#,
            Decision::BridgeWithEsu,
        ),
        (
            r#"{"current":{"os":"windows-server-2019"},"target":{"os":"windows-server-2019"},"as_of":"2026-11-21"}"#,
            Decision::AlreadyOnTarget,
        ),
        // A PC on the target's release: nothing to do, whatever is not known of its hardware.
        (
            r#"{"current":{"os":"windows-11","edition":"pro","release":"25H2"},"target":{"os":"windows-11","release":"25H2"},"as_of":"2026-11-21"}"#,
            Decision::AlreadyOnTarget,
        ),
        // An older release of the target's version is a feature update still to make.
        (
            r#"{"current":{"os":"windows-11","edition":"pro","release":"23H2"},"target":{"os":"windows-11","release":"25H2"},"hardware":{"tpm":"2.0","tpm_enabled":true,"firmware":"uefi","secure_boot":"enabled","partition_style":"gpt","ram_gb":16,"disk_gb":256,"s_mode":false,"cpu":{"manufacturer":"intel","family":6,"model":158,"stepping":10,"logical_processors":6,"clock_mhz":3000}},"as_of":"2026-11-21"}"#,
            Decision::UpgradeNow,
        ),
    ];
    for (json, want) in cases {
        let (got, reason) = decision(json);
        assert_eq!(got, want, "{json}: {reason}");
        assert!(
            !reason.is_empty() && !reason.contains('\n'),
            "{json}: {reason:?}"
        );
    }
    // Before Windows 10's end of support a replacement is a plain replacement; after it, ESU
    // bridges until a date the reason names.
    let (_, reason) = decision(cases[4].0);
    assert!(reason.contains("until 2028-10-10"), "{reason}");
    assert_eq!(
        Decision::from_id("bridge-with-esu"),
        Some(Decision::BridgeWithEsu)
    );
    assert_eq!(Os::Windows10.id(), "windows-10");
}
