//! Scores from raw factor ratings, as a matrix product with each scorecard's weights, fused
//! with classification.

use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis as NdAxis, Slice, Zip};

use super::kernel::{
    self, invalid, Code, Codes, FourSink, Kernel, KernelVisitor, Rows, Sink, Source, Tables,
};
use super::{AllModels, AllModelsAssessment, BatchAssessment, BatchClassifier};
use crate::error::{Error, Result};
use crate::scorecard::Scorecard;
use crate::scores::ScoreField;

/// A scorecard as a linear form on raw ratings, with each factor's scale for the checks.
#[derive(Debug, Clone, PartialEq)]
struct LinearCard {
    card: Scorecard,
    coefficients: Vec<f64>,
    offset: f64,
    low: Vec<f64>,
    high: Vec<f64>,
}

impl LinearCard {
    fn new(card: Scorecard, expected: ScoreField) -> Result<Self> {
        card.check_builds(expected)?;
        let (coefficients, offset) = card.linear_form();
        let low = card.factors().iter().map(|f| f.scale.low()).collect();
        let high = card.factors().iter().map(|f| f.scale.high()).collect();
        Ok(LinearCard {
            card,
            coefficients,
            offset,
            low,
            high,
        })
    }

    fn check_shape(&self, ratings: &ArrayView2<'_, f64>, rows: usize) -> Result<()> {
        let score = self.card.score_field();
        if ratings.ncols() != self.coefficients.len() {
            return Err(Error::FactorColumns {
                score,
                expected: self.coefficients.len(),
                found: ratings.ncols(),
            });
        }
        if ratings.nrows() != rows {
            return Err(Error::BatchLength {
                what: match score {
                    ScoreField::StrategicFit => "strategic fit factor matrix",
                    _ => "relationship strength factor matrix",
                },
                expected: rows,
                found: ratings.nrows(),
            });
        }
        Ok(())
    }

    /// The scores of a chunk of rows into `out`, and whether a rating was off its scale.
    ///
    /// Every layout sums `offset + c0 * x0 + c1 * x1 + ...` in factor order, so the result is
    /// the same bit for bit whatever the layout.
    #[inline]
    fn score_chunk(&self, ratings: ArrayView2<'_, f64>, out: &mut [f64]) -> bool {
        let mut bad = false;
        let k = self.coefficients.len();
        if let Some(data) = ratings.as_slice() {
            for (o, row) in out.iter_mut().zip(data.chunks_exact(k)) {
                bad |= self.score_row(row, o);
            }
        } else if ratings.strides().get(1) == Some(&1) {
            // Each row contiguous, rows apart (some columns of a row-major matrix): row by
            // row, which reads memory in order, where column by column would stride.
            for (o, row) in out.iter_mut().zip(ratings.rows()) {
                bad |= match row.to_slice() {
                    Some(row) => self.score_row(row, o),
                    None => self.score_row(&row.to_vec(), o),
                };
            }
        } else {
            // Column by column: vectorizes for column-major input and keeps the sum order.
            let m = ratings.nrows().min(out.len());
            let out = &mut out[..m];
            out.fill(self.offset);
            for (((column, &c), &lo), &hi) in ratings
                .columns()
                .into_iter()
                .zip(&self.coefficients)
                .zip(&self.low)
                .zip(&self.high)
            {
                Zip::from(ndarray::ArrayViewMut1::from(&mut *out))
                    .and(column)
                    .for_each(|o, &x| {
                        bad |= !(lo..=hi).contains(&x);
                        *o += c * x;
                    });
            }
            for o in out.iter_mut() {
                *o = o.clamp(0.0, 1.0);
            }
        }
        bad
    }

    /// The score of one row into `out`, and whether a rating was off its scale.
    #[inline(always)]
    fn score_row(&self, row: &[f64], out: &mut f64) -> bool {
        let mut bad = false;
        let mut acc = self.offset;
        for (((&x, &c), &lo), &hi) in row
            .iter()
            .zip(&self.coefficients)
            .zip(&self.low)
            .zip(&self.high)
        {
            bad |= !(lo..=hi).contains(&x);
            acc += c * x;
        }
        *out = acc.clamp(0.0, 1.0);
        bad
    }

