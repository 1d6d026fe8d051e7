//! Accounts and revenue per tier as bars.

use plotters::style::Color;

use super::draw::{check, darker, fit, money, tier_colour, Align, Canvas, Font, INK, MUTED, RULE};
use crate::error::Result;
use crate::tier::Tier;

const CHART: &str = "tier bars";
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 520;

/// One tier's accounts and revenue.
///
/// # Examples
///
/// ```
/// let r = keyaccount::charts::TierBar { tier: keyaccount::Tier::Key, accounts: 24, revenue: 3.1e7 };
/// assert_eq!(r.accounts, 24);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TierBar {
    /// The tier.
    pub tier: Tier,
    /// Accounts in the tier.
    pub accounts: usize,
    /// Their revenue, finite and not negative.
    pub revenue: f64,
}

/// Accounts and revenue per tier, side by side, so that a few Key accounts bringing most of
/// the revenue shows at a glance.
///
/// # Examples
///
/// ```
/// use keyaccount::charts::{TierBar, TierBars};
/// use keyaccount::Tier;
///
/// let chart = TierBars {
///     context: "Period 2025".into(),
///     tiers: vec![
///         TierBar { tier: Tier::Key, accounts: 20, revenue: 6.0e7 },
///         TierBar { tier: Tier::Transactional, accounts: 180, revenue: 9.0e6 },
///     ],
/// };
/// assert!(chart.svg()?.contains("Transactional"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TierBars {
    /// The subtitle (period, model).
    pub context: String,
    /// One row per tier, in the order drawn (usually Key first).
    pub tiers: Vec<TierBar>,
}

impl TierBars {
    /// The chart as an SVG document, 1200 x 520 pixels: two panels of horizontal bars,
    /// accounts on the left and revenue on the right, each with its value and share.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidChartValue`](crate::Error::InvalidChartValue) for a negative or
    /// non-finite revenue; [`Error::ChartDrawing`](crate::Error::ChartDrawing) if plotters fails.
    ///
    /// # Examples
    ///
    /// ```
    /// let chart = keyaccount::charts::TierBars { context: String::new(), tiers: vec![] };
    /// assert!(chart.svg()?.starts_with("<svg"));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn svg(&self) -> Result<String> {
        for t in &self.tiers {
            check(
                CHART,
                || format!("{} revenue", t.tier),
                t.revenue,
                0.0,
                f64::MAX,
                " at least 0",
            )?;
        }
        let mut svg = String::new();
        {
            let c = Canvas::new(&mut svg, (WIDTH, HEIGHT), CHART)?;
            self.draw(&c)?;
            c.finish()?;
        }
        Ok(svg)
    }

    fn draw(&self, c: &Canvas<'_>) -> Result<()> {
        c.text(
            "Accounts and revenue by tier",
            (40.0, 22.0),
            Font::new(28.0, INK).bold(),
        )?;
        let accounts: usize = self.tiers.iter().map(|t| t.accounts).sum();
        let revenue: f64 = self.tiers.iter().map(|t| t.revenue).sum();
        let sub = format!(
            "{}{}{accounts} accounts · revenue {}",
            self.context,
            if self.context.is_empty() { "" } else { " · " },
            money(revenue)
        );
        c.text(
            &fit(&sub, 15.0, f64::from(WIDTH) - 80.0),
            (40.0, 62.0),
            Font::new(15.0, MUTED),
        )?;

        let top = 140.0;
        let row_h = (300.0 / self.tiers.len().max(1) as f64).min(80.0);
        let label_w = 170.0;
        let panels = [
            (40.0 + label_w, "Accounts"),
            (40.0 + label_w + 500.0, "Revenue"),
        ];
        let bar_max = 330.0;
        for (k, &(x0, title)) in panels.iter().enumerate() {
            c.text(title, (x0, top - 36.0), Font::new(17.0, INK).bold())?;
            c.line(
                &[(x0, top - 6.0), (x0, top + row_h * self.tiers.len() as f64)],
                RULE.to_rgba(),
                1,
            )?;
            let total = if k == 0 { accounts as f64 } else { revenue };
            let max = self
                .tiers
                .iter()
                .map(|t| if k == 0 { t.accounts as f64 } else { t.revenue })
                .fold(0.0, f64::max);
            for (i, t) in self.tiers.iter().enumerate() {
                let v = if k == 0 { t.accounts as f64 } else { t.revenue };
                let y = top + i as f64 * row_h;
                let w = if max > 0.0 { bar_max * v / max } else { 0.0 };
                let colour = tier_colour(t.tier);
                let h = row_h * 0.62;
                if w > 0.0 {
                    c.rect(
                        (x0, y, x0 + w, y + h),
                        Some(colour.mix(0.85)),
                        Some((darker(colour).to_rgba(), 1)),
                    )?;
                }
                let value = if k == 0 {
                    t.accounts.to_string()
                } else {
                    money(t.revenue)
                };
                let share = if total > 0.0 { 100.0 * v / total } else { 0.0 };
                let text = format!("{value}  ({share:.0}%)");
                let px = 15.0;
                c.text(
                    &text,
                    (x0 + w + 8.0, y + h / 2.0 - px * 0.6),
                    Font::new(px, INK).bold(),
                )?;
                if k == 0 {
                    let name = t.tier.to_string();
                    c.text(
                        &name,
                        (x0 - 12.0, y + h / 2.0 - 10.0),
                        Font::new(16.0, darker(colour)).bold().align(Align::Right),
                    )?;
                }
            }
        }
        let y = top + row_h * self.tiers.len() as f64 + 24.0;
        c.text(
            "Bars to scale within each panel; percentages are shares of the portfolio's accounts and revenue.",
            (40.0, y),
            Font::new(13.0, MUTED),
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_written() {
        let chart = TierBars {
            context: String::new(),
            tiers: vec![
                TierBar {
                    tier: Tier::Key,
                    accounts: 1,
                    revenue: 75.0,
                },
                TierBar {
                    tier: Tier::Maintenance,
                    accounts: 3,
                    revenue: 25.0,
                },
            ],
        };
        let svg = chart.svg().unwrap();
        assert!(svg.contains("1  (25%)"));
        assert!(svg.contains("75  (75%)"));
        assert!(svg.contains("4 accounts"));
    }

    #[test]
    fn bad_revenue_is_an_error() {
        let chart = TierBars {
            context: String::new(),
            tiers: vec![TierBar {
                tier: Tier::Key,
                accounts: 1,
                revenue: f64::NAN,
            }],
        };
        assert!(chart.svg().is_err());
    }
}
