//! Portfolio matrices: the 4S matrix, Bensaou's 2x2 and Millman and Wilson's diagonal.

use plotters::style::{Color, WHITE};

use super::draw::{
    check, darker, fit, money, text_width, tier_colour, tint, Align, Canvas, Font, INK, MUTED, RULE,
};
use super::layout::{best_spot, place, Bounds, Disc, Request};
use crate::any::{AnyModel, Class, ModelKind, Position};
use crate::axis::Axis;
use crate::classifier::Classifier;
use crate::classifier::CutPoint;
use crate::error::{Error, Result};
use crate::models::bensaou::{Bensaou, BensaouClass};
use crate::models::four_s::{FourS, FourSClass};
use crate::models::millman_wilson::{MillmanWilson, MillmanWilsonStage};
use crate::tier::Tier;

const CHART: &str = "matrix";
const WIDTH: u32 = 1280;
const HEIGHT: u32 = 800;
/// The plot square.
const LEFT: f64 = 130.0;
const TOP: f64 = 122.0;
const SIZE: f64 = 590.0;
/// The legend column.
const LEGEND_X: f64 = 790.0;

/// One account on a matrix: a bubble at `(x, y)` on the model's axes, sized by revenue and
/// coloured by tier.
///
/// Key accounts are always labelled with their name; borderline accounts where the label fits.
///
/// # Examples
///
/// ```
/// use keyaccount::charts::Bubble;
/// use keyaccount::Tier;
///
/// let b = Bubble::new("A1", "Acme GmbH", 0.8, 0.7, 1.2e6, Tier::Key);
/// assert!(!b.borderline);
/// assert!(b.borderline().borderline);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Bubble {
    /// The account's id (for stable ordering).
    pub id: String,
    /// The account's name, written on its label.
    pub name: String,
    /// Position on the horizontal axis, in [0, 1].
    pub x: f64,
    /// Position on the vertical axis, in [0, 1].
    pub y: f64,
    /// Revenue: the bubble's area grows with it. Finite and not negative.
    pub revenue: f64,
    /// The account's tier: the bubble's colour.
    pub tier: Tier,
    /// Near a class boundary: ringed, and labelled where the label fits.
    pub borderline: bool,
}

impl Bubble {
    /// A bubble that is not borderline.
    ///
    /// # Examples
    ///
    /// ```
    /// let b = keyaccount::charts::Bubble::new("A1", "Acme", 0.5, 0.5, 10.0, keyaccount::Tier::Key);
    /// assert_eq!(b.name, "Acme");
    /// ```
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        x: f64,
        y: f64,
        revenue: f64,
        tier: Tier,
    ) -> Self {
        Bubble {
            id: id.into(),
            name: name.into(),
            x,
            y,
            revenue,
            tier,
            borderline: false,
        }
    }

    /// The same bubble marked borderline.
    ///
    /// # Examples
    ///
    /// ```
    /// let b = keyaccount::charts::Bubble::new("A1", "Acme", 0.5, 0.5, 10.0, keyaccount::Tier::Key);
    /// assert!(b.borderline().borderline);
    /// ```
    #[must_use]
    pub fn borderline(self) -> Self {
        Bubble {
            borderline: true,
            ..self
        }
    }
}

/// A matrix axis: its title and the words at its two ends.
///
/// # Examples
///
/// ```
/// use keyaccount::charts::MatrixAxis;
///
/// let a = MatrixAxis::new("account attractiveness");
/// assert_eq!((a.low.as_str(), a.high.as_str()), ("low", "high"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixAxis {
    /// The axis title.
    pub title: String,
    /// The word at the low end.
    pub low: String,
    /// The word at the high end.
    pub high: String,
    /// High on the left (horizontal axis) as in the 4S matrix, instead of on the right.
    pub reversed: bool,
}

impl MatrixAxis {
    /// An axis from "low" to "high", not reversed.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(!keyaccount::charts::MatrixAxis::new("x").reversed);
    /// ```
    pub fn new(title: impl Into<String>) -> Self {
        MatrixAxis {
            title: title.into(),
            low: "low".to_owned(),
            high: "high".to_owned(),
            reversed: false,
        }
    }

    /// The same axis with other end words.
    ///
    /// # Examples
    ///
    /// ```
    /// let a = keyaccount::charts::MatrixAxis::new("nature").ends("transactional", "collaborative");
    /// assert_eq!(a.high, "collaborative");
    /// ```
    #[must_use]
    pub fn ends(self, low: impl Into<String>, high: impl Into<String>) -> Self {
        MatrixAxis {
            low: low.into(),
            high: high.into(),
            ..self
        }
    }
}

/// A named region of a matrix (a quadrant or a stage) and the tier it maps to.
///
/// # Examples
///
/// ```
/// let r = keyaccount::charts::Region::new("Strategic", keyaccount::Tier::Key);
/// assert_eq!(r.tier, keyaccount::Tier::Key);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// The region's name.
    pub name: String,
    /// The tier of the accounts in it.
    pub tier: Tier,
}

impl Region {
    /// A region.
    ///
    /// # Examples
    ///
    /// ```
    /// let r = keyaccount::charts::Region::new("Star", keyaccount::Tier::Development);
    /// assert_eq!(r.name, "Star");
    /// ```
    pub fn new(name: impl Into<String>, tier: Tier) -> Self {
        Region {
            name: name.into(),
            tier,
        }
    }
}

