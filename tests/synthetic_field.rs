//! Issue 11's recipe for a new Scenario field (docs/adding-a-field.md), proved by the test-only
//! feature `synthetic-field`: `current.synthetic_widget` is one struct member, one schema entry
//! (with its check: Windows Server versions only) and one rule (a finding). Everything else
//! follows from the schema, and each test below shows one of them: the JSON reader, the URL
//! fragment, the inventory column, the form's reset, the doc table, and the rule.
//! Run: `cargo test --no-default-features --features synthetic-field --test synthetic_field`.
#![cfg(all(not(target_arch = "wasm32"), feature = "synthetic-field"))]

use upgrade_planner::core::inventory::{parse_inventory, InventoryOptions};
use upgrade_planner::core::schema;
use upgrade_planner::core::*;

fn server_with_widget() -> Scenario {
    let mut s = Scenario::new(Os::Server2019, Os::Server2022);
    s.current.synthetic_widget = Some(true);
    s
}

#[test]
fn the_json_reader_reads_it_and_names_it_in_errors() {
    let s = parse_scenario(
        r#"{"current":{"os":"windows-server-2019","synthetic_widget":true},"target":{"os":"windows-server-2022"}}"#,
    )
    .unwrap();
    assert_eq!(s.current.synthetic_widget, Some(true));
    let e = parse_scenario(
        r#"{"current":{"os":"windows-server-2019","synthetic_widget":"yes"},"target":{"os":"windows-server-2022"}}"#,
    )
    .unwrap_err();
    assert_eq!(e.path, "current.synthetic_widget");
    assert!(e.message.contains("expected true, false or null"), "{e}");
    // The list of accepted fields names it.
    let e = parse_scenario(r#"{"current":{"os":"windows-server-2019","widget":true},"target":{"os":"windows-server-2022"}}"#).unwrap_err();
    assert!(e.message.contains("`synthetic_widget`"), "{e}");
    // Its check: a client has no widget.
    let e = evaluate_json(
        r#"{"current":{"os":"windows-10","synthetic_widget":true},"target":{"os":"windows-11"}}"#,
    )
    .unwrap_err();
    assert_eq!(e.path, "current.synthetic_widget");
    assert!(e.message.contains("Windows 10 has no widget"), "{e}");
}

#[test]
fn the_url_fragment_carries_it() {
    let s = server_with_widget();
    let f = fragment::encode(&s);
    assert!(f.contains("current.synthetic_widget=true"), "{f}");
    assert_eq!(fragment::decode(&f).unwrap(), Some(s));
    let e = fragment::decode("#current.os=windows-server-2019&current.synthetic_widget=maybe&target.os=windows-server-2022").unwrap_err();
    assert_eq!(e.path, "current.synthetic_widget");
}

#[test]
fn the_inventory_reads_its_column_and_aliases() {
    let csv = "name,current.os,current.synthetic_widget,Widget\n\
        A,windows-server-2019,yes,\n\
        B,windows-server-2019,,x\n\
        C,windows-10,true,\n\
        D,windows-server-2019,perhaps,\n";
    let inv = parse_inventory(csv, &InventoryOptions::with_target_os(Os::Server2022));
    let widget = |i: usize| {
        inv.rows[i]
            .result
            .as_ref()
            .map(|s| s.current.synthetic_widget)
    };
    assert_eq!(widget(0), Ok(Some(true)));
    assert_eq!(
        widget(1),
        Ok(Some(true)),
        "the alias `Widget` feeds the field"
    );
    let e = inv.rows[2].result.as_ref().unwrap_err();
    assert_eq!(
        (e.column.as_str(), e.value.as_str()),
        ("current.synthetic_widget", "true")
    );
    assert!(e.message.contains("has no widget"), "{e}");
    let e = inv.rows[3].result.as_ref().unwrap_err();
    assert_eq!(e.column, "current.synthetic_widget");
}

#[test]
fn the_form_resets_it_when_it_becomes_impossible() {
    let mut s = server_with_widget();
    s.current.os = Os::Windows10;
    s.target.os = Os::Windows11;
    let resets = schema::settle(&mut s);
    assert_eq!(resets.len(), 1, "{resets:?}");
    assert_eq!(resets[0].path, "current.synthetic_widget");
    assert_eq!(resets[0].label, "Synthetic widget");
    assert_eq!(s.current.synthetic_widget, None);
    assert!(s.resolve().is_ok());
}

#[test]
fn the_doc_table_lists_it() {
    let table = schema::markdown_table();
    assert!(
        table.contains("| `current.synthetic_widget` | `true`, `false` (Windows Server versions only) | `false` | Test-only: whether the server has the synthetic widget. |"),
        "{table}"
    );
}

#[test]
fn its_rule_adds_a_finding() {
    let plan = evaluate(&server_with_widget()).unwrap();
    assert!(plan.has_finding(upgrade_planner::core::codes::Code::SyntheticWidget));
    let plan = evaluate(&Scenario::new(Os::Server2019, Os::Server2022)).unwrap();
    assert!(!plan
        .findings
        .iter()
        .any(|f| f.code.id() == "synthetic-widget"));
}
