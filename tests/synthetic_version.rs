//! Issue 4's quality bar: adding a version takes one row per table plus fixtures.
//!
//! The `synthetic-2028` feature adds a Windows Server 2028 exactly the way a real new version is added
//! (docs/adding-a-version.md): one `Os` variant, one catalog row, its hop rows, one edition-rule arm,
//! one Cluster OS Rolling Upgrade row. These tests prove the planner then routes to it like any other
//! version. Run: `cargo test --no-default-features --features synthetic-2028 --test synthetic_version`.
#![cfg(all(not(target_arch = "wasm32"), feature = "synthetic-2028"))]

use upgrade_planner::core::catalog::{version, Family};
use upgrade_planner::core::cluster::rolling_hop;
use upgrade_planner::core::paths::direct;
use upgrade_planner::core::source::Source;
use upgrade_planner::core::sweep;
use upgrade_planner::core::*;

const AS_OF: upgrade_planner::core::date::Date =
    upgrade_planner::core::date::Date::lit("2026-11-21");

fn plan(from: Os, edition: Option<Edition>, to: Os, clustered: bool) -> Plan {
    let mut s = Scenario::new(from, to);
    s.current.edition = edition;
    s.current.cluster_node = Some(clustered);
    s.as_of = Some(AS_OF);
    // The processor features the targets add (SLAT from 2016, SSE4.2/POPCNT from 2025) are
    // given, so the route alone decides.
    s.hardware.cpu.slat = Some(true);
    s.hardware.cpu.sse42 = Some(true);
    s.hardware.cpu.popcnt = Some(true);
    evaluate(&s).unwrap_or_else(|e| panic!("{} → {}: input error {e}", from.id(), to.id()))
}

fn ids(route: &[Os]) -> Vec<&'static str> {
    route.iter().map(|o| o.id()).collect()
}

/// Every hop of the route is a direct in-place hop of `paths::HOPS`.
fn assert_direct_hops(p: &Plan) {
    for pair in p.route.windows(2) {
        assert!(
            direct(pair[0], pair[1]).is_some(),
            "{} → {} is not a direct hop (route {:?})",
            pair[0].id(),
            pair[1].id(),
            ids(&p.route)
        );
    }
}

#[test]
fn the_synthetic_version_is_in_the_contract_and_the_catalog() {
    assert_eq!(Os::from_id("windows-server-2028"), Some(Os::Server2028));
    assert!(Os::ALL.contains(&Os::Server2028));
    assert!(Os::accepted().contains("`windows-server-2028`"));
    assert_eq!(
        Os::Server2028.label(),
        "Windows Server 2028 (synthetic test version)"
    );
    let v = version(Os::Server2028);
    assert_eq!(v.family, Family::Server);
    assert_eq!(v.rank, version(Os::Server2025).rank + 1);
    assert_eq!(v.architectures, &[Arch::X64]);
    assert_eq!(v.editions, version(Os::Server2025).editions);
    assert_eq!(v.cluster_level, Some(13));
    assert_eq!(v.lifecycle.mainstream_end, None);
    assert_eq!(v.lifecycle.extended_end, None);
    assert_eq!(v.lifecycle.confidence, Confidence::Unconfirmed);
    assert_eq!(v.support_on(AS_OF).id(), "unknown");
}

#[test]
fn server_2025_to_2028_is_supported_in_place() {
    let p = plan(
        Os::Server2025,
        Some(Edition::Datacenter),
        Os::Server2028,
        false,
    );
    assert_eq!(p.verdict, Verdict::Supported, "{p:?}");
    assert_eq!(p.method, Method::InPlaceUpgrade);
    assert_eq!(p.route, [Os::Server2025, Os::Server2028]);
}

#[test]
fn server_2022_to_2028_is_direct() {
    let p = plan(
        Os::Server2022,
        Some(Edition::Standard),
        Os::Server2028,
        false,
    );
    assert_eq!(p.verdict, Verdict::Supported, "{p:?}");
    assert_eq!(p.method, Method::InPlaceUpgrade);
    assert_eq!(p.route, [Os::Server2022, Os::Server2028]);
}

#[test]
fn server_2019_to_2028_takes_two_direct_hops_through_2022_or_2025() {
    let p = plan(
        Os::Server2019,
        Some(Edition::Standard),
        Os::Server2028,
        false,
    );
    assert_eq!(p.verdict, Verdict::Supported, "{p:?}");
    assert_eq!(p.route.len(), 3, "route {:?}", ids(&p.route));
    assert_eq!(p.route[0], Os::Server2019);
    assert!(
        matches!(p.route[1], Os::Server2022 | Os::Server2025),
        "route {:?}",
        ids(&p.route)
    );
    assert_eq!(p.route[2], Os::Server2028);
    assert_direct_hops(&p);
}

#[test]
fn server_2012_r2_to_2028_is_a_multi_hop_route() {
    let p = plan(
        Os::Server2012R2,
        Some(Edition::Standard),
        Os::Server2028,
        false,
    );
    assert_eq!(p.verdict, Verdict::Supported, "{p:?}");
    assert!(p.route.len() >= 3, "route {:?}", ids(&p.route));
    assert_eq!(p.route.first(), Some(&Os::Server2012R2));
    assert_eq!(p.route.last(), Some(&Os::Server2028));
    assert_direct_hops(&p);
    assert_eq!(p.stops.len(), p.route.len());
}