    /// The first off-scale rating of one row, as an error.
    fn row_error(&self, row: usize, ratings: ArrayView1<'_, f64>) -> Option<Error> {
        for (column, ((&value, &lo), &hi)) in
            ratings.iter().zip(&self.low).zip(&self.high).enumerate()
        {
            if !(lo..=hi).contains(&value) {
                return Some(Error::InvalidBatchRating {
                    row,
                    factor: self
                        .card
                        .factors()
                        .get(column)
                        .map(|f| f.name.clone())
                        .unwrap_or_default(),
                    column,
                    value,
                    low: lo,
                    high: hi,
                });
            }
        }
        None
    }
}

/// Scores many accounts from raw factor ratings with a strategic-fit and a
/// relationship-strength [`Scorecard`], and classifies them in the same pass.
///
/// Each scorecard's ratings come as a matrix with one row per account and one column per
/// factor, in the order of [`Scorecard::factors`], each rating on its factor's scale; any
/// layout or strided view is accepted (two views into one wide matrix, for instance). The
/// revenue share comes as a column of scores in [0, 1]. A matrix has no missing cells: a NaN
/// rating is an error whatever the scorecard's [`MissingRating`](crate::MissingRating) rule.
///
/// A score is the scorecard's [`Scorecard::linear_form`] applied to the row, clamped to
/// [0, 1]: a matrix product with the weights. It agrees with [`Scorecard::score`] to rounding
/// (about 1e-15), and classifying in the fused pass gives exactly what classifying the matrix
/// of [`BatchScorer::scores`] gives.
///
/// # Examples
///
/// ```
/// use ndarray::array;
/// use keyaccount::batch::BatchScorer;
/// use keyaccount::{Factor, FourS, FourSClass, MissingRating, RatingScale, ScoreField, Scorecard};
///
/// let fit = Scorecard::new(
///     ScoreField::StrategicFit,
///     vec![
///         Factor::new("growth", 0.5, RatingScale::default()),
///         Factor::new("profitability", 0.5, RatingScale::default()),
///     ],
///     MissingRating::Error,
/// )?;
/// let strength = Scorecard::new(
///     ScoreField::RelationshipStrength,
///     vec![Factor::new("trust", 1.0, RatingScale::default())],
///     MissingRating::Error,
/// )?;
/// let scorer = BatchScorer::new(fit, strength)?;
///
/// let revenue = array![0.9, 0.1];
/// let fit_ratings = array![[10.0, 10.0], [1.0, 1.0]];
/// let trust = array![[10.0], [1.0]];
/// let out = scorer.classify(&FourS::default(), revenue.view(), fit_ratings.view(), trust.view())?;
/// assert_eq!(out.classes.to_vec(), vec![FourSClass::Strategic, FourSClass::Streamline]);
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BatchScorer {
    strategic_fit: LinearCard,
    relationship_strength: LinearCard,
}

/// The scores themselves, for [`BatchScorer::scores`].
struct ScoresKernel;

impl Kernel<Rows> for ScoresKernel {
    type Buf = Box<Rows>;

    fn buf(&self) -> Box<Rows> {
        Box::new(Rows::new())
    }

    fn eval(&self, rows: &Rows, out: &mut Box<Rows>) {
        **out = rows.clone();
    }
}

/// A row-major score matrix, growing in row order.
struct ScoresSink(Vec<f64>);

impl Sink<Box<Rows>> for ScoresSink {
    fn put(&mut self, _at: usize, rows: &Box<Rows>, m: usize) {
        let (r, f, s) = (&rows.r[..m], &rows.f[..m], &rows.s[..m]);
        self.0
            .extend(r.iter().zip(f).zip(s).flat_map(|((&r, &f), &s)| [r, f, s]));
    }

    fn split_at(self, _mid: usize) -> std::result::Result<(Self, Self), Self> {
        Err(self)
    }
}

/// Rows scored from factor ratings: a [`Source`] of score chunks.
struct Scored<'s, 'v> {
    scorer: &'s BatchScorer,
    revenue_share: ArrayView1<'v, f64>,
    strategic_fit: ArrayView2<'v, f64>,
    relationship_strength: ArrayView2<'v, f64>,
}

impl Source for Scored<'_, '_> {
    type Chunk = Rows;

