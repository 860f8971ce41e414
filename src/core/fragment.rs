//! The Scenario in a URL fragment: `#current.os=windows-server-2008&current.cluster_node=true&target.os=…`.
//! Keys are the Scenario's dotted field paths (the same names as the inventory's native CSV
//! headers); fields left at their default are omitted, lists are comma-separated. The deep-link form
//! `#scenario=<URL-encoded Scenario JSON>` is accepted too.

use super::scenario::{parse_scenario, InputError, Scenario, MAX_SCENARIO_BYTES};
use serde_json::{Map, Value};

/// Fields whose value is free text, whatever it looks like.
const TEXT_FIELDS: &[&str] = &[
    "current.release",
    "target.release",
    "current.language",
    "target.language",
    "configmgr.package.language",
    "as_of",
];

const LIST_FIELDS: &[&str] = &[
    "cluster.nodes",
    "cluster.groups",
    "current.conditions",
    "configmgr.planned_changes",
];

/// Encode a Scenario as a fragment (without `#`), omitting fields that are not set.
pub fn encode(s: &Scenario) -> String {
    let value = serde_json::to_value(s).unwrap_or(Value::Null);
    let mut pairs = Vec::new();
    flatten("", &value, &mut pairs);
    // Readable order: the sections as in the contract, `os` first in each, then alphabetical.
    let section = |k: &str| {
        ["current", "target", "cluster", "configmgr"]
            .iter()
            .position(|p| k.starts_with(p))
            .unwrap_or(9)
    };
    pairs.sort_by(|(a, _), (b, _)| {
        (section(a), !a.ends_with(".os"), a).cmp(&(section(b), !b.ends_with(".os"), b))
    });
    pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", k, percent_encode(&v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        Value::Array(items) if items.is_empty() => {}
        Value::Array(items) => {
            let joined: Vec<String> = items.iter().map(scalar).collect();
            out.push((prefix.to_string(), joined.join(",")));
        }
        Value::Null => {}
        other => out.push((prefix.to_string(), scalar(other))),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Decode a fragment (with or without the leading `#`). An empty fragment is `Ok(None)`.
pub fn decode(fragment: &str) -> Result<Option<Scenario>, InputError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.is_empty() {
        return Ok(None);
    }
    if fragment.len() > 3 * MAX_SCENARIO_BYTES {
        return Err(InputError::new(
            "",
            "the link is too long; accepted: a scenario of at most 64 KiB",
        ));
    }
    if let Some(json) = fragment.strip_prefix("scenario=") {
        let json = percent_decode(json).ok_or_else(|| bad_encoding("scenario"))?;
        return parse_scenario(&json).map(Some);
    }
    let mut root = Map::new();
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(key).ok_or_else(|| bad_encoding(key))?;
        let raw = percent_decode(raw).ok_or_else(|| bad_encoding(&key))?;
        insert(&mut root, &key, &raw)?;
    }
    parse_scenario(&Value::Object(root).to_string()).map(Some)
}

fn bad_encoding(key: &str) -> InputError {
    InputError::new(
        key,
        "malformed percent-encoding in the link; accepted: UTF-8 text with %XX escapes",
    )
}

fn insert(root: &mut Map<String, Value>, key: &str, raw: &str) -> Result<(), InputError> {
    let parts: Vec<&str> = key.split('.').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(InputError::new(key, "not a field of the scenario; accepted: dotted field names such as `current.os` or `target.edition`"));
    }
    let value = if LIST_FIELDS.contains(&key) {
        Value::Array(
            raw.split(',')
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        )
    } else if TEXT_FIELDS.contains(&key) {
        // Free text stays text, even when it looks like a number (Windows 10 release `1809`).
        Value::String(raw.to_string())
    } else if raw == "true" || raw == "false" {
        Value::Bool(raw == "true")
    } else if raw == "null" {
        Value::Null
    } else if !raw.is_empty() && raw.len() <= 9 && raw.bytes().all(|b| b.is_ascii_digit()) {
        Value::Number(raw.parse::<u64>().unwrap_or(0).into())
    } else {
        Value::String(raw.to_string())
    };
    let mut node = root;
    for part in &parts[..parts.len() - 1] {
        let entry = node
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        node = match entry {
            Value::Object(m) => m,
            _ => {
                return Err(InputError::new(
                    key,
                    "a field is given both as a value and as a group",
                ))
            }
        };
    }
    node.insert(parts[parts.len() - 1].to_string(), value);
    Ok(())
}

/// Percent-encode everything but unreserved characters and the separators we use inside values.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decode `%XX` escapes (and `+` as space); `None` for malformed escapes or non-UTF-8 results.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ids::*;
    use crate::core::scenario::Cluster;

    #[test]
    fn numeric_looking_text_stays_text() {
        let mut s = Scenario::new(Os::Windows10, Os::Windows11);
        s.current.release = Some("1809".into());
        let back = decode(&encode(&s)).unwrap().unwrap();
        assert_eq!(back.current.release.as_deref(), Some("1809"));
        assert_eq!(back, s);
    }

    #[test]
    fn round_trip_omits_defaults() {
        let mut s = Scenario::new(Os::WindowsNt40, Os::WindowsNt40);
        s.current.edition = Some(Edition::Enterprise);
        s.current.service_pack = Some(5);
        s.target.service_pack = Some(6);
        s.cluster = Some(Cluster {
            nodes: vec!["N1".into(), "N2".into(), "N3".into()],
            groups: vec!["SQL Server".into()],
        });
        let f = encode(&s);
        assert_eq!(
            f,
            "current.os=windows-nt-4.0&current.edition=enterprise&current.service_pack=5&target.os=windows-nt-4.0&target.service_pack=6&cluster.groups=SQL%20Server&cluster.nodes=N1,N2,N3"
        );
        assert_eq!(decode(&format!("#{f}")).unwrap().unwrap(), s);
    }

    #[test]
    fn deep_link_json_form_is_accepted() {
        let json =
            r#"{"current":{"os":"windows-server-2012-r2"},"target":{"os":"windows-server-2022"}}"#;
        let s = decode(&format!("#scenario={}", percent_encode(json)))
            .unwrap()
            .unwrap();
        assert_eq!(s, Scenario::new(Os::Server2012R2, Os::Server2022));
    }

    #[test]
    fn malformed_fragments_are_errors_not_panics() {
        assert!(decode("").unwrap().is_none());
        for bad in [
            "#current.os=windows-95&target.os=windows-11",
            "#scenario=%7B",
            "#a.b.c.d=1",
            "#%E0%A4",
            "#current.os=%ZZ",
            "#current=1&current.os=windows-10",
            "#target.os=windows-11",
        ] {
            let e = decode(bad).unwrap_err();
            assert!(!e.message.is_empty(), "{bad}");
        }
    }
}
