//! Header resolution of CSV and workbook exports: roles, factor columns, delimiters, and one
//! error listing every header problem.

mod common;

use keyaccount::portfolio::{
    detect_delimiter, ColumnRef, ColumnRole, ColumnUse, HeaderProblem, InputColumns, InputOptions,
    Layout,
};
use keyaccount::{Error, ScoreField};
use proptest::prelude::*;

// Layouts and options are shared across threads (one file a thread).
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Layout>();
    send_sync::<InputOptions>();
    send_sync::<HeaderProblem>();
    send_sync::<keyaccount::portfolio::PeriodKey>();
    send_sync::<keyaccount::portfolio::PeriodProblem>();
};

fn resolve(headers: &[&str]) -> Result<Layout, Error> {
    Layout::resolve(headers, b',', &InputOptions::default())
}

fn problems(err: Error) -> Vec<HeaderProblem> {
    match err {
        Error::Header { problems, .. } => problems,
        other => panic!("expected a header error, got {other}"),
    }
}

fn col(position: usize, header: &str) -> ColumnRef {
    ColumnRef {
        position,
        header: header.to_owned(),
    }
}

fn fit(factor: &str) -> ColumnUse {
    ColumnUse::Factor {
        field: ScoreField::StrategicFit,
        factor: factor.to_owned(),
    }
}

fn strength(factor: &str) -> ColumnUse {
    ColumnUse::Factor {
        field: ScoreField::RelationshipStrength,
        factor: factor.to_owned(),
    }
}

