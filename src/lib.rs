//! Windows upgrade path planner.
//!
//! `core` is the pure rule engine (builds natively without the `web` feature); `ui` is the Leptos
//! front end and `api` the JavaScript API, both behind the default `web` feature.

pub mod core;

#[cfg(feature = "web")]
pub mod api;
#[cfg(feature = "web")]
pub mod ui;
