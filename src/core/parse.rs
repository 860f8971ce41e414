//! Reading a Scenario from JSON, by hand over `serde_json::Value`: every error names the field's
//! path and says what is accepted. (A derived `Deserialize` with path tracking did the same at a
//! much larger wasm size.)

use super::ids::*;
use super::scenario::{Cluster, CmPackage, ConfigMgr, Current, InputError, Scenario, Target};
use serde_json::{Map, Value};

type Result<T> = std::result::Result<T, InputError>;

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An object whose keys are all among `fields`.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    fn new(v: &'a Value, path: &str, fields: &[&str]) -> Result<Self> {
        let Value::Object(map) = v else {
            return Err(InputError::new(
                path,
                format!(
                    "expected an object with the fields {}; got {}",
                    list(fields),
                    kind(v)
                ),
            ));
        };
        if let Some(k) = map.keys().find(|k| !fields.contains(&k.as_str())) {
            let shown = super::scenario::printable(k);
            return Err(InputError::new(
                path,
                format!("unknown field `{shown}`, accepted: {}", list(fields)),
            ));
        }
        Ok(Obj {
            map,
            path: path.to_string(),
        })
    }

    /// The value of `key`, with `null` read as absent.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn id<T>(
        &self,
        key: &str,
        from_id: fn(&str) -> Option<T>,
        accepted: fn() -> String,
    ) -> Result<Option<T>> {
        self.get(key)
            .map(|v| id_value(v, &self.path(key), from_id, accepted))
            .transpose()
    }

    fn required_id<T>(
        &self,
        key: &str,
        from_id: fn(&str) -> Option<T>,
        accepted: fn() -> String,
    ) -> Result<T> {
        self.id(key, from_id, accepted)?
            .ok_or_else(|| InputError::new(self.path.clone(), format!("missing field `{key}`")))
    }

    fn bool(&self, key: &str) -> Result<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(InputError::new(
                self.path(key),
                format!("expected true, false or null; got {}", kind(v)),
            )),
        }
    }

    fn number(&self, key: &str, max: u64, accepted: &str) -> Result<Option<u64>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n <= max) => Ok(n.as_u64()),
            Some(v) => Err(InputError::new(
                self.path(key),
                format!(
                    "`{}` is not accepted; accepted: {accepted}",
                    super::scenario::printable(&v.to_string())
                ),
            )),
        }
    }

    fn string(&self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(InputError::new(
                self.path(key),
                format!("expected a string; got {}", kind(v)),
            )),
        }
    }

    fn items(&self, key: &str) -> Result<Vec<(String, &'a Value)>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{}[{i}]", self.path(key)), v))
                .collect()),
            Some(v) => Err(InputError::new(
                self.path(key),
                format!("expected a list; got {}", kind(v)),
            )),
        }
    }

    fn ids<T>(
        &self,
        key: &str,
        from_id: fn(&str) -> Option<T>,
        accepted: fn() -> String,
    ) -> Result<Vec<T>> {
        self.items(key)?
            .into_iter()
            .map(|(p, v)| id_value(v, &p, from_id, accepted))
            .collect()
    }

    fn strings(&self, key: &str) -> Result<Vec<String>> {
        self.items(key)?
            .into_iter()
            .map(|(p, v)| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(InputError::new(
                    p,
                    format!("expected a string; got {}", kind(other)),
                )),
            })
            .collect()
    }
}

fn id_value<T>(
    v: &Value,
    path: &str,
    from_id: fn(&str) -> Option<T>,
    accepted: fn() -> String,
) -> Result<T> {
    match v {
        Value::String(s) => from_id(s).ok_or_else(|| {
            InputError::new(
                path,
                format!(
                    "unknown value `{}`, accepted: {}",
                    super::scenario::printable(s),
                    accepted()
                ),
            )
        }),
        other => Err(InputError::new(
            path,
            format!(
                "expected a string, one of {}; got {}",
                accepted(),
                kind(other)
            ),
        )),
    }
}

const SCENARIO_FIELDS: &[&str] = &["current", "target", "cluster", "configmgr", "as_of"];
const CURRENT_FIELDS: &[&str] = &[
    "os",
    "edition",
    "service_pack",
    "architecture",
    "language",
    "channel",
    "installation",
    "cluster_node",
    "domain_controller",
    "release",
    "conditions",
];
const TARGET_FIELDS: &[&str] = &[
    "os",
    "edition",
    "service_pack",
    "architecture",
    "language",
    "installation",
    "media_channel",
    "key_channel",
    "key_edition",
    "release",
];
const CLUSTER_FIELDS: &[&str] = &["nodes", "groups"];
const CONFIGMGR_FIELDS: &[&str] = &[
    "version",
    "content",
    "delivery",
    "boot_image",
    "via_cmg",
    "distribution_point",
    "software_update_point",
    "package",
    "planned_changes",
];
const PACKAGE_FIELDS: &[&str] = &["edition", "architecture", "language"];
const SP: &str = "a whole number from 0 to 255 (the version's range is checked next), or null";

