//! Property tests: random scenarios (valid and invalid) never panic, every not-supported plan has a
//! blocker, and every hop of a returned route is a supported direct hop.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use upgrade_planner::core::catalog::version;
use upgrade_planner::core::cluster::rolling_hop;
use upgrade_planner::core::paths::direct;
use upgrade_planner::core::sweep;
use upgrade_planner::core::*;

static PLANS: AtomicUsize = AtomicUsize::new(0);
static ERRORS: AtomicUsize = AtomicUsize::new(0);
static NOT_SUPPORTED: AtomicUsize = AtomicUsize::new(0);

/// Ids mostly from the contract, sometimes not, sometimes of the wrong type.
fn id_of<T: 'static + Copy + std::fmt::Debug>(
    all: &'static [T],
    id: fn(T) -> &'static str,
) -> BoxedStrategy<Value> {
    prop_oneof![
        60 => proptest::sample::select(all).prop_map(move |v| json!(id(v))),
        1 => "[a-z0-9.-]{0,12}".prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
    ]
    .boxed()
}

fn maybe(s: BoxedStrategy<Value>) -> BoxedStrategy<Option<Value>> {
    prop_oneof![1 => Just(None), 2 => s.prop_map(Some)].boxed()
}

fn sp(max: u8) -> BoxedStrategy<Value> {
    prop_oneof![30 => (0..=max).prop_map(Value::from), 4 => Just(Value::Null), 1 => (-3i64..400).prop_map(Value::from)].boxed()
}

fn language() -> BoxedStrategy<Value> {
    prop_oneof![
        40 => proptest::sample::select(&["en-US", "de-DE", "fr-FR", "EN-us"][..]).prop_map(Value::from),
        1 => ".{0,20}".prop_map(Value::from),
    ]
    .boxed()
}

fn release(own: Vec<&'static str>) -> BoxedStrategy<Value> {
    if own.is_empty() {
        return prop_oneof![30 => Just(Value::Null), 1 => Just(json!("22H2"))].boxed();
    }
    prop_oneof![30 => proptest::sample::select(own).prop_map(Value::from), 1 => Just(json!("x"))]
        .boxed()
}

fn set(obj: &mut Value, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        obj[key] = v;
    }
}

/// An edition or architecture: usually one the version has, sometimes any id, sometimes junk.
fn of_version<T: 'static + Copy + std::fmt::Debug>(
    own: &'static [T],
    all: &'static [T],
    id: fn(T) -> &'static str,
) -> BoxedStrategy<Option<Value>> {
    prop_oneof![
        2 => Just(None),
        30 => proptest::sample::select(own).prop_map(move |v| Some(json!(id(v)))),
        1 => id_of(all, id).prop_map(Some),
    ]
    .boxed()
}

fn machine(target: bool) -> BoxedStrategy<Value> {
    prop_oneof![19 => proptest::sample::select(Os::ALL).prop_map(Some), 1 => Just(None)]
        .prop_flat_map(move |os| {
            let v = version(os.unwrap_or(Os::Server2003));
            (
                Just(os),
                of_version(v.editions, Edition::ALL, Edition::id),
                maybe(sp(v.max_service_pack)),
                of_version(v.architectures, Arch::ALL, Arch::id),
                maybe(language()),
                maybe(id_of(Channel::ALL, Channel::id)),
                maybe(id_of(Channel::ALL, Channel::id)),
                of_version(v.editions, Edition::ALL, Edition::id),
                (
                    maybe(prop_oneof![12 => Just(json!("desktop")), 3 => Just(json!("core")), 1 => id_of(Installation::ALL, Installation::id)].boxed()),
                    maybe(any::<bool>().prop_map(Value::from).boxed()),
                    maybe(any::<bool>().prop_map(Value::from).boxed()),
                    maybe(release(v.release_names().collect())),
                    proptest::collection::vec(proptest::sample::select(Condition::ALL), 0..3),
                ),
            )
        })
        .prop_map(move |(os, edition, service_pack, architecture, language, channel, key_channel, key_edition, (installation, flag, dc, release, conditions))| {
            let mut m = json!({ "os": os.map(|o| o.id()).unwrap_or("windows-95") });
            set(&mut m, "edition", edition);
            set(&mut m, "service_pack", service_pack);
            set(&mut m, "architecture", architecture);
            set(&mut m, "language", language);
            set(&mut m, "installation", installation);
            set(&mut m, "release", release);
            if target {
                set(&mut m, "media_channel", channel);
                set(&mut m, "key_channel", key_channel);
                set(&mut m, "key_edition", key_edition);
            } else {
                set(&mut m, "channel", channel);
                set(&mut m, "cluster_node", flag);
                set(&mut m, "domain_controller", dc);
                if !conditions.is_empty() {
                    m["conditions"] = json!(conditions.iter().map(|c| c.id()).collect::<Vec<_>>());
                }
            }
            m
        })
        .boxed()
}