/// How a matrix is divided.
///
/// # Examples
///
/// ```
/// use keyaccount::charts::{Regions, MatrixChart};
/// use keyaccount::FourS;
///
/// let chart = MatrixChart::four_s(&FourS::default());
/// assert!(matches!(chart.regions, Regions::Quadrants { .. }));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Regions {
    /// Two thresholds make four quadrants.
    Quadrants {
        /// The threshold on the horizontal axis.
        x_threshold: f64,
        /// The threshold on the vertical axis.
        y_threshold: f64,
        /// The quadrant with both values high.
        high_high: Region,
        /// High horizontal, low vertical.
        high_low: Region,
        /// Low horizontal, high vertical.
        low_high: Region,
        /// Both values low.
        low_low: Region,
    },
    /// Stages along the diagonal, cut by thresholds on `(x + y) / 2`.
    Diagonal {
        /// Ascending thresholds, each in (0, 1).
        thresholds: Vec<f64>,
        /// The stages, lowest first: one more than the thresholds.
        stages: Vec<Region>,
    },
}

/// A matrix chart's frame: titles, axes and regions. Build one from a model
/// ([`MatrixChart::for_model`], [`MatrixChart::four_s`], ...) and draw it with
/// [`MatrixChart::svg`].
///
/// # Examples
///
/// ```
/// use keyaccount::charts::{Bubble, MatrixChart};
/// use keyaccount::{FourS, Tier};
///
/// let chart = MatrixChart::four_s(&FourS::default()).context("Period 2025, default thresholds");
/// let svg = chart.svg(&[Bubble::new("A", "Acme", 0.8, 0.9, 5e5, Tier::Key)])?;
/// assert!(svg.contains("Acme"));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixChart {
    /// The title.
    pub title: String,
    /// The first subtitle line, for example the period and the calibration. The second line
    /// (accounts, Key accounts, thresholds) is written by the chart.
    pub context: String,
    /// The horizontal axis.
    pub x_axis: MatrixAxis,
    /// The vertical axis.
    pub y_axis: MatrixAxis,
    /// The quadrants or stages.
    pub regions: Regions,
}

impl MatrixChart {
    /// The 4S matrix of a model: relative strength horizontal (high on the left, as in the
    /// literature), attractiveness vertical, its thresholds and tier mapping.
    ///
    /// # Examples
    ///
    /// ```
    /// let c = keyaccount::charts::MatrixChart::four_s(&keyaccount::FourS::default());
    /// assert!(c.x_axis.reversed);
    /// ```
    pub fn four_s(model: &FourS) -> Self {
        let r = |c: FourSClass| Region::new(c.to_string(), model.tier_of(c));
        MatrixChart {
            title: "4S key-account matrix".to_owned(),
            context: String::new(),
            x_axis: MatrixAxis {
                reversed: true,
                ..MatrixAxis::new("Relative strength (as the customer sees it)")
            },
            y_axis: MatrixAxis::new("Account attractiveness"),
            regions: Regions::Quadrants {
                x_threshold: model.strength_threshold(),
                y_threshold: model.attractiveness_threshold(),
                high_high: r(FourSClass::Strategic),
                low_high: r(FourSClass::Star),
                high_low: r(FourSClass::Status),
                low_low: r(FourSClass::Streamline),
            },
        }
    }

    /// Bensaou's portfolio: the supplier's specific investments horizontal, the buyer's
    /// vertical, its thresholds and tier mapping.
    ///
    /// # Examples
    ///
    /// ```
    /// let c = keyaccount::charts::MatrixChart::bensaou(&keyaccount::Bensaou::default());
    /// assert_eq!(c.y_axis.title, "Buyer's specific investments");
    /// ```
    pub fn bensaou(model: &Bensaou) -> Self {
        let r = |c: BensaouClass| Region::new(c.to_string(), model.tier_of(c));
        MatrixChart {
            title: "Bensaou relationship portfolio".to_owned(),
            context: String::new(),
            x_axis: MatrixAxis::new("Supplier's specific investments"),
            y_axis: MatrixAxis::new("Buyer's specific investments"),
            regions: Regions::Quadrants {
                x_threshold: model.supplier_threshold(),
                y_threshold: model.buyer_threshold(),
                high_high: r(BensaouClass::StrategicPartnership),
                low_high: r(BensaouClass::CaptiveBuyer),
                high_low: r(BensaouClass::CaptiveSupplier),
                low_low: r(BensaouClass::MarketExchange),
            },
        }
    }

    /// Millman and Wilson's relational development model: nature of the relationship
    /// horizontal, level of involvement vertical, the stages along the diagonal.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::charts::{MatrixChart, Regions};
    /// let c = MatrixChart::millman_wilson(&keyaccount::MillmanWilson::default());
    /// assert!(matches!(c.regions, Regions::Diagonal { ref stages, .. } if stages.len() == 5));
    /// ```
    pub fn millman_wilson(model: &MillmanWilson) -> Self {
        MatrixChart {
            title: "Millman and Wilson relational development".to_owned(),
            context: String::new(),
            x_axis: MatrixAxis::new("Nature of the relationship")
                .ends("transactional", "collaborative"),
            y_axis: MatrixAxis::new("Level of involvement").ends("simple", "complex"),
            regions: Regions::Diagonal {
                thresholds: model.thresholds().to_vec(),
                stages: MillmanWilsonStage::POSITIONAL
                    .iter()
                    .map(|&s| Region::new(s.to_string(), model.tier_of(s)))
                    .collect(),
            },
        }
    }

