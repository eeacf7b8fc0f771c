//! pluton against rclone, side by side: `cargo bench --bench compare` (writes
//! docs/benchmarks.md), or `cargo bench --bench compare -- --smoke` (tiny sizes, nothing
//! asserted or written; CI runs it so the benchmark cannot rot), or `cargo bench --bench compare
//! -- --wine-only` (the Windows row alone, printed). Under `cargo test
//! --all-targets` it runs as the smoke test too.
//!
//! Each figure is the median of interleaved repetitions (pluton, rclone, pluton, rclone, …),
//! so both sides see the same machine state; the result is the ratio pluton / rclone.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const PLUTON: &str = env!("CARGO_BIN_EXE_pluton");

struct Bench {
    dir: tempfile::TempDir,
    rclone: PathBuf,
    reps: usize,
}

struct Row {
    figure: String,
    pluton: f64,
    rclone: f64,
    value: f64,
    unit: &'static str,
    target: Option<(&'static str, f64)>,
}

impl Row {
    fn met(&self) -> Option<bool> {
        self.target.map(|(op, limit)| if op == "<=" { self.value <= limit } else { self.value < limit })
    }
}

fn main() -> Result<()> {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this file without it, and
    // then only the quick smoke run makes sense (and nothing is written).
    let args: Vec<String> = std::env::args().collect();
    let smoke = args.iter().any(|a| a == "--smoke") || !args.iter().any(|a| a == "--bench");
    let rclone = which::which("rclone").map_err(|_| "rclone must be on PATH")?;
    let bench = Bench { dir: tempfile::tempdir()?, rclone, reps: if smoke { 2 } else { 15 } };
    let (small, large) = if smoke { (10, 100) } else { (1_000, 10_000) };
    let mut rows = Vec::new();

    let small_dir = bench.world(small)?;
    // `-- --wine-only`: the Windows row alone, printed (a whole run takes many minutes more).
    if args.iter().any(|a| a == "--wine-only") {
        let rows: Vec<Row> = bench.wine_row(&small_dir, small)?.into_iter().collect();
        print!("{}", render(&rows, smoke));
        return Ok(());
    }
    let large_dir = bench.world(large)?;
    let list_small = bench.compare(&small_dir, &["storage", "list"], &["listremotes"])?;
    let list_large = bench.compare(&large_dir, &["storage", "list"], &["listremotes"])?;
    rows.push(ratio(format!("storage list vs rclone listremotes, {small}"), list_small, Some(("<=", 0.25))));
    rows.push(ratio(format!("storage list vs rclone listremotes, {large}"), list_large, Some(("<=", 0.25))));
    rows.push(Row {
        figure: format!("storage list {large} / {small} time"),
        pluton: list_large.0,
        rclone: list_small.0,
        value: list_large.0 / list_small.0,
        unit: "x",
        target: Some(("<=", 12.0)),
    });
    let middle = format!("storage-{}", large / 2);
    let show = bench.compare(&large_dir, &["storage", "show", &middle], &["config", "show", &middle])?;
    rows.push(ratio(format!("storage show vs rclone config show, {large}"), show, Some(("<=", 0.25))));
    // A TAB: storage names, and Box's option keys for `--set` from the cached schema (which
    // `providers` writes first).
    time(&mut bench.pluton(&small_dir, &["providers", "box"]))?;
    let names = bench.complete(&small_dir, "pluton storage test ")?;
    rows.push(absolute(format!("completing storage names (bash TAB), {small}"), names, ("<", 50.0)));
    let keys = bench.complete(&small_dir, "pluton storage add box --set ")?;
    rows.push(absolute(format!("completing --set keys of Box (bash TAB), {small}"), keys, ("<", 50.0)));
    let add = bench.compare_adds(small)?;
    rows.push(ratio(format!("storage add --no-test vs rclone config create, {small}"), add, Some(("<=", 0.5))));
    let count = if smoke { 3 } else { 20 };
    let (all, one) = bench.compare_tests(count)?;
    rows.push(ratio(format!("storage test --all, {count} webdav vs {count} rclone lsjson"), all, Some(("<=", 0.2))));
    rows.push(ratio("storage test one vs one rclone lsjson".into(), one, Some(("<=", 1.15))));
    let metrics = bench.metrics_overhead(if smoke { 100 } else { 1_000 })?;
    let checks = if smoke { 100 } else { 1_000 };
    rows.push(added(
        format!("storage test --all: added by --metrics-file, {checks} stubbed checks (rclone column: without)"),
        (metrics.0, metrics.1),
        Some(("<", 5.0)),
    ));
    let noticed = bench.notice_overhead(if smoke { 100 } else { 1_000 })?;
    rows.push(added(
        format!(
            "storage test --all: added by noticing a changed rclone.conf (a copy kept), {checks} stubbed checks \
             (rclone column: unchanged)"
        ),
        noticed,
        Some(("<", 5.0)),
    ));
    let (fleet, sample) = if smoke { (20, 3) } else { (1_000, 20) };
    let (apply_new, apply_again) = bench.compare_apply(fleet, sample)?;
    rows.push(ratio(
        format!("storage apply {fleet} new vs {fleet} rclone config create (from {sample})"),
        apply_new,
        Some(("<=", 0.05)),
    ));
    rows.push(ratio(
        format!("storage apply {fleet} unchanged vs storage list, {fleet}"),
        apply_again,
        Some(("<=", 3.0)),
    ));
    rows.extend(bench.wine_row(&small_dir, small)?);
    let rss = peak_rss_mb(&large_dir, &["storage", "list"]);
    rows.push(megabytes(format!("peak RSS of storage list, {large}"), rss, ("<", 20.0)));

    // Recovery's bar (issue 30): list keeps no copy and reads nothing of the history.
    rows.push(ratio(
        format!("recovery: storage list vs rclone listremotes, {large} (nothing copied)"),
        list_large,
        Some(("<=", 0.1)),
    ));
    // The next step's targets (issue 31), measured by the runs above: one row each, beside
    // the bars every release must meet.
    rows.push(absolute(format!("moonshot: completing storage names (bash TAB), {small}"), names, ("<", 10.0)));
    rows.push(megabytes(format!("moonshot: peak RSS of storage list, {large}"), rss, ("<", 10.0)));
    rows.push(ratio(
        format!("moonshot: storage add --no-test vs rclone config create, {small}"),
        add,
        Some(("<=", 0.2)),
    ));
    rows.push(ratio(
        format!("moonshot: storage apply {fleet} unchanged vs storage list, {fleet}"),
        apply_again,
        Some(("<=", 1.5)),
    ));
    rows.push(added(
        format!("moonshot: added by --metrics-file, {checks} stubbed checks"),
        (metrics.0, metrics.1),
        Some(("<", 1.0)),
    ));
    // The same exposition on stdout: what rendering costs without the durable write (temp
    // file, fsync, rename, fsync of the directory), which is the rest of the row above.
    rows.push(added(
        format!("added by --metrics-file - (stdout, no write), {checks} stubbed checks"),
        (metrics.2, metrics.1),
        None,
    ));

    let table = render(&rows, smoke);
    print!("{table}");
    if !smoke {
        let doc = format!(
            "# Benchmarks\n\nProduced by `cargo bench --bench compare` on {}, {}.\n\
             Medians of {} interleaved repetitions; the ratio is pluton's time over rclone's.\n\n{table}",
            machine(),
            version(&bench.rclone),
            bench.reps
        );
        // What people wrote below the table (its `## ` sections: what a profile showed for a
        // target missed) survives a new run.
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/benchmarks.md");
        let notes = fs::read_to_string(&path)
            .ok()
            .and_then(|old| old.find("\n## ").map(|i| old[i..].to_string()))
            .unwrap_or_default();
        fs::write(path, format!("{doc}{notes}"))?;
        eprintln!("wrote docs/benchmarks.md");
    }
    Ok(())
}

/// pluton.exe and rclone.exe under Wine, as scripts/test.sh prepares them (tests/support/wine.rs
/// says what each variable is).
struct WineBench {
    wine: PathBuf,
    pluton: PathBuf,
    rclone: PathBuf,
}

impl WineBench {
    fn from_env() -> Option<WineBench> {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        Some(WineBench {
            wine: var("PLUTON_TEST_WINE")?,
            pluton: var("PLUTON_TEST_PLUTON_EXE")?,
            rclone: var("PLUTON_TEST_RCLONE_EXE")?,
        })
    }

