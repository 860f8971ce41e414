//! Fleet inventories (`src/core/inventory.rs`, docs/inventory-format.md): every fixture in
//! tests/inventories/ imports with the expected rows, mappings and per-row errors; the
//! `upgrade-plan --inventory` command; the limits; and a property test that CSV-ish text never
//! makes the import panic.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};
use upgrade_planner::core::inventory::*;
use upgrade_planner::core::scenario::{Scenario, Target};
use upgrade_planner::core::{Arch, Channel, Edition, Installation, Os, Verdict};

const AS_OF: upgrade_planner::core::date::Date =
    upgrade_planner::core::date::Date::lit("2026-11-21");

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/inventories/{name}", env!("CARGO_MANIFEST_DIR"));
    decode_text(&std::fs::read(&path).unwrap()).unwrap()
}

fn import(name: &str, options: &InventoryOptions) -> Inventory {
    let inv = parse_inventory(&fixture(name), options);
    assert_eq!(inv.error, None, "{name}");
    inv
}

fn to_2025() -> InventoryOptions {
    InventoryOptions::with_target_os(Os::Server2025)
}

fn row<'a>(inv: &'a Inventory, name: &str) -> &'a Row {
    inv.rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

fn ok<'a>(inv: &'a Inventory, name: &str) -> &'a Scenario {
    match &row(inv, name).result {
        Ok(s) => s,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn err<'a>(inv: &'a Inventory, name: &str) -> &'a RowError {
    match &row(inv, name).result {
        Ok(s) => panic!("{name}: expected an error, got {s:?}"),
        Err(e) => e,
    }
}

fn field<'a>(inv: &'a Inventory, header: &str) -> Option<&'a str> {
    inv.columns
        .iter()
        .find(|c| c.header == header)
        .unwrap_or_else(|| panic!("no column {header}"))
        .field
        .as_deref()
}

fn result<'a>(results: &'a [RowResult], name: &str) -> &'a RowResult {
    results.iter().find(|r| r.name == name).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

#[test]
fn native_csv_imports_every_row() {
    let inv = import("native.csv", &InventoryOptions::default());
    assert_eq!(inv.form, Form::Native);
    assert_eq!(inv.delimiter, Some(','));
    assert_eq!(inv.column_mapping, None);
    assert_eq!(inv.rows.len(), 13);
    assert_eq!(inv.good_rows(), 13);
    assert_eq!(
        field(&inv, "current.service_pack"),
        Some("current.service_pack")
    );
    assert_eq!(row(&inv, "FS-2003-01").line, 2);

    let sql = ok(&inv, "SQL-CLU-A");
    let cluster = sql.cluster.as_ref().unwrap();
    assert_eq!(cluster.nodes, ["SQLN1", "SQLN2"]);
    assert_eq!(cluster.groups, ["SQL Server", "MSDTC"]);
    let nt4 = ok(&inv, "NT4-CLU");
    assert_eq!(nt4.target.service_pack, Some(6));
    assert_eq!(nt4.cluster.as_ref().unwrap().nodes.len(), 3);
    assert_eq!(ok(&inv, "DC-2019").current.domain_controller, Some(true));
    assert_eq!(
        ok(&inv, "APP-2016").current.installation,
        Some(Installation::Core)
    );
    assert_eq!(
        ok(&inv, "CM-2016").configmgr.as_ref().unwrap().version,
        Some(2403)
    );
    assert_eq!(
        ok(&inv, "LEGACY-2008R2")
            .as_of
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-01-15")
    );

    let results = plan_inventory(&inv, AS_OF);
    let s = summary(&results);
    assert_eq!((s.rows, s.planned, s.errors), (13, 13, 0));
    assert_eq!(s.by_verdict.values().sum::<usize>(), 13);
    let sql = result(&results, "SQL-CLU-A");
    assert_eq!(sql.verdict, Some(Verdict::NotSupported));
    assert_eq!(sql.first_blocker.as_ref().unwrap().code, "cluster-kb935197");
    assert!(s.by_blocker["cluster-kb935197"] >= 1);
    assert_eq!(
        result(&results, "HV-CLU").method.unwrap().id(),
        "cluster-os-rolling-upgrade"
    );
    assert_eq!(
        result(&results, "NT4-CLU").method.unwrap().id(),
        "cluster-rolling-service-pack"
    );
    assert_eq!(
        result(&results, "FS-2003-01").method.unwrap().id(),
        "r2-option-1"
    );
    assert_eq!(
        result(&results, "STORE-2016").verdict,
        Some(Verdict::NotSupported)
    );
    // A row's own as_of wins over the one given for the fleet.
    assert_eq!(
        result(&results, "LEGACY-2008R2")
            .plan
            .as_ref()
            .unwrap()
            .as_of
            .to_string(),
        "2026-01-15"
    );
    assert_eq!(
        result(&results, "FS-2003-01").plan.as_ref().unwrap().as_of,
        AS_OF
    );
}

