//! Any bytes as an `.xlsx` workbook: the reader never panics nor runs out of memory, and
//! whatever reads is a valid portfolio.
//!
//! The first byte picks what the rest is: the whole file (0), or the XML of the first sheet of
//! an otherwise valid workbook, packed stored (1) or deflated (2), so that the fuzzer reaches
//! the sheet parser and the conversion to CSV rather than stopping at the zip layer.
#![no_main]

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use keyaccount::portfolio::{read_xlsx, InputOptions, WorkbookOptions};
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

const SHEET: &str = "xl/worksheets/sheet1.xml";

/// The parts of a one-sheet workbook other than the sheet, unpacked.
fn template() -> &'static [(String, Vec<u8>)] {
    static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet();
        let bytes = book.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut data = Vec::new();
                f.read_to_end(&mut data).unwrap();
                (f.name().unwrap().into_owned(), data)
            })
            .filter(|(name, _)| name != SHEET)
            .collect()
    })
}

fn with_sheet(sheet: &[u8], method: CompressionMethod) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, data) in template() {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.start_file(SHEET, options).unwrap();
    zip.write_all(sheet).unwrap();
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode % 3 {
        0 => rest.to_vec(),
        1 => with_sheet(rest, CompressionMethod::Stored),
        _ => with_sheet(rest, CompressionMethod::Deflated),
    };
    let options = WorkbookOptions::default();
    let Ok(periods) = read_xlsx(Cursor::new(&bytes), &InputOptions::default(), &options) else {
        return;
    };
    assert!(!periods.all().is_empty());
    for (_, portfolio) in periods.all() {
        assert!(!portfolio.is_empty());
        let total = portfolio.total_revenue();
        assert!(total.is_finite() && total >= 0.0, "total revenue {total}");
    }
});
