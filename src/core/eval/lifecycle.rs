//! Lifecycle findings: an installed release out of servicing, stops out of support, a target in
//! extended support, stops without dates. The dates are each stop's release and edition group.

use crate::core::builder::Builder;
use crate::core::codes::Code;
use crate::core::ids::Os;
use crate::core::lifecycle;
use crate::core::plan::{Confidence, Severity, Stop, Support};
use crate::core::scenario::Resolved;

fn what(stop: &Stop) -> String {
    match &stop.applies_to {
        Some(to) => format!("{} ({to})", stop.name),
        None => stop.name.to_string(),
    }
}

fn date(d: Option<crate::core::date::Date>) -> String {
    d.map_or("?".into(), |d| d.to_string())
}

/// Warnings for stops that are out of support, and a note for stops without dates.
pub(super) fn lifecycle(s: &Resolved, route: &[Os], b: &mut Builder) {
    let last = route.len().saturating_sub(1);
    for (i, stop) in lifecycle::stops(s, route).iter().enumerate() {
        let (src, conf) = (stop.lifecycle_source, stop.lifecycle_confidence);
        let ended = date(stop.extended_end.or(stop.mainstream_end));
        match stop.support {
            Support::Ended if i == 0 && last > 0 => b.finding_with(Severity::Warning, Code::LifecycleCurrentEnded, src, conf, format!(
                "{} has been out of support since {ended}: it gets no security updates; this plan moves it to {}.",
                what(stop), route[last].label()
            )),
            Support::Ended if i == last => b.finding_with(Severity::Warning, Code::LifecycleTargetEnded, src, conf, format!(
                "{} reached the end of support on {ended}: it gets no more security updates.", what(stop)
            )),
            Support::Ended if i > 0 => b.finding_with(Severity::Warning, Code::LifecycleStopEnded, src, conf, format!(
                "The route stops at {}, out of support since {ended}: stay on it only as long as the next upgrade takes.", what(stop)
            )),
            Support::ExtendedOnly if i == last => b.finding_with(Severity::Info, Code::LifecycleTargetExtended, src, conf, format!(
                "{} is in extended support only (mainstream ended {}; extended ends {}).",
                what(stop), date(stop.mainstream_end), date(stop.extended_end)
            )),
            Support::Unknown if i > 0 => b.finding_with(Severity::Info, Code::LifecycleUnknown, src, Confidence::Unconfirmed, format!(
                "The sources give no end-of-support date for {} (no data, not a known date).", what(stop)
            )),
            _ => {}
        }
    }
}
