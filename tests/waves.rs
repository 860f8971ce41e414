//! Upgrade waves (`src/core/waves.rs`): the rules as properties over random fleets — every
//! machine in exactly its waves or listed as not scheduled, cluster nodes never split, no two
//! domain controllers of one domain together, the maximum respected, migrations alone, fixes
//! first, hops in consecutive waves — and a realistic fleet with two clusters and three domain
//! controllers through the command.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use std::collections::{BTreeMap, BTreeSet};
use upgrade_planner::core::date::Date;
use upgrade_planner::core::decision::Decision;
use upgrade_planner::core::inventory::RowResult;
use upgrade_planner::core::waves::*;
use upgrade_planner::core::Os;

const TODAY: Date = Date::lit("2026-12-02");

fn options(max: usize, every: u32) -> WaveOptions {
    WaveOptions {
        start: Date::lit("2026-12-07"),
        every_days: every,
        max,
    }
}

const DECISIONS: [Decision; 7] = [
    Decision::UpgradeNow,
    Decision::FixFirst,
    Decision::Migrate,
    Decision::ReplaceHardware,
    Decision::BridgeWithEsu,
    Decision::AlreadyOnTarget,
    Decision::InputError,
];
const ROUTE: [Os; 4] = [
    Os::Server2016,
    Os::Server2019,
    Os::Server2022,
    Os::Server2025,
];

/// (decision, cluster, domain controller of a domain or of none, hops, days after 2024-01-01 of
/// the end of support).
type Machine = (usize, Option<u8>, Option<Option<u8>>, usize, Option<u16>);

fn machine() -> impl Strategy<Value = Machine> {
    (
        0..DECISIONS.len(),
        proptest::option::weighted(0.3, 0u8..3),
        proptest::option::weighted(0.3, proptest::option::weighted(0.7, 0u8..2)),
        1usize..4,
        proptest::option::weighted(0.8, 0u16..3000),
    )
}

fn fleet(machines: &[Machine]) -> Vec<RowResult> {
    machines
        .iter()
        .enumerate()
        .map(|(i, &(d, cluster, dc, hops, end))| {
            let mut r = RowResult::new(&format!("m{i}"), i + 2);
            r.decision = DECISIONS[d];
            r.cluster = cluster.map(|c| format!("CL{c}"));
            r.domain_controller = dc.is_some();
            r.domain = dc.flatten().map(|d| format!("d{d}.example"));
            r.route = ROUTE[3 - hops..].to_vec();
            r.current = r.route.first().copied();
            r.target = Some(Os::Server2025);
            r.support_end = end.map(|n| Date::lit("2024-01-01").plus_days(i64::from(n)));
            r
        })
        .collect()
}

fn schedulable(d: Decision) -> bool {
    matches!(
        d,
        Decision::UpgradeNow | Decision::FixFirst | Decision::Migrate
    )
}

