//! The hot loops: row kernels for the models, the drivers that run them over a score matrix of
//! any layout, and the output sinks.
//!
//! Rows are processed in chunks of [`CHUNK`]. Validity is accumulated branch-free over a chunk
//! so that the loop vectorizes; only a chunk known to hold a bad value is scanned again, in
//! row-major order, to name the first culprit.

use std::mem;

use ndarray::{ArrayView2, ArrayViewMut1, Axis as NdAxis, Slice, Zip};

use crate::any::{AnyModel, Class};
use crate::classifier::{Classifier, NativeClass};
use crate::error::{Error, Result};
use crate::models::bensaou::{Bensaou, BensaouClass};
use crate::models::four_s::{FourS, FourSClass};
use crate::models::millman_wilson::{MillmanWilson, MillmanWilsonStage};
use crate::models::webster::{Webster, WebsterClass};
use crate::scores::ScoreField;
use crate::tier::Tier;

/// Rows per chunk: small enough that a chunk's input and output stay in L1.
pub const CHUNK: usize = 256;

/// Whether a score is NaN, infinite or outside [0, 1]. Written without branches.
#[inline(always)]
pub fn invalid(x: f64) -> bool {
    !(x >= 0.0 && x <= 1.0)
}

/// `table[i]` as a chain of selects rather than a load, so that the loop around it vectorizes.
#[inline(always)]
fn pick<T: Copy, const N: usize>(table: &[T; N], i: usize) -> T {
    let mut v = table[0];
    for (k, &t) in table.iter().enumerate().skip(1) {
        if i == k {
            v = t;
        }
    }
    v
}

/// Three valid scores in, one output out.
pub trait Kernel {
    /// What one row produces.
    type Out: Copy;

    /// The output of one row whose scores are known to be valid. Garbage in, garbage out: the
    /// driver discards the output of a chunk with an invalid value.
    fn eval(&self, revenue: f64, fit: f64, strength: f64) -> Self::Out;
}

/// A model whose class can be computed from three raw scores.
pub trait RawClassifier: Classifier {
    /// The index in `NativeClass::ALL` of the class.
    fn class_index_raw(&self, revenue: f64, fit: f64, strength: f64) -> usize;
}

macro_rules! raw_classifier {
    ($($model:ty),*) => {
        $(
            impl RawClassifier for $model {
                #[inline(always)]
                fn class_index_raw(&self, revenue: f64, fit: f64, strength: f64) -> usize {
                    <$model>::class_index_raw(self, revenue, fit, strength)
                }
            }
        )*
    };
}

raw_classifier!(Webster, MillmanWilson, Bensaou, FourS);

/// One model's kernel: its classes and their tiers as select tables.
pub struct ModelKernel<'a, M: Classifier, const N: usize> {
    model: &'a M,
    classes: [M::Class; N],
    tiers: [Tier; N],
}

impl<'a, M: RawClassifier, const N: usize> ModelKernel<'a, M, N> {
    /// The kernel of `model`; `N` is the number of its classes.
    pub fn new(model: &'a M) -> Self {
        let all = <M::Class as NativeClass>::ALL;
        debug_assert_eq!(all.len(), N);
        let classes: [M::Class; N] = std::array::from_fn(|i| all[i]);
        let tiers = classes.map(|c| model.tier_of(c));
        ModelKernel {
            model,
            classes,
            tiers,
        }
    }
}

impl<M: RawClassifier, const N: usize> Kernel for ModelKernel<'_, M, N> {
    type Out = (Tier, M::Class);

    #[inline(always)]
    fn eval(&self, revenue: f64, fit: f64, strength: f64) -> (Tier, M::Class) {
        let i = self.model.class_index_raw(revenue, fit, strength);
        (pick(&self.tiers, i), pick(&self.classes, i))
    }
}

