//! Classifying many accounts at once from an `ndarray` matrix.
//!
//! A score matrix has one row per account and three columns in the order of
//! [`ScoreField::ALL`](crate::ScoreField::ALL): revenue share, strategic fit, relationship strength. Any layout is
//! accepted without copying: row-major, column-major, or a view with strides.
//!
//! The batch path follows the same rules as classifying one account at a time, with the same
//! arithmetic, so that the result for a row equals [`Classifier::classify`](crate::Classifier::classify) on that row. A
//! row with an invalid value fails the whole call with an error naming the first bad value in
//! row-major order (lowest row, then lowest column); nothing is dropped.
//!
//! - [`BatchClassifier`]: one model (any of the four, or [`AnyModel`]) over a matrix.
//! - [`AllModels`]: the four models over a matrix in one pass.
//! - [`BatchScorer`]: scores from raw factor ratings with two scorecards, then classification
//!   in the same pass.
//! - [`MillmanWilson::classify_batch_with_previous`]: Uncoupling-KAM, each row against the
//!   same row of the previous period's matrix.
//!
//! With the `rayon` feature, a batch of 8,192 rows or more is split into blocks of whole chunks
//! across the threads of the current rayon pool. The results are those of one thread, and an
//! error is the one of the first bad row by index, whichever thread finds its own first.
//!
//! # Examples
//!
//! ```
//! use ndarray::array;
//! use keyaccount::batch::BatchClassifier;
//! use keyaccount::{FourS, FourSClass, Tier};
//!
//! let scores = array![[0.8, 0.9, 0.7], [0.1, 0.2, 0.3]];
//! let out = FourS::default().classify_batch(scores.view())?;
//! assert_eq!(out.tiers.to_vec(), vec![Tier::Key, Tier::Transactional]);
//! assert_eq!(out.classes[0], FourSClass::Strategic);
//! # Ok::<(), keyaccount::Error>(())
//! ```

mod kernel;
mod scoring;
mod uncoupling;

use ndarray::{Array1, ArrayView2, ArrayViewMut1};
use serde::{Deserialize, Serialize};

use crate::any::{AnyModel, Class};
use crate::classifier::{Assessment, NativeClass};
use crate::error::{Error, Result};
use crate::models::bensaou::{Bensaou, BensaouClass};
use crate::models::four_s::{FourS, FourSClass};
use crate::models::millman_wilson::{MillmanWilson, MillmanWilsonStage};
use crate::models::webster::{Webster, WebsterClass};
use crate::scores::Scores;
use crate::tier::Tier;

use kernel::{
    Code, Codes, Column, FourKernel, FourSink, Kernel, KernelVisitor, ModelKernel, PairSink, Rows,
    Scores3, Tables, TierSink, BENSAOU_CLASSES, FOUR_S_CLASSES, MILLMAN_WILSON_CLASSES,
    WEBSTER_CLASSES,
};

pub use scoring::BatchScorer;

/// The tiers and native classes of many accounts under one model, one entry per row of the
/// score matrix.
///
/// # Examples
///
/// ```
/// use ndarray::array;
/// use keyaccount::batch::BatchClassifier;
/// use keyaccount::{Webster, WebsterClass};
///
/// let out = Webster::default().classify_batch(array![[0.0, 0.0, 0.0]].view())?;
/// assert_eq!(out.len(), 1);
/// assert_eq!(out.classes[0], WebsterClass::Transaction);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchAssessment<C> {
    /// The tier of each row on the common scale.
    pub tiers: Array1<Tier>,
    /// The native class of each row.
    pub classes: Array1<C>,
}

