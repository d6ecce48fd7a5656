//! Dates as Norwegian users read them: dd.mm.yyyy. Stored as ISO 8601.

use chrono::NaiveDate;

/// `2021-04-15` → `15.04.2021`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Reads `15.04.2021` (also `15.4.2021`) or ISO `2021-04-15`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%d.%m.%Y").or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_day_month_year_with_dots() {
        let d = NaiveDate::from_ymd_opt(2021, 4, 15).unwrap();
        assert_eq!(format_date(d), "15.04.2021");
    }

    #[test]
    fn parses_both_forms_and_rejects_impossible_dates() {
        let d = NaiveDate::from_ymd_opt(2021, 4, 15).unwrap();
        assert_eq!(parse_date("15.04.2021"), Some(d));
        assert_eq!(parse_date("15.4.2021"), Some(d));
        assert_eq!(parse_date("2021-04-15"), Some(d));
        assert_eq!(parse_date("31.02.2021"), None);
        assert_eq!(parse_date("i går"), None);
    }
}
