//! Heatmaps: migration between periods (tier x tier) and model agreement (Cohen's kappa).

use plotters::style::{Color, RGBColor};

use super::draw::{check, fit, money, tint, Align, Canvas, Font, INK, MUTED, RULE};
use crate::error::{Error, Result};
use crate::tier::Tier;

/// One heatmap cell: its colour and its lines of text.
struct Cell {
    fill: RGBColor,
    /// Strong colour: write the text in white.
    dark: bool,
    lines: Vec<String>,
}

/// The grid shared by both heatmaps.
struct Grid<'a> {
    chart: &'static str,
    title: &'a str,
    context: &'a str,
    row_title: &'a str,
    col_title: &'a str,
    rows: Vec<String>,
    cols: Vec<String>,
    cells: Vec<Vec<Option<Cell>>>,
    legend: Vec<(RGBColor, String)>,
    notes: Vec<String>,
}

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 760;
const LEFT: f64 = 250.0;
const TOP: f64 = 160.0;
const GRID_W: f64 = 640.0;
const GRID_H: f64 = 500.0;

impl Grid<'_> {
    fn svg(&self) -> Result<String> {
        let mut svg = String::new();
        {
            let c = Canvas::new(&mut svg, (WIDTH, HEIGHT), self.chart)?;
            self.draw(&c)?;
            c.finish()?;
        }
        Ok(svg)
    }

    fn draw(&self, c: &Canvas<'_>) -> Result<()> {
        c.text(self.title, (40.0, 22.0), Font::new(28.0, INK).bold())?;
        c.text(
            &fit(self.context, 15.0, f64::from(WIDTH) - 80.0),
            (40.0, 62.0),
            Font::new(15.0, MUTED),
        )?;
        let (nr, nc) = (self.rows.len().max(1) as f64, self.cols.len().max(1) as f64);
        let (cw, ch) = (GRID_W / nc, GRID_H / nr);
        c.text(
            self.col_title,
            (LEFT + GRID_W / 2.0, TOP - 62.0),
            Font::new(17.0, INK).bold().align(Align::Centre),
        )?;
        c.text(
            self.row_title,
            (40.0, TOP + GRID_H / 2.0),
            Font::new(17.0, INK).bold().align(Align::Centre).vertical(),
        )?;
        for (j, name) in self.cols.iter().enumerate() {
            let x = LEFT + (j as f64 + 0.5) * cw;
            c.text(
                &fit(name, 14.0, cw - 6.0),
                (x, TOP - 28.0),
                Font::new(14.0, INK).bold().align(Align::Centre),
            )?;
        }
        for (i, name) in self.rows.iter().enumerate() {
            let y = TOP + (i as f64 + 0.5) * ch - 9.0;
            c.text(
                &fit(name, 14.0, LEFT - 70.0),
                (LEFT - 10.0, y),
                Font::new(14.0, INK).bold().align(Align::Right),
            )?;
        }
        for (i, row) in self.cells.iter().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                let (x0, y0) = (LEFT + j as f64 * cw, TOP + i as f64 * ch);
                let Some(cell) = cell else {
                    c.rect(
                        (x0, y0, x0 + cw, y0 + ch),
                        Some(RGBColor(248, 249, 250).to_rgba()),
                        None,
                    )?;
                    continue;
                };
                c.rect((x0, y0, x0 + cw, y0 + ch), Some(cell.fill.to_rgba()), None)?;
                let ink = if cell.dark {
                    RGBColor(255, 255, 255)
                } else {
                    INK
                };
                let n = cell.lines.len() as f64;
                let big = (ch * 0.28).clamp(14.0, 26.0);
                let small = (big * 0.55).max(11.5);
                let mut y = y0 + ch / 2.0 - (big * 1.2 + (n - 1.0) * small * 1.3) / 2.0;
                for (k, line) in cell.lines.iter().enumerate() {
                    let (px, font) = if k == 0 {
                        (big, Font::new(big, ink).bold())
                    } else {
                        (small, Font::new(small, ink))
                    };
                    c.text(
                        &fit(line, px, cw - 8.0),
                        (x0 + cw / 2.0, y),
                        font.align(Align::Centre),
                    )?;
                    y += if k == 0 { big * 1.2 } else { small * 1.3 };
                }
            }
        }
        // Cell borders.
        for i in 0..=self.rows.len() {
            let y = TOP + i as f64 * ch;
            c.line(
                &[(LEFT, y), (LEFT + GRID_W, y)],
                RGBColor(255, 255, 255).to_rgba(),
                2,
            )?;
        }
        for j in 0..=self.cols.len() {
            let x = LEFT + j as f64 * cw;
            c.line(
                &[(x, TOP), (x, TOP + GRID_H)],
                RGBColor(255, 255, 255).to_rgba(),
                2,
            )?;
        }
        c.rect(
            (LEFT, TOP, LEFT + GRID_W, TOP + GRID_H),
            None,
            Some((RULE.to_rgba(), 1)),
        )?;

        let x = LEFT + GRID_W + 36.0;
        let mut y = TOP;
        for (colour, text) in &self.legend {
            c.rect(
                (x, y, x + 18.0, y + 18.0),
                Some(colour.to_rgba()),
                Some((RULE.to_rgba(), 1)),
            )?;
            c.text(
                &fit(text, 13.5, f64::from(WIDTH) - x - 40.0),
                (x + 26.0, y + 1.0),
                Font::new(13.5, INK),
            )?;
            y += 26.0;
        }
        y += 14.0;
        for note in &self.notes {
            c.text(
                &fit(note, 13.0, f64::from(WIDTH) - x - 20.0),
                (x, y),
                Font::new(13.0, MUTED),
            )?;
            y += 20.0;
        }
        Ok(())
    }
}