impl<C> BatchAssessment<C> {
    /// The number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::Array2;
    /// use keyaccount::batch::BatchClassifier;
    /// use keyaccount::FourS;
    ///
    /// let out = FourS::default().classify_batch(Array2::zeros((0, 3)).view())?;
    /// assert_eq!(out.len(), 0);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.tiers.len()
    }

    /// Whether there are no rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::Array2;
    /// use keyaccount::batch::BatchClassifier;
    /// use keyaccount::FourS;
    ///
    /// assert!(FourS::default().classify_batch(Array2::zeros((0, 3)).view())?.is_empty());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tiers.is_empty()
    }

    fn from_sink<const N: usize>(sink: PairSink<'_, C, N>) -> Self
    where
        C: Code,
    {
        BatchAssessment {
            tiers: Array1::from_vec(sink.tiers.into_vec()),
            classes: Array1::from_vec(sink.classes.into_vec()),
        }
    }
}

mod sealed {
    use super::kernel::{Code, KernelVisitor};
    use crate::classifier::Classifier;

    /// Hands a model's kernel to crate code; not implementable outside the crate.
    pub trait Sealed: Classifier<Class: Code> {
        /// Runs `visitor` with the model's kernel.
        fn with_kernel<V: KernelVisitor<Self::Class>>(&self, visitor: V) -> V::Output;
    }
}

/// What a batch run writes.
enum Output<'a, C> {
    /// Tiers and classes into new arrays.
    Owned(usize),
    /// Tiers and classes into the caller's arrays.
    Into(ArrayViewMut1<'a, Tier>, ArrayViewMut1<'a, C>),
    /// Tiers only, into the caller's array.
    Tiers(ArrayViewMut1<'a, Tier>),
}

/// Runs a model's kernel over a score matrix.
struct Drive<'v, 'a, C> {
    scores: ArrayView2<'v, f64>,
    output: Output<'a, C>,
}

impl<C: Code> KernelVisitor<C> for Drive<'_, '_, C> {
    type Output = Result<Option<BatchAssessment<C>>>;

    fn visit<K: Kernel<Rows, Buf = Codes>, const N: usize>(
        self,
        kernel: &K,
        tables: Tables<C, N>,
    ) -> Self::Output {
        let source = Scores3::new(self.scores)?;
        match self.output {
            Output::Owned(n) => {
                let sink = PairSink {
                    tables,
                    tiers: Column::owned(n),
                    classes: Column::owned(n),
                };
                Ok(kernel::drive(&source, kernel, sink)?.map(BatchAssessment::from_sink))
            }
            Output::Into(tiers, classes) => {
                let sink = PairSink {
                    tables,
                    tiers: Column::view(tiers),
                    classes: Column::view(classes),
                };
                kernel::drive(&source, kernel, sink)?;
                Ok(None)
            }
            Output::Tiers(tiers) => {
                let sink = TierSink {
                    tables,
                    tiers: Column::view(tiers),
                };
                kernel::drive(&source, kernel, sink)?;
                Ok(None)
            }
        }
    }
}

macro_rules! sealed_model {
    ($($model:ty => $classes:ident),*) => {
        $(
            impl sealed::Sealed for $model {
                fn with_kernel<V: KernelVisitor<Self::Class>>(&self, visitor: V) -> V::Output {
                    visitor.visit::<_, $classes>(&ModelKernel(self), Tables::new(self))
                }
            }

            impl BatchClassifier for $model {}
        )*
    };
}

sealed_model!(
    Webster => WEBSTER_CLASSES,
    MillmanWilson => MILLMAN_WILSON_CLASSES,
    Bensaou => BENSAOU_CLASSES,
    FourS => FOUR_S_CLASSES
);

impl sealed::Sealed for AnyModel {
    fn with_kernel<V: KernelVisitor<Class>>(&self, visitor: V) -> V::Output {
        kernel::visit_any(self, visitor)
    }
}

impl BatchClassifier for AnyModel {}

/// Checks that an output array has one entry per row.
fn check_output(what: &'static str, expected: usize, found: usize) -> Result<()> {
    if expected == found {
        Ok(())
    } else {
        Err(Error::BatchLength {
            what,
            expected,
            found,
        })
    }
}

