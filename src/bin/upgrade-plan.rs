//! `upgrade-plan FILE` or `upgrade-plan -`: read a Scenario (JSON) and print its Plan as JSON.
//! Exit 0 for any evaluated plan (also not-supported), 2 with a one-line error for bad input.
//!
//! `upgrade-plan --inventory FILE|- [--inventory FILE …] [--target OS] [--format json|csv]
//! [--markdown]`: read a fleet inventory (CSV or JSON, docs/inventory-format.md), with any
//! readiness exports joined to it by machine name, and print one result per machine. Exit 0 when the
//! file was read (also when rows are bad: they carry their error), 2 with one line on stderr for an
//! unreadable, oversized or unparseable file or bad options.

use std::io::{Read, Write};
use std::process::ExitCode;
use upgrade_planner::core::date::Date;
use upgrade_planner::core::inventory::{self, InventoryOptions, MAX_INVENTORY_BYTES};
use upgrade_planner::core::scenario::Target;
use upgrade_planner::core::waves::{self, WaveOptions};
use upgrade_planner::core::{evaluate, parse_scenario, scenario::MAX_SCENARIO_BYTES, Os};

const USAGE: &str = "usage: upgrade-plan [--markdown] FILE|-   (a Scenario as JSON; see docs/scenario-format.md)
       upgrade-plan --inventory FILE|- [--inventory FILE …] [--target OS] [--format json|csv] [--markdown]   (a fleet, with readiness exports joined by machine name; see docs/inventory-format.md)
       upgrade-plan --inventory FILE … [--target OS] --waves START [--every DAYS] [--max N] [--format json|csv] [--markdown]   (upgrade waves from START, YYYY-MM-DD; every 7 days, at most 20 machines by default)
       upgrade-plan --inventory FILE … [--target OS] [--waves START …] --xlsx OUT.xlsx   (machines, summary and waves as one workbook)
       upgrade-plan --inventory FILE … [--target OS] --compare EARLIER [--format json|csv]   (progress since an earlier inventory)";

