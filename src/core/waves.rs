//! Upgrade waves: a fleet's decisions → dated batches of work, each placement explained.
//!
//! The user gives a start date, a cadence (days between waves) and the most machines per wave.
//! Machines are taken most urgent first (support already ended, then ending soonest, then not
//! known) and placed in the earliest wave that keeps these rules:
//! - a machine to fix first goes no earlier than the second wave (the first cadence is for the fix);
//! - the nodes of one cluster (`cluster.name`) share a wave, in rolling order, one node at a time;
//!   a cluster that must migrate gets a wave of its own (a single machine that migrates is placed
//!   like any other: its migration is its own work);
//! - no two domain controllers of one domain (`current.domain`) share a wave; a domain controller
//!   whose domain is not given shares a wave with no other domain controller;
//! - a route of several hops takes consecutive waves, one hop each;
//! - a wave holds at most the maximum, except a cluster larger than the maximum, which then has a
//!   wave to itself (and says so).
//!
//! Machines that cannot be scheduled (hardware to replace, already on the target, input errors)
//! are listed with the reason. Pure: the command and the Fleet engine call the same function.

use crate::core::date::Date;
use crate::core::decision::Decision;
use crate::core::inventory::RowResult;
use crate::core::source::Source;
use crate::core::Os;
use serde::{Deserialize, Serialize};

/// Most machines a wave may be given.
pub const MAX_PER_WAVE: usize = 10_000;
/// Longest cadence (days).
pub const MAX_CADENCE: u32 = 365;

/// What the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveOptions {
    pub start: Date,
    /// Days from one wave to the next.
    pub every_days: u32,
    /// Most machines in one wave.
    pub max: usize,
}

impl WaveOptions {
    /// Check the options against today; the message says what is accepted.
    pub fn check(&self, today: Date) -> Result<(), String> {
        if self.max == 0 || self.max > MAX_PER_WAVE {
            return Err(format!(
                "most machines per wave: {} is not accepted; accepted: 1 to {MAX_PER_WAVE}",
                self.max
            ));
        }
        if self.every_days == 0 || self.every_days > MAX_CADENCE {
            return Err(format!(
                "cadence: {} days is not accepted; accepted: 1 to {MAX_CADENCE} days (7 = weekly)",
                self.every_days
            ));
        }
        if today.days_until(self.start) < 0 {
            return Err(format!(
                "start date {} is in the past; accepted: today ({today}) or later",
                self.start
            ));
        }
        Ok(())
    }

    pub fn date_of(&self, wave: usize) -> Date {
        self.start
            .plus_days(wave as i64 * i64::from(self.every_days))
    }
}

/// One machine's step in a wave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The machine's position in the fleet (0-based).
    pub machine: usize,
    pub name: String,
    /// 1-based position in the wave: the order to work in.
    pub order: usize,
    /// 1-based hop of the machine's route, and how many hops it has.
    pub hop: usize,
    pub hops: usize,
    pub from: Os,
    pub to: Os,
    /// What is done: "in-place upgrade" or "migrate".
    pub step: String,
    /// Why the machine is in this wave, in one line.
    pub why: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wave {
    /// 1-based.
    pub number: usize,
    pub date: Date,
    pub entries: Vec<Entry>,
}

/// A machine that is in no wave, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unscheduled {
    pub machine: usize,
    pub name: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WavePlan {
    pub waves: Vec<Wave>,
    pub unscheduled: Vec<Unscheduled>,
    /// What the user should know about the plan as a whole (missing domains, long cadences).
    pub notes: Vec<String>,
}

/// A group placed together: one machine, or the nodes of one cluster.
struct Unit {
    members: Vec<usize>,
    cluster: Option<String>,
    migrate: bool,
    fix_first: bool,
    urgency: Option<Date>,
    /// The most hops any member has.
    span: usize,
}

impl Unit {
    /// A cluster that cannot be upgraded in place: its migration takes a wave of its own.
    fn migrating_cluster(&self) -> bool {
        self.migrate && self.cluster.is_some()
    }
}

/// The route's hops: consecutive pairs, or current → target when the route is shorter.
fn hops(r: &RowResult) -> Vec<(Os, Os)> {
    let legs: Vec<(Os, Os)> = r.route.windows(2).map(|w| (w[0], w[1])).collect();
    if !legs.is_empty() {
        return legs;
    }
    match (r.current, r.target) {
        (Some(c), Some(t)) => vec![(c, t)],
        _ => Vec::new(),
    }
}

