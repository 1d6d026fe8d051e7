//! Label placement: greedy, deterministic, clear of other labels always and of bubbles where
//! possible, with a leader line when a label had to move away from its bubble.

/// An axis-aligned box in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bounds {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Bounds {
    pub(crate) fn new(x0: f64, y0: f64, w: f64, h: f64) -> Self {
        Bounds {
            x0,
            y0,
            x1: x0 + w,
            y1: y0 + h,
        }
    }

    pub(crate) fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub(crate) fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// Whether the two boxes share any area, with `gap` pixels kept between them.
    pub(crate) fn overlaps(&self, other: &Bounds, gap: f64) -> bool {
        self.x0 < other.x1 + gap
            && other.x0 < self.x1 + gap
            && self.y0 < other.y1 + gap
            && other.y0 < self.y1 + gap
    }

    pub(crate) fn contains(&self, other: &Bounds) -> bool {
        other.x0 >= self.x0 && other.x1 <= self.x1 && other.y0 >= self.y0 && other.y1 <= self.y1
    }

    /// How deep a circle reaches into the box (0 when they do not touch).
    pub(crate) fn intrusion(&self, c: &Disc) -> f64 {
        let nx = c.x.clamp(self.x0, self.x1);
        let ny = c.y.clamp(self.y0, self.y1);
        let d = ((c.x - nx).powi(2) + (c.y - ny).powi(2)).sqrt();
        (c.r - d).max(0.0)
    }

    /// The point of the box nearest to `(x, y)`.
    pub(crate) fn nearest(&self, x: f64, y: f64) -> (f64, f64) {
        (x.clamp(self.x0, self.x1), y.clamp(self.y0, self.y1))
    }
}

/// A bubble in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Disc {
    pub x: f64,
    pub y: f64,
    pub r: f64,
}

/// A label to place next to a bubble.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Request {
    /// The bubble labelled (an index into the discs given to [`place`]).
    pub disc: usize,
    pub width: f64,
    pub height: f64,
    /// Placed even over other bubbles (never over other labels); otherwise only where it fits
    /// clear of bubbles.
    pub required: bool,
}

/// Where a label went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placement {
    pub bounds: Bounds,
    /// From the bubble's edge to the label, when the label is away from its bubble.
    pub leader: Option<((f64, f64), (f64, f64))>,
}

/// Gap kept between two labels, in pixels.
const LABEL_GAP: f64 = 2.0;
/// How far from its bubble an optional label may go, in pixels.
const OPTIONAL_REACH: f64 = 8.0;
/// Distances from the bubble's edge tried, in pixels.
const STEPS: [f64; 10] = [2.0, 8.0, 16.0, 28.0, 44.0, 64.0, 90.0, 120.0, 160.0, 210.0];

/// Directions tried at each distance: right, left, up, down first (short leader lines read
/// best), then the diagonals, then in between.
fn directions(step: usize) -> Vec<f64> {
    use std::f64::consts::PI;
    let mut d = vec![
        0.0,
        PI,
        -PI / 2.0,
        PI / 2.0,
        -PI / 4.0,
        -3.0 * PI / 4.0,
        PI / 4.0,
        3.0 * PI / 4.0,
    ];
    if step >= 3 {
        for k in 0..8 {
            d.push(PI / 8.0 + f64::from(k) * PI / 4.0);
        }
    }
    d
}

/// The label box for a direction and distance from a bubble.
fn candidate(disc: &Disc, angle: f64, dist: f64, w: f64, h: f64) -> Bounds {
    let (c, s) = (angle.cos(), angle.sin());
    let px = disc.x + (disc.r + dist) * c;
    let py = disc.y + (disc.r + dist) * s;
    let x0 = if c > 0.38 {
        px
    } else if c < -0.38 {
        px - w
    } else {
        px - w / 2.0
    };
    let y0 = if s > 0.38 {
        py
    } else if s < -0.38 {
        py - h
    } else {
        py - h / 2.0
    };
    Bounds::new(x0, y0, w, h)
}

