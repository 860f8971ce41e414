//! The edge between the page and its URL: the whole Scenario lives in `location.hash`.
//! Back and forward restore earlier scenarios; a malformed link shows a message and the defaults.

use super::state::{default_scenario, Planner};
use crate::core::fragment;
use crate::core::scenario::Scenario;
use leptos::prelude::*;

/// What the page shows: the planner (the fragment is a Scenario) or the Fleet view (`#fleet`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Planner,
    Fleet,
}

/// The view a fragment stands for.
pub fn view_of(hash: &str) -> View {
    if hash.trim_start_matches('#') == "fleet" {
        View::Fleet
    } else {
        View::Planner
    }
}

/// The view the page opens with.
pub fn initial_view() -> View {
    view_of(&current_hash())
}

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
    let hash = current_hash();
    if view_of(&hash) == View::Fleet {
        return (default_scenario(), None);
    }
    match scenario_from_hash(&hash) {
        Ok(Some(s)) => (s, None),
        Ok(None) => (default_scenario(), None),
        Err(msg) => (default_scenario(), Some(msg)),
    }
}

/// Keep `location.hash` and the Scenario in step, both ways; with `view`, `#fleet` shows the
/// Fleet view and leaves the Scenario as it is.
pub fn sync(planner: Planner, view: Option<RwSignal<View>>) {
    let in_fleet = move || view.is_some_and(|v| v.get_untracked() == View::Fleet);
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let s = planner.scenario.get();
        let wanted = fragment::encode(&s);
        let hash = current_hash();
        let first_run = first.get_value();
        first.set_value(false);
        if in_fleet() || hash.trim_start_matches('#') == wanted {
            return;
        }
        let same_scenario = scenario_from_hash(&hash).ok().flatten().as_ref() == Some(&s);
        let empty_default = hash.len() <= 1 && s == default_scenario();
        // Later changes that leave the scenario as it is need no new history entry; a malformed
        // opening link stays visible next to its message.
        if empty_default
            || (same_scenario && !first_run)
            || (first_run && planner.link_error.get_untracked().is_some())
        {
            return;
        }
        let location = window().location();
        if first_run {
            // Canonicalise the opening link (e.g. `#scenario=…`) without a new history entry.
            let _ = location.replace(&format!("#{wanted}"));
        } else {
            let _ = location.set_hash(&wanted);
        }
    });
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = current_hash();
        if let Some(v) = view {
            v.set(view_of(&hash));
            if in_fleet() {
                return;
            }
        }
        match scenario_from_hash(&hash) {
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
