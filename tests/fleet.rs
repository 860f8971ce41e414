//! The Fleet view's session (`src/core/fleet.rs`) through its JSON protocol, `fleet::handle`:
//! every fixture in tests/inventories/ imports (as text, as bytes, as UTF-16) with the same counts
//! as the inventory module; filters, sorts and pages; the exports equal what `upgrade-plan
//! --inventory` prints; every bad request is an `error` response that says what was wrong; and a
//! property test that random requests and payloads never make it panic.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_json::{json, Value};
use std::cmp::Ordering;
use std::process::{Command, Stdio};
use upgrade_planner::core::fleet::protocol::form_label;
use upgrade_planner::core::fleet::{handle, next_chunk, Fleet, Payload, MAX_PAGE, PAGE};
use upgrade_planner::core::inventory::{self, Inventory, InventoryOptions, RowResult};
use upgrade_planner::core::{fragment, Method, Os, Severity, Verdict};

const AS_OF: upgrade_planner::core::date::Date =
    upgrade_planner::core::date::Date::lit("2026-11-21");

const FIXTURES: [&str; 7] = [
    "broken-and-hostile-semicolon.csv",
    "broken-and-hostile.csv",
    "configmgr-hinv.csv",
    "fleet.json",
    "get-computerinfo.csv",
    "native.csv",
    "win32-operatingsystem.csv",
];

const SORTS: [&str; 7] = [
    "line", "name", "current", "target", "verdict", "method", "blocker",
];

const VERDICTS: [&str; 4] = [
    "error",
    "not-supported",
    "supported-after-prerequisites",
    "supported",
];

