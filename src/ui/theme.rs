use leptos::prelude::*;

const KEY: &str = "upgrade-planner-theme";
const CHOICES: [&str; 3] = ["auto", "light", "dark"];

fn apply(theme: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", theme);
    }
}

fn stored() -> String {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .filter(|t| CHOICES.contains(&t.as_str()))
        .unwrap_or_else(|| "auto".into())
}

/// Colour scheme: follows the system ("auto") unless the user picks light or dark.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(stored());
    Effect::new(move |_| {
        let t = theme.get();
        apply(&t);
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(KEY, &t);
        }
    });
    let next = move |_| {
        theme.update(|t| {
            let i = CHOICES.iter().position(|c| c == t).unwrap_or(0);
            *t = CHOICES[(i + 1) % CHOICES.len()].to_string();
        })
    };
    view! {
        <button type="button" class="theme-toggle" data-testid="theme-toggle" on:click=next
            aria-label=move || format!("Colour scheme: {} (change)", theme.get())>
            {move || format!("Theme: {}", theme.get())}
        </button>
    }
}