/// Accounts and revenue in one cell of a migration table.
///
/// # Examples
///
/// ```
/// let c = keyaccount::charts::Flow { accounts: 3, revenue: 1.5e6 };
/// assert_eq!(c.accounts, 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Flow {
    /// Number of accounts.
    pub accounts: usize,
    /// Their revenue in the later period (the earlier period for accounts that left).
    pub revenue: f64,
}

/// Migration between two periods as a tier x tier heatmap: rows are the earlier tier, columns
/// the later one, each cell the accounts and their revenue; optional row of new accounts and
/// column of accounts that left.
///
/// # Examples
///
/// ```
/// use keyaccount::charts::{Flow, MigrationChart};
///
/// let mut chart = MigrationChart::new("2024", "2025");
/// chart.flows[0][0] = Flow { accounts: 18, revenue: 4.2e7 };
/// chart.flows[0][1] = Flow { accounts: 2, revenue: 1.1e6 };
/// let svg = chart.svg()?;
/// assert!(svg.contains("2024"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MigrationChart {
    /// The earlier period's label.
    pub from: String,
    /// The later period's label.
    pub to: String,
    /// The subtitle (model, calibration); the chart adds the counts.
    pub context: String,
    /// `flows[i][j]`: accounts in tier `i` (Key first) before and tier `j` after.
    pub flows: [[Flow; 4]; 4],
    /// New accounts by their later tier.
    pub entered: [Flow; 4],
    /// Accounts that left, by their earlier tier.
    pub left: [Flow; 4],
    /// Accounts that left whose earlier tier is not known: counted in the subtitle.
    pub left_untiered: Flow,
}

