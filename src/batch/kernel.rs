//! The hot loops: where rows come from (sources), what a chunk of rows becomes (kernels), where
//! the results go (sinks), and the driver that runs them one chunk at a time, on one thread or,
//! with the `rayon` feature, on blocks of rows across the current thread pool.
//!
//! Rows are processed in chunks of [`CHUNK`]. A full row-major chunk is read in place by the
//! class kernels, which fold the validity of every value into one flag word without branches
//! in the same loop; any other chunk is first copied into three column buffers (the tail of a
//! matrix padded with valid zeros, whose outputs are never written out). Only a chunk whose
//! flag is raised is scanned again, in row-major order, to name the first culprit. Class
//! indices stay 64-bit in the class loops and are narrowed to bytes in one pass a chunk;
//! classes and tiers are then looked up from small tables by compare-and-select. All loops
//! have fixed trip counts, so that the compiler vectorizes them.

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

/// Rows per chunk: small enough that a chunk's buffers stay in L1.
pub const CHUNK: usize = 256;

/// Whether a score is NaN, infinite or outside [0, 1].
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

/// One chunk of rows, de-interleaved: revenue share, strategic fit, relationship strength.
#[derive(Clone)]
pub struct Rows {
    pub r: [f64; CHUNK],
    pub f: [f64; CHUNK],
    pub s: [f64; CHUNK],
}

impl Rows {
    /// A chunk of valid zeros.
    pub fn new() -> Self {
        Rows {
            r: [0.0; CHUNK],
            f: [0.0; CHUNK],
            s: [0.0; CHUNK],
        }
    }

    /// Pads rows `m..` with valid zeros, so that a kernel may run over the whole chunk.
    #[inline]
    pub fn pad(&mut self, m: usize) {
        if m < CHUNK {
            self.r[m..].fill(0.0);
            self.f[m..].fill(0.0);
            self.s[m..].fill(0.0);
        }
    }
}

/// Where rows come from.
pub trait Source: Sync {
    /// A chunk of input as a kernel reads it.
    type Chunk;

    /// A fresh chunk buffer.
    fn chunk(&self) -> Self::Chunk;

    /// The number of rows.
    fn rows(&self) -> usize;

    /// Loads rows `start..start + m` (`m <= CHUNK`) into `chunk`, rows `m..` padded with valid
    /// values; true if a value may be invalid.
    fn load(&self, start: usize, m: usize, chunk: &mut Self::Chunk) -> bool;

    /// The first invalid value among rows `start..start + m`, in row order.
    fn first_error(&self, start: usize, m: usize) -> Option<Error>;

    /// Loads rows `start..start + m` and runs `kernel` over them into `out`; true if a value
    /// may be invalid (the outputs are then garbage unless the rescan finds none).
    #[inline]
    fn load_eval<K: Kernel<Self::Chunk>>(
        &self,
        start: usize,
        m: usize,
        chunk: &mut Self::Chunk,
        kernel: &K,
        out: &mut K::Buf,
    ) -> bool {
        let bad = self.load(start, m, chunk);
        kernel.eval(chunk, out);
        bad
    }
}

