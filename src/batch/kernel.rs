//! The hot loops: row kernels for the models, the drivers that run them over a score matrix of
//! any layout, and the output sinks.
//!
//! Rows are processed in chunks of [`CHUNK`]. Validity is accumulated branch-free over a chunk
//! so that the loop vectorizes; only a chunk known to hold a bad value is scanned again, in
//! row-major order, to name the first culprit.

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
    !(0.0..=1.0).contains(&x)
}

/// The bits of 1.0: a float in [0, 1] has bits in `0..=ONE_BITS` as an `i64`.
const ONE_BITS: i64 = 0x3FF0_0000_0000_0000;

/// Negative (sign bit set) if `x` may be invalid: NaN, infinite or outside [0, 1], and also
/// -0.0, which the exact check in the rescan lets through. Integer ops only, so that a chunk's
/// flags fold into one word without turning compare masks into booleans.
#[inline(always)]
pub fn suspect(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    ONE_BITS.wrapping_sub(b) | b
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

/// One model's kernel: three scores in, the index of the class in `NativeClass::ALL` out.
///
/// Only the index is computed per row in the hot loop; classes and tiers are looked up
/// afterwards on bytes, sixteen rows to a vector register.
pub struct ModelKernel<'a, M>(pub &'a M);

impl<M: RawClassifier> Kernel for ModelKernel<'_, M> {
    type Out = u8;

    #[inline(always)]
    fn eval(&self, revenue: f64, fit: f64, strength: f64) -> u8 {
        // At most six classes: the index fits.
        self.0.class_index_raw(revenue, fit, strength) as u8
    }
}

/// A model's classes and their tiers, by class index, padded to eight entries so that a
/// masked byte indexes them without a bounds check.
#[derive(Clone, Copy)]
pub struct Tables<C, const N: usize> {
    pub classes: [C; 8],
    pub tiers: [Tier; 8],
}

impl<C: Copy, const N: usize> Tables<C, N> {
    /// The tables of `model`; `N` is the number of its classes.
    pub fn new<M: Classifier>(model: &M) -> Self
    where
        M::Class: Into<C>,
    {
        let all = <M::Class as NativeClass>::ALL;
        debug_assert_eq!(all.len(), N);
        let native: [M::Class; N] = std::array::from_fn(|i| all[i]);
        let padded: [M::Class; 8] = std::array::from_fn(|i| native[i % N]);
        Tables {
            classes: padded.map(Into::into),
            tiers: padded.map(|c| model.tier_of(c)),
        }
    }

    #[inline(always)]
    fn tier(&self, i: u8) -> Tier {
        self.tiers[usize::from(i & 7)]
    }

    #[inline(always)]
    fn class(&self, i: u8) -> C {
        self.classes[usize::from(i & 7)]
    }
}

/// The number of classes of each model.
pub const WEBSTER_CLASSES: usize = 6;
/// See [`WEBSTER_CLASSES`].
pub const MILLMAN_WILSON_CLASSES: usize = 6;
/// See [`WEBSTER_CLASSES`].
pub const BENSAOU_CLASSES: usize = 4;
/// See [`WEBSTER_CLASSES`].
pub const FOUR_S_CLASSES: usize = 4;

/// Code generic over a model's kernel: each model hands its kernel and tables to the visitor.
pub trait KernelVisitor<C> {
    /// What the visit gives.
    type Output;

    /// Runs with `kernel`, whose indices `tables` resolves.
    fn visit<K: Kernel<Out = u8>, const N: usize>(
        self,
        kernel: &K,
        tables: Tables<C, N>,
    ) -> Self::Output;
}

/// The four models' kernels fused, so that each row is read once.
pub struct FourKernel<'a> {
    pub webster: &'a Webster,
    pub millman_wilson: &'a MillmanWilson,
    pub bensaou: &'a Bensaou,
    pub four_s: &'a FourS,
}

