//! Any shape, layout and values: batch classification never panics, equals classifying each
//! row alone, and otherwise names the first bad value in row-major order.
#![no_main]

use arbitrary::Arbitrary;
use keyaccount::batch::{AllModels, BatchClassifier};
use keyaccount::{AnyModel, Classifier, Error, ScoreField, Scores};
use libfuzzer_sys::fuzz_target;
use ndarray::{s, Array2, ArrayView2, ShapeBuilder};

#[derive(Debug, Arbitrary)]
enum Layout {
    RowMajor,
    ColumnMajor,
    EveryOtherRow,
    Reversed,
}

#[derive(Debug, Arbitrary)]
struct Input {
    cols: u8,
    layout: Layout,
    model: u8,
    values: Vec<Value>,
}

/// Values that matter more often than uniform bytes would give them.
#[derive(Debug, Arbitrary)]
enum Value {
    Any(f64),
    Unit(u16),
    Special(u8),
}

impl Value {
    fn get(&self) -> f64 {
        match *self {
            Value::Any(v) => v,
            Value::Unit(u) => f64::from(u) / f64::from(u16::MAX),
            Value::Special(k) => [
                0.0,
                -0.0,
                1.0,
                0.5,
                0.2,
                0.35,
                0.65,
                0.8,
                f64::NAN,
                -1e-300,
                1.0 + f64::EPSILON,
            ][usize::from(k) % 11],
        }
    }
}

fn check<M>(model: &M, view: ArrayView2<'_, f64>)
where
    M: BatchClassifier + Classifier,
    M::Class: PartialEq + std::fmt::Debug,
{
    match model.classify_batch(view) {
        Ok(out) => {
            assert_eq!(view.ncols(), 3);
            assert_eq!(out.tiers.len(), view.nrows());
            for (i, row) in view.rows().into_iter().enumerate() {
                let s = Scores::new(row[0], row[1], row[2]).expect("batch accepted the row");
                let a = model.classify(&s);
                assert_eq!(out.tiers[i], a.tier, "row {i}");
                assert_eq!(out.classes[i], a.class, "row {i}");
            }
        }
        Err(Error::BatchColumns { expected: 3, found }) => assert_eq!(found, view.ncols()),
        Err(Error::InvalidBatchValue { row, column, value }) => {
            let first = view
                .rows()
                .into_iter()
                .enumerate()
                .flat_map(|(i, r)| {
                    r.into_iter()
                        .copied()
                        .enumerate()
                        .map(move |(j, v)| (i, j, v))
                        .collect::<Vec<_>>()
                })
                .find(|&(_, _, v)| !(0.0..=1.0).contains(&v))
                .expect("some value is bad");
            assert_eq!((row, column), (first.0, ScoreField::ALL[first.1]));
            assert_eq!(value.to_bits(), first.2.to_bits());
        }
        Err(e) => panic!("unexpected error {e}"),
    }
}

fuzz_target!(|input: Input| {
    let cols = usize::from(input.cols % 5);
    let values: Vec<f64> = input.values.iter().map(Value::get).collect();
    let rows = if cols == 0 {
        values.len().min(7)
    } else {
        values.len() / cols
    };
    let data = values[..rows * cols].to_vec();
    let owned = match input.layout {
        Layout::ColumnMajor => Array2::from_shape_vec((rows, cols).f(), data),
        _ => Array2::from_shape_vec((rows, cols), data),
    }
    .expect("shape matches");
    let view = match input.layout {
        Layout::EveryOtherRow => owned.slice(s![..;2, ..]),
        Layout::Reversed => owned.slice(s![..;-1, ..]),
        _ => owned.view(),
    };
    let model = AnyModel::all()[usize::from(input.model % 4)].clone();
    check(&model, view);
    match &model {
        AnyModel::Webster(m) => check(m, view),
        AnyModel::MillmanWilson(m) => check(m, view),
        AnyModel::Bensaou(m) => check(m, view),
        AnyModel::FourS(m) => check(m, view),
    }
    let all = AllModels::default().classify_batch(view);
    assert_eq!(all.is_ok(), model.classify_batch(view).is_ok());
});