#[test]
fn a_2025_cluster_rolls_to_2028_raising_the_functional_level_to_13() {
    let p = plan(Os::Server2025, None, Os::Server2028, true);
    assert_ne!(p.verdict, Verdict::NotSupported, "{p:?}");
    assert_eq!(p.method, Method::ClusterOsRollingUpgrade);
    assert_eq!(p.route, [Os::Server2025, Os::Server2028]);
    assert!(rolling_hop(Os::Server2025, Os::Server2028));
    assert!(
        p.steps.iter().any(|s| s
            .text
            .contains("Update-ClusterFunctionalLevel (level 12 → 13)")),
        "no functional-level step: {:?}",
        p.steps.iter().map(|s| &s.text).collect::<Vec<_>>()
    );
}

#[test]
fn a_2022_cluster_reaches_2028_one_version_at_a_time() {
    // 2022 → 2028 is a direct hop, but Cluster OS Rolling Upgrade moves one version per hop.
    let p = plan(Os::Server2022, None, Os::Server2028, true);
    assert_eq!(p.method, Method::ClusterOsRollingUpgrade, "{p:?}");
    assert_eq!(p.route, [Os::Server2022, Os::Server2025, Os::Server2028]);
}

#[test]
fn the_synthetic_hops_are_marked_unconfirmed() {
    for from in [Os::Server2022, Os::Server2025] {
        let hop = direct(from, Os::Server2028).expect("a hop row into 2028");
        assert_eq!(hop.confidence, Confidence::Unconfirmed);
        assert_eq!(hop.source, Source::Catalog);
        let p = plan(from, Some(Edition::Standard), Os::Server2028, false);
        let finding = p
            .findings
            .iter()
            .find(|f| f.code == "unconfirmed-hop")
            .unwrap_or_else(|| panic!("{} → 2028: no unconfirmed-hop finding", from.id()));
        assert_eq!(finding.confidence, Confidence::Unconfirmed);
        assert_eq!(finding.source, Source::Catalog);
        assert_eq!(p.confidence, Confidence::Unconfirmed);
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["confidence"], "unconfirmed");
    }
}

/// The invariants of tests/properties.rs (every not-supported plan has a blocker and an explanation;
/// every hop of a supported route is a direct hop, or a rolling hop on a cluster) over every pair of
/// the catalog including 2028, every edition × architecture × installation, clustered or not.
#[test]
fn all_pairs_invariants_hold_with_2028() {
    let (mut evaluated, mut with_2028, mut into_2028_supported) = (0, 0, 0);
    for (s, resolved) in sweep::catalog(AS_OF) {
        let (from, to) = (s.current.os, s.target.os);
        let p = evaluate_resolved(&resolved);
        let what = format!("{s:?}");
        if p.verdict == Verdict::NotSupported {
            assert!(p.blockers().next().is_some(), "{what}: no blocker");
            assert!(p.explanation.is_some(), "{what}: no explanation");
            assert!(p.route.is_empty() && !p.stops.is_empty(), "{what}");
        } else {
            assert!(p.blockers().next().is_none(), "{what}: blocker");
            assert_eq!(p.stops.len(), p.route.len(), "{what}");
            for pair in p.route.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let ok = if resolved.clustered
                    && version(b).family == Family::Server
                    && a != Os::Server2003
                {
                    rolling_hop(a, b)
                } else {
                    direct(a, b).is_some()
                };
                assert!(ok, "{what}: {} → {} is no hop", a.id(), b.id());
            }
            if to == Os::Server2028 && from != to {
                into_2028_supported += 1;
            }
        }
        evaluated += 1;
        if from == Os::Server2028 || to == Os::Server2028 {
            with_2028 += 1;
        }
    }
    println!("{evaluated} combinations, {with_2028} with 2028, {into_2028_supported} supported into 2028");
    assert!(evaluated > 2_000);
    assert!(with_2028 > 0);
    assert!(into_2028_supported > 0);
}

#[test]
fn an_inventory_row_naming_2028_is_recognised() {
    use upgrade_planner::core::inventory::{parse_inventory, InventoryOptions};
    // By product name (the catalog row's name words), by build number (its build), and in the
    // ConfigMgr form: the inventory reads all of them from the catalog row.
    let csv = "Name,Caption,BuildNumber\n\
        NEW-1,Microsoft Windows Server 2028 Datacenter,40028\n\
        NEW-2,,40028\n\
        OLD-1,Microsoft Windows Server 2025 Standard,26100\n";
    let options = InventoryOptions::with_target_os(Os::Server2028);
    let inv = parse_inventory(csv, &options);
    assert_eq!(inv.error, None);
    let os: Vec<_> = inv
        .rows
        .iter()
        .map(|r| r.result.as_ref().map(|s| (s.current.os, s.current.edition)))
        .collect();
    assert_eq!(
        os,
        [
            Ok((Os::Server2028, Some(Edition::Datacenter))),
            Ok((Os::Server2028, None)),
            Ok((Os::Server2025, Some(Edition::Standard))),
        ]
    );
    let cm = "Name0,Caption0,Version0\nNEW-3,Microsoft Windows Server 2028 Standard,10.0.40028\n";
    let inv = parse_inventory(cm, &options);
    assert_eq!(
        inv.rows[0].result.as_ref().unwrap().current.os,
        Os::Server2028
    );
    // The upgrade 2025 → 2028 is then planned like any other.
    let results =
        upgrade_planner::core::inventory::plan_inventory(&parse_inventory(csv, &options), AS_OF);
    assert_eq!(results[2].route, [Os::Server2025, Os::Server2028]);
}