/// A score matrix in whichever layout it comes.
#[derive(Clone)]
pub enum Scores3<'a> {
    /// Row-major: each row is three neighbours.
    RowMajor(&'a [f64]),
    /// Column-major: three contiguous columns.
    ColumnMajor([&'a [f64]; 3]),
    /// Any strides.
    Strided(ArrayView2<'a, f64>),
}

impl<'a> Scores3<'a> {
    /// The matrix `scores`, after checking its shape.
    pub fn new(scores: ArrayView2<'a, f64>) -> Result<Self> {
        check_columns(&scores)?;
        let n = scores.nrows();
        if let Some(data) = scores.to_slice() {
            Ok(Scores3::RowMajor(data))
        } else if let Some(data) = scores.reversed_axes().to_slice() {
            let (r, rest) = data.split_at(n);
            let (f, s) = rest.split_at(n);
            Ok(Scores3::ColumnMajor([r, f, s]))
        } else {
            Ok(Scores3::Strided(scores))
        }
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        match self {
            Scores3::RowMajor(d) => d.len() / 3,
            Scores3::ColumnMajor([r, _, _]) => r.len(),
            Scores3::Strided(v) => v.nrows(),
        }
    }

    /// As [`Source::load`].
    #[inline]
    pub fn load(&self, start: usize, m: usize, rows: &mut Rows) -> bool {
        let mut flags = 0i64;
        match self {
            Scores3::RowMajor(data) => {
                let data = &data[3 * start..3 * (start + m)];
                if let Ok(full) = <&[f64; 3 * CHUNK]>::try_from(data) {
                    // Fixed trip counts: the flags over contiguous values and the
                    // de-interleave each vectorize.
                    // One index over fixed-size arrays.
                    #[allow(clippy::needless_range_loop)]
                    for i in 0..CHUNK {
                        let (r, f, s) = (full[3 * i], full[3 * i + 1], full[3 * i + 2]);
                        flags |= suspect(r) | suspect(f) | suspect(s);
                        rows.r[i] = r;
                        rows.f[i] = f;
                        rows.s[i] = s;
                    }
                } else {
                    for (i, row) in data.chunks_exact(3).enumerate() {
                        let (r, f, s) = (row[0], row[1], row[2]);
                        flags |= suspect(r) | suspect(f) | suspect(s);
                        rows.r[i] = r;
                        rows.f[i] = f;
                        rows.s[i] = s;
                    }
                    rows.pad(m);
                }
            }
            Scores3::ColumnMajor(columns) => {
                for (column, dst) in columns.iter().zip([&mut rows.r, &mut rows.f, &mut rows.s]) {
                    let src = &column[start..start + m];
                    for &x in src {
                        flags |= suspect(x);
                    }
                    dst[..m].copy_from_slice(src);
                }
                rows.pad(m);
            }
            Scores3::Strided(view) => {
                let view = view.slice_axis(NdAxis(0), Slice::from(start..start + m));
                let mut bad = false;
                Zip::from(&mut rows.r[..m])
                    .and(&mut rows.f[..m])
                    .and(&mut rows.s[..m])
                    .and(view.column(0))
                    .and(view.column(1))
                    .and(view.column(2))
                    .for_each(|r, f, s, &x, &y, &z| {
                        bad |= invalid(x) | invalid(y) | invalid(z);
                        (*r, *f, *s) = (x, y, z);
                    });
                flags = if bad { -1 } else { 0 };
                rows.pad(m);
            }
        }
        flags < 0
    }

    /// Row `i`.
    #[inline]
    pub fn row(&self, i: usize) -> [f64; 3] {
        match self {
            Scores3::RowMajor(d) => [d[3 * i], d[3 * i + 1], d[3 * i + 2]],
            Scores3::ColumnMajor([r, f, s]) => [r[i], f[i], s[i]],
            Scores3::Strided(v) => [v[[i, 0]], v[[i, 1]], v[[i, 2]]],
        }
    }

    /// The first invalid value of row `i`, by column.
    pub fn row_error(&self, i: usize) -> Option<(ScoreField, f64)> {
        let row = self.row(i);
        ScoreField::ALL
            .iter()
            .zip(row)
            .find(|(_, v)| invalid(*v))
            .map(|(&c, v)| (c, v))
    }
}

impl Source for Scores3<'_> {
    type Chunk = Rows;

    fn chunk(&self) -> Rows {
        Rows::new()
    }

    fn rows(&self) -> usize {
        Scores3::rows(self)
    }

    #[inline]
    fn load(&self, start: usize, m: usize, chunk: &mut Rows) -> bool {
        Scores3::load(self, start, m, chunk)
    }

    fn first_error(&self, start: usize, m: usize) -> Option<Error> {
        (start..start + m).find_map(|row| {
            self.row_error(row)
                .map(|(column, value)| Error::InvalidBatchValue { row, column, value })
        })
    }

    #[inline]
    fn load_eval<K: Kernel<Rows>>(
        &self,
        start: usize,
        m: usize,
        chunk: &mut Rows,
        kernel: &K,
        out: &mut K::Buf,
    ) -> bool {
        if let Scores3::RowMajor(data) = self {
            if let Ok(full) = <&[f64; 3 * CHUNK]>::try_from(&data[3 * start..3 * (start + m)]) {
                if let Some(flags) = kernel.eval_row_major(full, out) {
                    return flags < 0;
                }
            }
        }
        let bad = self.load(start, m, chunk);
        kernel.eval(chunk, out);
        bad
    }
}

/// What a chunk of valid rows becomes.
pub trait Kernel<I>: Sync {
    /// The outputs of one chunk.
    type Buf;

    /// A fresh output buffer.
    fn buf(&self) -> Self::Buf;

    /// The outputs of a whole chunk, whose rows are known to be valid (or padding).
    fn eval(&self, input: &I, out: &mut Self::Buf);

    /// The outputs of a full row-major chunk read in place, and the fold of [`suspect`] over
    /// its values; `None` if the kernel needs its input de-interleaved first.
    #[inline]
    fn eval_row_major(&self, full: &[f64; 3 * CHUNK], out: &mut Self::Buf) -> Option<i64> {
        let _ = (full, out);
        None
    }
}

/// A model whose class can be computed from three raw scores.
pub trait RawClassifier: Classifier + Sync {
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

/// The class indices of one chunk.
pub type Codes = [u8; CHUNK];

/// One model's kernel: three scores in, the index of the class in `NativeClass::ALL` out, by
/// the model's own one-account arithmetic.
pub struct ModelKernel<'a, M>(pub &'a M);

impl<M: RawClassifier> Kernel<Rows> for ModelKernel<'_, M> {
    type Buf = Codes;

    fn buf(&self) -> Codes {
        [0; CHUNK]
    }

    #[inline]
    fn eval(&self, rows: &Rows, out: &mut Codes) {
        let m = self.0;
        let mut wide = [0u64; CHUNK];
        // One index over several fixed-size arrays.
        #[allow(clippy::needless_range_loop)]
        for i in 0..CHUNK {
            wide[i] = m.class_index_raw(rows.r[i], rows.f[i], rows.s[i]) as u64;
        }
        narrow(&wide, out);
    }

    #[inline]
    fn eval_row_major(&self, full: &[f64; 3 * CHUNK], out: &mut Codes) -> Option<i64> {
        Some(self.row_major::<true>(full, out))
    }
}

impl<M: RawClassifier> ModelKernel<'_, M> {
    /// Flags (if `FLAGS`, else 0) and class indices of a full row-major chunk in one loop: the
    /// rows are de-interleaved in registers, which costs less than through column buffers.
    #[inline]
    fn row_major<const FLAGS: bool>(&self, full: &[f64; 3 * CHUNK], out: &mut Codes) -> i64 {
        let m = self.0;
        let mut flags = 0i64;
        let mut wide = [0u64; CHUNK];
        for (o, row) in wide.iter_mut().zip(full.chunks_exact(3)) {
            let (r, f, s) = (row[0], row[1], row[2]);
            if FLAGS {
                flags |= suspect(r) | suspect(f) | suspect(s);
            }
            *o = m.class_index_raw(r, f, s) as u64;
        }
        narrow(&wide, out);
        flags
    }
}

