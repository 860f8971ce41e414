//! A small JSON reader for the Scenario contract and JSON inventories. Beyond plain JSON it keeps
//! what the error messages need: numbers as the user wrote them (`-0`, a 23-digit number), the
//! position of every array item (for line numbers), and it refuses a key given twice in one object
//! (the last one would silently win). Nesting is limited, so hostile input cannot overflow the
//! stack. (The page's wasm carries this instead of serde_json's much larger deserializer.)

use std::fmt;

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 128;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number's text as written.
    Number(String),
    String(String),
    /// Items with the byte offset each starts at.
    Array(Vec<(usize, Json)>),
    /// Keys in document order; no key twice.
    Object(Vec<(String, Json)>),
}

/// Why the text is not JSON, and where (1-based line and column, counted in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl Json {
    /// The value of `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// A whole number written without sign, fraction or exponent that fits in `u64`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) if n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// "a string", "a number", …: what the value is, in words.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }

    /// The value as JSON text (for echoing it in a message).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, (_, v)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Parse a whole text as one JSON value (surrounding white space allowed).
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    p.space();
    let v = p.value(0)?;
    p.space();
    if p.at < p.bytes.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(v)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> JsonError {
        // Lines as the user's editor counts them: CR, LF and CRLF each end one.
        use crate::core::inventory::{line_break_ends_at, line_breaks};
        let at = self.at.min(self.text.len());
        let line = line_breaks(self.bytes, 0..at) + 1;
        let line_start = (0..at)
            .rev()
            .find(|&i| line_break_ends_at(self.bytes, i) || self.bytes[i] == b'\r')
            .map_or(0, |i| i + 1);
        let column = self.text[line_start..at].chars().count() + 1;
        JsonError {
            message: message.to_string(),
            line,
            column,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, b: u8, what: &str) -> Result<(), JsonError> {
        if self.peek() == Some(b) {
            self.at += 1;
            Ok(())
        } else if self.peek().is_none() {
            Err(self.error("unexpected end of the text"))
        } else {
            Err(self.error(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        match self.peek() {
            None => Err(self.error("unexpected end of the text")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => {
                for (word, v) in [
                    ("true", Json::Bool(true)),
                    ("false", Json::Bool(false)),
                    ("null", Json::Null),
                ] {
                    if self.bytes[self.at..].starts_with(word.as_bytes()) {
                        self.at += word.len();
                        return Ok(v);
                    }
                }
                Err(self.error("expected a value"))
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut fields: Vec<(String, Json)> = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(fields));
        }
        loop {
            self.space();
            match self.peek() {
                None => return Err(self.error("unexpected end of the text")),
                Some(b'"') => {}
                Some(_) => return Err(self.error("expected a key in double quotes")),
            }
            let key_at = self.at;
            let key = self.string()?;
            if fields.iter().any(|(k, _)| *k == key) {
                self.at = key_at;
                return Err(self.error(&format!(
                    "the key `{}` is given twice in one object",
                    super::scenario::printable(&key)
                )));
            }
            self.space();
            self.expect(b':', "expected `:` after a key")?;
            self.space();
            let v = self.value(depth + 1)?;
            fields.push((key, v));
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(fields));
                }
                None => return Err(self.error("unexpected end of the text")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.space();
            let start = self.at;
            items.push((start, self.value(depth + 1)?));
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.error("unexpected end of the text")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.at += 1;
            }
            p.at > from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let int_start = self.at;
        if !digits(self) {
            return Err(self.error("expected a digit"));
        }
        if self.bytes[int_start] == b'0' && self.at - int_start > 1 {
            self.at = int_start;
            return Err(self.error("a number may not start with 0"));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(self.error("expected a digit after `.`"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        Ok(Json::Number(self.text[start..self.at].to_string()))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let run = self.at;
            while !matches!(self.peek(), None | Some(b'"' | b'\\')) {
                if self.bytes[self.at] < 0x20 {
                    return Err(self.error("a control character inside a string"));
                }
                self.at += 1;
            }
            out.push_str(&self.text[run..self.at]);
            match self.peek() {
                None => return Err(self.error("a string is never closed")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                _ => out.push(self.escape()?),
            }
        }
    }

    fn escape(&mut self) -> Result<char, JsonError> {
        self.at += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode(),
            _ => return Err(self.error("an unknown escape in a string")),
        };
        self.at += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let hex = self
            .text
            .get(self.at + 1..self.at + 5)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("expected four hex digits after `\\u`"))?;
        self.at += 5;
        u32::from_str_radix(hex, 16).map_err(|_| self.error("expected four hex digits"))
    }

    fn unicode(&mut self) -> Result<char, JsonError> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            if !self.bytes[self.at..].starts_with(b"\\u") {
                return Err(self.error("a lone surrogate in a string"));
            }
            self.at += 1;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.error("a lone surrogate in a string"));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.error("a lone surrogate in a string"))
    }
}

/// A value of serde_json (the command's and the fleet engine's options) as this reader's value.
pub fn from_serde(v: &serde_json::Value) -> Json {
    match v {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(*b),
        serde_json::Value::Number(n) => Json::Number(n.to_string()),
        serde_json::Value::String(s) => Json::String(s.clone()),
        serde_json::Value::Array(items) => {
            Json::Array(items.iter().map(|v| (0, from_serde(v))).collect())
        }
        serde_json::Value::Object(map) => Json::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), from_serde(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_positions() {
        let v = parse(
            " {\"a\": [1, -0, 2.5e3, \"x\\u00e9\\ud83d\\ude00\"], \"b\": null, \"c\": true} ",
        )
        .unwrap();
        let Some(Json::Array(items)) = v.get("a") else {
            panic!("{v:?}")
        };
        assert_eq!(items[1].1, Json::Number("-0".into()));
        assert_eq!(items[3].1, Json::String("xé😀".into()));
        assert_eq!(items[0].0, 8);
        assert_eq!(v.get("a").unwrap().to_text(), r#"[1,-0,2.5e3,"xé😀"]"#);
        assert_eq!(
            Json::Number("12345678901234567890123".into()).as_u64(),
            None
        );
        assert_eq!(Json::Number("42".into()).as_u64(), Some(42));
    }

    #[test]
    fn errors_say_where() {
        for (text, message, line, column) in [
            ("", "unexpected end of the text", 1, 1),
            ("{", "unexpected end of the text", 1, 2),
            (
                "{\"a\":1,\n \"a\":2}",
                "the key `a` is given twice in one object",
                2,
                2,
            ),
            ("[1 2]", "expected `,` or `]`", 1, 4),
            ("01", "a number may not start with 0", 1, 1),
            ("\"a\nb\"", "a control character inside a string", 1, 3),
            ("{} x", "trailing characters", 1, 4),
            ("\"\\ud800\"", "a lone surrogate in a string", 1, 8),
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!(
                (e.message.as_str(), e.line, e.column),
                (message, line, column),
                "{text:?}"
            );
        }
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep).unwrap_err().message, "nested too deeply");
    }
}