fn unscheduled_reason(r: &RowResult) -> Option<String> {
    Some(match r.decision {
        Decision::UpgradeNow | Decision::FixFirst | Decision::Migrate => return None,
        Decision::InputError => format!("input error: {}", r.error.as_deref().unwrap_or(&r.reason)),
        Decision::AlreadyOnTarget => "already on the target".to_string(),
        Decision::ReplaceHardware => format!("replace the hardware first: {}", r.reason),
        Decision::BridgeWithEsu => format!("replace the hardware; {}", r.reason),
    })
}

fn dc_key(r: &RowResult) -> Option<Option<String>> {
    r.domain_controller
        .then(|| r.domain.as_ref().map(|d| d.to_ascii_lowercase()))
}

/// The waves under construction: what each holds.
#[derive(Default)]
struct Slot {
    count: usize,
    exclusive: bool,
    /// Domains of the domain controllers in it (`None`: a domain controller of unknown domain).
    dcs: Vec<Option<String>>,
}

impl Slot {
    fn dc_clash(&self, key: &Option<String>) -> bool {
        match key {
            None => !self.dcs.is_empty(),
            Some(_) => self.dcs.iter().any(|d| d.is_none() || d == key),
        }
    }
}

/// Plan the waves for `results` (see the module documentation). `options` must have passed
/// [`WaveOptions::check`].
pub fn plan_waves(results: &[RowResult], options: &WaveOptions) -> WavePlan {
    let mut plan = WavePlan::default();
    let max = options.max.max(1);
    // Units: clusters by name (in the order of their first node), single machines.
    let mut units: Vec<Unit> = Vec::new();
    let mut cluster_unit: std::collections::BTreeMap<String, usize> = Default::default();
    let mut dcs_without_domain = 0;
    for (i, r) in results.iter().enumerate() {
        if let Some(reason) = unscheduled_reason(r) {
            plan.unscheduled.push(Unscheduled {
                machine: i,
                name: r.name.clone(),
                reason,
            });
            continue;
        }
        if r.domain_controller && r.domain.is_none() {
            dcs_without_domain += 1;
        }
        let span = hops(r).len().max(1);
        let migrate = r.decision == Decision::Migrate;
        let fix_first = r.decision == Decision::FixFirst;
        if let Some(name) = &r.cluster {
            let key = name.to_ascii_lowercase();
            if let Some(&u) = cluster_unit.get(&key) {
                let unit = &mut units[u];
                unit.members.push(i);
                unit.span = unit.span.max(span);
                unit.migrate |= migrate;
                unit.fix_first |= fix_first;
                unit.urgency = earliest(unit.urgency, r.support_end);
                continue;
            }
            cluster_unit.insert(key, units.len());
        }
        units.push(Unit {
            members: vec![i],
            cluster: r.cluster.clone(),
            migrate,
            fix_first,
            urgency: r.support_end,
            span,
        });
    }
    // Cluster nodes share a wave and two domain controllers of one domain must not: a cluster
    // with both cannot be placed by these rules.
    units.retain(|u| {
        let keys: Vec<Option<String>> =
            u.members.iter().filter_map(|&m| dc_key(&results[m])).collect();
        let clash = keys.iter().enumerate().any(|(i, a)| {
            keys[i + 1..]
                .iter()
                .any(|b| a.is_none() || b.is_none() || a == b)
        });
        if clash {
            for &m in &u.members {
                plan.unscheduled.push(Unscheduled {
                    machine: m,
                    name: results[m].name.clone(),
                    reason: format!(
                        "cluster {} has two domain controllers of one domain (or of unknown domain): its nodes share a wave and they must not; plan it by hand",
                        u.cluster.as_deref().unwrap_or("")
                    ),
                });
            }
        }
        !clash
    });
    plan.unscheduled.sort_by_key(|u| u.machine);
    if dcs_without_domain > 0 {
        plan.notes.push(format!(
            "{dcs_without_domain} domain controller{} without a domain (add a current.domain column): each is kept apart from every other domain controller.",
            if dcs_without_domain == 1 { "" } else { "s" }
        ));
    }
    if options.every_days > 28 && units.iter().any(|u| u.cluster.is_some() && !u.migrate) {
        plan.notes.push(format!(
            "The cadence is {} days: a cluster's rolling upgrade must finish within four weeks of its first node (mixed-version mode), so do each cluster's nodes within that time of each other.",
            options.every_days
        ));
    }
    // Most urgent first; an unknown end of support last; then the fleet's order.
    units.sort_by_key(|u| (u.urgency.is_none(), u.urgency, u.members[0]));

    let mut slots: Vec<Slot> = Vec::new();
    let mut first_open = 0usize;
    for unit in &units {
        let members_at = |h: usize| -> Vec<usize> {
            unit.members
                .iter()
                .copied()
                .filter(|&m| h < hops(&results[m]).len().max(1))
                .collect()
        };
        let earliest_wave = usize::from(unit.fix_first);
        let mut w = earliest_wave.max(first_open);
        loop {
            let fits = (0..unit.span).all(|h| {
                let Some(slot) = slots.get(w + h) else {
                    return true;
                };
                let here = members_at(h);
                if slot.exclusive || (unit.migrating_cluster() && slot.count > 0) {
                    return false;
                }
                if slot.count + here.len() > max && !(slot.count == 0 && here.len() > max) {
                    return false;
                }
                !here
                    .iter()
                    .filter_map(|&m| dc_key(&results[m]))
                    .any(|k| slot.dc_clash(&k))
            });
            if fits {
                break;
            }
            w += 1;
        }
        for h in 0..unit.span {
            while slots.len() <= w + h {
                slots.push(Slot::default());
                plan.waves.push(Wave {
                    number: plan.waves.len() + 1,
                    date: options.date_of(plan.waves.len()),
                    entries: Vec::new(),
                });
            }
            let here = members_at(h);
            let slot = &mut slots[w + h];
            slot.count += here.len();
            slot.exclusive |= unit.migrating_cluster() || here.len() > max;
            for (k, &m) in here.iter().enumerate() {
                let r = &results[m];
                if let Some(key) = dc_key(r) {
                    slot.dcs.push(key);
                }
                let legs = hops(r);
                let (from, to) = legs.get(h).copied().unwrap_or((
                    r.current.unwrap_or(Os::Server2003),
                    r.target.unwrap_or(Os::Server2003),
                ));
                let wave = &mut plan.waves[w + h];
                let why = explain(
                    r,
                    unit,
                    (k, here.len()),
                    (h, legs.len().max(1)),
                    max,
                    options.start,
                );
                wave.entries.push(Entry {
                    machine: m,
                    name: r.name.clone(),
                    order: wave.entries.len() + 1,
                    hop: h + 1,
                    hops: legs.len().max(1),
                    from,
                    to,
                    step: if unit.migrate {
                        "migrate"
                    } else {
                        "in-place upgrade"
                    }
                    .to_string(),
                    why,
                });
            }
        }
        while slots
            .get(first_open)
            .is_some_and(|s| s.exclusive || s.count >= max)
        {
            first_open += 1;
        }
    }
    plan
}