fn fixture_path(name: &str) -> String {
    format!("{}/tests/inventories/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap()
}

/// The fixture as text, decoded the way the command decodes a file.
fn fixture(name: &str) -> String {
    inventory::decode_text(&fixture_bytes(name)).unwrap()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

/// The option sets the tests import with: none (a row's own target only), and one target for all.
fn option_sets() -> [(Value, InventoryOptions); 2] {
    [
        (Value::Null, InventoryOptions::default()),
        (
            json!({"target": "windows-server-2025"}),
            InventoryOptions::with_target_os(Os::Server2025),
        ),
    ]
}

/// What the inventory module alone makes of `text`: the reference the session must agree with.
fn reference(text: &str, options: &InventoryOptions) -> (Inventory, Vec<RowResult>) {
    let inv = inventory::parse_inventory(text, options);
    let results = inventory::plan_inventory(&inv, AS_OF);
    (inv, results)
}

/// `parse`, for text that may be a reply or something else (an export): a reply flattened, any
/// other JSON as it is.
fn try_parse(resp: &str) -> Option<Value> {
    let v: Value = serde_json::from_str(resp).ok()?;
    match v.as_object() {
        Some(o) if o.len() == 1 && o.values().all(Value::is_object) => Some(parse(resp)),
        _ => Some(v),
    }
}

/// A reply as JSON, its variant's fields flattened in with its name as `kind` (the protocol
/// writes `{"import": {...}}`).
fn parse(resp: &str) -> Value {
    let v: Value = serde_json::from_str(resp).unwrap_or_else(|e| panic!("not JSON ({e}): {resp}"));
    let obj = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {resp}"));
    assert_eq!(obj.len(), 1, "one variant: {resp}");
    let (kind, fields) = obj.iter().next().unwrap();
    let mut out = fields.as_object().cloned().unwrap_or_default();
    out.insert("kind".into(), Value::from(kind.as_str()));
    Value::Object(out)
}

/// The message of an `error` response (which carries nothing else).
fn error_message(resp: &str) -> String {
    let v = parse(resp);
    assert_eq!(v["kind"], "error", "{resp}");
    assert_eq!(v.as_object().unwrap().len(), 2, "{resp}");
    let m = v["message"].as_str().unwrap().to_string();
    assert!(!m.is_empty());
    m
}

fn import_request(options: &Value, query: Value) -> String {
    json!({"op": "import", "options": options, "as_of": AS_OF, "query": query}).to_string()
}

/// A session with `text` imported; returns the import response.
fn import(state: &mut Option<Fleet>, text: &str, options: &Value) -> Value {
    let resp = parse(&handle(
        state,
        &import_request(options, Value::Null),
        Payload::Text(text),
    ));
    assert_eq!(resp["kind"], "import", "{resp}");
    resp
}

fn session(text: &str, options: &Value) -> Option<Fleet> {
    let mut state = None;
    import(&mut state, text, options);
    state
}

/// A `view` request; returns the page.
fn view(state: &mut Option<Fleet>, query: Value) -> Value {
    let req = json!({"op": "view", "query": query}).to_string();
    let resp = parse(&handle(state, &req, Payload::None));
    assert_eq!(resp["kind"], "view", "{query}: {resp}");
    assert_eq!(resp.as_object().unwrap().len(), 2);
    resp["view"].clone()
}

/// An export: the `export` reply, then every chunk (or the error message of a refusal).
fn export(state: &mut Option<Fleet>, format: &str) -> String {
    let req = json!({"op": "export", "format": format}).to_string();
    let reply = parse(&handle(state, &req, Payload::None));
    if reply["kind"] == "error" {
        return reply.to_string();
    }
    assert_eq!(reply["kind"], "export", "{reply}");
    assert_eq!(reply["format"], format, "{reply}");
    let chunks = reply["chunks"].as_u64().unwrap() as usize;
    let mut out = String::new();
    let mut got = 0;
    while let Some(chunk) = next_chunk(state) {
        out.push_str(&chunk);
        got += 1;
    }
    assert_eq!(got, chunks, "{reply}");
    out
}

fn rows(page: &Value) -> &Vec<Value> {
    page["rows"].as_array().unwrap()
}

fn indices(page: &Value) -> Vec<usize> {
    rows(page)
        .iter()
        .map(|r| r["index"].as_u64().unwrap() as usize)
        .collect()
}

fn num(v: &Value) -> usize {
    v.as_u64().unwrap_or_else(|| panic!("not a number: {v}")) as usize
}

fn verdict_id(r: &RowResult) -> &'static str {
    r.verdict.map(Verdict::id).unwrap_or("error")
}

/// Rows that need attention first: input errors, then not supported, then supported after
/// prerequisites, then supported.
fn verdict_rank(id: &str) -> usize {
    VERDICTS.iter().position(|v| *v == id).unwrap()
}

/// The order of `key` between two results (the table's columns).
fn compare(a: &RowResult, b: &RowResult, key: &str) -> Ordering {
    let blocker = |r: &RowResult| r.first_blocker.as_ref().map(|b| b.code.id()).unwrap_or("");
    let method = |r: &RowResult| r.method.map(Method::label).unwrap_or("");
    match key {
        "line" => a.line.cmp(&b.line),
        "name" => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        "current" => a.current.cmp(&b.current),
        "target" => a.target.cmp(&b.target),
        "verdict" => verdict_rank(verdict_id(a)).cmp(&verdict_rank(verdict_id(b))),
        "method" => method(a).cmp(method(b)),
        "blocker" => blocker(a).cmp(blocker(b)),
        _ => unreachable!(),
    }
}

/// One row of a page against the inventory module's result for the same inventory row.
fn check_row(row: &Value, inv: &Inventory, results: &[RowResult]) {
    let i = num(&row["index"]);
    let r = &results[i];
    let label = |o: Option<Os>| o.map(Os::label).unwrap_or("");
    assert_eq!(row["name"], r.name.as_str());
    assert_eq!(num(&row["line"]), r.line);
    assert_eq!(row["current"], label(r.current), "{row}");
    assert_eq!(row["target"], label(r.target), "{row}");
    assert_eq!(row["verdict"], verdict_id(r), "{row}");
    assert_eq!(
        row["verdict_label"],
        r.verdict.map(Verdict::label).unwrap_or("Input error")
    );
    assert_eq!(row["method"], r.method.map(Method::label).unwrap_or(""));
    let route: Vec<&str> = r.route.iter().map(|o| o.label()).collect();
    assert_eq!(row["route"], route.join(" → "));
    let detail = row["detail"].as_str().unwrap();
    match (&r.error, &r.first_blocker) {
        (Some(e), _) => assert_eq!(detail, e),
        (None, Some(b)) => assert_eq!(detail, format!("{}: {}", b.code, b.message)),
        (None, None) => {
            // No blocker: the first prerequisite, if the plan has one.
            let plan = r.plan.as_ref().expect("results with their plans");
            let expected = plan
                .findings
                .iter()
                .find(|f| f.severity == Severity::Prerequisite)
                .map(|f| format!("{}: {}", f.code, f.message))
                .unwrap_or_default();
            assert_eq!(detail, expected, "{row}");
            assert_eq!(
                expected.is_empty(),
                r.verdict != Some(Verdict::SupportedAfterPrerequisites),
                "a plan after prerequisites names one: {row}"
            );
        }
    }
    // A planned row links to its Scenario (decoded in `links_open_the_rows_scenario`).
    let href = row["href"].as_str().unwrap();
    if r.error.is_some() {
        assert_eq!(href, "", "a bad row has no link: {row}");
        assert_eq!(row["verdict"], "error");
    } else {
        assert!(!href.is_empty(), "{row}");
        assert!(!href.starts_with('#'));
        assert!(inv.rows[i].result.is_ok());
    }
}

/// A native CSV of `n` rows: native.csv's rows over and over, renamed (names in mixed case), with an
/// unknown version every 17th row and a downgrade every 13th.
fn big_inventory(n: usize) -> String {
    let native = fixture("native.csv");
    let mut lines = native.lines();
    let header = lines.next().unwrap();
    let columns: Vec<&str> = header.split(',').collect();
    let data: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    let line_of = |cells: &[(&str, &str)]| {
        columns
            .iter()
            .skip(1)
            .map(|c| {
                cells
                    .iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| *v)
                    .unwrap_or("")
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let prefixes = ["Alpha", "alpha", "ALPHA", "Zebra", "zEbRa", "mid"];
    let mut out = format!("{header}\n");
    for i in 0..n {
        let name = format!("{}-{:04}", prefixes[i % prefixes.len()], (i * 7919) % n);
        let rest = if i % 17 == 5 {
            line_of(&[
                ("current.os", "windows-95"),
                ("target.os", "windows-server-2025"),
            ])
        } else if i % 13 == 7 {
            line_of(&[
                ("current.os", "windows-server-2019"),
                ("current.edition", "datacenter"),
                ("target.os", "windows-server-2016"),
            ])
        } else {
            data[i % data.len()].split_once(',').unwrap().1.to_string()
        };
        out.push_str(&format!("{name},{rest}\n"));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

#[test]
fn every_fixture_imports_with_the_inventory_modules_counts() {
    for name in FIXTURES {
        let text = fixture(name);
        let bytes = fixture_bytes(name);
        for (options_json, options) in option_sets() {
            let (inv, results) = reference(&text, &options);
            let summary = inventory::summary(&results);
            let mut state = None;
            let resp = import(&mut state, &text, &options_json);
            let what = format!("{name} with {options_json}");

            assert_eq!(
                resp["summary"],
                serde_json::to_value(&summary).unwrap(),
                "{what}"
            );
            assert_eq!(num(&resp["summary"]["rows"]), inv.rows.len(), "{what}");
            assert_eq!(
                num(&resp["summary"]["planned"]) + num(&resp["summary"]["errors"]),
                inv.rows.len()
            );
            assert_eq!(resp["error"], json!(inv.error), "{what}");
            assert_eq!(resp["form"], form_label(inv.form), "{what}");
            assert_eq!(resp["columns"], serde_json::to_value(&inv.columns).unwrap());
            assert_eq!(
                resp["column_mapping"],
                serde_json::to_value(&inv.column_mapping).unwrap()
            );
            // The label of a blocker or prerequisite code is the message of its first occurrence.
            let messages = resp["blocker_messages"].as_object().unwrap();
            let counted: std::collections::BTreeSet<&String> = summary
                .by_blocker
                .keys()
                .chain(summary.by_prerequisite.keys())
                .collect();
            assert_eq!(
                messages.keys().collect::<std::collections::BTreeSet<_>>(),
                counted,
                "{what}"
            );
            for (code, message) in messages {
                let first = results
                    .iter()
                    .flat_map(|r| {
                        r.plan.iter().flat_map(|p| {
                            p.findings.iter().filter(|f| {
                                matches!(f.severity, Severity::Blocker | Severity::Prerequisite)
                            })
                        })
                    })
                    .find(|f| f.code.id() == code.as_str())
                    .unwrap();
                assert_eq!(message, first.message.as_str());
            }

            let page = &resp["view"];
            assert_eq!(num(&page["total"]), inv.rows.len(), "{what}");
            assert_eq!(num(&page["matched"]), inv.rows.len());
            assert_eq!(num(&page["offset"]), 0);
            assert_eq!(rows(page).len(), inv.rows.len().min(PAGE), "{what}");
            assert_eq!(indices(page), (0..rows(page).len()).collect::<Vec<_>>());
            for row in rows(page) {
                check_row(row, &inv, &results);
            }
            let fleet = state.as_ref().unwrap();
            assert_eq!(fleet.results.len(), inv.rows.len());
            assert_eq!(fleet.as_of, AS_OF);

            // The file's bytes, and the same text as UTF-16LE with a BOM, import the same.
            let text_resp = handle(
                &mut None,
                &import_request(&options_json, Value::Null),
                Payload::Text(&text),
            );
            for (encoding, b) in [
                ("file bytes", bytes.clone()),
                ("UTF-16LE", utf16le_with_bom(&text)),
            ] {
                let resp = handle(
                    &mut None,
                    &import_request(&options_json, Value::Null),
                    Payload::Bytes(&b),
                );
                assert_eq!(resp, text_resp, "{what} as {encoding}");
            }
        }
    }
}

#[test]
fn fixture_counts_are_what_the_files_hold() {
    // Independent of the inventory module: rows and verdicts read off the fixture files.
    let mut state = None;
    let resp = import(&mut state, &fixture("native.csv"), &Value::Null);
    assert_eq!(resp["form"], "native CSV (dotted Scenario paths)");
    // 13 servers, all with a known version and a target.
    assert_eq!(resp["summary"]["rows"], 13);
    assert_eq!(resp["summary"]["errors"], 0);
    assert_eq!(resp["column_mapping"], Value::Null);
    assert_eq!(resp["fields"], json!([]));

    // win32-operatingsystem.csv has no target column: without a target every row is an error.
    let resp = import(
        &mut state,
        &fixture("win32-operatingsystem.csv"),
        &Value::Null,
    );
    assert_eq!(resp["summary"]["rows"], 14);
    assert_eq!(resp["summary"]["errors"], 14);
    assert_eq!(resp["summary"]["by_verdict"], json!({}));
    let page = view(&mut state, json!({"verdict": "error", "limit": 1000}));
    assert!(rows(&page)
        .iter()
        .all(|r| r["detail"].as_str().unwrap().contains("no target version")));

    // broken-and-hostile.csv: 13 rows, 4 of them good.
    let resp = import(&mut state, &fixture("broken-and-hostile.csv"), &Value::Null);
    assert_eq!(resp["summary"]["rows"], 13);
    assert_eq!(resp["summary"]["planned"], 4);
    assert_eq!(resp["summary"]["errors"], 9);
    let page = view(&mut state, json!({"search": "bad-os"}));
    assert_eq!(num(&page["matched"]), 1);
    assert!(rows(&page)[0]["detail"]
        .as_str()
        .unwrap()
        .starts_with("current.os `windows-95`: unknown value"));
}

#[test]
fn the_first_page_is_at_most_a_page() {
    let text = big_inventory(1234);
    let (inv, results) = reference(&text, &InventoryOptions::default());
    let mut state = None;
    let resp = import(&mut state, &text, &Value::Null);
    assert_eq!(num(&resp["summary"]["rows"]), 1234);
    assert_eq!(
        resp["summary"],
        serde_json::to_value(inventory::summary(&results)).unwrap()
    );
    let page = &resp["view"];
    assert_eq!((num(&page["total"]), num(&page["matched"])), (1234, 1234));
    assert_eq!(rows(page).len(), PAGE);
    assert_eq!(indices(page), (0..PAGE).collect::<Vec<_>>());
    for row in rows(page) {
        check_row(row, &inv, &results);
    }
    // The import's own query picks the first page.
    let resp = parse(&handle(
        &mut state,
        &import_request(
            &Value::Null,
            json!({"verdict": "error", "limit": 10, "offset": 20}),
        ),
        Payload::Text(&text),
    ));
    let errors: Vec<usize> = (0..1234).filter(|&i| results[i].error.is_some()).collect();
    assert_eq!(num(&resp["view"]["matched"]), errors.len());
    assert_eq!(indices(&resp["view"]), errors[20..30].to_vec());
}

#[test]
fn unknown_headers_get_the_mapping_step_and_a_mapping_imports_them() {
    let csv =
        "Asset tag,Product,Build Id,Team\nX1,Microsoft Windows Server 2016 Standard,14393,Ops\n";
    let mut state = None;
    let resp = import(&mut state, csv, &json!({"target": "windows-server-2025"}));
    assert_eq!(resp["form"], "CSV with unrecognised headers");
    let proposal = resp["column_mapping"].as_array().unwrap();
    let headers: Vec<&str> = proposal
        .iter()
        .map(|c| c["header"].as_str().unwrap())
        .collect();
    assert_eq!(headers, ["Asset tag", "Product", "Build Id", "Team"]);
    // The mapping step offers every field, with what it means.
    let fields = resp["fields"].as_array().unwrap();
    let expected = inventory::mapping_fields();
    assert_eq!(fields.len(), expected.len());
    for (f, (id, what)) in fields.iter().zip(expected) {
        assert_eq!(f, &json!([id, what]));
    }
    assert_eq!(resp["summary"]["errors"], 1);
    assert!(resp["view"]["rows"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("no current Windows version"));

    let options = json!({
        "target": "windows-server-2025",
        "mapping": {"Asset tag": "name", "Product": "os.caption", "build id": "os.version", "Team": "ignore"},
    });
    let resp = import(&mut state, csv, &options);
    assert_eq!(resp["column_mapping"], Value::Null);
    assert_eq!(resp["fields"], json!([]));
    assert_eq!(resp["summary"]["planned"], 1);
    let row = &resp["view"]["rows"][0];
    assert_eq!(row["name"], "X1");
    assert_eq!(row["current"], "Windows Server 2016");
    assert_eq!(row["target"], "Windows Server 2025");
    let s = fragment::decode(row["href"].as_str().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(s.current.os, Os::Server2016);
    assert_eq!(s.target.os, Os::Server2025);
}

#[test]
fn every_counted_blocker_has_a_label() {
    // Plans with two blocker codes: the second is counted in the summary, so it needs a label
    // too; the label is the message of the code's first occurrence in the fleet.
    let text = "name,current.os,current.edition,current.architecture,current.cluster_node,target.os
STORE-X86,windows-server-2008,storage,x86,,windows-server-2008-r2
HV-2012,windows-server-2012,hyper-v-server,x64,,windows-server-2016
CLU-2012,windows-server-2012,standard,x64,true,windows-server-2016
GOOD,windows-server-2016,standard,x64,,windows-server-2019
";
    let (_, results) = reference(text, &InventoryOptions::default());
    let summary = inventory::summary(&results);
    let second: Vec<&str> = results
        .iter()
        .flat_map(|r| r.blockers.iter().skip(1).map(|c| c.id()))
        .collect();
    assert!(
        second.iter().any(|c| results.iter().all(|r| r
            .first_blocker
            .as_ref()
            .map(|b| b.code.id())
            != Some(*c))),
        "a code that is never a first blocker: {results:#?}"
    );
    let resp = import(&mut None, text, &Value::Null);
    assert_eq!(resp["summary"], serde_json::to_value(&summary).unwrap());
    let messages = resp["blocker_messages"].as_object().unwrap();
    let counted: std::collections::BTreeSet<&String> = summary
        .by_blocker
        .keys()
        .chain(summary.by_prerequisite.keys())
        .collect();
    assert_eq!(
        messages.keys().collect::<std::collections::BTreeSet<_>>(),
        counted
    );
    for (code, message) in messages {
        let first = results
            .iter()
            .flat_map(|r| {
                r.plan.iter().flat_map(|p| {
                    p.findings.iter().filter(|f| {
                        matches!(f.severity, Severity::Blocker | Severity::Prerequisite)
                    })
                })
            })
            .find(|f| f.code.id() == code.as_str())
            .unwrap();
        assert_eq!(message, first.message.as_str(), "{code}");
    }
}

// ---------------------------------------------------------------------------------------------
// View: filters, sorts, pages, links
// ---------------------------------------------------------------------------------------------

#[test]
fn filters_by_verdict_blocker_and_search() {
    let text = big_inventory(600);
    let (inv, results) = reference(&text, &InventoryOptions::default());
    let summary = inventory::summary(&results);
    let mut state = session(&text, &Value::Null);

    // Every verdict, and `error`, occurs in this inventory.
    for v in VERDICTS {
        let expected: Vec<usize> = (0..results.len())
            .filter(|&i| verdict_id(&results[i]) == v)
            .collect();
        assert!(!expected.is_empty(), "{v}");
        let page = view(&mut state, json!({"verdict": v, "limit": 1000}));
        assert_eq!(num(&page["matched"]), expected.len(), "{v}");
        assert_eq!(num(&page["total"]), 600);
        assert_eq!(indices(&page), expected, "{v}");
        assert!(rows(&page).iter().all(|r| r["verdict"] == v));
        if v != "error" {
            assert_eq!(summary.by_verdict[v], expected.len());
        } else {
            assert_eq!(summary.errors, expected.len());
        }
    }

    // Every blocker code: the servers it stops (also when it is not the first blocker).
    assert!(!summary.by_blocker.is_empty());
    for (code, n) in &summary.by_blocker {
        let page = view(&mut state, json!({"blocker": code, "limit": 1000}));
        assert_eq!(num(&page["matched"]), *n, "{code}");
        for i in indices(&page) {
            assert!(
                results[i].blockers.iter().any(|c| c.id() == code.as_str()),
                "{code}"
            );
        }
    }
    let page = view(&mut state, json!({"blocker": "no-such-blocker"}));
    assert_eq!((num(&page["matched"]), rows(&page).len()), (0, 0));

    // Search: case-insensitive, on the name (and trimmed).
    let zebra: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].name.to_lowercase().contains("zebra"))
        .collect();
    assert_eq!(zebra.len(), 200, "two prefixes of six are a zebra");
    for needle in ["zebra", "ZEBRA", "  ZeBrA  "] {
        let page = view(&mut state, json!({"search": needle, "limit": 1000}));
        assert_eq!(indices(&page), zebra, "{needle:?}");
    }
    let page = view(&mut state, json!({"search": "alpha-0042"}));
    assert_eq!(rows(&page).len(), 1);
    assert_eq!(
        results[num(&rows(&page)[0]["index"])].name.to_lowercase(),
        "alpha-0042"
    );
    // Also the current version (label or id) and the first blocker's code.
    let page = view(
        &mut state,
        json!({"search": "WINDOWS NT 4.0", "limit": 1000}),
    );
    let nt4 = (0..results.len())
        .filter(|&i| results[i].current == Some(Os::WindowsNt40))
        .count();
    assert!(nt4 > 0);
    assert_eq!(num(&page["matched"]), nt4);
    let page = view(&mut state, json!({"search": "Downgrade", "limit": 1000}));
    let downgrades = (0..results.len())
        .filter(|&i| results[i].first_blocker.as_ref().map(|b| b.code.id()) == Some("downgrade"))
        .count();
    assert!(downgrades > 0);
    assert_eq!(num(&page["matched"]), downgrades);

    // Filters combine.
    let page = view(
        &mut state,
        json!({"verdict": "error", "search": "zebra", "limit": 1000}),
    );
    let both: Vec<usize> = zebra
        .iter()
        .copied()
        .filter(|&i| results[i].error.is_some())
        .collect();
    assert!(!both.is_empty());
    assert_eq!(indices(&page), both);
    // An empty text or null is no filter.
    let page = view(
        &mut state,
        json!({"verdict": "", "blocker": null, "search": ""}),
    );
    assert_eq!(num(&page["matched"]), 600);
    for row in rows(&page) {
        check_row(row, &inv, &results);
    }
}

#[test]
fn every_sort_key_orders_both_ways() {
    for text in [big_inventory(700), fixture("broken-and-hostile.csv")] {
        let (_, results) = reference(&text, &InventoryOptions::default());
        let n = results.len();
        let mut state = session(&text, &Value::Null);
        for key in SORTS {
            for descending in [false, true] {
                let page = view(
                    &mut state,
                    json!({"sort": key, "descending": descending, "limit": 1000}),
                );
                let order = indices(&page);
                let mut sorted = order.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "{key}: every row once");
                for w in order.windows(2) {
                    let c = compare(&results[w[0]], &results[w[1]], key);
                    if descending {
                        assert_ne!(c, Ordering::Less, "{key} desc: {} then {}", w[0], w[1]);
                    } else {
                        assert_ne!(c, Ordering::Greater, "{key}: {} then {}", w[0], w[1]);
                        if c == Ordering::Equal {
                            assert!(w[0] < w[1], "{key}: ties keep the inventory's order");
                        }
                    }
                }
                if key == "line" {
                    let mut expected: Vec<usize> = (0..n).collect();
                    if descending {
                        expected.reverse();
                    }
                    assert_eq!(order, expected);
                }
            }
        }

        // The verdict column, read off the page: errors, not supported, after prerequisites, supported.
        let page = view(&mut state, json!({"sort": "verdict", "limit": 1000}));
        let shown: Vec<&str> = rows(&page)
            .iter()
            .map(|r| r["verdict"].as_str().unwrap())
            .collect();
        let mut groups: Vec<&str> = shown.clone();
        groups.dedup();
        let present: Vec<&str> = VERDICTS
            .iter()
            .copied()
            .filter(|v| shown.contains(v))
            .collect();
        assert_eq!(groups, present);
        let page = view(
            &mut state,
            json!({"sort": "verdict", "descending": true, "limit": 1000}),
        );
        let mut groups: Vec<&str> = rows(&page)
            .iter()
            .map(|r| r["verdict"].as_str().unwrap())
            .collect();
        groups.dedup();
        let mut reversed = present.clone();
        reversed.reverse();
        assert_eq!(groups, reversed);
    }
}

#[test]
fn sorting_applies_before_paging_and_after_filtering() {
    let text = big_inventory(1234);
    let (_, results) = reference(&text, &InventoryOptions::default());
    let mut state = session(&text, &Value::Null);
    for key in ["name", "current", "blocker"] {
        let q = |offset: usize, limit: usize| json!({"sort": key, "descending": true, "offset": offset, "limit": limit});
        let mut full = indices(&view(&mut state, q(0, 1000)));
        full.extend(indices(&view(&mut state, q(1000, 1000))));
        assert_eq!(full.len(), 1234);
        let mut paged = Vec::new();
        for offset in (0..1234).step_by(37) {
            let page = view(&mut state, q(offset, 37));
            assert_eq!(num(&page["offset"]), offset);
            paged.extend(indices(&page));
        }
        assert_eq!(paged, full, "{key}");
    }
    let page = view(
        &mut state,
        json!({"verdict": "supported", "sort": "name", "limit": 1000}),
    );
    let order = indices(&page);
    assert!(order
        .iter()
        .all(|&i| verdict_id(&results[i]) == "supported"));
    assert!(order
        .windows(2)
        .all(|w| compare(&results[w[0]], &results[w[1]], "name") != Ordering::Greater));
}

#[test]
fn paging_offsets_and_limits_are_clamped() {
    let n = 1234;
    let text = big_inventory(n);
    let mut state = session(&text, &Value::Null);
    let page_of = |state: &mut Option<Fleet>, offset: Value, limit: Value| {
        let page = view(state, json!({"offset": offset, "limit": limit}));
        (num(&page["offset"]), indices(&page))
    };
    let range = |a: usize, b: usize| (a..b).collect::<Vec<_>>();

    // Plain pages.
    assert_eq!(page_of(&mut state, json!(0), json!(50)), (0, range(0, 50)));
    assert_eq!(
        page_of(&mut state, json!(50), json!(50)),
        (50, range(50, 100))
    );
    assert_eq!(
        page_of(&mut state, json!(30), json!(50)),
        (30, range(30, 80))
    );
    assert_eq!(
        page_of(&mut state, json!(1200), json!(50)),
        (1200, range(1200, n))
    );
    assert_eq!(
        page_of(&mut state, json!(null), json!(null)),
        (0, range(0, PAGE))
    );
    // The limit is 1..=1000.
    assert_eq!(page_of(&mut state, json!(7), json!(0)), (7, range(7, 8)));
    assert_eq!(page_of(&mut state, json!(7), json!(1)), (7, range(7, 8)));
    for limit in [json!(1000), json!(1001), json!(5000), json!(u64::MAX)] {
        assert_eq!(
            page_of(&mut state, json!(0), limit.clone()),
            (0, range(0, MAX_PAGE)),
            "{limit}"
        );
    }
    // An offset past the end shows the last page.
    assert_eq!(
        page_of(&mut state, json!(n), json!(50)),
        (1200, range(1200, n))
    );
    assert_eq!(
        page_of(&mut state, json!(n + 1), json!(100)),
        (1200, range(1200, n))
    );
    assert_eq!(
        page_of(&mut state, json!(u64::MAX), json!(100)),
        (1200, range(1200, n))
    );
    assert_eq!(
        page_of(&mut state, json!(n), json!(1)),
        (n - 1, range(n - 1, n))
    );
    assert_eq!(
        page_of(&mut state, json!(n), json!(0)),
        (n - 1, range(n - 1, n))
    );
    // … of the clamped limit.
    assert_eq!(
        page_of(&mut state, json!(99_999), json!(5000)),
        (1000, range(1000, n))
    );
    assert_eq!(
        page_of(&mut state, json!(n), json!(n)),
        (1000, range(1000, n))
    );
    // When the total is a multiple of the limit, the last page is full.
    assert_eq!(
        page_of(&mut state, json!(5000), json!(617)),
        (617, range(617, n))
    );

    // Filtered: the last page of the matching rows; nothing matching: offset 0, no rows.
    let errors = num(&view(&mut state, json!({"verdict": "error"}))["matched"]);
    assert!(errors > 10);
    let page = view(
        &mut state,
        json!({"verdict": "error", "offset": 5000, "limit": 10}),
    );
    assert_eq!(num(&page["offset"]), (errors - 1) / 10 * 10);
    assert_eq!(rows(&page).len(), errors - (errors - 1) / 10 * 10);
    let page = view(&mut state, json!({"blocker": "nope", "offset": 50}));
    assert_eq!(
        (
            num(&page["offset"]),
            num(&page["matched"]),
            num(&page["total"])
        ),
        (0, 0, n)
    );
    assert!(rows(&page).is_empty());

    // An empty fleet.
    let mut empty = session("name,current.os,target.os\n", &Value::Null);
    let page = view(&mut empty, json!({"offset": 10, "limit": 0}));
    assert_eq!((num(&page["offset"]), num(&page["total"])), (0, 0));
    assert!(rows(&page).is_empty());
}

#[test]
fn links_open_the_rows_scenario() {
    let mut texts: Vec<(String, String)> = FIXTURES
        .iter()
        .map(|n| (n.to_string(), fixture(n)))
        .collect();
    texts.push(("big".into(), big_inventory(300)));
    let mut planned = 0;
    let mut bad = 0;
    let mut broken = Vec::new();
    for (name, text) in &texts {
        for (options_json, options) in option_sets() {
            let (inv, results) = reference(text, &options);
            let mut state = session(text, &options_json);
            let page = view(&mut state, json!({"limit": 1000}));
            assert_eq!(rows(&page).len(), inv.rows.len(), "{name}");
            for row in rows(&page) {
                check_row(row, &inv, &results);
                let href = row["href"].as_str().unwrap();
                if href.is_empty() {
                    bad += 1;
                    continue;
                }
                planned += 1;
                let scenario = inv.rows[num(&row["index"])].result.as_ref().unwrap();
                let mut s = match fragment::decode(href) {
                    Ok(Some(s)) if s == **scenario => s,
                    Ok(other) => {
                        broken.push(format!("{name} {}: #{href} → {other:?}", row["name"]));
                        continue;
                    }
                    Err(e) => {
                        broken.push(format!("{name} {}: #{href} → {e}", row["name"]));
                        continue;
                    }
                };
                // The link plans to the same verdict and route (on the same date).
                if s.as_of.is_none() {
                    s.as_of = Some(AS_OF);
                }
                let plan = upgrade_planner::core::evaluate(&s).unwrap();
                assert_eq!(row["verdict"], plan.verdict.id(), "{name}: {href}");
                let route: Vec<&str> = plan.route.iter().map(|o| o.label()).collect();
                assert_eq!(row["route"], route.join(" → "));
            }
        }
    }
    assert!(planned > 100 && bad > 20, "{planned} planned, {bad} bad");
    assert!(
        broken.is_empty(),
        "{} of {planned} links do not decode to their row's Scenario:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

#[test]
fn exports_equal_the_commands_output() {
    let mut texts: Vec<(String, String)> = FIXTURES
        .iter()
        .map(|n| (n.to_string(), fixture(n)))
        .collect();
    texts.push(("big".into(), big_inventory(150)));
    for (name, text) in &texts {
        for (options_json, options) in option_sets() {
            let (_, results) = reference(text, &options);
            let summary = inventory::summary(&results);
            let mut state = session(text, &options_json);

            let csv = export(&mut state, "csv");
            assert_eq!(csv, inventory::to_csv(&results), "{name}");
            assert!(csv.starts_with(&format!("{}\n", inventory::CSV_HEADER)));
            let records = csv::Reader::from_reader(csv.as_bytes())
                .records()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            assert_eq!(records.len(), results.len(), "{name}");
            for (record, r) in records.iter().zip(&results) {
                assert_eq!(&record[3], r.verdict.map(Verdict::id).unwrap_or(""));
            }

            let json_text = export(&mut state, "json");
            let mut expected = Vec::new();
            inventory::write_json(&mut expected, results.iter()).unwrap();
            assert_eq!(json_text.as_bytes(), &expected[..], "{name}");
            let parsed: Value = serde_json::from_str(&json_text).unwrap();
            assert_eq!(parsed.as_array().unwrap().len(), results.len());

            let md = export(&mut state, "markdown");
            assert_eq!(md, inventory::to_markdown(&results, &summary), "{name}");
            assert!(md.starts_with("# Fleet upgrade plan\n"));

            // Exporting does not change the session.
            assert_eq!(export(&mut state, "csv"), csv);
            assert_eq!(num(&view(&mut state, Value::Null)["total"]), results.len());
        }
    }
}

#[test]
fn a_new_import_replaces_the_fleet() {
    let mut state = None;
    import(&mut state, &fixture("native.csv"), &Value::Null);
    let resp = import(
        &mut state,
        &fixture("configmgr-hinv.csv"),
        &json!({"target": "windows-server-2025"}),
    );
    assert_eq!(resp["summary"]["rows"], 8);
    let (_, results) = reference(
        &fixture("configmgr-hinv.csv"),
        &InventoryOptions::with_target_os(Os::Server2025),
    );
    assert_eq!(export(&mut state, "csv"), inventory::to_csv(&results));
    assert_eq!(num(&view(&mut state, Value::Null)["total"]), 8);
    // A refused import ends the fleet there was: the page shows no results after it, and the
    // engine exports none.
    let resp = handle(
        &mut state,
        r#"{"op":"import","as_of":"2026-13-01"}"#,
        Payload::Text("x"),
    );
    error_message(&resp);
    assert!(export(&mut state, "csv").contains("no inventory"));
}

/// Today's date (UTC) as the command computes it (`today()` in src/bin/upgrade-plan.rs).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 → YYYY-MM-DD (Howard Hinnant's algorithm, as the command has it).
fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[test]
fn command_csv_equals_the_fleet_export() {
    for (name, target) in [
        ("win32-operatingsystem.csv", Some("windows-server-2025")),
        ("native.csv", None),
        ("broken-and-hostile-semicolon.csv", None),
    ] {
        let path = fixture_path(name);
        let mut args = vec!["--inventory", path.as_str(), "--format", "csv"];
        if let Some(t) = target {
            args.extend(["--target", t]);
        }
        let before = today();
        let out = Command::new(env!("CARGO_BIN_EXE_upgrade-plan"))
            .args(&args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let after = today();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).unwrap();

        let fleet_csv = |as_of: &str| {
            let mut state = None;
            let request = json!({"op": "import", "options": {"target": target}, "as_of": as_of});
            let resp = parse(&handle(
                &mut state,
                &request.to_string(),
                Payload::Bytes(&fixture_bytes(name)),
            ));
            assert_eq!(resp["kind"], "import");
            export(&mut state, "csv")
        };
        // Around midnight (UTC) the command may have run on either day.
        let matches =
            stdout == fleet_csv(&before) || (after != before && stdout == fleet_csv(&after));
        assert!(matches, "{name}:\n{stdout}\n---\n{}", fleet_csv(&before));
    }
    // The calendar arithmetic.
    for (days, date) in [
        (0, "1970-01-01"),
        (10_957, "2000-01-01"),
        (11_016, "2000-02-29"),
        (11_017, "2000-03-01"),
        (19_782, "2024-02-29"),
        (20_818, "2026-12-31"),
    ] {
        assert_eq!(civil_from_days(days), date);
    }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// `handle` on a fresh session, then on one with native.csv imported, must refuse `request` with
/// a message that contains every needle (the session, if any, stays as it was).
fn refused(request: &str, payload: Payload<'_>, needles: &[&str]) {
    let payload_again = match &payload {
        Payload::Text(t) => Payload::Text(t),
        Payload::Bytes(b) => Payload::Bytes(b),
        Payload::Files(f) => Payload::Files(f.clone()),
        Payload::None => Payload::None,
    };
    let mut fresh = None;
    let m = error_message(&handle(&mut fresh, request, payload));
    for n in needles {
        assert!(m.contains(n), "{request}: `{m}` lacks `{n}`");
    }
    let mut state = session(&fixture("native.csv"), &Value::Null);
    assert!(export(&mut state, "csv").starts_with("name,"));
    let again = error_message(&handle(&mut state, request, payload_again));
    assert_eq!(again, m, "{request}");
    // A refused import ends the previous session: nothing of it can be viewed or exported.
    let is_import = serde_json::from_str::<Value>(request)
        .ok()
        .is_some_and(|v| v["op"] == "import");
    if is_import {
        assert!(state.is_none(), "{request}: the old session survived");
        assert!(
            export(&mut state, "csv").contains("no inventory"),
            "{request}"
        );
    }
}

#[test]
fn bad_requests_say_what_is_wrong() {
    for (request, needles) in [
        ("", &["the request is not JSON"][..]),
        ("op=import", &["the request is not JSON"]),
        ("{\"op\":\"view\"", &["the request is not JSON"]),
        (
            r#"{"op":"frobnicate"}"#,
            &["op: unknown value `frobnicate`; accepted: import, view, export, waves, compare, remember, collect-script"],
        ),
        (
            r#"{"op":"VIEW"}"#,
            &["op: unknown value `VIEW`; accepted: import, view, export, waves, compare, remember, collect-script"],
        ),
        (
            r#"{}"#,
            &["op: unknown value ``; accepted: import, view, export, waves, compare, remember, collect-script"],
        ),
        (
            r#"{"op":7}"#,
            &["op:", "accepted: import, view, export, waves, compare, remember, collect-script"],
        ),
        (
            r#"["import"]"#,
            &["op:", "accepted: import, view, export, waves, compare, remember, collect-script"],
        ),
        ("null", &["op:", "accepted: import, view, export, waves, compare, remember, collect-script"]),
    ] {
        refused(request, Payload::None, needles);
    }
    // A control character or a long op is shown printable and short.
    let long = format!(r#"{{"op":"a\u0007{}"}}"#, "b".repeat(500));
    let m = error_message(&handle(&mut None, &long, Payload::None));
    assert!(
        m.contains("`a?bbb") && m.contains('…') && m.len() < 200,
        "{m}"
    );
    // Deeply nested JSON is refused, not a stack overflow.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(error_message(&handle(&mut None, &deep, Payload::None)).contains("not JSON"));

    // view and export need an import first.
    for request in [
        r#"{"op":"view"}"#,
        r#"{"op":"view","query":{"limit":5}}"#,
        r#"{"op":"export","format":"csv"}"#,
    ] {
        let m = error_message(&handle(&mut None, request, Payload::None));
        assert_eq!(m, "no inventory has been imported yet");
    }
    // A bad import leaves no fleet behind.
    let mut state = None;
    error_message(&handle(
        &mut state,
        r#"{"op":"import"}"#,
        Payload::Text("x"),
    ));
    assert!(state.is_none());

    // The export format.
    for request in [
        r#"{"op":"export"}"#,
        r#"{"op":"export","format":"pdf"}"#,
        r#"{"op":"export","format":"CSV"}"#,
        r#"{"op":"export","format":["csv"]}"#,
    ] {
        let mut state = session(&fixture("native.csv"), &Value::Null);
        let m = error_message(&handle(&mut state, request, Payload::None));
        assert_eq!(
            m,
            "format: expected csv, json, markdown, waves-csv, waves-markdown, xlsx or progress-csv",
            "{request}"
        );
    }
}

#[test]
fn bad_queries_name_the_field_and_what_is_accepted() {
    let fields =
        "accepted: verdict, blocker, hardware, decision, search, sort, descending, offset, limit";
    let verdicts = "accepted: supported, supported-after-prerequisites, not-supported, error";
    let sorts = "accepted: line, name, current, target, verdict, method, blocker";
    let number = "expected a whole number ≥ 0";
    for (query, needles) in [
        (
            json!({"verdikt": "error"}),
            vec!["query.verdikt: unknown field", fields],
        ),
        (
            json!({"page": 2}),
            vec!["query.page: unknown field", fields],
        ),
        (
            json!({"verdict": "maybe"}),
            vec!["query.verdict: unknown value `maybe`", verdicts],
        ),
        (
            json!({"verdict": "Supported"}),
            vec!["query.verdict: unknown value `Supported`", verdicts],
        ),
        (
            json!({"hardware": "maybe"}),
            vec![
                "query.hardware: unknown value `maybe`",
                "accepted: ready, fixable, replace, unknown",
            ],
        ),
        (
            json!({"verdict": true}),
            vec!["query.verdict: expected text"],
        ),
        (
            json!({"blocker": ["downgrade"]}),
            vec!["query.blocker: expected text"],
        ),
        (json!({"search": 42}), vec!["query.search: expected text"]),
        (
            json!({"sort": "size"}),
            vec!["query.sort: unknown value `size`", sorts],
        ),
        (json!({"sort": 1}), vec!["query.sort: expected text"]),
        (
            json!({"descending": "yes"}),
            vec!["query.descending: expected true or false"],
        ),
        (
            json!({"descending": 1}),
            vec!["query.descending: expected true or false"],
        ),
        (json!({"offset": -1}), vec!["query.offset:", number]),
        (json!({"offset": "10"}), vec!["query.offset:", number]),
        (json!({"offset": 1.5}), vec!["query.offset:", number]),
        (json!({"limit": -100}), vec!["query.limit:", number]),
        (json!({"limit": 2.5}), vec!["query.limit:", number]),
        (json!({"limit": {"max": 5}}), vec!["query.limit:", number]),
        (json!({"limit": 1e30}), vec!["query.limit:", number]),
        (json!([]), vec!["query: expected an object"]),
        (json!("verdict=error"), vec!["query: expected an object"]),
        (json!(5), vec!["query: expected an object"]),
    ] {
        // In a view…
        let mut state = session(&fixture("native.csv"), &Value::Null);
        let req = json!({"op": "view", "query": query}).to_string();
        let m = error_message(&handle(&mut state, &req, Payload::None));
        for n in &needles {
            assert!(m.contains(n), "{query}: `{m}` lacks `{n}`");
        }
        // …and in an import (which is then refused as a whole).
        let req = import_request(&Value::Null, query.clone());
        refused(&req, Payload::Text(&fixture("fleet.json")), &needles);
    }
    // Unknown field names are shown printable and short.
    let key = format!("x\n{}", "y".repeat(300));
    let mut state = session(&fixture("native.csv"), &Value::Null);
    let req = json!({"op": "view", "query": {key: 1}}).to_string();
    let m = error_message(&handle(&mut state, &req, Payload::None));
    assert!(
        m.starts_with("query.x?yyy") && m.contains('…') && m.len() < 200,
        "{m}"
    );
}

#[test]
fn bad_options_and_dates_are_refused() {
    let payload = fixture("native.csv");
    let import_with = |options: Value, as_of: Value| {
        json!({"op": "import", "options": options, "as_of": as_of}).to_string()
    };
    let os_list = "`windows-server-2025`";
    for (options, needles) in [
        (
            json!({"target": "windows-95"}),
            vec!["options:", "target: unknown value `windows-95`", os_list],
        ),
        (
            json!({"target": {"os": "windows-95"}}),
            vec!["options:", "target.os", "windows-95", os_list],
        ),
        (json!({"target": 2025}), vec!["options:", "target"]),
        (
            json!({"mapping": "Name=name"}),
            vec!["options.mapping: expected an object of column header → field id"],
        ),
        (
            json!({"mapping": {"Name": 5}}),
            vec!["options.mapping: expected an object"],
        ),
        (
            json!("windows-server-2025"),
            vec!["options: expected an object; accepted fields: mapping, target"],
        ),
        (json!([]), vec!["options: expected an object"]),
        (
            json!({"targt": "windows-server-2025"}),
            vec!["options.targt: unknown field", "accepted: mapping, target"],
        ),
    ] {
        refused(
            &import_with(options, json!(AS_OF)),
            Payload::Text(&payload),
            &needles,
        );
    }
    // A mapping to a field that does not exist: the import says so (and has no rows).
    let mut state = None;
    let resp = parse(&handle(
        &mut state,
        &import_with(json!({"mapping": {"name": "shoe-size"}}), json!(AS_OF)),
        Payload::Text(&payload),
    ));
    assert_eq!(resp["kind"], "import");
    let e = resp["error"].as_str().unwrap();
    assert!(
        e.contains("`name`") && e.contains("`shoe-size` is not a field") && e.contains("accepted:"),
        "{e}"
    );
    assert_eq!(resp["summary"]["rows"], 0);

    for as_of in [
        Value::Null,
        json!(""),
        json!("today"),
        json!("2026-1-1"),
        json!("2026/11/21"),
        json!(" 2026-11-21"),
        json!("2026-11-21T00:00"),
        json!("２０２６-11-21"),
        json!(20261121),
        json!(["2026-11-21"]),
        json!("2026-13-01"),
        json!("2026-00-10"),
        json!("2026-11-00"),
        json!("2026-11-31"),
        json!("2026-02-29"),
        json!("2100-02-29"),
    ] {
        refused(
            &import_with(Value::Null, as_of.clone()),
            Payload::Text(&payload),
            &["as_of:", "YYYY-MM-DD"],
        );
    }
    let missing = json!({"op": "import"}).to_string();
    refused(
        &missing,
        Payload::Text(&payload),
        &["as_of: expected a date YYYY-MM-DD"],
    );
    // Real dates, leap days included, are accepted.
    for as_of in ["2024-02-29", "2000-02-29", "2026-12-31", "1999-01-01"] {
        let resp = parse(&handle(
            &mut None,
            &import_with(Value::Null, json!(as_of)),
            Payload::Text(&payload),
        ));
        assert_eq!(resp["kind"], "import", "{as_of}: {resp}");
        assert_eq!(resp["summary"]["errors"], 0, "{as_of}");
    }
}

#[test]
fn bad_payloads_are_refused() {
    let request = import_request(&Value::Null, Value::Null);
    refused(&request, Payload::None, &["no inventory given"]);

    // Bytes: at most 10 MiB.
    let mut big = vec![b' '; inventory::MAX_INVENTORY_BYTES + 1];
    refused(
        &request,
        Payload::Bytes(&big),
        &["10485761 bytes", "more than 10 MiB", "split it"],
    );
    big.truncate(inventory::MAX_INVENTORY_BYTES);
    let resp = parse(&handle(&mut None, &request, Payload::Bytes(&big)));
    assert_eq!(resp["kind"], "import", "exactly 10 MiB is read");
    assert!(
        resp["error"].as_str().unwrap().contains("empty"),
        "{}",
        resp["error"]
    );
    // Text over 10 MiB: the inventory module refuses it, and the import says so.
    let text = format!(
        "name,current.os,target.os\n{}",
        "a".repeat(inventory::MAX_INVENTORY_BYTES)
    );
    let resp = parse(&handle(&mut None, &request, Payload::Text(&text)));
    assert_eq!(resp["kind"], "import");
    assert!(
        resp["error"].as_str().unwrap().contains("10 MiB"),
        "{}",
        resp["error"]
    );
    assert_eq!(resp["summary"]["rows"], 0);
    assert_eq!(resp["view"]["rows"], json!([]));

    // Bytes that are no text.
    for (bytes, needle) in [
        (
            vec![0xEF, 0xBB, 0xBF, b'a', 0xFF, 0xFE],
            "byte-order mark but is not UTF-8",
        ),
        (vec![0xFF, 0xFE, 0x00, 0xD8, b'a', 0x00], "not valid UTF-16"),
        (vec![0xFE, 0xFF, 0xDC, 0x00], "not valid UTF-16"),
        (b"name,current.os\0\0\0".to_vec(), "NUL bytes"),
        (
            vec![b'a', 0x00, b'b', 0x00],
            "UTF-16 needs a byte-order mark",
        ),
    ] {
        refused(&request, Payload::Bytes(&bytes), &[needle]);
    }
    // Windows-1252 is read (what Excel writes).
    let latin = b"name,current.os,target.os\nM\xfcller,windows-10,windows-11\n";
    let mut state = None;
    let resp = parse(&handle(&mut state, &request, Payload::Bytes(latin)));
    assert_eq!(resp["view"]["rows"][0]["name"], "Müller");
    // Empty text is an import that says the inventory is empty.
    let resp = parse(&handle(&mut None, &request, Payload::Text("  \n")));
    assert!(resp["error"]
        .as_str()
        .unwrap()
        .contains("the inventory is empty"));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const WORDS: &[&str] = &[
    "",
    "supported",
    "supported-after-prerequisites",
    "not-supported",
    "error",
    "line",
    "name",
    "current",
    "target",
    "verdict",
    "method",
    "blocker",
    "downgrade",
    "alpha",
    "csv",
    "json",
    "markdown",
    "windows-server-2025",
    "windows-11",
    "2026-11-21",
];

fn leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (0u64..3000).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e4f64..1e4).prop_map(Value::from),
        proptest::sample::select(WORDS).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ]
    .boxed()
}

fn key() -> BoxedStrategy<String> {
    prop_oneof![
        4 => proptest::sample::select(&["verdict", "blocker", "search", "sort", "descending", "offset", "limit"][..])
            .prop_map(String::from),
        1 => "\\PC{0,8}",
    ]
    .boxed()
}

fn value() -> BoxedStrategy<Value> {
    leaf()
        .prop_recursive(2, 12, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::btree_map(key(), inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
        .boxed()
}

/// A query the session accepts: some of its fields, each with an accepted value.
fn good_query() -> BoxedStrategy<Value> {
    let opt = |s: BoxedStrategy<Value>| prop_oneof![1 => Just(None), 1 => s.prop_map(Some)];
    (
        opt(proptest::sample::select(&VERDICTS[..])
            .prop_map(Value::from)
            .boxed()),
        opt(proptest::sample::select(&["downgrade", "nope", ""][..])
            .prop_map(Value::from)
            .boxed()),
        opt(proptest::sample::select(WORDS)
            .prop_map(Value::from)
            .boxed()),
        opt(proptest::sample::select(&SORTS[..])
            .prop_map(Value::from)
            .boxed()),
        opt(any::<bool>().prop_map(Value::from).boxed()),
        opt(prop_oneof![0u64..30, 0u64..3000, Just(u64::MAX)]
            .prop_map(Value::from)
            .boxed()),
        opt(prop_oneof![0u64..30, 0u64..1500, Just(u64::MAX)]
            .prop_map(Value::from)
            .boxed()),
    )
        .prop_map(
            |(verdict, blocker, search, sort, descending, offset, limit)| {
                let mut q = json!({});
                for (k, v) in [
                    ("verdict", verdict),
                    ("blocker", blocker),
                    ("search", search),
                    ("sort", sort),
                    ("descending", descending),
                    ("offset", offset),
                    ("limit", limit),
                ] {
                    if let Some(v) = v {
                        q[k] = v;
                    }
                }
                q
            },
        )
        .boxed()
}

fn query() -> BoxedStrategy<Value> {
    prop_oneof![
        2 => Just(Value::Null),
        6 => good_query(),
        1 => value(),
        2 => proptest::collection::btree_map(key(), leaf(), 0..5)
            .prop_map(|m| Value::Object(m.into_iter().collect())),
    ]
    .boxed()
}

fn maybe(s: BoxedStrategy<Value>) -> BoxedStrategy<Option<Value>> {
    prop_oneof![1 => Just(None), 3 => s.prop_map(Some)].boxed()
}

fn request() -> BoxedStrategy<String> {
    let op = prop_oneof![
        4 => Just(json!("import")),
        4 => Just(json!("view")),
        3 => Just(json!("export")),
        1 => leaf(),
    ];
    let options = prop_oneof![
        4 => Just(Value::Null),
        2 => proptest::sample::select(&["windows-server-2025", "windows-11", "windows-95", ""][..])
            .prop_map(|t| json!({"target": t})),
        1 => value(),
        1 => ("\\PC{0,8}", "\\PC{0,12}").prop_map(|(h, f)| json!({"mapping": {h: f}})),
    ];
    let as_of = prop_oneof![
        6 => Just(json!(AS_OF)),
        1 => (1990u32..2100, 0u32..14, 0u32..33).prop_map(|(y, m, d)| json!(format!("{y:04}-{m:02}-{d:02}"))),
        1 => leaf(),
    ];
    let format = prop_oneof![
        4 => proptest::sample::select(&["csv", "json", "markdown"][..]).prop_map(Value::from),
        1 => leaf(),
    ];
    let target =
        proptest::sample::select(&["windows-server-2025", "windows-11", "windows-server-2019"][..]);
    let good_import = (prop_oneof![Just(None), target.prop_map(Some)], good_query()).prop_map(
        |(target, query)| {
            json!({"op": "import", "options": {"target": target}, "as_of": AS_OF, "query": query})
                .to_string()
        },
    );
    let good_view = good_query().prop_map(|q| json!({"op": "view", "query": q}).to_string());
    let good_export = proptest::sample::select(&["csv", "json", "markdown"][..])
        .prop_map(|f| json!({"op": "export", "format": f}).to_string());
    prop_oneof![
        1 => "\\PC{0,30}",
        3 => good_import,
        3 => good_view,
        2 => good_export,
        8 => (op, maybe(options.boxed()), maybe(as_of.boxed()), maybe(query()), maybe(format.boxed()), maybe(value()))
            .prop_map(|(op, options, as_of, query, format, extra)| {
                let mut r = json!({"op": op});
                for (k, v) in [("options", options), ("as_of", as_of), ("query", query), ("format", format), ("extra", extra)] {
                    if let Some(v) = v {
                        r[k] = v;
                    }
                }
                r.to_string()
            }),
    ]
    .boxed()
}

#[derive(Clone, Debug)]
enum Owned {
    None,
    Text(String),
    Bytes(Vec<u8>),
}

fn csvish() -> BoxedStrategy<String> {
    let cell = prop_oneof![
        proptest::sample::select(
            &[
                "windows-server-2016",
                "windows-server-2008",
                "windows-10",
                "windows-11",
                "windows-95",
                "standard",
                "datacenter",
                "Microsoft Windows Server 2019 Standard",
                "",
                "2",
                "x64",
                "\"a,b\"",
                "=cmd",
                "2026-01-15",
            ][..]
        )
        .prop_map(String::from),
        "\\PC{0,6}",
    ];
    let header = proptest::sample::select(
        &[
            "name,current.os,target.os",
            "name,current.os,current.edition,target.os",
            "Name;Caption;target.os",
            "PSComputerName,Caption,OSArchitecture,BuildNumber",
            "Server,OS,Goal",
            "name,current.os,target.os,as_of,cluster.nodes",
        ][..],
    );
    (
        header,
        proptest::collection::vec(proptest::collection::vec(cell, 0..5), 0..8),
    )
        .prop_map(|(h, rows)| {
            let sep = if h.contains(';') { ";" } else { "," };
            let mut out = format!("{h}\n");
            for r in rows {
                out.push_str(&r.join(sep));
                out.push('\n');
            }
            out
        })
        .boxed()
}

const BOMS: &[&[u8]] = &[&[0xEF, 0xBB, 0xBF], &[0xFF, 0xFE], &[0xFE, 0xFF]];

fn payload() -> BoxedStrategy<Owned> {
    let fixture_text = proptest::sample::select(&FIXTURES[..]).prop_map(fixture);
    prop_oneof![
        2 => Just(Owned::None),
        6 => csvish().prop_map(Owned::Text),
        1 => fixture_text.prop_map(Owned::Text),
        1 => "\\PC{0,80}".prop_map(Owned::Text),
        1 => "[\\[\\]{}\",:a-z0-9 \n]{0,60}".prop_map(Owned::Text),
        2 => proptest::collection::vec(any::<u8>(), 0..120).prop_map(Owned::Bytes),
        1 => csvish().prop_map(|t| Owned::Bytes(utf16le_with_bom(&t))),
        1 => (csvish(), proptest::sample::select(BOMS))
            .prop_map(|(t, bom)| Owned::Bytes([bom, t.as_bytes()].concat())),
    ]
    .boxed()
}

/// What the random requests reached (to show the property test is not vacuous).
#[derive(Debug, Default)]
struct Tally {
    imports: usize,
    imports_with_rows: usize,
    views: usize,
    views_with_rows: usize,
    errors: usize,
    exports: [usize; 3],
}

/// Send each request to one session and check each response.
fn run_steps(steps: &[(String, Owned)], tally: &mut Tally) -> Result<(), TestCaseError> {
    let mut state: Option<Fleet> = None;
    for (req, owned) in steps {
        let payload = match owned {
            Owned::None => Payload::None,
            Owned::Text(t) => Payload::Text(t),
            Owned::Bytes(b) => Payload::Bytes(b),
        };
        let total_before = state.as_ref().map(|f| f.results.len());
        let mut resp = handle(&mut state, req, payload);
        let mut parsed: Option<Value> = try_parse(&resp);
        // An export answers `export`, then hands out its chunks: check the assembled text.
        if parsed.as_ref().and_then(|v| v.get("kind")) == Some(&json!("export")) {
            let chunks = parsed.as_ref().unwrap()["chunks"].as_u64().unwrap() as usize;
            let mut text = String::new();
            let mut got = 0;
            while let Some(chunk) = next_chunk(&mut state) {
                text.push_str(&chunk);
                got += 1;
            }
            prop_assert_eq!(got, chunks);
            resp = text;
            parsed = try_parse(&resp);
        }
        let kind = parsed
            .as_ref()
            .and_then(|v| v.get("kind"))
            .and_then(Value::as_str);
        match kind {
            Some("error") => {
                tally.errors += 1;
                let v = parsed.as_ref().unwrap();
                prop_assert_eq!(v.as_object().unwrap().len(), 2, "{}", resp);
                prop_assert!(!v["message"].as_str().unwrap_or("").is_empty(), "{}", resp);
                // A refused import ends the session; any other refused request leaves it as it was.
                let import = serde_json::from_str::<Value>(req)
                    .ok()
                    .is_some_and(|v| v["op"] == "import");
                if import {
                    prop_assert!(state.is_none(), "{}", req);
                } else {
                    prop_assert_eq!(state.as_ref().map(|f| f.results.len()), total_before);
                }
            }
            Some(k @ ("import" | "view")) => {
                let v = parsed.as_ref().unwrap();
                let page = &v["view"];
                let total = page["total"].as_u64().unwrap() as usize;
                let matched = page["matched"].as_u64().unwrap() as usize;
                let offset = page["offset"].as_u64().unwrap() as usize;
                let n = page["rows"].as_array().unwrap().len();
                prop_assert!(
                    matched <= total && n <= matched && n <= MAX_PAGE,
                    "{}",
                    resp
                );
                prop_assert!(offset == 0 || offset < matched, "{}", resp);
                prop_assert_eq!(n == 0, matched == 0, "{}", resp);
                prop_assert_eq!(Some(total), state.as_ref().map(|f| f.results.len()));
                if k == "import" {
                    tally.imports += 1;
                    tally.imports_with_rows += usize::from(total > 0);
                    let s = &v["summary"];
                    prop_assert_eq!(s["rows"].as_u64(), Some(total as u64));
                    prop_assert_eq!(
                        s["planned"].as_u64().unwrap() + s["errors"].as_u64().unwrap(),
                        total as u64
                    );
                } else {
                    tally.views += 1;
                    tally.views_with_rows += usize::from(n > 0);
                    prop_assert_eq!(Some(total), total_before, "a view changes nothing");
                }
            }
            other => {
                // Not a protocol response: only an export of an imported fleet.
                prop_assert!(other.is_none(), "{}", resp);
                prop_assert!(total_before.is_some(), "{} → {}", req, resp);
                let r: Value = serde_json::from_str(req).unwrap();
                prop_assert_eq!(&r["op"], "export");
                let fleet = state.as_ref().unwrap();
                let rows = fleet.results.len();
                match r["format"].as_str().unwrap() {
                    "csv" => {
                        tally.exports[0] += 1;
                        prop_assert_eq!(&resp, &inventory::to_csv(&fleet.results));
                        let header = format!("{}\n", inventory::CSV_HEADER);
                        prop_assert!(resp.starts_with(&header));
                    }
                    "json" => {
                        tally.exports[1] += 1;
                        prop_assert!(resp.starts_with('['));
                        prop_assert_eq!(
                            parsed.as_ref().and_then(Value::as_array).map(Vec::len),
                            Some(rows)
                        );
                    }
                    "markdown" => {
                        tally.exports[2] += 1;
                        prop_assert!(resp.starts_with("# Fleet"));
                        let counts = format!("\n{rows} machines: ");
                        prop_assert!(resp.contains(&counts));
                    }
                    f => prop_assert!(false, "format {}", f),
                }
            }
        }
    }
    Ok(())
}

fn steps() -> impl Strategy<Value = Vec<(String, Owned)>> {
    proptest::collection::vec((request(), payload()), 1..5)
}

proptest! {
    #![proptest_config(Config {
        cases: 2_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    })]

    #[test]
    fn random_requests_never_panic(steps in steps()) {
        run_steps(&steps, &mut Tally::default())?;
    }
}

/// The random mix reaches every kind of response (with rows), and every export format.
#[test]
fn random_requests_reach_every_response() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = steps();
    let mut tally = Tally::default();
    for _ in 0..400 {
        let steps = strategy.new_tree(&mut runner).unwrap().current();
        run_steps(&steps, &mut tally).unwrap();
    }
    println!("{tally:?}");
    assert!(tally.imports_with_rows > 50, "{tally:?}");
    assert!(tally.views > 30 && tally.views_with_rows > 10, "{tally:?}");
    assert!(tally.errors > 100, "{tally:?}");
    assert!(tally.exports.iter().all(|&n| n > 5), "{tally:?}");
}

// ---------------------------------------------------------------------------------------------
// The typed protocol: the page's serde types and the engine's reader agree
// ---------------------------------------------------------------------------------------------

#[test]
fn requests_written_by_the_page_read_back_the_same_in_the_engine() {
    use upgrade_planner::core::fleet::protocol::read_request;
    use upgrade_planner::core::fleet::{ExportFormat, Query, Request, SortKey};
    let query = Query {
        verdict: Some("not-supported".into()),
        blocker: Some("downgrade".into()),
        hardware: Some("replace".into()),
        decision: Some("fix-first".into()),
        search: "SQL".into(),
        sort: SortKey::Blocker,
        descending: true,
        offset: 200,
        limit: 50,
    };
    let requests = [
        Request::Import {
            options: InventoryOptions::with_target_os(Os::Server2025),
            as_of: AS_OF,
            query: query.clone(),
        },
        Request::Import {
            options: InventoryOptions {
                mapping: [("Asset tag".to_string(), "name".to_string())].into(),
                target: None,
            },
            as_of: AS_OF,
            query: Query::default(),
        },
        Request::View { query },
        Request::Export {
            format: ExportFormat::Markdown,
        },
        Request::Export {
            format: ExportFormat::ProgressCsv,
        },
        Request::Compare {
            options: InventoryOptions::with_target_os(Os::Windows11),
            as_of: AS_OF,
            remembered: false,
        },
        Request::Compare {
            options: InventoryOptions::default(),
            as_of: AS_OF,
            remembered: true,
        },
        Request::Remember {
            label: "fleet.csv (3 KiB)".into(),
        },
        Request::CollectScript,
    ];
    for r in requests {
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(read_request(&text).as_ref(), Ok(&r), "{text}");
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), r, "{text}");
    }
}

#[test]
fn every_reply_reads_back_into_the_pages_type_and_an_unknown_field_is_refused() {
    use upgrade_planner::core::fleet::{extras, Reply};
    let mut state = None;
    let text = fixture("native.csv");
    let replies = [
        handle(
            &mut state,
            &import_request(&json!({"target": "windows-server-2025"}), Value::Null),
            Payload::Text(&text),
        ),
        handle(
            &mut state,
            r#"{"op":"view","query":{"sort":"name"}}"#,
            Payload::None,
        ),
        handle(
            &mut state,
            r#"{"op":"export","format":"csv"}"#,
            Payload::None,
        ),
        handle(&mut state, r#"{"op":"nonsense"}"#, Payload::None),
    ];
    // And the second stage's: a comparison, an inventory to remember, the collection script.
    let input = state.as_ref().unwrap().plan_input();
    let compare = r#"{"op":"compare","as_of":"2026-12-02"}"#;
    let earlier = upgrade_planner::core::fleet::protocol::earlier(compare, Payload::Text(&text));
    let mut second = None;
    let replies: Vec<String> = replies
        .into_iter()
        .chain([
            extras::handle(&mut second, compare, Some(&input), Some(&earlier)),
            extras::handle(
                &mut second,
                r#"{"op":"remember","label":"native.csv"}"#,
                Some(&input),
                None,
            ),
            extras::handle(&mut second, r#"{"op":"collect-script"}"#, None, None),
        ])
        .collect();
    for reply in &replies {
        let typed: Reply = serde_json::from_str(reply).unwrap_or_else(|e| panic!("{e}: {reply}"));
        assert_eq!(serde_json::to_string(&typed).unwrap(), *reply);
    }
    // A reply with a field the page does not know, or without one it needs, is an error for it.
    let mut v: Value = serde_json::from_str(&replies[1]).unwrap();
    v["view"]["view"]["rows"][0]["colour"] = json!("red");
    assert!(serde_json::from_str::<Reply>(&v.to_string()).is_err());
    let mut v: Value = serde_json::from_str(&replies[1]).unwrap();
    v["view"]["view"]["rows"][0]
        .as_object_mut()
        .unwrap()
        .remove("href");
    let e = serde_json::from_str::<Reply>(&v.to_string()).unwrap_err();
    assert!(e.to_string().contains("href"), "{e}");
}

#[test]
fn a_large_export_comes_in_chunks_that_join_to_the_commands_output() {
    use upgrade_planner::core::fleet::CHUNK_ROWS;
    let mut csv = String::from("name,current.os,target.os\n");
    let rows = CHUNK_ROWS * 2 + 17;
    for i in 0..rows {
        csv.push_str(&format!("S{i},windows-server-2016,windows-server-2022\n"));
    }
    let mut state = session(&csv, &Value::Null);
    let (inv, results) = reference(&csv, &InventoryOptions::default());
    for (format, expected) in [
        ("csv", inventory::to_csv(&results)),
        ("json", inventory::to_json(&inv, AS_OF)),
        (
            "markdown",
            inventory::to_markdown(&results, &inventory::summary(&results)),
        ),
    ] {
        let reply = parse(&handle(
            &mut state,
            &json!({"op": "export", "format": format}).to_string(),
            Payload::None,
        ));
        assert_eq!(reply["chunks"], 3, "{format}");
        let chunks: Vec<String> = std::iter::from_fn(|| next_chunk(&mut state)).collect();
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks.concat(), expected, "{format}");
        assert_eq!(next_chunk(&mut state), None, "an export is handed out once");
    }
}

/// A refused import (bytes that cannot be decoded, a UTF-8 BOM on text that is not UTF-8, no
/// inventory) drops the previous session: no view and no export of the old rows afterwards.
#[test]
fn a_refused_import_leaves_no_results_behind() {
    let bad: [&[u8]; 2] = [
        b"name,current.os\nA\0,windows-server-2016\n",
        b"\xEF\xBB\xBFname,\xFF\xFE\n",
    ];
    for bytes in bad {
        let mut state = session(&fixture("native.csv"), &Value::Null);
        assert!(state.is_some());
        let req = import_request(&Value::Null, Value::Null);
        let m = error_message(&handle(&mut state, &req, Payload::Bytes(bytes)));
        assert!(!m.is_empty());
        assert!(state.is_none(), "the old session survived a refused import");
        for op in [
            json!({"op": "view", "query": null}),
            json!({"op": "export", "format": "csv"}),
        ] {
            let m = error_message(&handle(&mut state, &op.to_string(), Payload::None));
            assert!(m.contains("no inventory"), "{op}: {m}");
        }
    }
}

#[test]
fn several_files_are_joined_by_machine_name() {
    let dir = format!("{}/tests/inventories/readiness", env!("CARGO_MANIFEST_DIR"));
    let os = std::fs::read(format!("{dir}/os-only.csv")).unwrap();
    let tpm = std::fs::read(format!("{dir}/get-tpm.csv")).unwrap();
    let cpu = std::fs::read(format!("{dir}/win32-processor-utf16.csv")).unwrap();
    let req = r#"{"op":"import","as_of":"2026-12-02","options":{"target":"windows-11"}}"#;
    let mut state = None;
    let reply = parse(&handle(
        &mut state,
        req,
        Payload::Files(vec![
            ("os.csv", &os),
            ("get-tpm.csv", &tpm),
            ("cpu.csv", &cpu),
        ]),
    ));
    assert_eq!(reply["kind"], "import", "{reply}");
    let files = reply["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(files[1]["read_as"], "Get-Tpm export");
    assert_eq!(
        (files[1]["rows"].as_u64(), files[1]["joined"].as_u64()),
        (Some(10), Some(10))
    );
    assert_eq!(files[2]["read_as"], "Win32_Processor export");
    assert_eq!(reply["summary"]["rows"], 12);
    // PC-OLDCPU-04: TPM 1.2 (Get-Tpm) and model 94 (Win32_Processor): replace.
    assert_eq!(reply["summary"]["by_hardware"]["replace"], 3);
    // A file that cannot be decoded is named.
    let mut state = None;
    let empty = b"\n\n".to_vec();
    let reply = parse(&handle(
        &mut state,
        req,
        Payload::Files(vec![("os.csv", &os), ("broken.csv", &empty)]),
    ));
    let m = reply["error"].as_str().unwrap_or_default();
    assert!(
        m.starts_with("`broken.csv`: the inventory is empty"),
        "{reply}"
    );
    assert_eq!(reply["summary"]["rows"], 0);
    refused(req, Payload::Files(Vec::new()), &["no inventory given"]);
}

#[test]
fn waves_are_planned_by_the_second_stage_from_the_engines_input() {
    use upgrade_planner::core::fleet::extras;
    let text = fixture("waves.csv");
    let mut state = None;
    let mut second = None;
    let waves = |o: Value| json!({"op": "waves", "options": o, "today": "2026-12-02"}).to_string();
    let good = json!({"start": "2026-12-07", "every_days": 7, "max": 3});
    // Before an import there is nothing to plan (the engine's input is empty).
    assert_eq!(
        error_message(&extras::handle(
            &mut second,
            &waves(good.clone()),
            Some(""),
            None
        )),
        "no inventory has been imported yet"
    );
    import(&mut state, &text, &json!({"target": "windows-server-2025"}));
    let fleet = state.as_ref().unwrap();
    let input = fleet.plan_input();
    // The engine leaves the waves to the second stage.
    assert!(
        error_message(&handle(&mut state, &waves(good.clone()), Payload::None))
            .contains("second stage")
    );
    let export2 = |second: &mut Option<extras::Extras>, format: &str| {
        let reply = parse(&extras::handle(
            second,
            &json!({"op": "export", "format": format}).to_string(),
            None,
            None,
        ));
        if reply["kind"] == "error" {
            return reply["message"].as_str().unwrap().to_string();
        }
        assert_eq!(reply["chunks"], 1);
        extras::next_chunk(second).unwrap()
    };
    assert!(export2(&mut second, "waves-csv").contains("no waves have been planned yet"));
    for (o, want) in [
        (
            json!({"start": "2026-12-07", "every_days": 7, "max": 0}),
            "most machines per wave: 0 is not accepted; accepted: 1 to 10000",
        ),
        (
            json!({"start": "2026-11-30", "every_days": 7, "max": 3}),
            "start date 2026-11-30 is in the past",
        ),
        (
            json!({"start": "soon", "every_days": 7, "max": 3}),
            "options.start: expected a date YYYY-MM-DD",
        ),
        (
            json!({"start": "2026-12-07", "every_days": -1, "max": 3}),
            "options.every_days: expected a whole number",
        ),
    ] {
        let m = error_message(&extras::handle(&mut second, &waves(o), Some(&input), None));
        assert!(m.starts_with(want), "{m}");
    }
    // A refused waves request keeps the fleet: its rows are still there.
    assert_eq!(view(&mut state, json!({}))["total"], 17);
    let reply = parse(&extras::handle(
        &mut second,
        &waves(good),
        Some(&input),
        None,
    ));
    assert_eq!(reply["kind"], "waves", "{reply}");
    let x = second.as_ref().unwrap();
    let (options, plan) = x.waves.as_ref().unwrap();
    // The same plan as the core makes from the engine's own results.
    let direct =
        upgrade_planner::core::waves::plan_waves(&state.as_ref().unwrap().results, options);
    assert_eq!(plan, &direct);
    assert_eq!(reply["total_waves"], plan.waves.len());
    assert_eq!(plan.waves[0].entries[0].name, "legacy01");
    assert_eq!(plan.unscheduled[0].reason, "already on the target");
    assert_eq!(reply["unscheduled"], 1);
    let html = reply["html"].as_str().unwrap();
    assert!(html.contains(r#"<li data-testid="wave" data-wave="1" data-date="2026-12-07"><details open><summary>Wave 1 — 2026-12-07 (1 machine)</summary>"#), "{html}");
    assert!(html.contains(r#"data-testid="wave-unscheduled" data-name="new01"><strong>new01</strong>: already on the target"#));
    let csv = upgrade_planner::core::waves::waves_csv(plan);
    let md = upgrade_planner::core::waves::waves_markdown(plan, options);
    assert_eq!(export2(&mut second, "waves-csv"), csv);
    assert_eq!(export2(&mut second, "waves-markdown"), md);
    assert!(md.contains("## Wave 1 — 2026-12-07 (1 machine)"));
    // The engine does not make the waves' exports.
    assert!(export(&mut state, "waves-csv").contains("second stage"));
}

#[test]
fn the_charts_count_what_the_summary_counts() {
    use upgrade_planner::core::fleet::charts::{charts, charts_html};
    for name in FIXTURES {
        let mut state = None;
        let reply = import(
            &mut state,
            &fixture(name),
            &json!({"target": "windows-server-2025"}),
        );
        let fleet = state.as_ref().unwrap();
        let c = charts(&fleet.results, &fleet.blocker_messages, fleet.as_of);
        // The page gets them drawn by the second stage, from the engine's input.
        assert_eq!(reply["charts_html"], "", "{name}: added by the worker");
        let x = upgrade_planner::core::fleet::extras::Extras::load(&fleet.plan_input()).unwrap();
        assert_eq!(x.charts_html(), charts_html(&c), "{name}");
        let summary = &fleet.summary;
        let sum = |bars: &[upgrade_planner::core::fleet::charts::Bar]| {
            bars.iter().map(|b| b.value).sum::<usize>()
        };
        assert_eq!(sum(&c.decisions), summary.rows, "{name}");
        assert_eq!(sum(&c.current), summary.planned, "{name}");
        assert_eq!(c.timeline.len(), 12);
        let without: usize = c.timeline.iter().map(|q| q.without_esu).sum();
        assert!(without + c.ended_without_esu + c.end_unknown <= summary.planned);
        assert!(c.findings.len() <= 8);
        assert!(
            c.findings.windows(2).all(|w| w[0].value >= w[1].value),
            "{name}"
        );
        for bar in &c.findings {
            assert!(
                summary.by_blocker.contains_key(&bar.id)
                    || summary.by_prerequisite.contains_key(&bar.id),
                "{name}: {}",
                bar.id
            );
        }
    }
}
