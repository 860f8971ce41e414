//! Every scenario the catalog allows: each pair of versions × each edition × architecture ×
//! installation of the current version, clustered or not. Used by the all-pairs property test,
//! the adding-a-version test and the benchmark.

use super::catalog::version;
use super::date::Date;
use super::ids::{Installation, Os};
use super::scenario::{Resolved, Scenario};

/// The valid scenarios of the sweep, resolved, with `as_of` set.
pub fn catalog(as_of: Date) -> impl Iterator<Item = (Scenario, Resolved)> {
    Os::ALL.iter().flat_map(move |&from| {
        Os::ALL.iter().flat_map(move |&to| {
            let v = version(from);
            v.editions.iter().flat_map(move |&edition| {
                v.architectures.iter().flat_map(move |&arch| {
                    Installation::ALL.iter().flat_map(move |&inst| {
                        [false, true].into_iter().filter_map(move |clustered| {
                            let mut s = Scenario::new(from, to);
                            s.current.edition = Some(edition);
                            s.current.architecture = Some(arch);
                            s.current.installation = Some(inst);
                            s.current.cluster_node = Some(clustered);
                            s.as_of = Some(as_of);
                            s.resolve().ok().map(|r| (s, r))
                        })
                    })
                })
            })
        })
    })
}
