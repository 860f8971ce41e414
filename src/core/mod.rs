//! The rule core: plain value types and small pure functions. No web crates here.

pub mod builder;
pub mod catalog;
pub mod cluster;
pub mod codes;
pub mod conditions;
pub mod configmgr;
pub mod date;
pub mod decision;
pub mod editions;
pub mod esu;
pub mod eval;
pub mod fleet;
pub mod fragment;
pub mod hardware;
pub mod ids;
pub mod inventory;
pub mod json;
pub mod lifecycle;
pub mod matrices;
pub mod parse;
pub mod paths;
pub mod plan;
pub mod r2;
pub mod resolve;
pub mod route;
pub mod scenario;
pub mod schema;
pub mod site_system;
pub mod source;
pub mod sweep;
pub mod text;

pub use catalog::Family;
pub use eval::{evaluate, evaluate_json, evaluate_resolved};
pub use ids::*;
pub use plan::*;
pub use scenario::{parse_scenario, InputError, Scenario};