/// A model that classifies a whole score matrix at once: implemented by [`Webster`],
/// [`MillmanWilson`], [`Bensaou`], [`FourS`] and [`AnyModel`].
///
/// The matrix has one row per account and the columns revenue share, strategic fit and
/// relationship strength ([`ScoreField::ALL`](crate::ScoreField::ALL)), in any memory layout.
/// Each row gets exactly what [`Classifier::classify`](crate::Classifier::classify) gives it; Millman and Wilson's
/// Uncoupling, which needs a previous assessment, is never given.
///
/// # Examples
///
/// ```
/// use ndarray::array;
/// use keyaccount::batch::BatchClassifier;
/// use keyaccount::{AnyModel, Classifier, Scores};
///
/// let scores = array![[0.6, 0.7, 0.4], [0.9, 0.9, 0.9], [0.5, 0.5, 0.5]];
/// for model in AnyModel::all() {
///     let out = model.classify_batch(scores.view())?;
///     for (row, &tier) in scores.rows().into_iter().zip(&out.tiers) {
///         let one = Scores::new(row[0], row[1], row[2])?;
///         assert_eq!(tier, model.tier(&one));
///     }
/// }
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub trait BatchClassifier: sealed::Sealed {
    /// The tier and native class of every row.
    ///
    /// # Errors
    ///
    /// [`Error::BatchColumns`] if `scores` does not have three columns;
    /// [`Error::InvalidBatchValue`] naming the row and column of the first value (in row-major
    /// order) that is NaN, infinite or outside [0, 1].
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::array;
    /// use keyaccount::batch::BatchClassifier;
    /// use keyaccount::{Error, FourS, ScoreField};
    ///
    /// let scores = array![[0.5, 0.5, 0.5], [0.5, f64::NAN, 0.5]];
    /// let err = FourS::default().classify_batch(scores.view()).unwrap_err();
    /// assert!(matches!(
    ///     err,
    ///     Error::InvalidBatchValue { row: 1, column: ScoreField::StrategicFit, .. }
    /// ));
    /// ```
    fn classify_batch(&self, scores: ArrayView2<'_, f64>) -> Result<BatchAssessment<Self::Class>> {
        let n = scores.nrows();
        if kernel::parallel(n) {
            // Threads write into parts of arrays made up front.
            let fill = <Self::Class as NativeClass>::ALL[0];
            let mut tiers = Array1::from_elem(n, Tier::default());
            let mut classes = Array1::from_elem(n, fill);
            self.classify_batch_into(scores, tiers.view_mut(), classes.view_mut())?;
            return Ok(BatchAssessment { tiers, classes });
        }
        let output = Output::Owned(n);
        let out = self.with_kernel(Drive { scores, output })?;
        Ok(out.unwrap_or_else(|| BatchAssessment {
            tiers: Array1::from_vec(Vec::new()),
            classes: Array1::from_vec(Vec::new()),
        }))
    }

    /// The tier and native class of every row, written into the caller's arrays (contiguous or
    /// not) without allocating.
    ///
    /// # Errors
    ///
    /// As [`BatchClassifier::classify_batch`], and [`Error::BatchLength`] if an output does not
    /// have one entry per row. On error the outputs hold unspecified tiers and classes.
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::{array, Array1};
    /// use keyaccount::batch::BatchClassifier;
    /// use keyaccount::{BensaouClass, Bensaou, Tier};
    ///
    /// let scores = array![[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]];
    /// let mut tiers = Array1::from_elem(2, Tier::Transactional);
    /// let mut classes = Array1::from_elem(2, BensaouClass::MarketExchange);
    /// Bensaou::default().classify_batch_into(scores.view(), tiers.view_mut(), classes.view_mut())?;
    /// assert_eq!(classes[0], BensaouClass::StrategicPartnership);
    /// assert_eq!(tiers[0], Tier::Key);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    fn classify_batch_into(
        &self,
        scores: ArrayView2<'_, f64>,
        mut tiers: ArrayViewMut1<'_, Tier>,
        mut classes: ArrayViewMut1<'_, Self::Class>,
    ) -> Result<()> {
        kernel::check_columns(&scores)?;
        check_output("tier output", scores.nrows(), tiers.len())?;
        check_output("class output", scores.nrows(), classes.len())?;
        let output = Output::Into(tiers.view_mut(), classes.view_mut());
        self.with_kernel(Drive { scores, output }).map(drop)
    }

    /// The tier of every row, written into the caller's array without allocating.
    ///
    /// # Errors
    ///
    /// As [`BatchClassifier::classify_batch_into`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::{array, Array1};
    /// use keyaccount::batch::BatchClassifier;
    /// use keyaccount::{MillmanWilson, Tier};
    ///
    /// let mut tiers = Array1::from_elem(2, Tier::Transactional);
    /// MillmanWilson::default()
    ///     .tiers_batch(array![[1.0, 1.0, 1.0], [0.5, 0.5, 0.5]].view(), tiers.view_mut())?;
    /// assert_eq!(tiers.to_vec(), vec![Tier::Key, Tier::Development]);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    fn tiers_batch(&self, scores: ArrayView2<'_, f64>, out: ArrayViewMut1<'_, Tier>) -> Result<()> {
        kernel::check_columns(&scores)?;
        check_output("tier output", scores.nrows(), out.len())?;
        let output = Output::Tiers(out);
        self.with_kernel(Drive { scores, output }).map(drop)
    }

    /// The full one-account assessment of every row, positions and margins included. Slower
    /// than [`BatchClassifier::classify_batch`]: use it when the positions are wanted.
    ///
    /// # Errors
    ///
    /// As [`BatchClassifier::classify_batch`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::array;
    /// use keyaccount::batch::BatchClassifier;
    /// use keyaccount::FourS;
    ///
    /// let all = FourS::default().assess_batch(array![[0.9, 0.9, 0.52]].view())?;
    /// assert!(all[0].is_borderline(0.05));
    /// approx::assert_relative_eq!(all[0].position.relative_strength, 0.52);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    fn assess_batch(
        &self,
        scores: ArrayView2<'_, f64>,
    ) -> Result<Array1<Assessment<Self::Class, Self::Position>>> {
        kernel::check_columns(&scores)?;
        let mut out = Vec::with_capacity(scores.nrows());
        for (row, values) in scores.rows().into_iter().enumerate() {
            let s = Scores::new(values[0], values[1], values[2]).map_err(|e| match e {
                Error::ScoreOutOfRange { field, value } => Error::InvalidBatchValue {
                    row,
                    column: field,
                    value,
                },
                other => other,
            })?;
            out.push(self.classify(&s));
        }
        Ok(Array1::from_vec(out))
    }
}