fn main() -> ExitCode {
    let result = run(std::env::args().skip(1).collect()).and_then(|out| match out {
        Output::Text(text) => {
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{text}")
                .and_then(|()| stdout.flush())
                .map_err(write_err)
        }
        Output::Written => Ok(()),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`): nothing more to say.
        Err(msg) if msg == PIPE_CLOSED => ExitCode::SUCCESS,
        Err(msg) => {
            // stderr may be closed too; there is nowhere else to report it.
            let _ = writeln!(
                std::io::stderr(),
                "upgrade-plan: {}",
                msg.replace('\n', " ")
            );
            ExitCode::from(2)
        }
    }
}

/// The error text of a write to a closed pipe: the command ends quietly.
const PIPE_CLOSED: &str = "";

/// A failed write to stdout: a closed pipe ends quietly, anything else (a full disk) is one line.
fn write_err(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        PIPE_CLOSED.to_string()
    } else {
        format!("cannot write the results: {e}")
    }
}

enum Output {
    Text(String),
    /// Already written to stdout (the inventory's JSON and CSV are streamed row by row).
    Written,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Csv,
}

fn run(args: Vec<String>) -> Result<Output, String> {
    let mut markdown = false;
    let mut input: Option<String> = None;
    let mut inventory: Vec<String> = Vec::new();
    let mut target: Option<String> = None;
    let mut format: Option<Format> = None;
    let mut waves: Option<String> = None;
    let mut every: Option<String> = None;
    let mut max: Option<String> = None;
    let mut xlsx: Option<String> = None;
    let mut compare: Option<String> = None;
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value; {USAGE}"))
        };
        match flag.as_str() {
            "--markdown" => markdown = true,
            "-h" | "--help" => return Ok(Output::Text(USAGE.to_string())),
            "--inventory" => inventory.push(value("--inventory")?),
            "--target" => target = Some(value("--target")?),
            "--waves" => waves = Some(value("--waves")?),
            "--every" => every = Some(value("--every")?),
            "--max" => max = Some(value("--max")?),
            "--xlsx" => xlsx = Some(value("--xlsx")?),
            "--compare" => compare = Some(value("--compare")?),
            "--format" => {
                format = Some(match value("--format")?.as_str() {
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    other => {
                        return Err(format!(
                            "--format `{}` is not a format; accepted: `json`, `csv`",
                            upgrade_planner::core::scenario::printable(other)
                        ))
                    }
                })
            }
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`; {USAGE}")),
            _ if input.is_some() => return Err(format!("more than one input given; {USAGE}")),
            _ => input = Some(a),
        }
    }
    if !inventory.is_empty() {
        if input.is_some() {
            return Err(format!(
                "give either --inventory FILE or a scenario FILE, not both; {USAGE}"
            ));
        }
        if markdown && format.is_some() {
            return Err("--markdown and --format are alternatives; give one".to_string());
        }
        if inventory.iter().filter(|p| p.as_str() == "-").count() > 1 {
            return Err("standard input (`-`) can be read only once".to_string());
        }
        let waves = match waves {
            Some(start) => Some(wave_options(&start, every.as_deref(), max.as_deref())?),
            None if every.is_some() || max.is_some() => {
                return Err(format!("--every and --max apply to --waves only; {USAGE}"))
            }
            None => None,
        };
        if xlsx.is_some() && (markdown || format.is_some()) {
            return Err(
                "--xlsx writes a workbook; --markdown and --format are for stdout: give one"
                    .to_string(),
            );
        }
        if let Some(earlier) = compare {
            if waves.is_some() || xlsx.is_some() || markdown {
                return Err(
                    "--compare prints the progress as CSV or JSON; leave out --waves, --xlsx and --markdown"
                        .to_string(),
                );
            }
            return run_compare(&inventory, &earlier, target.as_deref(), format);
        }
        return run_inventory(
            &inventory,
            target.as_deref(),
            format,
            markdown,
            waves,
            xlsx.as_deref(),
        );
    }
    if waves.is_some() || every.is_some() || max.is_some() || xlsx.is_some() || compare.is_some() {
        return Err(format!(
            "--waves, --every, --max, --xlsx and --compare apply to --inventory only; {USAGE}"
        ));
    }
    if target.is_some() || format.is_some() {
        return Err(format!(
            "--target and --format apply to --inventory only; {USAGE}"
        ));
    }
    let input = input.ok_or_else(|| format!("no input given; {USAGE}"))?;
    let text = read_input(&input)?;
    let mut scenario = parse_scenario(&text).map_err(|e| e.to_string())?;
    if scenario.as_of.is_none() {
        scenario.as_of = Some(today());
    }
    let plan = evaluate(&scenario).map_err(|e| e.to_string())?;
    if markdown {
        return Ok(Output::Text(plan.runbook_markdown(&format!(
            "{} → {}",
            scenario.current.os.label(),
            scenario.target.os.label()
        ))));
    }
    serde_json::to_string_pretty(&plan)
        .map(Output::Text)
        .map_err(|e| format!("cannot write the plan: {e}"))
}

/// `--target`: an os id, or a Target as JSON (`{"os":"windows-server-2025","edition":"datacenter"}`).
fn parse_target(s: &str) -> Result<Target, String> {
    if s.trim_start().starts_with('{') {
        let value: serde_json::Value = serde_json::from_str(s).map_err(|e| {
            format!(
                "--target: malformed JSON ({})",
                e.to_string().split(" at line ").next().unwrap_or("")
            )
        })?;
        return upgrade_planner::core::parse::target_from_value(&value, "target")
            .map_err(|e| format!("--target: {e}"));
    }
    Os::from_id(s.trim()).map(Target::new).ok_or_else(|| {
        format!(
            "--target `{}` is not a Windows version; accepted: {}",
            upgrade_planner::core::scenario::printable(s),
            Os::accepted()
        )
    })
}