prop_compose! {
    fn configmgr()(
        version in prop_oneof![4 => 1500u32..3100, 1 => any::<u32>()],
        content in id_of(CmContent::ALL, CmContent::id),
        delivery in id_of(CmDelivery::ALL, CmDelivery::id),
        flags in proptest::collection::vec(any::<bool>(), 5),
        edition in id_of(Edition::ALL, Edition::id),
        arch in id_of(Arch::ALL, Arch::id),
        changes in proptest::collection::vec(proptest::sample::select(PlannedChange::ALL), 0..3),
    ) -> Value {
        json!({ "version": version, "content": content, "delivery": delivery,
                "boot_image": flags[0], "via_cmg": flags[1], "distribution_point": flags[2],
                "software_update_point": flags[3],
                "package": { "edition": edition, "architecture": arch },
                "planned_changes": changes.iter().map(|c| c.id()).collect::<Vec<_>>() })
    }
}

prop_compose! {
    fn scenario()(
        current in machine(false),
        target in machine(true),
        nodes in proptest::option::of(prop_oneof![
            12 => proptest::collection::vec("NODE-[A-Z][0-9]", 2..5),
            1 => Just(vec![]),
            1 => proptest::collection::vec("[A-Za-z0-9<>\"' -]{0,10}", 0..5),
        ]),
        cm in proptest::option::weighted(0.25, configmgr()),
        extra in proptest::option::weighted(0.02, "[a-z_]{1,8}"),
    ) -> Value {
        let mut s = json!({ "current": current, "target": target, "as_of": "2026-11-21" });
        if let Some(nodes) = nodes {
            s["cluster"] = json!({ "nodes": nodes, "groups": ["SQL", "FILE"] });
        }
        if let Some(cm) = cm {
            s["configmgr"] = cm;
        }
        if let Some(k) = extra {
            s[k] = json!(1);
        }
        s
    }
}

/// The invariants every evaluated plan must keep.
fn check_plan(plan: &Plan, clustered: bool) -> Result<(), TestCaseError> {
    if plan.verdict == Verdict::NotSupported {
        prop_assert!(
            plan.blockers().next().is_some(),
            "not-supported without a blocker: {plan:?}"
        );
        prop_assert!(
            plan.explanation.is_some(),
            "not-supported without an explanation"
        );
    } else {
        prop_assert!(
            plan.blockers().next().is_none(),
            "blocker in a supported plan: {plan:?}"
        );
        prop_assert!(!plan.steps.is_empty(), "a supported plan without steps");
        for pair in plan.route.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let hop_ok = if clustered && version(b).family == Family::Server && a != Os::Server2003
            {
                rolling_hop(a, b)
            } else {
                direct(a, b).is_some()
            };
            prop_assert!(
                hop_ok,
                "{} → {} is not a supported direct hop",
                a.id(),
                b.id()
            );
        }
    }
    if plan.verdict == Verdict::NotSupported {
        prop_assert!(
            plan.route.is_empty(),
            "a not-supported plan lists no in-place route"
        );
        prop_assert!(
            !plan.stops.is_empty(),
            "a not-supported plan still shows the versions' dates"
        );
    } else if plan.route.len() == 1 {
        // Within one version: where the machine is and where it goes (release or edition).
        prop_assert!(plan.stops.len() <= 2);
        prop_assert!(plan.stops.iter().all(|s| s.os == plan.route[0]));
    } else {
        prop_assert_eq!(plan.stops.len(), plan.route.len());
    }
    prop_assert!(plan.findings.iter().all(|f| !f.message.is_empty()));
    prop_assert!(plan
        .steps
        .iter()
        .all(|s| !s.text.is_empty() && !s.group.is_empty()));
    Ok(())
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        max_shrink_iters: 2000,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(100_000))]

    /// ≥ 100 000 scenarios per run, valid and invalid.
    #[test]
    fn random_scenarios_never_panic_and_keep_invariants(s in scenario()) {
        let text = s.to_string();
        match evaluate_json(&text) {
            Err(e) => {
                ERRORS.fetch_add(1, Relaxed);
                prop_assert!(!e.message.is_empty());
            }
            Ok(plan) => {
                PLANS.fetch_add(1, Relaxed);
                if plan.verdict == Verdict::NotSupported {
                    NOT_SUPPORTED.fetch_add(1, Relaxed);
                }
                let clustered = parse_scenario(&text).unwrap().resolve().unwrap().clustered;
                check_plan(&plan, clustered)?;
                prop_assert!(serde_json::to_string(&plan).is_ok());
            }
        }
    }
}

