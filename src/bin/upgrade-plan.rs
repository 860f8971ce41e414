//! `upgrade-plan FILE` or `upgrade-plan -`: read a Scenario (JSON) and print its Plan as JSON.
//! Exit 0 for any evaluated plan (also not-supported), 2 with a one-line error for bad input.

use std::io::Read;
use std::process::ExitCode;
use upgrade_planner::core::{evaluate, parse_scenario, scenario::MAX_SCENARIO_BYTES};

const USAGE: &str =
    "usage: upgrade-plan [--markdown] FILE|-   (a Scenario as JSON; see docs/scenario-format.md)";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("upgrade-plan: {}", msg.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<String, String> {
    let mut markdown = false;
    let mut input: Option<String> = None;
    for a in args {
        match a.as_str() {
            "--markdown" => markdown = true,
            "-h" | "--help" => return Ok(USAGE.to_string()),
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`; {USAGE}")),
            _ if input.is_some() => return Err(format!("more than one input given; {USAGE}")),
            _ => input = Some(a),
        }
    }
    let input = input.ok_or_else(|| format!("no input given; {USAGE}"))?;
    let text = read_input(&input)?;
    let mut scenario = parse_scenario(&text).map_err(|e| e.to_string())?;
    if scenario.as_of.is_none() {
        scenario.as_of = Some(today());
    }
    let plan = evaluate(&scenario).map_err(|e| e.to_string())?;
    if markdown {
        return Ok(plan.runbook_markdown(&format!(
            "{} → {}",
            scenario.current.os.label(),
            scenario.target.os.label()
        )));
    }
    serde_json::to_string_pretty(&plan).map_err(|e| format!("cannot write the plan: {e}"))
}

fn read_input(path: &str) -> Result<String, String> {
    let limit = MAX_SCENARIO_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path)
            .map_err(|e| format!("cannot open `{path}`: {e}"))?
            .take(limit)
            .read_to_end(&mut bytes)
    };
    result.map_err(|e| format!("cannot read `{path}`: {e}"))?;
    if bytes.len() as u64 >= limit {
        return Err(format!(
            "`{path}` is larger than {MAX_SCENARIO_BYTES} bytes; a Scenario is a small JSON object"
        ));
    }
    String::from_utf8(bytes).map_err(|_| format!("`{path}` is not UTF-8 text"))
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day), Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}