    /// The matrix of any two-dimensional model.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidChartValue`] for Webster's continuum, which has one axis and no matrix.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::charts::MatrixChart;
    /// use keyaccount::{AnyModel, Webster, Bensaou};
    ///
    /// assert!(MatrixChart::for_model(&AnyModel::from(Bensaou::default())).is_ok());
    /// assert!(MatrixChart::for_model(&AnyModel::from(Webster::default())).is_err());
    /// ```
    pub fn for_model(model: &AnyModel) -> Result<Self> {
        match model {
            AnyModel::FourS(m) => Ok(Self::four_s(m)),
            AnyModel::Bensaou(m) => Ok(Self::bensaou(m)),
            AnyModel::MillmanWilson(m) => Ok(Self::millman_wilson(m)),
            AnyModel::Webster(_) => Err(Error::InvalidChartValue {
                chart: CHART,
                what: "Webster's continuum has one axis; number of matrix axes".to_owned(),
                value: 1.0,
                range: " equal to 2",
            }),
        }
    }

    /// The matrix of a model from what a report keeps of it: the model, its thresholds in
    /// force (for example after calibration) and its class-to-tier table.
    ///
    /// Thresholds and tiers not given keep the model's defaults.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidChartValue`] for Webster's continuum, which has no matrix.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::charts::{MatrixChart, Regions};
    /// use keyaccount::{Axis, Class, CutPoint, FourSClass, ModelKind, Tier};
    ///
    /// let cuts = [CutPoint { axis: Axis::Attractiveness, value: 0.42 }];
    /// let tiers = [(Class::FourS(FourSClass::Star), Tier::Key)];
    /// let c = MatrixChart::from_parts(ModelKind::FourS, &cuts, &tiers)?;
    /// let Regions::Quadrants { y_threshold, low_high, .. } = c.regions else { unreachable!() };
    /// assert_eq!((y_threshold, low_high.tier), (0.42, Tier::Key));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn from_parts(
        kind: ModelKind,
        cut_points: &[CutPoint],
        tiers: &[(Class, Tier)],
    ) -> Result<Self> {
        let mut chart = Self::for_model(&kind.default_model())?;
        let of = |axis: Axis| cut_points.iter().find(|c| c.axis == axis).map(|c| c.value);
        let tier_of = |name: &str| {
            tiers
                .iter()
                .find(|(c, _)| c.to_string() == name)
                .map(|(_, t)| *t)
        };
        match &mut chart.regions {
            Regions::Quadrants {
                x_threshold,
                y_threshold,
                high_high,
                high_low,
                low_high,
                low_low,
            } => {
                let (x_axis, y_axis) = match kind {
                    ModelKind::FourS => (Axis::RelativeStrength, Axis::Attractiveness),
                    _ => (Axis::SupplierInvestment, Axis::BuyerInvestment),
                };
                *x_threshold = of(x_axis).unwrap_or(*x_threshold);
                *y_threshold = of(y_axis).unwrap_or(*y_threshold);
                for r in [high_high, high_low, low_high, low_low] {
                    r.tier = tier_of(&r.name).unwrap_or(r.tier);
                }
            }
            Regions::Diagonal { thresholds, stages } => {
                let given: Vec<f64> = cut_points
                    .iter()
                    .filter(|c| c.axis == Axis::Development)
                    .map(|c| c.value)
                    .collect();
                if given.len() == thresholds.len() {
                    *thresholds = given;
                }
                for r in stages {
                    r.tier = tier_of(&r.name).unwrap_or(r.tier);
                }
            }
        }
        Ok(chart)
    }

    /// The same chart with the first subtitle line set (period, calibration, ...).
    ///
    /// # Examples
    ///
    /// ```
    /// let c = keyaccount::charts::MatrixChart::four_s(&keyaccount::FourS::default()).context("2025");
    /// assert_eq!(c.context, "2025");
    /// ```
    #[must_use]
    pub fn context(self, context: impl Into<String>) -> Self {
        MatrixChart {
            context: context.into(),
            ..self
        }
    }

    /// The chart as an SVG document, 1280 x 800 pixels.
    ///
    /// Bubbles are sized by revenue (area) and coloured by tier; the smaller the portfolio,
    /// the larger and more opaque they are. Every Key account is labelled with its name, clear
    /// of other labels, moved off its bubble with a leader line when crowded; borderline
    /// accounts are labelled where a label fits clear of bubbles. Region names sit in the
    /// outer corners (or along the diagonal), where they cover the fewest bubbles. Labels,
    /// titles and legends are SVG `<text>`; account labels carry nothing but the name.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidChartValue`] for a position outside [0, 1] or NaN, a negative or
    /// non-finite revenue, a threshold outside (0, 1), or stages that do not match the
    /// thresholds; [`Error::ChartDrawing`] if plotters fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::charts::{Bubble, MatrixChart};
    /// use keyaccount::{Bensaou, Tier};
    ///
    /// let svg = MatrixChart::bensaou(&Bensaou::default())
    ///     .svg(&[Bubble::new("B", "Beta & Co <EU>", 0.9, 0.2, 1e5, Tier::Development)])?;
    /// assert!(svg.starts_with("<svg"));
    /// assert!(!svg.contains("Beta & Co <EU>")); // escaped
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn svg(&self, bubbles: &[Bubble]) -> Result<String> {
        self.validate(bubbles)?;
        let mut svg = String::new();
        {
            let canvas = Canvas::new(&mut svg, (WIDTH, HEIGHT), CHART)?;
            Drawing::new(self, bubbles, &canvas).draw()?;
            canvas.finish()?;
        }
        Ok(svg)
    }

    fn validate(&self, bubbles: &[Bubble]) -> Result<()> {
        let in_unit = |what: &dyn Fn() -> String, v: f64| -> Result<()> {
            check(CHART, what, v, 0.0, 1.0, " in [0, 1]").map(|_| ())
        };
        for b in bubbles {
            in_unit(&|| format!("account {} horizontal position", b.id), b.x)?;
            in_unit(&|| format!("account {} vertical position", b.id), b.y)?;
            check(
                CHART,
                || format!("account {} revenue", b.id),
                b.revenue,
                0.0,
                f64::MAX,
                " at least 0",
            )?;
        }
        let threshold = |what: &'static str, v: f64| -> Result<()> {
            if v.is_finite() && v > 0.0 && v < 1.0 {
                Ok(())
            } else {
                Err(Error::InvalidChartValue {
                    chart: CHART,
                    what: what.to_owned(),
                    value: v,
                    range: " strictly between 0 and 1",
                })
            }
        };
        match &self.regions {
            Regions::Quadrants {
                x_threshold,
                y_threshold,
                ..
            } => {
                threshold("horizontal threshold", *x_threshold)?;
                threshold("vertical threshold", *y_threshold)?;
            }
            Regions::Diagonal { thresholds, stages } => {
                for &t in thresholds {
                    threshold("stage threshold", t)?;
                }
                if stages.len() != thresholds.len() + 1 {
                    return Err(Error::InvalidChartValue {
                        chart: CHART,
                        what: format!("{} thresholds; number of stages", thresholds.len()),
                        value: stages.len() as f64,
                        range: " one more than the thresholds",
                    });
                }
                if thresholds.windows(2).any(|w| w[0] >= w[1]) {
                    return Err(Error::InvalidChartValue {
                        chart: CHART,
                        what: "stage thresholds (not ascending); first".to_owned(),
                        value: thresholds[0],
                        range: " below the next",
                    });
                }
            }
        }
        Ok(())
    }
}