/// Class indices to bytes. Kept out of the class loops: there each compare mask would be
/// narrowed on its own, two rows a register, which costs more than the arithmetic; here a
/// whole chunk narrows sixteen rows a register.
#[inline(always)]
fn narrow(wide: &[u64; CHUNK], out: &mut Codes) {
    // Sixteen at a time and masked: so written, the narrowing vectorizes.
    for (o, w) in out.chunks_exact_mut(16).zip(wide.chunks_exact(16)) {
        for (o, &w) in o.iter_mut().zip(w) {
            // At most six classes: the index fits.
            *o = (w & 0xFF) as u8;
        }
    }
}

/// A type written out of the kernels as a byte code: a tier or a class. The codes of the
/// models' own classes and of tiers are their declaration order, so that `from_code` compiles
/// to a clamp, which vectorizes.
pub trait Code: Copy + Send + Sync {
    /// The byte code of `self`.
    fn to_code(self) -> u8;
    /// The value of a code given by `to_code`.
    fn from_code(code: u8) -> Self;
}

macro_rules! code {
    ($t:ty: $($v:ident),* ; $last:ident) => {
        impl Code for $t {
            #[inline(always)]
            fn to_code(self) -> u8 {
                self as u8
            }

            #[inline(always)]
            fn from_code(code: u8) -> Self {
                let mut _k = 0u8;
                $(
                    if code == _k {
                        return <$t>::$v;
                    }
                    _k += 1;
                )*
                <$t>::$last
            }
        }
    };
}

