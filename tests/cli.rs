//! The `upgrade-plan` command: exit 0 with a Plan for any evaluated scenario, 2 with one line for bad input.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_upgrade-plan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).ok();
    child.wait_with_output().unwrap()
}

#[test]
fn stdin_scenario_prints_the_plan() {
    let out = run(
        &["-"],
        r#"{"current":{"os":"windows-server-2012-r2"},"target":{"os":"windows-server-2025"}}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // SLAT (new in 2016) and SSE4.2/POPCNT (new in 2025) are not given: look before upgrading.
    assert_eq!(plan["verdict"], "supported-after-prerequisites");
    assert_eq!(plan["readiness"]["outcome"], "unknown");
    assert_eq!(
        plan["route"],
        serde_json::json!(["windows-server-2012-r2", "windows-server-2025"])
    );
}

#[test]
fn not_supported_is_still_exit_zero() {
    let out = run(
        &["-"],
        r#"{"current":{"os":"windows-server-2008","cluster_node":true},"target":{"os":"windows-server-2012"}}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["verdict"], "not-supported");
}

#[test]
fn file_argument_is_read() {
    let path = std::env::temp_dir().join(format!("upgrade-plan-test-{}.json", std::process::id()));
    std::fs::write(
        &path,
        r#"{"current":{"os":"windows-10","release":"22H2"},"target":{"os":"windows-11"}}"#,
    )
    .unwrap();
    let out = run(&[path.to_str().unwrap()], "");
    std::fs::remove_file(&path).ok();
    assert_eq!(out.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["readiness"]["checks"][0]["code"], "w11-tpm");
    assert_eq!(plan["readiness"]["checks"][0]["status"], "unknown");
}

#[test]
fn bad_input_is_exit_two_with_one_line() {
    for (input, needle) in [
        (
            r#"{"current":{"os":"windows-95"},"target":{"os":"windows-11"}}"#,
            "current.os: unknown value `windows-95`, accepted:",
        ),
        (
            r#"{"current":{"os":"windows-10"},"target":{"os":"windows-11"},"extra":1}"#,
            "unknown field `extra`",
        ),
        (
            r#"{"current":{"os":"windows-server-2003","edition":"pro"},"target":{"os":"windows-server-2003-r2"}}"#,
            "current.edition: `pro` is not an edition of Windows Server 2003",
        ),
        ("{", "malformed JSON"),
        ("", "malformed JSON"),
    ] {
        let out = run(&["-"], input);
        assert_eq!(out.status.code(), Some(2), "{input}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{err} lacks {needle}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn oversized_input_is_refused() {
    let big = format!(
        r#"{{"current":{{"os":"windows-10"}},"target":{{"os":"windows-11"}},"as_of":"{}"}}"#,
        "x".repeat(70_000)
    );
    let out = run(&["-"], &big);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("larger than"));
}

#[test]
fn usage_errors_are_exit_two() {
    assert_eq!(run(&[], "").status.code(), Some(2));
    assert_eq!(run(&["--nope", "-"], "").status.code(), Some(2));
    assert_eq!(run(&["/nonexistent/file.json"], "").status.code(), Some(2));
}

#[test]
fn markdown_runbook() {
    let out = run(
        &["--markdown", "-"],
        r#"{"current":{"os":"windows-nt-4.0","edition":"enterprise","service_pack":5},"target":{"os":"windows-nt-4.0","service_pack":6},"cluster":{"nodes":["ALPHA","BETA","GAMMA"]}}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8_lossy(&out.stdout);
    for node in ["ALPHA", "BETA", "GAMMA"] {
        assert!(
            md.contains(&format!("right-click {node} and click Pause Node")),
            "{md}"
        );
    }
    assert!(md.contains("- [ ] "));
}

/// Runs the command with stdout closed right away (a reader that went away, as `| head -c 0`) or
/// pointed at `/dev/full`; returns the exit code and stderr.
fn run_with_stdout(args: &[&str], stdout: Stdio) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_upgrade-plan"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// A pipe whose reader is already gone.
fn closed_pipe() -> Stdio {
    let mut child = Command::new("true").stdin(Stdio::piped()).spawn().unwrap();
    let stdin = child.stdin.take().unwrap();
    child.wait().unwrap();
    Stdio::from(stdin)
}

#[test]
fn a_closed_pipe_ends_quietly_and_a_full_disk_is_one_line() {
    let path = std::env::temp_dir().join(format!("upgrade-plan-pipe-{}.json", std::process::id()));
    std::fs::write(
        &path,
        r#"{"current":{"os":"windows-server-2008"},"target":{"os":"windows-server-2016"}}"#,
    )
    .unwrap();
    let scenario = path.to_str().unwrap();
    let inventory = "tests/inventories/native.csv";
    let cases: [&[&str]; 5] = [
        &[scenario],
        &["--help"],
        &["--inventory", inventory, "--target", "windows-server-2025"],
        &[
            "--inventory",
            inventory,
            "--target",
            "windows-server-2025",
            "--format",
            "csv",
        ],
        &[
            "--inventory",
            inventory,
            "--target",
            "windows-server-2025",
            "--markdown",
        ],
    ];
    for args in cases {
        let (code, stderr) = run_with_stdout(args, closed_pipe());
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
        if std::path::Path::new("/dev/full").exists() {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            let (code, stderr) = run_with_stdout(args, Stdio::from(full));
            assert_eq!(code, Some(2), "{args:?}: {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
            assert!(
                stderr.starts_with("upgrade-plan: cannot write the results:"),
                "{stderr}"
            );
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
    }
}

#[test]
fn error_lines_are_counted_as_editors_do_for_cr_lf_and_crlf() {
    for eol in ["\n", "\r\n", "\r"] {
        let text = [
            "{",
            r#""current":"#,
            r#"{"os":"windows-server-2016","#,
            r#""os":"x"}}"#,
        ]
        .join(eol);
        let out = run(&["-"], &text);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("at line 4 column 1"), "{eol:?}: {err}");
    }
    // An inventory with CR-only line ends: each row its own line.
    let out = run(
        &["--inventory", "-", "--format", "csv"],
        "name,current.os,target.os\rA,windows-server-2016,windows-server-2019\rB,windows-95,windows-server-2019\r",
    );
    assert_eq!(out.status.code(), Some(0));
    let json = run(
        &["--inventory", "-"],
        "name,current.os,target.os\rA,windows-server-2016,windows-server-2019\rB,windows-95,windows-server-2019\r",
    );
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let lines: Vec<u64> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3]);
}