/// Where a position lies on its model's matrix, as `(x, y)` for a [`Bubble`]: 4S (relative
/// strength, attractiveness), Bensaou (supplier's, buyer's investments), Millman and Wilson
/// (nature, involvement); `None` for Webster's one axis.
///
/// # Examples
///
/// ```
/// use keyaccount::charts::matrix_point;
/// use keyaccount::{FourSPosition, Position};
///
/// let p = Position::FourS(FourSPosition { attractiveness: 0.7, relative_strength: 0.4 });
/// assert_eq!(matrix_point(&p), Some((0.4, 0.7)));
/// ```
#[must_use]
pub fn matrix_point(position: &Position) -> Option<(f64, f64)> {
    match position {
        Position::FourS(p) => Some((p.relative_strength, p.attractiveness)),
        Position::Bensaou(p) => Some((p.supplier_investment, p.buyer_investment)),
        Position::MillmanWilson(p) => Some((p.nature, p.involvement)),
        Position::Webster(_) => None,
    }
}

/// One drawing in progress: the scales and what has been placed.
struct Drawing<'c, 'a> {
    chart: &'c MatrixChart,
    bubbles: &'c [Bubble],
    canvas: &'c Canvas<'a>,
    /// Bubbles in drawing order (largest first) with their discs.
    order: Vec<usize>,
    discs: Vec<Disc>,
    label_px: f64,
}

fn plot_area() -> Bounds {
    Bounds::new(LEFT, TOP, SIZE, SIZE)
}

impl<'c, 'a> Drawing<'c, 'a> {
    fn new(chart: &'c MatrixChart, bubbles: &'c [Bubble], canvas: &'c Canvas<'a>) -> Self {
        let n = bubbles.len().max(1) as f64;
        // Smaller bubbles as the portfolio grows, so that 2,000 accounts still show structure.
        let r_max = (40.0 * (20.0 / n).sqrt()).clamp(10.0, 32.0);
        let r_min = (r_max * 0.25).max(3.0);
        let max_rev = bubbles.iter().map(|b| b.revenue).fold(0.0, f64::max);
        let mut d = Drawing {
            chart,
            bubbles,
            canvas,
            order: (0..bubbles.len()).collect(),
            discs: Vec::with_capacity(bubbles.len()),
            label_px: if bubbles.len() <= 150 { 12.5 } else { 11.5 },
        };
        for b in bubbles {
            let r = if max_rev > 0.0 {
                (r_max * (b.revenue / max_rev).sqrt()).max(r_min)
            } else {
                r_min
            };
            d.discs.push(Disc {
                x: d.sx(b.x),
                y: d.sy(b.y),
                r,
            });
        }
        d.order.sort_by(|&i, &j| {
            bubbles[j]
                .revenue
                .total_cmp(&bubbles[i].revenue)
                .then_with(|| bubbles[i].id.cmp(&bubbles[j].id))
        });
        d
    }

    fn sx(&self, x: f64) -> f64 {
        let u = if self.chart.x_axis.reversed {
            1.0 - x
        } else {
            x
        };
        LEFT + u * SIZE
    }

    fn sy(&self, y: f64) -> f64 {
        TOP + (1.0 - y) * SIZE
    }

    fn draw(&self) -> Result<()> {
        self.regions_background()?;
        self.frame_and_axes()?;
        self.draw_bubbles()?;
        let fixed = self.region_names()?;
        let named = self.labels(&fixed)?;
        self.titles()?;
        self.legend(named)?;
        Ok(())
    }

