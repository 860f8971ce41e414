//! A minimal Office Open XML workbook (`.xlsx`): sheets of text cells, nothing else — what Excel,
//! LibreOffice and openpyxl read. Written by hand (a stored ZIP with CRC-32 and five small XML
//! parts per workbook) rather than with a crate: a few KiB of code in the Fleet view's second stage
//! instead of a compression library. Every cell is an inline string, so a cell holds exactly the
//! text of the CSV export it comes from.

/// One sheet: its name (at most 31 characters, no `[]:*?/\`) and its rows of cells.
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// The workbook as the bytes of an `.xlsx` file.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut zip = Zip::default();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        book.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            xml(&sheet_name(&sheet.name))
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        zip.add(
            &format!("xl/worksheets/sheet{n}.xml"),
            worksheet(&sheet.rows).as_bytes(),
        );
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    zip.add("[Content_Types].xml", types.as_bytes());
    zip.add(
        "_rels/.rels",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    zip.add("xl/workbook.xml", book.as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", rels.as_bytes());
    zip.finish()
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if clean.is_empty() {
        "Sheet".to_string()
    } else {
        clean
    }
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
fn column(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn worksheet(rows: &[Vec<String>]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        s.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            s.push_str(&format!(
                r#"<c r="{}{}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                column(c),
                r + 1,
                xml(cell)
            ));
        }
        s.push_str("</row>");
    }
    s.push_str("</sheetData></worksheet>");
    s
}

/// Text for XML: the five entities escaped, and characters XML 1.0 cannot hold (control
/// characters other than tab and line breaks) left out.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A ZIP archive whose entries are stored (not compressed).
#[derive(Default)]
struct Zip {
    data: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

impl Zip {
    fn add(&mut self, name: &str, bytes: &[u8]) {
        let crc = crc32(bytes);
        let size = bytes.len() as u32;
        let offset = self.data.len() as u32;
        let name = name.as_bytes();
        // Local file header: version 2.0, no flags, stored, a fixed DOS time (1980-01-01).
        let header = |sig: u32, central: bool| {
            let mut h = Vec::with_capacity(46 + name.len());
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&0x21u16.to_le_bytes());
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            if central {
                h.extend_from_slice(&0u16.to_le_bytes());
                h.extend_from_slice(&0u16.to_le_bytes());
                h.extend_from_slice(&0u16.to_le_bytes());
                h.extend_from_slice(&0u32.to_le_bytes());
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name);
            h
        };
        self.data.extend_from_slice(&header(0x0403_4b50, false));
        self.data.extend_from_slice(bytes);
        self.central.extend_from_slice(&header(0x0201_4b50, true));
        self.entries += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let offset = self.data.len() as u32;
        let size = self.central.len() as u32;
        self.data.extend_from_slice(&self.central);
        self.data.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.data.extend_from_slice(&[0, 0, 0, 0]);
        self.data.extend_from_slice(&self.entries.to_le_bytes());
        self.data.extend_from_slice(&self.entries.to_le_bytes());
        self.data.extend_from_slice(&size.to_le_bytes());
        self.data.extend_from_slice(&offset.to_le_bytes());
        self.data.extend_from_slice(&0u16.to_le_bytes());
        self.data
    }
}

/// CSV text → rows of cells (the exports' own CSV; a bad record ends the sheet).
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map_while(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_and_columns() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(27), "AB");
        assert_eq!(sheet_name("a/b:c[d]*?"), "abcd");
    }

    #[test]
    fn a_workbook_is_a_zip_with_its_parts() {
        let bytes = workbook(&[Sheet {
            name: "Machines".into(),
            rows: vec![vec!["name".into(), "a<b & \"c\"".into()]],
        }]);
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("xl/worksheets/sheet1.xml"));
        assert!(text.contains("a&lt;b &amp; &quot;c&quot;"));
        assert!(text.contains(r#"<sheet name="Machines" sheetId="1" r:id="rId1"/>"#));
    }
}
