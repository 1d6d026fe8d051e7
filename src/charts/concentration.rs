//! The Pareto (Lorenz) concentration curve with the ABC cut lines and the HHI.

use plotters::style::{Color, RGBColor, WHITE};

use super::draw::{check, darker, fit, text_width, tint, Align, Canvas, Font, INK, MUTED, RULE};
use super::layout::Bounds;
use crate::error::{Error, Result};

const CHART: &str = "concentration";
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 760;
const LEFT: f64 = 110.0;
const TOP: f64 = 120.0;
const PLOT_W: f64 = 720.0;
const PLOT_H: f64 = 540.0;
const CURVE: RGBColor = RGBColor(36, 113, 181);
const CLASS_COLOURS: [RGBColor; 3] = [
    RGBColor(192, 40, 52),
    RGBColor(230, 126, 20),
    RGBColor(120, 130, 138),
];

/// One ABC class: its name, how many accounts it has and the share of revenue they bring.
///
/// # Examples
///
/// ```
/// let a = keyaccount::charts::AbcBand::new("A", 9, 0.79);
/// assert_eq!(a.accounts, 9);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AbcBand {
    /// The class's name ("A").
    pub class: String,
    /// Accounts in the class.
    pub accounts: usize,
    /// The class's share of total revenue, in [0, 1].
    pub revenue_share: f64,
}

impl AbcBand {
    /// A class.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::charts::AbcBand::new("B", 12, 0.15).class, "B");
    /// ```
    pub fn new(class: impl Into<String>, accounts: usize, revenue_share: f64) -> Self {
        AbcBand {
            class: class.into(),
            accounts,
            revenue_share,
        }
    }
}

/// The concentration curve: cumulative share of revenue against share of accounts, largest
/// first, with the ABC classes and the Herfindahl-Hirschman index.
///
/// # Examples
///
/// ```
/// use keyaccount::charts::{AbcBand, ParetoChart};
///
/// let chart = ParetoChart {
///     context: "Period 2025".into(),
///     curve: vec![(0.0, 0.0), (0.25, 0.6), (0.5, 0.85), (0.75, 0.95), (1.0, 1.0)],
///     classes: vec![AbcBand::new("A", 2, 0.85), AbcBand::new("B", 1, 0.1), AbcBand::new("C", 1, 0.05)],
///     hhi: 0.31,
/// };
/// let svg = chart.svg()?;
/// assert!(svg.contains("Herfindahl-Hirschman index"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ParetoChart {
    /// The subtitle, for example the period and the number of accounts.
    pub context: String,
    /// `(share of accounts, cumulative share of revenue)`, both in [0, 1], accounts ascending.
    pub curve: Vec<(f64, f64)>,
    /// The ABC classes, A first (may be empty).
    pub classes: Vec<AbcBand>,
    /// The Herfindahl-Hirschman index, the sum of squared revenue shares, in (0, 1].
    pub hhi: f64,
}

