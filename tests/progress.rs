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

// ---------------------------------------------------------------------------------------------
// The Fleet view's path: the engine reads the earlier file apart from the session, the second
// stage compares; or the second stage remembers a fleet and compares with it later.
// ---------------------------------------------------------------------------------------------

mod fleet_view {
    use serde_json::{json, Value};
    use upgrade_planner::core::fleet::extras::{self, Extras, REMEMBERED_FORMAT};
    use upgrade_planner::core::fleet::{handle, protocol, Fleet, Payload};

    fn file(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/tests/inventories/progress/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    fn import(state: &mut Option<Fleet>, text: &str) {
        let r = json!({"op": "import", "as_of": "2026-12-02"}).to_string();
        let reply: Value = serde_json::from_str(&handle(state, &r, Payload::Text(text))).unwrap();
        assert!(reply["import"]["error"].is_null(), "{reply}");
    }

    fn compare_request(remembered: bool) -> String {
        json!({"op": "compare", "as_of": "2026-12-02", "remembered": remembered}).to_string()
    }

    /// Compare the session with `earlier` (a file's text, or a remembered inventory).
    fn compare(
        state: &Option<Fleet>,
        second: &mut Option<Extras>,
        earlier: &str,
        remembered: bool,
    ) -> Value {
        let request = compare_request(remembered);
        let earlier = if remembered {
            earlier.to_string()
        } else {
            protocol::earlier(&request, Payload::Text(earlier))
        };
        let input = state.as_ref().unwrap().plan_input();
        serde_json::from_str(&extras::handle(
            second,
            &request,
            Some(&input),
            Some(&earlier),
        ))
        .unwrap()
    }

    fn export(second: &mut Option<Extras>) -> String {
        let r = json!({"op": "export", "format": "progress-csv"}).to_string();
        let reply: Value = serde_json::from_str(&extras::handle(second, &r, None, None)).unwrap();
        assert_eq!(reply["export"]["chunks"], 1, "{reply}");
        extras::next_chunk(second).unwrap()
    }

    fn the_commands_csv() -> String {
        let out = super::compare_with("tests/inventories/progress/earlier.csv");
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    }

    fn message(reply: &Value) -> String {
        reply["error"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("not an error: {reply}"))
            .to_string()
    }

    #[test]
    fn a_file_compared_in_the_view_gives_the_commands_csv_and_counts() {
        let mut state = None;
        let mut second = None;
        import(&mut state, &file("later.csv"));
        let reply = compare(&state, &mut second, &file("earlier.csv"), false);
        let p = &reply["progress"];
        let counts: Vec<(String, u64)> = p["counts"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
            .collect();
        assert_eq!(
            counts,
            [
                ("new".to_string(), 1),
                ("on-target".to_string(), 1),
                ("removed".to_string(), 1),
                ("still-to-do".to_string(), 3),
                ("upgraded".to_string(), 1),
            ]
        );
        assert_eq!(p["verdicts_changed"], 2);
        assert_eq!(p["earlier"], "the earlier inventory (7 machines)");
        let html = p["html"].as_str().unwrap();
        // The duplicate name is said in place, and every machine has its row.
        assert!(html.contains("`APP01` appears more than once in the earlier inventory"));
        assert_eq!(html.matches(r#"data-testid="progress-row""#).count(), 7);
        assert_eq!(export(&mut second), the_commands_csv());
    }

    #[test]
    fn a_remembered_inventory_compares_as_its_file_does() {
        let mut state = None;
        let mut second = None;
        import(&mut state, &file("earlier.csv"));
        let input = state.as_ref().unwrap().plan_input();
        let r = json!({"op": "remember", "label": "earlier.csv (1 KiB)"}).to_string();
        let reply: Value =
            serde_json::from_str(&extras::handle(&mut second, &r, Some(&input), None)).unwrap();
        let snapshot = reply["remember"]["snapshot"].as_str().unwrap().to_string();
        assert_eq!(
            reply["remember"]["label"],
            "the inventory planned on 2026-12-02 (7 machines, earlier.csv (1 KiB))"
        );
        // Only what a comparison needs is kept: no reasons, routes or findings.
        let kept: Value = serde_json::from_str(&snapshot).unwrap();
        assert_eq!(kept["format"], REMEMBERED_FORMAT);
        for row in kept["rows"].as_array().unwrap() {
            let mut keys: Vec<&str> = row
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.as_str())
                .collect();
            keys.retain(|k| !["name", "decision", "verdict", "current", "error"].contains(k));
            assert!(keys.is_empty(), "{row}");
        }
        // A month later: the later inventory, compared with the remembered one.
        import(&mut state, &file("later.csv"));
        let with_file = compare(&state, &mut second, &file("earlier.csv"), false);
        let file_csv = export(&mut second);
        let remembered = compare(&state, &mut second, &snapshot, true);
        assert_eq!(
            remembered["progress"]["counts"],
            with_file["progress"]["counts"]
        );
        // The same page but for the line that says what was compared with.
        let body = |v: &Value| {
            let html = v["progress"]["html"].as_str().unwrap().to_string();
            html[html.find("</p>").unwrap()..].to_string()
        };
        assert_eq!(body(&remembered), body(&with_file));
        assert!(remembered["progress"]["html"].as_str().unwrap().starts_with(
            "<p>Compared with the inventory planned on 2026-12-02 (7 machines, earlier.csv (1 KiB)):</p>"
        ));
        assert_eq!(export(&mut second), file_csv);
    }

    #[test]
    fn a_bad_earlier_inventory_is_refused_in_words_and_the_fleet_stays() {
        let mut state = None;
        let mut second = None;
        import(&mut state, &file("later.csv"));
        let cases: [(&str, bool, &str); 8] = [
            ("", false, "the earlier inventory cannot be read: the inventory is empty"),
            (
                "foo,bar\n1,2\n",
                false,
                "the earlier inventory's columns were not recognised",
            ),
            (
                "host;os\nA;B\n",
                false,
                "not one of the earlier inventory's rows could be planned (1 row), e.g. line 2: ",
            ),
            ("name,current.os\n", false, "the earlier inventory has no rows"),
            ("[1, 2", false, "the earlier inventory cannot be read"),
            ("", true, "no inventory is remembered in this browser"),
            ("{not json", true, "the inventory remembered in this browser cannot be read"),
            (
                r#"{"format": "something else 9", "as_of": "2026-01-01", "rows": []}"#,
                true,
                "the inventory remembered in this browser was saved in another format (`something else 9`",
            ),
        ];
        for (text, remembered, want) in cases {
            let m = message(&compare(&state, &mut second, text, remembered));
            assert!(m.starts_with(want), "{text:?}: {m}");
        }
        // Nothing was lost: the session still holds the later inventory, and a good comparison
        // still works after the refusals.
        assert_eq!(state.as_ref().unwrap().results.len(), 6);
        let ok = compare(&state, &mut second, &file("earlier.csv"), false);
        assert_eq!(ok["progress"]["counts"]["upgraded"], 1);
    }

    #[test]
    fn a_binary_earlier_file_is_refused_with_its_name() {
        let request = compare_request(false);
        let bytes = [0u8, 159, 146, 150, 0, 0, 1, 2];
        let reply: Value = serde_json::from_str(&protocol::earlier(
            &request,
            Payload::Files(vec![("old.xlsx", &bytes)]),
        ))
        .unwrap();
        let m = message(&reply);
        assert!(m.starts_with("the earlier inventory: `old.xlsx`"), "{m}");
    }
}

proptest! {
    #![proptest_config(Config {
        cases: 300,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    })]