    fn chunk(&self) -> Rows {
        Rows::new()
    }

    fn rows(&self) -> usize {
        self.revenue_share.len()
    }

    fn load(&self, start: usize, m: usize, rows: &mut Rows) -> bool {
        let range = Slice::from(start..start + m);
        let rev = self.revenue_share.slice_axis(NdAxis(0), range);
        let fit = self.strategic_fit.slice_axis(NdAxis(0), range);
        let strength = self.relationship_strength.slice_axis(NdAxis(0), range);
        let mut bad = self.scorer.strategic_fit.score_chunk(fit, &mut rows.f[..m]);
        bad |= self
            .scorer
            .relationship_strength
            .score_chunk(strength, &mut rows.s[..m]);
        if let Some(rev) = rev.as_slice() {
            for (o, &r) in rows.r.iter_mut().zip(rev) {
                bad |= invalid(r);
                *o = r;
            }
        } else {
            for (o, &r) in rows.r.iter_mut().zip(rev.iter()) {
                bad |= invalid(r);
                *o = r;
            }
        }
        rows.pad(m);
        bad
    }

    fn first_error(&self, start: usize, m: usize) -> Option<Error> {
        let range = Slice::from(start..start + m);
        self.scorer.first_error(
            start,
            self.revenue_share.slice_axis(NdAxis(0), range),
            self.strategic_fit.slice_axis(NdAxis(0), range),
            self.relationship_strength.slice_axis(NdAxis(0), range),
        )
    }
}

