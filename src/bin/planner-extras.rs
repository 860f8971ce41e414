//! The planner page's second stage as its own small Leptos app (`ui::extras`): the compatibility
//! matrices, the sources and the Embed dialog. The page loads it after its first answer (`ui::lazy_app`) and it
//! mounts into `#extras-root`; it follows the page's scenario through the URL fragment.

use upgrade_planner::ui::extras::{EmbedSlot, PageExtras};
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    let document = leptos::prelude::document();
    if let Some(root) = document.get_element_by_id("embed-root") {
        leptos::mount::mount_to(root.unchecked_into(), EmbedSlot).forget();
    }
    if let Some(root) = document.get_element_by_id("extras-root") {
        if let Some(note) = root.first_element_child() {
            note.remove();
        }
        leptos::mount::mount_to(root.unchecked_into(), PageExtras).forget();
    }
}