/// Places labels in the order given, each in the first spot (nearest first) that is inside
/// `area`, clear of `fixed` boxes and of labels already placed, and clear of every bubble. A
/// required label that finds no such spot takes the spot nearest its bubble that covers the
/// least of other bubbles, and then any free spot on a grid over `area`; an optional one is
/// left out. The result is deterministic: it depends only on the inputs and their order.
pub(crate) fn place(
    requests: &[Request],
    discs: &[Disc],
    fixed: &[Bounds],
    area: &Bounds,
) -> Vec<Option<Placement>> {
    let mut taken: Vec<Bounds> = fixed.to_vec();
    let mut leaders: Vec<Segment> = Vec::new();
    let mut out = Vec::with_capacity(requests.len());
    for req in requests {
        let Some(own) = discs.get(req.disc) else {
            out.push(None);
            continue;
        };
        let free_of_labels =
            |b: &Bounds, taken: &[Bounds]| taken.iter().all(|t| !t.overlaps(b, LABEL_GAP));
        let cover = |b: &Bounds| -> f64 { discs.iter().map(|d| b.intrusion(d)).sum() };
        let mut best: Option<(f64, Bounds, f64)> = None;
        let mut clear: Option<(Bounds, f64)> = None;
        'search: for (i, &dist) in STEPS.iter().enumerate() {
            // Optional labels only right next to their bubble: a thicket of leader lines
            // helps nobody.
            if !req.required && dist > OPTIONAL_REACH {
                break;
            }
            for angle in directions(i) {
                let b = candidate(own, angle, dist, req.width, req.height);
                if !area.contains(&b) || !free_of_labels(&b, &taken) {
                    continue;
                }
                // A leader line that crosses another leader line or label reads badly.
                let crossings = leader(own, &b, dist).map_or(0, |l| {
                    leaders.iter().filter(|m| l.crosses(m)).count()
                        + taken.iter().filter(|t| l.enters(t)).count()
                }) + leaders.iter().filter(|m| m.enters(&b)).count();
                let covered = cover(&b);
                if covered == 0.0 && crossings == 0 {
                    clear = Some((b, dist));
                    break 'search;
                }
                // Cost: bubbles covered, crossings, then distance.
                let cost = covered + 40.0 * crossings as f64 + 0.05 * dist;
                if best.as_ref().map_or(true, |(c, _, _)| cost < *c) {
                    best = Some((cost, b, dist));
                }
            }
        }
        let chosen = match (clear, best, req.required) {
            (Some((b, d)), _, _) => Some((b, d)),
            (None, Some((_, b, d)), true) => Some((b, d)),
            (None, None, true) => grid_spot(own, req, area, &taken),
            _ => None,
        };
        out.push(chosen.map(|(b, dist)| {
            taken.push(b);
            let line = leader(own, &b, dist);
            if let Some(l) = line {
                leaders.push(l);
            }
            Placement {
                bounds: b,
                leader: line.map(|l| (l.a, l.b)),
            }
        }));
    }
    out
}

/// A straight line between two points.
#[derive(Debug, Clone, Copy)]
struct Segment {
    a: (f64, f64),
    b: (f64, f64),
}

impl Segment {
    /// Whether the two segments cross (touching ends do not count).
    fn crosses(&self, o: &Segment) -> bool {
        let orient = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
            (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)
        };
        let d1 = orient(o.a, o.b, self.a);
        let d2 = orient(o.a, o.b, self.b);
        let d3 = orient(self.a, self.b, o.a);
        let d4 = orient(self.a, self.b, o.b);
        d1 * d2 < 0.0 && d3 * d4 < 0.0
    }

    /// Whether the segment passes through the inside of a box (sampled; boxes are small).
    fn enters(&self, b: &Bounds) -> bool {
        let inner = Bounds {
            x0: b.x0 + 1.0,
            y0: b.y0 + 1.0,
            x1: b.x1 - 1.0,
            y1: b.y1 - 1.0,
        };
        (1..20).any(|k| {
            let t = f64::from(k) / 20.0;
            let (x, y) = (
                self.a.0 + t * (self.b.0 - self.a.0),
                self.a.1 + t * (self.b.1 - self.a.1),
            );
            x > inner.x0 && x < inner.x1 && y > inner.y0 && y < inner.y1
        })
    }
}

/// The leader line from a bubble's edge to its label, when the label is away from it.
fn leader(own: &Disc, b: &Bounds, dist: f64) -> Option<Segment> {
    (dist > 10.0).then(|| {
        let (nx, ny) = b.nearest(own.x, own.y);
        let len = ((nx - own.x).powi(2) + (ny - own.y).powi(2))
            .sqrt()
            .max(1e-9);
        let edge = (
            own.x + (nx - own.x) * own.r / len,
            own.y + (ny - own.y) * own.r / len,
        );
        Segment {
            a: edge,
            b: (nx, ny),
        }
    })
}

/// The free spot on a coarse grid over `area` nearest to the bubble.
fn grid_spot(own: &Disc, req: &Request, area: &Bounds, taken: &[Bounds]) -> Option<(Bounds, f64)> {
    let mut best: Option<(f64, Bounds)> = None;
    let mut y = area.y0;
    while y + req.height <= area.y1 {
        let mut x = area.x0;
        while x + req.width <= area.x1 {
            let b = Bounds::new(x, y, req.width, req.height);
            if taken.iter().all(|t| !t.overlaps(&b, LABEL_GAP)) {
                let (nx, ny) = b.nearest(own.x, own.y);
                let d = ((nx - own.x).powi(2) + (ny - own.y).powi(2)).sqrt();
                if best.as_ref().map_or(true, |(bd, _)| d < *bd) {
                    best = Some((d, b));
                }
            }
            x += 6.0;
        }
        y += 4.0;
    }
    best.map(|(d, b)| (b, d.max(11.0)))
}