#[test]
fn get_computerinfo_export_is_read() {
    let inv = import("get-computerinfo.csv", &to_2025());
    assert_eq!(inv.form, Form::Powershell);
    assert_eq!(inv.rows.len(), 12);
    assert_eq!(inv.good_rows(), 12);
    // The `#TYPE` line is skipped; the first server is on line 3.
    assert_eq!(row(&inv, "DC01").line, 3);
    // WindowsEditionId is not read: the import proposes the mapping for the UI's mapping step.
    let proposal = inv.column_mapping.as_ref().expect("a mapping proposal");
    assert!(proposal
        .iter()
        .any(|c| c.header == "WindowsEditionId" && c.field.is_none()));
    assert_eq!(field(&inv, "CsName"), Some("name"));
    assert_eq!(field(&inv, "WindowsProductName"), Some("os.caption"));
    assert_eq!(field(&inv, "OsBuildNumber"), Some("os.version"));
    assert_eq!(field(&inv, "CsDomainRole"), Some("os.domain_role"));

    let dc = ok(&inv, "DC01");
    assert_eq!(
        (
            dc.current.os,
            dc.current.edition,
            dc.current.domain_controller
        ),
        (Os::Server2016, Some(Edition::Datacenter), Some(true))
    );
    assert_eq!(dc.target.os, Os::Server2025);
    let dc2 = ok(&inv, "DC02");
    assert_eq!(dc2.current.installation, Some(Installation::Core));
    assert_eq!(dc2.current.language.as_deref(), Some("de-DE"));
    assert_eq!(ok(&inv, "FILE01").current.domain_controller, Some(false));
    assert_eq!(ok(&inv, "WEB01").current.channel, Some(Channel::Evaluation));
    assert_eq!(
        ok(&inv, "HV01").current.edition,
        Some(Edition::HyperVServer)
    );
    assert_eq!(
        ok(&inv, "AZ01").current.edition,
        Some(Edition::DatacenterAzure)
    );
    // Windows 11 still says "Windows 10" in WindowsProductName: the build decides.
    let laptop = ok(&inv, "LAPTOP-7");
    assert_eq!(
        (laptop.current.os, laptop.current.release.as_deref()),
        (Os::Windows11, Some("23H2"))
    );
    let kiosk = ok(&inv, "KIOSK-3");
    assert_eq!(
        (
            kiosk.current.os,
            kiosk.current.edition,
            kiosk.current.release.as_deref()
        ),
        (Os::Windows10, Some(Edition::EnterpriseLtsc), Some("1809"))
    );
    let surface = ok(&inv, "SURFACE-1");
    assert_eq!(
        (
            surface.current.architecture,
            surface.current.release.as_deref()
        ),
        (Some(Arch::Arm64), Some("24H2"))
    );

    let results = plan_inventory(&inv, AS_OF);
    assert_eq!(summary(&results).errors, 0);
    // One target for all: a client row is planned too, and refused as a family change.
    assert_eq!(
        result(&results, "LAPTOP-7")
            .first_blocker
            .as_ref()
            .unwrap()
            .code,
        "family-change"
    );
}

#[test]
fn win32_operatingsystem_export_is_read() {
    let inv = import("win32-operatingsystem.csv", &to_2025());
    assert_eq!(inv.form, Form::Powershell);
    assert_eq!(inv.column_mapping, None);
    assert_eq!(inv.rows.len(), 14);
    assert_eq!(inv.good_rows(), 14);
    assert_eq!(field(&inv, "PSComputerName"), Some("name"));
    assert_eq!(field(&inv, "Version"), Some("os.version"));
    type Expect = (
        &'static str,
        Os,
        Option<Edition>,
        Option<u8>,
        Option<Arch>,
        &'static str,
    );
    let cases: [Expect; 10] = [
        (
            "SRV-2008R2-A",
            Os::Server2008R2,
            Some(Edition::Enterprise),
            Some(1),
            Some(Arch::X64),
            "en-US",
        ),
        (
            "SRV-2008R2-B",
            Os::Server2008R2,
            Some(Edition::Standard),
            Some(0),
            Some(Arch::X64),
            "de-DE",
        ),
        (
            "SRV-2008-X86",
            Os::Server2008,
            Some(Edition::Standard),
            Some(2),
            Some(Arch::X86),
            "fr-FR",
        ),
        (
            "SRV-2012R2-EVAL",
            Os::Server2012R2,
            Some(Edition::Standard),
            Some(0),
            Some(Arch::X64),
            "ja-JP",
        ),
        (
            "SRV-2016",
            Os::Server2016,
            Some(Edition::Datacenter),
            Some(0),
            Some(Arch::X64),
            "zh-CN",
        ),
        (
            "SRV-2019",
            Os::Server2019,
            Some(Edition::Standard),
            Some(0),
            Some(Arch::X64),
            "es-ES",
        ),
        (
            "SRV-STORE",
            Os::Server2016,
            Some(Edition::Storage),
            Some(0),
            Some(Arch::X64),
            "en-US",
        ),
        (
            "SRV-2003R2",
            Os::Server2003R2,
            Some(Edition::Enterprise),
            Some(2),
            Some(Arch::X64),
            "en-US",
        ),
        (
            "SRV-2003",
            Os::Server2003,
            Some(Edition::Standard),
            Some(1),
            None,
            "it-IT",
        ),
        (
            "SRV-NOCAPTION",
            Os::Server2022,
            None,
            Some(0),
            Some(Arch::X64),
            "en-US",
        ),
    ];
    for (name, os, edition, sp, arch, lang) in cases {
        let s = ok(&inv, name);
        assert_eq!(
            (
                s.current.os,
                s.current.edition,
                s.current.service_pack,
                s.current.architecture,
                s.current.language.as_deref()
            ),
            (os, edition, sp, arch, Some(lang)),
            "{name}"
        );
    }
    assert_eq!(
        ok(&inv, "SRV-2012R2-EVAL").current.channel,
        Some(Channel::Evaluation)
    );
    assert_eq!(
        ok(&inv, "WS-LTSC").current.edition,
        Some(Edition::EnterpriseLtsc)
    );
    let results = plan_inventory(&inv, AS_OF);
    assert_eq!(
        result(&results, "SRV-2008-X86")
            .first_blocker
            .as_ref()
            .unwrap()
            .code,
        "architecture-change"
    );
}

#[test]
fn configmgr_hardware_inventory_is_read() {
    let inv = import("configmgr-hinv.csv", &to_2025());
    assert_eq!(inv.form, Form::Configmgr);
    assert_eq!(inv.rows.len(), 8);
    assert_eq!(inv.good_rows(), 8);
    let proposal = inv.column_mapping.as_ref().expect("a mapping proposal");
    let unmapped: Vec<&str> = proposal
        .iter()
        .filter(|c| c.field.is_none())
        .map(|c| c.header.as_str())
        .collect();
    assert_eq!(unmapped, ["ResourceID", "Resource_Domain_OR_Workgr0"]);
    assert_eq!(field(&inv, "Netbios_Name0"), Some("name"));
    assert_eq!(field(&inv, "CSDVersion0"), Some("os.service_pack"));
    assert_eq!(ok(&inv, "CM-SRV-02").current.service_pack, Some(1));
    // An empty CSDVersion0 means no service pack: SP1 becomes a prerequisite.
    assert_eq!(ok(&inv, "CM-SRV-03").current.service_pack, Some(0));
    // OtherTypeDescription0 = R2 marks Windows Server 2003 R2.
    let r2 = ok(&inv, "CM-SRV-04");
    assert_eq!(
        (r2.current.os, r2.current.service_pack),
        (Os::Server2003R2, Some(2))
    );
    assert_eq!(
        ok(&inv, "CM-SRV-05").current.language.as_deref(),
        Some("nl-NL")
    );
    assert_eq!(
        ok(&inv, "CM-WKS-01").current.release.as_deref(),
        Some("21H2")
    );
    let results = plan_inventory(&inv, AS_OF);
    assert_eq!(
        result(&results, "CM-SRV-03").verdict,
        Some(Verdict::SupportedAfterPrerequisites)
    );
}