    fn count(&self, region: &Region) -> usize {
        // Accounts counted by position, so the counts match the picture.
        let in_region = |b: &Bubble| -> bool {
            match &self.chart.regions {
                Regions::Quadrants {
                    x_threshold,
                    y_threshold,
                    high_high,
                    high_low,
                    low_high,
                    ..
                } => {
                    let r = match (b.x >= *x_threshold, b.y >= *y_threshold) {
                        (true, true) => high_high,
                        (true, false) => high_low,
                        (false, true) => low_high,
                        (false, false) => return std::ptr::eq(region, self.low_low()),
                    };
                    std::ptr::eq(region, r)
                }
                Regions::Diagonal { thresholds, stages } => {
                    let dev = (b.x + b.y) / 2.0;
                    let k = thresholds.iter().filter(|&&t| dev >= t).count();
                    std::ptr::eq(region, &stages[k])
                }
            }
        };
        self.bubbles.iter().filter(|b| in_region(b)).count()
    }

    fn low_low(&self) -> &Region {
        match &self.chart.regions {
            Regions::Quadrants { low_low, .. } => low_low,
            Regions::Diagonal { stages, .. } => &stages[0],
        }
    }

    fn regions_background(&self) -> Result<()> {
        let c = self.canvas;
        match &self.chart.regions {
            Regions::Quadrants {
                x_threshold,
                y_threshold,
                high_high,
                high_low,
                low_high,
                low_low,
            } => {
                let (tx, ty) = (self.sx(*x_threshold), self.sy(*y_threshold));
                let (lo_x, hi_x) = (self.sx(0.0), self.sx(1.0));
                let (lo_y, hi_y) = (self.sy(0.0), self.sy(1.0));
                for (r, xa, ya) in [
                    (high_high, hi_x, hi_y),
                    (high_low, hi_x, lo_y),
                    (low_high, lo_x, hi_y),
                    (low_low, lo_x, lo_y),
                ] {
                    let fill = tint(tier_colour(r.tier), 0.07).to_rgba();
                    c.rect(
                        (xa.min(tx), ya.min(ty), xa.max(tx), ya.max(ty)),
                        Some(fill),
                        None,
                    )?;
                }
            }
            Regions::Diagonal { thresholds, stages } => {
                let mut cuts = vec![0.0];
                cuts.extend(thresholds.iter().copied());
                cuts.push(1.0);
                for (k, r) in stages.iter().enumerate() {
                    let poly = band(2.0 * cuts[k], 2.0 * cuts[k + 1]);
                    let pts: Vec<(f64, f64)> = poly
                        .iter()
                        .map(|&(x, y)| (self.sx(x), self.sy(y)))
                        .collect();
                    if pts.len() >= 3 {
                        c.polygon(&pts, tint(tier_colour(r.tier), 0.08).to_rgba())?;
                    }
                }
            }
        }
        Ok(())
    }

    fn frame_and_axes(&self) -> Result<()> {
        let c = self.canvas;
        let a = plot_area();
        c.rect((a.x0, a.y0, a.x1, a.y1), None, Some((RULE.to_rgba(), 1)))?;
        let line = darker(RULE).mix(0.9);
        match &self.chart.regions {
            Regions::Quadrants {
                x_threshold,
                y_threshold,
                ..
            } => {
                let (tx, ty) = (self.sx(*x_threshold), self.sy(*y_threshold));
                c.dashed((tx, a.y0), (tx, a.y1), line, 2)?;
                c.dashed((a.x0, ty), (a.x1, ty), line, 2)?;
                // Threshold values outside the plot, where no bubble can be.
                let f = Font::new(12.0, MUTED);
                c.text(
                    &format!("{x_threshold:.2}"),
                    (tx, a.y1 + 4.0),
                    f.align(Align::Centre),
                )?;
                c.text(
                    &format!("{y_threshold:.2}"),
                    (a.x0 - 6.0, ty - 7.0),
                    f.align(Align::Right),
                )?;
            }
            Regions::Diagonal { thresholds, .. } => {
                c.dashed(
                    (self.sx(0.0), self.sy(0.0)),
                    (self.sx(1.0), self.sy(1.0)),
                    RULE.mix(0.8),
                    1,
                )?;
                for &t in thresholds {
                    let seg = diagonal_cut(2.0 * t);
                    c.dashed(
                        (self.sx(seg.0 .0), self.sy(seg.0 .1)),
                        (self.sx(seg.1 .0), self.sy(seg.1 .1)),
                        line,
                        2,
                    )?;
                }
            }
        }
        // End labels and titles.
        let end = Font::new(14.0, MUTED);
        let xa = &self.chart.x_axis;
        let (left_word, right_word) = if xa.reversed {
            (&xa.high, &xa.low)
        } else {
            (&xa.low, &xa.high)
        };
        let y_end = a.y1 + 20.0;
        c.text(left_word, (a.x0, y_end), end)?;
        c.text(right_word, (a.x1, y_end), end.align(Align::Right))?;
        c.text(
            &xa.title,
            (a.x0 + a.width() / 2.0, a.y1 + 42.0),
            Font::new(17.0, INK).bold().align(Align::Centre),
        )?;
        let ya = &self.chart.y_axis;
        c.text(&ya.high, (a.x0 - 8.0, a.y0), end.align(Align::Right))?;
        c.text(&ya.low, (a.x0 - 8.0, a.y1 - 16.0), end.align(Align::Right))?;
        c.text(
            &ya.title,
            (a.x0 - 70.0, a.y0 + a.height() / 2.0),
            Font::new(17.0, INK).bold().align(Align::Centre).vertical(),
        )?;
        Ok(())
    }

