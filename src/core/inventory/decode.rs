//! Bytes of a file → text, and line numbers of records.

/// Bytes of a file → text: UTF-8 (BOM optional), UTF-16 with a BOM (what PowerShell's `>`
/// writes), or else Windows-1252 (what Excel's "CSV" writes on Western systems).
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8(rest.to_vec()).map_err(|_| {
            "the file starts with a UTF-8 byte-order mark but is not UTF-8".to_string()
        })?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
        }
    };
    if text.contains('\0') {
        return Err(
            "the file is not text (it contains NUL bytes; UTF-16 needs a byte-order mark): save it as UTF-8 CSV or JSON"
                .to_string(),
        );
    }
    Ok(text)
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> Result<String, String> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| f([c[0], c[1]])).collect();
    String::from_utf16(&units).map_err(|_| "the file is not valid UTF-16 text".to_string())
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Line numbers from byte offsets (the csv crate's own line count is off after CRLF line ends).
pub struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }
    /// The line of the record starting at `byte` (offsets only grow).
    pub fn at(&mut self, byte: u64) -> usize {
        let mut start = (byte as usize).min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.at {
            self.line += line_breaks(self.text, self.at..start);
            self.at = start;
        }
        self.line
    }
}

/// The line breaks that end within `range` of `text` (CR, LF and CRLF alike, see below).
pub fn line_breaks(text: &[u8], range: std::ops::Range<usize>) -> usize {
    range.filter(|&i| line_break_ends_at(text, i)).count()
}

/// Whether a line break ends at byte `i`, counted as an editor does: CRLF is one break, a lone CR
/// (classic Mac) and a lone LF one each.
pub fn line_break_ends_at(text: &[u8], i: usize) -> bool {
    match text[i] {
        b'\n' => true,
        b'\r' => text.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFa,b").unwrap(), "a,b");
        assert_eq!(decode_text(&[0xFF, 0xFE, b'a', 0, b',', 0]).unwrap(), "a,");
        assert_eq!(decode_text(b"caf\xE9 \x80").unwrap(), "café €");
        assert!(decode_text(b"a\0b").is_err());
    }

    #[test]
    fn lines_count_cr_lf_and_crlf_alike() {
        for (text, second, third) in [
            ("h\na\nb\n", 2, 4),
            ("h\r\na\r\nb\r\n", 3, 6),
            ("h\ra\rb\r", 2, 4),
            ("h\r\na\rb\n", 3, 5),
        ] {
            let mut lines = LineCounter::new(text);
            assert_eq!(lines.at(0), 1, "{text:?}");
            assert_eq!(lines.at(second), 2, "{text:?}");
            assert_eq!(lines.at(third), 3, "{text:?}");
        }
    }
}