impl MigrationChart {
    /// An empty migration between two periods.
    ///
    /// # Examples
    ///
    /// ```
    /// let m = keyaccount::charts::MigrationChart::new("2024", "2025");
    /// assert_eq!(m.flows[1][1].accounts, 0);
    /// ```
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
        MigrationChart {
            from: from.into(),
            to: to.into(),
            context: String::new(),
            flows: [[Flow::default(); 4]; 4],
            entered: [Flow::default(); 4],
            left: [Flow::default(); 4],
            left_untiered: Flow::default(),
        }
    }

    /// The chart as an SVG document, 1200 x 760 pixels. Cells on the diagonal (same tier)
    /// are blue, moves up green, moves down red, deeper the more accounts; new accounts and
    /// accounts that left are shown when there are any.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidChartValue`] for a negative or non-finite revenue;
    /// [`Error::ChartDrawing`] if plotters fails.
    ///
    /// # Examples
    ///
    /// ```
    /// let svg = keyaccount::charts::MigrationChart::new("Q1", "Q2").svg()?;
    /// assert!(svg.contains("Q2"));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn svg(&self) -> Result<String> {
        const CHART: &str = "migration";
        let all = self
            .flows
            .iter()
            .flatten()
            .chain(&self.entered)
            .chain(&self.left);
        for f in all {
            check(
                CHART,
                || "revenue of a cell".to_owned(),
                f.revenue,
                0.0,
                f64::MAX,
                " at least 0",
            )?;
        }
        let has_new = self.entered.iter().any(|f| f.accounts > 0);
        let has_left = self.left.iter().any(|f| f.accounts > 0);
        let max = self
            .flows
            .iter()
            .flatten()
            .chain(&self.entered)
            .chain(&self.left)
            .map(|f| f.accounts)
            .max()
            .unwrap_or(0)
            .max(1) as f64;
        let stay = RGBColor(36, 113, 181);
        let up = RGBColor(30, 132, 73);
        let down = RGBColor(192, 40, 52);
        let other = RGBColor(120, 130, 138);
        let cell = |f: &Flow, base: RGBColor| -> Option<Cell> {
            if f.accounts == 0 {
                return None;
            }
            let strength = 0.15 + 0.85 * (f.accounts as f64 / max).sqrt();
            Some(Cell {
                fill: tint(base, strength),
                dark: strength > 0.55,
                lines: vec![f.accounts.to_string(), money(f.revenue)],
            })
        };
        let mut rows: Vec<String> = Tier::ALL.iter().map(|t| format!("{t}")).collect();
        let mut cols = rows.clone();
        let mut cells: Vec<Vec<Option<Cell>>> = (0..4)
            .map(|i| {
                (0..4)
                    .map(|j| {
                        let base = match i.cmp(&j) {
                            std::cmp::Ordering::Equal => stay,
                            std::cmp::Ordering::Greater => up,
                            std::cmp::Ordering::Less => down,
                        };
                        cell(&self.flows[i][j], base)
                    })
                    .collect()
            })
            .collect();
        if has_left {
            cols.push("Left".to_owned());
            for (i, row) in cells.iter_mut().enumerate() {
                row.push(cell(&self.left[i], other));
            }
        }
        if has_new {
            rows.push("New".to_owned());
            let mut row: Vec<Option<Cell>> = self.entered.iter().map(|f| cell(f, other)).collect();
            if has_left {
                row.push(None);
            }
            cells.push(row);
        }
        let total = |pick: &dyn Fn(usize, usize) -> bool| -> usize {
            (0..4)
                .flat_map(|i| (0..4).map(move |j| (i, j)))
                .filter(|&(i, j)| pick(i, j))
                .map(|(i, j)| self.flows[i][j].accounts)
                .sum()
        };
        let (n_up, n_down, n_same) = (
            total(&|i, j| i > j),
            total(&|i, j| i < j),
            total(&|i, j| i == j),
        );
        let context = format!(
            "{}{}{} stayed · {} moved up · {} moved down · {} new · {} left",
            self.context,
            if self.context.is_empty() { "" } else { " · " },
            n_same,
            n_up,
            n_down,
            self.entered.iter().map(|f| f.accounts).sum::<usize>(),
            self.left.iter().map(|f| f.accounts).sum::<usize>() + self.left_untiered.accounts
        );
        let title = format!("Tier migration {} → {}", self.from, self.to);
        Grid {
            chart: CHART,
            title: &title,
            context: &context,
            row_title: &format!("Tier in {}", self.from),
            col_title: &format!("Tier in {}", self.to),
            rows,
            cols,
            cells,
            legend: vec![
                (tint(stay, 0.6), "same tier".to_owned()),
                (tint(up, 0.6), "moved up (towards Key)".to_owned()),
                (tint(down, 0.6), "moved down".to_owned()),
                (tint(other, 0.6), "new or left".to_owned()),
            ],
            notes: vec![
                "Each cell: accounts (large)".to_owned(),
                format!("and their revenue in {}", self.to),
                "(in the earlier period for Left).".to_owned(),
                "Deeper colour: more accounts.".to_owned(),
            ],
        }
        .svg()
    }
}

