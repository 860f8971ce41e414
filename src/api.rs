//! The JavaScript API (same evaluation as the page and the command), exported with wasm-bindgen.
//! Trunk exposes it as `window.wasmBindings`; see docs/embedding.md.

use crate::core::scenario::InputError;
use crate::core::{evaluate as evaluate_scenario, parse_scenario};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, catch)]
    fn stringify(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// Evaluate a Scenario given as a JS object or a JSON string; returns the Plan as a plain object.
/// Bad input throws an `Error` whose message names the field and what is accepted.
fn scenario_text(scenario: &JsValue) -> Result<Option<String>, JsError> {
    if scenario.is_undefined() || scenario.is_null() {
        return Ok(None);
    }
    match scenario.as_string() {
        Some(text) => Ok(Some(text)),
        None => stringify(scenario)
            .ok()
            .and_then(|s| s.as_string())
            .map(Some)
            .ok_or_else(|| {
                JsError::new("the scenario cannot be converted to JSON; accepted: a plain object")
            }),
    }
}

/// Mount the planner into `element` of the host page (compact, leaves the host's URL alone).
/// `scenario` (object, JSON string or undefined) is the scenario to open with.
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(element: JsValue, scenario: JsValue) -> Result<(), JsError> {
    use crate::ui::{state::default_scenario, Mode, PlannerRoot};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    let element = element.dyn_into::<web_sys::HtmlElement>().map_err(|_| {
        JsError::new("mount: the first argument must be an element of the page (an HTMLElement), e.g. document.getElementById('planner')")
    })?;
    let initial = match scenario_text(&scenario)? {
        None => default_scenario(),
        Some(text) => parse_scenario(&text).map_err(|e| JsError::new(&e.to_string()))?,
    };
    leptos::mount::mount_to(
        element,
        move || view! { <PlannerRoot mode=Mode::Widget initial=initial.clone() link_error=None/> },
    )
    .forget();
    Ok(())
}

#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate_js(scenario: JsValue) -> Result<JsValue, JsError> {
    // Objects go through JSON so that one parser (with its field paths and size limit) serves all inputs.
    let text = match scenario.as_string() {
        Some(text) => text,
        None if scenario.is_undefined() || scenario.is_null() => {
            return Err(JsError::new(&InputError::new("", "no scenario given; accepted: an object or JSON string with `current.os` and `target.os`").to_string()))
        }
        None => stringify(&scenario)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| JsError::new("the scenario cannot be converted to JSON; accepted: a plain object"))?,
    };
    let plan = parse_scenario(&text)
        .and_then(|s| evaluate_scenario(&s))
        .map_err(|e| JsError::new(&e.to_string()))?;
    plan.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot return the plan: {e}")))
}
