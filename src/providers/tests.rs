use super::*;
use crate::rclone::schema::{Example, OptionSpec};

fn opt(name: &str, type_name: &str) -> OptionSpec {
    OptionSpec {
        name: name.into(),
        help: String::new(),
        type_name: type_name.into(),
        default: String::new(),
        required: false,
        is_password: false,
        sensitive: false,
        advanced: false,
        exclusive: false,
        hide: 0,
        examples: Vec::new(),
        provider: String::new(),
    }
}

fn with_examples(mut o: OptionSpec, values: &[&str], exclusive: bool) -> OptionSpec {
    o.examples =
        values.iter().map(|v| Example { value: (*v).into(), help: String::new(), provider: String::new() }).collect();
    o.exclusive = exclusive;
    o
}

fn backend(name: &str, options: Vec<OptionSpec>) -> Backend {
    Backend {
        name: name.into(),
        description: String::new(),
        prefix: name.into(),
        hide: false,
        features: vec![],
        options,
        rclone_version: None,
    }
}

fn boxb() -> Backend {
    backend(
        "box",
        vec![
            opt("upload_cutoff", "SizeSuffix"),
            opt("list_chunk", "int"),
            opt("commit_retries", "int"),
            with_examples(opt("box_sub_type", "string"), &["user", "enterprise"], false),
            opt("client_credentials", "bool"),
            opt("root_folder_id", "string"),
        ],
    )
}

fn onedrive() -> Backend {
    backend(
        "onedrive",
        vec![
            opt("chunk_size", "SizeSuffix"),
            opt("drive_type", "string"),
            with_examples(opt("region", "string"), &["global", "us", "de", "cn"], true),
            opt("list_chunk", "int"),
            with_examples(
                opt("metadata_permissions", "Bits"),
                &["off", "read", "write", "read,write", "failok"],
                false,
            ),
            opt("upload_cutoff", "SizeSuffix"),
            opt("delta", "bool"),
            opt("pacer_min_sleep", "Duration"),
            opt("enabled", "Tristate"),
        ],
    )
}

fn ok(b: &Backend, key: &str, value: &str) -> String {
    match check_option(b, key, value) {
        Ok(v) => v,
        Err(e) => panic!("{key}={value} refused: {e}"),
    }
}

fn refused(b: &Backend, key: &str, value: &str, words: &str) {
    match check_option(b, key, value) {
        Ok(v) => panic!("{key}={value} accepted as {v}"),
        Err(e) => {
            let text = format!("{e} {}", e.hint().unwrap_or_default());
            assert!(text.contains(words), "{key}={value}: {text:?} lacks {words:?}");
            assert_eq!(e.code(), 2);
        }
    }
}

#[test]
fn box_limits_from_the_guide() {
    let b = boxb();
    ok(&b, "upload_cutoff", "50Mi");
    ok(&b, "upload_cutoff", "1G");
    refused(&b, "upload_cutoff", "49Mi", "at least 50Mi");
    refused(&b, "upload_cutoff", "10M", "at least 50Mi");
    refused(&b, "upload_cutoff", "lots", "size");
    ok(&b, "list_chunk", "1");
    ok(&b, "list_chunk", "1000");
    refused(&b, "list_chunk", "0", "between 1 and 1000");
    refused(&b, "list_chunk", "1001", "between 1 and 1000");
    ok(&b, "commit_retries", "100");
    refused(&b, "commit_retries", "-1", "0 or more");
    refused(&b, "commit_retries", "many", "whole number");
    ok(&b, "box_sub_type", "enterprise");
    refused(&b, "box_sub_type", "team", "user, enterprise");
}

