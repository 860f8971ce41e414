//! The Leptos front end. Components live in their own files; `App` composes them. The page's
//! only state is the Scenario (`state::Planner`); the URL fragment mirrors it (`url`).

mod app;
mod citation;
pub mod embed;
mod explanation;
pub mod extras;
mod fields;
mod findings;
pub mod fleet;
mod form;
mod lazy_app;
mod matrix;
pub mod mode;
mod readiness;
pub(crate) mod runbook;
mod schema_field;
mod sources;
pub mod state;
pub mod theme;
pub mod url;
mod verdict;

pub use app::{App, PlannerRoot};
pub use explanation::{CellSelection, Explanation};
pub use findings::{Alternatives, Findings, SetupMessages};
pub use form::ScenarioForm;
pub use matrix::{next_cell, MatrixTable};
pub use mode::{manual_mount, Mode};
pub use readiness::{EsuOffers, ReadinessChecklist};
pub use runbook::Runbook;
pub use sources::Sources;
pub use state::Planner;
pub use verdict::{RouteChain, VerdictBanner};