    /// `wine64 EXE ARGS` on the config dir `dir`, named the Windows way (`Z:\…`); rclone.exe
    /// gets `--config` as on Linux, pluton.exe the same variables as its Linux self.
    fn command(&self, exe: &Path, dir: &Path, args: &[&str]) -> Command {
        let win = |p: &Path| format!("Z:{}", p.display().to_string().replace('/', "\\"));
        let mut c = Command::new(&self.wine);
        c.arg(exe);
        if exe == self.rclone {
            c.arg("--config").arg(win(&dir.join("rclone.conf")));
        }
        c.args(args)
            .env("PLUTON_CONFIG_DIR", win(dir))
            .env("PLUTON_CACHE_DIR", win(&dir.join("cache-wine")))
            .env("PLUTON_RCLONE", win(&self.rclone))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    }
}

/// A time of pluton's alone, against an absolute target in milliseconds.
fn absolute(figure: String, seconds: f64, target: (&'static str, f64)) -> Row {
    Row { figure, pluton: seconds, rclone: f64::NAN, value: seconds * 1000.0, unit: "ms", target: Some(target) }
}

/// A size in MB (`None`: it could not be measured here, shown as NaN and not met).
fn megabytes(figure: String, mb: Option<f64>, target: (&'static str, f64)) -> Row {
    let mb = mb.unwrap_or(f64::NAN);
    Row { figure, pluton: mb, rclone: f64::NAN, value: mb, unit: "MB", target: Some(target) }
}

/// What one variant of a run adds to the other, in milliseconds (`with`, `without` in seconds).
fn added(figure: String, (with, without): (f64, f64), target: Option<(&'static str, f64)>) -> Row {
    Row { figure, pluton: with, rclone: without, value: (with - without) * 1000.0, unit: "ms", target }
}

fn ratio(figure: String, (pluton, rclone): (f64, f64), target: Option<(&'static str, f64)>) -> Row {
    Row { figure, pluton, rclone, value: pluton / rclone, unit: "x", target }
}

impl Bench {
    /// A config dir with `n` storages: storages.toml and an rclone.conf of Box-like sections.
    fn world(&self, n: usize) -> Result<PathBuf> {
        let dir = self.dir.path().join(format!("world-{n}"));
        fs::create_dir_all(&dir)?;
        let (mut toml, mut conf) = (String::new(), String::new());
        for i in 0..n {
            let _ = write!(
                toml,
                "[[storage]]\nid = \"{i:08x}\"\nname = \"Storage {i}\"\nprovider = \"box\"\nremote = \"storage-{i}\"\npath = \"\"\ncreated_at = \"2026-01-01T00:00:00Z\"\n\n"
            );
            let _ = write!(
                conf,
                "[storage-{i}]\ntype = box\nupload_cutoff = 60Mi\ntoken = {{\"access_token\":\"a{i}\",\"token_type\":\"Bearer\",\"refresh_token\":\"r{i}\",\"expiry\":\"2026-12-01T00:00:00Z\"}}\n\n"
            );
        }
        fs::write(dir.join("storages.toml"), toml)?;
        fs::write(dir.join("rclone.conf"), conf)?;
        Ok(dir)
    }

    fn pluton(&self, dir: &Path, args: &[&str]) -> Command {
        let mut c = Command::new(PLUTON);
        c.args(args)
            .env("PLUTON_CONFIG_DIR", dir)
            .env("PLUTON_CACHE_DIR", self.dir.path().join("cache"))
            .env("PLUTON_RCLONE", &self.rclone)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    }

    fn rclone(&self, dir: &Path, args: &[&str]) -> Command {
        let mut c = Command::new(&self.rclone);
        c.arg("--config").arg(dir.join("rclone.conf")).args(args);
        c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        c
    }

    /// Windows under Wine (scripts/test.sh sets the variables): `storage list` against
    /// `rclone.exe listremotes`, reported without a target, because Wine's start-up weighs on
    /// both sides and no Windows user runs Wine. None, after saying so, without Wine.
    fn wine_row(&self, dir: &Path, n: usize) -> Result<Option<Row>> {
        let Some(wine) = WineBench::from_env() else {
            eprintln!(
                "skipped the Wine row: PLUTON_TEST_PLUTON_EXE, PLUTON_TEST_RCLONE_EXE and PLUTON_TEST_WINE are not \
                 all set (scripts/test.sh sets them)"
            );
            return Ok(None);
        };
        let list = self.interleave(
            |_| wine.command(&wine.pluton, dir, &["storage", "list"]),
            |_| wine.command(&wine.rclone, dir, &["listremotes"]),
        )?;
        Ok(Some(ratio(format!("under Wine: storage list vs rclone.exe listremotes, {n}"), list, None)))
    }

    /// Median seconds of pluton ARGS and rclone ARGS, run alternately.
    fn compare(&self, dir: &Path, pluton: &[&str], rclone: &[&str]) -> Result<(f64, f64)> {
        self.interleave(|_| self.pluton(dir, pluton), |_| self.rclone(dir, rclone))
    }

    fn interleave(
        &self,
        mut a: impl FnMut(usize) -> Command,
        mut b: impl FnMut(usize) -> Command,
    ) -> Result<(f64, f64)> {
        // One untimed round warms caches (and pluton's schema cache).
        time(&mut a(usize::MAX))?;
        time(&mut b(usize::MAX))?;
        let (mut ta, mut tb) = (Vec::new(), Vec::new());
        for i in 0..self.reps {
            ta.push(time(&mut a(i))?);
            tb.push(time(&mut b(i))?);
        }
        Ok((median(ta), median(tb)))
    }

    /// Median seconds of the completion a bash TAB at the end of `line` asks pluton for.
    fn complete(&self, dir: &Path, line: &str) -> Result<f64> {
        let run = || {
            let mut c = self.pluton(dir, &[]);
            c.env("_PLUTON_COMPLETE", "bash").env("_PLUTON_LINE", line).env("_PLUTON_WORD", "");
            c
        };
        time(&mut run())?;
        let mut times = Vec::new();
        for _ in 0..self.reps {
            times.push(time(&mut run())?);
        }
        Ok(median(times))
    }

    /// Adding into a config of `n` storages: each side gets its own copy.
    fn compare_adds(&self, n: usize) -> Result<(f64, f64)> {
        let p = self.world(n)?;
        let r = self.dir.path().join(format!("world-{n}-rclone"));
        fs::create_dir_all(&r)?;
        fs::copy(p.join("rclone.conf"), r.join("rclone.conf"))?;
        self.interleave(
            |i| self.pluton(&p, &["storage", "add", "memory", "--name", &format!("bench {i}"), "--no-test"]),
            |i| self.rclone(&r, &["config", "create", &format!("bench-{i}"), "memory"]),
        )
    }

    /// Applying `n` new local storages (`test = false`) into an empty config, against `n`
    /// sequential `rclone config create` extrapolated from `sample` of them; then re-applying
    /// the same file, unchanged, against `storage list` of the result.
    fn compare_apply(&self, n: usize, sample: usize) -> Result<((f64, f64), (f64, f64))> {
        let file = self.dir.path().join(format!("apply-{n}.toml"));
        let mut text = String::new();
        for i in 0..n {
            let _ = write!(
                text,
                "[[storage]]\nname = \"Fleet {i}\"\nprovider = \"local\"\npath = \"/srv/backup/{i}\"\ntest = false\n\
                 options = {{ description = \"host {i}\" }}\n\n"
            );
        }
        fs::write(&file, text)?;
        let file = file.display().to_string();
        let fresh = |tag: &str, i: usize| -> Result<PathBuf> {
            let dir = self.dir.path().join(format!("apply-{tag}-{i}"));
            fs::create_dir_all(&dir)?;
            Ok(dir)
        };
        let reps = self.reps.min(5);
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for i in 0..reps {
            let dir = fresh("pluton", i)?;
            ours.push(time(&mut self.pluton(&dir, &["storage", "apply", &file]))?);
            let dir = fresh("rclone", i)?;
            let start = Instant::now();
            for j in 0..sample {
                let name = format!("fleet-{j}");
                time(&mut self.rclone(&dir, &["config", "create", &name, "local", "description", "x"]))?;
            }
            theirs.push(start.elapsed().as_secs_f64() * n as f64 / sample as f64);
        }
        let new = (median(ours), median(theirs));
        let applied = fresh("pluton", 0)?;
        let again = self.interleave(
            |_| self.pluton(&applied, &["storage", "apply", &file]),
            |_| self.pluton(&applied, &["storage", "list"]),
        )?;
        Ok((new, again))
    }

    /// `storage test --all` over `n` storages with `--metrics-file FILE`, with `--metrics-file -`
    /// (the same exposition on stdout: no temp file, fsync or rename) and without, interleaved.
    /// The checks are stubbed: the storages have no rclone.conf section, so each fails at once
    /// without rclone (exit 4) and what is left is pluton's own work, the check record and the
    /// metrics included. The rclone version comes from the schema cache `providers` filled.
    fn metrics_overhead(&self, n: usize) -> Result<(f64, f64, f64)> {
        let dir = self.world(n)?;
        fs::write(dir.join("rclone.conf"), "")?;
        let file = dir.join("pluton.prom");
        let file = file.to_str().ok_or("a UTF-8 path")?;
        let run = |metrics: Option<&str>| -> Result<f64> {
            let mut c = self.pluton(&dir, &["storage", "test", "--all"]);
            if let Some(destination) = metrics {
                c.args(["--metrics-file", destination]);
            }
            let start = Instant::now();
            let status = c.status()?;
            let elapsed = start.elapsed().as_secs_f64();
            if status.code() != Some(4) {
                return Err(format!("storage test --all of stubbed checks exited {status}, not 4").into());
            }
            Ok(elapsed)
        };
        time(&mut self.pluton(&dir, &["providers", "box"]))?;
        run(Some(file))?;
        run(None)?;
        let (mut with, mut stdout, mut without) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..self.reps.max(5) {
            with.push(run(Some(file))?);
            stdout.push(run(Some("-"))?);
            without.push(run(None)?);
        }
        if !fs::read_to_string(dir.join("pluton.prom"))?.contains("pluton_storage_up{") {
            return Err("no metrics were written".into());
        }
        Ok((median(with), median(without), median(stdout)))
    }

    /// `storage test --all` over `n` stubbed storages (as in `metrics_overhead`) beside an
    /// rclone.conf of `n` other remotes, when rclone changed that file since the newest kept copy
    /// (one key rewritten before each run, untimed: the run keeps a copy) and when it did not.
    fn notice_overhead(&self, n: usize) -> Result<(f64, f64)> {
        let dir = self.world(n)?;
        let conf = fs::read_to_string(dir.join("rclone.conf"))?.replace("[storage-", "[other-");
        fs::write(dir.join("rclone.conf"), &conf)?;
        let copies = dir.join("history");
        let run = |changed: usize| -> Result<f64> {
            if changed > 0 {
                // What a token refresh does: one line differs.
                fs::write(dir.join("rclone.conf"), conf.replacen("a0\"", &format!("a0-{changed}\""), 1))?;
            }
            let mut c = self.pluton(&dir, &["storage", "test", "--all"]);
            let start = Instant::now();
            let status = c.status()?;
            let elapsed = start.elapsed().as_secs_f64();
            if status.code() != Some(4) {
                return Err(format!("storage test --all of stubbed checks exited {status}, not 4").into());
            }
            Ok(elapsed)
        };
        run(0)?;
        run(1)?;
        let (mut changed, mut unchanged) = (Vec::new(), Vec::new());
        for i in 0..self.reps.max(5) {
            changed.push(run(i + 2)?);
            unchanged.push(run(0)?);
        }
        let kept = fs::read_dir(&copies)
            .map(|d| d.flatten().filter(|e| e.file_name().to_string_lossy().contains(".changed.")).count());
        if kept.unwrap_or(0) == 0 {
            return Err("no copy of the changed rclone.conf was kept".into());
        }
        Ok((median(changed), median(unchanged)))
    }

    /// `storage test --all` over `n` webdav storages against 20 plain listings, and one
    /// storage against one listing, all against one local `rclone serve webdav`.
    fn compare_tests(&self, n: usize) -> Result<((f64, f64), (f64, f64))> {
        let root = self.dir.path().join("dav");
        fs::create_dir_all(root.join("folder"))?;
        let mut server = Command::new(&self.rclone)
            .args(["serve", "webdav"])
            .arg(&root)
            .args(["--addr", "127.0.0.1:0", "--user", "u", "--pass", "p", "--config", "/dev/null"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        let stderr = server.stderr.take().ok_or("no stderr")?;
        let mut addr = String::new();
        for line in BufReader::new(stderr).lines().map_while(std::result::Result::ok) {
            if let Some(i) = line.find("http://127.0.0.1:") {
                addr = line[i..].trim_end_matches(['/', ']']).to_string();
                break;
            }
        }
        let dir = self.dir.path().join("world-webdav");
        fs::create_dir_all(&dir)?;
        let obscured = obscure(&self.rclone, "p")?;
        let (mut toml, mut conf) = (String::new(), String::new());
        for i in 0..n {
            let _ = write!(
                toml,
                "[[storage]]\nid = \"w{i:07x}\"\nname = \"Dav {i}\"\nprovider = \"webdav\"\nremote = \"dav-{i}\"\npath = \"\"\ncreated_at = \"2026-01-01T00:00:00Z\"\n\n"
            );
            let _ = write!(
                conf,
                "[dav-{i}]\ntype = webdav\nurl = {addr}/\nvendor = other\nuser = u\npass = {obscured}\n\n"
            );
        }
        fs::write(dir.join("storages.toml"), toml)?;
        fs::write(dir.join("rclone.conf"), conf)?;
        let names: Vec<String> = (0..n).map(|i| format!("dav-{i}:")).collect();
        let all = self.interleave(
            |_| self.pluton(&dir, &["storage", "test", "--all"]),
            |_| {
                // n plain listings one after the other, as a shell loop would run them.
                let mut c = Command::new("sh");
                let script = names
                    .iter()
                    .map(|r| format!("\"$0\" --config \"$1\" lsjson --max-depth 1 {r} >/dev/null"))
                    .collect::<Vec<_>>()
                    .join(" && ");
                c.arg("-c").arg(script).arg(&self.rclone).arg(dir.join("rclone.conf"));
                c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
                c
            },
        )?;
        let one = self.compare(&dir, &["storage", "test", "dav-0"], &["lsjson", "--max-depth", "1", "dav-0:"])?;
        let _ = server.kill();
        let _ = server.wait();
        Ok((all, one))
    }
}

fn time(command: &mut Command) -> Result<f64> {
    let start = Instant::now();
    let status = command.status()?;
    let elapsed = start.elapsed();
    if !status.success() {
        return Err(format!("{command:?} failed: {status}").into());
    }
    Ok(elapsed.as_secs_f64())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Peak resident memory of one run, from GNU time when the machine has it.
fn peak_rss_mb(dir: &Path, args: &[&str]) -> Option<f64> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M", PLUTON])
        .args(args)
        .env("PLUTON_CONFIG_DIR", dir)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    text.lines().last()?.trim().parse::<f64>().ok().map(|kb| kb / 1024.0)
}

fn obscure(rclone: &Path, plain: &str) -> Result<String> {
    use std::io::Write;
    let mut child = Command::new(rclone)
        .args(["obscure", "-", "--config", "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    child.stdin.take().ok_or("stdin")?.write_all(plain.as_bytes())?;
    Ok(String::from_utf8(child.wait_with_output()?.stdout)?.trim().to_string())
}

fn render(rows: &[Row], smoke: bool) -> String {
    let mut out = String::from("| figure | pluton | rclone | result | target | met |\n|---|---|---|---|---|---|\n");
    for r in rows {
        let ms = |s: f64| if s.is_nan() { "-".to_string() } else { format!("{:.1} ms", s * 1000.0) };
        let (pluton, rclone) =
            if r.unit == "MB" { (format!("{:.1} MB", r.pluton), "-".into()) } else { (ms(r.pluton), ms(r.rclone)) };
        let target = r.target.map_or("-".into(), |(op, v)| format!("{op} {v}{}", r.unit));
        let met = match (smoke, r.met()) {
            (true, _) => "(smoke)",
            (false, Some(true)) => "yes",
            (false, Some(false)) => "**no**",
            (false, None) => "-",
        };
        let _ = writeln!(out, "| {} | {pluton} | {rclone} | {:.2}{} | {target} | {met} |", r.figure, r.value, r.unit);
    }
    out
}

fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    format!("{cores} cores ({cpu})")
}

fn version(rclone: &Path) -> String {
    Command::new(rclone)
        .args(["version", "--config", "/dev/null"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).lines().next().map(str::to_string))
        .unwrap_or_default()
}