code!(Tier: Transactional, Maintenance, Development; Key);
code!(WebsterClass: Transaction, RepeatedTransactions, LongTermRelationship,
    BuyerSellerPartnership, StrategicAlliance; NetworkOrganization);
code!(MillmanWilsonStage: UncouplingKam, PreKam, EarlyKam, MidKam, PartnershipKam;
    SynergisticKam);
code!(BensaouClass: MarketExchange, CaptiveBuyer, CaptiveSupplier; StrategicPartnership);
code!(FourSClass: Streamline, Status, Star; Strategic);

/// Any model's class: the four models' codes one after the other.
impl Code for Class {
    fn to_code(self) -> u8 {
        match self {
            Class::Webster(c) => c.to_code(),
            Class::MillmanWilson(c) => 6 + c.to_code(),
            Class::Bensaou(c) => 12 + c.to_code(),
            Class::FourS(c) => 16 + c.to_code(),
        }
    }

    fn from_code(code: u8) -> Self {
        match code {
            0..=5 => Class::Webster(WebsterClass::from_code(code)),
            6..=11 => Class::MillmanWilson(MillmanWilsonStage::from_code(code - 6)),
            12..=15 => Class::Bensaou(BensaouClass::from_code(code - 12)),
            _ => Class::FourS(FourSClass::from_code(code.saturating_sub(16))),
        }
    }
}

/// A model's classes and their tiers as codes, by class index (padded to eight entries).
pub struct Tables<C, const N: usize> {
    pub classes: [u8; 8],
    pub tiers: [u8; 8],
    class: std::marker::PhantomData<fn() -> C>,
}

impl<C, const N: usize> Clone for Tables<C, N> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C, const N: usize> Copy for Tables<C, N> {}

/// `table[code]` for a code below `N`, by compare-and-select on values held in registers: it
/// vectorizes, sixteen rows to an SSE2 register, where an indexed load does not.
#[inline(always)]
fn pick<const N: usize>(table: [u8; 8], code: u8) -> u8 {
    let mut v = table[0];
    for (k, &t) in table.iter().enumerate().take(N).skip(1) {
        v = if code == k as u8 { t } else { v };
    }
    v
}

impl<C: Code, const N: usize> Tables<C, N> {
    /// The tables of `model`; `N` is the number of its classes.
    pub fn new<M: Classifier>(model: &M) -> Self
    where
        M::Class: Into<C>,
    {
        let all = <M::Class as NativeClass>::ALL;
        debug_assert_eq!(all.len(), N);
        let native: [M::Class; 8] = std::array::from_fn(|i| all[i % all.len()]);
        Tables {
            classes: native.map(|c| c.into().to_code()),
            tiers: native.map(|c| model.tier_of(c).to_code()),
            class: std::marker::PhantomData,
        }
    }

    /// The class that fills outputs made up front.
    pub fn first_class(&self) -> C {
        C::from_code(self.classes[0])
    }

    /// The tier that fills outputs made up front.
    pub fn first_tier(&self) -> Tier {
        Tier::from_code(self.tiers[0])
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
    fn visit<K: Kernel<Rows, Buf = Codes>, const N: usize>(
        self,
        kernel: &K,
        tables: Tables<C, N>,
    ) -> Self::Output;
}

/// The four models' kernels, so that each row is read once.
pub struct FourKernel<'a> {
    pub webster: &'a Webster,
    pub millman_wilson: &'a MillmanWilson,
    pub bensaou: &'a Bensaou,
    pub four_s: &'a FourS,
}

