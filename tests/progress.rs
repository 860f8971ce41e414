//! Progress between two inventories (`src/core/progress.rs`, `upgrade-plan --compare`): the
//! statuses of a small fleet seen twice, through the command; and, as a property, every machine of
//! either inventory exactly once, with counts that add up.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use std::collections::BTreeSet;
use upgrade_planner::core::decision::Decision;
use upgrade_planner::core::inventory::RowResult;
use upgrade_planner::core::progress::{compare, Status};
use upgrade_planner::core::Os;

/// `upgrade-plan --inventory later.csv --compare EARLIER`.
fn compare_with(earlier: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_upgrade-plan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "--inventory",
            "tests/inventories/progress/later.csv",
            "--compare",
            earlier,
        ])
        .output()
        .unwrap()
}

#[test]
fn the_command_says_what_happened_to_each_machine() {
    let out = compare_with("tests/inventories/progress/earlier.csv");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let status: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[8].as_str()))
        .collect();
    assert_eq!(
        status,
        [
            // Moved from 2016 to 2025; its verdict went from "after prerequisites" to "supported".
            ("APP01", "upgraded", "true"),
            ("APP02", "still-to-do", "false"),
            // Matched whatever the case of its name.
            ("APP03", "still-to-do", "false"),
            // Its edition was mistyped before: an input error then, a plan now.
            ("APP04", "still-to-do", "true"),
            ("DONE01", "on-target", "false"),
            ("NEW01", "new", "false"),
            ("OLD01", "removed", "false"),
        ]
    );
    // APP01 is twice in the earlier inventory: the first row counts, and stderr says so.
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("`APP01` appears more than once in the earlier inventory"));
}

#[test]
fn a_bad_earlier_inventory_is_one_line_naming_it() {
    let out = compare_with("tests/inventories/progress/missing.csv");
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(e.starts_with("upgrade-plan: the earlier inventory:"), "{e}");
    assert_eq!(e.lines().count(), 1);
}

fn fleet(names: &[(u8, u8)]) -> Vec<RowResult> {
    const OS: [Os; 3] = [Os::Server2016, Os::Server2019, Os::Server2025];
    names
        .iter()
        .map(|&(n, v)| {
            let mut r = RowResult::new(&format!("m{n}"), 2);
            let os = OS[usize::from(v) % 3];
            r.current = Some(os);
            r.decision = if os == Os::Server2025 {
                Decision::AlreadyOnTarget
            } else {
                Decision::UpgradeNow
            };
            r
        })
        .collect()
}

proptest! {
    #![proptest_config(Config {
        cases: 500,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    })]

    #[test]
    fn every_machine_once_and_the_counts_add_up(
        before in proptest::collection::vec((0u8..30, 0u8..3), 0..25),
        after in proptest::collection::vec((0u8..30, 0u8..3), 0..25),
    ) {
        let (b, a) = (fleet(&before), fleet(&after));
        let p = compare(&b, &a);
        let names = |f: &[RowResult]| f.iter().map(|r| r.name.clone()).collect::<BTreeSet<_>>();
        let all: BTreeSet<String> = names(&b).union(&names(&a)).cloned().collect();
        let listed: Vec<String> = p.changes.iter().map(|c| c.name.clone()).collect();
        prop_assert_eq!(listed.len(), all.len());
        prop_assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), all);
        prop_assert_eq!(p.counts.values().sum::<usize>(), p.changes.len());
        for c in &p.changes {
            let in_before = names(&b).contains(&c.name);
            let in_after = names(&a).contains(&c.name);
            prop_assert_eq!(c.status == Status::New, !in_before);
            prop_assert_eq!(c.status == Status::Removed, !in_after);
        }
    }
}