fn run_inventory(
    paths: &[String],
    target: Option<&str>,
    format: Option<Format>,
    markdown: bool,
    waves: Option<WaveOptions>,
    xlsx: Option<&str>,
) -> Result<Output, String> {
    let options = inventory_options(target)?;
    let inv = read_inventory(paths, &options)?;
    for f in &inv.files {
        // What each file was read as, on stderr (stdout carries the results only).
        let _ = writeln!(
            std::io::stderr(),
            "upgrade-plan: `{}`: read as {}, {} rows, {} joined to machines of earlier files",
            f.file,
            f.read_as,
            f.rows,
            f.joined
        );
    }
    let as_of = today();
    let stdout = std::io::stdout();
    if let Some(path) = xlsx {
        // The workbook: the CSV export's rows, the counts, and the waves when asked for.
        let results = compact_results(&inv, as_of);
        drop(inv);
        let csv = inventory::to_csv(&results);
        let extras = waves.map(|options| {
            let plan = waves::plan_waves(&results, &options);
            upgrade_planner::core::fleet::extras::Extras {
                waves: Some((options, plan)),
                ..Default::default()
            }
        });
        let bytes = upgrade_planner::core::fleet::extras::workbook(&extras, &csv);
        std::fs::write(path, bytes).map_err(|e| format!("cannot write `{path}`: {e}"))?;
        return Ok(Output::Written);
    }
    if let Some(options) = waves {
        // The waves need every result at once.
        let results = compact_results(&inv, as_of);
        drop(inv);
        let plan = waves::plan_waves(&results, &options);
        let text = if markdown {
            waves::waves_markdown(&plan, &options)
        } else if format == Some(Format::Json) {
            serde_json::to_string_pretty(&plan)
                .map_err(|e| format!("cannot write the waves: {e}"))?
        } else {
            waves::waves_csv(&plan)
        };
        let mut out = stdout.lock();
        out.write_all(text.as_bytes()).map_err(write_err)?;
        out.flush().map_err(write_err)?;
        return Ok(Output::Written);
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    if markdown {
        // Streamed like CSV and JSON: the counts need every row, so the rows are planned twice
        // (microseconds each) instead of keeping every plan in memory.
        let mut summary = inventory::Summary::default();
        for row in &inv.rows {
            summary.add(&inventory::plan_row(row, as_of));
        }
        out.write_all(inventory::markdown_head(&summary).as_bytes())
            .map_err(write_err)?;
        for row in &inv.rows {
            let section = inventory::markdown_server(&inventory::plan_row(row, as_of));
            out.write_all(section.as_bytes()).map_err(write_err)?;
        }
        out.write_all(b"\n").map_err(write_err)?;
        out.flush().map_err(write_err)?;
        return Ok(Output::Written);
    }
    match format.unwrap_or(Format::Json) {
        Format::Csv => {
            writeln!(out, "{}", inventory::CSV_HEADER).map_err(write_err)?;
            for row in &inv.rows {
                out.write_all(inventory::csv_line(&inventory::plan_row(row, as_of)).as_bytes())
                    .map_err(write_err)?;
            }
        }
        Format::Json => {
            let results = inv.rows.iter().map(|row| inventory::plan_row(row, as_of));
            inventory::write_json(&mut out, results).map_err(write_err)?;
        }
    }
    out.flush().map_err(write_err)?;
    Ok(Output::Written)
}

fn read_input(path: &str) -> Result<String, String> {
    let bytes = read_bytes(
        path,
        MAX_SCENARIO_BYTES,
        "a Scenario is a small JSON object",
    )?;
    String::from_utf8(bytes).map_err(|_| format!("`{path}` is not UTF-8 text"))
}

fn read_bytes(path: &str, max: usize, hint: &str) -> Result<Vec<u8>, String> {
    let limit = max as u64 + 1;
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
        return Err(format!("`{path}` is larger than {max} bytes; {hint}"));
    }
    Ok(bytes)
}