/// The four models, to classify a score matrix with all of them in one pass.
///
/// Each model keeps its own settings; the default holds the four default models.
///
/// # Examples
///
/// ```
/// use ndarray::array;
/// use keyaccount::batch::AllModels;
/// use keyaccount::{FourSClass, Tier, WebsterClass};
///
/// let out = AllModels::default().classify_batch(array![[0.9, 0.9, 0.9]].view())?;
/// assert_eq!(out.webster.classes[0], WebsterClass::NetworkOrganization);
/// assert_eq!(out.four_s.classes[0], FourSClass::Strategic);
/// assert_eq!(out.bensaou.tiers[0], Tier::Key);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AllModels {
    /// Webster's continuum.
    pub webster: Webster,
    /// Millman and Wilson's stages.
    pub millman_wilson: MillmanWilson,
    /// Bensaou's portfolio.
    pub bensaou: Bensaou,
    /// The 4S matrix.
    pub four_s: FourS,
}

/// The tiers and native classes of many accounts under each of the four models.
///
/// # Examples
///
/// ```
/// use ndarray::array;
/// use keyaccount::batch::AllModels;
/// use keyaccount::MillmanWilsonStage;
///
/// let out = AllModels::default().classify_batch(array![[0.5, 0.5, 0.5]].view())?;
/// assert_eq!(out.millman_wilson.classes[0], MillmanWilsonStage::MidKam);
/// assert_eq!(out.len(), 1);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllModelsAssessment {
    /// Under Webster's continuum.
    pub webster: BatchAssessment<WebsterClass>,
    /// Under Millman and Wilson's stages.
    pub millman_wilson: BatchAssessment<MillmanWilsonStage>,
    /// Under Bensaou's portfolio.
    pub bensaou: BatchAssessment<BensaouClass>,
    /// Under the 4S matrix.
    pub four_s: BatchAssessment<FourSClass>,
}

