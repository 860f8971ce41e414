//! Clusters: KB 935197 (seed 000) blocks, Q174799 (seed 001) rolling service packs, and
//! Cluster OS Rolling Upgrade (facts §2.1).

use super::builder::Builder;
use super::catalog::version;
use super::codes::Code;
use super::ids::{Edition, Os};
use super::plan::{Confidence, Method, Severity};
use super::scenario::Resolved;
use super::source::Source;

/// Text of the System Compatibility report for a cluster member (quoted from seed 000).
pub const MSG_KB935197: &str = "You must make the following changes before upgrading Windows\n\nUninstall the following Windows components and features:\nServer Clustering - Please read Microsoft Knowledge Base article: 935197";

/// The upgrades Setup blocks on a cluster member (seed 000, "Symptoms"). 2003 R2 counts as 2003.
pub const KB935197_BLOCKED: &[(Os, &[Os])] = &[
    (Os::Server2003, &[Os::Server2008, Os::Server2008R2]),
    (Os::Server2008, &[Os::Server2008R2, Os::Server2012]),
    (Os::Server2008R2, &[Os::Server2012, Os::Server2012R2]),
    (Os::Server2012, &[Os::Server2012R2]),
];

/// Cluster OS Rolling Upgrade: one version per hop, starting from 2012 R2 (facts §2.1, S-CORU25).
pub const ROLLING_HOPS: &[(Os, Os)] = &[
    (Os::Server2012R2, Os::Server2016),
    (Os::Server2016, Os::Server2019),
    (Os::Server2019, Os::Server2022),
    (Os::Server2022, Os::Server2025),
    #[cfg(feature = "synthetic-2028")]
    (Os::Server2025, Os::Server2028),
];

pub const SRC_CORU: Source = Source::RollingUpgrade;

fn kb_family(os: Os) -> Os {
    if os == Os::Server2003R2 {
        Os::Server2003
    } else {
        os
    }
}

pub fn kb935197_blocks(from: Os, to: Os) -> bool {
    KB935197_BLOCKED
        .iter()
        .any(|(f, tos)| *f == kb_family(from) && tos.contains(&to))
}

pub fn rolling_hop(from: Os, to: Os) -> bool {
    ROLLING_HOPS.contains(&(from, to))
}

/// Why a clustered hop is refused, or `None` when Cluster OS Rolling Upgrade allows it.
pub fn cluster_hop_block(from: Os, to: Os) -> Option<(Code, Source, String)> {
    if rolling_hop(from, to) {
        return None;
    }
    if kb935197_blocks(from, to) {
        return Some((
            Code::ClusterKb935197,
            Source::Kb935197,
            format!(
                "{} cannot be upgraded in place to {} on a cluster member: Setup blocks it because the cluster versions are incompatible (by design).",
                from.label(),
                to.label()
            ),
        ));
    }
    if version(from).rank >= version(Os::Server2012R2).rank {
        return Some((
            Code::ClusterOneVersionPerHop,
            SRC_CORU,
            format!(
                "Cluster OS Rolling Upgrade moves a cluster one version at a time; {} → {} skips a version.",
                from.label(),
                to.label()
            ),
        ));
    }
    if version(from).rank >= version(Os::Server2003).rank {
        return Some((
            Code::ClusterRollingNeeds2012r2,
            Source::RollingUpgrade2017,
            format!(
                "Cluster OS Rolling Upgrade starts from a Windows Server 2012 R2 cluster; a {} cluster cannot be upgraded in place to {}.",
                from.label(),
                to.label()
            ),
        ));
    }
    Some((
        Code::ClusterNoDocumentedPath,
        Source::Catalog,
        format!(
            "No source documents an in-place upgrade of a {} cluster to {}.",
            from.label(),
            to.label()
        ),
    ))
}

/// The Cluster Migration Wizard moves roles at most this many versions forward (facts §2.1, S-SAMEHW).
pub const MIGRATION_WIZARD_MAX_VERSIONS: u8 = 2;