impl Kernel<Rows> for FourKernel<'_> {
    type Buf = [Codes; 4];

    fn buf(&self) -> [Codes; 4] {
        [[0; CHUNK]; 4]
    }

    #[inline]
    fn eval(&self, rows: &Rows, out: &mut [Codes; 4]) {
        // One loop a model: each vectorizes on its own, over a chunk that stays in L1.
        let [w, mw, b, f] = out;
        ModelKernel(self.webster).eval(rows, w);
        ModelKernel(self.millman_wilson).eval(rows, mw);
        ModelKernel(self.bensaou).eval(rows, b);
        ModelKernel(self.four_s).eval(rows, f);
    }

    #[inline]
    fn eval_row_major(&self, full: &[f64; 3 * CHUNK], out: &mut [Codes; 4]) -> Option<i64> {
        // All four in one pass, so that the arithmetic overlaps the stream of rows from
        // memory; one pass a model would wait for memory in the first and not in the others.
        let mut flags = 0i64;
        let mut wide = [[0u64; CHUNK]; 4];
        let [w, mw, b, fs] = &mut wide;
        #[allow(clippy::needless_range_loop)]
        for i in 0..CHUNK {
            let (r, f, s) = (full[3 * i], full[3 * i + 1], full[3 * i + 2]);
            flags |= suspect(r) | suspect(f) | suspect(s);
            w[i] = self.webster.class_index_raw(r, f, s) as u64;
            mw[i] = self.millman_wilson.class_index_raw(r, f, s) as u64;
            b[i] = self.bensaou.class_index_raw(r, f, s) as u64;
            fs[i] = self.four_s.class_index_raw(r, f, s) as u64;
        }
        for (wide, out) in wide.iter().zip(out) {
            narrow(wide, out);
        }
        Some(flags)
    }
}

/// Where a driver puts a chunk's outputs.
pub trait Sink<B>: Send + Sized {
    /// Takes the outputs of the first `m` rows of `buf`, which are rows `at..at + m` of this
    /// sink (counted from its own start).
    fn put(&mut self, at: usize, buf: &B, m: usize);

    /// The sink of rows `..mid` and the sink of rows `mid..`; `None` if it cannot be split
    /// (an output that grows as chunks arrive).
    #[cfg_attr(not(feature = "rayon"), allow(dead_code))]
    fn split_at(self, mid: usize) -> std::result::Result<(Self, Self), Self>;
}

/// One output column: a growing `Vec`, or a caller's array (contiguous or strided).
pub enum Column<'a, T> {
    /// Grows as chunks arrive, in order.
    Owned(Vec<T>),
    /// A caller's array, whose length the caller has checked.
    View(ArrayViewMut1<'a, T>),
}

impl<'a, T: Copy + Send + Sync> Column<'a, T> {
    /// A column that grows to `rows` entries.
    pub fn owned(rows: usize) -> Self {
        Column::Owned(Vec::with_capacity(rows))
    }

    /// A column writing into `view`.
    pub fn view(view: ArrayViewMut1<'a, T>) -> Self {
        Column::View(view)
    }

    /// Writes the value of `table[code]` of each code at rows `at..`.
    #[inline(always)]
    pub fn put<const N: usize>(&mut self, at: usize, codes: &[u8], table: [u8; 8])
    where
        T: Code,
    {
        let f = |c: u8| T::from_code(pick::<N>(table, c));
        match self {
            Column::Owned(v) => {
                debug_assert_eq!(v.len(), at);
                // Through a buffer in L1: a plain slice loop vectorizes, `extend` does not.
                let mut buf = [T::from_code(table[0]); CHUNK];
                for (d, &c) in buf.iter_mut().zip(codes) {
                    *d = f(c);
                }
                v.extend_from_slice(&buf[..codes.len()]);
            }
            Column::View(view) => {
                let end = (at + codes.len()).min(view.len());
                let mut dst = view.slice_axis_mut(NdAxis(0), Slice::from(at..end));
                if let Some(dst) = dst.as_slice_mut() {
                    for (d, &c) in dst.iter_mut().zip(codes) {
                        *d = f(c);
                    }
                } else {
                    for (d, &c) in dst.iter_mut().zip(codes) {
                        *d = f(c);
                    }
                }
            }
        }
    }

