//! Lifecycle findings: stops out of support, targets in extended support, stops without dates.

use crate::core::builder::Builder;
use crate::core::catalog::version;
use crate::core::codes::Code;
use crate::core::ids::Os;
use crate::core::plan::{Confidence, Severity, Support};
use crate::core::scenario::Resolved;

/// Warnings for stops that are out of support, and a note for stops without dates.
pub(super) fn lifecycle(s: &Resolved, route: &[Os], b: &mut Builder) {
    let last = route.len().saturating_sub(1);
    for (i, &os) in route.iter().enumerate() {
        let v = version(os);
        let lc = v.lifecycle;
        match v.support_on(s.as_of) {
            Support::Ended if i == last => b.finding_with(Severity::Warning, Code::LifecycleTargetEnded, lc.source, lc.confidence, format!("{} reached the end of extended support on {}: it gets no more security updates.", os.label(), lc.extended_end.map_or("?".into(), |d| d.to_string()))),
            Support::Ended if i > 0 => b.finding_with(Severity::Warning, Code::LifecycleStopEnded, lc.source, lc.confidence, format!("The route stops at {}, out of extended support since {}: stay on it only as long as the next upgrade takes.", os.label(), lc.extended_end.map_or("?".into(), |d| d.to_string()))),
            Support::ExtendedOnly if i == last => b.finding_with(Severity::Info, Code::LifecycleTargetExtended, lc.source, lc.confidence, format!("{} is in extended support only (mainstream ended {}; extended ends {}).", os.label(), lc.mainstream_end.map_or("?".into(), |d| d.to_string()), lc.extended_end.map_or("?".into(), |d| d.to_string()))),
            Support::Unknown if i > 0 => b.finding_with(Severity::Info, Code::LifecycleUnknown, lc.source, Confidence::Unconfirmed, format!("The sources give no end-of-support date for {} (no data, not a known date).", os.label())),
            _ => {}
        }
    }
}