    /// Whatever the earlier inventory holds (bytes of a file, or text claiming to be a remembered
    /// inventory), the answer is a comparison or a message, never a panic.
    #[test]
    fn any_earlier_inventory_gets_a_comparison_or_a_message(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        text in "[\\[\\]{}\":,a-z0-9 \n.-]{0,200}",
        remembered in any::<bool>(),
    ) {
        use upgrade_planner::core::fleet::{extras, protocol, Fleet, Payload};
        use upgrade_planner::core::inventory::{InputFile, InventoryOptions};
        let later = "name,current.os\nA,windows-server-2016\n";
        let fleet = Fleet::import_files(
            &[InputFile { name: "", text: later }],
            &InventoryOptions::default(),
            upgrade_planner::core::date::Date::parse("2026-12-02").unwrap(),
        );
        let request = format!(r#"{{"op":"compare","as_of":"2026-12-02","remembered":{remembered}}}"#);
        let earlier = if remembered {
            text.clone()
        } else {
            protocol::earlier(&request, Payload::Files(vec![("f.csv", &bytes)]))
        };
        let mut second = None;
        let reply: serde_json::Value = serde_json::from_str(&extras::handle(
            &mut second,
            &request,
            Some(&fleet.plan_input()),
            Some(&earlier),
        ))
        .unwrap();
        let ok = reply.get("progress").is_some()
            || reply["error"]["message"].as_str().is_some_and(|m| !m.is_empty());
        prop_assert!(ok, "{}", reply);
    }
}
