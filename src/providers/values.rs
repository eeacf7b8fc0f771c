//! Values by rclone option type: what rclone would accept for a `bool`, `int`, `SizeSuffix`,
//! `Duration`, `Tristate`, or an option restricted to its examples.

use crate::rclone::schema::OptionSpec;

/// Checks `value` for `spec`'s type; returns the value to store, or why it is wrong.
pub fn check_type(spec: &OptionSpec, value: &str) -> Result<String, String> {
    let v = value.trim();
    let normalised = match spec.type_name.as_str() {
        "bool" => match v.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" | "on" => "true".to_string(),
            "false" | "no" | "0" | "off" => "false".to_string(),
            _ => return Err(format!("{value:?} is not true or false")),
        },
        "Tristate" => match v.to_ascii_lowercase().as_str() {
            "true" | "false" | "unset" | "" => v.to_ascii_lowercase(),
            _ => return Err(format!("{value:?} is not true, false or unset")),
        },
        "int" => {
            v.parse::<i64>().map_err(|_| format!("{value:?} is not a whole number"))?;
            v.to_string()
        }
        "float64" => {
            v.parse::<f64>().map_err(|_| format!("{value:?} is not a number"))?;
            v.to_string()
        }
        "SizeSuffix" => {
            parse_size(v).ok_or_else(|| format!("{value:?} is not a size such as 10M, 50Mi, 1G or off"))?;
            v.to_string()
        }
        "Duration" => {
            parse_duration(v)
                .ok_or_else(|| format!("{value:?} is not a duration such as 10s, 1m30s, 1h, 1d or off"))?;
            v.to_string()
        }
        "Encoding" | "Bits" | "CommaSepList" => {
            check_items(spec, v.split(',').map(str::trim).filter(|s| !s.is_empty()))?;
            value.to_string()
        }
        _ => value.to_string(),
    };
    if spec.exclusive && !spec.examples.is_empty() && !matches!(spec.type_name.as_str(), "Encoding" | "Bits") {
        let allowed: Vec<&str> = spec.examples.iter().map(|e| e.value.as_str()).collect();
        if !allowed.contains(&normalised.as_str()) {
            return Err(format!("{value:?} is not allowed; choose one of {}", allowed.join(", ")));
        }
    }
    Ok(normalised)
}

/// For list-like types with known values (Bits flags), every item must be one of them.
fn check_items<'a>(spec: &OptionSpec, items: impl Iterator<Item = &'a str>) -> Result<(), String> {
    if spec.type_name != "Bits" || spec.examples.is_empty() {
        return Ok(());
    }
    let known: Vec<&str> = spec.examples.iter().flat_map(|e| e.value.split(',')).map(str::trim).collect();
    for item in items {
        if !known.iter().any(|k| k.eq_ignore_ascii_case(item)) {
            return Err(format!("{item:?} is not one of {}", known.join(", ")));
        }
    }
    Ok(())
}

/// rclone's SizeSuffix: a number with an optional suffix b, k/K, M, G, T, P, E (binary units,
/// an optional `i` and a trailing `B`/`b` allowed), or `off` (-1). Returns bytes.
pub fn parse_size(text: &str) -> Option<i64> {
    let s = text.trim();
    if s.eq_ignore_ascii_case("off") {
        return Some(-1);
    }
    let digits_end = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(s.len());
    let (number, suffix) = s.split_at(digits_end);
    let number: f64 = number.parse().ok()?;
    if number < 0.0 {
        return (number == -1.0 && suffix.is_empty()).then_some(-1);
    }
    let multiplier: f64 = match suffix.to_ascii_lowercase().as_str() {
        "b" => 1.0,
        // rclone reads a bare number as KiB.
        "" | "k" | "ki" | "kb" | "kib" => 1024.0,
        "m" | "mi" | "mb" | "mib" => 1024f64.powi(2),
        "g" | "gi" | "gb" | "gib" => 1024f64.powi(3),
        "t" | "ti" | "tb" | "tib" => 1024f64.powi(4),
        "p" | "pi" | "pb" | "pib" => 1024f64.powi(5),
        "e" | "ei" | "eb" | "eib" => 1024f64.powi(6),
        _ => return None,
    };
    Some((number * multiplier) as i64)
}

/// rclone's Duration: Go durations (`1h30m`, `10s`, `250ms`), with `d`, `w`, `M`, `y` units,
/// a bare number of seconds, or `off`. Returns nanoseconds.
pub fn parse_duration(text: &str) -> Option<i128> {
    let s = text.trim();
    if s.eq_ignore_ascii_case("off") {
        return Some(-1);
    }
    if let Ok(seconds) = s.parse::<f64>() {
        return Some((seconds * 1e9) as i128);
    }
    let mut total: f64 = 0.0;
    let mut rest = s;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if end == 0 {
            return None;
        }
        let value: f64 = rest[..end].parse().ok()?;
        rest = &rest[end..];
        let unit_end = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let unit = &rest[..unit_end];
        rest = &rest[unit_end..];
        let nanos = match unit {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            "d" => 86400e9,
            "w" => 7.0 * 86400e9,
            "M" => 30.0 * 86400e9,
            "y" => 365.0 * 86400e9,
            _ => return None,
        };
        total += value * nanos;
    }
    Some(total as i128)
}
