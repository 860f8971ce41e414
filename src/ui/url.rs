//! The edge between the page and its URL: the whole Scenario lives in `location.hash`.
//! Back and forward restore earlier scenarios; a malformed link shows a message and the defaults.

use super::state::{default_scenario, Planner};
use crate::core::fragment;
use crate::core::scenario::Scenario;
use leptos::prelude::*;

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The scenario a link stands for: `Ok(None)` for no scenario, `Err` text for a malformed one.
pub fn scenario_from_hash(hash: &str) -> Result<Option<Scenario>, String> {
    fragment::decode(hash).map_err(|e| {
        format!(
            "The link's scenario could not be read ({e}). Showing the default scenario instead."
        )
    })
}

/// The scenario to open the page with, and a message if the link was malformed.
pub fn initial() -> (Scenario, Option<String>) {
    match scenario_from_hash(&current_hash()) {
        Ok(Some(s)) => (s, None),
        Ok(None) => (default_scenario(), None),
        Err(msg) => (default_scenario(), Some(msg)),
    }
}

/// Keep `location.hash` and the Scenario in step, both ways.
pub fn sync(planner: Planner) {
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let s = planner.scenario.get();
        let wanted = fragment::encode(&s);
        let hash = current_hash();
        let same = scenario_from_hash(&hash).ok().flatten().as_ref() == Some(&s)
            || (hash.len() <= 1 && s == default_scenario());
        if same || planner.link_error.get_untracked().is_some() && first.get_value() {
            first.set_value(false);
            return;
        }
        let location = window().location();
        if first.get_value() {
            // Canonicalise the opening link (e.g. `#scenario=…`) without a new history entry.
            let _ = location.replace(&format!("#{wanted}"));
        } else {
            let _ = location.set_hash(&wanted);
        }
        first.set_value(false);
    });
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        match scenario_from_hash(&current_hash()) {
            Ok(next) => {
                planner.link_error.set(None);
                let next = next.unwrap_or_else(default_scenario);
                if next != planner.scenario.get_untracked() {
                    planner.load(next);
                }
            }
            Err(msg) => planner.link_error.set(Some(msg)),
        }
    });
    on_cleanup(move || handle.remove());
}