fn earliest(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if a.days_until(b) < 0 { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Why a machine is where it is: urgency, fix first, cluster, domain controller, hop.
fn explain(
    r: &RowResult,
    unit: &Unit,
    (node, nodes): (usize, usize),
    (hop, hops): (usize, usize),
    max: usize,
    start: Date,
) -> String {
    let mut why: Vec<String> = Vec::new();
    why.push(match unit.urgency {
        Some(d) if d.days_until(start) > 0 => format!("support ended {d}: urgent"),
        Some(d) => format!("support ends {d}"),
        None => "end of support not known".to_string(),
    });
    if unit.fix_first && hop == 0 {
        why.push(format!("after its fix ({})", r.reason));
    }
    match (&unit.cluster, unit.migrate) {
        (Some(c), true) => why.push(format!("cluster {c} migrates: a wave of its own")),
        (Some(c), false) => why.push(format!(
            "cluster {c}: node {} of {nodes}, one node at a time{}",
            node + 1,
            if nodes > max {
                format!(" (more nodes than {max}: the cluster has this wave to itself)")
            } else {
                String::new()
            }
        )),
        (None, true) => why.push("migrates to a new installation".to_string()),
        (None, false) => {}
    }
    if r.domain_controller {
        why.push(match &r.domain {
            Some(d) => format!("domain controller of {d}: the only one of {d} in this wave"),
            None => "domain controller, domain not given: the only domain controller in this wave"
                .to_string(),
        });
    }
    if hops > 1 {
        why.push(format!("hop {} of {hops}", hop + 1));
    }
    why.join("; ")
}

/// The sources behind the wave rules, for the runbook.
pub const SOURCES: [Source; 2] = [Source::RollingUpgrade, Source::DomainControllers];

/// The header line of [`waves_csv`].
pub const WAVES_CSV_HEADER: &str = "wave,date,order,name,step,from,to,hop,why";

/// The waves as CSV: one line per machine and hop, then the machines in no wave (wave empty,
/// step `not scheduled`, the reason in `why`).
pub fn waves_csv(plan: &WavePlan) -> String {
    let mut lines = crate::core::inventory::CsvLines::default();
    let mut out = format!("{WAVES_CSV_HEADER}\n");
    for w in &plan.waves {
        let (number, date) = (w.number.to_string(), w.date.to_string());
        for e in &w.entries {
            out.push_str(&lines.record(&[
                &number,
                &date,
                &e.order.to_string(),
                &e.name,
                &e.step,
                e.from.id(),
                e.to.id(),
                &format!("{}/{}", e.hop, e.hops),
                &e.why,
            ]));
        }
    }
    for u in &plan.unscheduled {
        out.push_str(&lines.record(&["", "", "", &u.name, "not scheduled", "", "", "", &u.reason]));
    }
    out
}

/// The waves as a printable Markdown runbook: one section per wave (machines in order, the
/// step, why), the machines in no wave, the notes and the sources of the rules.
pub fn waves_markdown(plan: &WavePlan, options: &WaveOptions) -> String {
    use crate::core::inventory::md;
    let machines: usize = plan.waves.iter().map(|w| w.entries.len()).sum();
    let mut out = format!(
        "# Upgrade waves\n\n{} waves from {}, every {} days, at most {} machines each: {} steps scheduled, {} machines not scheduled.\n\n",
        plan.waves.len(),
        options.start,
        options.every_days,
        options.max,
        machines,
        plan.unscheduled.len()
    );
    for n in &plan.notes {
        out.push_str(&format!("> {}\n\n", md(n)));
    }
    for w in &plan.waves {
        out.push_str(&format!(
            "## Wave {} — {} ({} {})\n\n| # | machine | step | why here |\n|---|---|---|---|\n",
            w.number,
            w.date,
            w.entries.len(),
            if w.entries.len() == 1 {
                "machine"
            } else {
                "machines"
            }
        ));
        for e in &w.entries {
            out.push_str(&format!(
                "| {} | {} | {} {} → {}{} | {} |\n",
                e.order,
                md(&e.name),
                e.step,
                e.from.label(),
                e.to.label(),
                if e.hops > 1 {
                    format!(" (hop {} of {})", e.hop, e.hops)
                } else {
                    String::new()
                },
                md(&e.why)
            ));
        }
        out.push('\n');
    }
    if !plan.unscheduled.is_empty() {
        out.push_str("## Not scheduled\n\n| machine | why |\n|---|---|\n");
        for u in &plan.unscheduled {
            out.push_str(&format!("| {} | {} |\n", md(&u.name), md(&u.reason)));
        }
        out.push('\n');
    }
    out.push_str("## Sources\n\n");
    for s in SOURCES {
        out.push_str(&format!("- [{}]({})\n", md(s.title()), s.url()));
    }
    out
}

/// The waves as the Fleet view lists them (HTML, every text escaped): the first `shown` waves,
/// each with its machines in order and why; the notes; the machines not scheduled.
pub fn waves_html(plan: &WavePlan, shown: usize) -> String {
    use crate::core::fleet::charts::esc;
    let mut out = String::new();
    for n in &plan.notes {
        out.push_str(&format!(
            r#"<p class="note" data-testid="waves-note">{}</p>"#,
            esc(n)
        ));
    }
    out.push_str(r#"<ol class="waves">"#);
    for w in plan.waves.iter().take(shown) {
        let n = w.entries.len();
        out.push_str(&format!(
            r#"<li data-testid="wave" data-wave="{}" data-date="{}"><details{}><summary>Wave {} — {} ({})</summary><ol class="wave-entries">"#,
            w.number,
            w.date,
            if w.number <= 3 { " open" } else { "" },
            w.number,
            w.date,
            crate::core::text::count(n, "machine", "machines")
        ));
        for e in &w.entries {
            out.push_str(&format!(
                r#"<li data-testid="wave-entry" data-name="{name}" data-hop="{}"><strong>{name}</strong>: {} {} → {}{} <span class="why">— {}</span></li>"#,
                e.hop,
                e.step,
                e.from.label(),
                e.to.label(),
                if e.hops > 1 { format!(" (hop {} of {})", e.hop, e.hops) } else { String::new() },
                esc(&e.why),
                name = esc(&e.name),
            ));
        }
        out.push_str("</ol></details></li>");
    }
    out.push_str("</ol>");
    if !plan.unscheduled.is_empty() {
        out.push_str(&format!(
            r#"<details class="waves-unscheduled" data-testid="waves-unscheduled"><summary>Not scheduled ({})</summary><ul>"#,
            plan.unscheduled.len()
        ));
        for u in &plan.unscheduled {
            out.push_str(&format!(
                r#"<li data-testid="wave-unscheduled" data-name="{name}"><strong>{name}</strong>: {}</li>"#,
                esc(&u.reason),
                name = esc(&u.name)
            ));
        }
        out.push_str("</ul></details>");
    }
    out
}