#[test]
fn broken_and_hostile_rows_never_stop_the_import() {
    let inv = import("broken-and-hostile.csv", &InventoryOptions::default());
    assert_eq!(
        inv.rows.len(),
        13,
        "empty lines and a row of empty cells are skipped"
    );
    assert_eq!(inv.good_rows(), 4);
    let expect: [(&str, &str, &str, &str); 9] = [
        (
            "BAD-OS",
            "current.os",
            "windows-95",
            "accepted: `windows-nt-4.0`",
        ),
        (
            "BAD-EDITION",
            "current.edition",
            "pro",
            "not an edition of Windows Server 2003",
        ),
        (
            "ONECOLUMN",
            "",
            "ONECOLUMN",
            "the row has 1 column but the header has 5",
        ),
        (
            "<img src=x onerror=alert(1)>",
            "current.edition",
            "<img src=x onerror=alert(1)>",
            "unknown value",
        ),
        (
            "HOSTILE-NODE",
            "cluster.nodes",
            "N1,<script>alert(1)</script>",
            "not a computer name",
        ),
        ("LONG", "current.edition", "AAAA", "at most 4096 bytes"),
        (
            "EXTRA",
            "",
            "unquoted",
            "quote values that contain the delimiter",
        ),
        ("NOTARGET", "target.os", "", "no target version"),
        (
            "BAD-TARGET",
            "target.os",
            "windows-vista",
            "unknown value `windows-vista`",
        ),
    ];
    for (name, column, value, message) in expect {
        let e = err(&inv, name);
        assert_eq!(e.column, column, "{name}: {e}");
        assert!(e.value.starts_with(value), "{name}: {e}");
        assert!(e.message.contains(message), "{name}: {e}");
        assert!(
            e.value.chars().count() <= 41,
            "values are shortened: {name}"
        );
    }
    assert_eq!(row(&inv, "ONECOLUMN").line, 5);
    assert_eq!(row(&inv, "HOSTILE-NODE").line, 12);
    // Hostile names are plain data.
    assert!(ok(&inv, "<script>alert(1)</script>").target.os == Os::Server2022);
    assert!(ok(&inv, "=cmd|' /C calc'!A0").current.os == Os::Server2016);
    // A product name is accepted where an os id is expected.
    assert_eq!(ok(&inv, "GOOD-2").current.os, Os::Server2012R2);

    let results = plan_inventory(&inv, AS_OF);
    let s = summary(&results);
    assert_eq!((s.rows, s.planned, s.errors), (13, 4, 9));
    let bad = result(&results, "BAD-OS");
    assert!(bad.plan.is_none() && bad.verdict.is_none());
    assert!(bad
        .error
        .as_ref()
        .unwrap()
        .starts_with("current.os `windows-95`: unknown value"));
}

#[test]
fn semicolon_bom_crlf_variant() {
    let path = format!(
        "{}/tests/inventories/broken-and-hostile-semicolon.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF") && bytes.windows(2).any(|w| w == b"\r\n"));
    // The BOM is tolerated by the parser too, not only by decode_text.
    let text = String::from_utf8(bytes).unwrap();
    let inv = parse_inventory(&text, &InventoryOptions::default());
    assert_eq!(inv.error, None);
    assert_eq!(inv.delimiter, Some(';'));
    assert_eq!(inv.form, Form::Powershell);
    assert_eq!(inv.rows.len(), 8);
    assert_eq!(field(&inv, "Name"), Some("name"));
    let lines: Vec<usize> = inv.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 7, 10, 11]);
    let expect = [
        (
            "BAD-CAPTION",
            "Caption",
            "Microsoft Windows XP Professional",
            "Windows XP is not in the planner's catalog",
        ),
        (
            "BAD-ARCH",
            "OSArchitecture",
            "sixty-four",
            "not an architecture",
        ),
        ("BAD-LCID", "OSLanguage", "9999", "not a language ID"),
        (
            "BAD-BUILD",
            "BuildNumber",
            "12345",
            "build 12345 is not a Windows release",
        ),
        (
            "<script>alert(1)</script>",
            "Caption",
            "<img src=x onerror=alert(1)>",
            "not a Windows version",
        ),
        ("Müller-Server", "target.os", "", "no target version"),
    ];
    for (name, column, value, message) in expect {
        let e = err(&inv, name);
        assert_eq!(
            (e.column.as_str(), e.value.as_str()),
            (column, value),
            "{name}: {e}"
        );
        assert!(e.message.contains(message), "{name}: {e}");
    }
    let good = ok(&inv, "GOOD-1");
    assert_eq!(
        (
            good.current.os,
            good.current.architecture,
            good.current.language.as_deref()
        ),
        (Os::Server2016, Some(Arch::X64), Some("de-DE"))
    );

    // With one target for all, the row without a target is planned; rows with one keep theirs.
    let inv = parse_inventory(&text, &to_2025());
    let muller = ok(&inv, "Müller-Server");
    assert_eq!(
        (
            muller.current.edition,
            muller.current.channel,
            muller.target.os
        ),
        (
            Some(Edition::Datacenter),
            Some(Channel::Evaluation),
            Os::Server2025
        )
    );
    assert_eq!(ok(&inv, "DOWNGRADE").target.os, Os::Server2019);
    let results = plan_inventory(&inv, AS_OF);
    assert_eq!(
        result(&results, "DOWNGRADE")
            .first_blocker
            .as_ref()
            .unwrap()
            .code,
        "downgrade"
    );
}

