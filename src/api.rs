//! The JavaScript API (same evaluation as the page and the command), exported with wasm-bindgen.
//! Trunk exposes it as `window.wasmBindings`; see docs/embedding.md.

use crate::core::scenario::{InputError, Scenario};
use crate::core::{evaluate as evaluate_scenario, parse_scenario};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Evaluate a Scenario given as a JS object or a JSON string; returns the Plan as a plain object.
/// Bad input throws an `Error` whose message names the field and what is accepted.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate_js(scenario: JsValue) -> Result<JsValue, JsError> {
    let parsed = match scenario.as_string() {
        Some(text) => parse_scenario(&text),
        None => from_object(scenario),
    };
    let plan = parsed
        .and_then(|s| evaluate_scenario(&s))
        .map_err(|e| JsError::new(&e.to_string()))?;
    plan.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot return the plan: {e}")))
}

fn from_object(value: JsValue) -> Result<Scenario, InputError> {
    if value.is_undefined() || value.is_null() {
        return Err(InputError::new("", "no scenario given; accepted: an object or JSON string with `current.os` and `target.os`"));
    }
    let de = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        InputError::new(
            if path == "." { String::new() } else { path },
            e.into_inner().to_string(),
        )
    })
}