    fn draw_bubbles(&self) -> Result<()> {
        let n = self.bubbles.len() as f64;
        let alpha = if n <= 60.0 {
            0.72
        } else {
            (0.72 * (60.0 / n).sqrt()).max(0.3)
        };
        for &i in &self.order {
            let (b, d) = (&self.bubbles[i], &self.discs[i]);
            let colour = tier_colour(b.tier);
            let outline = if b.tier == Tier::Key {
                Some((darker(colour).to_rgba(), 2))
            } else if b.borderline && n <= 300.0 {
                Some((INK.mix(0.9), 1))
            } else if n <= 300.0 {
                Some((WHITE.mix(0.9), 1))
            } else {
                None
            };
            // Key accounts stay strong in any crowd.
            let a = if b.tier == Tier::Key {
                alpha.max(0.85)
            } else {
                alpha
            };
            self.canvas
                .circle((d.x, d.y), d.r, Some(colour.mix(a)), outline)?;
        }
        Ok(())
    }

    /// Region names with their counts, placed where they cover the fewest bubbles; returns
    /// their boxes so that account labels keep clear of them.
    fn region_names(&self) -> Result<Vec<Bounds>> {
        let mut fixed = Vec::new();
        let a = plot_area();
        let title_px = 17.0;
        let note_px = 12.5;
        let inset = 8.0;
        let mut spots: Vec<(&Region, Vec<Bounds>)> = Vec::new();
        let size_of = |r: &Region, note: &str| -> (f64, f64) {
            let w = text_width(&r.name, title_px).max(text_width(note, note_px)) + 10.0;
            (w, title_px * 1.25 + note_px * 1.3 + 8.0)
        };
        let note = |r: &Region| format!("{} accounts · {}", self.count(r), r.tier);
        match &self.chart.regions {
            Regions::Quadrants {
                high_high,
                high_low,
                low_high,
                low_low,
                ..
            } => {
                for (r, hx, hy) in [
                    (high_high, true, true),
                    (high_low, true, false),
                    (low_high, false, true),
                    (low_low, false, false),
                ] {
                    let (w, h) = size_of(r, &note(r));
                    let at_left = hx == self.chart.x_axis.reversed;
                    let x0 = if at_left {
                        a.x0 + inset
                    } else {
                        a.x1 - inset - w
                    };
                    let y0 = if hy { a.y0 + inset } else { a.y1 - inset - h };
                    let mut cands = Vec::new();
                    // Slide along both outer edges, away from the corner.
                    for k in 0..12 {
                        let s = f64::from(k) * 18.0;
                        cands.push(Bounds::new(x0, if hy { y0 + s } else { y0 - s }, w, h));
                        cands.push(Bounds::new(if at_left { x0 + s } else { x0 - s }, y0, w, h));
                    }
                    spots.push((r, cands));
                }
            }
            Regions::Diagonal { thresholds, stages } => {
                let mut cuts = vec![0.0];
                cuts.extend(thresholds.iter().copied());
                cuts.push(1.0);
                for (k, r) in stages.iter().enumerate() {
                    let (w, h) = size_of(r, &note(r));
                    let c = cuts[k] + cuts[k + 1]; // the band's centre line: x + y = c
                    let (x_lo, x_hi) = ((c - 1.0).max(0.0), c.min(1.0));
                    let mut cands = Vec::new();
                    // From the out-of-balance upper-left end towards the diagonal, then the
                    // lower-right end.
                    for end in [0.0, 1.0] {
                        for s in 0..10 {
                            let t = f64::from(s) / 20.0;
                            let x = if end == 0.0 {
                                x_lo + t * (x_hi - x_lo)
                            } else {
                                x_hi - t * (x_hi - x_lo)
                            };
                            let (px, py) = (self.sx(x), self.sy(c - x));
                            let b = Bounds::new(px - w / 2.0, py - h / 2.0, w, h);
                            let b = Bounds::new(
                                b.x0.clamp(a.x0 + inset, a.x1 - inset - w),
                                b.y0.clamp(a.y0 + inset, a.y1 - inset - h),
                                w,
                                h,
                            );
                            cands.push(b);
                        }
                    }
                    spots.push((r, cands));
                }
            }
        }
        for (r, cands) in spots {
            let Some(b) = best_spot(&cands, &self.discs, &fixed, &a) else {
                continue;
            };
            let colour = darker(tier_colour(r.tier));
            self.canvas
                .rect((b.x0, b.y0, b.x1, b.y1), Some(WHITE.mix(0.82)), None)?;
            self.canvas.text(
                &r.name,
                (b.x0 + 5.0, b.y0 + 4.0),
                Font::new(title_px, colour).bold(),
            )?;
            self.canvas.text(
                &note(r),
                (b.x0 + 5.0, b.y0 + 4.0 + title_px * 1.25),
                Font::new(note_px, MUTED),
            )?;
            fixed.push(b);
        }
        Ok(fixed)
    }