/// The workarounds of KB 935197, offered whenever a cluster cannot be upgraded in place.
pub fn kb935197_alternatives(s: &Resolved, b: &mut Builder) {
    let span = version(s.target.os)
        .rank
        .saturating_sub(version(s.current.os).rank);
    if span > MIGRATION_WIZARD_MAX_VERSIONS {
        b.warning(
            Code::ClusterMigrationTwoVersions,
            Source::SameHardware,
            format!(
                "The Cluster Migration Wizard moves roles at most two versions forward; {} → {} is {span} versions, so the migration goes in stages: {}.",
                s.current.os.label(),
                s.target.os.label(),
                std::iter::once(s.current.os)
                    .chain(migration_stages(s.current.os, s.target.os))
                    .map(|o| o.label())
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
        );
    }
    b.alternative(
        Method::ClusterMigration,
        format!(
            "Migrate the clustered roles to a new {} failover cluster (in-place migration, KB 935197 method 2): create the new cluster, then copy the roles with the Copy Cluster Roles wizard.",
            s.target.os.label()
        ),
    );
    b.alternative(
        Method::CleanInstall,
        format!(
            "Clean-install {} on the nodes, add the Failover Clustering feature, create a new cluster and reconfigure its settings (KB 935197 method 1).",
            s.target.os.label()
        ),
    );
}

/// The cluster versions a migration lands on, in order: steps of at most
/// [`MIGRATION_WIZARD_MAX_VERSIONS`] server versions each (the Copy Cluster Roles wizard's reach),
/// the last one the target.
pub fn migration_stages(from: Os, to: Os) -> Vec<Os> {
    let (start, end) = (version(from).rank, version(to).rank);
    let servers: Vec<Os> = Os::ALL
        .iter()
        .copied()
        .filter(|&o| {
            version(o).family == version(to).family
                && version(o).rank > start
                && version(o).rank <= end
        })
        .collect();
    let mut stages = Vec::new();
    let mut at = start;
    // Each stage goes as far as the wizard reaches.
    while at < end {
        let reach = at + MIGRATION_WIZARD_MAX_VERSIONS;
        let Some(&next) = servers
            .iter()
            .rev()
            .find(|&&o| version(o).rank <= reach && version(o).rank > at)
        else {
            break;
        };
        stages.push(next);
        at = version(next).rank;
    }
    if stages.last() != Some(&to) {
        stages.push(to);
    }
    stages
}

/// Steps of the KB 935197 migration for the runbook of a blocked cluster: one migration per stage
/// (the wizard copies roles at most two versions forward), with the witness steps a two-node
/// cluster needs while one node runs alone.
pub fn migration_steps(s: &Resolved, b: &mut Builder) {
    let src = Source::SameHardware;
    let stages = migration_stages(s.current.os, s.target.os);
    let two_nodes = s.nodes.len() == 2;
    let mut from = s.current.os;
    for (i, &to) in stages.iter().enumerate() {
        b.group(if stages.len() == 1 {
            format!("Migrate to a new {} cluster", to.label())
        } else {
            format!(
                "Stage {} of {}: migrate from {} to a new {} cluster",
                i + 1,
                stages.len(),
                from.label(),
                to.label()
            )
        });
        if i == 0 {
            b.step(src, "Bring drivers and firmware to certified levels and back up every node and the cluster configuration.");
            if stages.len() > 1 {
                b.step(src, format!(
                    "The Copy Cluster Roles wizard copies roles at most two versions forward, so {} → {} goes in {} stages: {}.",
                    s.current.os.label(),
                    s.target.os.label(),
                    stages.len(),
                    stages.iter().map(|o| o.label()).collect::<Vec<_>>().join(" → ")
                ));
            }
        }
        let first = &s.nodes[0];
        if two_nodes {
            b.step(Source::ClusterQuorum, format!(
                "Check the quorum of the old cluster (Get-ClusterQuorum): with two nodes, it needs a disk or file share witness to keep running on {} alone while {first} is out.",
                s.nodes[1]
            ));
        }
        b.step(
            src,
            format!("Drain {first} and evict it from the old cluster."),
        );
        b.step(
            Source::Kb935197,
            format!(
                "Clean-install {} on {first} and add the Failover Clustering feature.",
                to.label()
            ),
        );
        b.step(src, format!("Create a new cluster on {first}, then use More Actions > Copy Cluster Roles to copy the roles from the old {} cluster (shared storage required; SQL Server, Exchange and third-party applications are not migrated by the wizard).", from.label()));
        for node in &s.nodes[1..] {
            b.step(src, format!("Shut down the old cluster's roles on {node}, move its storage to the new cluster, clean-install {} on {node} and add it to the new cluster.", to.label()));
        }
        b.step(src, "Delete the old cluster (optionally give its name to the new one) and run Update-ClusterFunctionalLevel.");
        if two_nodes {
            b.step(Source::ClusterQuorum, "Give the new two-node cluster a witness (Configure Cluster Quorum Settings, or Set-ClusterQuorum with a disk witness — not a Cluster Shared Volume — or a file share witness), then run the Validate Quorum Configuration test.");
        }
        from = to;
    }
}

/// Q174799: install a service pack on every node in turn while the others serve the groups.
pub fn rolling_service_pack(s: &Resolved, b: &mut Builder) -> Method {
    let src = Source::Q174799;
    let c = &s.current;
    let sp = s.target.service_pack.unwrap_or(c.service_pack);
    let covered = matches!(
        (c.os, c.edition),
        (Os::WindowsNt40, Edition::Enterprise)
            | (Os::Windows2000, Edition::Advanced)
            | (Os::Windows2000, Edition::Datacenter)
    );
    if !covered {
        b.finding_with(
            Severity::Warning,
            Code::Q174799Scope,
            src,
            Confidence::Unconfirmed,
            format!(
                "Q174799 was written for Windows NT 4.0 Enterprise Edition and Windows 2000 Advanced Server clusters; applying its procedure to {} {} is an extrapolation (unconfirmed).",
                c.os.label(),
                c.edition.label()
            ),
        );
    }
    b.info(
        Code::ClusterSameServicePacks,
        src,
        "Always install the same service packs and hotfixes on every node of the cluster.",
    );
    let sp3_first =
        c.os == Os::WindowsNt40 && c.edition == Edition::Enterprise && c.service_pack < 3 && sp > 3;
    if sp3_first {
        b.prerequisite(
            Code::Nt4EeSp3First,
            src,
            "Windows NT 4.0 Enterprise Edition needs Service Pack 3 at the end of its installation; it is the one case where a service pack cannot be skipped. Install SP3 on every node before the later service pack.",
        );
    }
    rolling_service_pack_steps(s, sp, sp3_first, b);
    Method::ClusterRollingServicePack
}

/// The steps of Q174799 with the scenario's node and group names.
fn rolling_service_pack_steps(s: &Resolved, sp: u8, sp3_first: bool, b: &mut Builder) {
    let src = Source::Q174799;
    let groups_of = |node: &str| -> String {
        if s.groups.is_empty() {
            format!("every group owned by {node}")
        } else {
            format!("every group owned by {node} (of: {})", s.groups.join(", "))
        }
    };
    b.group("Before you start");
    b.step(src, "Check the System event log on every node for errors and make sure the cluster works properly.");
    b.step(src, format!("Make sure there is a current backup and an updated emergency repair disk for each node: {}.", s.nodes.join(", ")));
    if sp3_first {
        b.step(
            src,
            "Install Service Pack 3 on every node first, node by node, with the procedure below.",
        );
    }
    for (i, node) in s.nodes.iter().enumerate() {
        // The first node hands its groups to the second; later nodes hand them to the node just updated.
        let to = if i == 0 { &s.nodes[1] } else { &s.nodes[i - 1] };
        b.group(format!("Node {} of {}: {node}", i + 1, s.nodes.len()));
        b.step(
            src,
            format!("In Cluster Administrator, right-click {node} and click Pause Node."),
        );
        b.step(
            src,
            format!(
                "Right-click {node} and use Move Group to move {} to {to}.",
                groups_of(node)
            ),
        );
        b.step(
            src,
            format!("Install Service Pack {sp} on {node}, then restart it."),
        );
        b.step(
            src,
            format!(
                "Check the System event log of {node}; troubleshoot any error before you continue."
            ),
        );
        b.step(
            src,
            format!("In Cluster Administrator, right-click {node} and click Resume Node."),
        );
    }
    b.group("Finish");
    if s.groups.is_empty() {
        b.step(
            src,
            "Move every group back to its preferred owner (right-click the group, Move Group).",
        );
    }
    for g in &s.groups {
        b.step(
            src,
            format!("Move group {g} back to its preferred owner (right-click it, Move Group)."),
        );
    }
}

/// Cluster OS Rolling Upgrade steps for one hop (facts §2.1).
pub fn rolling_upgrade_hop(s: &Resolved, from: Os, to: Os, b: &mut Builder) {
    let (fl_from, fl_to) = (version(from).cluster_level, version(to).cluster_level);
    b.group(format!(
        "Cluster OS Rolling Upgrade: {} → {}",
        from.label(),
        to.label()
    ));
    b.step(SRC_CORU, "Check there is capacity to run every workload with one node out; install the latest updates on all nodes; back up, including the System State of the cluster database.");
    b.step(SRC_CORU, "Confirm every node is Up (Get-ClusterNode) and pause Cluster-Aware Updating (Get-CauRun, Disable-CauClusterRole).");
    if s.current
        .conditions
        .contains(&super::ids::Condition::HyperVHost)
    {
        b.step(
            SRC_CORU,
            "Hyper-V nodes: confirm every processor supports SLAT (required by Hyper-V from 2016).",
        );
    }
    for node in &s.nodes {
        b.step(
            SRC_CORU,
            format!("Drain {node} (Suspend-ClusterNode -Drain)."),
        );
        if to >= Os::Server2022
            && s.current
                .conditions
                .contains(&super::ids::Condition::LbfoHyperVSwitch)
        {
            b.step(SRC_CORU, format!("Remove the LBFO team bound to the Hyper-V switch on {node}; recreate it as a Switch Embedded Teaming switch afterwards."));
        }
        b.step(SRC_CORU, format!("Upgrade {node} to {} in place (or clean-install it and add it back with Add-ClusterNode), then Resume-ClusterNode -Failback Immediate.", to.label()));
    }
    let level = |l: Option<u8>| l.map(|l| l.to_string()).unwrap_or_else(|| "?".into());
    b.step(SRC_CORU, format!(
        "While the cluster runs mixed versions (functional level {}), the upgrade is reversible: old-version nodes can still be added back. Finish within four weeks, manage the cluster from an upgraded node and do not create or resize storage meanwhile.",
        level(fl_from)
    ));
    b.step(SRC_CORU, format!(
        "With every node on {} and online, run Update-ClusterFunctionalLevel (level {} → {}), then Update-StoragePool. This is the point of no return: nodes on the old version can no longer join.",
        to.label(), level(fl_from), level(fl_to)
    ));
    b.step(SRC_CORU, "Re-enable Cluster-Aware Updating and backups; update virtual machine configuration versions (Update-VMVersion) in a maintenance window.");
}

/// What Cluster OS Rolling Upgrade means for the cluster's workload: no downtime for Hyper-V and
/// Scale-Out File Server; a short outage at each failover for other roles (facts §4, S-CORU).
pub fn workload(s: &Resolved, b: &mut Builder) {
    use super::ids::Workload;
    let code = Code::ClusterWorkload;
    match s.given.cluster.as_ref().and_then(|c| c.workload) {
        Some(Workload::HyperV | Workload::ScaleOutFileServer) => b.info(code, SRC_CORU, "Hyper-V virtual machines and Scale-Out File Server shares move between nodes without downtime during a Cluster OS Rolling Upgrade."),
        Some(Workload::StorageSpacesDirect) => b.info(code, SRC_CORU, "Storage Spaces Direct: a node that is clean-installed instead of upgraded must rejoin the domain with the same computer name before Add-ClusterNode."),
        Some(Workload::Other) => b.warning(code, SRC_CORU, "Roles other than Hyper-V and Scale-Out File Server (for example SQL Server) fail over when each node is drained: plan a short outage, in a maintenance window, for every node."),
        None => b.info(code, SRC_CORU, "Workload not given: Hyper-V and Scale-Out File Server move without downtime; other roles have a short outage each time a node is drained."),
    }
}

#[cfg(test)]
mod stage_tests {
    use super::*;

    #[test]
    fn migrations_go_at_most_two_versions_per_stage() {
        assert_eq!(
            migration_stages(Os::Server2008R2, Os::Server2019),
            [Os::Server2012R2, Os::Server2019]
        );
        assert_eq!(
            migration_stages(Os::Server2008R2, Os::Server2012R2),
            [Os::Server2012R2]
        );
        assert_eq!(
            migration_stages(Os::Server2008, Os::Server2025),
            [
                Os::Server2012,
                Os::Server2016,
                Os::Server2022,
                Os::Server2025
            ]
        );
        for from in Os::ALL
            .iter()
            .copied()
            .filter(|o| o.label().contains("Server"))
        {
            for to in Os::ALL
                .iter()
                .copied()
                .filter(|o| o.label().contains("Server") && version(*o).rank > version(from).rank)
            {
                let stages = migration_stages(from, to);
                assert_eq!(stages.last(), Some(&to));
                let mut at = version(from).rank;
                for st in stages {
                    assert!(
                        version(st).rank > at
                            && version(st).rank - at <= MIGRATION_WIZARD_MAX_VERSIONS,
                        "{from:?} -> {to:?}"
                    );
                    at = version(st).rank;
                }
            }
        }
    }
}
