//! Workbooks in and out: `.xlsx` input reads exactly like the same table as CSV, errors name
//! sheet and cell, hostile archives (zip bombs, lying sizes, non-zip files) fail with a typed
//! error before anything large is unpacked.

mod common;

use std::io::{Cursor, Write};

use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};
use keyaccount::portfolio::{
    read_csv, read_xlsx, InputOptions, Periods, WorkbookLimits, WorkbookOptions,
};
use keyaccount::{Error, ScoreField};
use proptest::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

// ---------------------------------------------------------------------------------------------
// A hand-built zip archive, so that tests control every declared size and byte.

/// One zip entry: name, compression method (0 stored, 8 deflate), packed bytes, the unpacked
/// size it declares and its CRC-32.
struct Part {
    name: String,
    method: u16,
    data: Vec<u8>,
    size: u32,
    crc: u32,
}

fn crc(bytes: &[u8]) -> u32 {
    let mut c = Crc::new();
    c.update(bytes);
    c.sum()
}

fn stored(name: &str, bytes: &[u8]) -> Part {
    Part {
        name: name.to_owned(),
        method: 0,
        data: bytes.to_vec(),
        size: u32::try_from(bytes.len()).unwrap(),
        crc: crc(bytes),
    }
}

fn deflated(name: &str, bytes: &[u8]) -> Part {
    let mut e = DeflateEncoder::new(Vec::new(), Compression::best());
    e.write_all(bytes).unwrap();
    Part {
        method: 8,
        data: e.finish().unwrap(),
        ..stored(name, bytes)
    }
}

/// A deflate stream of `head`, `body` repeated `times` times, then `tail`, without ever holding
/// the unpacked text: each piece is compressed on its own and ends on a byte boundary (a sync
/// flush), so the packed pieces concatenate. Returns the stream and its unpacked length.
fn deflate_repeated(head: &[u8], body: &[u8], times: usize, tail: &[u8]) -> (Vec<u8>, u64) {
    let piece = |bytes: &[u8]| {
        let mut e = DeflateEncoder::new(Vec::new(), Compression::best());
        e.write_all(bytes).unwrap();
        e.flush().unwrap();
        e.get_ref().clone()
    };
    let mut out = piece(head);
    let body_packed = piece(body);
    for _ in 0..times {
        out.extend_from_slice(&body_packed);
    }
    let mut e = DeflateEncoder::new(Vec::new(), Compression::best());
    e.write_all(tail).unwrap();
    out.extend_from_slice(&e.finish().unwrap());
    let size = (head.len() + body.len() * times + tail.len()) as u64;
    (out, size)
}