#[test]
fn json_fleet_forms() {
    let inv = import("fleet.json", &InventoryOptions::default());
    assert_eq!(inv.form, Form::Json);
    assert_eq!(inv.rows.len(), 8);
    assert_eq!(inv.good_rows(), 4);
    assert_eq!(inv.rows[0].name, "line 2");
    assert_eq!(inv.rows[0].line, 2);
    let sql = ok(&inv, "SQL-CLU-B");
    assert_eq!(sql.cluster.as_ref().unwrap().nodes, ["SQLB1", "SQLB2"]);
    assert_eq!(row(&inv, "SQL-CLU-B").line, 4);
    assert_eq!(ok(&inv, "FS-2003-02").current.service_pack, Some(1));
    assert_eq!(err(&inv, "NO-TARGET").column, "target.os");
    let e = err(&inv, "BAD-OS");
    assert_eq!(
        (e.column.as_str(), e.value.as_str()),
        ("current.os", "windows-95")
    );
    let e = err(&inv, "BAD-SP");
    assert_eq!(
        (e.column.as_str(), e.value.as_str()),
        ("current.service_pack", "7")
    );
    assert_eq!(err(&inv, "line 13").value, "42");
    assert_eq!(
        ok(&inv, "<script>alert(1)</script>").target.os,
        Os::Windows11
    );

    let inv = import("fleet.json", &to_2025());
    assert_eq!(ok(&inv, "NO-TARGET").target.os, Os::Server2025);
    assert_eq!(ok(&inv, "SQL-CLU-B").target.os, Os::Server2012);
    let results = plan_inventory(&inv, AS_OF);
    assert_eq!(
        result(&results, "SQL-CLU-B")
            .first_blocker
            .as_ref()
            .unwrap()
            .code,
        "cluster-kb935197"
    );
}

// ---------------------------------------------------------------------------------------------
// Options: one target for all, explicit mapping
// ---------------------------------------------------------------------------------------------

