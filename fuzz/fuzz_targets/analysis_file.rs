//! Any bytes as an analysis file: loading never panics; whatever loads runs on a small
//! portfolio to a typed error or a report whose numbers are finite and whose text fits.
#![no_main]

use keyaccount::analysis::{run_periods, AnalysisConfig};
use keyaccount::portfolio::{read_csv, Periods};
use libfuzzer_sys::fuzz_target;

const DATA: &str = "period,id,name,parent,country,region,revenue,potential,target,fit:growth,fit:profitability,strength:trust,strength:contacts
2024,A,Alpha,,DE,Bayern,900,1000,950,9,8,9,8
2024,A1,Alpha Wien,A,AT,Wien,100,,,,,,
2024,B,Beta,,DE,Hessen,300,900,,4,5,7,6
2024,C,Gamma,,FR,Bretagne,50,60,40,2,3,2,1
2025,A,Alpha,,DE,Bayern,800,1000,950,9,8,6,5
2025,B,Beta,,DE,Hessen,400,900,380,5,5,8,7
2025,C,Gamma,,FR,Bretagne,0,60,40,2,3,2,1
2025,D,Delta,,FR,Bretagne,70,,,6,6,5,5
";

fn periods() -> Periods {
    read_csv(DATA.as_bytes()).unwrap()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(config) = AnalysisConfig::from_toml(text) else {
        return;
    };
    // What loads is valid and survives a round trip.
    config.validate().unwrap();
    let json = serde_json::to_string(&config).unwrap();
    let back: AnalysisConfig = serde_json::from_str(&json).unwrap();
    assert_eq!(back, config);

    let Ok(report) = run_periods("fuzz", &periods(), &config) else {
        return;
    };
    for a in &report.accounts {
        for x in [
            a.revenue,
            a.share,
            a.revenue_share_score,
            a.strategic_fit,
            a.relationship_strength,
        ] {
            assert!(x.is_finite());
        }
        assert!(a.models.iter().all(|m| m.margin.is_finite()));
        assert!(a.attainment.map_or(true, f64::is_finite));
    }
    let text = keyaccount::render::text(&report);
    assert!(text
        .lines()
        .all(|l| l.chars().count() <= keyaccount::render::MAX_WIDTH));
    let mut csv = Vec::new();
    keyaccount::render::csv(&report, &mut csv, &config.output).unwrap();
});
