//! The schema's checks of a field against the rest of the scenario (see `Field::check`).

use super::Value;
use crate::core::catalog::version;
use crate::core::scenario::{printable, Scenario};

/// A build `19045` or `19045.5371`: digits, and a build of the installed version (and of its
/// release, when one is given).
pub fn build(s: &Scenario, v: &Value) -> Result<(), String> {
    let text = v.text().unwrap_or("");
    let v_os = version(s.current.os);
    let Some((build, _)) = parse_build(text) else {
        return Err(format!(
            "`{}` is not a build; accepted: a build number with its update revision, such as `19045.5371`",
            printable(text)
        ));
    };
    if !v_os.has_build(build) {
        let known: Vec<String> = v_os
            .builds
            .iter()
            .map(u32::to_string)
            .chain(
                v_os.releases
                    .iter()
                    .map(|r| format!("{} ({})", r.build, r.name)),
            )
            .collect();
        return Err(if known.is_empty() {
            format!(
                "build {build} is not a build of {} the planner knows",
                s.current.os.label()
            )
        } else {
            format!(
                "build {build} is not a build of {}; accepted: {}",
                s.current.os.label(),
                known.join(", ")
            )
        });
    }
    if let (Some(r), Some(given)) = (v_os.release_of_build(build), &s.current.release) {
        if !r.name.eq_ignore_ascii_case(given) {
            return Err(format!(
                "build {build} is {} {}, not {}; leave out the release or make them agree",
                s.current.os.label(),
                r.name,
                printable(given)
            ));
        }
    }
    Ok(())
}

/// `19045.5371` → (19045, Some(5371)); `19045` → (19045, None).
pub fn parse_build(text: &str) -> Option<(u32, Option<u32>)> {
    let (b, ubr) = match text.split_once('.') {
        Some((b, u)) => (b, Some(u)),
        None => (text, None),
    };
    let digits = |t: &str| !t.is_empty() && t.len() <= 9 && t.bytes().all(|c| c.is_ascii_digit());
    if !digits(b) || ubr.is_some_and(|u| !digits(u)) {
        return None;
    }
    Some((b.parse().ok()?, ubr.and_then(|u| u.parse().ok())))
}

/// A domain or cluster name: letters, digits, `-`, `_` and `.`, 1 to 255 characters.
pub fn domain_name(_: &Scenario, v: &Value) -> Result<(), String> {
    let text = v.text().unwrap_or("");
    let ok = !text.is_empty()
        && text.len() <= 255
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a name; accepted: letters, digits, `-`, `_` and `.`, at most 255 characters",
            printable(text)
        ))
    }
}