/// The kernel of each model, with the number of its classes.
pub type WebsterKernel<'a> = ModelKernel<'a, Webster, 6>;
/// See [`WebsterKernel`].
pub type MillmanWilsonKernel<'a> = ModelKernel<'a, MillmanWilson, 6>;
/// See [`WebsterKernel`].
pub type BensaouKernel<'a> = ModelKernel<'a, Bensaou, 4>;
/// See [`WebsterKernel`].
pub type FourSKernel<'a> = ModelKernel<'a, FourS, 4>;

/// A kernel whose class is widened to [`Class`], for [`AnyModel`].
pub struct AnyKernel<K>(pub K);

impl<K: Kernel<Out = (Tier, C)>, C: Into<Class>> Kernel for AnyKernel<K> {
    type Out = (Tier, Class);

    #[inline(always)]
    fn eval(&self, revenue: f64, fit: f64, strength: f64) -> (Tier, Class) {
        let (t, c) = self.0.eval(revenue, fit, strength);
        (t, c.into())
    }
}

/// Code generic over a model's kernel, for models hidden behind a trait object-free interface:
/// each model hands its kernel to the visitor.
pub trait KernelVisitor<C> {
    /// What the visit gives.
    type Output;

    /// Runs with `kernel`.
    fn visit<K: Kernel<Out = (Tier, C)>>(self, kernel: &K) -> Self::Output;
}

/// What one row gives under each of the four models.
#[derive(Clone, Copy)]
pub struct FourOut {
    pub tiers: [Tier; 4],
    pub webster: WebsterClass,
    pub millman_wilson: MillmanWilsonStage,
    pub bensaou: BensaouClass,
    pub four_s: FourSClass,
}

/// The four models' kernels fused, so that each row is read once.
pub struct FourKernel<'a> {
    pub webster: WebsterKernel<'a>,
    pub millman_wilson: MillmanWilsonKernel<'a>,
    pub bensaou: BensaouKernel<'a>,
    pub four_s: FourSKernel<'a>,
}

impl Kernel for FourKernel<'_> {
    type Out = FourOut;

    #[inline(always)]
    fn eval(&self, r: f64, f: f64, s: f64) -> FourOut {
        let (tw, webster) = self.webster.eval(r, f, s);
        let (tm, millman_wilson) = self.millman_wilson.eval(r, f, s);
        let (tb, bensaou) = self.bensaou.eval(r, f, s);
        let (tf, four_s) = self.four_s.eval(r, f, s);
        FourOut {
            tiers: [tw, tm, tb, tf],
            webster,
            millman_wilson,
            bensaou,
            four_s,
        }
    }
}

/// Where a driver puts its output, one chunk at a time, in row order.
pub trait Sink<O> {
    /// Takes the outputs of the next rows.
    fn put(&mut self, outputs: &[O]);
}

/// One output column: a growing `Vec`, or a caller's array (contiguous or strided).
pub enum Column<'a, T> {
    /// Grows as chunks arrive.
    Owned(Vec<T>),
    /// The part of a contiguous caller's array not written yet.
    Slice(&'a mut [T]),
    /// A strided caller's array and the next row to write.
    View(ArrayViewMut1<'a, T>, usize),
}

impl<'a, T: Copy> Column<'a, T> {
    /// A column that grows to `rows` entries.
    pub fn owned(rows: usize) -> Self {
        Column::Owned(Vec::with_capacity(rows))
    }

    /// A column writing into `view`, whose length the caller has checked.
    pub fn view(view: ArrayViewMut1<'a, T>) -> Self {
        if view.as_slice().is_some() {
            match view.into_slice() {
                Some(slice) => Column::Slice(slice),
                None => Column::Slice(&mut []),
            }
        } else {
            Column::View(view, 0)
        }
    }

    /// Appends `f` of each output.
    #[inline(always)]
    pub fn put<O>(&mut self, outputs: &[O], f: impl Fn(&O) -> T) {
        match self {
            Column::Owned(v) => v.extend(outputs.iter().map(f)),
            Column::Slice(rest) => {
                let n = outputs.len().min(rest.len());
                let (head, tail) = mem::take(rest).split_at_mut(n);
                for (d, o) in head.iter_mut().zip(outputs) {
                    *d = f(o);
                }
                *rest = tail;
            }
            Column::View(view, next) => {
                let end = (*next + outputs.len()).min(view.len());
                for (d, o) in view
                    .slice_axis_mut(NdAxis(0), Slice::from(*next..end))
                    .iter_mut()
                    .zip(outputs)
                {
                    *d = f(o);
                }
                *next = end;
            }
        }
    }

    /// The owned vector, empty for a caller's array.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            Column::Owned(v) => v,
            Column::Slice(_) | Column::View(..) => Vec::new(),
        }
    }
}

