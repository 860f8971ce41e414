//! Shortest in-place route over the hop table, every gate applied to every hop, and the refusals
//! met on the way (the raw material of the why-not explanation).

use super::catalog::{version, Family};
use super::cluster;
use super::codes::Code;
use super::editions::{edition_rule, Keeps};
use super::ids::{Arch, Edition, Installation, Os};
use super::paths::{hops_from, Hop};
use super::plan::Confidence;
use super::scenario::Resolved;
use super::source::Source;
use std::collections::{HashMap, VecDeque};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Node {
    pub os: Os,
    pub edition: Edition,
}

/// One hop of a found route.
#[derive(Clone, Debug)]
pub struct Leg {
    pub from: Node,
    pub to: Node,
    pub hop: &'static Hop,
    pub keeps: Keeps,
    pub edition_source: Source,
    pub edition_confidence: Confidence,
}

/// A hop the gates refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub from: Node,
    pub to: Os,
    pub code: Code,
    pub source: Source,
    pub confidence: Confidence,
    pub reason: String,
}

pub struct Search {
    pub route: Option<Vec<Leg>>,
    pub refusals: Vec<Refusal>,
}

/// Why a gate refuses a hop: the finding's code, its source, how sure, and the reason.
pub type Refused = (Code, Source, Confidence, String);

/// A gate: `Some` when it refuses the hop from `from`.
type Gate = fn(&Resolved, Node, &Hop) -> Option<Refused>;

/// The gates every hop passes, in order; the first refusal is the hop's.
const GATES: &[Gate] = &[
    architecture_available,
    itanium_2003_to_2008,
    into_2008_core,
    dc_core_2008_r2_to_2012,
    cluster_hop,
    hyper_v_server_needs_rolling,
    super::site_system::hop_gate,
];

fn architecture_available(s: &Resolved, _: Node, hop: &Hop) -> Option<Refused> {
    let arch = s.current.architecture;
    let to = version(hop.to);
    if to.has_arch(arch) {
        return None;
    }
    let (source, confidence) = match arch {
        Arch::Ia64 if hop.to == Os::Server2003R2 => (Source::R2Upgrade, Confidence::Confirmed),
        Arch::Ia64 => (Source::ConversionOptions, Confidence::Unconfirmed),
        _ if to.family == Family::Client => (Source::Windows11Requirements, Confidence::Confirmed),
        _ => (Source::ConversionOptions, Confidence::Confirmed),
    };
    let reason = format!(
        "{} has no {} build, so {} {} system cannot be upgraded to it in place",
        hop.to.label(),
        arch.id(),
        super::text::a_an(arch.label()),
        arch.label()
    );
    Some((Code::ArchNotAvailable, source, confidence, reason))
}

fn itanium_2003_to_2008(s: &Resolved, from: Node, hop: &Hop) -> Option<Refused> {
    (s.current.architecture == Arch::Ia64
        && matches!(from.os, Os::Server2003 | Os::Server2003R2)
        && hop.to == Os::Server2008)
        .then(|| (Code::Itanium2003To2008, Source::InPlace2008, Confidence::Secondary, "an Itanium-based Windows Server 2003 cannot be upgraded in place to Windows Server 2008 for Itanium".into()))
}

fn into_2008_core(s: &Resolved, _: Node, hop: &Hop) -> Option<Refused> {
    (hop.to == Os::Server2008 && s.current.installation == Installation::Core)
        .then(|| (Code::NoUpgradeInto2008Core, Source::InPlace2008, Confidence::Secondary, "no operating system can be upgraded into a Windows Server 2008 Server Core installation".into()))
}

fn dc_core_2008_r2_to_2012(s: &Resolved, from: Node, hop: &Hop) -> Option<Refused> {
    (s.current.domain_controller
        && from.os == Os::Server2008R2
        && hop.to == Os::Server2012
        && s.current.installation == Installation::Core)
        .then(|| (Code::DcCore2008r2To2012, Source::DomainControllers2012, Confidence::Confirmed, "a Server Core domain controller on 2008 R2 upgraded in place to 2012 hangs on a black screen and rolls back (KB 2734222)".into()))
}

