use super::citation::Citation;
use super::state::Planner;
use leptos::prelude::*;

/// Write text to the clipboard; the promise's outcome is not needed (the text is also shown).
pub fn copy_to_clipboard(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}

/// The ordered steps with checkboxes (kept in the page only), copy as Markdown, and print.
#[component]
pub fn Runbook() -> impl IntoView {
    let p = expect_context::<Planner>();
    let markdown = RwSignal::new(None::<String>);
    // A new plan invalidates the copied text.
    Effect::new(move |_| {
        p.plan.track();
        markdown.set(None);
    });
    let title = move || {
        p.scenario.with(|s| {
            format!(
                "Runbook: {} → {}",
                s.current.os.label(),
                s.target.os.label()
            )
        })
    };
    let copy = move |_| {
        if let Ok(plan) = p.plan.get_untracked() {
            let md = plan.runbook_markdown(&title());
            copy_to_clipboard(&md);
            markdown.set(Some(md));
        }
    };
    move || {
        p.plan.get().ok().filter(|plan| !plan.steps.is_empty()).map(|plan| {
            let mut groups: Vec<(String, Vec<_>)> = Vec::new();
            for (i, step) in plan.steps.into_iter().enumerate() {
                match groups.last_mut() {
                    Some((g, items)) if *g == step.group => items.push((i, step)),
                    _ => groups.push((step.group.clone(), vec![(i, step)])),
                }
            }
            let body = groups
                .into_iter()
                .map(|(group, steps)| {
                    let items = steps
                        .into_iter()
                        .map(|(i, step)| {
                            let id = format!("step-{i}");
                            view! {
                                <li class="step" data-testid="step">
                                    <input type="checkbox" id=id.clone()/>
                                    <label for=id>{step.text}</label>
                                    <Citation source=step.source/>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <h3>{group}</h3>
                        <ol class="steps">{items}</ol>
                    }
                })
                .collect_view();
            view! {
                <section class="runbook" data-testid="runbook" aria-labelledby="runbook-title">
                    <div class="runbook-head">
                        <h2 id="runbook-title">{title()}</h2>
                        <div class="actions no-print">
                            <button type="button" data-testid="copy-markdown" on:click=copy>"Copy as Markdown"</button>
                            <button type="button" data-testid="print" on:click=|_| { let _ = window().print(); }>"Print"</button>
                        </div>
                    </div>
                    {body}
                    {move || markdown.get().map(|md| view! {
                        <div class="markdown no-print">
                            <p role="status">"Copied to the clipboard. The Markdown is also here:"</p>
                            <label class="visually-hidden" for="runbook-md">"Runbook as Markdown"</label>
                            <textarea id="runbook-md" data-testid="runbook-markdown" readonly rows="8" prop:value=md></textarea>
                        </div>
                    })}
                </section>
            }
        })
    }
}
