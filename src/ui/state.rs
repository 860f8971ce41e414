use crate::core::scenario::{InputError, Resolved, Scenario};
use crate::core::{evaluate_resolved, Os, Plan};
use leptos::prelude::*;

/// The one piece of page state: the Scenario. Everything else is derived from it.
#[derive(Clone, Copy)]
pub struct Planner {
    pub scenario: RwSignal<Scenario>,
    pub resolved: Memo<Result<Resolved, InputError>>,
    pub plan: Memo<Result<Plan, InputError>>,
    /// What the last change reset, in words ("explained, not silently reset").
    pub notice: RwSignal<Option<String>>,
    /// A problem with the link the page was opened with.
    pub link_error: RwSignal<Option<String>>,
}

/// The scenario the page opens with when the link carries none.
pub fn default_scenario() -> Scenario {
    Scenario::new(Os::Server2016, Os::Server2025)
}

/// Today's date (ISO), for lifecycle warnings.
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// Fields that may be reset when a change makes them impossible; free text is never reset.
const RESETTABLE: &[&str] = &[
    "current.edition",
    "current.service_pack",
    "current.architecture",
    "current.installation",
    "current.release",
    "target.edition",
    "target.service_pack",
    "target.architecture",
    "target.installation",
    "target.release",
    "target.key_edition",
];

fn reset_field(s: &mut Scenario, path: &str) {
    match path {
        "current.edition" => s.current.edition = None,
        "current.service_pack" => s.current.service_pack = None,
        "current.architecture" => s.current.architecture = None,
        "current.installation" => s.current.installation = None,
        "current.release" => s.current.release = None,
        "target.edition" => s.target.edition = None,
        "target.service_pack" => s.target.service_pack = None,
        "target.architecture" => s.target.architecture = None,
        "target.installation" => s.target.installation = None,
        "target.release" => s.target.release = None,
        "target.key_edition" => s.target.key_edition = None,
        _ => {}
    }
}

/// After a change, clear the choices the new version does not have, and say so.
pub fn settle(s: &mut Scenario) -> Vec<String> {
    let mut notes = Vec::new();
    for _ in 0..RESETTABLE.len() {
        match s.resolve() {
            Err(e) if RESETTABLE.contains(&e.path.as_str()) => {
                reset_field(s, &e.path);
                notes.push(format!("{} — reset to the default.", e));
            }
            _ => break,
        }
    }
    notes
}

impl Planner {
    pub fn new(initial: Scenario) -> Self {
        let today = today();
        let scenario = RwSignal::new(initial);
        let resolved = Memo::new(move |_| {
            scenario.with(|s| {
                let mut s = s.clone();
                s.as_of.get_or_insert_with(|| today.clone());
                s.resolve()
            })
        });
        let plan = Memo::new(move |_| resolved.with(|r| r.clone().map(|r| evaluate_resolved(&r))));
        Planner {
            scenario,
            resolved,
            plan,
            notice: RwSignal::new(None),
            link_error: RwSignal::new(None),
        }
    }

    /// Change the scenario; impossible leftovers are reset with a notice.
    pub fn update(&self, f: impl FnOnce(&mut Scenario)) {
        let mut next = self.scenario.get_untracked();
        f(&mut next);
        let notes = settle(&mut next);
        self.notice.set(if notes.is_empty() {
            None
        } else {
            Some(notes.join(" "))
        });
        if next != self.scenario.get_untracked() {
            self.scenario.set(next);
        }
    }

    /// Load a whole scenario (from a matrix cell or a link).
    pub fn load(&self, s: Scenario) {
        self.update(|cur| *cur = s);
    }
}
