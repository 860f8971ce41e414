//! Readiness exports (`src/core/inventory/readiness/`, `join.rs`): the twelve machines of
//! tests/inventories/readiness/ (README there: what each file says and the expected outcome),
//! joined to an inventory that gives their Windows version, file by file and all together; the
//! UTF-16 export; matching by name; bad values; text that never makes the readers panic.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use upgrade_planner::core::date::Date;
use upgrade_planner::core::hardware::{Outcome, Status};
use upgrade_planner::core::inventory::*;
use upgrade_planner::core::Os;

const AS_OF: Date = Date::lit("2026-12-02");

const EXPORTS: [&str; 9] = [
    "win32-processor.csv",
    "win32-computersystem.csv",
    "get-tpm.csv",
    "secure-boot.csv",
    "hardware-readiness-runscripts.csv",
    "configmgr-readiness.csv",
    "wufb-ucclientreadinessstatus.csv",
    "intune-work-from-anywhere.csv",
    "whynotwin11.csv",
];

const MACHINES: [&str; 12] = [
    "PC-READY-01",
    "PC-TPMOFF-02",
    "PC-LEGACYBIOS-03",
    "PC-OLDCPU-04",
    "PC-AMDZEN1-05",
    "PC-LOWRAM-06",
    "PC-SMALLDISK-07",
    "PC-UNKNOWN-08",
    "PC-KABYLAKE-09",
    "PC-SMODE-10",
    "VM-GEN1-11",
    "VM-GEN2-12",
];