    /// Splits a caller's array at `mid`.
    #[cfg_attr(not(feature = "rayon"), allow(dead_code))]
    pub fn split_at(self, mid: usize) -> std::result::Result<(Self, Self), Self> {
        match self {
            Column::View(v) => {
                let (a, b) = v.split_at(NdAxis(0), mid);
                Ok((Column::View(a), Column::View(b)))
            }
            owned => Err(owned),
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

/// Splits two columns at `mid`, or gives both back.
#[allow(clippy::type_complexity)]
#[cfg_attr(not(feature = "rayon"), allow(dead_code))]
fn split_pair<'a, A: Copy + Send + Sync, B: Copy + Send + Sync>(
    a: Column<'a, A>,
    b: Column<'a, B>,
    mid: usize,
) -> std::result::Result<
    (
        (Column<'a, A>, Column<'a, B>),
        (Column<'a, A>, Column<'a, B>),
    ),
    (Column<'a, A>, Column<'a, B>),
> {
    match (a.split_at(mid), b.split_at(mid)) {
        (Ok((a0, a1)), Ok((b0, b1))) => Ok(((a0, b0), (a1, b1))),
        // Both are views or both owned: no mixed case arises.
        (Ok((a0, _)), Err(b)) => Err((a0, b)),
        (Err(a), Ok((b0, _))) => Err((a, b0)),
        (Err(a), Err(b)) => Err((a, b)),
    }
}

/// Tiers and classes of one model.
pub struct PairSink<'a, C, const N: usize> {
    pub tables: Tables<C, N>,
    pub tiers: Column<'a, Tier>,
    pub classes: Column<'a, C>,
}

impl<C: Code, const N: usize> PairSink<'_, C, N> {
    #[inline]
    fn put_codes(&mut self, at: usize, codes: &[u8]) {
        self.tiers.put::<N>(at, codes, self.tables.tiers);
        self.classes.put::<N>(at, codes, self.tables.classes);
    }
}

impl<C: Code, const N: usize> Sink<Codes> for PairSink<'_, C, N> {
    #[inline]
    fn put(&mut self, at: usize, buf: &Codes, m: usize) {
        self.put_codes(at, &buf[..m]);
    }

    fn split_at(self, mid: usize) -> std::result::Result<(Self, Self), Self> {
        let tables = self.tables;
        match split_pair(self.tiers, self.classes, mid) {
            Ok(((t0, c0), (t1, c1))) => Ok((
                PairSink {
                    tables,
                    tiers: t0,
                    classes: c0,
                },
                PairSink {
                    tables,
                    tiers: t1,
                    classes: c1,
                },
            )),
            Err((tiers, classes)) => Err(PairSink {
                tables,
                tiers,
                classes,
            }),
        }
    }
}

/// Tiers only.
pub struct TierSink<'a, C, const N: usize> {
    pub tables: Tables<C, N>,
    pub tiers: Column<'a, Tier>,
}

impl<C: Code, const N: usize> Sink<Codes> for TierSink<'_, C, N> {
    #[inline]
    fn put(&mut self, at: usize, buf: &Codes, m: usize) {
        self.tiers.put::<N>(at, &buf[..m], self.tables.tiers);
    }

    fn split_at(self, mid: usize) -> std::result::Result<(Self, Self), Self> {
        let tables = self.tables;
        match self.tiers.split_at(mid) {
            Ok((a, b)) => Ok((TierSink { tables, tiers: a }, TierSink { tables, tiers: b })),
            Err(tiers) => Err(TierSink { tables, tiers }),
        }
    }
}

/// Tiers and classes of the four models.
pub struct FourSink<'a> {
    pub webster: PairSink<'a, WebsterClass, WEBSTER_CLASSES>,
    pub millman_wilson: PairSink<'a, MillmanWilsonStage, MILLMAN_WILSON_CLASSES>,
    pub bensaou: PairSink<'a, BensaouClass, BENSAOU_CLASSES>,
    pub four_s: PairSink<'a, FourSClass, FOUR_S_CLASSES>,
}

