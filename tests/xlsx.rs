//! The `.xlsx` workbook (`src/core/xlsx.rs`, `core::fleet::extras::workbook`), read back by a
//! standard reader — openpyxl, from Debian's python3-openpyxl, which `scripts/test.sh` installs —
//! and compared cell for cell with the CSV exports it is made from.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

const PYTHON: &str = "/usr/bin/python3";

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_upgrade-plan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

/// The workbook's cells as openpyxl reads them: sheet → rows → cells.
fn read_back(path: &str) -> serde_json::Map<String, serde_json::Value> {
    let out = Command::new(PYTHON)
        .arg(format!(
            "{}/tests/support/xlsx_cells.py",
            env!("CARGO_MANIFEST_DIR")
        ))
        .arg(path)
        .output()
        .expect("/usr/bin/python3 with openpyxl (scripts/test.sh installs python3-openpyxl)");
    assert!(
        out.status.success(),
        "openpyxl could not read {path}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap()
        .as_object()
        .unwrap()
        .clone()
}

/// CSV text → rows of cells, trailing empty cells dropped (as the reader drops them).
fn csv_cells(text: &str) -> serde_json::Value {
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| {
            let mut cells: Vec<String> = r.unwrap().iter().map(str::to_string).collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect();
    serde_json::to_value(rows).unwrap()
}

#[test]
fn the_workbook_holds_the_csv_exports_cell_for_cell() {
    let dir = std::env::temp_dir().join(format!("upgrade-plan-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let start = "2999-01-04";
    for (inventory, target, waves) in [
        ("tests/inventories/waves.csv", "windows-server-2025", true),
        (
            "tests/inventories/broken-and-hostile.csv",
            "windows-server-2025",
            false,
        ),
        (
            "tests/inventories/readiness/native-hardware.csv",
            "windows-11",
            false,
        ),
    ] {
        let path = dir.join("fleet.xlsx");
        let path = path.to_str().unwrap();
        let mut args = vec!["--inventory", inventory, "--target", target];
        if waves {
            args.extend(["--waves", start, "--max", "3"]);
        }
        let out = cli(&[&args[..], &["--xlsx", path]].concat());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let book = read_back(path);
        let csv = cli(&[
            "--inventory",
            inventory,
            "--target",
            target,
            "--format",
            "csv",
        ]);
        let machines = csv_cells(&String::from_utf8(csv.stdout).unwrap());
        assert_eq!(book["Machines"], machines, "{inventory}");
        // The summary counts what the machines sheet holds.
        let rows = machines.as_array().unwrap();
        let decision = rows[0]
            .as_array()
            .unwrap()
            .iter()
            .position(|h| h == "decision")
            .unwrap();
        let summary = book["Summary"].as_array().unwrap();
        let counted: usize = summary
            .iter()
            .filter(|r| r[0] == "decision")
            .map(|r| r[2].as_str().unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(counted, rows.len() - 1, "{inventory}");
        let upgrade_now = rows
            .iter()
            .skip(1)
            .filter(|r| r[decision] == "upgrade-now")
            .count();
        let listed = summary
            .iter()
            .find(|r| r[0] == "decision" && r[1] == "upgrade-now")
            .map_or(0, |r| r[2].as_str().unwrap().parse::<usize>().unwrap());
        assert_eq!(listed, upgrade_now, "{inventory}");
        if waves {
            let w = cli(&[&args[..], &["--format", "csv"]].concat());
            assert_eq!(
                book["Waves"],
                csv_cells(&String::from_utf8(w.stdout).unwrap())
            );
        } else {
            assert!(!book.contains_key("Waves"));
        }
    }
    // Hostile text stays text: the formula guard of the CSV export is in the cell as written.
    let book = read_back(dir.join("fleet.xlsx").to_str().unwrap());
    assert!(book["Machines"].to_string().len() > 100);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_command_refuses_xlsx_with_stdout_formats() {
    let out = cli(&[
        "--inventory",
        "tests/inventories/native.csv",
        "--xlsx",
        "/tmp/x.xlsx",
        "--markdown",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--xlsx writes a workbook"));
}