    /// Account labels: Key first by revenue, then borderline by revenue. Returns how many
    /// borderline accounts were named.
    fn labels(&self, fixed: &[Bounds]) -> Result<(usize, usize)> {
        let mut who: Vec<usize> = self
            .order
            .iter()
            .copied()
            .filter(|&i| self.bubbles[i].tier == Tier::Key)
            .collect();
        let key_count = who.len();
        who.extend(
            self.order
                .iter()
                .copied()
                .filter(|&i| self.bubbles[i].tier != Tier::Key && self.bubbles[i].borderline),
        );
        let px = self.label_px;
        let texts: Vec<String> = who
            .iter()
            .map(|&i| fit(&self.bubbles[i].name, px, 190.0))
            .collect();
        let requests: Vec<Request> = who
            .iter()
            .zip(&texts)
            .enumerate()
            .map(|(k, (&i, t))| Request {
                disc: i,
                width: text_width(t, px) + 6.0,
                height: px * 1.3 + 2.0,
                required: k < key_count,
            })
            .collect();
        let placed = place(&requests, &self.discs, fixed, &plot_area());
        // Leader lines first, so labels sit on top of them.
        for p in placed.iter().flatten() {
            if let Some((from, to)) = p.leader {
                self.canvas.line(&[from, to], INK.mix(0.7), 1)?;
            }
        }
        let mut borderline_named = 0;
        for (k, (p, t)) in placed.iter().zip(&texts).enumerate() {
            let Some(p) = p else { continue };
            let b = p.bounds;
            let key = k < key_count;
            borderline_named += usize::from(!key);
            self.canvas
                .rect((b.x0, b.y0, b.x1, b.y1), Some(WHITE.mix(0.78)), None)?;
            let font = if key {
                Font::new(px, INK).bold()
            } else {
                Font::new(px, MUTED)
            };
            self.canvas.text(t, (b.x0 + 3.0, b.y0 + 2.0), font)?;
        }
        Ok((borderline_named, who.len() - key_count))
    }

    fn titles(&self) -> Result<()> {
        let c = self.canvas;
        c.text(&self.chart.title, (40.0, 22.0), Font::new(28.0, INK).bold())?;
        let sub = Font::new(15.0, MUTED);
        let max = f64::from(WIDTH) - 80.0;
        if !self.chart.context.is_empty() {
            c.text(&fit(&self.chart.context, 15.0, max), (40.0, 62.0), sub)?;
        }
        let keys = self.bubbles.iter().filter(|b| b.tier == Tier::Key).count();
        let thresholds = match &self.chart.regions {
            Regions::Quadrants {
                x_threshold,
                y_threshold,
                ..
            } => format!(
                "thresholds: {} {:.3}, {} {:.3}",
                short(&self.chart.x_axis.title),
                x_threshold,
                short(&self.chart.y_axis.title),
                y_threshold
            ),
            Regions::Diagonal { thresholds, .. } => format!(
                "stage thresholds on development (nature + involvement) / 2: {}",
                thresholds
                    .iter()
                    .map(|t| format!("{t:.2}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let line = format!(
            "{} accounts · {} Key · {}",
            self.bubbles.len(),
            keys,
            thresholds
        );
        c.text(&fit(&line, 15.0, max), (40.0, 84.0), sub)?;
        Ok(())
    }

    fn legend(&self, (named, borderline): (usize, usize)) -> Result<()> {
        let c = self.canvas;
        let x = LEGEND_X;
        let head = Font::new(15.0, INK).bold();
        let body = Font::new(13.5, INK);
        let mut y = TOP;
        c.text("Colour: tier", (x, y), head)?;
        y += 26.0;
        let regions: Vec<&Region> = match &self.chart.regions {
            Regions::Quadrants {
                high_high,
                low_high,
                high_low,
                low_low,
                ..
            } => vec![high_high, low_high, high_low, low_low],
            Regions::Diagonal { stages, .. } => stages.iter().rev().collect(),
        };
        for tier in Tier::ALL {
            let names: Vec<&str> = regions
                .iter()
                .filter(|r| r.tier == tier)
                .map(|r| r.name.as_str())
                .collect();
            if names.is_empty() {
                continue;
            }
            let colour = tier_colour(tier);
            c.circle(
                (x + 8.0, y + 8.0),
                7.0,
                Some(colour.mix(0.8)),
                Some((darker(colour).to_rgba(), 1)),
            )?;
            c.text(
                &fit(&format!("{tier} — {}", names.join(", ")), 13.5, 440.0),
                (x + 24.0, y),
                body,
            )?;
            y += 23.0;
        }

        y += 18.0;
        c.text("Bubble area: revenue", (x, y), head)?;
        y += 28.0;
        let max_rev = self.bubbles.iter().map(|b| b.revenue).fold(0.0, f64::max);
        let r_of = |rev: f64| -> f64 {
            let r_max = self.discs.iter().map(|d| d.r).fold(0.0, f64::max);
            if max_rev > 0.0 {
                r_max * (rev / max_rev).sqrt()
            } else {
                0.0
            }
        };
        if max_rev > 0.0 {
            let steps = [nice(max_rev), nice(max_rev / 4.0), nice(max_rev / 16.0)];
            let big = r_of(steps[0]).max(6.0);
            let base = y + 2.0 * big;
            let mut cx = x + big;
            for v in steps {
                let r = r_of(v).max(2.0);
                c.circle(
                    (cx, base - r),
                    r,
                    Some(RULE.mix(0.35)),
                    Some((MUTED.to_rgba(), 1)),
                )?;
                c.text(
                    &money(v),
                    (cx, base + 6.0),
                    Font::new(12.5, MUTED).align(Align::Centre),
                )?;
                cx += big.max(r * 2.0).max(28.0) + 34.0;
            }
            y = base + 34.0;
        } else {
            c.text("no revenue", (x, y), body)?;
            y += 26.0;
        }

        y += 14.0;
        c.text("Labels", (x, y), head)?;
        y += 26.0;
        let key = tier_colour(Tier::Key);
        c.circle(
            (x + 8.0, y + 8.0),
            7.0,
            Some(key.mix(0.7)),
            Some((darker(key).to_rgba(), 2)),
        )?;
        c.text("Key account: dark ring, name in bold", (x + 24.0, y), body)?;
        y += 23.0;
        c.circle(
            (x + 8.0, y + 8.0),
            7.0,
            Some(RULE.mix(0.6)),
            Some((INK.mix(0.9), 1)),
        )?;
        c.text(
            if self.bubbles.len() <= 300 {
                "Borderline (near a threshold): thin ring, name in grey"
            } else {
                "Borderline (near a threshold): name in grey where it fits"
            },
            (x + 24.0, y),
            body,
        )?;
        y += 23.0;
        c.line(&[(x, y + 8.0), (x + 16.0, y + 8.0)], INK.mix(0.7), 1)?;
        c.text(
            "Leader line: label moved off a crowded bubble",
            (x + 24.0, y),
            body,
        )?;
        y += 23.0;
        if borderline > named {
            c.text(
                &format!(
                    "{named} of {borderline} borderline accounts named; the others had no free space"
                ),
                (x, y + 6.0),
                Font::new(12.5, MUTED),
            )?;
        }
        Ok(())
    }
}

/// An axis title without its explanation in brackets, in lower case.
fn short(title: &str) -> String {
    title.split(" (").next().unwrap_or(title).to_lowercase()
}

/// A round number near `v` (1, 2 or 5 times a power of ten).
fn nice(v: f64) -> f64 {
    if v <= 0.0 {
        return 0.0;
    }
    let p = 10f64.powf(v.log10().floor());
    let m = v / p;
    let m = if m >= 5.0 {
        5.0
    } else if m >= 2.0 {
        2.0
    } else {
        1.0
    };
    m * p
}

/// The part of the unit square with `lo <= x + y <= hi`, as a polygon.
fn band(lo: f64, hi: f64) -> Vec<(f64, f64)> {
    let square = vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)];
    let above = clip(&square, |(x, y)| x + y - lo);
    clip(&above, |(x, y)| hi - (x + y))
}

/// Sutherland-Hodgman: keeps the part of `poly` where `f >= 0` (`f` linear).
fn clip(poly: &[(f64, f64)], f: impl Fn((f64, f64)) -> f64) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for i in 0..poly.len() {
        let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
        let (fa, fb) = (f(a), f(b));
        if fa >= 0.0 {
            out.push(a);
        }
        if (fa >= 0.0) != (fb >= 0.0) {
            let t = fa / (fa - fb);
            out.push((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)));
        }
    }
    out
}

