//! Which of the "more about this machine" conditions can apply to a Windows version and edition,
//! so the form offers only those (NIC Teaming and Hyper-V switches bound to LBFO teams exist on
//! Windows Server 2012 and later; S mode only on Windows 10 and 11; no Hyper-V on Home editions).

use super::catalog::{version, Family};
use super::ids::{Condition, Edition, Os};

/// Whether `c` can be true of a machine running `os` in `edition`.
pub fn applies(c: Condition, os: Os, edition: Option<Edition>) -> bool {
    let server = version(os).family == Family::Server;
    let rank = version(os).rank;
    let at_least = |o: Os| version(o).family == version(os).family && rank >= version(o).rank;
    let home = matches!(
        edition,
        Some(Edition::Home | Edition::HomeBasic | Edition::HomePremium | Edition::Starter)
    );
    match c {
        Condition::BootFromVhd | Condition::PrereleaseBuild | Condition::CheckedBuild => true,
        Condition::NicTeaming | Condition::LbfoHyperVSwitch => server && at_least(Os::Server2012),
        Condition::SharedVhdxGuestCluster => server && at_least(Os::Server2012R2),
        Condition::HyperVHost => {
            if server {
                at_least(Os::Server2008)
            } else {
                at_least(Os::Windows8) && !home
            }
        }
        Condition::AzureVm => {
            (server && at_least(Os::Server2008R2)) || matches!(os, Os::Windows10 | Os::Windows11)
        }
        Condition::ConfigMgrSiteServer => server && at_least(Os::Server2008),
        Condition::SModeClient => matches!(os, Os::Windows10 | Os::Windows11),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_follow_the_version() {
        assert!(!applies(
            Condition::NicTeaming,
            Os::Windows10,
            Some(Edition::Home)
        ));
        assert!(applies(Condition::NicTeaming, Os::Server2016, None));
        assert!(!applies(Condition::NicTeaming, Os::Server2008R2, None));
        assert!(!applies(
            Condition::HyperVHost,
            Os::Windows10,
            Some(Edition::Home)
        ));
        assert!(applies(
            Condition::HyperVHost,
            Os::Windows10,
            Some(Edition::Pro)
        ));
        assert!(applies(
            Condition::SModeClient,
            Os::Windows11,
            Some(Edition::Home)
        ));
        assert!(!applies(Condition::SModeClient, Os::Server2022, None));
    }
}