/// `--target` as inventory options.
fn inventory_options(target: Option<&str>) -> Result<InventoryOptions, String> {
    let mut options = InventoryOptions::default();
    if let Some(t) = target {
        options.target = Some(parse_target(t)?);
    }
    Ok(options)
}

/// Read inventory files and join them (readiness exports by machine name); a refused file is one
/// line naming it.
fn read_inventory(
    paths: &[String],
    options: &InventoryOptions,
) -> Result<inventory::Inventory, String> {
    let mut texts = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = read_bytes(
            path,
            MAX_INVENTORY_BYTES,
            "an inventory is at most 10 MiB: split it",
        )?;
        texts.push(inventory::decode_text(&bytes).map_err(|e| format!("`{path}`: {e}"))?);
    }
    let files: Vec<inventory::InputFile> = paths
        .iter()
        .zip(&texts)
        .map(|(name, text)| inventory::InputFile { name, text })
        .collect();
    let inv = inventory::parse_inventories(&files, options);
    match &inv.error {
        Some(e) => Err(match paths {
            [path] if !e.starts_with('`') => format!("`{path}`: {e}"),
            _ => e.clone(),
        }),
        None => Ok(inv),
    }
}

/// Every row planned, without its full plan (a few hundred bytes each): what the waves, the
/// workbook and the progress need all at once.
fn compact_results(inv: &inventory::Inventory, as_of: Date) -> Vec<inventory::RowResult> {
    inv.rows
        .iter()
        .map(|row| {
            let mut r = inventory::plan_row(row, as_of);
            r.plan = None;
            r
        })
        .collect()
}

/// `--compare EARLIER`: the progress between an earlier inventory and this one.
fn run_compare(
    paths: &[String],
    earlier: &str,
    target: Option<&str>,
    format: Option<Format>,
) -> Result<Output, String> {
    let options = inventory_options(target)?;
    let as_of = today();
    let later = compact_results(&read_inventory(paths, &options)?, as_of);
    let before = read_inventory(&[earlier.to_string()], &options)
        .map(|inv| compact_results(&inv, as_of))
        .map_err(|e| format!("the earlier inventory: {e}"))?;
    let progress = upgrade_planner::core::progress::compare(&before, &later);
    for n in &progress.notes {
        let _ = writeln!(std::io::stderr(), "upgrade-plan: {n}");
    }
    Ok(Output::Text(match format.unwrap_or(Format::Csv) {
        Format::Csv => upgrade_planner::core::progress::progress_csv(&progress)
            .trim_end()
            .to_string(),
        Format::Json => serde_json::to_string_pretty(&progress)
            .map_err(|e| format!("cannot write the progress: {e}"))?,
    }))
}

/// `--waves START [--every DAYS] [--max N]` → checked options (weekly and 20 per wave by default).
fn wave_options(
    start: &str,
    every: Option<&str>,
    max: Option<&str>,
) -> Result<WaveOptions, String> {
    let start = Date::parse(start.trim()).ok_or_else(|| {
        format!(
            "--waves `{}` is not a date; accepted: YYYY-MM-DD, today or later",
            upgrade_planner::core::scenario::printable(start)
        )
    })?;
    let number = |flag: &str, v: Option<&str>, default: u64| -> Result<u64, String> {
        match v {
            None => Ok(default),
            Some(v) => v.trim().parse::<u64>().map_err(|_| {
                format!(
                    "{flag} `{}` is not a whole number",
                    upgrade_planner::core::scenario::printable(v)
                )
            }),
        }
    };
    let options = WaveOptions {
        start,
        every_days: number("--every", every, 7)?.min(u64::from(u32::MAX)) as u32,
        max: number("--max", max, 20)?.min(usize::MAX as u64) as usize,
    };
    options
        .check(today())
        .map_err(|e| format!("--waves: {e}"))?;
    Ok(options)
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Date::from_unix_days((secs / 86_400) as i64)
}
