//! The report as an `.xlsx` workbook: one sheet per key-account candidate row, one sheet per
//! aggregate table, and the Key, borderline and movers lists. Behind the `xlsx` feature.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::analysis::{AccountRow, Report, SummaryLine};
use crate::any::{Class, ModelKind};
use crate::error::{Error, Result};
use crate::portfolio::ConsensusRule;
use crate::tier::Tier;

/// The sheets of the workbook, in order.
///
/// # Examples
///
/// ```
/// assert_eq!(keyaccount::render::XLSX_SHEETS[0], "Accounts");
/// ```
pub const XLSX_SHEETS: [&str; 12] = [
    "Accounts",
    "Summary",
    "Tiers",
    "Classes",
    "Concentration",
    "Agreement",
    "Migration",
    "Attainment",
    "Opportunities",
    "Key accounts",
    "Borderline",
    "Movers",
];

/// Why writing failed; becomes [`Error::WorkbookWrite`] (kept private so that the writer's
/// error type stays out of the crate's API).
struct WriteError(String);

impl From<XlsxError> for WriteError {
    fn from(e: XlsxError) -> Self {
        WriteError(e.to_string())
    }
}

type W<T> = std::result::Result<T, WriteError>;

fn write_error(e: impl std::fmt::Display) -> WriteError {
    WriteError(e.to_string())
}

/// The cell formats, made once.
struct Formats {
    header: Format,
    title: Format,
    text: Format,
    count: Format,
    amount: Format,
    percent: Format,
    score: Format,
    total_text: Format,
    total_count: Format,
    total_amount: Format,
    total_percent: Format,
    tiers: [Format; 4],
}

impl Formats {
    fn new() -> Self {
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color(Color::RGB(0x00D9_E1F2))
            .set_border_bottom(FormatBorder::Thin);
        let total = Format::new().set_bold().set_border_top(FormatBorder::Thin);
        // Light fills per tier, Key first, so a filtered or sorted sheet still shows them.
        let fills = [0x00C6_EFCE, 0x00DD_EBF7, 0x00FF_F2CC, 0x00F2_F2F2];
        Formats {
            header,
            title: Format::new().set_bold().set_font_size(12),
            text: Format::new(),
            count: Format::new().set_num_format("#,##0"),
            amount: Format::new().set_num_format("#,##0"),
            percent: Format::new().set_num_format("0.0%"),
            score: Format::new().set_num_format("0.000"),
            total_text: total.clone(),
            total_count: total.clone().set_num_format("#,##0"),
            total_amount: total.clone().set_num_format("#,##0"),
            total_percent: total.set_num_format("0.0%"),
            tiers: fills.map(|rgb| Format::new().set_background_color(Color::RGB(rgb))),
        }
    }
}

/// A value of a cell; its kind picks the number format.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Count(usize),
    Amount(f64),
    Percent(f64),
    Score(f64),
    Flag(bool),
    Tier(Tier),
    Blank,
}

impl Cell<'_> {
    fn opt<T>(value: Option<T>, cell: impl FnOnce(T) -> Cell<'static>) -> Cell<'static> {
        value.map_or(Cell::Blank, cell)
    }

    /// About the width of the cell as shown, in characters.
    fn width(self) -> usize {
        let grouped = |v: f64| {
            let digits = format!("{:.0}", v.abs()).len();
            digits + (digits - 1) / 3 + usize::from(v < 0.0)
        };
        match self {
            Cell::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
            Cell::Count(n) => grouped(n as f64),
            Cell::Amount(v) => grouped(v),
            Cell::Percent(v) => format!("{:.1}%", v * 100.0).len(),
            Cell::Score(v) => format!("{v:.3}").len(),
            Cell::Flag(_) => 3,
            Cell::Tier(t) => t.label().len(),
            Cell::Blank => 0,
        }
    }
}

/// A worksheet being written, with the widths its columns need.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    widths: Vec<usize>,
    /// Header rows and their titles, to give each row the height its wrapped titles need.
    headers: Vec<(u32, Vec<String>)>,
}

/// Lines `text` takes when wrapped at word boundaries to `width` characters.
fn wrapped_lines(text: &str, width: usize) -> usize {
    let (mut lines, mut used) = (1, 0);
    for word in text.split(' ').map(|w| w.chars().count()) {
        if used == 0 {
            used = word;
        } else if used + 1 + word <= width {
            used += 1 + word;
        } else {
            lines += 1;
            used = word;
        }
    }
    lines
}

