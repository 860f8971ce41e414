//! Component tests in headless Chromium (wasm-bindgen-test): real components mounted into the DOM.
#![cfg(all(target_arch = "wasm32", feature = "web"))]

use leptos::prelude::*;
use upgrade_planner::core::matrices;
use upgrade_planner::ui::{App, CellSelection, MatrixTable};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not found"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn sku_matrix_renders_cells_from_the_core_table() {
    let root = container();
    let selected = RwSignal::new(None::<CellSelection>);
    leptos::mount::mount_to(root.clone(), move || {
        view! { <MatrixTable matrix=matrices::r2_sku_matrix() selected=selected/> }
    })
    .forget();
    leptos::task::tick().await;

    let cells = root
        .query_selector_all("[data-testid^='cell-sku-']")
        .unwrap();
    assert_eq!(cells.length(), 9);
    let text = |sel: &str| {
        root.query_selector(sel)
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(text("[data-testid='cell-sku-standard-enterprise']"), "Yes");
    assert_eq!(text("[data-testid='cell-sku-enterprise-standard']"), "No");
    assert_eq!(
        text("[data-testid='cell-sku-datacenter-datacenter']"),
        "Yes"
    );
    // One tab stop per matrix.
    let stops = root
        .query_selector_all("[data-testid^='cell-sku-'][tabindex='0']")
        .unwrap();
    assert_eq!(stops.length(), 1);
}

#[wasm_bindgen_test]
async fn activating_a_cell_selects_it_with_its_explanation() {
    let root = container();
    let selected = RwSignal::new(None::<CellSelection>);
    leptos::mount::mount_to(root.clone(), move || {
        view! { <MatrixTable matrix=matrices::r2_channel_matrix() selected=selected/> }
    })
    .forget();
    leptos::task::tick().await;

    click(&root, "[data-testid='cell-channel-volume-oem']");
    leptos::task::tick().await;
    let sel = selected.get_untracked().expect("a cell is selected");
    assert_eq!((sel.matrix_id, sel.row, sel.col), ("channel", 4, 3));
    assert!(
        sel.explanation.starts_with("Not supported"),
        "{}",
        sel.explanation
    );
    assert!(sel.source.contains("002_f12e17b037886166.txt"));
    let pressed = root
        .query_selector("[data-testid='cell-channel-volume-oem']")
        .unwrap()
        .unwrap()
        .get_attribute("aria-pressed");
    assert_eq!(pressed.as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn app_shows_the_explanation_of_the_activated_cell() {
    let root = container();
    leptos::mount::mount_to(root.clone(), App).forget();
    leptos::task::tick().await;

    let explanation = || {
        root.query_selector("[data-testid='cell-explanation']")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert!(explanation().contains("Select a cell"));
    click(&root, "[data-testid='cell-sku-standard-datacenter']");
    leptos::task::tick().await;
    let text = explanation();
    assert!(text.contains("Standard → Datacenter R2"), "{text}");
    assert!(text.contains("Not supported"), "{text}");
    assert!(text.contains("002_f12e17b037886166.txt"), "{text}");
}
