//! The Scenario in a URL fragment: `#current.os=windows-server-2008&current.cluster_node=true&target.os=…`.
//! Keys are the schema's dotted field paths (the same names as the inventory's native CSV
//! headers); fields that are not set are omitted; a list is its items joined by `,`, each item
//! percent-encoded (so a name may hold a comma); an optional section given with nothing inside
//! (`"configmgr": {}`) is its bare name. The deep-link form `#scenario=<URL-encoded Scenario JSON>`
//! is accepted too.

use super::parse::{self, Input};
use super::scenario::{parse_scenario, printable, InputError, Scenario, MAX_SCENARIO_BYTES};
use super::schema::{self, Field, Kind, Value};

/// Encode a Scenario as a fragment (without `#`), omitting fields that are not set.
pub fn encode(s: &Scenario) -> String {
    let mut pairs: Vec<String> = Vec::new();
    for f in schema::FIELDS {
        if let Some(v) = (f.get)(s) {
            pairs.push(format!("{}={}", f.path, encode_value(&v)));
        }
    }
    for sec in schema::SECTIONS {
        let inside = |p: &str| p.starts_with(sec.path) && p[sec.path.len()..].starts_with('.');
        if !sec.required && (sec.is_open)(s) && !pairs.iter().any(|p| inside(p)) {
            pairs.push(sec.path.to_string());
        }
    }
    // Readable order: the sections as in the contract, `os` first in each, then alphabetical.
    let rank = |p: &str| {
        let key = p.split('=').next().unwrap_or(p);
        let section = ["current", "target", "cluster", "configmgr"]
            .iter()
            .position(|s| key == *s || key.starts_with(&format!("{s}.")))
            .unwrap_or(9);
        (section, !key.ends_with(".os"), key.to_string())
    };
    pairs.sort_by_cached_key(|p| rank(p));
    pairs.join("&")
}

fn encode_value(v: &Value) -> String {
    match v {
        Value::Text(t) => percent_encode(t),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::List(items) => items
            .iter()
            .map(|i| percent_encode(i))
            .collect::<Vec<_>>()
            .join(","),
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
    let mut pairs: Vec<(String, String)> = Vec::new();
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(key).ok_or_else(|| bad_encoding(key))?;
        if schema::field(&key).is_none() && schema::section(&key).is_none() {
            return Err(InputError::new(
                printable(&key),
                "not a field of the scenario; accepted: dotted field names such as `current.os` or `target.edition`",
            ));
        }
        if pairs.iter().any(|(k, _)| *k == key) {
            return Err(InputError::new(key, "given twice in the link"));
        }
        pairs.push((key, raw.to_string()));
    }
    parse::read(&Pairs(pairs)).map(Some)
}

/// A fragment's `path = raw text` pairs (raw: still percent-encoded).
struct Pairs(Vec<(String, String)>);

impl Pairs {
    fn raw(&self, path: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == path)
            .map(|(_, v)| v.as_str())
    }
}

impl Input for Pairs {
    fn object(&self, path: &str) -> Result<bool, InputError> {
        Ok(path.is_empty()
            || self.0.iter().any(|(k, _)| {
                k == path || (k.starts_with(path) && k[path.len()..].starts_with('.'))
            }))
    }

    fn value(&self, f: &Field) -> Result<Option<Value>, InputError> {
        match self.raw(f.path) {
            None | Some("null") => Ok(None),
            Some(raw) => decode_value(f, raw).map(Some),
        }
    }
}

fn decode_value(f: &Field, raw: &str) -> Result<Value, InputError> {
    let path = f.path;
    let text = || percent_decode(raw).ok_or_else(|| bad_encoding(path));
    match f.kind {
        Kind::Id(set) => parse::id(&set, &text()?, path).map(Value::Text),
        Kind::Bool => match raw {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(InputError::new(
                path,
                format!(
                    "`{}` is not accepted; accepted: true or false",
                    printable(&text()?)
                ),
            )),
        },
        Kind::Int { min, max, accepted } => {
            let t = text()?;
            match t.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) && t.len() <= 20 => Ok(Value::Int(n)),
                _ => Err(InputError::new(
                    path,
                    format!("`{}` is not accepted; accepted: {accepted}", printable(&t)),
                )),
            }
        }
        Kind::Text => Ok(Value::Text(text()?)),
        Kind::Date => parse::date(&text()?, path).map(Value::Text),
        Kind::Names | Kind::Ids(_) => {
            let mut items = Vec::new();
            for (i, item) in raw.split(',').filter(|s| !s.is_empty()).enumerate() {
                let item = percent_decode(item).ok_or_else(|| bad_encoding(path))?;
                items.push(match f.kind {
                    Kind::Ids(set) => parse::id(&set, &item, &format!("{path}[{i}]"))?,
                    _ => item,
                });
            }
            Ok(Value::List(items))
        }
    }
}

fn bad_encoding(key: &str) -> InputError {
    InputError::new(
        printable(key),
        "malformed percent-encoding in the link; accepted: UTF-8 text with %XX escapes",
    )
}

/// Percent-encode everything but unreserved characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
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
            name: None,
            nodes: vec!["N1".into(), "N2".into(), "N3".into()],
            groups: vec!["SQL Server".into()],
            workload: None,
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
