use super::fields::{check_field, lines_field, select_field, text_field};
use super::schema_field::{schema_field, schema_fields, schema_group};
use super::state::Planner;
use crate::core::catalog::{version, Family};
use crate::core::conditions;
use crate::core::ids::*;
use crate::core::r2;
use crate::core::scenario::{Cluster, ConfigMgr};
use leptos::prelude::*;

fn ids<T: Copy>(
    items: &[T],
    id: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    items
        .iter()
        .map(|&v| (id(v).to_string(), label(v).to_string()))
        .collect()
}

fn sp_options(max: u8, none_label: Option<&str>) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = none_label
        .map(|l| vec![(String::new(), l.to_string())])
        .unwrap_or_default();
    v.extend((0..=max).map(|sp| {
        (
            sp.to_string(),
            if sp == 0 {
                "No service pack".to_string()
            } else {
                format!("Service Pack {sp}")
            },
        )
    }));
    v
}

/// The Scenario form: the current machine, the target, and cluster / ConfigMgr details when they
/// apply. Only options the chosen version has are offered; a change that makes an earlier choice
/// impossible resets it and says so.
#[component]
pub fn ScenarioForm() -> impl IntoView {
    let p = expect_context::<Planner>();
    let sc = p.scenario;
    // Resolved values (defaults filled in) for display; fall back to the raw ones.
    let rc = move |f: fn(&crate::core::scenario::Resolved) -> String| {
        move || p.resolved.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    let cur_os = move || sc.with(|s| s.current.os);
    let tgt_os = move || sc.with(|s| s.target.os);
    let os_options = || ids(Os::ALL, Os::id, Os::label);

    let current = view! {
        <fieldset class="group" data-testid="current-machine">
            <legend>"Current machine"</legend>
            {select_field("Windows version", "current-os", os_options, move || cur_os().id().to_string(),
                move |v| if let Some(os) = Os::from_id(&v) { p.update(|s| s.current.os = os) })}
            {select_field("Edition", "current-edition",
                move || ids(version(cur_os()).editions, Edition::id, Edition::label),
                rc(|r| r.current.edition.id().into()),
                move |v| p.update(|s| s.current.edition = Edition::from_id(&v)))}
            {move || (version(cur_os()).max_service_pack > 0).then(|| select_field("Service pack", "current-sp",
                move || sp_options(version(cur_os()).max_service_pack, None),
                rc(|r| r.current.service_pack.to_string()),
                move |v| p.update(|s| s.current.service_pack = v.parse().ok())))}
            {move || (!version(cur_os()).releases.is_empty()).then(|| select_field("Release", "current-release",
                move || version(cur_os()).release_names().map(|r| (r.to_string(), r.to_string())).collect(),
                rc(|r| r.current.release.unwrap_or_default().into()),
                move |v| p.update(|s| s.current.release = Some(v))))}
            {move || (!version(cur_os()).releases.is_empty()).then(|| schema_field("current.build"))}
            {select_field("Architecture", "current-arch",
                move || ids(version(cur_os()).architectures, Arch::id, Arch::label),
                rc(|r| r.current.architecture.id().into()),
                move |v| p.update(|s| s.current.architecture = Arch::from_id(&v)))}
            {move || version(cur_os()).has_server_core().then(|| select_field("Installation", "current-installation",
                || ids(Installation::ALL, Installation::id, Installation::label),
                rc(|r| r.current.installation.id().into()),
                move |v| p.update(|s| s.current.installation = Installation::from_id(&v))))}
            {text_field("Language", "current-language", "A language tag such as en-US or de-DE.",
                move || sc.with(|s| s.current.language.clone().unwrap_or_else(|| "en-US".into())),
                move |v| p.update(|s| s.current.language = Some(v.trim().to_string()).filter(|v| !v.is_empty())))}
            {select_field("Licensing channel", "current-channel",
                || ids(Channel::ALL, Channel::id, Channel::label),
                rc(|r| r.current.channel.id().into()),
                move |v| p.update(|s| s.current.channel = Channel::from_id(&v)))}
            {move || (version(cur_os()).family == Family::Server).then(|| view! {
                <div class="checks">
                    {check_field("Cluster node".into(), "current-cluster-node",
                        move || sc.with(|s| s.current.cluster_node == Some(true) || s.cluster.is_some()),
                        move |on| p.update(|s| { s.current.cluster_node = Some(on).filter(|&b| b); if !on { s.cluster = None; } }))}
                    {check_field("Domain controller".into(), "current-dc",
                        move || sc.with(|s| s.current.domain_controller.unwrap_or(false)),
                        move |on| p.update(|s| s.current.domain_controller = Some(on).filter(|&b| b)))}
                </div>
            })}
            <details class="conditions">
                <summary>"More about this machine"</summary>
                // Only the conditions that can apply to the chosen version and edition.
                {move || {
                    let (os, edition) = sc.with(|s| (s.current.os, s.current.edition));
                    Condition::ALL.iter().copied().filter(|&c| conditions::applies(c, os, edition)).map(|c| check_field(format!("It {}", c.label()), format!("condition-{}", c.id()),
                        move || sc.with(|s| s.current.conditions.contains(&c)),
                        move |on| p.update(|s| { s.current.conditions.retain(|x| *x != c); if on { s.current.conditions.push(c); } }))).collect_view()
                }}
            </details>
        </fieldset>
    };

    let target = view! {
        <fieldset class="group" data-testid="target">
            <legend>"Target"</legend>
            {select_field("Windows version", "target-os", os_options, move || tgt_os().id().to_string(),
                move |v| if let Some(os) = Os::from_id(&v) { p.update(|s| s.target.os = os) })}
            {select_field("Edition", "target-edition",
                move || ids(version(tgt_os()).editions, Edition::id, Edition::label),
                rc(|r| r.target.edition.id().into()),
                move |v| p.update(|s| s.target.edition = Edition::from_id(&v)))}
            {move || (tgt_os() == cur_os() && version(tgt_os()).max_service_pack > 0).then(|| select_field("Service pack to install", "target-sp",
                move || sp_options(version(tgt_os()).max_service_pack, Some("No change")),
                rc(|r| r.target.service_pack.map(|sp| sp.to_string()).unwrap_or_default()),
                move |v| p.update(|s| s.target.service_pack = v.parse().ok())))}
            {move || (!version(tgt_os()).releases.is_empty()).then(|| select_field("Release", "target-release",
                move || version(tgt_os()).release_names().map(|r| (r.to_string(), r.to_string())).collect(),
                rc(|r| r.target.release.unwrap_or_default().into()),
                move |v| p.update(|s| s.target.release = Some(v))))}
            {select_field("Architecture", "target-arch",
                move || ids(version(tgt_os()).architectures, Arch::id, Arch::label),
                rc(|r| r.target.architecture.id().into()),
                move |v| p.update(|s| s.target.architecture = Arch::from_id(&v)))}
            {move || version(tgt_os()).has_server_core().then(|| select_field("Installation", "target-installation",
                || ids(Installation::ALL, Installation::id, Installation::label),
                rc(|r| r.target.installation.id().into()),
                move |v| p.update(|s| s.target.installation = Installation::from_id(&v))))}
            {text_field("Language of the media", "target-language", "Must match the installed language.",
                move || sc.with(|s| s.target.language.clone().or_else(|| s.current.language.clone()).unwrap_or_else(|| "en-US".into())),
                move |v| p.update(|s| s.target.language = Some(v.trim().to_string()).filter(|v| !v.is_empty())))}
            {move || r2::uses_media_and_key(tgt_os()).then(|| view! {
                <div class="r2-media">
                    {select_field("Channel of the R2 media (CD1/CD2)", "target-media-channel",
                        || ids(&r2::CHANNELS, Channel::id, Channel::label),
                        rc(|r| r.target.media_channel.id().into()),
                        move |v| p.update(|s| s.target.media_channel = Channel::from_id(&v)))}
                    {select_field("Channel of the R2 product key", "target-key-channel",
                        || ids(&r2::CHANNELS, Channel::id, Channel::label),
                        rc(|r| r.target.key_channel.id().into()),
                        move |v| p.update(|s| s.target.key_channel = Channel::from_id(&v)))}
                    {select_field("SKU of the R2 product key", "target-key-edition",
                        || ids(&r2::SKUS, Edition::id, Edition::label),
                        rc(|r| r.target.key_edition.id().into()),
                        move |v| p.update(|s| s.target.key_edition = Edition::from_id(&v)))}
                </div>
            })}
        </fieldset>
    };

    // From the raw scenario, so that a typo in a node name never hides the field that fixes it.
    let clustered =
        move || sc.with(|s| s.current.cluster_node == Some(true) || s.cluster.is_some());
    let cluster = move || {
        clustered().then(|| view! {
        <fieldset class="group" data-testid="cluster">
            <legend>"Cluster"</legend>
            {lines_field("Nodes", "cluster-nodes", "One computer name per line; the runbook goes through them in this order.",
                move || sc.with(|s| s.cluster.as_ref().map(|c| c.nodes.clone()).unwrap_or_default()),
                move |nodes| p.update(|s| { s.current.cluster_node = Some(true); s.cluster.get_or_insert_with(Cluster::default).nodes = nodes; }))}
            {schema_field("cluster.workload")}
            {lines_field("Groups", "cluster-groups", "Optional: the cluster groups, to name them in the runbook.",
                move || sc.with(|s| s.cluster.as_ref().map(|c| c.groups.clone()).unwrap_or_default()),
                move |groups| p.update(|s| { s.current.cluster_node = Some(true); s.cluster.get_or_insert_with(Cluster::default).groups = groups; }))}
        </fieldset>
    })
    };

    // Every ConfigMgr field comes from the schema; the section exists once it is switched on.
    let has_cm = move || sc.with(|s| s.configmgr.is_some());
    let configmgr = view! {
        <fieldset class="group" data-testid="configmgr">
            <legend>"Configuration Manager"</legend>
            {check_field("Upgrade with a ConfigMgr task sequence".into(), "use-configmgr", has_cm,
                move |on| p.update(|s| s.configmgr = on.then(ConfigMgr::default)))}
            {move || has_cm().then(|| view! { <div class="cm">{schema_fields(&["configmgr."])}</div> })}
        </fieldset>
    };

    // The machine's facts: collapsed until the target has hardware rules (Windows 11, Windows
    // Server 2016 and later) or the scenario already says something about them.
    let needs_hardware = Memo::new(move |_| {
        p.plan
            .with(|r| r.as_ref().is_ok_and(|plan| plan.readiness.is_some()))
            || sc.with(|s| !s.hardware.is_empty() || !s.virtualisation.is_empty())
    });
    let needs_roles = Memo::new(move |_| sc.with(|s| !s.roles.is_empty()));
    let hardware = view! {
        {schema_group("Hardware", "hardware-section", &["hardware.tpm", "hardware.firmware", "hardware.secure_boot", "hardware.partition_style", "hardware.ram_gb", "hardware.disk_gb", "hardware.s_mode", "hardware.model"], needs_hardware)}
        {schema_group("Processor", "cpu-section", &["hardware.cpu."], needs_hardware)}
        {schema_group("Virtual machine", "vm-section", &["virtualisation."], needs_hardware)}
        {move || (version(cur_os()).family == Family::Server).then(|| schema_group("Roles", "roles-section", &["roles."], needs_roles))}
    };

    view! {
        <form class="scenario-form" data-testid="scenario-form" aria-label="Scenario" on:submit=|ev| ev.prevent_default()>
            {current}
            {target}
            {hardware}
            {cluster}
            {configmgr}
            {move || p.notice.get().map(|n| view! { <p class="notice" role="status" data-testid="form-notice">{n}</p> })}
        </form>
    }
}