/// Every property of the module documentation, for one fleet and one set of options.
fn check(results: &[RowResult], o: &WaveOptions) -> Result<(), TestCaseError> {
    let plan = plan_waves(results, o);
    // (machine) → [(wave index, hop)]
    let mut placed: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for (wi, w) in plan.waves.iter().enumerate() {
        prop_assert_eq!(w.number, wi + 1);
        prop_assert_eq!(
            w.date,
            o.start.plus_days(wi as i64 * i64::from(o.every_days))
        );
        for (k, e) in w.entries.iter().enumerate() {
            prop_assert_eq!(e.order, k + 1);
            placed.entry(e.machine).or_default().push((wi, e.hop));
        }
        // The maximum, unless the wave is one cluster larger than it.
        let clusters: BTreeSet<Option<String>> = w
            .entries
            .iter()
            .map(|e| results[e.machine].cluster.clone())
            .collect();
        prop_assert!(
            w.entries.len() <= o.max
                || (clusters.len() == 1 && clusters.iter().next().unwrap().is_some()),
            "wave {} has {} machines (max {})",
            w.number,
            w.entries.len(),
            o.max
        );
        // Domain controllers: one per domain; one of unknown domain is alone.
        let dcs: Vec<Option<String>> = w
            .entries
            .iter()
            .filter(|e| results[e.machine].domain_controller)
            .map(|e| results[e.machine].domain.clone())
            .collect();
        if dcs.iter().any(Option::is_none) {
            prop_assert_eq!(
                dcs.len(),
                1,
                "wave {}: a DC of unknown domain with others",
                w.number
            );
        }
        let distinct: BTreeSet<&Option<String>> = dcs.iter().collect();
        prop_assert_eq!(
            distinct.len(),
            dcs.len(),
            "wave {}: two DCs of one domain",
            w.number
        );
        // A cluster that migrates has its wave to itself.
        if w.entries.iter().any(|e| {
            results[e.machine].decision == Decision::Migrate && results[e.machine].cluster.is_some()
        }) {
            let units: BTreeSet<String> = w
                .entries
                .iter()
                .map(|e| {
                    results[e.machine]
                        .cluster
                        .clone()
                        .unwrap_or_else(|| format!("#{}", e.machine))
                })
                .collect();
            prop_assert_eq!(
                units.len(),
                1,
                "wave {}: a migrating cluster shares its wave",
                w.number
            );
        }
    }
    let unscheduled: BTreeSet<usize> = plan.unscheduled.iter().map(|u| u.machine).collect();
    // A cluster with two domain controllers that may not share a wave cannot be placed.
    let clashing = |i: usize| {
        let Some(c) = &results[i].cluster else {
            return false;
        };
        let keys: Vec<Option<String>> = results
            .iter()
            .filter(|r| {
                schedulable(r.decision) && r.cluster.as_ref() == Some(c) && r.domain_controller
            })
            .map(|r| r.domain.clone())
            .collect();
        let distinct: BTreeSet<&Option<String>> = keys.iter().collect();
        keys.len() > 1 && (distinct.len() < keys.len() || keys.iter().any(Option::is_none))
    };
    for (i, r) in results.iter().enumerate() {
        if !schedulable(r.decision) || clashing(i) {
            prop_assert!(unscheduled.contains(&i) && !placed.contains_key(&i), "m{i}");
            continue;
        }
        prop_assert!(!unscheduled.contains(&i));
        let steps = placed.get(&i).cloned().unwrap_or_default();
        let hops = r.route.len() - 1;
        prop_assert_eq!(steps.len(), hops, "m{} has {} hops", i, hops);
        for (k, &(wave, hop)) in steps.iter().enumerate() {
            prop_assert_eq!(hop, k + 1);
            prop_assert_eq!(wave, steps[0].0 + k, "m{}: hops in consecutive waves", i);
        }
        if r.decision == Decision::FixFirst {
            prop_assert!(
                steps[0].0 >= 1,
                "m{i}: a fix-first machine in the first wave"
            );
        }
    }
    // Cluster nodes never split: per cluster and hop, one wave.
    let mut by_cluster: BTreeMap<(String, usize), BTreeSet<usize>> = BTreeMap::new();
    for (i, steps) in &placed {
        if let Some(c) = &results[*i].cluster {
            for &(wave, hop) in steps {
                by_cluster.entry((c.clone(), hop)).or_default().insert(wave);
            }
        }
    }
    for ((c, hop), waves) in by_cluster {
        prop_assert_eq!(
            waves.len(),
            1,
            "cluster {} hop {} split over waves {:?}",
            c,
            hop,
            waves
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config {
        cases: 1_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    })]

    #[test]
    fn waves_keep_every_rule(machines in proptest::collection::vec(machine(), 0..40), max in 1usize..6, every in 1u32..40) {
        let results = fleet(&machines);
        check(&results, &options(max, every))?;
    }
}