fn zip(parts: &[Part]) -> Vec<u8> {
    fn u16le(out: &mut Vec<u8>, v: u16) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    fn u32le(out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for p in parts {
        let offset = u32::try_from(out.len()).unwrap();
        let name_len = u16::try_from(p.name.len()).unwrap();
        let packed = u32::try_from(p.data.len()).unwrap();
        // Local header: signature, version 2.0, flags, method, time, date 1980-01-01, crc,
        // sizes, name and extra lengths.
        u32le(&mut out, 0x0403_4b50);
        for v in [20, 0, p.method, 0, 0x21] {
            u16le(&mut out, v);
        }
        for v in [p.crc, packed, p.size] {
            u32le(&mut out, v);
        }
        u16le(&mut out, name_len);
        u16le(&mut out, 0);
        out.extend_from_slice(p.name.as_bytes());
        out.extend_from_slice(&p.data);
        // Central directory entry.
        u32le(&mut central, 0x0201_4b50);
        for v in [20, 20, 0, p.method, 0, 0x21] {
            u16le(&mut central, v);
        }
        for v in [p.crc, packed, p.size] {
            u32le(&mut central, v);
        }
        for v in [name_len, 0, 0, 0, 0] {
            u16le(&mut central, v);
        }
        u32le(&mut central, 0);
        u32le(&mut central, offset);
        central.extend_from_slice(p.name.as_bytes());
    }
    let cd_offset = u32::try_from(out.len()).unwrap();
    let cd_size = u32::try_from(central.len()).unwrap();
    out.extend_from_slice(&central);
    let n = u16::try_from(parts.len()).unwrap();
    u32le(&mut out, 0x0605_4b50);
    for v in [0, 0, n, n] {
        u16le(&mut out, v);
    }
    u32le(&mut out, cd_size);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    out
}

/// The parts of a workbook written by rust_xlsxwriter, unpacked.
fn parts_of(xlsx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
            (f.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

const SHEET: &str = "xl/worksheets/sheet1.xml";
const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

/// A one-sheet workbook ("Accounts") whose sheet part is `sheet`; the other parts are
/// rust_xlsxwriter's, stored.
fn workbook_with_sheet(sheet: Part) -> Vec<u8> {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Accounts").unwrap();
    let mut parts = parts_of(&book.save_to_buffer().unwrap())
        .into_iter()
        .filter(|(name, _)| name != SHEET)
        .map(|(name, bytes)| stored(&name, &bytes))
        .collect::<Vec<_>>();
    parts.push(sheet);
    zip(&parts)
}

fn sheet_xml(rows: &str) -> String {
    format!("{SHEET_HEAD}{rows}{SHEET_TAIL}")
}

fn read(bytes: &[u8]) -> Result<Periods, Error> {
    read_xlsx(
        Cursor::new(bytes),
        &InputOptions::default(),
        &WorkbookOptions::default(),
    )
}

fn read_with(bytes: &[u8], options: &WorkbookOptions) -> Result<Periods, Error> {
    read_xlsx(Cursor::new(bytes), &InputOptions::default(), options)
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Writes a CSV table into a sheet the way an analyst's export holds it: numbers as numbers,
/// text as text, empty cells left out.
fn csv_to_workbook(csv: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Accounts").unwrap();
    for (r, line) in csv.lines().enumerate() {
        let row = u32::try_from(r).unwrap();
        for (c, cell) in line.split(',').enumerate() {
            let col = u16::try_from(c).unwrap();
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(v) if r > 0 => sheet.write_number(row, col, v).unwrap(),
                _ => sheet.write_string(row, col, cell).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn the_sample_portfolio_reads_as_from_csv() {
    let csv = std::fs::read_to_string("data/portfolio.csv").unwrap();
    let from_csv = read_csv(csv.as_bytes()).unwrap();
    let from_xlsx = read(&csv_to_workbook(&csv)).unwrap();
    assert_eq!(from_xlsx.labels(), ["2024", "2025"]);
    assert_eq!(from_xlsx, from_csv);
}

#[test]
fn typed_cells_become_the_text_the_csv_reader_expects() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Export").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    // Two title rows and an empty column A, as exports often have; the table starts at B3.
    sheet.write(0, 0, "CRM export").unwrap();
    sheet
        .write_row(2, 1, ["period", "id", "name", "revenue", "fit:growth"])
        .unwrap();
    let period = ExcelDateTime::from_ymd(2025, 3, 31).unwrap();
    sheet
        .write_datetime_with_format(3, 1, &period, &date)
        .unwrap();
    sheet.write_row(3, 2, ["A", "Alpha\nGmbH"]).unwrap();
    sheet.write_number(3, 4, 0.1 + 0.2).unwrap(); // shortest round trip: 0.30000000000000004
    sheet.write_number(3, 5, 7).unwrap();
    // Row 5 (index 4) left empty; a styled but empty cell counts as empty.
    sheet.write_blank(4, 3, &Format::new().set_bold()).unwrap();
    sheet
        .write_datetime_with_format(5, 1, &period, &date)
        .unwrap();
    sheet.write_row(5, 2, ["B", "Beta"]).unwrap();
    sheet.write_number(5, 4, 1e21).unwrap();
    let bytes = book.save_to_buffer().unwrap();

    // Rows 1 and 2 are above the table: the title is read as the header, as in a CSV file.
    let err = read(&bytes).unwrap_err();
    assert!(
        matches!(&err, Error::WorkbookSheet { sheet, row: Some(1), source }
            if sheet == "Export" && matches!(**source, Error::Header { .. })),
        "{err:?}"
    );
    assert!(err.chain().starts_with(
        "sheet \"Export\", row 1: the header has 9 problems:\n  - column 1 \"CRM export\" is not a known column"
    ), "{err}");

    // Without the title the table reads.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_row(2, 1, ["period", "id", "name", "revenue", "fit:growth"])
        .unwrap();
    sheet
        .write_datetime_with_format(3, 1, &period, &date)
        .unwrap();
    sheet.write_row(3, 2, ["A", "Alpha\nGmbH"]).unwrap();
    sheet.write_number(3, 4, 0.1 + 0.2).unwrap();
    sheet.write_number(3, 5, 7).unwrap();
    sheet.write_blank(4, 3, &Format::new().set_bold()).unwrap();
    sheet
        .write_datetime_with_format(5, 1, &period, &date)
        .unwrap();
    sheet.write_row(5, 2, ["B", "Beta"]).unwrap();
    sheet.write_number(5, 4, 1e21).unwrap();
    let periods = read(&book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(periods.labels(), ["2025-03-31"]);
    let p = periods.get("2025-03-31").unwrap();
    let a = p.get("A").unwrap();
    assert_eq!(a.name, "Alpha\nGmbH");
    assert_eq!(a.revenue, 0.1 + 0.2);
    assert_eq!(p.rating("A", ScoreField::StrategicFit, "growth"), Some(7.0));
    let b = p.get("B").unwrap();
    assert_eq!(b.revenue, 1e21);
    assert_eq!(p.rating("B", ScoreField::StrategicFit, "growth"), None);
}

#[test]
fn errors_name_the_sheet_and_the_cell() {
    // A line break inside a cell and an empty row before the bad cell must not shift the row.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Accounts").unwrap();
    sheet
        .write_row(0, 0, ["id", "name", "revenue", "target"])
        .unwrap();
    sheet
        .write_row(1, 0, ["A", "Alpha\nline two\nline three"])
        .unwrap();
    sheet.write_number(1, 2, 10).unwrap();
    sheet.write_row(3, 0, ["B", "Beta"]).unwrap();
    sheet.write_number(3, 2, 5).unwrap();
    sheet.write_string(3, 3, "twelve").unwrap();
    let err = read(&book.save_to_buffer().unwrap()).unwrap_err();
    assert_eq!(
        err,
        Error::WorkbookInvalidValue {
            sheet: "Accounts".into(),
            cell: "D4".into(),
            column: "target".into(),
            value: "twelve".into(),
            reason: "is not a finite number",
        }
    );
    assert_eq!(
        err.to_string(),
        r#"sheet "Accounts", cell D4 (column target): "twelve" is not a finite number"#
    );

    // An invalid account: the sheet row.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Accounts").unwrap();
    sheet.write_row(0, 0, ["id", "name", "revenue"]).unwrap();
    for (r, id) in [(1, "A"), (2, "B"), (4, "A")] {
        sheet.write_row(r, 0, [id, "x"]).unwrap();
        sheet.write_number(r, 2, 1).unwrap();
    }
    let err = read(&book.save_to_buffer().unwrap()).unwrap_err();
    assert_eq!(
        err.chain(),
        r#"sheet "Accounts", row 5: account "A" appears twice"#
    );
    assert!(matches!(
        err,
        Error::WorkbookSheet { row: Some(5), ref source, .. }
            if matches!(**source, Error::DuplicateAccount { .. })
    ));

    // A negative revenue, from a number cell.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Accounts").unwrap();
    sheet.write_row(0, 0, ["id", "name", "revenue"]).unwrap();
    sheet.write_row(1, 0, ["A", "Alpha"]).unwrap();
    sheet.write_number(1, 2, -3.5).unwrap();
    let err = read(&book.save_to_buffer().unwrap()).unwrap_err();
    assert!(err
        .chain()
        .starts_with(r#"sheet "Accounts", row 2: account "A": revenue -3.5"#));

    // A missing column: the header's row.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Accounts").unwrap();
    sheet.write_row(0, 0, ["id", "name"]).unwrap();
    sheet.write_row(1, 0, ["A", "Alpha"]).unwrap();
    let err = read(&book.save_to_buffer().unwrap()).unwrap_err();
    assert!(
        err.chain().starts_with(
            "sheet \"Accounts\", row 1: the header has a problem:\n  - no column for revenue"
        ),
        "{err}"
    );

    // Header problems count columns as the sheet does, wherever the table starts.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Accounts").unwrap();
    sheet.write_row(4, 2, ["id", "name", "Reveneu"]).unwrap();
    sheet.write_row(5, 2, ["A", "Alpha"]).unwrap();
    sheet.write_number(5, 4, 1).unwrap();
    let err = read(&book.save_to_buffer().unwrap()).unwrap_err();
    let text = err.chain();
    assert!(
        text.starts_with("sheet \"Accounts\", row 5: the header has 2 problems:"),
        "{text}"
    );
    assert!(
        text.contains(r#"column 5 "Reveneu" is not a known column; did you mean "revenue"?"#),
        "{text}"
    );
}

#[test]
fn a_formula_error_cell_is_an_error_naming_the_cell() {
    let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>revenue</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2" t="inlineStr"><is><t>Alpha</t></is></c><c r="C2" t="e"><v>#N/A</v></c></row>"#;
    let bytes = workbook_with_sheet(deflated(SHEET, sheet_xml(rows).as_bytes()));
    let err = read(&bytes).unwrap_err();
    assert_eq!(
        err.to_string(),
        r##"sheet "Accounts", cell C2 (column revenue): "#N/A" is a formula error"##
    );
}

#[test]
fn a_named_sheet_is_read_and_a_missing_one_is_listed() {
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write(0, 0, "read me first")
        .unwrap();
    let hidden = book.add_worksheet().set_name("Old").unwrap();
    hidden.write(0, 0, "old export").unwrap();
    hidden.set_hidden(true);
    let accounts = book.add_worksheet().set_name("Accounts").unwrap();
    accounts.write_row(0, 0, ["id", "name", "revenue"]).unwrap();
    accounts.write_row(1, 0, ["A", "Alpha"]).unwrap();
    accounts.write_number(1, 2, 3).unwrap();
    let bytes = book.save_to_buffer().unwrap();

    // The first visible sheet by default.
    let err = read(&bytes).unwrap_err();
    assert!(matches!(err, Error::WorkbookSheet { ref sheet, .. } if sheet == "Notes"));

    let options = WorkbookOptions {
        sheet: Some("Accounts".into()),
        ..WorkbookOptions::default()
    };
    let periods = read_with(&bytes, &options).unwrap();
    assert_eq!(periods.latest().unwrap().1.total_revenue(), 3.0);

    let options = WorkbookOptions {
        sheet: Some("accounts".into()),
        ..WorkbookOptions::default()
    };
    let err = read_with(&bytes, &options).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"workbook has no worksheet "accounts"; its worksheets: [Notes, Old, Accounts]"#
    );
}

#[test]
fn the_first_visible_sheet_is_the_default() {
    let mut book = Workbook::new();
    let hidden = book.add_worksheet().set_name("Old").unwrap();
    hidden.write(0, 0, "old export").unwrap();
    hidden.set_hidden(true);
    let accounts = book.add_worksheet().set_name("Accounts").unwrap();
    accounts.write_row(0, 0, ["id", "name", "revenue"]).unwrap();
    accounts.write_row(1, 0, ["A", "Alpha"]).unwrap();
    accounts.write_number(1, 2, 3).unwrap();
    accounts.set_active(true);
    let periods = read(&book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(periods.latest().unwrap().1.len(), 1);
}

#[test]
fn an_empty_sheet_is_an_empty_portfolio() {
    let mut book = Workbook::new();
    book.add_worksheet();
    let err = read(&book.save_to_buffer().unwrap()).unwrap_err();
    assert!(matches!(
        err,
        Error::WorkbookSheet { ref source, .. } if **source == Error::EmptyPortfolio
    ));
}

// ---------------------------------------------------------------------------------------------
// Hostile files

fn bomb_rows() -> (&'static str, &'static str) {
    let head = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>"#;
    let body =
        r#"<row r="2"><c r="A2" t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>"#;
    (head, body)
}

/// A sheet part that unpacks to about 1 GiB from about 1 MB, declaring `declared` as its size
/// (`None`: the truth).
fn bomb_part(declared: Option<u32>) -> (Part, u64) {
    let (head, body) = bomb_rows();
    let body = body.repeat(1 << 14); // about 1.2 MB
    let times = 850;
    let (data, size) = deflate_repeated(
        format!("{SHEET_HEAD}{head}").as_bytes(),
        body.as_bytes(),
        times,
        SHEET_TAIL.as_bytes(),
    );
    // The CRC is never reached: the reader stops at the size limit first.
    let part = Part {
        name: SHEET.into(),
        method: 8,
        data,
        size: declared.unwrap_or_else(|| u32::try_from(size).unwrap()),
        crc: 0,
    };
    (part, size)
}

#[test]
fn a_zip_bomb_is_refused_by_its_declared_size() {
    let (part, size) = bomb_part(None);
    assert!(size > 1 << 30, "the bomb unpacks to {size} bytes");
    let packed = part.data.len();
    assert!(packed < 4 << 20, "the bomb packs to {packed} bytes");
    let bytes = workbook_with_sheet(part);
    let err = read(&bytes).unwrap_err();
    match &err {
        Error::WorkbookTooLarge {
            part, value, limit, ..
        } => {
            assert_eq!(part, SHEET);
            assert_eq!(*limit, WorkbookLimits::default().max_unpacked_bytes);
            assert!(*value > *limit);
        }
        other => panic!("expected WorkbookTooLarge, got {other:?}"),
    }
    assert!(err.to_string().contains("declared unpacked size"), "{err}");
}

#[test]
fn a_part_that_compresses_too_well_is_refused_by_its_ratio() {
    // About 50 MB from about 40 kB: under the size limit, far over the ratio limit.
    let (head, body) = bomb_rows();
    let (data, size) = deflate_repeated(
        format!("{SHEET_HEAD}{head}").as_bytes(),
        body.repeat(1 << 12).as_bytes(),
        150,
        SHEET_TAIL.as_bytes(),
    );
    assert!(size < WorkbookLimits::default().max_unpacked_bytes);
    let part = Part {
        name: SHEET.into(),
        method: 8,
        data,
        size: u32::try_from(size).unwrap(),
        crc: 0,
    };
    let err = read(&workbook_with_sheet(part)).unwrap_err();
    assert!(
        matches!(err, Error::WorkbookTooLarge { what: "compression ratio", value, limit: 100, .. } if value > 100),
        "{err:?}"
    );
}

#[test]
fn a_part_that_lies_about_its_size_is_stopped_at_the_size_it_declares() {
    // Declares 2 MiB (a ratio of about 2, which passes), really unpacks to about 1 GiB.
    let declared = 2 << 20;
    let (part, _) = bomb_part(Some(declared));
    let err = read(&workbook_with_sheet(part)).unwrap_err();
    assert_eq!(
        err,
        Error::WorkbookTooLarge {
            part: SHEET.into(),
            what: "unpacked size in bytes (more than the part declares)",
            value: u64::from(declared) + 1,
            limit: u64::from(declared),
        }
    );
}

#[test]
fn the_hand_built_archive_is_a_valid_workbook() {
    // The bomb tests' container, with an honest sheet: it reads, so they fail only on size.
    let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>revenue</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2" t="inlineStr"><is><t>Alpha</t></is></c><c r="C2"><v>12.5</v></c></row>"#;
    let xml = sheet_xml(rows);
    for part in [
        stored(SHEET, xml.as_bytes()),
        deflated(SHEET, xml.as_bytes()),
    ] {
        let periods = read(&workbook_with_sheet(part)).unwrap();
        assert_eq!(periods.latest().unwrap().1.total_revenue(), 12.5);
    }
    // The same through the sync-flushed pieces the bombs are made of.
    let (data, size) = deflate_repeated(
        format!("{SHEET_HEAD}{rows}").as_bytes(),
        b"",
        3,
        SHEET_TAIL.as_bytes(),
    );
    let part = Part {
        name: SHEET.into(),
        method: 8,
        data,
        size: u32::try_from(size).unwrap(),
        crc: crc(xml.as_bytes()),
    };
    assert_eq!(
        read(&workbook_with_sheet(part))
            .unwrap()
            .latest()
            .unwrap()
            .1
            .len(),
        1
    );
}

#[test]
fn the_limits_are_the_callers() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_row(0, 0, ["id", "name", "revenue"]).unwrap();
    for r in 1..=20 {
        sheet
            .write_row(r, 0, [format!("A{r}"), "x".into()])
            .unwrap();
        sheet.write_number(r, 2, 1).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    assert_eq!(read(&bytes).unwrap().latest().unwrap().1.len(), 20);
    let limited = |limits: WorkbookLimits| {
        read_with(
            &bytes,
            &WorkbookOptions {
                sheet: None,
                limits,
            },
        )
        .unwrap_err()
    };
    let err = limited(WorkbookLimits {
        max_cells: 60,
        ..WorkbookLimits::default()
    });
    assert!(
        matches!(
            err,
            Error::WorkbookTooLarge {
                value: 63,
                limit: 60,
                ..
            }
        ),
        "{err:?}"
    );
    let err = limited(WorkbookLimits {
        max_parts: 3,
        ..WorkbookLimits::default()
    });
    assert!(
        matches!(
            err,
            Error::WorkbookTooLarge {
                what: "number of parts",
                ..
            }
        ),
        "{err:?}"
    );
    let err = limited(WorkbookLimits {
        max_unpacked_bytes: 1000,
        ..WorkbookLimits::default()
    });
    assert!(
        matches!(err, Error::WorkbookTooLarge { limit: 1000, .. }),
        "{err:?}"
    );
}

#[test]
fn files_that_are_not_workbooks_fail_cleanly() {
    let mut book = Workbook::new();
    book.add_worksheet().write(0, 0, "id").unwrap();
    let good = book.save_to_buffer().unwrap();

    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.resize(4096, 0);
    let mut flipped = good.clone();
    let mid = flipped.len() / 3;
    for b in &mut flipped[mid..mid + 64] {
        *b ^= 0x5A;
    }
    let cases: [(&str, Vec<u8>); 6] = [
        ("empty", Vec::new()),
        ("csv", b"id,name,revenue\nA,Alpha,1\n".to_vec()),
        ("xls or encrypted", cfb),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("no central directory", good[..good.len() - 22].to_vec()),
        ("damaged", flipped),
    ];
    for (name, bytes) in cases {
        let err = read(&bytes).unwrap_err();
        match err {
            Error::WorkbookMalformed { .. } => {
                assert!(err.to_string().starts_with("workbook: "), "{name}: {err}");
            }
            // Damaged deflate data may inflate past the size its part declares.
            Error::WorkbookTooLarge { value, limit, .. } if name == "damaged" => {
                assert_eq!(value, limit + 1);
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    let err = read(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).unwrap_err();
    assert!(err.to_string().contains("legacy .xls"), "{err}");

    let sheet = stored(SHEET, sheet_xml("<row r=\"1\"><c r=\"A1\"").as_bytes());
    let err = read(&workbook_with_sheet(sheet)).unwrap_err();
    assert!(matches!(err, Error::WorkbookMalformed { .. }), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// Properties

fn account_rows() -> impl Strategy<Value = Vec<(String, String, f64, Option<f64>)>> {
    prop::collection::vec(
        (
            "[A-Z][A-Z0-9]{0,5}",
            "[a-zA-Z][a-zA-Z ,.\"]{0,12}",
            prop_oneof![0.0..1e9, (0u32..1_000_000).prop_map(f64::from), Just(0.0)],
            prop::option::of(0.0..10.0),
        ),
        1..12,
    )
}

proptest! {
    #![proptest_config(common::proptest_config())]

    /// Any table written as typed cells reads exactly as the same table written as CSV.
    #[test]
    fn workbook_and_csv_read_the_same(rows in account_rows()) {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let mut csv = csv::Writer::from_writer(Vec::new());
        sheet.write_row(0, 0, ["id", "name", "revenue", "fit:growth"]).unwrap();
        csv.write_record(["id", "name", "revenue", "fit:growth"]).unwrap();
        for (i, (id, name, revenue, fit)) in rows.iter().enumerate() {
            let r = u32::try_from(i + 1).unwrap();
            sheet.write_row(r, 0, [id, name]).unwrap();
            sheet.write_number(r, 2, *revenue).unwrap();
            if let Some(f) = fit {
                sheet.write_number(r, 3, *f).unwrap();
            }
            let fit = fit.map(|f| f.to_string()).unwrap_or_default();
            csv.write_record([id.clone(), name.clone(), revenue.to_string(), fit]).unwrap();
        }
        let from_csv = read_csv(&csv.into_inner().unwrap()[..]);
        let from_xlsx = read(&book.save_to_buffer().unwrap());
        match (from_csv, from_xlsx) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) => {
                // The same failure, restated with the sheet's row.
                let inner = match b {
                    Error::WorkbookSheet { source, .. } => *source,
                    other => other,
                };
                let outer = match a {
                    Error::CsvRecord { source, .. } => *source,
                    other => other,
                };
                prop_assert_eq!(outer, inner);
            }
            (a, b) => prop_assert!(false, "csv {:?}, workbook {:?}", a, b),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing: the report as a workbook

mod output {
    use std::io::{Cursor, Read};

    use calamine::{Data, Reader, Xlsx};
    use keyaccount::analysis::{run, run_periods, AnalysisConfig, Report};
    use keyaccount::portfolio::read_csv;
    use keyaccount::render::{xlsx, XLSX_SHEETS};
    use keyaccount::{Error, Tier};

    fn sample_report() -> Report {
        let config = AnalysisConfig::from_path("data/analysis.toml").unwrap();
        run("data/portfolio.csv", &config).unwrap()
    }

    fn open(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
        Xlsx::new(Cursor::new(bytes)).unwrap()
    }

    /// The rows of a sheet, from its first row; each row padded to the sheet's width.
    fn rows(book: &mut Xlsx<Cursor<&[u8]>>, sheet: &str) -> Vec<Vec<Data>> {
        let range = book.worksheet_range(sheet).unwrap();
        assert_eq!(range.start(), Some((0, 0)), "sheet {sheet} starts at A1");
        range.rows().map(<[Data]>::to_vec).collect()
    }

    fn text(d: &Data) -> &str {
        match d {
            Data::String(s) => s,
            other => panic!("expected text, found {other:?}"),
        }
    }

    fn number(d: &Data) -> f64 {
        match d {
            Data::Float(v) => *v,
            Data::Int(v) => *v as f64,
            other => panic!("expected a number, found {other:?}"),
        }
    }

    fn optional(d: &Data) -> Option<f64> {
        match d {
            Data::Empty => None,
            other => Some(number(other)),
        }
    }

    fn flag(d: &Data) -> bool {
        match text(d) {
            "yes" => true,
            "no" => false,
            other => panic!("expected yes or no, found {other}"),
        }
    }

    fn tier(d: &Data) -> Tier {
        let t = text(d);
        *Tier::ALL
            .iter()
            .find(|x| x.label() == t)
            .unwrap_or_else(|| panic!("not a tier: {t}"))
    }

    #[test]
    fn every_cell_of_the_accounts_sheet_reads_back_as_the_report_holds_it() {
        let report = sample_report();
        let bytes = xlsx(&report).unwrap();
        let mut book = open(&bytes);
        assert_eq!(book.sheet_names(), XLSX_SHEETS);
        let rows = rows(&mut book, "Accounts");
        assert_eq!(rows.len(), report.accounts.len() + 1);
        let header = rows[0]
            .iter()
            .map(|h| text(h).to_owned())
            .collect::<Vec<_>>();
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
        };
        let primary = report.primary.label();
        // Every column is checked below: count them.
        assert_eq!(header.len(), 14 + 3 * report.models.len() + 10);
        for (a, row) in report.accounts.iter().zip(&rows[1..]) {
            let cell = |name: &str| &row[col(name)];
            assert_eq!(text(cell("Id")), a.id);
            assert_eq!(text(cell("Name")), a.name);
            assert_eq!(number(cell("Members")), a.members as f64);
            assert_eq!(text(cell("Coverage")), a.coverage.to_string());
            assert_eq!(number(cell("Revenue")), a.revenue);
            assert_eq!(optional(cell("Previous revenue")), a.previous_revenue);
            assert_eq!(number(cell("Share")), a.share);
            assert_eq!(number(cell("Rank")), a.rank as f64);
            assert_eq!(text(cell("ABC")), a.abc.to_string());
            assert_eq!(optional(cell("Potential")), a.potential);
            assert_eq!(optional(cell("Target")), a.target);
            assert_eq!(number(cell("Revenue share score")), a.revenue_share_score);
            assert_eq!(number(cell("Strategic fit")), a.strategic_fit);
            assert_eq!(
                number(cell("Relationship strength")),
                a.relationship_strength
            );
            for m in &a.models {
                let name = m.model.label();
                assert_eq!(text(cell(&format!("{name} class"))), m.class.to_string());
                assert_eq!(tier(cell(&format!("{name} tier"))), m.tier);
                assert_eq!(number(cell(&format!("{name} margin"))), m.margin);
            }
            assert_eq!(tier(cell(&format!("Tier ({primary})"))), a.tier);
            assert_eq!(tier(cell("Consensus tier")), a.consensus);
            assert_eq!(number(cell("Models agreeing")), a.agreeing as f64);
            assert_eq!(flag(cell("Borderline")), a.borderline);
            let previous = match cell("Previous tier") {
                Data::Empty => None,
                d => Some(tier(d)),
            };
            assert_eq!(previous, a.previous_tier);
            let movement = match cell("Movement") {
                Data::Empty => None,
                d => Some(text(d).to_owned()),
            };
            assert_eq!(movement, a.movement.map(|m| m.to_string()));
            assert_eq!(flag(cell("Uncoupling")), a.uncoupling);
            assert_eq!(optional(cell("Attainment")), a.attainment);
            assert_eq!(optional(cell("Headroom")), a.headroom);
            assert_eq!(optional(cell("Share of wallet")), a.share_of_wallet);
        }
    }

    #[test]
    fn the_summary_sheets_hold_the_reports_tables() {
        let report = sample_report();
        let bytes = xlsx(&report).unwrap();
        let mut book = open(&bytes);

        let tiers = rows(&mut book, "Tiers");
        assert_eq!(tiers.len(), report.by_tier.rows.len() + 2);
        let lines = report.by_tier.rows.iter().chain([&report.by_tier.total]);
        for (line, row) in lines.zip(&tiers[1..]) {
            assert_eq!(text(&row[0]), line.label);
            assert_eq!(number(&row[1]), line.accounts as f64);
            assert_eq!(number(&row[2]), line.revenue);
            assert_eq!(number(&row[3]), line.share);
            assert_eq!(number(&row[4]), line.target);
            assert_eq!(optional(&row[5]), line.attainment);
        }

        // 4S classes and tiers are one to one: each class shows its tier's numbers.
        let classes = rows(&mut book, "Classes");
        assert_eq!(text(&classes[0][0]), "4S class");
        for row in &classes[1..classes.len() - 1] {
            let line = report
                .by_tier
                .rows
                .iter()
                .find(|l| l.tier == Some(tier(&row[1])))
                .unwrap();
            assert_eq!(number(&row[2]), line.accounts as f64);
            assert_eq!(number(&row[3]), line.revenue);
        }

        let agreement = rows(&mut book, "Agreement");
        for (a, row) in report.agreement.iter().zip(&agreement[1..]) {
            assert_eq!(text(&row[0]), a.model.label());
            assert_eq!(number(&row[1]), a.agreement);
            assert_eq!(number(&row[2]), a.kappa);
            assert_eq!(number(&row[3]), a.key_accounts as f64);
        }

        let m = report.migration.as_ref().unwrap();
        let migration = rows(&mut book, "Migration");
        for (i, counts) in m.transitions.iter().enumerate() {
            let row = &migration[2 + i];
            assert_eq!(tier(&row[0]), Tier::ALL[i]);
            let read = row[1..5].iter().map(number).collect::<Vec<_>>();
            assert_eq!(read, counts.map(|n| n as f64));
        }

        let attainment = rows(&mut book, "Attainment");
        assert_eq!(attainment.len(), report.attainment.len() + 1);
        for (a, row) in report.attainment.iter().zip(&attainment[1..]) {
            assert_eq!(number(&row[3]), a.revenue);
            assert_eq!(number(&row[4]), a.target);
            assert_eq!(optional(&row[5]), a.attainment);
        }

        let opportunities = rows(&mut book, "Opportunities");
        assert_eq!(opportunities.len(), report.opportunities.len() + 1);
        for (o, row) in report.opportunities.iter().zip(&opportunities[1..]) {
            assert_eq!(text(&row[0]), o.id);
            assert_eq!(number(&row[5]), o.headroom);
            assert_eq!(number(&row[6]), o.share_of_wallet);
        }

        let listed = |book: &mut Xlsx<Cursor<&[u8]>>, sheet: &str| {
            rows(book, sheet)[1..]
                .iter()
                .map(|r| text(&r[0]).to_owned())
                .collect::<Vec<_>>()
        };
        let key = report
            .key_accounts()
            .map(|a| a.id.clone())
            .collect::<Vec<_>>();
        assert!(key.len() >= 15);
        assert_eq!(listed(&mut book, "Key accounts"), key);
        let borderline = report
            .borderline()
            .map(|a| a.id.clone())
            .collect::<Vec<_>>();
        assert_eq!(listed(&mut book, "Borderline"), borderline);
        let movers =
            m.up.iter()
                .chain(&m.down)
                .map(|x| x.id.clone())
                .collect::<Vec<_>>();
        assert!(!movers.is_empty());
        assert_eq!(listed(&mut book, "Movers"), movers);
    }

    /// The text of one part of the workbook.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn numbers_are_formatted_headers_frozen_and_filtered() {
        let bytes = xlsx(&sample_report()).unwrap();
        let styles = part(&bytes, "xl/styles.xml");
        for code in ["#,##0", "0.0%", "0.000"] {
            assert!(styles.contains(&format!("formatCode=\"{code}\"")), "{code}");
        }
        let accounts = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(accounts.contains(r#"<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/>"#));
        assert!(accounts.contains("<autoFilter ref=\"A1:"));
        assert!(accounts.contains("<col min=\"2\" max=\"2\" width="));
        let core = part(&bytes, "docProps/core.xml");
        assert!(core.contains("2000-01-01T00:00:00Z"), "{core}");
    }

    #[test]
    fn the_same_report_gives_the_same_bytes() {
        let report = sample_report();
        let first = xlsx(&report).unwrap();
        assert_eq!(xlsx(&report.clone()).unwrap(), first);
        assert_eq!(xlsx(&sample_report()).unwrap(), first);
    }

    #[test]
    fn a_report_of_one_period_has_no_migration_but_every_sheet() {
        let data = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
        let periods = read_csv(data.as_bytes()).unwrap();
        let report = run_periods("one period", &periods, &AnalysisConfig::default()).unwrap();
        let bytes = xlsx(&report).unwrap();
        let mut book = open(&bytes);
        assert_eq!(book.sheet_names(), XLSX_SHEETS);
        assert_eq!(rows(&mut book, "Accounts").len(), 3);
        let migration = rows(&mut book, "Migration");
        assert!(text(&migration[0][0]).starts_with("No earlier period"));
    }

    #[test]
    fn a_value_no_workbook_can_hold_is_an_error() {
        let mut report = sample_report();
        report.accounts[3].share = f64::NAN;
        let err = xlsx(&report).unwrap_err();
        assert!(matches!(err, Error::WorkbookWrite { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "cannot write workbook: the value NaN at row 5, column 7 is not a finite number"
        );

        let mut report = sample_report();
        report.accounts[0].name = "x".repeat(40_000);
        let err = xlsx(&report).unwrap_err();
        assert!(matches!(err, Error::WorkbookWrite { .. }), "{err:?}");
    }
}

/// The fuzz target's seeds (after their mode byte) are workbooks that read, so fuzzing starts
/// from inputs that reach the sheet parser.
#[test]
fn the_fuzz_seeds_are_valid_workbooks() {
    for name in ["stored.xlsx", "deflated.xlsx"] {
        let bytes = std::fs::read(format!("fuzz/seeds/workbook/{name}")).unwrap();
        assert_eq!(bytes[0], 0, "{name}: mode byte");
        let periods = read(&bytes[1..]).unwrap();
        assert_eq!(periods.labels(), ["2024", "2025"], "{name}");
        assert_eq!(periods.get("2025").unwrap().total_revenue(), 150.0);
    }
}

/// An analyst's workbook export gives the same report as the same export in CSV.
#[test]
fn the_analysis_runs_on_a_workbook_as_on_its_csv() {
    use keyaccount::analysis::{run, AnalysisConfig};

    let config = AnalysisConfig::from_path("data/analysis.toml").unwrap();
    let csv = std::fs::read_to_string("data/portfolio.csv").unwrap();
    let path = std::env::temp_dir().join(format!("keyaccount-{}-sample.xlsx", std::process::id()));
    std::fs::write(&path, csv_to_workbook(&csv)).unwrap();
    let from_xlsx = run(&path, &config);
    std::fs::remove_file(&path).unwrap();
    let mut from_xlsx = from_xlsx.unwrap();
    let from_csv = run("data/portfolio.csv", &config).unwrap();
    from_xlsx.source.clone_from(&from_csv.source);
    assert_eq!(from_xlsx, from_csv);
}

/// calamine reserves room for as many strings as the shared-strings part declares before it
/// reads one: a tiny part promising 10^18 strings is refused first.
#[test]
fn a_shared_string_count_that_no_part_could_hold_is_refused() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Accounts").unwrap();
    sheet.write_row(0, 0, ["id", "name", "revenue"]).unwrap();
    sheet.write_row(1, 0, ["A", "Alpha"]).unwrap();
    sheet.write_number(1, 2, 1).unwrap();
    let parts = parts_of(&book.save_to_buffer().unwrap());
    let strings = "xl/sharedStrings.xml";
    assert!(parts.iter().any(|(n, _)| n == strings));
    let rebuilt = |count: &str| {
        let parts = parts
            .iter()
            .map(|(name, bytes)| {
                if name == strings {
                    let xml = String::from_utf8(bytes.clone()).unwrap();
                    let start = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
                    let end = start + xml[start..].find('"').unwrap();
                    let xml = format!("{}{count}{}", &xml[..start], &xml[end..]);
                    deflated(name, xml.as_bytes())
                } else {
                    stored(name, bytes)
                }
            })
            .collect::<Vec<_>>();
        zip(&parts)
    };
    // As written, the workbook reads.
    assert_eq!(read(&rebuilt("5")).unwrap().latest().unwrap().1.len(), 1);
    let err = read(&rebuilt("1000000000000000000")).unwrap_err();
    assert!(
        matches!(
            err,
            Error::WorkbookTooLarge {
                what: "declared number of strings",
                value: 1_000_000_000_000_000_000,
                ..
            }
        ),
        "{err:?}"
    );
    // Leading zeros are read as calamine reads them.
    let err = read(&rebuilt("0000001000000000000")).unwrap_err();
    assert!(matches!(err, Error::WorkbookTooLarge { .. }), "{err:?}");
}
