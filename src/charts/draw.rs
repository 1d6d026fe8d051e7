//! A thin pixel-space layer over plotters' SVG backend, shared by every chart: colours, text
//! metrics and the few shapes the charts draw.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::{Error, Result};
use crate::tier::Tier;

/// Dark text.
pub(crate) const INK: RGBColor = RGBColor(33, 37, 41);
/// Secondary text: subtitles, notes, end labels.
pub(crate) const MUTED: RGBColor = RGBColor(90, 98, 104);
/// Frames, gridlines and threshold lines.
pub(crate) const RULE: RGBColor = RGBColor(160, 166, 171);

/// The colour of a tier, the same in every chart.
pub(crate) fn tier_colour(tier: Tier) -> RGBColor {
    match tier {
        Tier::Key => RGBColor(192, 40, 52),
        Tier::Development => RGBColor(230, 126, 20),
        Tier::Maintenance => RGBColor(36, 113, 181),
        Tier::Transactional => RGBColor(120, 130, 138),
    }
}

/// A darker shade of a colour, for outlines and text on a light tint.
pub(crate) fn darker(c: RGBColor) -> RGBColor {
    RGBColor(
        (f64::from(c.0) * 0.7) as u8,
        (f64::from(c.1) * 0.7) as u8,
        (f64::from(c.2) * 0.7) as u8,
    )
}

/// A light tint of a colour (mixed with white), for backgrounds.
pub(crate) fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |v: u8| (255.0 - (255.0 - f64::from(v)) * amount).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// Estimated width of `text` at `px` pixels in a sans-serif font. Generous on purpose (Arial-like
/// fonts average about 0.5 em a character, DejaVu Sans about 0.55), so that boxes computed from
/// it hold the rendered text.
pub(crate) fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * 0.58 * px
}

/// Horizontal alignment of a text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Align {
    Left,
    Centre,
    Right,
}

/// How a text is drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Font {
    pub px: f64,
    pub colour: RGBColor,
    pub bold: bool,
    pub align: Align,
    /// Rotated a quarter turn anticlockwise (reads bottom to top).
    pub vertical: bool,
}

impl Font {
    pub(crate) fn new(px: f64, colour: RGBColor) -> Self {
        Font {
            px,
            colour,
            bold: false,
            align: Align::Left,
            vertical: false,
        }
    }

    pub(crate) fn bold(self) -> Self {
        Font { bold: true, ..self }
    }

    pub(crate) fn align(self, align: Align) -> Self {
        Font { align, ..self }
    }

    pub(crate) fn vertical(self) -> Self {
        Font {
            vertical: true,
            ..self
        }
    }
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

/// An SVG picture being drawn in pixel coordinates (origin top left).
pub(crate) struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
    chart: &'static str,
}

impl<'a> Canvas<'a> {
    /// A white canvas of `width` x `height` pixels drawing into `svg`.
    pub(crate) fn new(
        svg: &'a mut String,
        (width, height): (u32, u32),
        chart: &'static str,
    ) -> Result<Self> {
        let area = SVGBackend::with_string(svg, (width, height)).into_drawing_area();
        let canvas = Canvas { area, chart };
        area_fill(&canvas)?;
        Ok(canvas)
    }

    fn err(&self, e: impl std::fmt::Display) -> Error {
        Error::ChartDrawing {
            chart: self.chart,
            reason: e.to_string(),
        }
    }

