//! Entry point of the web app: mount the planner and nothing else.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(upgrade_planner::ui::App);
}
