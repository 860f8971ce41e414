//! Benchmark (not a test): `cargo bench --no-default-features --bench evaluate`.
//! Prints µs per evaluation for representative scenarios and the time of the all-pairs catalog sweep.

use std::hint::black_box;
use std::time::Instant;
use upgrade_planner::core::sweep;
use upgrade_planner::core::*;

const SCENARIOS: &[(&str, &str)] = &[
    (
        "2003 → 2003 R2 (option 1)",
        r#"{"current":{"os":"windows-server-2003","service_pack":1},"target":{"os":"windows-server-2003-r2"}}"#,
    ),
    (
        "2008 cluster → 2008 R2 (blocked)",
        r#"{"current":{"os":"windows-server-2008","cluster_node":true},"target":{"os":"windows-server-2008-r2"}}"#,
    ),
    (
        "NT 4.0 3-node SP",
        r#"{"current":{"os":"windows-nt-4.0","edition":"enterprise","service_pack":5},"target":{"os":"windows-nt-4.0","service_pack":6},"cluster":{"nodes":["A","B","C"],"groups":["SQL"]}}"#,
    ),
    (
        "2008 → 2025 (3 hops)",
        r#"{"current":{"os":"windows-server-2008"},"target":{"os":"windows-server-2025"}}"#,
    ),
    (
        "7 → 11 via 10",
        r#"{"current":{"os":"windows-7","edition":"professional"},"target":{"os":"windows-11"}}"#,
    ),
];

fn per_call<F: FnMut()>(mut f: F) -> f64 {
    // Warm up, then run for about 300 ms.
    for _ in 0..200 {
        f();
    }
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed().as_millis() < 300 {
        for _ in 0..100 {
            f();
        }
        n += 100;
    }
    start.elapsed().as_secs_f64() * 1e6 / n as f64
}

fn all_pairs() -> usize {
    let mut count = 0;
    for (_, resolved) in sweep::catalog(upgrade_planner::core::date::Date::lit("2026-11-21")) {
        black_box(evaluate_resolved(&resolved));
        count += 1;
    }
    count
}

fn main() {
    // A fixed amount of work, for instruction counts that do not depend on the machine's load:
    // `BENCH_COUNT=2000 valgrind --tool=callgrind target/release/deps/evaluate-…`.
    if let Some(n) = std::env::var("BENCH_COUNT")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        for (_, json) in SCENARIOS {
            for _ in 0..n {
                black_box(evaluate_json(black_box(json)).unwrap());
            }
        }
        println!("{} plans", all_pairs() + n * SCENARIOS.len());
        return;
    }
    println!(
        "{:<36} {:>12}",
        "scenario (parse + resolve + evaluate)", "µs / call"
    );
    let mut total = 0.0;
    for (name, json) in SCENARIOS {
        let us = per_call(|| {
            black_box(evaluate_json(black_box(json)).unwrap());
        });
        total += us;
        println!("{name:<36} {us:>12.2}");
    }
    println!("{:<36} {:>12.2}", "mean", total / SCENARIOS.len() as f64);
    let mut runs: Vec<f64> = Vec::new();
    let mut combos = 0;
    for _ in 0..5 {
        let start = Instant::now();
        combos = all_pairs();
        runs.push(start.elapsed().as_secs_f64() * 1e3);
    }
    runs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "all-pairs catalog sweep: {combos} plans in {:.1} ms (median of 5)",
        runs[2]
    );
}