impl BatchScorer {
    /// A scorer from a strategic-fit and a relationship-strength scorecard.
    ///
    /// # Errors
    ///
    /// [`Error::WrongScorecard`] if a scorecard builds another score than its place says.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::batch::BatchScorer;
    /// use keyaccount::{Error, Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    ///
    /// let card = |score| {
    ///     Scorecard::new(
    ///         score,
    ///         vec![Factor::new("x", 1.0, RatingScale::default())],
    ///         MissingRating::Error,
    ///     )
    /// };
    /// let fit = card(ScoreField::StrategicFit)?;
    /// let strength = card(ScoreField::RelationshipStrength)?;
    /// assert!(BatchScorer::new(fit.clone(), strength.clone()).is_ok());
    /// assert!(matches!(
    ///     BatchScorer::new(strength, fit),
    ///     Err(Error::WrongScorecard { .. })
    /// ));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn new(strategic_fit: Scorecard, relationship_strength: Scorecard) -> Result<Self> {
        Ok(BatchScorer {
            strategic_fit: LinearCard::new(strategic_fit, ScoreField::StrategicFit)?,
            relationship_strength: LinearCard::new(
                relationship_strength,
                ScoreField::RelationshipStrength,
            )?,
        })
    }

    /// The strategic-fit scorecard.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::batch::BatchScorer;
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |score| Scorecard::new(score,
    /// #     vec![Factor::new("x", 1.0, RatingScale::default())], MissingRating::Error);
    /// let scorer = BatchScorer::new(
    ///     card(ScoreField::StrategicFit)?,
    ///     card(ScoreField::RelationshipStrength)?,
    /// )?;
    /// assert_eq!(scorer.strategic_fit().score_field(), ScoreField::StrategicFit);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn strategic_fit(&self) -> &Scorecard {
        &self.strategic_fit.card
    }

    /// The relationship-strength scorecard.
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::batch::BatchScorer;
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |score| Scorecard::new(score,
    /// #     vec![Factor::new("x", 1.0, RatingScale::default())], MissingRating::Error);
    /// let scorer = BatchScorer::new(
    ///     card(ScoreField::StrategicFit)?,
    ///     card(ScoreField::RelationshipStrength)?,
    /// )?;
    /// assert_eq!(
    ///     scorer.relationship_strength().score_field(),
    ///     ScoreField::RelationshipStrength
    /// );
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn relationship_strength(&self) -> &Scorecard {
        &self.relationship_strength.card
    }

    /// The rows of the three inputs, scored chunk by chunk, after checking their shapes.
    fn source<'s, 'v>(
        &'s self,
        revenue_share: ArrayView1<'v, f64>,
        strategic_fit: ArrayView2<'v, f64>,
        relationship_strength: ArrayView2<'v, f64>,
    ) -> Result<Scored<'s, 'v>> {
        let n = revenue_share.len();
        self.strategic_fit.check_shape(&strategic_fit, n)?;
        self.relationship_strength
            .check_shape(&relationship_strength, n)?;
        Ok(Scored {
            scorer: self,
            revenue_share,
            strategic_fit,
            relationship_strength,
        })
    }

    /// The first invalid input of a chunk in row-major order: revenue share, then the
    /// strategic-fit factors, then the relationship-strength factors.
    fn first_error(
        &self,
        first_row: usize,
        revenue_share: ArrayView1<'_, f64>,
        strategic_fit: ArrayView2<'_, f64>,
        relationship_strength: ArrayView2<'_, f64>,
    ) -> Option<Error> {
        let rows = revenue_share
            .iter()
            .zip(strategic_fit.rows())
            .zip(relationship_strength.rows());
        for (j, ((&r, fit), strength)) in rows.enumerate() {
            let row = first_row + j;
            if invalid(r) {
                return Some(Error::InvalidBatchValue {
                    row,
                    column: ScoreField::RevenueShare,
                    value: r,
                });
            }
            let e = self.strategic_fit.row_error(row, fit);
            let e = e.or_else(|| self.relationship_strength.row_error(row, strength));
            if e.is_some() {
                return e;
            }
        }
        None
    }

    /// The score matrix (revenue share, strategic fit, relationship strength; row-major) of
    /// every row, ready for any [`BatchClassifier`].
    ///
    /// # Errors
    ///
    /// [`Error::FactorColumns`] if a factor matrix does not have one column per factor;
    /// [`Error::BatchLength`] if a factor matrix does not have one row per revenue share;
    /// [`Error::InvalidBatchValue`] for a revenue share that is NaN, infinite or outside
    /// [0, 1] and [`Error::InvalidBatchRating`] for a rating that is NaN or off its scale,
    /// naming the first culprit in row order (within a row: revenue share, strategic-fit
    /// factors, relationship-strength factors).
    ///
    /// # Examples
    ///
    /// ```
    /// use approx::assert_relative_eq;
    /// use ndarray::array;
    /// use keyaccount::batch::BatchScorer;
    /// use keyaccount::{Error, Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    ///
    /// let scale = RatingScale::new(0.0, 4.0)?;
    /// let fit = Scorecard::new(
    ///     ScoreField::StrategicFit,
    ///     vec![Factor::new("growth", 0.25, scale), Factor::new("margin", 0.75, scale)],
    ///     MissingRating::Error,
    /// )?;
    /// let strength = Scorecard::new(
    ///     ScoreField::RelationshipStrength,
    ///     vec![Factor::new("trust", 1.0, scale)],
    ///     MissingRating::Error,
    /// )?;
    /// let scorer = BatchScorer::new(fit, strength)?;
    /// let scores = scorer.scores(
    ///     array![0.3].view(),
    ///     array![[4.0, 2.0]].view(),
    ///     array![[1.0]].view(),
    /// )?;
    /// assert_relative_eq!(scores[[0, 1]], 0.25 + 0.75 * 0.5);
    /// assert_relative_eq!(scores[[0, 2]], 0.25);
    ///
    /// let err = scorer
    ///     .scores(array![0.3].view(), array![[4.0, 5.0]].view(), array![[1.0]].view())
    ///     .unwrap_err();
    /// assert!(matches!(err, Error::InvalidBatchRating { row: 0, column: 1, .. }));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn scores(
        &self,
        revenue_share: ArrayView1<'_, f64>,
        strategic_fit: ArrayView2<'_, f64>,
        relationship_strength: ArrayView2<'_, f64>,
    ) -> Result<Array2<f64>> {
        let n = revenue_share.len();
        let source = self.source(
            revenue_share.view(),
            strategic_fit.view(),
            relationship_strength.view(),
        )?;
        let sink = ScoresSink(Vec::with_capacity(3 * n));
        let data = kernel::drive(&source, &ScoresKernel, sink)?.map_or_else(Vec::new, |s| s.0);
        Array2::from_shape_vec((n, 3), data).map_err(|_| Error::BatchLength {
            what: "score matrix",
            expected: n,
            found: 0,
        })
    }

    /// Scores every row and classifies it with `model` in one pass, without building the
    /// score matrix. Equals `model.classify_batch(self.scores(..)?.view())`.
    ///
    /// # Errors
    ///
    /// As [`BatchScorer::scores`].
    ///
    /// # Examples
    ///
    /// ```
    /// # use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard};
    /// # let card = |score| Scorecard::new(score,
    /// #     vec![Factor::new("x", 1.0, RatingScale::default())], MissingRating::Error);
    /// use ndarray::array;
    /// use keyaccount::batch::{BatchClassifier, BatchScorer};
    /// use keyaccount::Bensaou;
    ///
    /// let scorer = BatchScorer::new(
    ///     card(ScoreField::StrategicFit)?,
    ///     card(ScoreField::RelationshipStrength)?,
    /// )?;
    /// let revenue = array![0.9, 0.2, 0.5];
    /// let fit = array![[9.0], [2.0], [6.0]];
    /// let strength = array![[3.0], [8.0], [5.0]];
    /// let model = Bensaou::default();
    /// let fused = scorer.classify(&model, revenue.view(), fit.view(), strength.view())?;
    ///
    /// // The same as scoring first, then classifying the score matrix.
    /// let scores = scorer.scores(revenue.view(), fit.view(), strength.view())?;
    /// assert_eq!(fused, model.classify_batch(scores.view())?);
    /// assert_eq!(fused.len(), 3);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn classify<M: BatchClassifier>(
        &self,
        model: &M,
        revenue_share: ArrayView1<'_, f64>,
        strategic_fit: ArrayView2<'_, f64>,
        relationship_strength: ArrayView2<'_, f64>,
    ) -> Result<BatchAssessment<M::Class>> {
        struct Fused<'s, 'v> {
            source: Scored<'s, 'v>,
        }

        impl<C: Code> KernelVisitor<C> for Fused<'_, '_> {
            type Output = Result<BatchAssessment<C>>;

            fn visit<K: Kernel<Rows, Buf = Codes>, const N: usize>(
                self,
                kernel: &K,
                tables: Tables<C, N>,
            ) -> Self::Output {
                let (tiers, classes) = kernel::pairs(&self.source, kernel, tables)?;
                Ok(BatchAssessment {
                    tiers: Array1::from_vec(tiers),
                    classes: Array1::from_vec(classes),
                })
            }
        }

        let source = self.source(
            revenue_share.view(),
            strategic_fit.view(),
            relationship_strength.view(),
        )?;
        model.with_kernel(Fused { source })
    }

    /// Scores every row and classifies it with each of the four models in one pass.
    ///
    /// # Errors
    ///
    /// As [`BatchScorer::scores`].
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::array;
    /// use keyaccount::batch::{AllModels, BatchScorer};
    /// use keyaccount::{Factor, MissingRating, RatingScale, ScoreField, Scorecard, Tier};
    ///
    /// let card = |score| {
    ///     Scorecard::new(
    ///         score,
    ///         vec![Factor::new("x", 1.0, RatingScale::default())],
    ///         MissingRating::Error,
    ///     )
    /// };
    /// let scorer = BatchScorer::new(
    ///     card(ScoreField::StrategicFit)?,
    ///     card(ScoreField::RelationshipStrength)?,
    /// )?;
    /// let out = scorer.classify_all(
    ///     &AllModels::default(),
    ///     array![1.0].view(),
    ///     array![[10.0]].view(),
    ///     array![[10.0]].view(),
    /// )?;
    /// assert_eq!(out.four_s.tiers[0], Tier::Key);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn classify_all(
        &self,
        models: &AllModels,
        revenue_share: ArrayView1<'_, f64>,
        strategic_fit: ArrayView2<'_, f64>,
        relationship_strength: ArrayView2<'_, f64>,
    ) -> Result<AllModelsAssessment> {
        let source = self.source(
            revenue_share.view(),
            strategic_fit.view(),
            relationship_strength.view(),
        )?;
        let sink: FourSink<'_> = models.sink(source.rows());
        let sink = kernel::drive(&source, &models.kernel(), sink)?;
        Ok(sink.map_or_else(|| models.empty(), AllModels::assessment))
    }
}