    /// A rectangle, filled and/or outlined.
    pub(crate) fn rect(
        &self,
        (x0, y0, x1, y1): (f64, f64, f64, f64),
        fill: Option<RGBAColor>,
        stroke: Option<(RGBAColor, u32)>,
    ) -> Result<()> {
        let corners = [(px(x0), px(y0)), (px(x1), px(y1))];
        if let Some(fill) = fill {
            self.area
                .draw(&Rectangle::new(corners, fill.filled()))
                .map_err(|e| self.err(e))?;
        }
        if let Some((colour, width)) = stroke {
            self.area
                .draw(&Rectangle::new(corners, colour.stroke_width(width)))
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// A circle, filled and/or outlined.
    pub(crate) fn circle(
        &self,
        (cx, cy): (f64, f64),
        r: f64,
        fill: Option<RGBAColor>,
        stroke: Option<(RGBAColor, u32)>,
    ) -> Result<()> {
        let r = r.round().max(1.0) as u32;
        if let Some(fill) = fill {
            self.area
                .draw(&Circle::new((px(cx), px(cy)), r, fill.filled()))
                .map_err(|e| self.err(e))?;
        }
        if let Some((colour, width)) = stroke {
            self.area
                .draw(&Circle::new(
                    (px(cx), px(cy)),
                    r,
                    colour.stroke_width(width),
                ))
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// A filled polygon.
    pub(crate) fn polygon(&self, points: &[(f64, f64)], fill: RGBAColor) -> Result<()> {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area
            .draw(&Polygon::new(points, fill.filled()))
            .map_err(|e| self.err(e))
    }

    /// A polyline.
    pub(crate) fn line(&self, points: &[(f64, f64)], colour: RGBAColor, width: u32) -> Result<()> {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area
            .draw(&PathElement::new(points, colour.stroke_width(width)))
            .map_err(|e| self.err(e))
    }

    /// A straight dashed line.
    pub(crate) fn dashed(
        &self,
        from: (f64, f64),
        to: (f64, f64),
        colour: RGBAColor,
        width: u32,
    ) -> Result<()> {
        let points = vec![(px(from.0), px(from.1)), (px(to.0), px(to.1))];
        self.area
            .draw(&DashedPathElement::new(
                points,
                7,
                5,
                colour.stroke_width(width),
            ))
            .map_err(|e| self.err(e))
    }

    /// A line of text whose top edge is at `y` (or, vertical, whose centre line is at `x`).
    pub(crate) fn text(&self, text: &str, (x, y): (f64, f64), font: Font) -> Result<()> {
        let h = match font.align {
            Align::Left => HPos::Left,
            Align::Centre => HPos::Center,
            Align::Right => HPos::Right,
        };
        // plotters writes font-size as size / 1.24.
        let desc = FontDesc::new(
            FontFamily::SansSerif,
            font.px * 1.24,
            if font.bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            },
        );
        let mut style = desc.color(&font.colour).pos(Pos::new(
            h,
            if font.vertical {
                VPos::Center
            } else {
                VPos::Top
            },
        ));
        if font.vertical {
            style = style.transform(FontTransform::Rotate270);
        }
        self.area
            .draw(&Text::new(text.to_owned(), (px(x), px(y)), style))
            .map_err(|e| self.err(e))
    }

    /// Writes the picture out.
    pub(crate) fn finish(self) -> Result<()> {
        self.area.present().map_err(|e| self.err(e))
    }
}

fn area_fill(c: &Canvas<'_>) -> Result<()> {
    c.area.fill(&WHITE).map_err(|e| c.err(e))
}

/// Rejects a NaN or infinite value, or one outside `[low, high]`.
pub(crate) fn check(
    chart: &'static str,
    what: impl FnOnce() -> String,
    value: f64,
    low: f64,
    high: f64,
    range: &'static str,
) -> Result<f64> {
    if value.is_finite() && value >= low && value <= high {
        Ok(value)
    } else {
        Err(Error::InvalidChartValue {
            chart,
            what: what(),
            value,
            range,
        })
    }
}

/// A money amount in a few characters: 1.2M, 340k, 950.
pub(crate) fn money(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.1}bn", v / 1e9)
    } else if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

/// Shortens `text` with an ellipsis to fit `max` pixels at `px`.
pub(crate) fn fit(text: &str, px: f64, max: f64) -> String {
    if text_width(text, px) <= max {
        return text.to_owned();
    }
    let keep = ((max / (0.58 * px)) as usize).saturating_sub(1).max(1);
    let mut s: String = text.chars().take(keep).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_short() {
        assert_eq!(money(1_234_567.0), "1.2M");
        assert_eq!(money(340_000.0), "340k");
        assert_eq!(money(2_500.0), "2.5k");
        assert_eq!(money(950.0), "950");
        assert_eq!(money(3.2e9), "3.2bn");
    }

    #[test]
    fn fit_shortens_only_long_text() {
        assert_eq!(fit("Acme", 10.0, 100.0), "Acme");
        let s = fit("A very long account name indeed", 10.0, 60.0);
        assert!(s.ends_with('…'));
        assert!(text_width(&s, 10.0) <= 60.0 + 5.8);
    }

    #[test]
    fn svg_has_text_and_shapes() {
        let mut svg = String::new();
        {
            let c = Canvas::new(&mut svg, (200, 100), "test").unwrap();
            c.text("a < b & c", (10.0, 10.0), Font::new(12.0, INK))
                .unwrap();
            c.circle((50.0, 50.0), 10.0, Some(INK.to_rgba()), None)
                .unwrap();
            c.finish().unwrap();
        }
        assert!(svg.contains("a &lt; b &amp; c"));
        assert!(svg.contains("<circle"));
    }
}