#[test]
fn onedrive_limits_from_the_guide() {
    let o = onedrive();
    ok(&o, "chunk_size", "10Mi");
    ok(&o, "chunk_size", "320Ki");
    ok(&o, "chunk_size", "250Mi");
    refused(&o, "chunk_size", "1000k", "multiple of 320Ki");
    refused(&o, "chunk_size", "300Mi", "at most 250Mi");
    ok(&o, "drive_type", "documentLibrary");
    refused(&o, "drive_type", "shared", "personal, business, documentLibrary");
    ok(&o, "region", "cn");
    refused(&o, "region", "mars", "global");
    refused(&o, "list_chunk", "0", "1 or more");
}

#[test]
fn values_are_checked_by_type() {
    let o = onedrive();
    assert_eq!(ok(&o, "delta", "yes"), "true");
    assert_eq!(ok(&o, "delta", "FALSE"), "false");
    refused(&o, "delta", "maybe", "true or false");
    ok(&o, "pacer_min_sleep", "10ms");
    ok(&o, "pacer_min_sleep", "1h30m");
    ok(&o, "pacer_min_sleep", "2d");
    ok(&o, "pacer_min_sleep", "off");
    refused(&o, "pacer_min_sleep", "soon", "duration");
    ok(&o, "enabled", "unset");
    refused(&o, "enabled", "perhaps", "unset");
    ok(&o, "metadata_permissions", "read,write");
    refused(&o, "metadata_permissions", "read,delete", "\"delete\"");
    ok(&o, "upload_cutoff", "off");
    refused(&o, "upload_cutoff", "a\nb", "line break");
}

#[test]
fn unknown_and_setup_keys_are_refused_with_suggestions() {
    let b = boxb();
    refused(&b, "upload_cutof", "60Mi", "upload_cutoff");
    refused(&b, "zzz", "1", "pluton providers box --all");
    refused(&b, "config_token", "x", "setup questions");
}

#[test]
fn sizes_and_durations_parse_like_rclone() {
    assert_eq!(parse_size("10"), Some(10 * 1024));
    assert_eq!(parse_size("10b"), Some(10));
    assert_eq!(parse_size("10B"), Some(10));
    assert_eq!(parse_size("50Mi"), Some(50 * 1024 * 1024));
    assert_eq!(parse_size("50M"), Some(50 * 1024 * 1024));
    assert_eq!(parse_size("1.5G"), Some(1536 * 1024 * 1024));
    assert_eq!(parse_size("off"), Some(-1));
    assert_eq!(parse_size("-1"), Some(-1));
    assert_eq!(parse_size("5X"), None);
    assert_eq!(parse_duration("1m30s"), Some(90_000_000_000));
    assert_eq!(parse_duration("90"), Some(90_000_000_000));
    assert_eq!(parse_duration("1d"), Some(86_400_000_000_000));
    assert_eq!(parse_duration("x1s"), None);
    assert_eq!(parse_duration(""), None);
}

#[test]
fn required_options_without_defaults_are_reported() {
    let mut url = opt("url", "string");
    url.required = true;
    let mut vendor = opt("vendor", "string");
    vendor.required = true;
    vendor.default = "other".into();
    let b = backend("webdav", vec![url, vendor]);
    let missing: Vec<&str> = missing_required(&b, &[]).iter().map(|o| o.name.as_str()).collect();
    assert_eq!(missing, ["url"]);
    assert!(missing_required(&b, &[("url".into(), "http://x".into())]).is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// No key or value, however odd, makes a validator panic; and whatever is accepted can be
    /// written into rclone.conf (no line breaks).
    #[test]
    fn validators_never_panic(key in "[a-z_]{0,16}|upload_cutoff|list_chunk|chunk_size|region|delta|pacer_min_sleep|metadata_permissions", value in "\\PC{0,24}|[0-9]{1,20}[kKmMgGtTpPeEbBi]{0,3}|-?[0-9.]{1,8}[a-zµ]{0,3}") {
        for b in [boxb(), onedrive()] {
            if let Ok(stored) = check_option(&b, &key, &value) {
                proptest::prop_assert!(!stored.contains(['\n', '\r']));
            }
        }
        let _ = parse_size(&value);
        let _ = parse_duration(&value);
    }
}