#[test]
fn one_target_for_all_applies_only_to_rows_without_a_target() {
    let csv = "name,current.os,target.os,target.edition\nA,windows-server-2016,windows-server-2019,\nB,windows-server-2016,,\nC,windows-server-2016,,datacenter\n";
    let options: InventoryOptions =
        serde_json::from_str(r#"{"target":{"os":"windows-server-2025","edition":"standard"}}"#)
            .unwrap();
    let inv = parse_inventory(csv, &options);
    assert_eq!(ok(&inv, "A").target.os, Os::Server2019);
    assert_eq!(ok(&inv, "A").target.edition, None);
    assert_eq!(
        (ok(&inv, "B").target.os, ok(&inv, "B").target.edition),
        (Os::Server2025, Some(Edition::Standard))
    );
    // The row's other target cells still apply on top of the target for all.
    assert_eq!(
        (ok(&inv, "C").target.os, ok(&inv, "C").target.edition),
        (Os::Server2025, Some(Edition::Datacenter))
    );
    // The option also takes a bare os id.
    let options: InventoryOptions =
        serde_json::from_str(r#"{"target":"windows-server-2022"}"#).unwrap();
    assert_eq!(options.target, Some(Target::new(Os::Server2022)));
    // A target for all that does not fit a row is that row's error, naming where it came from.
    let options: InventoryOptions =
        serde_json::from_str(r#"{"target":{"os":"windows-server-2025","edition":"web"}}"#).unwrap();
    let e = err(&parse_inventory(csv, &options), "B").clone();
    assert_eq!(e.column, "target (for all rows)");
    assert!(
        e.message.contains("not an edition of Windows Server 2025"),
        "{e}"
    );
}

#[test]
fn unknown_headers_get_a_mapping_proposal_and_an_explicit_mapping_wins() {
    let csv =
        "Asset tag,Product,Build Id,Team\nX1,Microsoft Windows Server 2016 Standard,14393,Ops\n";
    let inv = parse_inventory(csv, &to_2025());
    assert_eq!(inv.form, Form::Unknown);
    let proposal = inv.column_mapping.clone().unwrap();
    assert!(proposal.iter().all(|c| c.field.is_none()), "{proposal:?}");
    let e = err(&inv, "line 2");
    assert!(e.message.contains("no current Windows version"), "{e}");

    let mut options = to_2025();
    options.mapping = [
        ("Asset tag", "name"),
        ("Product", "os.caption"),
        ("build id", "os.version"),
        ("Team", "ignore"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let inv = parse_inventory(csv, &options);
    assert_eq!(inv.column_mapping, None);
    let s = ok(&inv, "X1");
    assert_eq!(
        (s.current.os, s.current.edition),
        (Os::Server2016, Some(Edition::Standard))
    );
    // An explicit mapping also overrides a recognised header.
    options.mapping.insert("Product".into(), "ignore".into());
    let inv = parse_inventory(csv, &options);
    assert_eq!(ok(&inv, "X1").current.edition, None);
    assert_eq!(ok(&inv, "X1").current.os, Os::Server2016);

    options
        .mapping
        .insert("Team".into(), "current.colour".into());
    let inv = parse_inventory(csv, &options);
    let e = inv.error.unwrap();
    assert!(e.contains("`current.colour` is not a field"), "{e}");
    assert!(e.contains("`os.caption`"), "{e}");
    assert!(inv.rows.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

#[test]
fn csv_and_markdown_reports() {
    let inv = import("broken-and-hostile.csv", &to_2025());
    let results = plan_inventory(&inv, AS_OF);
    let out = to_csv(&results);
    let mut reader = csv::ReaderBuilder::new().from_reader(out.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "name",
            "current",
            "target",
            "verdict",
            "decision",
            "reason",
            "hardware",
            "method",
            "route",
            "first_blocker",
            "first_prerequisite",
            "error"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 13);
    let good = records.iter().find(|r| &r[0] == "GOOD-1").unwrap();
    assert_eq!(&good[1], "windows-server-2016");
    assert_eq!(&good[8], "windows-server-2016 > windows-server-2022");
    assert_eq!(&good[11], "");
    let formula = records.iter().find(|r| r[0].contains("calc")).unwrap();
    assert!(
        formula[0].starts_with("'="),
        "formulas are defused: {}",
        &formula[0]
    );
    let bad = records.iter().find(|r| &r[0] == "BAD-OS").unwrap();
    assert_eq!(&bad[3], "");
    assert!(bad[11].starts_with("current.os `windows-95`"));
    assert_eq!(&bad[4], "input-error");

    let s = summary(&results);
    let md = to_markdown(&results, &s);
    assert!(md.starts_with("# Fleet upgrade plan\n"));
    assert!(md.contains("| Input errors | 8 |"), "{md}");
    assert!(md.contains("## GOOD-1 (line 2)"));
    assert!(md.contains("### Windows Server 2016 → Windows Server 2022"));
    assert!(md.contains("- [ ] "));
    // Hostile text is escaped: every `<` and `>` is a Markdown backslash escape.
    for (i, _) in md.match_indices(['<', '>']) {
        assert_eq!(
            &md[i - 1..i],
            "\\",
            "unescaped at {i}: {}",
            &md[i.saturating_sub(40)..i + 1]
        );
    }
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
}

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

#[test]
fn oversized_text_is_refused() {
    let mut text = String::from("name,current.os,target.os\n");
    while text.len() <= MAX_INVENTORY_BYTES {
        text.push_str("SRV,windows-server-2016,windows-server-2019\n");
    }
    let inv = parse_inventory(&text, &InventoryOptions::default());
    assert!(inv.rows.is_empty());
    assert!(inv
        .error
        .unwrap()
        .contains("at most 10485760 bytes (10 MiB)"));
}

#[test]
fn row_count_limit() {
    let mut text = String::from("name,current.os\n");
    for _ in 0..MAX_ROWS {
        text.push_str("a\n");
    }
    let inv = parse_inventory(&text, &InventoryOptions::default());
    assert_eq!(inv.error, None);
    assert_eq!(inv.rows.len(), MAX_ROWS);
    text.push_str("a\n");
    let inv = parse_inventory(&text, &InventoryOptions::default());
    assert!(inv.error.unwrap().contains("more than 100000 rows"));
    let json = format!("[{}1]", "1,".repeat(MAX_ROWS));
    let inv = parse_inventory(&json, &InventoryOptions::default());
    assert!(inv.error.unwrap().contains("more than 100000 rows"));
}

#[test]
fn column_and_field_limits() {
    let wide_header = (0..=MAX_COLUMNS)
        .map(|i| format!("c{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let inv = parse_inventory(&wide_header, &InventoryOptions::default());
    assert!(inv.error.unwrap().contains("at most 200 are accepted"));

    let wide_row = format!(
        "name,current.os,target.os\nWIDE,windows-server-2016,windows-server-2019{}\nOK,windows-server-2016,windows-server-2019\n",
        ",".repeat(MAX_COLUMNS)
    );
    let inv = parse_inventory(&wide_row, &InventoryOptions::default());
    let e = err(&inv, "WIDE");
    assert!(
        e.message.contains("the row has 203 columns; at most 200"),
        "{e}"
    );
    ok(&inv, "OK");

    let at_limit = "x".repeat(MAX_FIELD_BYTES);
    let over = "x".repeat(MAX_FIELD_BYTES + 1);
    let text = format!(
        "name,current.os,target.os,cluster.groups\nA,windows-server-2016,windows-server-2019,{at_limit}\nB,windows-server-2016,windows-server-2019,{over}\n"
    );
    let inv = parse_inventory(&text, &InventoryOptions::default());
    // 4096 bytes pass the import limit (the Scenario's own 128-character group limit then applies).
    assert!(err(&inv, "A")
        .message
        .contains("longer than 128 characters"));
    let e = err(&inv, "B");
    assert_eq!(e.column, "cluster.groups");
    assert!(e.message.contains("4097 bytes long; at most 4096"), "{e}");
}

#[test]
fn empty_and_malformed_texts_are_refused_with_a_message() {
    for (text, needle) in [
        ("", "the inventory is empty"),
        ("  \n\n", "the inventory is empty"),
        ("\u{feff}", "the inventory is empty"),
        ("[{\"current\":", "malformed JSON at line 1"),
        ("{]", "malformed JSON"),
    ] {
        let inv = parse_inventory(text, &InventoryOptions::default());
        assert!(
            inv.error.as_ref().unwrap().contains(needle),
            "{text:?}: {:?}",
            inv.error
        );
    }
    // A header without rows is an empty fleet, not an error.
    let inv = parse_inventory("name,current.os,target.os\n", &InventoryOptions::default());
    assert_eq!((inv.error, inv.rows.len()), (None, 0));
}

#[test]
fn bytes_are_decoded() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "name,current.os,target.os\r\nA,windows-server-2016,windows-server-2019\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let inv = parse_inventory(&decode_text(&utf16).unwrap(), &InventoryOptions::default());
    assert_eq!(ok(&inv, "A").current.os, Os::Server2016);
    let latin1 = b"name,current.os,target.os\nM\xfcller,windows-server-2016,windows-server-2019\n";
    let inv = parse_inventory(&decode_text(latin1).unwrap(), &InventoryOptions::default());
    ok(&inv, "Müller");
}

// ---------------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------------

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_upgrade-plan"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        input.write_all(&data).ok();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn one_line_error(out: &Output, needle: &str) {
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err} lacks {needle}");
    assert!(out.stdout.is_empty());
}

#[test]
fn command_json_output() {
    let out = run(&["--inventory", "tests/inventories/native.csv"], b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 13);
    for r in rows {
        for key in ["name", "verdict", "method", "route", "error", "plan"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        assert!(r["error"].is_null());
        assert!(r["plan"]["steps"].is_array());
    }
    let sql = rows.iter().find(|r| r["name"] == "SQL-CLU-A").unwrap();
    assert_eq!(sql["verdict"], "not-supported");
    assert_eq!(sql["method"], "cluster-migration");
    assert_eq!(sql["first_blocker"]["code"], "cluster-kb935197");

    let out = run(
        &["--inventory", "-", "--format", "json"],
        fixture("fleet.json").as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let bad = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "BAD-OS")
        .unwrap();
    assert!(bad["verdict"].is_null() && bad["plan"].is_null());
    let e = bad["error"].as_str().unwrap();
    assert!(
        e.starts_with("current.os `windows-95`: unknown value") && !e.contains('\n'),
        "{e}"
    );
}

#[test]
fn command_csv_output_and_target() {
    let out = run(
        &[
            "--inventory",
            "tests/inventories/win32-operatingsystem.csv",
            "--target",
            "windows-server-2025",
            "--format",
            "csv",
        ],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(CSV_HEADER));
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 14);
    assert!(records
        .iter()
        .all(|r| &r[2] == "windows-server-2025" && r[11].is_empty()));
    let r2 = records.iter().find(|r| &r[0] == "SRV-2003R2").unwrap();
    assert_eq!(&r2[1], "windows-server-2003-r2");
    assert!(r2[8].starts_with("windows-server-2003-r2 > "));

    // Without --target, rows without a target column are errors, and the file is still read.
    let out = run(
        &[
            "--inventory",
            "tests/inventories/win32-operatingsystem.csv",
            "--format=csv",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines()
            .filter(|l| l.contains("no target version"))
            .count(),
        14
    );

    // Bad rows: exit 0, each with its one-line error.
    let out = run(
        &[
            "--inventory",
            "tests/inventories/broken-and-hostile.csv",
            "--format",
            "csv",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("current.edition `pro`: `pro` is not an edition of Windows Server 2003"));
}

#[test]
fn command_markdown_report() {
    let out = run(
        &[
            "--inventory",
            "tests/inventories/configmgr-hinv.csv",
            "--target",
            "windows-server-2025",
            "--markdown",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# Fleet upgrade plan"));
    assert!(md.contains("8 machines: 8 planned, 0 with errors."));
    assert!(md.contains("## CM\\-SRV\\-03") || md.contains("## CM-SRV-03"));
}

#[test]
fn command_refuses_bad_files_and_options_with_one_line() {
    one_line_error(
        &run(
            &[
                "--inventory",
                "tests/inventories/native.csv",
                "--target",
                "windows-95",
            ],
            b"",
        ),
        "--target `windows-95` is not a Windows version; accepted: `windows-nt-4.0`",
    );
    one_line_error(
        &run(
            &[
                "--inventory",
                "tests/inventories/native.csv",
                "--format",
                "xml",
            ],
            b"",
        ),
        "accepted: `json`, `csv`",
    );
    one_line_error(
        &run(&["--inventory", "/nonexistent/fleet.csv"], b""),
        "cannot open `/nonexistent/fleet.csv`",
    );
    one_line_error(&run(&["--inventory", "-"], b""), "the inventory is empty");
    one_line_error(
        &run(&["--inventory", "-"], b"[{\"current\""),
        "malformed JSON",
    );
    one_line_error(&run(&["--inventory"], b""), "--inventory needs a value");
    one_line_error(
        &run(&["--target", "windows-server-2025", "-"], b"{}"),
        "apply to --inventory only",
    );
    one_line_error(
        &run(&["--inventory", "-", "--markdown", "--format", "csv"], b"x"),
        "alternatives",
    );
    let big = vec![b'a'; MAX_INVENTORY_BYTES + 10];
    one_line_error(
        &run(&["--inventory", "-"], &big),
        "larger than 10485760 bytes",
    );
    one_line_error(&run(&["--inventory", "-"], b"a\0b"), "not text");
}

#[test]
fn command_single_scenario_is_unchanged() {
    let out = run(
        &["-"],
        br#"{"current":{"os":"windows-server-2012-r2"},"target":{"os":"windows-server-2025"},"hardware":{"cpu":{"slat":true,"sse42":true,"popcnt":true}}}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["verdict"], "supported");
}

// ---------------------------------------------------------------------------------------------
// Property: arbitrary CSV-ish text never panics
// ---------------------------------------------------------------------------------------------

fn cell() -> BoxedStrategy<String> {
    prop_oneof![
        4 => proptest::sample::select(&[
            "windows-server-2016", "windows-server-2003", "Windows Server 2012 R2", "windows-10",
            "Microsoft Windows Server 2019 Datacenter", "Microsoft Windows 10 Pro", "Hyper-V Server 2019",
            "17763", "10.0.22631", "6.1.7601", "1033", "9999", "64-bit", "ARM 64-bit Processor",
            "Service Pack 1", "PrimaryDomainController", "5", "true", "x", "", " ", "\"", "\"\"",
            "a,b", "N1;N2", "<script>alert(1)</script>", "=1+1", "\u{feff}", "\r", "#TYPE x",
            "22H2", "datacenter", "core", "Server Core", "R2", "System.String[]", "{en-US}",
        ][..]).prop_map(String::from),
        2 => ".{0,16}",
        1 => "[0-9.]{0,12}",
    ]
    .boxed()
}

fn header() -> BoxedStrategy<String> {
    prop_oneof![
        4 => proptest::sample::select(&[
            "name", "current.os", "target.os", "current.edition", "cluster.nodes", "current.service_pack",
            "Caption", "BuildNumber", "Version", "OSArchitecture", "OSLanguage", "CSDVersion0",
            "CsDomainRole", "ProductType", "OtherTypeDescription", "WindowsInstallationType",
            "Name0", "as_of", "configmgr.version", "current.conditions", "Unknown Column",
        ][..]).prop_map(String::from),
        1 => ".{0,10}",
    ]
    .boxed()
}

fn csvish() -> BoxedStrategy<String> {
    (
        proptest::sample::select(&[",", ";", "\t", "|"][..]),
        proptest::collection::vec(header(), 0..8),
        proptest::collection::vec(proptest::collection::vec(cell(), 0..9), 0..8),
        proptest::sample::select(&["\n", "\r\n", "\r"][..]),
        any::<bool>(),
    )
        .prop_map(|(d, headers, rows, eol, bom)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            s.push_str(&headers.join(d));
            for r in rows {
                s.push_str(eol);
                s.push_str(&r.join(d));
            }
            s
        })
        .boxed()
}

proptest! {
    #![proptest_config(Config {
        cases: 2_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    })]

    #[test]
    fn csvish_text_never_panics(text in prop_oneof![3 => csvish(), 1 => "\\PC{0,200}", 1 => "[\\[\\]{}\",:a-z0-9 \n]{0,80}"]) {
        for options in [InventoryOptions::default(), to_2025()] {
            let inv = parse_inventory(&text, &options);
            let results = plan_inventory(&inv, AS_OF);
            let s = summary(&results);
            prop_assert_eq!(s.rows, inv.rows.len());
            let out = to_csv(&results);
            prop_assert_eq!(csv::Reader::from_reader(out.as_bytes()).records().count(), results.len());
            let _ = to_markdown(&results, &s);
            for r in &inv.rows {
                if let Err(e) = &r.result {
                    prop_assert!(!e.message.is_empty());
                    prop_assert!(e.value.chars().count() <= 41);
                }
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(text) = decode_text(&bytes) {
            let inv = parse_inventory(&text, &to_2025());
            let _ = to_csv(&plan_inventory(&inv, AS_OF));
        }
    }
}

#[test]
fn configmgr_system_names_give_kernel_and_family() {
    let csv = "Netbios_Name0,Operating_System_Name_and0,Build01\n\
               A,Microsoft Windows NT Server 6.3,\n\
               B,Microsoft Windows NT Server 10.0,10.0.17763\n\
               C,Microsoft Windows NT Workstation 10.0,10.0.19045\n\
               D,Microsoft Windows NT Server 10.0,\n\
               E,Microsoft Windows 10 Pro in S mode,10.0.19045\n";
    let inv = parse_inventory(csv, &to_2025());
    assert_eq!(inv.form, Form::Configmgr);
    assert_eq!(ok(&inv, "A").current.os, Os::Server2012R2);
    assert_eq!(ok(&inv, "B").current.os, Os::Server2019);
    let c = ok(&inv, "C");
    assert_eq!(
        (c.current.os, c.current.release.as_deref()),
        (Os::Windows10, Some("22H2"))
    );
    let e = err(&inv, "D");
    assert_eq!(e.column, "Operating_System_Name_and0");
    assert!(e.message.contains("add the build number"), "{e}");
    assert_eq!(
        ok(&inv, "E").current.conditions,
        [upgrade_planner::core::Condition::SModeClient]
    );
}

/// The readiness fleet of tests/inventories/readiness/ in the planner's own columns: each
/// machine's hardware outcome for Windows 11 is the one its README derives from the facts alone
/// (PC-KABYLAKE-09 is unknown from this file: the platform ID is not among its columns).
#[test]
fn readiness_native_columns_give_each_machine_its_outcome() {
    use upgrade_planner::core::hardware::Outcome;
    let inv = import(
        "readiness/native-hardware.csv",
        &InventoryOptions::with_target_os(Os::Windows11),
    );
    let results = plan_inventory(&inv, AS_OF);
    let expected = [
        ("PC-READY-01", Outcome::Ready),
        ("PC-TPMOFF-02", Outcome::Fixable),
        ("PC-LEGACYBIOS-03", Outcome::Fixable),
        ("PC-OLDCPU-04", Outcome::Replace),
        ("PC-AMDZEN1-05", Outcome::Replace),
        ("PC-LOWRAM-06", Outcome::Fixable),
        ("PC-SMALLDISK-07", Outcome::Fixable),
        ("PC-UNKNOWN-08", Outcome::Unknown),
        ("PC-KABYLAKE-09", Outcome::Unknown),
        ("PC-SMODE-10", Outcome::Fixable),
        ("VM-GEN1-11", Outcome::Replace),
        ("VM-GEN2-12", Outcome::Ready),
    ];
    assert_eq!(results.len(), expected.len());
    for (name, outcome) in expected {
        let r = results.iter().find(|r| r.name == name).unwrap();
        assert_eq!(r.error, None, "{name}");
        assert_eq!(r.hardware, Some(outcome), "{name}: {}", r.headline);
        assert!(!r.headline.is_empty(), "{name} has no headline");
    }
    // The decision per machine: upgrade now, fix first, or (out of support, hardware that cannot
    // run Windows 11) ESU until it is replaced.
    use upgrade_planner::core::decision::Decision;
    for (name, decision) in [
        ("PC-READY-01", Decision::UpgradeNow),
        ("PC-TPMOFF-02", Decision::FixFirst),
        ("PC-LEGACYBIOS-03", Decision::FixFirst),
        ("PC-OLDCPU-04", Decision::BridgeWithEsu),
        ("PC-AMDZEN1-05", Decision::BridgeWithEsu),
        ("PC-UNKNOWN-08", Decision::FixFirst),
        ("VM-GEN1-11", Decision::BridgeWithEsu),
        ("VM-GEN2-12", Decision::UpgradeNow),
    ] {
        let r = results.iter().find(|r| r.name == name).unwrap();
        assert_eq!(r.decision, decision, "{name}: {}", r.reason);
        assert!(!r.reason.is_empty());
    }
    let summary = summary(&results);
    assert_eq!(summary.by_decision.values().sum::<usize>(), results.len());
    let count = |o: Outcome| summary.by_hardware.get(o.id()).copied().unwrap_or(0);
    assert_eq!(
        Outcome::ALL.map(count),
        [2, 5, 3, 2],
        "ready, fixable, replace, unknown"
    );
    // Every export carries the outcome and the headline, in the same words as the plan.
    let csv = to_csv(&results);
    let line = csv
        .lines()
        .find(|l| l.starts_with("PC-OLDCPU-04,"))
        .unwrap();
    assert!(line.contains(",replace,replace-hardware,"), "{line}");
    // Out of support (Windows 10 22H2 Pro) and no way to Windows 11 on this processor: ESU bridges.
    assert!(line.contains(",bridge-with-esu,"), "{line}");
    assert!(line.contains("until 2028-10-10, then replace it"), "{line}");
    let md = to_markdown(&results, &summary);
    assert!(md.contains("| Replace the hardware | 3 |"), "{md}");
    assert!(md.contains("✗ **Processor generation**"), "{md}");
}

/// docs/collect-hardware.ps1 writes one row per machine with the columns of its `[ordered]@{…}`:
/// every one of them is a column the importer knows (no mapping step), and a row as the script
/// writes it (Export-Csv quotes every cell; booleans as True/False) is planned.
#[test]
fn the_collection_script_writes_columns_the_importer_reads() {
    use upgrade_planner::core::hardware::Outcome;
    let script = std::fs::read_to_string(format!(
        "{}/docs/collect-hardware.ps1",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let headers: Vec<&str> = script
        .lines()
        .filter_map(|l| {
            let l = l.trim_start().strip_prefix('\'')?;
            let (key, rest) = l.split_once('\'')?;
            rest.trim_start().starts_with('=').then_some(key)
        })
        .collect();
    assert!(headers.len() >= 20, "{headers:?}");
    let values: Vec<&str> = headers
        .iter()
        .map(|h| match *h {
            "name" => "PC-01",
            "Caption" => "Microsoft Windows 10 Pro",
            "current.release" => "22H2",
            "current.build" => "19045.5371",
            "current.architecture" => "x64",
            "current.domain" => "corp.contoso.com",
            "current.domain_controller" => "False",
            "cluster.name" => "",
            "hardware.tpm" => "2.0",
            "hardware.tpm_enabled" => "True",
            "hardware.firmware" => "uefi",
            "hardware.secure_boot" => "enabled",
            "hardware.partition_style" => "gpt",
            "hardware.ram_gb" => "16",
            "hardware.disk_gb" => "237",
            "hardware.model" => "OptiPlex 7060",
            "hardware.cpu.manufacturer" => "intel",
            "hardware.cpu.family" => "6",
            "hardware.cpu.model" => "158",
            "hardware.cpu.stepping" => "10",
            "hardware.cpu.platform_id" => "",
            "hardware.cpu.name" => "Intel(R) Core(TM) i5-8500 CPU @ 3.00GHz",
            "hardware.cpu.logical_processors" => "6",
            "hardware.cpu.clock_mhz" => "3000",
            "virtualisation.platform" => "physical",
            "virtualisation.vtpm" => "",
            other => panic!("the script writes a column this test does not know: {other}"),
        })
        .collect();
    let quoted = |cells: &[&str]| {
        cells
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let text = format!("{}\n{}\n", quoted(&headers), quoted(&values));
    let inv = parse_inventory(&text, &InventoryOptions::with_target_os(Os::Windows11));
    assert_eq!(inv.error, None);
    assert!(inv.column_mapping.is_none(), "{:?}", inv.column_mapping);
    let results = plan_inventory(&inv, AS_OF);
    assert_eq!(results[0].error, None);
    assert_eq!(
        results[0].hardware,
        Some(Outcome::Ready),
        "{}",
        results[0].headline
    );
}

/// One stray quote must not swallow the rest of the file: the row it opens on is an error that
/// says so, every other row is planned (at the end of the file, and in the middle).
#[test]
fn a_quote_never_closed_costs_one_row() {
    for (at, rows) in [(7usize, 1000usize), (995, 1000), (3, 12)] {
        let mut lines = vec!["name,current.os,target.os".to_string()];
        for i in 1..=rows {
            lines.push(format!("SRV-{i},windows-server-2016,windows-server-2019"));
        }
        lines[at] = format!("\"SRV-{at},windows-server-2016,windows-server-2019");
        for eol in ["\n", "\r\n"] {
            let inv = parse_inventory(&(lines.join(eol) + eol), &InventoryOptions::default());
            assert_eq!(inv.error, None);
            assert_eq!(inv.rows.len(), rows, "{at}: every other row is read");
            let bad: Vec<&Row> = inv.rows.iter().filter(|r| r.result.is_err()).collect();
            assert_eq!(bad.len(), 1, "{at}");
            assert_eq!(bad[0].line, at + 1);
            let message = bad[0].result.as_ref().unwrap_err().to_string();
            assert!(
                message.contains(&format!(
                    "a quote opened on line {} is never closed",
                    at + 1
                )),
                "{message}"
            );
            assert_eq!(
                inv.rows
                    .iter()
                    .filter(|r| r.result.is_ok())
                    .map(|r| r.line)
                    .max(),
                Some(if at == rows { rows } else { rows + 1 })
            );
        }
    }
    // A legitimate quoted cell with a line break in it is still one cell.
    let inv = parse_inventory(
        "name,current.os,target.os\n\"SRV\n1\",windows-server-2016,windows-server-2019\nSRV-2,windows-server-2016,windows-server-2019\n",
        &InventoryOptions::default(),
    );
    assert!(inv.rows.iter().all(|r| r.result.is_ok()), "{:?}", inv.rows);
}

/// What the Fleet table shows for a "supported after prerequisites" row (its first prerequisite),
/// every format holds: a column of its own in CSV, a field in JSON, a line in Markdown.
#[test]
fn the_first_prerequisite_is_in_every_format() {
    let inv = import("native.csv", &to_2025());
    let results = plan_inventory(&inv, AS_OF);
    let r = results.iter().find(|r| r.name == "APP-2016").unwrap();
    let p = r
        .first_prerequisite
        .as_ref()
        .expect("APP-2016 waits for a prerequisite");
    assert!(r.first_blocker.is_none());
    let cell = format!("{}: {}", p.code, p.message);
    let csv = to_csv(&results);
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = headers
        .iter()
        .position(|h| h == "first_prerequisite")
        .unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|rec| &rec[0] == "APP-2016")
        .unwrap();
    assert_eq!(&row[col], cell);
    let json: Value = serde_json::from_str(&to_json(&inv, AS_OF)).unwrap();
    let j = json
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "APP-2016")
        .unwrap();
    assert_eq!(j["first_prerequisite"]["code"], p.code.id());
    let s = summary(&results);
    assert!(s.by_prerequisite.get(p.code.id()).copied().unwrap_or(0) >= 1);
    let md = to_markdown(&results, &s);
    assert!(
        md.contains(&format!("**First prerequisite:** `{}`", p.code)),
        "{md}"
    );
    assert!(md.contains("| prerequisite | machines |"));
}