/// Tiers and classes of one model.
pub struct PairSink<'a, C> {
    pub tiers: Column<'a, Tier>,
    pub classes: Column<'a, C>,
}

impl<C: Copy> Sink<(Tier, C)> for PairSink<'_, C> {
    #[inline]
    fn put(&mut self, outputs: &[(Tier, C)]) {
        self.tiers.put(outputs, |o| o.0);
        self.classes.put(outputs, |o| o.1);
    }
}

/// Tiers only.
pub struct TierSink<'a>(pub Column<'a, Tier>);

impl<C> Sink<(Tier, C)> for TierSink<'_> {
    #[inline]
    fn put(&mut self, outputs: &[(Tier, C)]) {
        self.0.put(outputs, |o| o.0);
    }
}

/// Tiers and classes of the four models.
pub struct FourSink<'a> {
    pub tiers: [Column<'a, Tier>; 4],
    pub webster: Column<'a, WebsterClass>,
    pub millman_wilson: Column<'a, MillmanWilsonStage>,
    pub bensaou: Column<'a, BensaouClass>,
    pub four_s: Column<'a, FourSClass>,
}

impl Sink<FourOut> for FourSink<'_> {
    #[inline]
    fn put(&mut self, outputs: &[FourOut]) {
        for (m, column) in self.tiers.iter_mut().enumerate() {
            column.put(outputs, |o| o.tiers.get(m).copied().unwrap_or_default());
        }
        self.webster.put(outputs, |o| o.webster);
        self.millman_wilson.put(outputs, |o| o.millman_wilson);
        self.bensaou.put(outputs, |o| o.bensaou);
        self.four_s.put(outputs, |o| o.four_s);
    }
}

/// Checks that `scores` has one column per score.
pub fn check_columns(scores: &ArrayView2<'_, f64>) -> Result<()> {
    if scores.ncols() == ScoreField::ALL.len() {
        Ok(())
    } else {
        Err(Error::BatchColumns {
            expected: ScoreField::ALL.len(),
            found: scores.ncols(),
        })
    }
}

/// The first invalid score among `rows` (row-major order), the first of which is `first_row`.
pub fn first_invalid(first_row: usize, rows: impl Iterator<Item = [f64; 3]>) -> Option<Error> {
    for (j, row) in rows.enumerate() {
        for (&column, &value) in ScoreField::ALL.iter().zip(&row) {
            if invalid(value) {
                return Some(Error::InvalidBatchValue {
                    row: first_row + j,
                    column,
                    value,
                });
            }
        }
    }
    None
}