fn cluster_hop(s: &Resolved, from: Node, hop: &Hop) -> Option<Refused> {
    // The 2003 → 2003 R2 update is not a cluster-version change (KB 935197 starts at 2008).
    let r2_update = from.os == Os::Server2003 && hop.to == Os::Server2003R2;
    if !s.clustered || version(hop.to).family != Family::Server || r2_update {
        return None;
    }
    cluster::cluster_hop_block(from.os, hop.to)
        .map(|(code, source, reason)| (code, source, Confidence::Confirmed, reason))
}

fn hyper_v_server_needs_rolling(s: &Resolved, from: Node, hop: &Hop) -> Option<Refused> {
    (!s.clustered
        && from.edition == Edition::HyperVServer
        && from.os == Os::Server2012R2
        && hop.to == Os::Server2016)
        .then(|| (Code::HyperVServerNeedsRolling, Source::InstallationAndUpgrade, Confidence::Confirmed, "Hyper-V Server 2012 R2 reaches Hyper-V Server 2016 only through a Cluster OS Rolling Upgrade".into()))
}

/// What the gates allow for one hop: the editions it may land on, or why not.
pub fn gate(
    s: &Resolved,
    from: Node,
    hop: &'static Hop,
) -> Result<Vec<(Edition, Keeps, Source, Confidence)>, Refusal> {
    let refuse = |(code, source, confidence, reason): Refused| Refusal {
        from,
        to: hop.to,
        code,
        source,
        confidence,
        reason,
    };
    if let Some(refused) = GATES.iter().find_map(|g| g(s, from, hop)) {
        return Err(refuse(refused));
    }
    let rule = edition_rule(from.os, from.edition, hop.to);
    if rule.targets.is_empty() {
        let reason = format!(
            "{} {} has no in-place upgrade to any edition of {}",
            from.os.label(),
            from.edition.label(),
            hop.to.label()
        );
        return Err(refuse((
            Code::EditionNoPath,
            rule.source,
            rule.confidence,
            reason,
        )));
    }
    Ok(rule
        .targets
        .iter()
        .map(|&(e, k)| (e, k, rule.source, rule.confidence))
        .collect())
}

/// Breadth-first search from the current machine to the target (os, edition). Among routes of the
/// same length it prefers the one whose intermediate stops stay supported longest.
pub fn search(s: &Resolved) -> Search {
    let start = Node {
        os: s.current.os,
        edition: s.current.edition,
    };
    let goal = Node {
        os: s.target.os,
        edition: s.target.edition,
    };
    let max_rank = version(goal.os).rank;
    let family = version(goal.os).family;

    let mut refusals = Vec::new();
    let mut dist: HashMap<Node, usize> = HashMap::from([(start, 0)]);
    let mut edges: Vec<Leg> = Vec::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        let d = dist[&node];
        for hop in hops_from(node.os) {
            let tv = version(hop.to);
            if tv.family != family || tv.rank > max_rank {
                continue;
            }
            match gate(s, node, hop) {
                Err(r) => refusals.push(r),
                Ok(targets) => {
                    if hop.to == goal.os && !targets.iter().any(|t| t.0 == goal.edition) {
                        refusals.push(Refusal {
                            from: node,
                            to: hop.to,
                            code: Code::EditionNotAllowed,
                            source: targets[0].2,
                            confidence: targets[0].3,
                            reason: format!(
                                "{} {} can only become {} of {}",
                                node.os.label(),
                                node.edition.label(),
                                targets
                                    .iter()
                                    .map(|t| t.0.label())
                                    .collect::<Vec<_>>()
                                    .join(" or "),
                                hop.to.label()
                            ),
                        });
                    }
                    for (e, keeps, source, confidence) in targets {
                        let next = Node {
                            os: hop.to,
                            edition: e,
                        };
                        if hop.to == goal.os && e != goal.edition {
                            continue;
                        }
                        let known = dist.get(&next).copied();
                        if known.is_none() {
                            dist.insert(next, d + 1);
                            queue.push_back(next);
                        }
                        if known.is_none() || known == Some(d + 1) {
                            edges.push(Leg {
                                from: node,
                                to: next,
                                hop,
                                keeps,
                                edition_source: source,
                                edition_confidence: confidence,
                            });
                        }
                    }
                }
            }
        }
    }

    let route = dist
        .get(&goal)
        .map(|_| best_route(start, goal, &edges, &dist));
    Search { route, refusals }
}