#[test]
fn bad_options_say_what_is_accepted() {
    let e = |o: WaveOptions| o.check(TODAY).unwrap_err();
    assert!(e(options(0, 7)).contains("accepted: 1 to 10000"));
    assert!(e(options(5, 0)).contains("accepted: 1 to 365 days"));
    let past = WaveOptions {
        start: Date::lit("2026-12-01"),
        ..options(5, 7)
    };
    assert_eq!(
        e(past),
        "start date 2026-12-01 is in the past; accepted: today (2026-12-02) or later"
    );
    assert!(options(5, 7).check(TODAY).is_ok());
}

#[test]
fn a_fleet_with_two_clusters_and_three_domain_controllers() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_upgrade-plan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "--inventory",
            "tests/inventories/waves.csv",
            "--target",
            "windows-server-2025",
            "--waves",
            &today_or_later(),
            "--max",
            "3",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: WavePlan = serde_json::from_slice(&out.stdout).unwrap();
    let wave_of = |name: &str| -> Vec<usize> {
        plan.waves
            .iter()
            .filter(|w| w.entries.iter().any(|e| e.name == name))
            .map(|w| w.number)
            .collect()
    };
    // The Hyper-V cluster: three nodes, one wave, in rolling order.
    let hv = wave_of("hv1");
    assert_eq!((wave_of("hv2"), wave_of("hv3")), (hv.clone(), hv.clone()));
    let w = &plan.waves[hv[0] - 1];
    let order: Vec<&str> = w
        .entries
        .iter()
        .filter(|e| e.name.starts_with("hv"))
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(order, ["hv1", "hv2", "hv3"]);
    assert!(w.entries[0]
        .why
        .contains("cluster HV-CL1: node 1 of 3, one node at a time"));
    // The SQL cluster from 2016 rolls one version at a time: three consecutive waves, together.
    let sql = wave_of("sql1");
    assert_eq!(sql.len(), 3);
    assert_eq!(wave_of("sql2"), sql);
    assert_eq!(sql[2] - sql[0], 2);
    // The two domain controllers of contoso.com are in different waves; the one without a
    // domain shares its wave with no other domain controller.
    assert_ne!(wave_of("dc01"), wave_of("dc02"));
    let dc3 = wave_of("dc03");
    assert!(dc3 != wave_of("dc01") && dc3 != wave_of("dc02"));
    assert!(plan
        .notes
        .iter()
        .any(|n| n.starts_with("1 domain controller without a domain")));
    // Windows Server 2003 migrates first (support ended longest ago), with others in its wave.
    assert_eq!(wave_of("legacy01"), [1]);
    assert_eq!(plan.waves[0].entries[0].name, "legacy01");
    // Windows Server 2008 R2 goes in two consecutive hops, after its fix.
    let old = wave_of("old01");
    assert_eq!(old.len(), 2);
    assert_eq!(old[1], old[0] + 1);
    assert!(old[0] >= 2);
    assert!(plan.waves.iter().all(|w| w.entries.len() <= 3));
    assert_eq!(plan.unscheduled.len(), 1);
    assert_eq!(plan.unscheduled[0].reason, "already on the target");
}

/// A start date the command accepts whenever the test runs: the next Monday from today.
fn today_or_later() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let today = Date::from_unix_days((secs / 86_400) as i64);
    let to_monday = (7 - i64::from(today.weekday())) % 7;
    today.plus_days(to_monday).to_string()
}

#[test]
fn the_command_refuses_bad_wave_options_in_one_line() {
    for (args, want) in [
        (
            vec!["--waves", "next week"],
            "--waves `next week` is not a date",
        ),
        (
            vec!["--waves", "2020-01-06"],
            "--waves: start date 2020-01-06 is in the past",
        ),
        (
            vec!["--waves", "2999-01-04", "--max", "0"],
            "most machines per wave: 0 is not accepted",
        ),
        (
            vec!["--every", "7"],
            "--every and --max apply to --waves only",
        ),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_upgrade-plan"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "--inventory",
                "tests/inventories/waves.csv",
                "--target",
                "windows-server-2025",
            ])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(want), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1);
    }
}
