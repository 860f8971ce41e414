//! The Fleet view as its own small Leptos app. The planner page loads it only when `#fleet` is
//! opened (`ui::fleet_loader`) and it mounts into the page's `#fleet-root`; rows open in the
//! planner through the URL fragment, the only link between the two apps.

fn main() {
    console_error_panic_hook::set_once();
    if let Some(root) = leptos::prelude::document().get_element_by_id("fleet-root") {
        use wasm_bindgen::JsCast;
        leptos::mount::mount_to(root.unchecked_into(), upgrade_planner::ui::fleet::FleetView)
            .forget();
    }
}