fn best_route(start: Node, goal: Node, edges: &[Leg], dist: &HashMap<Node, usize>) -> Vec<Leg> {
    // Enumerate shortest routes backwards from the goal; the graph is tiny.
    fn walk(
        node: Node,
        start: Node,
        edges: &[Leg],
        dist: &HashMap<Node, usize>,
        acc: &mut Vec<Leg>,
        out: &mut Vec<Vec<Leg>>,
    ) {
        if node == start {
            let mut r = acc.clone();
            r.reverse();
            out.push(r);
            return;
        }
        for e in edges.iter().filter(|e| {
            e.to == node && dist.get(&e.from).map(|d| d + 1) == dist.get(&node).copied()
        }) {
            acc.push(e.clone());
            walk(e.from, start, edges, dist, acc, out);
            acc.pop();
        }
    }
    let mut all = Vec::new();
    walk(goal, start, edges, dist, &mut Vec::new(), &mut all);
    all.into_iter().max_by_key(|r| score(r)).unwrap_or_default()
}

/// Higher is better: intermediate stops supported longest, then confirmed hops, then fewer edition changes.
fn score(
    route: &[Leg],
) -> (
    Option<super::date::Date>,
    std::cmp::Reverse<usize>,
    std::cmp::Reverse<usize>,
) {
    // A stop without a known end counts as ending first; a route without stops ranks highest.
    let earliest_end = route[..route.len().saturating_sub(1)]
        .iter()
        .map(|l| version(l.to.os).lifecycle.extended_end)
        .min()
        .unwrap_or(Some(super::date::Date::MAX));
    let unconfirmed = route
        .iter()
        .filter(|l| {
            l.hop.confidence == Confidence::Unconfirmed
                || l.edition_confidence == Confidence::Unconfirmed
        })
        .count();
    let changes = route
        .iter()
        .filter(|l| l.from.edition != l.to.edition)
        .count();
    (
        earliest_end,
        std::cmp::Reverse(unconfirmed),
        std::cmp::Reverse(changes),
    )
}

/// "Because A cannot go to B (rule, source) and …, no in-place route exists …" — pubgrub-style.
pub fn explain(s: &Resolved, refusals: &[Refusal], instead: &str) -> String {
    let mut seen: Vec<(Os, Os, Code)> = Vec::new();
    let mut because: Vec<String> = Vec::new();
    for r in refusals {
        if seen.contains(&(r.from.os, r.to, r.code)) {
            continue;
        }
        seen.push((r.from.os, r.to, r.code));
        let unconfirmed = if r.confidence == Confidence::Unconfirmed {
            ", unconfirmed"
        } else {
            ""
        };
        because.push(format!(
            "{} → {} is refused: {} ({}{unconfirmed})",
            r.from.os.label(),
            r.to.label(),
            r.reason.trim_end_matches('.'),
            r.source.cite()
        ));
    }
    let from = format!("{} {}", s.current.os.label(), s.current.edition.label());
    let to = format!("{} {}", s.target.os.label(), s.target.edition.label());
    if because.is_empty() {
        return format!("No chain of supported in-place upgrades leads from {from} to {to}, so no in-place route exists. {instead}");
    }
    let mut text = String::from("Because ");
    let n = because.len();
    for (i, b) in because.iter().enumerate() {
        text.push_str(b);
        text.push_str(match n - i {
            1 => "",
            2 => ", and ",
            _ => "; ",
        });
    }
    format!("{text} — no in-place route exists from {from} to {to}. {instead}")
}

/// "Changing the…" → "changing the…", for sentences that continue after "Because".
pub fn lower_first(s: &str) -> String {
    const COMMON: &[&str] = &[
        "A",
        "An",
        "The",
        "This",
        "Changing",
        "Switching",
        "Upgrading",
        "Preview",
        "Product",
        "No",
        "Only",
        "Every",
        "Each",
        "One",
        "Service",
        "Setup",
        "In-place",
        "Rolling",
        "Migrate",
        "Clean",
        "New",
    ];
    let first = s.split_whitespace().next().unwrap_or("");
    if COMMON.contains(&first) && first != "Setup" {
        let mut c = s.chars();
        c.next()
            .map(|f| std::iter::once(f.to_ascii_lowercase()).chain(c).collect())
            .unwrap_or_default()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_first_keeps_proper_nouns() {
        assert_eq!(
            lower_first("Changing the architecture"),
            "changing the architecture"
        );
        assert_eq!(
            lower_first("Windows Server 2003 Web Edition"),
            "Windows Server 2003 Web Edition"
        );
        assert_eq!(lower_first("Setup blocks it"), "Setup blocks it");
    }
}