/// Runs `kernel` over every row of `scores` into `sink`, after checking the shape. Fails on the
/// first invalid value in row-major order, whatever the layout.
pub fn drive<K: Kernel, S: Sink<K::Out>>(
    kernel: &K,
    scores: ArrayView2<'_, f64>,
    sink: &mut S,
) -> Result<()> {
    check_columns(&scores)?;
    let n = scores.nrows();
    if n == 0 {
        return Ok(());
    }
    let mut buf = [kernel.eval(0.0, 0.0, 0.0); CHUNK];
    if let Some(data) = scores.as_slice() {
        // Row-major: each row is three neighbours.
        for (c, chunk) in data.chunks(3 * CHUNK).enumerate() {
            let rows = chunk.chunks_exact(3);
            let m = rows.len();
            let mut bad = false;
            for (o, row) in buf.iter_mut().zip(rows.clone()) {
                let (r, f, s) = (row[0], row[1], row[2]);
                bad |= invalid(r) | invalid(f) | invalid(s);
                *o = kernel.eval(r, f, s);
            }
            if bad {
                let rows = rows.map(|row| [row[0], row[1], row[2]]);
                if let Some(e) = first_invalid(c * CHUNK, rows) {
                    return Err(e);
                }
            }
            sink.put(&buf[..m]);
        }
    } else if let Some(data) = scores.t().as_slice() {
        // Column-major: three contiguous columns.
        let (rs, rest) = data.split_at(n);
        let (fs, ss) = rest.split_at(n);
        let chunks = rs.chunks(CHUNK).zip(fs.chunks(CHUNK)).zip(ss.chunks(CHUNK));
        for (c, ((rc, fc), sc)) in chunks.enumerate() {
            let mut bad = false;
            for (o, ((&r, &f), &s)) in buf.iter_mut().zip(rc.iter().zip(fc).zip(sc)) {
                bad |= invalid(r) | invalid(f) | invalid(s);
                *o = kernel.eval(r, f, s);
            }
            if bad {
                let rows = rc.iter().zip(fc).zip(sc).map(|((&r, &f), &s)| [r, f, s]);
                if let Some(e) = first_invalid(c * CHUNK, rows) {
                    return Err(e);
                }
            }
            sink.put(&buf[..rc.len()]);
        }
    } else {
        // Any strides: walk the rows in place.
        for (c, view) in scores.axis_chunks_iter(NdAxis(0), CHUNK).enumerate() {
            let mut bad = false;
            let m = view.nrows();
            let out = ArrayViewMut1::from(&mut buf[..m]);
            Zip::from(out)
                .and(view.column(0))
                .and(view.column(1))
                .and(view.column(2))
                .for_each(|o, &r, &f, &s| {
                    bad |= invalid(r) | invalid(f) | invalid(s);
                    *o = kernel.eval(r, f, s);
                });
            if bad {
                let rows = view.rows().into_iter().map(|row| [row[0], row[1], row[2]]);
                if let Some(e) = first_invalid(c * CHUNK, rows) {
                    return Err(e);
                }
            }
            sink.put(&buf[..m]);
        }
    }
    Ok(())
}

/// Hands the kernel of whichever model `model` holds, its classes widened to [`Class`], to
/// `visitor`.
pub fn visit_any<V: KernelVisitor<Class>>(model: &AnyModel, visitor: V) -> V::Output {
    match model {
        AnyModel::Webster(m) => visitor.visit(&AnyKernel(WebsterKernel::new(m))),
        AnyModel::MillmanWilson(m) => visitor.visit(&AnyKernel(MillmanWilsonKernel::new(m))),
        AnyModel::Bensaou(m) => visitor.visit(&AnyKernel(BensaouKernel::new(m))),
        AnyModel::FourS(m) => visitor.visit(&AnyKernel(FourSKernel::new(m))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_tables_match_the_models() {
        assert_eq!(WebsterClass::ALL.len(), 6);
        assert_eq!(MillmanWilsonStage::ALL.len(), 6);
        assert_eq!(BensaouClass::ALL.len(), 4);
        assert_eq!(FourSClass::ALL.len(), 4);
    }

    #[test]
    fn pick_is_indexing() {
        let t = [3u8, 5, 7, 9];
        for (i, &v) in t.iter().enumerate() {
            assert_eq!(pick(&t, i), v);
        }
    }

    #[test]
    fn invalid_catches_everything_off_the_unit_interval() {
        for x in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.1,
            1.1,
            -1e-300,
        ] {
            assert!(invalid(x), "{x}");
        }
        for x in [0.0, -0.0, 0.5, 1.0] {
            assert!(!invalid(x), "{x}");
        }
    }
}