/// The width of a column holding text of `chars` characters, in Excel's units.
fn column_width(chars: usize) -> usize {
    (chars + 2).clamp(6, 50)
}

impl<'a> Sheet<'a> {
    fn new(book: &'a mut Workbook, name: &str, f: &'a Formats) -> W<Self> {
        let ws = book.add_worksheet().set_name(name)?;
        // Printed: landscape, as wide as one page.
        ws.set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_print_gridlines(true);
        Ok(Sheet {
            ws,
            f,
            widths: Vec::new(),
            headers: Vec::new(),
        })
    }

    fn fit(&mut self, col: u16, width: usize) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        self.widths[col] = self.widths[col].max(width);
    }

    fn put(&mut self, row: u32, col: u16, cell: Cell<'_>, total: bool) -> W<()> {
        let f = self.f;
        let number = |v: f64| -> W<f64> {
            if v.is_finite() {
                Ok(v)
            } else {
                Err(write_error(format_args!(
                    "the value {v} at row {}, column {} is not a finite number",
                    row + 1,
                    col + 1
                )))
            }
        };
        let (text, count, amount, percent) = if total {
            (
                &f.total_text,
                &f.total_count,
                &f.total_amount,
                &f.total_percent,
            )
        } else {
            (&f.text, &f.count, &f.amount, &f.percent)
        };
        match cell {
            Cell::Text(s) => self.ws.write_string_with_format(row, col, s, text)?,
            Cell::Count(n) => self
                .ws
                .write_number_with_format(row, col, n as f64, count)?,
            Cell::Amount(v) => self
                .ws
                .write_number_with_format(row, col, number(v)?, amount)?,
            Cell::Percent(v) => self
                .ws
                .write_number_with_format(row, col, number(v)?, percent)?,
            Cell::Score(v) => self
                .ws
                .write_number_with_format(row, col, number(v)?, &f.score)?,
            Cell::Flag(b) => {
                self.ws
                    .write_string_with_format(row, col, if b { "yes" } else { "no" }, text)?
            }
            Cell::Tier(t) => self.ws.write_string_with_format(
                row,
                col,
                t.label(),
                &f.tiers[usize::from(t.number() - 1)],
            )?,
            Cell::Blank if total => self.ws.write_blank(row, col, text)?,
            Cell::Blank => self.ws,
        };
        self.fit(col, cell.width());
        Ok(())
    }

    fn row(&mut self, row: u32, cells: &[Cell<'_>]) -> W<()> {
        for (col, cell) in (0u16..).zip(cells) {
            self.put(row, col, *cell, false)?;
        }
        Ok(())
    }

    fn total_row(&mut self, row: u32, cells: &[Cell<'_>]) -> W<()> {
        for (col, cell) in (0u16..).zip(cells) {
            self.put(row, col, *cell, true)?;
        }
        Ok(())
    }

    /// A header row; header text wraps, so it asks for less width than its length.
    fn header<S: AsRef<str>>(&mut self, row: u32, titles: &[S]) -> W<()> {
        for (col, title) in (0u16..).zip(titles) {
            let title = title.as_ref();
            self.ws
                .write_string_with_format(row, col, title, &self.f.header)?;
            // Room for the filter button; long titles wrap rather than widen the column.
            let longest_word = title.split(' ').map(str::len).max().unwrap_or(0);
            self.fit(col, longest_word.max(title.len().min(14)) + 2);
        }
        let titles = titles.iter().map(|t| t.as_ref().to_owned()).collect();
        self.headers.push((row, titles));
        Ok(())
    }

    fn title(&mut self, row: u32, text: &str) -> W<()> {
        self.ws
            .write_string_with_format(row, 0, text, &self.f.title)?;
        Ok(())
    }

    /// A table with a frozen header row and a filter over its rows.
    fn table<S: AsRef<str>>(&mut self, titles: &[S], rows: usize) -> W<()> {
        self.header(0, titles)?;
        self.ws.set_freeze_panes(1, 0)?;
        let last_col = u16::try_from(titles.len().saturating_sub(1)).map_err(write_error)?;
        let last_row = u32::try_from(rows).map_err(write_error)?;
        self.ws.autofilter(0, 0, last_row, last_col)?;
        self.ws.set_repeat_rows(0, 0)?;
        Ok(())
    }

    fn finish(self) -> W<()> {
        for (col, width) in (0u16..).zip(&self.widths) {
            self.ws.set_column_width(col, column_width(*width) as f64)?;
        }
        for (row, titles) in &self.headers {
            let lines = titles
                .iter()
                .zip(&self.widths)
                .map(|(t, w)| wrapped_lines(t, column_width(*w) - 1))
                .max()
                .unwrap_or(1);
            self.ws.set_row_height(*row, 15.0 * lines as f64)?;
        }
        Ok(())
    }
}

fn row_index(i: usize) -> W<u32> {
    u32::try_from(i).map_err(write_error)
}

fn model_columns(report: &Report) -> Vec<String> {
    let mut titles = Vec::new();
    for m in &report.models {
        let name = m.kind.label();
        titles.extend([
            format!("{name} class"),
            format!("{name} tier"),
            format!("{name} margin"),
        ]);
    }
    titles
}

/// The per-account sheet.
fn accounts(book: &mut Workbook, f: &Formats, report: &Report) -> W<()> {
    let mut s = Sheet::new(book, XLSX_SHEETS[0], f)?;
    let primary = report.primary.label();
    let mut titles: Vec<String> = [
        "Id",
        "Name",
        "Members",
        "Coverage",
        "Revenue",
        "Previous revenue",
        "Share",
        "Rank",
        "ABC",
        "Potential",
        "Target",
        "Revenue share score",
        "Strategic fit",
        "Relationship strength",
    ]
    .map(String::from)
    .to_vec();
    titles.extend(model_columns(report));
    titles.extend([
        format!("Tier ({primary})"),
        "Consensus tier".into(),
        "Models agreeing".into(),
        "Borderline".into(),
        "Previous tier".into(),
        "Movement".into(),
        "Uncoupling".into(),
        "Attainment".into(),
        "Headroom".into(),
        "Share of wallet".into(),
    ]);
    s.table(&titles, report.accounts.len())?;
    // The id and name stay in view when scrolling right.
    s.ws.set_freeze_panes(1, 2)?;
    for (i, a) in report.accounts.iter().enumerate() {
        let coverage = a.coverage.to_string();
        let abc = a.abc.to_string();
        let classes = report
            .models
            .iter()
            .map(|m| result_of(a, m.kind).map(|r| r.class.to_string()))
            .collect::<Vec<_>>();
        let movement = a.movement.map(|m| m.to_string());
        let mut cells = vec![
            Cell::Text(&a.id),
            Cell::Text(&a.name),
            Cell::Count(a.members),
            Cell::Text(&coverage),
            Cell::Amount(a.revenue),
            Cell::opt(a.previous_revenue, Cell::Amount),
            Cell::Percent(a.share),
            Cell::Count(a.rank),
            Cell::Text(&abc),
            Cell::opt(a.potential, Cell::Amount),
            Cell::opt(a.target, Cell::Amount),
            Cell::Score(a.revenue_share_score),
            Cell::Score(a.strategic_fit),
            Cell::Score(a.relationship_strength),
        ];
        for (m, class) in report.models.iter().zip(&classes) {
            match (result_of(a, m.kind), class) {
                (Some(r), Some(class)) => {
                    cells.extend([Cell::Text(class), Cell::Tier(r.tier), Cell::Score(r.margin)])
                }
                _ => cells.extend([Cell::Blank; 3]),
            }
        }
        cells.extend([
            Cell::Tier(a.tier),
            Cell::Tier(a.consensus),
            Cell::Count(a.agreeing),
            Cell::Flag(a.borderline),
            Cell::opt(a.previous_tier, Cell::Tier),
            movement.as_deref().map_or(Cell::Blank, Cell::Text),
            Cell::Flag(a.uncoupling),
            Cell::opt(a.attainment, Cell::Percent),
            Cell::opt(a.headroom, Cell::Amount),
            Cell::opt(a.share_of_wallet, Cell::Percent),
        ]);
        s.row(row_index(i + 1)?, &cells)?;
    }
    s.finish()
}

fn result_of(a: &AccountRow, kind: ModelKind) -> Option<&crate::analysis::ModelResult> {
    a.models.iter().find(|m| m.model == kind)
}

/// The overview: where the data came from and what was run.
fn summary(book: &mut Workbook, f: &Formats, report: &Report) -> W<()> {
    let mut s = Sheet::new(book, XLSX_SHEETS[1], f)?;
    s.header(0, &["Item", "Value"])?;
    s.ws.set_freeze_panes(1, 0)?;
    let none = "none";
    let primary = report.primary.label();
    let rows: Vec<(String, Cell<'_>)> = vec![
        ("Source".into(), Cell::Text(&report.source)),
        (
            "Period".into(),
            Cell::Text(report.period.as_deref().unwrap_or(none)),
        ),
        (
            "Previous period".into(),
            Cell::Text(report.previous_period.as_deref().unwrap_or(none)),
        ),
        (
            "Accounts in the input".into(),
            Cell::Count(report.input_accounts),
        ),
        (
            "Key-account candidates (groups)".into(),
            Cell::Count(report.accounts.len()),
        ),
        ("Total revenue".into(), Cell::Amount(report.total_revenue)),
        ("Primary model".into(), Cell::Text(primary)),
        (
            "Borderline margin".into(),
            Cell::Score(report.borderline_margin),
        ),
    ];
    let mut r = 1;
    for (label, value) in &rows {
        s.row(r, &[Cell::Text(label), *value])?;
        r += 1;
    }
    for c in &report.coverage {
        let label = format!("Groups with {} coverage", c.coverage);
        s.row(r, &[Cell::Text(&label), Cell::Count(c.groups)])?;
        r += 1;
    }
    for m in &report.models {
        let label = format!("Key accounts by {}", m.kind.label());
        s.row(r, &[Cell::Text(&label), Cell::Count(m.key_accounts)])?;
        r += 1;
    }
    if let Some(c) = &report.calibration {
        let range = format!("{} to {}", c.min, c.max);
        let lines: [(&str, Cell<'_>); 5] = [
            ("Calibration: Key accounts wanted", Cell::Text(&range)),
            (
                "Calibration: Key accounts before",
                Cell::Count(c.original_key_count),
            ),
            ("Calibration: Key accounts after", Cell::Count(c.key_count)),
            ("Calibration: within range", Cell::Flag(c.within_range)),
            ("Calibration: exponent", Cell::Score(c.exponent)),
        ];
        for (label, value) in lines {
            s.row(r, &[Cell::Text(label), value])?;
            r += 1;
        }
        for (before, after) in c.original_cut_points.iter().zip(&c.cut_points) {
            let label = format!("Calibration: {} threshold", before.axis);
            let change = format!("{:.3} to {:.3}", before.value, after.value);
            s.row(r, &[Cell::Text(&label), Cell::Text(&change)])?;
            r += 1;
        }
    }
    r += 1;
    s.title(r, "Scorecards")?;
    s.header(r + 1, &["Factor", "Weight", "Score"])?;
    r += 2;
    let cards = [
        ("strategic fit", &report.scorecards.strategic_fit),
        (
            "relationship strength",
            &report.scorecards.relationship_strength,
        ),
    ];
    for (score, factors) in cards {
        for (factor, weight) in factors {
            s.row(
                r,
                &[
                    Cell::Text(factor),
                    Cell::Percent(*weight),
                    Cell::Text(score),
                ],
            )?;
            r += 1;
        }
    }
    s.finish()
}

/// A summary table: leading cells of each row (the tier, or the class and its tier), then the
/// row's numbers; and the total row.
fn summary_sheet(
    book: &mut Workbook,
    f: &Formats,
    name: &str,
    leading: &[&str],
    rows: &[(Vec<Cell<'_>>, &SummaryLine)],
    total: &SummaryLine,
) -> W<()> {
    let mut s = Sheet::new(book, name, f)?;
    let mut titles = leading.to_vec();
    titles.extend(["Accounts", "Revenue", "Share", "Target", "Attainment"]);
    s.table(&titles, rows.len())?;
    let numbers = |l: &SummaryLine| {
        [
            Cell::Count(l.accounts),
            Cell::Amount(l.revenue),
            Cell::Percent(l.share),
            Cell::Amount(l.target),
            Cell::opt(l.attainment, Cell::Percent),
        ]
    };
    for (i, (first, line)) in rows.iter().enumerate() {
        let mut row = first.clone();
        row.extend(numbers(line));
        s.row(row_index(i + 1)?, &row)?;
    }
    let mut row = vec![Cell::Text(&total.label)];
    row.extend(std::iter::repeat(Cell::Blank).take(leading.len() - 1));
    row.extend(numbers(total));
    s.total_row(row_index(rows.len() + 1)?, &row)?;
    s.finish()
}

fn tiers(book: &mut Workbook, f: &Formats, report: &Report) -> W<()> {
    let t = &report.by_tier;
    let rows = t
        .rows
        .iter()
        .map(|l| (vec![l.tier.map_or(Cell::Text(&l.label), Cell::Tier)], l))
        .collect::<Vec<_>>();
    summary_sheet(book, f, XLSX_SHEETS[2], &["Tier"], &rows, &t.total)
}

/// The primary model's native classes with their tiers. Where classes and tiers are one to one
/// the report has no separate table (`by_class` is `None`): each class shows its tier's row.
fn classes(book: &mut Workbook, f: &Formats, report: &Report) -> W<()> {
    let class_tiers = report
        .primary_model()
        .map(|m| m.tiers.as_slice())
        .unwrap_or_default();
    let tier_of = |class: Option<Class>| {
        class.and_then(|c| class_tiers.iter().find(|(k, _)| *k == c).map(|(_, t)| *t))
    };
    let labels = class_tiers
        .iter()
        .map(|(c, _)| (*c, c.to_string()))
        .collect::<Vec<_>>();
    let label_of = |c: Class| {
        labels
            .iter()
            .find(|(k, _)| *k == c)
            .map(|(_, l)| l.as_str())
    };
    let (rows, total) = match &report.by_class {
        Some(table) => (
            table
                .rows
                .iter()
                .map(|l| {
                    let tier = tier_of(l.class).map_or(Cell::Blank, Cell::Tier);
                    (vec![Cell::Text(&l.label), tier], l)
                })
                .collect::<Vec<_>>(),
            &table.total,
        ),
        // Highest class first, as the tiers are listed.
        None => (
            class_tiers
                .iter()
                .rev()
                .filter_map(|(c, t)| {
                    let line = report.by_tier.rows.iter().find(|l| l.tier == Some(*t))?;
                    Some((vec![Cell::Text(label_of(*c)?), Cell::Tier(*t)], line))
                })
                .collect(),
            &report.by_tier.total,
        ),
    };
    let first = format!("{} class", report.primary.label());
    summary_sheet(book, f, XLSX_SHEETS[3], &[&first, "Tier"], &rows, total)
}

fn concentration(book: &mut Workbook, f: &Formats, report: &Report) -> W<()> {
    let c = &report.concentration;
    let mut s = Sheet::new(book, XLSX_SHEETS[4], f)?;
    s.header(0, &["Measure", "Value"])?;
    s.ws.set_freeze_panes(1, 0)?;
    let measures = [
        ("Accounts", Cell::Count(c.accounts)),
        ("Total revenue", Cell::Amount(c.total_revenue)),
        ("Herfindahl-Hirschman index", Cell::Score(c.hhi)),
        (
            "Equivalent equal accounts",
            Cell::Score(c.equivalent_accounts),
        ),
        ("ABC: class A ends at", Cell::Percent(c.abc_a)),
        ("ABC: class B ends at", Cell::Percent(c.abc_b)),
    ];
    let mut r = 1;
    for (label, value) in measures {
        s.row(r, &[Cell::Text(label), value])?;
        r += 1;
    }
    r += 1;
    s.title(r, "Top accounts")?;
    s.header(r + 1, &["Top N", "Revenue", "Share"])?;
    r += 2;
    for t in &c.top {
        s.row(
            r,
            &[
                Cell::Count(t.n),
                Cell::Amount(t.revenue),
                Cell::Percent(t.share),
            ],
        )?;
        r += 1;
    }
    r += 1;
    s.title(r, "ABC classes")?;
    s.header(r + 1, &["Class", "Accounts", "Revenue", "Share"])?;
    r += 2;
    for l in &c.abc {
        let class = l.class.to_string();
        s.row(
            r,
            &[
                Cell::Text(&class),
                Cell::Count(l.accounts),
                Cell::Amount(l.revenue),
                Cell::Percent(l.share),
            ],
        )?;
        r += 1;
    }
    r += 1;
    s.title(r, "Pareto curve")?;
    s.header(r + 1, &["Share of accounts", "Share of revenue"])?;
    r += 2;
    for (accounts, revenue) in &c.pareto_curve {
        s.row(r, &[Cell::Percent(*accounts), Cell::Percent(*revenue)])?;
        r += 1;
    }
    s.finish()
}

/// A 4 x 4 table of account counts by tier, headed by `corner`.
fn tier_matrix(s: &mut Sheet<'_>, r: &mut u32, corner: &str, table: &[[usize; 4]; 4]) -> W<()> {
    let mut titles = vec![corner.to_owned()];
    titles.extend(Tier::ALL.iter().map(|t| t.label().to_owned()));
    s.header(*r, &titles)?;
    *r += 1;
    for (tier, counts) in Tier::ALL.iter().zip(table) {
        let mut row = vec![Cell::Tier(*tier)];
        row.extend(counts.iter().map(|n| Cell::Count(*n)));
        s.row(*r, &row)?;
        *r += 1;
    }
    Ok(())
}

fn agreement(book: &mut Workbook, f: &Formats, report: &Report) -> W<()> {
    let mut s = Sheet::new(book, XLSX_SHEETS[5], f)?;
    let primary = report.primary.label();
    s.table(
        &[
            "Model",
            &format!("Agreement with {primary}"),
            "Cohen's kappa",
            "Key accounts",
        ],
        report.agreement.len(),
    )?;
    let mut r = 1;
    for a in &report.agreement {
        s.row(
            r,
            &[
                Cell::Text(a.model.label()),
                Cell::Percent(a.agreement),
                Cell::Score(a.kappa),
                Cell::Count(a.key_accounts),
            ],
        )?;
        r += 1;
    }
    r += 1;
    let rule = match report.consensus.rule {
        ConsensusRule::Plurality => {
            "Consensus tiers (plurality of the models, ties to the lower tier)"
        }
        ConsensusRule::LowerMedian => "Consensus tiers (lower median of the models)",
    };
    s.title(r, rule)?;
    s.header(r + 1, &["Tier", "Accounts", "Revenue"])?;
    r += 2;
    for t in &report.consensus.tiers {
        s.row(
            r,
            &[
                Cell::Tier(t.tier),
                Cell::Count(t.accounts),
                Cell::Amount(t.revenue),
            ],
        )?;
        r += 1;
    }
    for a in &report.agreement {
        r += 1;
        let title = format!(
            "Accounts by tier: {primary} (rows) and {} (columns)",
            a.model.label()
        );
        s.title(r, &title)?;
        r += 1;
        tier_matrix(
            &mut s,
            &mut r,
            &format!("{primary} \\ {}", a.model.label()),
            &a.table,
        )?;
    }
    s.finish()
}

fn migration(book: &mut Workbook, f: &Formats, report: &Report) -> W<()> {
    let mut s = Sheet::new(book, XLSX_SHEETS[6], f)?;
    let Some(m) = &report.migration else {
        s.title(0, "No earlier period in the data: no migration.")?;
        return s.finish();
    };
    let title = format!("Accounts by tier: {} (rows) to {} (columns)", m.from, m.to);
    s.title(0, &title)?;
    let mut r = 1;
    tier_matrix(
        &mut s,
        &mut r,
        &format!("{} \\ {}", m.from, m.to),
        &m.transitions,
    )?;
    r += 1;
    s.title(r, "Entered")?;
    s.header(r + 1, &["Id", "Name", "Revenue"])?;
    r += 2;
    for e in &m.entered {
        s.row(
            r,
            &[
                Cell::Text(&e.id),
                Cell::Text(&e.name),
                Cell::Amount(e.revenue),
            ],
        )?;
        r += 1;
    }
    r += 1;
    s.title(r, "Left")?;
    s.header(r + 1, &["Id", "Name", "Previous revenue"])?;
    r += 2;
    for e in &m.left {
        s.row(
            r,
            &[
                Cell::Text(&e.id),
                Cell::Text(&e.name),
                Cell::Amount(e.revenue),
            ],
        )?;
        r += 1;
    }
    r += 1;
    s.title(r, "Uncoupling (Millman and Wilson)")?;
    s.header(
        r + 1,
        &[
            "Id",
            "Name",
            "Previous stage",
            "Development before",
            "Development now",
        ],
    )?;
    r += 2;
    for u in &m.uncoupling {
        let stage = u.previous_stage.to_string();
        s.row(
            r,
            &[
                Cell::Text(&u.id),
                Cell::Text(&u.name),
                Cell::Text(&stage),
                Cell::Score(u.development_before),
                Cell::Score(u.development_now),
            ],
        )?;
        r += 1;
    }
    s.finish()
}

fn attainment(book: &mut Workbook, f: &Formats, report: &Report) -> W<()> {
    let mut s = Sheet::new(book, XLSX_SHEETS[7], f)?;
    let titles = [
        "Tier",
        "Accounts",
        "With a target",
        "Revenue",
        "Target",
        "Attainment",
    ];
    let rows = report
        .attainment
        .iter()
        .filter(|a| a.tier.is_some())
        .count();
    s.table(&titles, rows)?;
    for (i, a) in report.attainment.iter().enumerate() {
        let cells = [
            a.tier.map_or(Cell::Text("Total"), Cell::Tier),
            Cell::Count(a.accounts),
            Cell::Count(a.with_target),
            Cell::Amount(a.revenue),
            Cell::Amount(a.target),
            Cell::opt(a.attainment, Cell::Percent),
        ];
        if a.tier.is_some() {
            s.row(row_index(i + 1)?, &cells)?;
        } else {
            s.total_row(row_index(i + 1)?, &cells)?;
        }
    }
    s.finish()
}

fn opportunities(book: &mut Workbook, f: &Formats, report: &Report) -> W<()> {
    let mut s = Sheet::new(book, XLSX_SHEETS[8], f)?;
    let primary = report.primary.label();
    s.table(
        &[
            "Id",
            "Name",
            &format!("{primary} class"),
            "Revenue",
            "Potential",
            "Headroom",
            "Share of wallet",
        ],
        report.opportunities.len(),
    )?;
    for (i, o) in report.opportunities.iter().enumerate() {
        let class = o.class.to_string();
        s.row(
            row_index(i + 1)?,
            &[
                Cell::Text(&o.id),
                Cell::Text(&o.name),
                Cell::Text(&class),
                Cell::Amount(o.revenue),
                Cell::Amount(o.potential),
                Cell::Amount(o.headroom),
                Cell::Percent(o.share_of_wallet),
            ],
        )?;
    }
    s.finish()
}

/// A short list of accounts (Key, borderline): the columns to act on.
fn account_list<'r>(
    book: &mut Workbook,
    f: &Formats,
    report: &'r Report,
    name: &str,
    accounts: impl Iterator<Item = &'r AccountRow>,
) -> W<()> {
    let mut s = Sheet::new(book, name, f)?;
    let primary = report.primary.label();
    let accounts = accounts.collect::<Vec<_>>();
    s.table(
        &[
            "Id",
            "Name",
            "Revenue",
            "Share",
            &format!("{primary} class"),
            &format!("Tier ({primary})"),
            &format!("{primary} margin"),
            "Consensus tier",
            "Borderline",
            "Movement",
        ],
        accounts.len(),
    )?;
    for (i, a) in accounts.iter().enumerate() {
        let primary = report.primary_result(a);
        let class = primary.map(|p| p.class.to_string());
        let movement = a.movement.map(|m| m.to_string());
        s.row(
            row_index(i + 1)?,
            &[
                Cell::Text(&a.id),
                Cell::Text(&a.name),
                Cell::Amount(a.revenue),
                Cell::Percent(a.share),
                class.as_deref().map_or(Cell::Blank, Cell::Text),
                Cell::Tier(a.tier),
                Cell::opt(primary.map(|p| p.margin), Cell::Score),
                Cell::Tier(a.consensus),
                Cell::Flag(a.borderline),
                movement.as_deref().map_or(Cell::Blank, Cell::Text),
            ],
        )?;
    }
    s.finish()
}

fn movers(book: &mut Workbook, f: &Formats, report: &Report) -> W<()> {
    let mut s = Sheet::new(book, XLSX_SHEETS[11], f)?;
    let titles = [
        "Id",
        "Name",
        "Direction",
        "From",
        "To",
        "Previous revenue",
        "Revenue",
        "Uncoupling",
    ];
    let Some(m) = &report.migration else {
        s.header(0, &titles)?;
        s.row(1, &[Cell::Text("no earlier period in the data")])?;
        return s.finish();
    };
    s.table(&titles, m.up.len() + m.down.len())?;
    let moves =
        m.up.iter()
            .map(|x| ("up", x))
            .chain(m.down.iter().map(|x| ("down", x)));
    for (i, (direction, x)) in moves.enumerate() {
        s.row(
            row_index(i + 1)?,
            &[
                Cell::Text(&x.id),
                Cell::Text(&x.name),
                Cell::Text(direction),
                Cell::Tier(x.from),
                Cell::Tier(x.to),
                Cell::Amount(x.previous_revenue),
                Cell::Amount(x.revenue),
                Cell::Flag(x.uncoupling),
            ],
        )?;
    }
    s.finish()
}

/// Writes `report` as an `.xlsx` workbook and returns its bytes.
///
/// Sheets ([`XLSX_SHEETS`]): **Accounts**, one row per key-account candidate (id, name,
/// members, coverage, revenue, previous revenue, share, rank, ABC class, potential, target,
/// the three scores, each model's class, tier and margin, the primary model's tier, the
/// consensus tier, how many models agree, the borderline flag, previous tier, movement,
/// Uncoupling, attainment, headroom and share of wallet); **Summary** (source, periods, models,
/// calibration, scorecards); one sheet per aggregate table: **Tiers**, **Classes**,
/// **Concentration**, **Agreement** (with the consensus), **Migration**, **Attainment**,
/// **Opportunities**; and the lists **Key accounts**, **Borderline** and **Movers**.
///
/// Numbers are numbers: amounts formatted with thousands separators, shares and attainment as
/// percentages, scores and margins with three decimals; an unknown value is an empty cell and
/// flags are `yes` / `no` (as in the CSV). Tables have a frozen, filtered header row and columns sized to their
/// content; tier cells are shaded by tier.
///
/// The same report always gives the same bytes: the document's creation time is fixed
/// (2000-01-01), and nothing else depends on the clock.
///
/// # Errors
///
/// [`Error::WorkbookWrite`] when the report holds a value a workbook cannot (a number that
/// is not finite, a text longer than 32,767 characters, more than 1,048,575 accounts).
///
/// # Examples
///
/// ```
/// use keyaccount::analysis::{run_periods, AnalysisConfig};
/// use keyaccount::portfolio::read_csv;
///
/// let data = "id,name,revenue,fit:growth,strength:trust\nA,Alpha,900,9,9\nB,Beta,100,3,3\n";
/// let report = run_periods("example", &read_csv(data.as_bytes())?, &AnalysisConfig::default())?;
/// let bytes = keyaccount::render::xlsx(&report)?;
/// assert!(bytes.starts_with(b"PK")); // a zip archive
/// assert_eq!(keyaccount::render::xlsx(&report)?, bytes); // byte for byte
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn xlsx(report: &Report) -> Result<Vec<u8>> {
    write(report).map_err(|WriteError(message)| Error::WorkbookWrite { message })
}

fn write(report: &Report) -> W<Vec<u8>> {
    let f = Formats::new();
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("Key-account report")
            .set_subject(report.source.as_str())
            .set_creation_datetime(&created),
    );
    accounts(&mut book, &f, report)?;
    summary(&mut book, &f, report)?;
    tiers(&mut book, &f, report)?;
    classes(&mut book, &f, report)?;
    concentration(&mut book, &f, report)?;
    agreement(&mut book, &f, report)?;
    migration(&mut book, &f, report)?;
    attainment(&mut book, &f, report)?;
    opportunities(&mut book, &f, report)?;
    account_list(&mut book, &f, report, XLSX_SHEETS[9], report.key_accounts())?;
    account_list(&mut book, &f, report, XLSX_SHEETS[10], report.borderline())?;
    movers(&mut book, &f, report)?;
    Ok(book.save_to_buffer()?)
}
