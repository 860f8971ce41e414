use crate::core::date::Date;
use crate::core::scenario::{InputError, Resolved, Scenario};
use crate::core::schema;
use crate::core::{evaluate_resolved, Os, Plan};
use leptos::prelude::*;

/// The one piece of page state: the Scenario. Everything else is derived from it.
#[derive(Clone, Copy)]
pub struct Planner {
    pub scenario: RwSignal<Scenario>,
    pub resolved: Memo<Result<Resolved, InputError>>,
    pub plan: Memo<Result<Plan, InputError>>,
    /// What the last change moved or unticked that belongs to no one field, in words.
    pub notice: RwSignal<Option<String>>,
    /// The fields the last change reset: (the control's `data-testid`, what happened in words),
    /// shown next to each field.
    pub resets: RwSignal<Vec<(String, String)>>,
    /// A problem with the link the page was opened with.
    pub link_error: RwSignal<Option<String>>,
}

/// The scenario the page opens with when the link carries none.
pub fn default_scenario() -> Scenario {
    Scenario::new(Os::Server2016, Os::Server2025)
}

/// Today's date, for lifecycle warnings.
pub fn today() -> Date {
    let ms = js_sys::Date::now();
    Date::from_unix_days((ms / 86_400_000.0).floor() as i64)
}

/// The `data-testid` of the form control of a schema path: the path with `-` for `.` and `_`,
/// except the hand-written controls of the service pack and the architecture.
pub fn testid_of(path: &str) -> String {
    match path {
        "current.service_pack" => "current-sp".into(),
        "target.service_pack" => "target-sp".into(),
        "current.architecture" => "current-arch".into(),
        "target.architecture" => "target-arch".into(),
        _ => path.replace(['.', '_'], "-"),
    }
}

/// A reset in words, with labels instead of ids: "Edition reset to the default: Pro is not an
/// edition of Windows Server 2003."
fn reset_words(r: &schema::Reset) -> String {
    let message = r
        .because
        .strip_prefix(&format!("{}: ", r.path))
        .unwrap_or(&r.because);
    let message = message.split("; accepted").next().unwrap_or(message);
    let labels: Vec<(String, String)> = match schema::field(r.path).map(|f| f.kind) {
        Some(schema::Kind::Id(set)) => (set.all)()
            .into_iter()
            .map(|(id, label)| (format!("`{id}`"), label.to_string()))
            .collect(),
        _ => Vec::new(),
    };
    let mut words = message.to_string();
    for (id, label) in labels {
        words = words.replace(&id, &label);
    }
    format!(
        "{} reset to the default: {}.",
        r.label,
        words.replace('`', "").trim_end_matches('.')
    )
}

/// After a change, clear the choices the new version does not have, and say so: per field (next
/// to it), and the rest as one notice.
pub fn settle(s: &mut Scenario) -> (Vec<(String, String)>, Vec<String>) {
    let resets = schema::settle(s)
        .iter()
        .map(|r| (testid_of(r.path), reset_words(r)))
        .collect();
    let mut notes = Vec::new();
    // A condition the chosen version or edition cannot have is dropped, with a word about it.
    let (os, edition) = (s.current.os, s.current.edition);
    let dropped: Vec<&str> = s
        .current
        .conditions
        .iter()
        .filter(|&&c| !crate::core::conditions::applies(c, os, edition))
        .map(|c| c.label())
        .collect();
    if !dropped.is_empty() {
        notes.push(format!(
            "Unticked “{}”: it cannot apply to {}.",
            dropped.join("”, “"),
            os.label()
        ));
        s.current
            .conditions
            .retain(|&c| crate::core::conditions::applies(c, os, edition));
    }
    (resets, notes)
}

impl Planner {
    pub fn new(initial: Scenario) -> Self {
        let today = today();
        let scenario = RwSignal::new(initial);
        let resolved = Memo::new(move |_| {
            scenario.with(|s| {
                let mut s = s.clone();
                s.as_of.get_or_insert(today);
                s.resolve()
            })
        });
        let plan = Memo::new(move |_| resolved.with(|r| r.clone().map(|r| evaluate_resolved(&r))));
        Planner {
            scenario,
            resolved,
            plan,
            notice: RwSignal::new(None),
            resets: RwSignal::new(Vec::new()),
            link_error: RwSignal::new(None),
        }
    }

    /// Change the scenario; impossible leftovers are reset with a notice.
    pub fn update(&self, f: impl FnOnce(&mut Scenario)) {
        let mut next = self.scenario.get_untracked();
        let family = |o: crate::core::Os| crate::core::catalog::version(o).family;
        let was = family(next.current.os);
        f(&mut next);
        let mut moved = None;
        // A current version of the other family (server ↔ client) takes the target along to the
        // newest version of its own family, instead of a red "not supported" across families.
        if family(next.current.os) != was && family(next.target.os) != family(next.current.os) {
            let newest = crate::core::catalog::newest_of(family(next.current.os));
            next.target = crate::core::scenario::Target::new(newest);
            moved = Some(format!(
                "The target moved to {}: {} upgrades only within its own family.",
                newest.label(),
                next.current.os.label()
            ));
        }
        let (resets, mut notes) = settle(&mut next);
        notes.extend(moved);
        self.resets.set(resets);
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