fn option(options: &str) -> InputOptions {
    toml::from_str(options).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn defaults_read_the_crates_own_format() {
    let headers = [
        "period",
        "id",
        "name",
        "revenue",
        "parent",
        "country",
        "region",
        "potential",
        "target",
        "fit:growth",
        "strength:trust",
    ];
    let layout = resolve(&headers).unwrap();
    assert_eq!(layout.period, Some(0));
    assert_eq!((layout.id, layout.name, layout.revenue), (1, 2, 3));
    assert_eq!(layout.parent, Some(4));
    assert_eq!(layout.country, Some(5));
    assert_eq!(layout.region, Some(6));
    assert_eq!(layout.potential, Some(7));
    assert_eq!(layout.target, Some(8));
    assert_eq!(layout.previous_revenue, None);
    assert_eq!(layout.current_label, "");
    assert_eq!(layout.delimiter, b',');
    assert!(!layout.decimal_comma);
    assert_eq!(layout.headers, headers);
    let factors: Vec<(usize, ScoreField, &str)> = layout
        .factors
        .iter()
        .map(|f| (f.column, f.field, f.factor.as_str()))
        .collect();
    assert_eq!(
        factors,
        [
            (9, ScoreField::StrategicFit, "growth"),
            (10, ScoreField::RelationshipStrength, "trust")
        ]
    );
}

#[test]
fn the_sample_portfolio_resolves() {
    let data = std::fs::read("data/portfolio.csv").unwrap();
    let delimiter = InputOptions::default().delimiter_for(&data).unwrap();
    assert_eq!(delimiter, b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(data.as_slice());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let layout = Layout::resolve(&headers, delimiter, &InputOptions::default()).unwrap();
    assert_eq!((layout.period, layout.revenue), (Some(0), 6));
    assert_eq!(layout.factors.len(), 10);
    layout
        .check_factors(
            &[
                "growth",
                "profitability",
                "technology",
                "reach",
                "alignment",
            ],
            &["share_of_wallet", "years", "contacts", "contract", "trust"],
        )
        .unwrap();
}

#[test]
fn only_id_name_and_revenue_are_required() {
    let layout = resolve(&["name", "revenue", "id"]).unwrap();
    assert_eq!((layout.id, layout.name, layout.revenue), (2, 0, 1));
    assert_eq!(layout.period, None);
    assert!(layout.factors.is_empty());
}

#[test]
fn headers_match_ignoring_case_and_surrounding_spaces() {
    // Issue 8: `ID` and `Revenue` were rejected without a hint.
    let layout = resolve(&["ID", " Name ", "Revenue", "FIT:Growth", "Strength: trust "]).unwrap();
    assert_eq!((layout.id, layout.name, layout.revenue), (0, 1, 2));
    assert_eq!(layout.factors[0].factor, "Growth");
    assert_eq!(layout.factors[1].factor, "trust");
}

#[test]
fn a_byte_order_mark_before_the_first_header_is_not_part_of_it() {
    let layout = resolve(&["\u{feff}id", "name", "revenue"]).unwrap();
    assert_eq!(layout.id, 0);
    let layout = resolve(&["\u{feff}fit:growth", "id", "name", "revenue"]).unwrap();
    assert_eq!(layout.factors[0].factor, "growth");
}

#[test]
fn every_header_problem_is_listed_in_one_error() {
    let headers = [
        "id",             // 1
        "ID",             // 2: duplicate of 1
        "Naem",           // 3: typo of name
        "fit:growth",     // 4
        "fit: growth",    // 5: duplicate of 4
        "fit:",           // 6: no factor
        "strenght:trust", // 7: misspelt prefix
        "Notes",          // 8: unknown, nothing close
        "",               // 9: trailing comma
    ];
    let err = resolve(&headers).unwrap_err();
    let message = err.to_string();
    assert_eq!(
        problems(err),
        [
            HeaderProblem::Unknown {
                column: col(3, "Naem"),
                suggestion: Some("name".into())
            },
            HeaderProblem::EmptyFactor {
                column: col(6, "fit:"),
                field: ScoreField::StrategicFit
            },
            HeaderProblem::Unknown {
                column: col(7, "strenght:trust"),
                suggestion: Some("strength:trust".into())
            },
            HeaderProblem::Unknown {
                column: col(8, "Notes"),
                suggestion: None
            },
            HeaderProblem::Unknown {
                column: col(9, ""),
                suggestion: None
            },
            HeaderProblem::Duplicate {
                role: ColumnUse::Role(ColumnRole::Id),
                columns: vec![col(1, "id"), col(2, "ID")]
            },
            HeaderProblem::Duplicate {
                role: fit("growth"),
                columns: vec![col(4, "fit:growth"), col(5, "fit: growth")]
            },
            HeaderProblem::Missing {
                role: ColumnUse::Role(ColumnRole::Name),
                accepted: vec!["name".into()],
                suggestion: Some(col(3, "Naem"))
            },
            HeaderProblem::Missing {
                role: ColumnUse::Role(ColumnRole::Revenue),
                accepted: vec!["revenue".into()],
                suggestion: None
            },
        ]
    );
    // One line a problem, then the accepted headers.
    assert_eq!(message.lines().count(), 1 + 9 + 1, "{message}");
    assert!(message.starts_with("the header has 9 problems:\n  - column 3 \"Naem\""));
    assert!(message.contains(r#"column 4 "fit:growth" and column 5 "fit: growth" are all read as strategic fit factor growth"#));
    assert!(message.contains("column 9 (empty header) is not a known column"));
    assert!(message.contains(r#"to skip it, add "" to ignore"#));
    assert!(message.contains(r#"  accepted columns: "period", "id", "name", "revenue""#));
}

#[test]
fn the_message_shown_in_the_readme() {
    let headers = [
        "id",
        "region",
        "Naem",
        "fit:growth",
        "fit: growth",
        "country",
        "",
    ];
    let expected = r#"the header has 5 problems:
  - column 3 "Naem" is not a known column; did you mean "name"?
  - column 7 (empty header) is not a known column (a delimiter at the end of the line?); to skip it, add "" to ignore
  - column 4 "fit:growth" and column 5 "fit: growth" are all read as strategic fit factor growth; keep one or ignore the others
  - no column for name (accepted: "name"); did you mean column 3 "Naem"?
  - no column for revenue (accepted: "revenue")
  accepted columns: "period", "id", "name", "revenue", "parent", "country", "region", "division", "district", "territory", "potential", "target", "fit:<factor>", "strength:<factor>""#;
    assert_eq!(resolve(&headers).unwrap_err().to_string(), expected);
}

#[test]
fn a_trailing_comma_names_the_empty_column_by_position() {
    // Issue 8: it said `unknown column ` (nothing).
    let err = resolve(&["id", "name", "revenue", ""]).unwrap_err();
    assert_eq!(
        err.to_string().lines().nth(1),
        Some(
            r#"  - column 4 (empty header) is not a known column (a delimiter at the end of the line?); to skip it, add "" to ignore"#
        )
    );
    let options = option(r#"ignore = [""]"#);
    let layout = Layout::resolve(&["id", "name", "revenue", ""], b',', &options).unwrap();
    assert_eq!(layout.revenue, 2);
}

#[test]
fn a_header_split_by_another_delimiter_gets_a_hint() {
    // Issue 8: a semicolon-separated export said `unknown column id;name;revenue`.
    let err = resolve(&["id;name;revenue;fit:growth"]).unwrap_err();
    let message = err.to_string();
    let problems = problems(err);
    assert_eq!(
        problems.last(),
        Some(&HeaderProblem::OtherDelimiter {
            found: ';',
            used: ','
        })
    );
    assert!(message.ends_with(
        "the header looks separated by ';', not ',': set delimiter = \";\" in [input]\n  \
         accepted columns: \"period\", \"id\", \"name\", \"revenue\", \"parent\", \"country\", \
         \"region\", \"division\", \"district\", \"territory\", \"potential\", \"target\", \"fit:<factor>\", \"strength:<factor>\""
    ));

    let err = Layout::resolve(&["id\tname\trevenue"], b';', &InputOptions::default()).unwrap_err();
    assert!(err.to_string().contains(
        r#"the header looks separated by '\t', not ';': set delimiter = "\t" in [input]"#
    ));

    // A separator inside an unknown name is no hint on its own.
    let err = resolve(&["id", "name", "revenue", "a;b"]).unwrap_err();
    assert!(!problems_of(&err)
        .iter()
        .any(|p| matches!(p, HeaderProblem::OtherDelimiter { .. })));
}

fn problems_of(err: &Error) -> &[HeaderProblem] {
    match err {
        Error::Header { problems, .. } => problems,
        other => panic!("expected a header error, got {other}"),
    }
}

#[test]
fn factor_columns_that_collide_are_an_error_naming_both() {
    // Issue 8: `fit:growth` and `fit: growth` both became factor growth, the second silently
    // overwriting the first.
    for (a, b) in [
        ("fit:growth", "fit: growth"),
        ("fit:growth", "FIT:Growth"),
        ("strength:trust", "strength:trust "),
    ] {
        let err = resolve(&["id", "name", "revenue", a, b]).unwrap_err();
        match problems(err).as_slice() {
            [HeaderProblem::Duplicate { columns, .. }] => {
                assert_eq!(columns, &[col(4, a), col(5, b)]);
            }
            other => panic!("{a} and {b}: {other:?}"),
        }
    }
    // A listed factor column and a prefixed one for the same factor collide too.
    let options = option(r#"fit = ["Growth"]"#);
    let err = Layout::resolve(
        &["id", "name", "revenue", "growth", "fit:growth"],
        b',',
        &options,
    )
    .unwrap_err();
    assert!(matches!(
        problems(err).as_slice(),
        [HeaderProblem::Duplicate { .. }]
    ));
}

#[test]
fn an_analysis_file_names_columns_prefixes_and_factors() {
    let options = option(
        r#"
        fit_prefix = "fit_"
        strength_prefix = "rel_"
        fit = ["Growth potential"]
        ignore = ["Notes", "Sales rep"]
        decimal_comma = true
        current_label = "2025"

        [columns]
        id = "Customer No"
        name = "Customer"
        revenue = "Revenue 2025"
        country = "Land"
        "#,
    );
    let headers = [
        "customer no",
        "Customer",
        "Land",
        "Revenue 2025",
        "Growth Potential",
        "fit_margin",
        "REL_trust",
        "notes",
        "Sales Rep",
    ];
    let layout = Layout::resolve(&headers, b';', &options).unwrap();
    assert_eq!((layout.id, layout.name, layout.revenue), (0, 1, 3));
    assert_eq!(layout.country, Some(2));
    assert_eq!(layout.delimiter, b';');
    assert!(layout.decimal_comma);
    assert_eq!(layout.current_label, "2025");
    let factors: Vec<(usize, ScoreField, &str)> = layout
        .factors
        .iter()
        .map(|f| (f.column, f.field, f.factor.as_str()))
        .collect();
    assert_eq!(
        factors,
        [
            (4, ScoreField::StrategicFit, "Growth potential"),
            (5, ScoreField::StrategicFit, "margin"),
            (6, ScoreField::RelationshipStrength, "trust")
        ]
    );

    // The default names no longer stand for roles that were renamed, and the old prefixes are
    // plain unknown columns.
    let err = Layout::resolve(
        &[
            "Customer No",
            "Customer",
            "Revenue 2025",
            "id",
            "fit:x",
            "Land",
        ],
        b',',
        &options,
    )
    .unwrap_err();
    let unknown: Vec<&str> = problems_of(&err)
        .iter()
        .filter_map(|p| match p {
            HeaderProblem::Unknown { column, .. } => Some(column.header.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(unknown, ["id", "fit:x"]);
}

#[test]
fn a_named_column_that_is_absent_is_missing_with_a_suggestion() {
    let options = option(
        r#"
        fit = ["Growth"]
        [columns]
        id = "Customer No"
        country = "Country code"
        "#,
    );
    let err =
        Layout::resolve(&["Customer Nr", "name", "revenue", "Grwth"], b',', &options).unwrap_err();
    assert_eq!(
        problems(err),
        [
            HeaderProblem::Unknown {
                column: col(1, "Customer Nr"),
                suggestion: Some("Customer No".into())
            },
            HeaderProblem::Unknown {
                column: col(4, "Grwth"),
                suggestion: Some("Growth".into())
            },
            HeaderProblem::Missing {
                role: ColumnUse::Role(ColumnRole::Id),
                accepted: vec!["Customer No".into()],
                suggestion: Some(col(1, "Customer Nr"))
            },
            HeaderProblem::Missing {
                role: ColumnUse::Role(ColumnRole::Country),
                accepted: vec!["Country code".into()],
                suggestion: None
            },
            HeaderProblem::Missing {
                role: fit("Growth"),
                accepted: vec!["Growth".into()],
                suggestion: Some(col(4, "Grwth"))
            },
        ]
    );
}

#[test]
fn a_misspelt_prefix_is_suggested_but_a_word_is_not_split() {
    let err = resolve(&["id", "name", "revenue", "fit_growth", "fitness"]).unwrap_err();
    assert_eq!(
        problems(err),
        [
            HeaderProblem::Unknown {
                column: col(4, "fit_growth"),
                suggestion: Some("fit:growth".into())
            },
            HeaderProblem::Unknown {
                column: col(5, "fitness"),
                suggestion: None
            },
        ]
    );
}

#[test]
fn contradictory_options_are_listed_with_the_header_problems() {
    let options = option(
        r#"
        fit_prefix = "f"
        strength_prefix = "F_"
        ignore = ["ID"]
        previous_label = "2024"
        delimiter = "§"
        [columns]
        name = "revenue"
        "#,
    );
    let err = Layout::resolve(&["id", "revenue", "x"], b',', &options).unwrap_err();
    let options: Vec<String> = problems_of(&err)
        .iter()
        .filter_map(|p| match p {
            HeaderProblem::Option { option, .. } => Some(option.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        options,
        [
            "delimiter",
            "strength_prefix",
            "columns.name",
            "ignore",
            "previous_label"
        ]
    );
    let message = err.to_string();
    assert!(
        message.contains(r#"option columns.name: "revenue" is also the default header of columns.revenue; name that column too"#)
    );
    assert!(message.contains(r#"option ignore: "id" is also the header of columns.id"#));
    assert!(message.contains("option previous_label: is given but columns.previous_revenue is not"));
    // The header's own problems are there too.
    assert!(message.contains(r#"column 3 "x" is not a known column"#));
}

#[test]
fn listed_factors_may_not_collide_with_roles() {
    let options = option(r#"strength = ["Country"]"#);
    let err = Layout::resolve(&["id", "name", "revenue"], b',', &options).unwrap_err();
    assert_eq!(
        problems(err),
        [HeaderProblem::Option {
            option: r#"strength (relationship strength factor "Country")"#.into(),
            reason: r#""country" is also the default header of columns.country; name that column too"#.into()
        },
        HeaderProblem::Missing {
            role: strength("Country"),
            accepted: vec!["Country".into()],
            suggestion: None
        }]
    );
}

#[test]
fn a_wide_export_carries_the_previous_revenue_beside_the_current() {
    let options = option(
        r#"
        [columns]
        revenue = "Revenue 2025"
        previous_revenue = "Revenue 2024"
        "#,
    );
    let headers = ["id", "name", "Revenue 2024", "Revenue 2025"];
    let layout = Layout::resolve(&headers, b',', &options).unwrap();
    assert_eq!((layout.revenue, layout.previous_revenue), (3, Some(2)));
    assert_eq!(
        (
            layout.previous_label.as_str(),
            layout.current_label.as_str()
        ),
        ("previous", "current")
    );

    let labelled = InputOptions {
        previous_label: Some("2024".into()),
        current_label: Some("2025".into()),
        ..options.clone()
    };
    let layout = Layout::resolve(&headers, b',', &labelled).unwrap();
    assert_eq!(
        (
            layout.previous_label.as_str(),
            layout.current_label.as_str()
        ),
        ("2024", "2025")
    );

    // Labels the wrong way round, or equal, are caught.
    for (previous, current) in [
        ("2025", "2024"),
        ("Q1 2025", "Q4-2024"),
        ("2024-3", "2024-03"),
        ("x", "x"),
    ] {
        let swapped = InputOptions {
            previous_label: Some(previous.into()),
            current_label: Some(current.into()),
            ..options.clone()
        };
        let err = Layout::resolve(&headers, b',', &swapped).unwrap_err();
        assert!(
            matches!(problems(err).as_slice(), [HeaderProblem::Option { option, .. }] if option == "previous_label"),
            "{previous} {current}"
        );
    }

    // A period column already labels the rows: the wide column and current_label contradict it.
    let with_period = ["period", "id", "name", "Revenue 2024", "Revenue 2025"];
    let err = Layout::resolve(&with_period, b',', &labelled).unwrap_err();
    let options: Vec<&str> = problems_of(&err)
        .iter()
        .filter_map(|p| match p {
            HeaderProblem::Option { option, .. } => Some(option.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(options, ["current_label", "columns.previous_revenue"]);
}

#[test]
fn factor_columns_are_checked_against_the_scorecards() {
    let headers = [
        "id",
        "name",
        "revenue",
        "fit:grwoth",
        "fit:trust",
        "strength:years",
        "fit:old",
    ];
    let options = option(r#"ignore = ["fit:old"]"#);
    let layout = Layout::resolve(&headers, b',', &options).unwrap();
    let err = layout
        .check_factors(&["growth", "margin"], &["years", "trust"])
        .unwrap_err();
    let message = err.to_string();
    assert_eq!(
        problems(err),
        [
            HeaderProblem::Unused {
                column: col(4, "fit:grwoth"),
                role: fit("grwoth"),
                suggestion: Some(fit("growth"))
            },
            HeaderProblem::Unused {
                column: col(5, "fit:trust"),
                role: fit("trust"),
                suggestion: Some(strength("trust"))
            },
            HeaderProblem::Missing {
                role: fit("growth"),
                accepted: vec!["fit:growth".into()],
                suggestion: Some(col(4, "fit:grwoth"))
            },
            HeaderProblem::Missing {
                role: fit("margin"),
                accepted: vec!["fit:margin".into()],
                suggestion: None
            },
            HeaderProblem::Missing {
                role: strength("trust"),
                accepted: vec!["strength:trust".into()],
                suggestion: Some(col(5, "fit:trust"))
            },
        ]
    );
    assert!(message.starts_with("the header has 5 problems:\n"));
    assert!(!message.contains("accepted columns"));

    // Ignored columns are no factor columns; a file that fits its scorecards passes.
    let layout = Layout::resolve(
        &["id", "name", "revenue", "fit:growth", "fit:old"],
        b',',
        &options,
    )
    .unwrap();
    layout.check_factors(&["growth"], &[]).unwrap();
}

#[test]
fn binding_takes_the_scorecards_spelling() {
    let mut layout = resolve(&["id", "name", "revenue", "Fit:Growth", "STRENGTH:Trust"]).unwrap();
    layout.bind_factors(&["growth"], &["trust"]).unwrap();
    let factors: Vec<&str> = layout.factors.iter().map(|f| f.factor.as_str()).collect();
    assert_eq!(factors, ["growth", "trust"]);
    // Binding renames, it does not invent: a factor with no column stays an error.
    let err = layout
        .bind_factors(&["growth", "margin"], &["trust"])
        .unwrap_err();
    assert!(matches!(
        problems(err).as_slice(),
        [HeaderProblem::Missing { .. }]
    ));
}

#[test]
fn delimiters_are_detected_from_the_first_line_outside_quotes() {
    assert_eq!(detect_delimiter(b"id,name,revenue"), b',');
    assert_eq!(
        detect_delimiter(b"id;name;revenue\r\nA;Alpha,Inc;1,5"),
        b';'
    );
    assert_eq!(detect_delimiter(b"id\tname\trevenue"), b'\t');
    assert_eq!(detect_delimiter(b"id|name|revenue"), b'|');
    // Quoted delimiters and later lines do not count.
    assert_eq!(detect_delimiter(b"\"a;b;c\",name,revenue"), b',');
    assert_eq!(detect_delimiter(b"id,name\n;;;;;;;;"), b',');
    // A line break inside quotes is part of the header.
    assert_eq!(detect_delimiter(b"\"id\n\";name;x,y"), b';');
    // Ties go to the earlier of , ; tab |; nothing found means a comma.
    assert_eq!(detect_delimiter(b"a;b,c"), b',');
    assert_eq!(detect_delimiter(b"a|b\tc"), b'\t');
    assert_eq!(detect_delimiter(b""), b',');
}

#[test]
fn options_come_from_toml_and_reject_unknown_fields() {
    #[derive(serde::Deserialize)]
    struct AnalysisFile {
        input: InputOptions,
    }
    let file: AnalysisFile = toml::from_str(
        r#"
        [input]
        delimiter = "\t"
        period_order = ["spring", "autumn"]
        strength = ["Trust"]
        [input.columns]
        previous_revenue = "revenue_prev"
        "#,
    )
    .unwrap();
    let expected = InputOptions {
        delimiter: Some('\t'),
        period_order: Some(vec!["spring".into(), "autumn".into()]),
        strength: vec!["Trust".into()],
        columns: InputColumns {
            previous_revenue: Some("revenue_prev".into()),
            ..InputColumns::default()
        },
        ..InputOptions::default()
    };
    assert_eq!(file.input, expected);
    // What is written reads back the same.
    let written = toml::to_string(&expected).unwrap();
    assert_eq!(toml::from_str::<InputOptions>(&written).unwrap(), expected);
    assert_eq!(option(""), InputOptions::default());

    for bad in [
        r#"delimeter = ";""#,
        r#"[columns]
           customer = "Customer No""#,
        r#"delimiter = ";;""#,
        r#"decimal_comma = "yes""#,
    ] {
        assert!(toml::from_str::<InputOptions>(bad).is_err(), "{bad}");
    }
}

fn header_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("id".to_owned()),
        Just(" Name".to_owned()),
        Just("REVENUE".to_owned()),
        Just("period".to_owned()),
        Just("fit:".to_owned()),
        Just("fit:growth".to_owned()),
        "(fit|strength|fti|strenght)[:_ ;]{0,2}[a-zA-Z ]{0,6}",
        "[a-z;,|\t ]{0,12}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn resolve_never_panics_and_indexes_are_sound(
        headers in prop::collection::vec(header_cell(), 0..12),
        fit_prefix in prop::option::of("[a-z:_ ]{0,4}"),
        ignore in prop::collection::vec(header_cell(), 0..3),
        delimiter in prop::sample::select(vec![b',', b';', b'\t', b'|']),
    ) {
        let options = InputOptions { fit_prefix, ignore, ..InputOptions::default() };
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        match Layout::resolve(&headers, delimiter, &options) {
            Ok(layout) => {
                let mut used = vec![layout.id, layout.name, layout.revenue];
                used.extend([layout.parent, layout.country, layout.region, layout.division,
                    layout.district, layout.territory, layout.potential,
                    layout.target, layout.period, layout.previous_revenue].into_iter().flatten());
                used.extend(layout.factors.iter().map(|f| f.column));
                let count = used.len();
                used.sort_unstable();
                used.dedup();
                prop_assert_eq!(used.len(), count, "a column read twice");
                prop_assert!(used.iter().all(|&i| i < headers.len()));
            }
            Err(err) => {
                let Error::Header { problems, .. } = &err else {
                    return Err(TestCaseError::fail(format!("not a header error: {err}")));
                };
                prop_assert!(!problems.is_empty());
                prop_assert_eq!(err.to_string().lines().filter(|l| l.starts_with("  - ")).count(), problems.len());
            }
        }
    }

    #[test]
    fn known_headers_in_any_order_resolve_to_their_positions(
        order in Just((0..6).collect::<Vec<usize>>()).prop_shuffle(),
        upper in any::<bool>(),
    ) {
        let names = ["id", "name", "revenue", "country", "fit:growth", "strength:trust"];
        let headers: Vec<String> = order
            .iter()
            .map(|&i| if upper { names[i].to_uppercase() } else { names[i].to_owned() })
            .collect();
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        let layout = resolve(&headers).unwrap();
        let at = |name: usize| order.iter().position(|&i| i == name).unwrap();
        prop_assert_eq!((layout.id, layout.name, layout.revenue), (at(0), at(1), at(2)));
        prop_assert_eq!(layout.country, Some(at(3)));
        prop_assert_eq!(layout.factors.len(), 2);
    }

    #[test]
    fn detection_picks_one_of_the_candidates(line in prop::collection::vec(any::<u8>(), 0..64)) {
        prop_assert!([b',', b';', b'\t', b'|'].contains(&detect_delimiter(&line)));
    }
}
