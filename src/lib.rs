//! Windows upgrade path planner.
//!
//! `core` is the pure rule engine (builds natively without the `web` feature); `ui` is the Leptos
//! front end (behind the default `web` feature) and `api` the JavaScript API (default feature `api`).

pub mod core;

#[cfg(feature = "api")]
pub mod api;
#[cfg(feature = "web")]
pub mod ui;