impl AllModelsAssessment {
    /// The number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::Array2;
    /// use keyaccount::batch::AllModels;
    ///
    /// let out = AllModels::default().classify_batch(Array2::zeros((4, 3)).view())?;
    /// assert_eq!(out.len(), 4);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.four_s.len()
    }

    /// Whether there are no rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::Array2;
    /// use keyaccount::batch::AllModels;
    ///
    /// assert!(AllModels::default().classify_batch(Array2::zeros((0, 3)).view())?.is_empty());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.four_s.is_empty()
    }
}

impl AllModels {
    /// The four models with the given settings.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::batch::AllModels;
    /// use keyaccount::{Bensaou, FourS, FourSParams, MillmanWilson, Webster};
    ///
    /// let four_s = FourSParams { strength_threshold: 0.6, ..FourSParams::default() }.build()?;
    /// let models = AllModels::new(
    ///     Webster::default(),
    ///     MillmanWilson::default(),
    ///     Bensaou::default(),
    ///     four_s,
    /// );
    /// assert_eq!(models.four_s.strength_threshold(), 0.6);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn new(
        webster: Webster,
        millman_wilson: MillmanWilson,
        bensaou: Bensaou,
        four_s: FourS,
    ) -> Self {
        AllModels {
            webster,
            millman_wilson,
            bensaou,
            four_s,
        }
    }

    fn kernel(&self) -> FourKernel<'_> {
        FourKernel {
            webster: &self.webster,
            millman_wilson: &self.millman_wilson,
            bensaou: &self.bensaou,
            four_s: &self.four_s,
        }
    }

    fn sink<'a>(&self, rows: usize) -> FourSink<'a> {
        FourSink {
            webster: PairSink {
                tables: Tables::new(&self.webster),
                tiers: Column::owned(rows),
                classes: Column::owned(rows),
            },
            millman_wilson: PairSink {
                tables: Tables::new(&self.millman_wilson),
                tiers: Column::owned(rows),
                classes: Column::owned(rows),
            },
            bensaou: PairSink {
                tables: Tables::new(&self.bensaou),
                tiers: Column::owned(rows),
                classes: Column::owned(rows),
            },
            four_s: PairSink {
                tables: Tables::new(&self.four_s),
                tiers: Column::owned(rows),
                classes: Column::owned(rows),
            },
        }
    }

    /// An assessment of no rows (a sink that ran on one thread always comes back, so this is
    /// never reached in practice).
    fn empty(&self) -> AllModelsAssessment {
        Self::assessment(self.sink(0))
    }

    fn assessment(sink: FourSink<'_>) -> AllModelsAssessment {
        AllModelsAssessment {
            webster: BatchAssessment::from_sink(sink.webster),
            millman_wilson: BatchAssessment::from_sink(sink.millman_wilson),
            bensaou: BatchAssessment::from_sink(sink.bensaou),
            four_s: BatchAssessment::from_sink(sink.four_s),
        }
    }

    /// The tiers and native classes of every row under each of the four models, reading the
    /// matrix once. Each model's result equals its own [`BatchClassifier::classify_batch`].
    ///
    /// # Errors
    ///
    /// As [`BatchClassifier::classify_batch`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::array;
    /// use keyaccount::batch::{AllModels, BatchClassifier};
    ///
    /// let models = AllModels::default();
    /// let scores = array![[0.3, 0.6, 0.9], [0.7, 0.2, 0.5]];
    /// let out = models.classify_batch(scores.view())?;
    /// assert_eq!(out.bensaou, models.bensaou.classify_batch(scores.view())?);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn classify_batch(&self, scores: ArrayView2<'_, f64>) -> Result<AllModelsAssessment> {
        let n = scores.nrows();
        if kernel::parallel(n) {
            // Threads write into parts of arrays made up front.
            fn filled<C: NativeClass>(n: usize) -> BatchAssessment<C> {
                BatchAssessment {
                    tiers: Array1::from_elem(n, Tier::default()),
                    classes: Array1::from_elem(n, C::ALL[0]),
                }
            }
            let mut out = AllModelsAssessment {
                webster: filled(n),
                millman_wilson: filled(n),
                bensaou: filled(n),
                four_s: filled(n),
            };
            self.classify_batch_into(scores, &mut out)?;
            return Ok(out);
        }
        let source = Scores3::new(scores)?;
        let sink = kernel::drive(&source, &self.kernel(), self.sink(n))?;
        Ok(sink.map(Self::assessment).unwrap_or_else(|| self.empty()))
    }

    /// As [`AllModels::classify_batch`], written into the arrays of an earlier result so that
    /// repeated calls allocate nothing.
    ///
    /// # Errors
    ///
    /// As [`BatchClassifier::classify_batch`], and [`Error::BatchLength`] if an array of `out`
    /// does not have one entry per row. On error `out` holds unspecified tiers and classes.
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::array;
    /// use keyaccount::batch::AllModels;
    /// use keyaccount::Tier;
    ///
    /// let models = AllModels::default();
    /// let mut out = models.classify_batch(array![[0.0, 0.0, 0.0]].view())?;
    /// models.classify_batch_into(array![[1.0, 1.0, 1.0]].view(), &mut out)?;
    /// assert_eq!(out.webster.tiers[0], Tier::Key);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn classify_batch_into(
        &self,
        scores: ArrayView2<'_, f64>,
        out: &mut AllModelsAssessment,
    ) -> Result<()> {
        kernel::check_columns(&scores)?;
        let n = scores.nrows();
        // Each array on its own: a class array longer than its tier array is as wrong as a
        // short one, and would keep stale classes past the last row.
        for (what, len) in [
            ("Webster tier output", out.webster.tiers.len()),
            ("Webster class output", out.webster.classes.len()),
            (
                "Millman and Wilson tier output",
                out.millman_wilson.tiers.len(),
            ),
            (
                "Millman and Wilson class output",
                out.millman_wilson.classes.len(),
            ),
            ("Bensaou tier output", out.bensaou.tiers.len()),
            ("Bensaou class output", out.bensaou.classes.len()),
            ("4S tier output", out.four_s.tiers.len()),
            ("4S class output", out.four_s.classes.len()),
        ] {
            check_output(what, n, len)?;
        }
        fn pair<'a, C: Code, const N: usize>(
            tables: Tables<C, N>,
            out: &'a mut BatchAssessment<C>,
        ) -> PairSink<'a, C, N> {
            PairSink {
                tables,
                tiers: Column::view(out.tiers.view_mut()),
                classes: Column::view(out.classes.view_mut()),
            }
        }
        let sink = FourSink {
            webster: pair(Tables::new(&self.webster), &mut out.webster),
            millman_wilson: pair(Tables::new(&self.millman_wilson), &mut out.millman_wilson),
            bensaou: pair(Tables::new(&self.bensaou), &mut out.bensaou),
            four_s: pair(Tables::new(&self.four_s), &mut out.four_s),
        };
        let source = Scores3::new(scores)?;
        kernel::drive(&source, &self.kernel(), sink).map(drop)
    }
}