impl Kernel for FourKernel<'_> {
    type Out = [u8; 4];

    #[inline(always)]
    fn eval(&self, r: f64, f: f64, s: f64) -> [u8; 4] {
        [
            ModelKernel(self.webster).eval(r, f, s),
            ModelKernel(self.millman_wilson).eval(r, f, s),
            ModelKernel(self.bensaou).eval(r, f, s),
            ModelKernel(self.four_s).eval(r, f, s),
        ]
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
    /// A caller's array, whose length the caller has checked, and the next row to write.
    View(ArrayViewMut1<'a, T>, usize),
}

impl<'a, T: Copy> Column<'a, T> {
    /// A column that grows to `rows` entries.
    pub fn owned(rows: usize) -> Self {
        Column::Owned(Vec::with_capacity(rows))
    }

    /// A column writing into `view`.
    pub fn view(view: ArrayViewMut1<'a, T>) -> Self {
        Column::View(view, 0)
    }

    /// Appends `f` of each output.
    #[inline(always)]
    pub fn put<O>(&mut self, outputs: &[O], f: impl Fn(&O) -> T) {
        match self {
            Column::Owned(v) => v.extend(outputs.iter().map(f)),
            Column::View(view, next) => {
                let end = (*next + outputs.len()).min(view.len());
                let mut dst = view.slice_axis_mut(NdAxis(0), Slice::from(*next..end));
                if let Some(dst) = dst.as_slice_mut() {
                    for (d, o) in dst.iter_mut().zip(outputs) {
                        *d = f(o);
                    }
                } else {
                    for (d, o) in dst.iter_mut().zip(outputs) {
                        *d = f(o);
                    }
                }
                *next = end;
            }
        }
    }

    /// The owned vector, empty for a caller's array.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            Column::Owned(v) => v,
            Column::View(..) => Vec::new(),
        }
    }
}

/// Tiers and classes of one model.
pub struct PairSink<'a, C, const N: usize> {
    pub tables: Tables<C, N>,
    pub tiers: Column<'a, Tier>,
    pub classes: Column<'a, C>,
}

impl<C: Copy, const N: usize> Sink<u8> for PairSink<'_, C, N> {
    #[inline]
    fn put(&mut self, outputs: &[u8]) {
        let t = &self.tables;
        self.tiers.put(outputs, |&i| t.tier(i));
        self.classes.put(outputs, |&i| t.class(i));
    }
}

/// Tiers only.
pub struct TierSink<'a, C, const N: usize> {
    pub tables: Tables<C, N>,
    pub tiers: Column<'a, Tier>,
}

impl<C: Copy, const N: usize> Sink<u8> for TierSink<'_, C, N> {
    #[inline]
    fn put(&mut self, outputs: &[u8]) {
        let t = &self.tables;
        self.tiers.put(outputs, |&i| t.tier(i));
    }
}

/// Tiers and classes of the four models.
pub struct FourSink<'a> {
    pub webster: PairSink<'a, WebsterClass, WEBSTER_CLASSES>,
    pub millman_wilson: PairSink<'a, MillmanWilsonStage, MILLMAN_WILSON_CLASSES>,
    pub bensaou: PairSink<'a, BensaouClass, BENSAOU_CLASSES>,
    pub four_s: PairSink<'a, FourSClass, FOUR_S_CLASSES>,
}

impl<C: Copy, const N: usize> PairSink<'_, C, N> {
    /// Takes the class indices that `index` picks out of each output.
    #[inline(always)]
    fn put_by<O>(&mut self, outputs: &[O], index: impl Fn(&O) -> u8) {
        let t = &self.tables;
        self.tiers.put(outputs, |o| t.tier(index(o)));
        self.classes.put(outputs, |o| t.class(index(o)));
    }
}

impl Sink<[u8; 4]> for FourSink<'_> {
    #[inline]
    fn put(&mut self, outputs: &[[u8; 4]]) {
        self.webster.put_by(outputs, |o| o[0]);
        self.millman_wilson.put_by(outputs, |o| o[1]);
        self.bensaou.put_by(outputs, |o| o[2]);
        self.four_s.put_by(outputs, |o| o[3]);
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
            let mut flags = 0;
            for (o, row) in buf.iter_mut().zip(rows.clone()) {
                let (r, f, s) = (row[0], row[1], row[2]);
                flags |= suspect(r) | suspect(f) | suspect(s);
                *o = kernel.eval(r, f, s);
            }
            if flags < 0 {
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
            let mut flags = 0;
            for (o, ((&r, &f), &s)) in buf.iter_mut().zip(rc.iter().zip(fc).zip(sc)) {
                flags |= suspect(r) | suspect(f) | suspect(s);
                *o = kernel.eval(r, f, s);
            }
            if flags < 0 {
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
        AnyModel::Webster(m) => {
            visitor.visit::<_, WEBSTER_CLASSES>(&ModelKernel(m), Tables::new(m))
        }
        AnyModel::MillmanWilson(m) => {
            visitor.visit::<_, MILLMAN_WILSON_CLASSES>(&ModelKernel(m), Tables::new(m))
        }
        AnyModel::Bensaou(m) => {
            visitor.visit::<_, BENSAOU_CLASSES>(&ModelKernel(m), Tables::new(m))
        }
        AnyModel::FourS(m) => visitor.visit::<_, FOUR_S_CLASSES>(&ModelKernel(m), Tables::new(m)),
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
