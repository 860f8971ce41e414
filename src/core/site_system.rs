//! Configuration Manager site system servers (site server, management point, distribution point,
//! software update point): ConfigMgr supports an in-place OS upgrade of such a server only for the
//! pairs its infrastructure page lists, even where Windows itself allows more; and it asks for
//! steps before and after (facts §10, the live page's list).

use super::builder::Builder;
use super::codes::Code;
use super::ids::{Os, SiteRole};
use super::paths::Hop;
use super::plan::Confidence;
use super::route::{Node, Refused};
use super::scenario::Resolved;
use super::source::Source;

const SRC: Source = Source::ConfigMgrSiteOsUpgrade;

/// The in-place OS upgrades ConfigMgr supports for a site system server (the live page's list).
pub const SUPPORTED: &[(Os, Os)] = &[
    (Os::Server2022, Os::Server2025),
    (Os::Server2019, Os::Server2025),
    (Os::Server2019, Os::Server2022),
    (Os::Server2016, Os::Server2025),
    (Os::Server2016, Os::Server2022),
    (Os::Server2016, Os::Server2019),
    (Os::Server2012R2, Os::Server2025),
    (Os::Server2012R2, Os::Server2019),
    (Os::Server2012R2, Os::Server2016),
    (Os::Server2012, Os::Server2016),
];

/// The site-system roles the server holds (the SCEP client alone does not make it one).
fn site_roles(s: &Resolved) -> Vec<SiteRole> {
    s.given
        .roles
        .configmgr
        .iter()
        .copied()
        .filter(|r| *r != SiteRole::ScepClient)
        .collect()
}

pub fn is_site_system(s: &Resolved) -> bool {
    !site_roles(s).is_empty()
}

/// Route gate: a hop that ConfigMgr does not list is refused for a site system server.
pub fn hop_gate(s: &Resolved, from: Node, hop: &Hop) -> Option<Refused> {
    if !is_site_system(s) || from.os == hop.to || SUPPORTED.contains(&(from.os, hop.to)) {
        return None;
    }
    let roles: Vec<&str> = site_roles(s).iter().map(|r| r.label()).collect();
    Some((
        Code::ConfigmgrSiteSystemPair,
        SRC,
        Confidence::Confirmed,
        format!(
            "this server is a Configuration Manager {}, and Configuration Manager supports an in-place upgrade of a site system server's OS only for the pairs it lists; {} → {} is not one of them",
            roles.join(", "),
            from.os.label(),
            hop.to.label()
        ),
    ))
}

/// Before and after the OS upgrade of a site system server (on the route's first and last stop).
pub fn steps(s: &Resolved, route: &[Os], b: &mut Builder) {
    let roles = site_roles(s);
    let scep = s.given.roles.configmgr.contains(&SiteRole::ScepClient);
    if roles.is_empty() && !scep {
        return;
    }
    let from = s.current.os;
    let old = matches!(from, Os::Server2012 | Os::Server2012R2);
    b.info(Code::ConfigmgrSiteSystemSteps, SRC, "This server holds Configuration Manager roles: the runbook adds Configuration Manager's steps before and after the OS upgrade.");
    b.group("Before the upgrade: Configuration Manager");
    if old || scep {
        b.step(SRC, "Remove the System Center Endpoint Protection client (the built-in Microsoft Defender replaces it; SCEP can block the upgrade).");
    }
    if old {
        b.step(SRC, "Install the latest cumulative update, then uninstall Windows Management Framework 5.1.");
    }
    if roles.contains(&SiteRole::SoftwareUpdatePoint) {
        b.step(SRC, "Remove the WSUS server role (the SUSDB database can be kept and attached again after WSUS is reinstalled). Upgrade software update points top-down: an older WSUS can synchronise from a newer one, not the reverse.");
    }
    if roles.contains(&SiteRole::SiteServer) {
        b.step(SRC, "Check that file-based replication is healthy: no backlog in the inboxes (sender.log on the sending site, the despooler log on the receiving site).");
    }
    let Some(&to) = route.last() else {
        return;
    };
    b.group(format!(
        "After the upgrade to {}: Configuration Manager",
        to.label()
    ));
    b.step(SRC, "Check that Microsoft Defender is enabled, automatic and running, and that SMS_EXECUTIVE and SMS_SITE_COMPONENT_MANAGER are running.");
    if roles
        .iter()
        .any(|r| matches!(r, SiteRole::SiteServer | SiteRole::ManagementPoint))
    {
        b.step(SRC, "Enable the Windows Process Activation and World Wide Web Publishing (W3SVC) services and set them to automatic: the upgrade disables them.");
    }
    b.step(SRC, "Check the site system prerequisites again (reinstall BITS or WSUS where needed, IIS settings), then restart once more.");
    if roles.contains(&SiteRole::SiteServer) {
        b.step(SRC, "Run a site reset (Configuration Manager Setup, Perform site maintenance or reset this site); for a secondary site server, recover the secondary site instead.");
        b.step(SRC, "If the console cannot connect, give the SMS Admins group its WMI permissions again on the site server and the SMS Provider servers; check that HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurePipeServers\\Winreg\\AllowedPaths (Machine) still lists Software\\Microsoft\\SMS.");
    }
    if roles.contains(&SiteRole::DistributionPoint) {
        b.step(SRC, "Check that HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurePipeServers\\Winreg\\AllowedPaths (Machine) still lists Software\\Microsoft\\SMS\\DP.");
    }
    if roles.contains(&SiteRole::SoftwareUpdatePoint) {
        b.step(SRC, "Reinstall the WSUS role and attach the kept SUSDB; where WSUS is remote from the site server, remove and reinstall the WSUS tools (UpdateServices-RSAT) on the site server.");
    }
}