/// Agreement between models as a heatmap of Cohen's kappa for each pair.
///
/// # Examples
///
/// ```
/// use keyaccount::charts::AgreementChart;
///
/// let chart = AgreementChart {
///     context: "Tiers of 42 accounts".into(),
///     models: vec!["4S".into(), "Bensaou".into()],
///     kappa: vec![vec![1.0, 0.61], vec![0.61, 1.0]],
///     agreement: Some(vec![vec![1.0, 0.78], vec![0.78, 1.0]]),
/// };
/// assert!(chart.svg()?.contains("0.61"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementChart {
    /// The subtitle (period, accounts).
    pub context: String,
    /// The models' names, in the order of the rows and columns.
    pub models: Vec<String>,
    /// Cohen's kappa of each pair, in [-1, 1]: `kappa[i][j]`; a square table.
    pub kappa: Vec<Vec<f64>>,
    /// The share of accounts with the same tier, in [0, 1], same shape, if known.
    pub agreement: Option<Vec<Vec<f64>>>,
}

impl AgreementChart {
    /// The chart as an SVG document, 1200 x 760 pixels: green for agreement beyond chance,
    /// red for less than chance, with Landis and Koch's words in the legend.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidChartValue`] for a table that is not square with one row per model,
    /// a kappa outside [-1, 1] or an agreement outside [0, 1]; [`Error::ChartDrawing`] if
    /// plotters fails.
    ///
    /// # Examples
    ///
    /// ```
    /// let chart = keyaccount::charts::AgreementChart {
    ///     context: String::new(),
    ///     models: vec!["A".into()],
    ///     kappa: vec![vec![2.0]],
    ///     agreement: None,
    /// };
    /// assert!(chart.svg().is_err());
    /// ```
    ///
    /// # References
    ///
    /// - Landis, J. R. and Koch, G. G. (1977). The measurement of observer agreement for
    ///   categorical data. *Biometrics*, 33(1), 159-174.
    pub fn svg(&self) -> Result<String> {
        const CHART: &str = "agreement";
        let n = self.models.len();
        let square = |t: &Vec<Vec<f64>>| t.len() == n && t.iter().all(|r| r.len() == n);
        if !square(&self.kappa) || !self.agreement.as_ref().map_or(true, square) {
            return Err(Error::InvalidChartValue {
                chart: CHART,
                what: "table size (rows and columns must equal the models); models".to_owned(),
                value: n as f64,
                range: "",
            });
        }
        for (i, row) in self.kappa.iter().enumerate() {
            for (j, &k) in row.iter().enumerate() {
                check(
                    CHART,
                    || format!("kappa of {} and {}", self.models[i], self.models[j]),
                    k,
                    -1.0,
                    1.0,
                    " in [-1, 1]",
                )?;
            }
        }
        if let Some(a) = &self.agreement {
            for (i, row) in a.iter().enumerate() {
                for (j, &v) in row.iter().enumerate() {
                    check(
                        CHART,
                        || format!("agreement of {} and {}", self.models[i], self.models[j]),
                        v,
                        0.0,
                        1.0,
                        " in [0, 1]",
                    )?;
                }
            }
        }
        let good = RGBColor(30, 132, 73);
        let bad = RGBColor(192, 40, 52);
        let cells = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| {
                        let k = self.kappa[i][j];
                        let (base, s) = if k >= 0.0 { (good, k) } else { (bad, -k) };
                        let strength = 0.08 + 0.8 * s;
                        let mut lines = vec![format!("κ {k:.2}")];
                        if i != j {
                            lines.push(landis_koch(k).to_owned());
                            if let Some(a) = &self.agreement {
                                lines.push(format!("{:.0}% same tier", 100.0 * a[i][j]));
                            }
                        }
                        Some(Cell {
                            fill: if i == j {
                                RGBColor(233, 236, 239)
                            } else {
                                tint(base, strength)
                            },
                            dark: i != j && strength > 0.55,
                            lines,
                        })
                    })
                    .collect()
            })
            .collect();
        Grid {
            chart: CHART,
            title: "Model agreement (Cohen's kappa)",
            context: &self.context,
            row_title: "Model",
            col_title: "Model",
            rows: self.models.clone(),
            cols: self.models.clone(),
            cells,
            legend: vec![
                (tint(good, 0.88), "0.81-1.00 almost perfect".to_owned()),
                (tint(good, 0.6), "0.61-0.80 substantial".to_owned()),
                (tint(good, 0.44), "0.41-0.60 moderate".to_owned()),
                (tint(good, 0.28), "0.21-0.40 fair".to_owned()),
                (tint(good, 0.12), "0.00-0.20 slight".to_owned()),
                (tint(bad, 0.3), "below 0: worse than chance".to_owned()),
            ],
            notes: vec![
                "Kappa: agreement on the tier".to_owned(),
                "beyond what chance would give;".to_owned(),
                "1 = always the same tier.".to_owned(),
                "Words: Landis and Koch (1977).".to_owned(),
            ],
        }
        .svg()
    }
}

