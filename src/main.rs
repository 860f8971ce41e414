//! Entry point of the web app: mount the planner and nothing else.

fn main() {
    console_error_panic_hook::set_once();
    // The same-page JavaScript API mounts the planner itself, into an element of its choice.
    if !upgrade_planner::ui::manual_mount() {
        leptos::mount::mount_to_body(upgrade_planner::ui::App);
    }
}