fn text(name: &str) -> String {
    let path = format!(
        "{}/tests/inventories/readiness/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    decode_text(&std::fs::read(&path).unwrap()).unwrap()
}

fn to_11() -> InventoryOptions {
    InventoryOptions::with_target_os(Os::Windows11)
}

/// The files read together (the first one the inventory), planned: machine → outcome id (or
/// `error: …`).
fn outcomes(files: &[&str]) -> Vec<(String, String)> {
    let texts: Vec<String> = files.iter().map(|f| text(f)).collect();
    let inputs: Vec<InputFile> = files
        .iter()
        .zip(&texts)
        .map(|(name, text)| InputFile { name, text })
        .collect();
    let inv = parse_inventories(&inputs, &to_11());
    assert_eq!(inv.error, None, "{files:?}");
    plan_inventory(&inv, AS_OF)
        .into_iter()
        .map(|r| {
            let o = match (&r.error, r.hardware) {
                (Some(e), _) => format!("error: {e}"),
                (None, Some(h)) => h.id().to_string(),
                (None, None) => "none".to_string(),
            };
            (r.name, o)
        })
        .collect()
}

fn expect(files: &[&str], expected: [&str; 12]) {
    let got = outcomes(files);
    let want: Vec<(String, String)> = MACHINES
        .iter()
        .zip(expected)
        .map(|(m, o)| (m.to_string(), o.to_string()))
        .collect();
    assert_eq!(got, want, "{files:?}");
}

#[test]
fn all_exports_together_give_the_readme_outcomes() {
    let mut files = vec!["os-only.csv"];
    files.extend(EXPORTS);
    // README "Per machine": ready 01, 12; fixable 02, 03, 06, 07, 10; replace 04, 05, 09, 11;
    // unknown 08 (no source knows its TPM).
    expect(
        &files,
        [
            "ready", "fixable", "fixable", "replace", "replace", "fixable", "fixable", "unknown",
            "replace", "fixable", "replace", "ready",
        ],
    );
    // The order of the exports does not change a verdict: facts are facts, reports add up.
    let mut reversed = vec!["os-only.csv"];
    reversed.extend(EXPORTS.iter().rev());
    assert_eq!(outcomes(&files), outcomes(&reversed));
}

#[test]
fn each_export_says_what_it_can_and_leaves_the_rest_unknown() {
    let with = |f: &'static str| ["os-only.csv", f];
    // Processor only: the two invalid processors (model 94; AMD family 23 model 1) and the
    // one-processor VM; the Kaby Lake needs its platform ID, which Win32_Processor lacks.
    let processor = [
        "unknown", "unknown", "unknown", "replace", "replace", "unknown", "unknown", "unknown",
        "unknown", "unknown", "replace", "unknown",
    ];
    expect(&with("win32-processor.csv"), processor);
    // The UTF-16 export with CRLF reads the same.
    expect(&with("win32-processor-utf16.csv"), processor);
    // Memory: 2.86 GiB rounds to 3 GB (fixable); 3.71 GiB rounds to 4 GB (no failure). The
    // Hyper-V "Virtual Machine" with one logical processor is given more (fixable); its
    // generation stays unknown without the firmware.
    expect(
        &with("win32-computersystem.csv"),
        [
            "unknown", "unknown", "unknown", "unknown", "unknown", "fixable", "unknown", "unknown",
            "unknown", "unknown", "fixable", "unknown",
        ],
    );
    // Get-Tpm: a TPM 2.0 switched off is fixable, a TPM 1.2 is not.
    expect(
        &with("get-tpm.csv"),
        [
            "unknown", "fixable", "unknown", "replace", "unknown", "unknown", "unknown", "unknown",
            "unknown", "unknown", "replace", "unknown",
        ],
    );
    // HardwareReadiness.ps1: CAPABLE for the TPM that is off (the script never asks whether it
    // is on); "SecureBoot: Not capable" alone does not say legacy BIOS or no Secure Boot.
    expect(
        &with("hardware-readiness-runscripts.csv"),
        [
            "ready", "ready", "unknown", "replace", "replace", "fixable", "fixable", "unknown",
            "replace", "unknown", "replace", "ready",
        ],
    );
    // ConfigMgr: a `Tpm` reason alone does not say switched off or 1.2; SModeState is S mode.
    expect(
        &with("configmgr-readiness.csv"),
        [
            "ready", "unknown", "unknown", "replace", "replace", "fixable", "fixable", "unknown",
            "replace", "fixable", "replace", "ready",
        ],
    );
    // Windows Update for Business: Capable for the S mode PC (it does not check S mode, which
    // stays a prerequisite to look at).
    expect(
        &with("wufb-ucclientreadinessstatus.csv"),
        [
            "ready", "unknown", "unknown", "replace", "replace", "fixable", "fixable", "unknown",
            "replace", "ready", "replace", "ready",
        ],
    );
    // Work from anywhere: the VM's core count is fixable, but its failed TPM and Secure Boot
    // checks may or may not be (and its generation is open), so it is unknown, not fixable.
    expect(
        &with("intune-work-from-anywhere.csv"),
        [
            "ready", "unknown", "unknown", "replace", "replace", "fixable", "fixable", "unknown",
            "replace", "ready", "unknown", "ready",
        ],
    );
    // WhyNotWin11 gives the boot method and partition style: legacy BIOS on MBR is fixable.
    expect(
        &with("whynotwin11.csv"),
        [
            "ready", "unknown", "fixable", "replace", "replace", "fixable", "fixable", "unknown",
            "replace", "unknown", "replace", "ready",
        ],
    );
}

#[test]
fn a_reported_failure_without_its_value_is_shown_as_such() {
    let texts = [text("os-only.csv"), text("configmgr-readiness.csv")];
    let inv = parse_inventories(
        &[
            InputFile {
                name: "os.csv",
                text: &texts[0],
            },
            InputFile {
                name: "cm.csv",
                text: &texts[1],
            },
        ],
        &to_11(),
    );
    let row = &inv.rows[1];
    assert_eq!(row.name, "PC-TPMOFF-02");
    let resolved = row.resolved.as_ref().unwrap();
    let r = upgrade_planner::core::hardware::readiness(resolved).unwrap();
    assert_eq!(r.outcome, Outcome::Unknown);
    let tpm = r.checks.iter().find(|c| c.label == "TPM 2.0").unwrap();
    assert_eq!(tpm.status, Status::Fail);
    assert_eq!(tpm.remedy, None);
    assert!(
        tpm.value
            .contains("ConfigMgr Windows 11 readiness dashboard reports it failed"),
        "{}",
        tpm.value
    );
    assert!(tpm.steps.iter().any(|s| s.contains("Get-Tpm")));
    assert_eq!(inv.files.len(), 2);
    assert_eq!((inv.files[1].rows, inv.files[1].joined), (12, 12));
}

#[test]
fn a_readiness_export_alone_needs_the_windows_version_from_somewhere() {
    // Get-Tpm says nothing of Windows: every machine says where to get it, nothing is assumed.
    let inv = parse_inventory(&text("get-tpm.csv"), &to_11());
    assert_eq!(inv.form, Form::Readiness);
    assert_eq!(inv.rows.len(), 10);
    for r in &inv.rows {
        let e = r.result.as_ref().unwrap_err();
        assert!(e.message.starts_with("no current Windows version"), "{e}");
    }
    // Windows Update for Business gives the build: planned on its own.
    let inv = parse_inventory(&text("wufb-ucclientreadinessstatus.csv"), &to_11());
    let results = plan_inventory(&inv, AS_OF);
    assert!(results.iter().all(|r| r.error.is_none()));
    assert_eq!(results[0].current, Some(Os::Windows10));
}

#[test]
fn names_match_ignoring_case_and_the_domain() {
    let base = "name,current.os,current.release\nPC-A,windows-10,22H2\n";
    let tpm = "\"PSComputerName\",\"TpmPresent\",\"TpmReady\",\"SpecVersion\"\n\"pc-a.contoso.com\",\"True\",\"False\",\"2.0, 0, 1.38\"\n";
    let inv = parse_inventories(
        &[
            InputFile {
                name: "a.csv",
                text: base,
            },
            InputFile {
                name: "tpm.csv",
                text: tpm,
            },
        ],
        &to_11(),
    );
    assert_eq!(inv.rows.len(), 1);
    let s = inv.rows[0].result.as_ref().unwrap();
    assert_eq!(s.hardware.tpm_enabled, Some(false));
    assert_eq!(inv.files[1].joined, 1);
}

#[test]
fn bad_values_name_the_file_the_column_and_the_value() {
    let base = "name,current.os\nPC-A,windows-10\nPC-B,windows-10\n";
    let cases = [
        (
            "\"PSComputerName\",\"TpmPresent\",\"SpecVersion\"\n\"PC-A\",\"True\",\"3.0, 0\"\n",
            "SpecVersion `3.0, 0`: a TPM SpecVersion",
        ),
        (
            "PSComputerName,Model,TotalPhysicalMemory\nPC-A,X,lots\n",
            "TotalPhysicalMemory `lots`: a whole number (in cs.csv)",
        ),
        (
            "Name0,UpgEx,RedReason\nPC-A,Red,Tpm;Gremlins\n",
            "RedReason `Gremlins`: a Windows 11 reason",
        ),
        (
            "Device,Script Output,Exit Code\nPC-A,not json,0\n",
            "Script Output `not json`: HardwareReadiness.ps1",
        ),
        (
            "PSComputerName,NumberOfLogicalProcessors,MaxClockSpeed,Caption\nPC-A,999999999999,3000,Intel64 Family 6 Model 158 Stepping 10\n",
            "NumberOfLogicalProcessors `999999999999`",
        ),
    ];
    let names = ["tpm.csv", "cs.csv", "cm.csv", "hwr.csv", "cpu.csv"];
    for ((export, want), name) in cases.into_iter().zip(names) {
        let inv = parse_inventories(
            &[
                InputFile {
                    name: "a.csv",
                    text: base,
                },
                InputFile { name, text: export },
            ],
            &to_11(),
        );
        assert_eq!(inv.error, None);
        let e = inv.rows[0].result.as_ref().unwrap_err().to_string();
        assert!(e.starts_with(want), "{e}\nwanted: {want}");
        assert!(e.ends_with(&format!("(in {name})")), "{e}");
        // The other machine is untouched.
        assert!(inv.rows[1].result.is_ok());
    }
}

#[test]
fn the_command_joins_several_inventory_files() {
    let dir = format!("{}/tests/inventories/readiness", env!("CARGO_MANIFEST_DIR"));
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_upgrade-plan"));
    cmd.current_dir(&dir).args(["--inventory", "os-only.csv"]);
    for f in EXPORTS {
        cmd.args(["--inventory", f]);
    }
    let out = cmd
        .args(["--target", "windows-11", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("`get-tpm.csv`: read as Get-Tpm export, 10 rows, 10 joined"),
        "{stderr}"
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hardware: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["hardware"].as_str().unwrap_or(""))
        .collect();
    let want: Vec<(String, String)> = outcomes(
        &std::iter::once("os-only.csv")
            .chain(EXPORTS)
            .collect::<Vec<_>>(),
    );
    assert_eq!(
        hardware,
        want.iter().map(|(_, o)| o.as_str()).collect::<Vec<_>>()
    );
}

fn export_like() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        Just("PSComputerName,Name,Manufacturer,Caption,NumberOfLogicalProcessors,MaxClockSpeed"),
        Just("PSComputerName,TpmPresent,TpmReady,TpmEnabled,SpecVersion"),
        Just("PSComputerName,SecureBoot,BiosMode"),
        Just("PSComputerName,Model,TotalPhysicalMemory"),
        Just("Device,Script Output,Exit Code"),
        Just("Name0,UpgEx,RedReason"),
        Just("DeviceName,OSBuild,ReadinessStatus,ReadinessReason"),
        Just("DeviceName,OsVersion,UpgradeEligibility,tpmCheckFailed,ramCheckFailed"),
        Just("Hostname,Boot Method,CPU Compatibility,TPM Version,OS Build"),
    ];
    let cell = "[A-Za-z0-9 .;,{}=\":-]{0,24}";
    (
        header,
        proptest::collection::vec(proptest::collection::vec(cell, 0..7), 0..6),
    )
        .prop_map(|(h, rows)| {
            let mut t = format!("{h}\n");
            for r in rows {
                t.push_str(&r.join(","));
                t.push('\n');
            }
            t
        })
}

proptest! {
    #![proptest_config(Config {
        cases: 1_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    })]

    #[test]
    fn export_like_text_never_panics(export in export_like()) {
        let base = "name,current.os\nA,windows-10\n";
        for files in [
            vec![InputFile { name: "x.csv", text: &export }],
            vec![InputFile { name: "a.csv", text: base }, InputFile { name: "x.csv", text: &export }],
        ] {
            let inv = parse_inventories(&files, &to_11());
            let results = plan_inventory(&inv, AS_OF);
            prop_assert_eq!(results.len(), inv.rows.len());
            for r in &inv.rows {
                if let Err(e) = &r.result {
                    prop_assert!(!e.message.is_empty());
                }
            }
        }
    }
}