impl Sink<[Codes; 4]> for FourSink<'_> {
    #[inline]
    fn put(&mut self, at: usize, buf: &[Codes; 4], m: usize) {
        self.webster.put_codes(at, &buf[0][..m]);
        self.millman_wilson.put_codes(at, &buf[1][..m]);
        self.bensaou.put_codes(at, &buf[2][..m]);
        self.four_s.put_codes(at, &buf[3][..m]);
    }

    fn split_at(self, mid: usize) -> std::result::Result<(Self, Self), Self> {
        // All four are views or all four grow: the first decides.
        match (
            self.webster.split_at(mid),
            self.millman_wilson.split_at(mid),
            self.bensaou.split_at(mid),
            self.four_s.split_at(mid),
        ) {
            (Ok((w0, w1)), Ok((m0, m1)), Ok((b0, b1)), Ok((f0, f1))) => Ok((
                FourSink {
                    webster: w0,
                    millman_wilson: m0,
                    bensaou: b0,
                    four_s: f0,
                },
                FourSink {
                    webster: w1,
                    millman_wilson: m1,
                    bensaou: b1,
                    four_s: f1,
                },
            )),
            (w, m, b, f) => Err(FourSink {
                webster: w.map_or_else(|s| s, |(a, _)| a),
                millman_wilson: m.map_or_else(|s| s, |(a, _)| a),
                bensaou: b.map_or_else(|s| s, |(a, _)| a),
                four_s: f.map_or_else(|s| s, |(a, _)| a),
            }),
        }
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

/// Runs `kernel` over rows `lo..hi` of `source` into `sink` (whose row 0 is `lo`), chunk by
/// chunk. Fails with the first invalid value of the range, in row order.
fn run_range<Src, K, S>(source: &Src, kernel: &K, lo: usize, hi: usize, sink: &mut S) -> Result<()>
where
    Src: Source,
    K: Kernel<Src::Chunk>,
    S: Sink<K::Buf>,
{
    let mut chunk = source.chunk();
    let mut buf = kernel.buf();
    let mut start = lo;
    while start < hi {
        let m = (hi - start).min(CHUNK);
        if source.load_eval(start, m, &mut chunk, kernel, &mut buf) {
            if let Some(e) = source.first_error(start, m) {
                return Err(e);
            }
        }
        sink.put(start - lo, &buf, m);
        start += m;
    }
    Ok(())
}

/// Rows a thread takes at least: below this, splitting costs more than it gives.
#[cfg(feature = "rayon")]
pub const MIN_BLOCK: usize = 16 * CHUNK;

/// Whether a run over `rows` rows is split across threads.
pub fn parallel(rows: usize) -> bool {
    #[cfg(feature = "rayon")]
    {
        rows >= 2 * MIN_BLOCK && rayon::current_num_threads() > 1
    }
    #[cfg(not(feature = "rayon"))]
    {
        let _ = rows;
        false
    }
}

/// Runs `kernel` over every row of `source` into `sink`. Fails on the first invalid value in
/// row order, whatever the layout and however the rows are split across threads. Gives the
/// sink back when it ran on one thread (always for growing outputs), `None` when it was split
/// across threads (only arrays of the caller's were written).
pub fn drive<Src, K, S>(source: &Src, kernel: &K, sink: S) -> Result<Option<S>>
where
    Src: Source,
    K: Kernel<Src::Chunk>,
    S: Sink<K::Buf>,
{
    let n = source.rows();
    #[cfg(feature = "rayon")]
    if parallel(n) {
        return drive_parallel(source, kernel, sink, n);
    }
    let mut sink = sink;
    run_range(source, kernel, 0, n, &mut sink)?;
    Ok(Some(sink))
}

/// As [`drive`], over blocks of whole chunks on the current rayon pool. Every block runs to its
/// own first error; the error of the lowest block is the first of the matrix.
#[cfg(feature = "rayon")]
fn drive_parallel<Src, K, S>(source: &Src, kernel: &K, sink: S, n: usize) -> Result<Option<S>>
where
    Src: Source,
    K: Kernel<Src::Chunk>,
    S: Sink<K::Buf>,
{
    use rayon::prelude::*;

    // A few blocks a thread, so that a slow thread (the machine is shared) is caught up.
    let blocks = (4 * rayon::current_num_threads()).min(n / MIN_BLOCK).max(1);
    let block = n.div_ceil(blocks).div_ceil(CHUNK) * CHUNK;
    let mut parts = Vec::with_capacity(blocks);
    let mut rest = sink;
    let mut lo = 0;
    while n - lo > block {
        match rest.split_at(block) {
            Ok((head, tail)) => {
                parts.push((lo, lo + block, head));
                rest = tail;
                lo += block;
            }
            // An output that grows in order: one thread.
            Err(whole) => {
                debug_assert!(parts.is_empty());
                let mut whole = whole;
                run_range(source, kernel, 0, n, &mut whole)?;
                return Ok(Some(whole));
            }
        }
    }
    parts.push((lo, n, rest));
    let failed = parts
        .into_par_iter()
        .map(|(lo, hi, mut part)| run_range(source, kernel, lo, hi, &mut part))
        .find_first(Result::is_err);
    match failed {
        Some(Err(e)) => Err(e),
        // The parts wrote into the caller's arrays; nothing is left to give back.
        _ => Ok(None),
    }
}

/// The tiers and classes of every row of `source` into new arrays: grown chunk by chunk on one
/// thread, or made up front and filled in parts across threads.
pub fn pairs<Src, K, C, const N: usize>(
    source: &Src,
    kernel: &K,
    tables: Tables<C, N>,
) -> Result<(Vec<Tier>, Vec<C>)>
where
    Src: Source,
    K: Kernel<Src::Chunk, Buf = Codes>,
    C: Code,
{
    let n = source.rows();
    if parallel(n) {
        let mut tiers = vec![tables.first_tier(); n];
        let mut classes = vec![tables.first_class(); n];
        let sink = PairSink {
            tables,
            tiers: Column::view(ArrayViewMut1::from(&mut tiers[..])),
            classes: Column::view(ArrayViewMut1::from(&mut classes[..])),
        };
        drive(source, kernel, sink)?;
        return Ok((tiers, classes));
    }
    let sink = PairSink {
        tables,
        tiers: Column::owned(n),
        classes: Column::owned(n),
    };
    Ok(drive(source, kernel, sink)?.map_or_else(
        || (Vec::new(), Vec::new()),
        |s| (s.tiers.into_vec(), s.classes.into_vec()),
    ))
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
        assert_eq!(WebsterClass::ALL.len(), WEBSTER_CLASSES);
        assert_eq!(MillmanWilsonStage::ALL.len(), MILLMAN_WILSON_CLASSES);
        assert_eq!(BensaouClass::ALL.len(), BENSAOU_CLASSES);
        assert_eq!(FourSClass::ALL.len(), FOUR_S_CLASSES);
    }

    #[test]
    fn pick_is_an_index() {
        let table = [10u8, 11, 12, 13, 14, 15, 16, 17];
        for code in 0..6u8 {
            assert_eq!(pick::<6>(table, code), table[usize::from(code)]);
        }
    }

    fn codes_round_trip<T: Code + NativeClass>() {
        for &c in T::ALL {
            assert_eq!(T::from_code(c.to_code()), c, "{c}");
        }
    }

    #[test]
    fn codes_round_trip_for_every_class_and_tier() {
        codes_round_trip::<WebsterClass>();
        codes_round_trip::<MillmanWilsonStage>();
        codes_round_trip::<BensaouClass>();
        codes_round_trip::<FourSClass>();
        codes_round_trip::<Class>();
        for t in [
            Tier::Transactional,
            Tier::Maintenance,
            Tier::Development,
            Tier::Key,
        ] {
            assert_eq!(Tier::from_code(t.to_code()), t);
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
            assert!(suspect(x) < 0, "{x}");
        }
        for x in [0.0, -0.0, 0.5, 1.0] {
            assert!(!invalid(x), "{x}");
        }
        for x in [0.0, 1e-300, 0.5, 1.0] {
            assert!(suspect(x) >= 0, "{x}");
        }
    }
}