/// The segment of the line `x + y = c` inside the unit square.
fn diagonal_cut(c: f64) -> ((f64, f64), (f64, f64)) {
    let (x_lo, x_hi) = ((c - 1.0).max(0.0), c.min(1.0));
    ((x_lo, c - x_lo), (x_hi, c - x_hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_tile_the_square() {
        let area = |p: &[(f64, f64)]| -> f64 {
            let mut s = 0.0;
            for i in 0..p.len() {
                let (a, b) = (p[i], p[(i + 1) % p.len()]);
                s += a.0 * b.1 - b.0 * a.1;
            }
            s.abs() / 2.0
        };
        let cuts = [0.0, 0.4, 0.8, 1.2, 1.6, 2.0];
        let total: f64 = cuts.windows(2).map(|w| area(&band(w[0], w[1]))).sum();
        assert!((total - 1.0).abs() < 1e-12);
        // x + y <= 0.4 is a triangle of area 0.08.
        assert!((area(&band(0.0, 0.4)) - 0.08).abs() < 1e-12);
    }

    #[test]
    fn nice_numbers() {
        assert_eq!(nice(7_300_000.0), 5_000_000.0);
        assert_eq!(nice(2_500.0), 2_000.0);
        assert_eq!(nice(0.0), 0.0);
    }

    #[test]
    fn bad_positions_and_revenues_are_errors() {
        let chart = MatrixChart::four_s(&FourS::default());
        let bad = [
            Bubble::new("A", "A", f64::NAN, 0.5, 1.0, Tier::Key),
            Bubble::new("A", "A", 0.5, 1.5, 1.0, Tier::Key),
            Bubble::new("A", "A", 0.5, 0.5, -1.0, Tier::Key),
            Bubble::new("A", "A", 0.5, 0.5, f64::INFINITY, Tier::Key),
        ];
        for b in bad {
            let err = chart.svg(&[b]).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidChartValue {
                        chart: "matrix",
                        ..
                    }
                ),
                "{err}"
            );
        }
        let mut stages = MatrixChart::millman_wilson(&MillmanWilson::default());
        if let Regions::Diagonal { stages, .. } = &mut stages.regions {
            stages.pop();
        }
        assert!(stages.svg(&[]).is_err());
    }

    #[test]
    fn empty_matrix_draws() {
        let svg = MatrixChart::four_s(&FourS::default()).svg(&[]).unwrap();
        assert!(svg.contains("Strategic"));
        assert!(svg.contains("0 accounts"));
    }
}
