//! Benchmark (not a test): `cargo bench --no-default-features --bench inventory`.
//! Generates a 100 000-row native inventory in memory and prints the time to parse and plan every
//! row in process (median of 3), then the `upgrade-plan --inventory` command end to end on a temp
//! file (median of 3, CSV output; one JSON run). Budget: 100 000 rows through the command ≤ 2 s.

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::Instant;
use upgrade_planner::core::inventory::{
    parse_inventory, plan_inventory, summary, InventoryOptions, MAX_ROWS,
};

const AS_OF: upgrade_planner::core::date::Date =
    upgrade_planner::core::date::Date::lit("2026-11-21");

/// Row templates (everything after the name): upgrades, hops, clusters, clients, blocked ones.
const TEMPLATES: &[&str] = &[
    "windows-server-2003,standard,1,x86,en-US,windows-server-2003-r2,,,",
    "windows-server-2008,enterprise,2,x64,en-US,windows-server-2008-r2,,\"{n}A,{n}B\",SQL Server",
    "windows-server-2012-r2,datacenter,,,,windows-server-2016,,\"{n}A,{n}B,{n}C\",",
    "windows-nt-4.0,enterprise,5,,,windows-nt-4.0,6,\"{n}A,{n}B\",",
    "windows-server-2016,standard,,,de-DE,windows-server-2025,,,",
    "windows-server-2008,standard,2,x64,,windows-server-2025,,,",
    "windows-server-2019,datacenter,,,,windows-server-2022,,,",
    "windows-10,pro,,x64,en-GB,windows-11,,,",
    "windows-7,professional,1,x64,,windows-10,,,",
    "windows-server-2016,storage,,,,windows-server-2019,,,",
    "windows-server-2008-r2,enterprise,0,x64,fr-FR,windows-server-2012-r2,,,",
    "windows-server-2022,datacenter-azure,,,,windows-server-2025,,,",
    "windows-server-2012,standard,,,,windows-server-2019,,,",
];

fn fleet(rows: usize) -> String {
    let mut s = String::from(
        "name,current.os,current.edition,current.service_pack,current.architecture,current.language,target.os,target.service_pack,cluster.nodes,cluster.groups\n",
    );
    for i in 0..rows {
        let n = format!("SRV{i:06}");
        s.push_str(&n);
        s.push(',');
        s.push_str(&TEMPLATES[i % TEMPLATES.len()].replace("{n}", &n));
        s.push('\n');
    }
    s
}

fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    runs[runs.len() / 2]
}

fn main() {
    let rows = MAX_ROWS;
    let text = fleet(rows);
    println!(
        "inventory: {rows} rows, {:.1} MiB of native CSV",
        text.len() as f64 / 1048576.0
    );

    let (mut parse_ms, mut plan_ms, mut total_ms) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        let t0 = Instant::now();
        let inv = parse_inventory(black_box(&text), &InventoryOptions::default());
        let t1 = Instant::now();
        let results = plan_inventory(&inv, AS_OF);
        let t2 = Instant::now();
        let s = summary(&results);
        assert_eq!(
            (s.rows, s.errors),
            (rows, 0),
            "{:?}",
            results.iter().find(|r| r.error.is_some())
        );
        black_box(&results);
        parse_ms.push((t1 - t0).as_secs_f64() * 1e3);
        plan_ms.push((t2 - t1).as_secs_f64() * 1e3);
        total_ms.push((t2 - t0).as_secs_f64() * 1e3);
    }
    let total = median(total_ms);
    println!(
        "in process (median of 3): parse {:.0} ms + plan {:.0} ms = {total:.0} ms, {:.0} rows/s",
        median(parse_ms),
        median(plan_ms),
        rows as f64 / (total / 1e3)
    );

    let path = std::env::temp_dir().join(format!("upgrade-plan-bench-{}.csv", std::process::id()));
    std::fs::write(&path, &text).unwrap();
    let exe = env!("CARGO_BIN_EXE_upgrade-plan");
    let cli = |format: &str| {
        let t = Instant::now();
        let status = Command::new(exe)
            .args(["--inventory", path.to_str().unwrap(), "--format", format])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .status()
            .unwrap();
        assert!(status.success());
        t.elapsed().as_secs_f64() * 1e3
    };
    let csv_ms = median((0..3).map(|_| cli("csv")).collect());
    println!(
        "command --format csv, end to end (median of 3): {csv_ms:.0} ms, {:.0} rows/s (budget 2000 ms: {})",
        rows as f64 / (csv_ms / 1e3),
        if csv_ms <= 2000.0 { "within" } else { "OVER" }
    );
    let json_ms = cli("json");
    println!(
        "command --format json (every full plan), end to end (1 run): {json_ms:.0} ms, {:.0} rows/s",
        rows as f64 / (json_ms / 1e3)
    );
    std::fs::remove_file(&path).ok();
}