/// Landis and Koch's words for a kappa.
fn landis_koch(k: f64) -> &'static str {
    if k < 0.0 {
        "poor"
    } else if k <= 0.20 {
        "slight"
    } else if k <= 0.40 {
        "fair"
    } else if k <= 0.60 {
        "moderate"
    } else if k <= 0.80 {
        "substantial"
    } else {
        "almost perfect"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_shows_counts_revenue_new_and_left() {
        let mut m = MigrationChart::new("2024", "2025");
        m.flows[0][0] = Flow {
            accounts: 18,
            revenue: 4.2e7,
        };
        m.flows[1][0] = Flow {
            accounts: 2,
            revenue: 3.0e6,
        };
        m.entered[3] = Flow {
            accounts: 5,
            revenue: 2.0e5,
        };
        m.left[2] = Flow {
            accounts: 1,
            revenue: 9.0e4,
        };
        let svg = m.svg().unwrap();
        for s in [
            "18",
            "42.0M",
            "New",
            "Left",
            "200k",
            "18 stayed · 2 moved up · 0 moved down · 5 new · 1 left",
        ] {
            assert!(svg.contains(s), "{s}");
        }
        m.flows[2][2].revenue = f64::NAN;
        assert!(m.svg().is_err());
    }

    #[test]
    fn kappa_words() {
        assert_eq!(landis_koch(-0.1), "poor");
        assert_eq!(landis_koch(0.5), "moderate");
        assert_eq!(landis_koch(0.9), "almost perfect");
    }

    #[test]
    fn agreement_tables_must_be_square() {
        let chart = AgreementChart {
            context: String::new(),
            models: vec!["A".into(), "B".into()],
            kappa: vec![vec![1.0, 0.5]],
            agreement: None,
        };
        assert!(chart.svg().is_err());
    }
}
