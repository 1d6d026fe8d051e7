//! Millman and Wilson's Uncoupling-KAM over a whole matrix: each row against the same row of
//! the previous period's matrix.

use ndarray::{Array1, ArrayView2};

use super::kernel::{self, Codes, Kernel, Rows, Scores3, Source, Tables, CHUNK};
use super::BatchAssessment;
use crate::axis::band;
use crate::error::{Error, Result};
use crate::models::millman_wilson::{MillmanWilson, MillmanWilsonStage};

/// A chunk of rows of both periods.
pub struct Periods {
    now: Rows,
    before: Rows,
}

/// The current and the previous score matrix, row by row.
struct TwoPeriods<'a> {
    now: Scores3<'a>,
    before: Scores3<'a>,
}

impl Source for TwoPeriods<'_> {
    type Chunk = Periods;

    fn chunk(&self) -> Periods {
        Periods {
            now: Rows::new(),
            before: Rows::new(),
        }
    }

    fn rows(&self) -> usize {
        self.now.rows()
    }

    #[inline]
    fn load(&self, start: usize, m: usize, chunk: &mut Periods) -> bool {
        let bad = self.now.load(start, m, &mut chunk.now);
        bad | self.before.load(start, m, &mut chunk.before)
    }

    /// Within a row, the current period's values come first.
    fn first_error(&self, start: usize, m: usize) -> Option<Error> {
        (start..start + m).find_map(|row| {
            if let Some((column, value)) = self.now.row_error(row) {
                Some(Error::InvalidBatchValue { row, column, value })
            } else {
                self.before
                    .row_error(row)
                    .map(|(column, value)| Error::InvalidPreviousBatchValue { row, column, value })
            }
        })
    }
}

/// The stage of each row given its previous scores.
struct UncouplingKernel<'a>(&'a MillmanWilson);

impl UncouplingKernel<'_> {
    /// Development as [`MillmanWilson::position`] computes it, operation for operation.
    #[inline(always)]
    fn development(&self, r: f64, f: f64, s: f64) -> f64 {
        let p = self.0.params();
        0.5 * (p.nature.apply_raw(r, f, s) + p.involvement.apply_raw(r, f, s))
    }
}

impl Kernel<Periods> for UncouplingKernel<'_> {
    type Buf = Codes;

    fn buf(&self) -> Codes {
        [0; CHUNK]
    }

    #[inline]
    fn eval(&self, p: &Periods, out: &mut Codes) {
        let drop = self.0.uncoupling_drop();
        let thresholds = self.0.thresholds();
        let (now, before) = (&p.now, &p.before);
        // One index over several fixed-size arrays.
        #[allow(clippy::needless_range_loop)]
        for i in 0..CHUNK {
            let d = self.development(now.r[i], now.f[i], now.s[i]);
            let b = self.development(before.r[i], before.f[i], before.s[i]);
            // Index 0 is Uncoupling-KAM; the positional stages follow.
            let stage = 1 + band(d, thresholds) as u8;
            out[i] = if b - d >= drop { 0 } else { stage };
        }
    }
}

impl MillmanWilson {
    /// The stage and tier of every row given the same account's scores in the previous
    /// period (row `i` of `previous` is row `i` of `scores` a period earlier): a fall in
    /// development of at least [`uncoupling_drop`](MillmanWilson::uncoupling_drop) is
    /// Uncoupling-KAM. Each row gets exactly what
    /// [`classify_with_previous`](MillmanWilson::classify_with_previous) gives it against the
    /// one-account assessment of its previous scores. Both matrices may have any layout.
    ///
    /// # Errors
    ///
    /// [`Error::BatchColumns`] if a matrix does not have three columns;
    /// [`Error::BatchLength`] if `previous` does not have one row per row of `scores`;
    /// [`Error::InvalidBatchValue`] or [`Error::InvalidPreviousBatchValue`] naming the first
    /// value that is NaN, infinite or outside [0, 1], in row order (within a row, the current
    /// period first).
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::array;
    /// use keyaccount::{Classifier, MillmanWilson, MillmanWilsonStage, Scores, Tier};
    ///
    /// let model = MillmanWilson::default();
    /// let before = array![[0.7, 0.7, 0.8], [0.5, 0.5, 0.5]];
    /// let now = array![[0.5, 0.5, 0.3], [0.5, 0.5, 0.45]];
    /// let out = model.classify_batch_with_previous(now.view(), before.view())?;
    /// assert_eq!(out.classes[0], MillmanWilsonStage::UncouplingKam);
    /// assert_eq!(out.tiers[0], Tier::Transactional);
    /// assert_eq!(out.classes[1], MillmanWilsonStage::MidKam);
    ///
    /// // The same as one account at a time.
    /// let one = |m: &ndarray::Array2<f64>, i: usize| Scores::new(m[[i, 0]], m[[i, 1]], m[[i, 2]]);
    /// let a = model.classify_with_previous(&one(&now, 0)?, &model.classify(&one(&before, 0)?))?;
    /// assert_eq!(a.class, out.classes[0]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn classify_batch_with_previous(
        &self,
        scores: ArrayView2<'_, f64>,
        previous: ArrayView2<'_, f64>,
    ) -> Result<BatchAssessment<MillmanWilsonStage>> {
        let now = Scores3::new(scores.view())?;
        let before = Scores3::new(previous.view())?;
        if before.rows() != now.rows() {
            return Err(Error::BatchLength {
                what: "previous score matrix",
                expected: now.rows(),
                found: before.rows(),
            });
        }
        let source = TwoPeriods { now, before };
        let tables: Tables<MillmanWilsonStage, { kernel::MILLMAN_WILSON_CLASSES }> =
            Tables::new(self);
        let (tiers, classes) = kernel::pairs(&source, &UncouplingKernel(self), tables)?;
        Ok(BatchAssessment {
            tiers: Array1::from_vec(tiers),
            classes: Array1::from_vec(classes),
        })
    }
}