impl ParetoChart {
    /// The chart as an SVG document, 1200 x 760 pixels.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidChartValue`] for a curve point or class share outside [0, 1], a curve
    /// whose account shares go down, or an HHI outside (0, 1]; [`Error::ChartDrawing`] if
    /// plotters fails.
    ///
    /// # Examples
    ///
    /// ```
    /// let chart = keyaccount::charts::ParetoChart {
    ///     context: String::new(),
    ///     curve: vec![(0.0, 0.0), (1.0, 1.0)],
    ///     classes: vec![],
    ///     hhi: 1.0,
    /// };
    /// assert!(chart.svg()?.starts_with("<svg"));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn svg(&self) -> Result<String> {
        self.validate()?;
        let mut svg = String::new();
        {
            let c = Canvas::new(&mut svg, (WIDTH, HEIGHT), CHART)?;
            self.draw(&c)?;
            c.finish()?;
        }
        Ok(svg)
    }

    fn validate(&self) -> Result<()> {
        let mut last = 0.0;
        for (i, &(a, r)) in self.curve.iter().enumerate() {
            check(
                CHART,
                || format!("curve point {i} account share"),
                a,
                0.0,
                1.0,
                " in [0, 1]",
            )?;
            check(
                CHART,
                || format!("curve point {i} revenue share"),
                r,
                0.0,
                1.0,
                " in [0, 1]",
            )?;
            if a < last {
                return Err(Error::InvalidChartValue {
                    chart: CHART,
                    what: format!("curve point {i} account share (going down)"),
                    value: a,
                    range: " at least the previous point's",
                });
            }
            last = a;
        }
        for c in &self.classes {
            check(
                CHART,
                || format!("class {} revenue share", c.class),
                c.revenue_share,
                0.0,
                1.0,
                " in [0, 1]",
            )?;
        }
        if !(self.hhi.is_finite() && self.hhi > 0.0 && self.hhi <= 1.0) {
            return Err(Error::InvalidChartValue {
                chart: CHART,
                what: "Herfindahl-Hirschman index".to_owned(),
                value: self.hhi,
                range: " in (0, 1]",
            });
        }
        Ok(())
    }

    fn draw(&self, c: &Canvas<'_>) -> Result<()> {
        let sx = |a: f64| LEFT + a * PLOT_W;
        let sy = |r: f64| TOP + (1.0 - r) * PLOT_H;
        let area = Bounds::new(LEFT, TOP, PLOT_W, PLOT_H);
        let total_accounts: usize = self.classes.iter().map(|b| b.accounts).sum();

        // Class bands behind the curve.
        let mut acc = 0usize;
        let mut rev = 0.0;
        let mut cuts = Vec::new();
        for (k, band) in self.classes.iter().enumerate() {
            let a0 = if total_accounts > 0 {
                acc as f64 / total_accounts as f64
            } else {
                0.0
            };
            acc += band.accounts;
            rev += band.revenue_share;
            let a1 = if total_accounts > 0 {
                acc as f64 / total_accounts as f64
            } else {
                0.0
            };
            let colour = CLASS_COLOURS[k.min(2)];
            c.rect(
                (sx(a0), TOP, sx(a1), TOP + PLOT_H),
                Some(tint(colour, 0.08).to_rgba()),
                None,
            )?;
            cuts.push((band, a0, a1, rev.min(1.0), colour));
        }
        // Grid.
        let tick = Font::new(13.0, MUTED);
        for k in 0..=5 {
            let v = f64::from(k) / 5.0;
            c.line(&[(sx(0.0), sy(v)), (sx(1.0), sy(v))], RULE.mix(0.35), 1)?;
            c.text(
                &format!("{:.0}%", v * 100.0),
                (LEFT - 8.0, sy(v) - 8.0),
                tick.align(Align::Right),
            )?;
            c.text(
                &format!("{:.0}%", v * 100.0),
                (sx(v), TOP + PLOT_H + 6.0),
                tick.align(Align::Centre),
            )?;
        }
        c.rect(
            (area.x0, area.y0, area.x1, area.y1),
            None,
            Some((RULE.to_rgba(), 1)),
        )?;
        // Equal shares, for reference.
        c.dashed((sx(0.0), sy(0.0)), (sx(1.0), sy(1.0)), RULE.mix(0.9), 1)?;
        c.text(
            "equal revenue per account",
            (sx(0.62), sy(0.62) + 6.0),
            Font::new(12.5, MUTED),
        )?;

        // Cut lines and class notes.
        let mut note_y = TOP + PLOT_H - 40.0;
        for (k, &(band, a0, a1, cum_rev, colour)) in cuts.iter().enumerate() {
            if k + 1 < cuts.len() {
                c.dashed(
                    (sx(a1), TOP),
                    (sx(a1), TOP + PLOT_H),
                    darker(colour).mix(0.8),
                    2,
                )?;
                c.dashed(
                    (sx(0.0), sy(cum_rev)),
                    (sx(a1), sy(cum_rev)),
                    darker(colour).mix(0.5),
                    1,
                )?;
            }
            let share_acc = a1 - a0;
            let line = format!(
                "{}: {} account{} ({:.0}%) · {:.0}% of revenue",
                band.class,
                band.accounts,
                if band.accounts == 1 { "" } else { "s" },
                100.0 * share_acc,
                100.0 * band.revenue_share
            );
            let w = text_width(&line, 14.0) + 12.0;
            let x0 = (sx(1.0) - w - 10.0).max(LEFT + 10.0);
            c.rect(
                (x0, note_y - 3.0, x0 + w, note_y + 20.0),
                Some(WHITE.mix(0.9)),
                None,
            )?;
            c.text(
                &line,
                (x0 + 6.0, note_y),
                Font::new(14.0, darker(colour)).bold(),
            )?;
            note_y -= 26.0;
            // Class letter at the top of its band.
            if sx(a1) - sx(a0) > 18.0 {
                c.text(
                    &band.class,
                    ((sx(a0) + sx(a1)) / 2.0, TOP + 8.0),
                    Font::new(20.0, darker(colour)).bold().align(Align::Centre),
                )?;
            }
        }

        // The curve.
        let pts: Vec<(f64, f64)> = self.curve.iter().map(|&(a, r)| (sx(a), sy(r))).collect();
        if pts.len() >= 2 {
            c.line(&pts, CURVE.to_rgba(), 3)?;
        }

        // Axis titles.
        c.text(
            "Share of accounts, largest first",
            (LEFT + PLOT_W / 2.0, TOP + PLOT_H + 32.0),
            Font::new(17.0, INK).bold().align(Align::Centre),
        )?;
        c.text(
            "Cumulative share of revenue",
            (LEFT - 62.0, TOP + PLOT_H / 2.0),
            Font::new(17.0, INK).bold().align(Align::Centre).vertical(),
        )?;

        // Title and the index.
        c.text(
            "Revenue concentration (Pareto curve)",
            (40.0, 22.0),
            Font::new(28.0, INK).bold(),
        )?;
        let n = self.curve.len().saturating_sub(1);
        let sub = if self.context.is_empty() {
            format!("{n} accounts")
        } else {
            format!("{} · {n} accounts", self.context)
        };
        c.text(
            &fit(&sub, 15.0, f64::from(WIDTH) - 80.0),
            (40.0, 62.0),
            Font::new(15.0, MUTED),
        )?;

        let x = LEFT + PLOT_W + 40.0;
        let mut y = TOP;
        let head = Font::new(15.0, INK).bold();
        let body = Font::new(13.5, INK);
        c.text("Herfindahl-Hirschman index", (x, y), head)?;
        y += 26.0;
        c.text(
            &format!("{:.3}", self.hhi),
            (x, y),
            Font::new(34.0, CURVE).bold(),
        )?;
        c.text(
            &format!("= {:.0} points", self.hhi * 10_000.0),
            (x + 120.0, y + 12.0),
            body,
        )?;
        y += 50.0;
        for line in [
            format!("as concentrated as {:.1} equal accounts", 1.0 / self.hhi),
            concentration_words(self.hhi).to_owned(),
        ] {
            c.text(&line, (x, y), body)?;
            y += 22.0;
        }
        y += 22.0;
        c.text("How to read it", (x, y), head)?;
        y += 26.0;
        for line in [
            "The curve climbs steeply when a few",
            "accounts bring most of the revenue.",
            "Shaded bands: ABC classes (A largest).",
            "Dashed: where each class ends.",
        ] {
            c.text(line, (x, y), Font::new(13.0, MUTED))?;
            y += 20.0;
        }
        Ok(())
    }
}