/// A Scenario from a JSON value.
pub fn scenario_from_value(v: &Value) -> Result<Scenario> {
    let o = Obj::new(v, "", SCENARIO_FIELDS)?;
    // In document order: what is wrong inside `current` is reported before a missing `target`.
    let current = o
        .get("current")
        .ok_or_else(|| InputError::new("", "missing field `current`"))?;
    let current = current_from_value(current, "current")?;
    let target = o
        .get("target")
        .ok_or_else(|| InputError::new("", "missing field `target`"))?;
    let target = target_from_value(target, "target")?;
    Ok(Scenario {
        current,
        target,
        cluster: o
            .get("cluster")
            .map(|c| cluster_from_value(c, "cluster"))
            .transpose()?,
        configmgr: o
            .get("configmgr")
            .map(|c| configmgr_from_value(c, "configmgr"))
            .transpose()?,
        as_of: o.string("as_of")?,
    })
}

fn current_from_value(v: &Value, path: &str) -> Result<Current> {
    let o = Obj::new(v, path, CURRENT_FIELDS)?;
    Ok(Current {
        os: o.required_id("os", Os::from_id, Os::accepted)?,
        edition: o.id("edition", Edition::from_id, Edition::accepted)?,
        service_pack: o.number("service_pack", 255, SP)?.map(|n| n as u8),
        architecture: o.id("architecture", Arch::from_id, Arch::accepted)?,
        language: o.string("language")?,
        channel: o.id("channel", Channel::from_id, Channel::accepted)?,
        installation: o.id(
            "installation",
            Installation::from_id,
            Installation::accepted,
        )?,
        cluster_node: o.bool("cluster_node")?,
        domain_controller: o.bool("domain_controller")?,
        release: o.string("release")?,
        conditions: o.ids("conditions", Condition::from_id, Condition::accepted)?,
    })
}

/// A Target from a JSON value (also used for the inventory's "one target for all").
pub fn target_from_value(v: &Value, path: &str) -> Result<Target> {
    let o = Obj::new(v, path, TARGET_FIELDS)?;
    Ok(Target {
        os: o.required_id("os", Os::from_id, Os::accepted)?,
        edition: o.id("edition", Edition::from_id, Edition::accepted)?,
        service_pack: o.number("service_pack", 255, SP)?.map(|n| n as u8),
        architecture: o.id("architecture", Arch::from_id, Arch::accepted)?,
        language: o.string("language")?,
        installation: o.id(
            "installation",
            Installation::from_id,
            Installation::accepted,
        )?,
        media_channel: o.id("media_channel", Channel::from_id, Channel::accepted)?,
        key_channel: o.id("key_channel", Channel::from_id, Channel::accepted)?,
        key_edition: o.id("key_edition", Edition::from_id, Edition::accepted)?,
        release: o.string("release")?,
    })
}

fn cluster_from_value(v: &Value, path: &str) -> Result<Cluster> {
    let o = Obj::new(v, path, CLUSTER_FIELDS)?;
    Ok(Cluster {
        nodes: o.strings("nodes")?,
        groups: o.strings("groups")?,
    })
}

fn configmgr_from_value(v: &Value, path: &str) -> Result<ConfigMgr> {
    let o = Obj::new(v, path, CONFIGMGR_FIELDS)?;
    let package = match o.get("package") {
        None => None,
        Some(p) => {
            let po = Obj::new(p, &o.path("package"), PACKAGE_FIELDS)?;
            Some(CmPackage {
                edition: po.id("edition", Edition::from_id, Edition::accepted)?,
                architecture: po.id("architecture", Arch::from_id, Arch::accepted)?,
                language: po.string("language")?,
            })
        }
    };
    Ok(ConfigMgr {
        version: o
            .number(
                "version",
                u32::MAX as u64,
                "a current-branch version YYMM such as 2103, 2403 or 2509",
            )?
            .map(|n| n as u32),
        content: o.id("content", CmContent::from_id, CmContent::accepted)?,
        delivery: o.id("delivery", CmDelivery::from_id, CmDelivery::accepted)?,
        boot_image: o.bool("boot_image")?,
        via_cmg: o.bool("via_cmg")?,
        distribution_point: o.bool("distribution_point")?,
        software_update_point: o.bool("software_update_point")?,
        package,
        planned_changes: o.ids(
            "planned_changes",
            PlannedChange::from_id,
            PlannedChange::accepted,
        )?,
    })
}
