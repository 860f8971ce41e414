//! Every Markdown writer escapes what the user typed: the runbook of one plan (the page's "Copy as
//! Markdown", `upgrade-plan --markdown`) and the fleet report (the Fleet view's export,
//! `upgrade-plan --inventory … --markdown`). Cluster groups and inventory names are free text; a
//! name that looks like HTML or a link must stay text.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use upgrade_planner::core::inventory::{
    parse_inventory, plan_inventory, summary, to_markdown, InventoryOptions,
};
use upgrade_planner::core::{evaluate, parse_scenario};

const HOSTILE: [&str; 6] = [
    "<img src=x onerror=alert(1)>",
    "[c](javascript:alert(1))",
    "![x](http://example.invalid/x.png)",
    "<script>alert(1)</script>",
    "**bold** _it_ `code` | pipe",
    "# heading",
];

/// No raw `<`, and no `[` / `]` / `!` / `` ` `` / `*` / `_` / `|` / `#` of the user's text left
/// unescaped: each such character of `hostile` appears in `md` only with a backslash before it.
fn assert_escaped(md: &str, hostile: &str) {
    let mut escaped = String::new();
    for c in hostile.chars() {
        if "\\`*_[]<>|#!&~{}".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    assert!(
        md.contains(&escaped),
        "`{hostile}` is not in the Markdown as `{escaped}`:\n{md}"
    );
    assert_no_raw_angle_brackets(md);
    if hostile.contains("](") {
        assert!(
            !md.contains(hostile),
            "`{hostile}` reached the Markdown raw:\n{md}"
        );
    }
}

/// Every `<` of the document is escaped: no HTML can start anywhere in it.
fn assert_no_raw_angle_brackets(md: &str) {
    for (i, _) in md.match_indices('<') {
        assert!(
            i > 0 && &md[i - 1..i] == "\\",
            "raw `<` at {i}: {}",
            &md[i.saturating_sub(60)..(i + 20).min(md.len())]
        );
    }
}

fn nt4_cluster_with_groups(groups: &[&str]) -> String {
    serde_json::json!({
        "current": {"os": "windows-nt-4.0", "cluster_node": true, "edition": "enterprise", "service_pack": 5},
        "target": {"os": "windows-nt-4.0", "service_pack": 6},
        "cluster": {"nodes": ["A", "B"], "groups": groups},
    })
    .to_string()
}

#[test]
fn the_runbook_escapes_cluster_group_names() {
    for hostile in HOSTILE {
        let s = parse_scenario(&nt4_cluster_with_groups(&[
            hostile,
            "SQL Server (MSSQLSERVER), Prod",
        ]))
        .unwrap();
        let plan = evaluate(&s).unwrap();
        assert_escaped(&plan.runbook_markdown("Runbook"), hostile);
    }
}

#[test]
fn the_fleet_report_escapes_names_and_groups() {
    for hostile in HOSTILE {
        let rows = serde_json::json!([
            {"name": hostile, "current": {"os": "windows-server-2016"}, "target": {"os": "windows-server-2019"}},
            {"name": "NT-1", "current": {"os": "windows-nt-4.0", "cluster_node": true, "edition": "enterprise", "service_pack": 5},
             "target": {"os": "windows-nt-4.0", "service_pack": 6},
             "cluster": {"nodes": ["A", "B"], "groups": [hostile]}},
        ]);
        let inv = parse_inventory(&rows.to_string(), &InventoryOptions::default());
        assert_eq!(inv.error, None);
        let results = plan_inventory(&inv, upgrade_planner::core::date::Date::lit("2026-11-21"));
        let md = to_markdown(&results, &summary(&results));
        assert_escaped(&md, hostile);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]
    /// Any group name: the runbook never holds a raw `<` or `[` that came from it.
    #[test]
    fn any_group_name_stays_text(name in "[ -~]{1,40}") {
        prop_assume!(name.trim() == name && !name.is_empty());
        let Ok(s) = parse_scenario(&nt4_cluster_with_groups(&[&name])) else { return Ok(()); };
        let plan = evaluate(&s).unwrap();
        let md = plan.runbook_markdown("Runbook");
        assert_no_raw_angle_brackets(&md);
        if name.contains("](") {
            prop_assert!(!md.contains(&name), "raw `{}` in\n{}", name, md);
        }
    }
}