/// The US merger guidelines' words for an index (below 1,500 points unconcentrated, above
/// 2,500 highly concentrated).
fn concentration_words(hhi: f64) -> &'static str {
    if hhi < 0.15 {
        "unconcentrated (below 1,500 points)"
    } else if hhi <= 0.25 {
        "moderately concentrated (1,500-2,500)"
    } else {
        "highly concentrated (above 2,500 points)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> ParetoChart {
        ParetoChart {
            context: String::new(),
            curve: vec![(0.0, 0.0), (0.5, 0.9), (1.0, 1.0)],
            classes: vec![AbcBand::new("A", 1, 0.9), AbcBand::new("C", 1, 0.1)],
            hhi: 0.82,
        }
    }

    #[test]
    fn draws_classes_and_index() {
        let svg = chart().svg().unwrap();
        assert!(svg.contains("0.820"));
        assert!(svg.contains("highly concentrated"));
        assert!(svg.contains("A: 1 account (50%)"));
    }

    #[test]
    fn bad_values_are_errors() {
        let mut c = chart();
        c.curve[1].1 = f64::NAN;
        assert!(matches!(c.svg(), Err(Error::InvalidChartValue { .. })));
        let mut c = chart();
        c.curve[2].0 = 0.2;
        assert!(c.svg().is_err());
        let mut c = chart();
        c.hhi = 0.0;
        assert!(c.svg().is_err());
    }

    #[test]
    fn words_follow_the_guidelines() {
        assert!(concentration_words(0.1).starts_with("unconcentrated"));
        assert!(concentration_words(0.2).starts_with("moderately"));
        assert!(concentration_words(0.3).starts_with("highly"));
    }
}