/// Picks, among `candidates` (in order of preference), the first box inside `area` that covers
/// no bubble and no fixed box; otherwise the one covering the least.
pub(crate) fn best_spot(
    candidates: &[Bounds],
    discs: &[Disc],
    fixed: &[Bounds],
    area: &Bounds,
) -> Option<Bounds> {
    let mut best: Option<(f64, Bounds)> = None;
    for b in candidates {
        if !area.contains(b) || fixed.iter().any(|f| f.overlaps(b, LABEL_GAP)) {
            continue;
        }
        let covered: f64 = discs.iter().map(|d| b.intrusion(d)).sum();
        if covered == 0.0 {
            return Some(*b);
        }
        if best.as_ref().map_or(true, |(c, _)| covered < *c) {
            best = Some((covered, *b));
        }
    }
    best.map(|(_, b)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area() -> Bounds {
        Bounds::new(0.0, 0.0, 400.0, 400.0)
    }

    #[test]
    fn a_lone_label_sits_right_next_to_its_bubble() {
        let discs = [Disc {
            x: 100.0,
            y: 100.0,
            r: 10.0,
        }];
        let req = [Request {
            disc: 0,
            width: 50.0,
            height: 12.0,
            required: true,
        }];
        let p = place(&req, &discs, &[], &area());
        let p = p[0].unwrap();
        assert_eq!(p.leader, None);
        assert!((p.bounds.x0 - 112.0).abs() < 1e-9);
    }

    #[test]
    fn crowded_labels_never_overlap_and_required_ones_are_all_placed() {
        // 30 bubbles on top of each other: every label must move away.
        let discs: Vec<Disc> = (0..30)
            .map(|i| Disc {
                x: 200.0 + f64::from(i % 3),
                y: 200.0 + f64::from(i / 3),
                r: 6.0,
            })
            .collect();
        let reqs: Vec<Request> = (0..30)
            .map(|i| Request {
                disc: i,
                width: 60.0,
                height: 12.0,
                required: true,
            })
            .collect();
        let placed = place(&reqs, &discs, &[], &area());
        let boxes: Vec<Bounds> = placed.iter().map(|p| p.unwrap().bounds).collect();
        for (i, a) in boxes.iter().enumerate() {
            assert!(area().contains(a));
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b, 0.0), "{a:?} overlaps {b:?}");
            }
        }
        assert!(placed.iter().any(|p| p.unwrap().leader.is_some()));
    }

    #[test]
    fn optional_labels_are_left_out_where_they_do_not_fit() {
        // A wall of bubbles: no clear spot anywhere near.
        let mut discs = Vec::new();
        for i in 0..40 {
            for j in 0..40 {
                discs.push(Disc {
                    x: f64::from(i) * 10.0,
                    y: f64::from(j) * 10.0,
                    r: 6.0,
                });
            }
        }
        let reqs = [
            Request {
                disc: 820,
                width: 60.0,
                height: 12.0,
                required: false,
            },
            Request {
                disc: 821,
                width: 60.0,
                height: 12.0,
                required: true,
            },
        ];
        let placed = place(&reqs, &discs, &[], &area());
        assert!(placed[0].is_none());
        assert!(placed[1].is_some());
    }

    #[test]
    fn fixed_boxes_are_kept_clear() {
        let discs = [Disc {
            x: 100.0,
            y: 100.0,
            r: 10.0,
        }];
        let fixed = [Bounds::new(105.0, 80.0, 100.0, 40.0)];
        let req = [Request {
            disc: 0,
            width: 50.0,
            height: 12.0,
            required: true,
        }];
        let p = place(&req, &discs, &fixed, &area())[0].unwrap();
        assert!(!p.bounds.overlaps(&fixed[0], 0.0));
    }

    #[test]
    fn crossing_segments() {
        let s = |a, b| Segment { a, b };
        assert!(s((0.0, 0.0), (10.0, 10.0)).crosses(&s((0.0, 10.0), (10.0, 0.0))));
        assert!(!s((0.0, 0.0), (10.0, 0.0)).crosses(&s((0.0, 5.0), (10.0, 5.0))));
        assert!(s((0.0, 5.0), (20.0, 5.0)).enters(&Bounds::new(5.0, 0.0, 5.0, 10.0)));
        assert!(!s((0.0, 50.0), (20.0, 50.0)).enters(&Bounds::new(5.0, 0.0, 5.0, 10.0)));
    }

    #[test]
    fn best_spot_prefers_the_first_clear_candidate() {
        let discs = [Disc {
            x: 10.0,
            y: 10.0,
            r: 8.0,
        }];
        let c = [
            Bounds::new(0.0, 0.0, 30.0, 10.0),
            Bounds::new(100.0, 0.0, 30.0, 10.0),
        ];
        assert_eq!(best_spot(&c, &discs, &[], &area()), Some(c[1]));
    }
}