proptest! {
    #![proptest_config(config(20_000))]

    /// Arbitrary text never panics the parser and always gets a message.
    #[test]
    fn arbitrary_text_is_rejected_with_a_message(text in ".{0,300}") {
        if let Err(e) = evaluate_json(&text) {
            prop_assert!(!e.to_string().is_empty());
        }
    }
}

/// Issue 4: every pair of versions × every edition × architecture × installation, clustered or
/// not — the search terminates, never panics, and every hop it returns is supported.
#[test]
fn all_pairs_over_the_catalog() {
    let mut evaluated = 0;
    for (s, resolved) in sweep::catalog(upgrade_planner::core::date::Date::lit("2026-11-21")) {
        let plan = evaluate_resolved(&resolved);
        check_plan(&plan, resolved.clustered).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        evaluated += 1;
    }
    println!("{evaluated} catalog combinations evaluated");
    assert!(evaluated > 2_000);
}

/// Runs after the random test in the same binary when tests are run one at a time (the default
/// order is alphabetical within one thread only with --test-threads=1); it only reports.
#[test]
fn zz_report_random_mix() {
    let (p, e, n) = (
        PLANS.load(Relaxed),
        ERRORS.load(Relaxed),
        NOT_SUPPORTED.load(Relaxed),
    );
    println!("random scenarios: {p} plans ({n} not supported), {e} input errors");
}

proptest! {
    #![proptest_config(config(300))]
    /// The URL fragment round-trips any valid Scenario exactly: list items (cluster groups) with
    /// commas, `&`, `=`, `#`, `%`, quotes and non-ASCII letters stay one item each.
    #[test]
    fn fragment_round_trips_names_with_any_punctuation(
        groups in proptest::collection::vec("[a-zA-Z0-9 ,&=#%\"'+;/?()éß€中]{1,24}", 1..4),
        nodes in proptest::collection::vec("[A-Z][A-Z0-9-]{0,10}", 2..4),
    ) {
        let json = json!({
            "current": {"os": "windows-server-2008", "cluster_node": true},
            "target": {"os": "windows-server-2008-r2"},
            "cluster": {"nodes": nodes, "groups": groups},
        });
        let Ok(s) = parse_scenario(&json.to_string()) else { return Ok(()); };
        let fragment = fragment::encode(&s);
        let back = fragment::decode(&format!("#{fragment}"));
        prop_assert_eq!(back, Ok(Some(s)), "{}", fragment);
    }
}

#[test]
fn fragment_keeps_a_group_name_with_a_comma() {
    let s = parse_scenario(
        &json!({
            "current": {"os": "windows-server-2008", "cluster_node": true},
            "target": {"os": "windows-server-2008-r2"},
            "cluster": {"nodes": ["N1", "N2"], "groups": ["SQL Server (MSSQLSERVER), Prod", "A,a", "x&y=z#1%"]},
        })
        .to_string(),
    )
    .unwrap();
    let back = fragment::decode(&format!("#{}", fragment::encode(&s)))
        .unwrap()
        .unwrap();
    assert_eq!(back.cluster.as_ref().unwrap().groups.len(), 3);
    assert_eq!(back, s);
}
