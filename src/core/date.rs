//! A calendar date: the plan's `as_of`, lifecycle dates. Ordered, printed and read as `YYYY-MM-DD`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

const fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

const fn digit(b: u8) -> Option<u16> {
    if b.is_ascii_digit() {
        Some((b - b'0') as u16)
    } else {
        None
    }
}

impl Date {
    /// Later than any real date.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// A date of a rule table, checked when the table is compiled: `Date::lit("2025-10-14")`.
    pub const fn lit(s: &str) -> Date {
        match Date::parse(s) {
            Some(d) => d,
            None => panic!("not a date YYYY-MM-DD"),
        }
    }

    /// `YYYY-MM-DD` that names a real calendar day; `None` for anything else.
    pub const fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let (Some(y0), Some(y1), Some(y2), Some(y3)) =
            (digit(b[0]), digit(b[1]), digit(b[2]), digit(b[3]))
        else {
            return None;
        };
        let (Some(m0), Some(m1), Some(d0), Some(d1)) =
            (digit(b[5]), digit(b[6]), digit(b[8]), digit(b[9]))
        else {
            return None;
        };
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
        let month = (m0 * 10 + m1) as u8;
        let day = (d0 * 10 + d1) as u8;
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub const fn year(self) -> u16 {
        self.year
    }
    pub const fn month(self) -> u8 {
        self.month
    }

    /// Days since 0000-03-01 (a proleptic Gregorian day count; only differences matter).
    fn day_number(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 9)
        } else {
            (self.year as i64, self.month as i64 - 3)
        };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + self.day as i64 - 1
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)).clamp(0, 9999) as u16;
        Date { year, month, day }
    }

    /// The date `days` days later (earlier when negative).
    pub fn plus_days(self, days: i64) -> Date {
        Date::from_unix_days(Date::lit("1970-01-01").days_until(self) + days)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }

    /// Monday = 0 … Sunday = 6.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 (unix day 0) was a Thursday; day numbers differ from unix days by a constant.
        let unix = self.day_number() - Date::lit("1970-01-01").day_number();
        (unix + 3).rem_euclid(7) as u8
    }

    /// Whether this is the second Tuesday of its month (Microsoft's "Patch Tuesday").
    pub fn is_second_tuesday(self) -> bool {
        self.weekday() == 1 && (8..=14).contains(&self.day)
    }

    /// The quarter this date falls in, e.g. `2027 Q1`.
    pub fn quarter(self) -> (u16, u8) {
        (self.year, (self.month - 1) / 3 + 1)
    }
}

/// The date of the newest rule source: what a plan without its own date is dated.
impl Default for Date {
    fn default() -> Self {
        Date::lit(super::source::RULES_AS_OF)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written by hand: dates are formatted in every lifecycle message of every plan.
        let d = |n: u16, div: u16| b'0' + ((n / div) % 10) as u8;
        let (y, m, day) = (self.year, self.month as u16, self.day as u16);
        let text = [
            d(y, 1000),
            d(y, 100),
            d(y, 10),
            d(y, 1),
            b'-',
            d(m, 10),
            d(m, 1),
            b'-',
            d(day, 10),
            d(day, 1),
        ];
        f.write_str(std::str::from_utf8(&text).unwrap_or("????-??-??"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom("expected a date YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_days_only() {
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "26-01-01",
            "2026-01-32",
            "２０２６-01-01",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn order_and_distance() {
        let a = Date::lit("2025-10-14");
        let b = Date::lit("2026-10-13");
        assert!(a < b);
        assert_eq!(a.days_until(b), 364);
        assert_eq!(b.days_until(a), -364);
        assert_eq!(
            Date::lit("2000-02-28").days_until(Date::lit("2000-03-01")),
            2
        );
        assert_eq!(
            Date::lit("1900-02-28").days_until(Date::lit("1900-03-01")),
            1
        );
        assert_eq!(Date::from_unix_days(0), Date::lit("1970-01-01"));
        assert_eq!(Date::from_unix_days(20_789), Date::lit("2026-12-02"));
        let d = Date::lit("2031-10-14");
        assert_eq!(
            Date::from_unix_days(Date::lit("1970-01-01").days_until(d)),
            d
        );
    }
}
