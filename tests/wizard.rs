//! The wizard, driven through a pseudo-terminal as a person would: arrow keys, typing, Enter.

use std::fs;

use rexpect::session::{PtySession, spawn_command};

use crate::support::oauth::{OAuthServer, Options};
use crate::support::pty::{COLUMNS, Terminal};
use crate::support::servers::Served;
use crate::support::{Run, TestResult, World};

const DOWN: &str = "\x1b[B";

fn pty(run: Run) -> PtySession {
    spawn_command(run.into_command(), Some(30_000)).expect("starting pluton in a pseudo-terminal")
}

/// Types `text` (rexpect buffers what is sent until it is flushed).
fn keys(session: &mut PtySession, text: &str) -> Result<(), rexpect::error::Error> {
    session.send(text)?;
    session.flush()
}

fn exit_code(session: &mut PtySession) -> Option<i32> {
    let _ = session.exp_eof();
    match session.process().wait() {
        Ok(rexpect::process::WaitStatus::Exited(_, code)) => Some(code),
        _ => None,
    }
}

#[test]
fn a_webdav_storage_from_prompts_is_verified_and_saved() -> TestResult {
    let world = World::new();
    let server = Served::webdav(&world.path().join("dav"), "alice", "wizard-pass");
    let mut p = pty(world.pluton(["storage", "add"]));
    p.exp_string("Provider")?;
    keys(&mut p, "webdav")?;
    p.exp_string("webdav")?;
    keys(&mut p, "\r")?;
    p.exp_string("Storage name")?;
    p.send_line("My NAS")?;
    p.exp_string("rclone will know it as my-nas:")?;
    p.exp_string("url")?;
    p.send_line(&server.url())?;
    p.exp_string("vendor")?;
    p.send_line("other")?;
    p.exp_string("user")?;
    p.send_line("alice")?;
    p.exp_string("Set pass?")?;
    keys(&mut p, "y")?;
    p.exp_string("pass")?;
    p.send_line("wizard-pass")?;
    p.exp_string("Set bearer_token?")?;
    keys(&mut p, "n")?;
    p.exp_string("Edit advanced options?")?;
    keys(&mut p, "n")?;
    p.exp_string("added \"My NAS\" as my-nas:")?;
    assert_eq!(exit_code(&mut p), Some(0));
    let conf = world.conf();
    assert!(conf.contains("[my-nas]\ntype = webdav\n") && conf.contains("user = alice\n"), "{conf}");
    assert!(!conf.contains("wizard-pass"), "the password is stored obscured");
    Ok(())
}

#[test]
fn a_taken_name_is_asked_again() -> TestResult {
    let world = World::new();
    world.pluton(["storage", "add", "memory", "--name", "Taken", "--no-test"]).run().success();
    let mut p = pty(world.pluton(["storage", "add", "memory", "--no-test"]));
    p.exp_string("Storage name")?;
    p.send_line("TAKEN")?;
    p.exp_string("already exists")?;
    p.send_line("Fresh")?;
    p.exp_string("Edit advanced options?")?;
    keys(&mut p, "n")?;
    p.exp_string("added \"Fresh\"")?;
    assert_eq!(exit_code(&mut p), Some(0));
    assert_eq!(world.list().len(), 2);
    Ok(())
}

#[test]
fn a_box_token_of_20_kib_is_pasted_and_stored_byte_exact() -> TestResult {
    // The menu's order depends on port 53682 being free (a sign-in test may hold it).
    let _port = crate::support::browser::port_53682();
    let world = World::new();
    let token = format!(
        r#"{{"access_token":"{}","token_type":"Bearer","expiry":"2030-01-01T00:00:00Z"}}"#,
        "t".repeat(20 * 1024)
    );
    let mut p = pty(world.pluton(["storage", "add", "box", "--name", "Box", "--no-test"]));
    p.exp_string("How do you want to sign in?")?;
    keys(&mut p, DOWN)?;
    keys(&mut p, DOWN)?;
    keys(&mut p, "\r")?;
    p.exp_string("rclone authorize \"box\"")?;
    p.exp_string("(waiting for the paste)")?;
    keys(&mut p, &format!("Paste the following into your remote machine --->\n{token}\n<---End paste\n"))?;
    p.exp_string("received")?;
    p.exp_string("Edit advanced options?")?;
    keys(&mut p, "n")?;
    p.exp_string("added \"Box\"")?;
    assert_eq!(exit_code(&mut p), Some(0));
    assert!(world.conf().contains(&format!("token = {token}\n")), "the 20 KiB token is stored whole");
    Ok(())
}

#[test]
fn advanced_options_are_offered_and_validated() -> TestResult {
    let world = World::new();
    let file = world.path().join("token.json");
    fs::write(&file, r#"{"access_token":"a","token_type":"Bearer"}"#)?;
    let run = world.pluton(["storage", "add", "box", "--name", "Box", "--no-test", "--token-file"]).arg(&file);
    let mut p = pty(run);
    p.exp_string("Edit advanced options?")?;
    keys(&mut p, "y")?;
    p.exp_string("Option to change")?;
    keys(&mut p, "upload_cutoff")?;
    p.exp_string("upload_cutoff")?;
    keys(&mut p, "\r")?;
    p.exp_string("Cutoff")?;
    p.send_line("10M")?;
    p.exp_string("at least 50Mi")?;
    p.send_line("64Mi")?;
    p.exp_string("Option to change")?;
    keys(&mut p, "\r")?;
    p.exp_string("added \"Box\"")?;
    assert_eq!(exit_code(&mut p), Some(0));
    assert!(world.conf().contains("upload_cutoff = 64Mi\n"), "{}", world.conf());
    Ok(())
}

#[test]
fn onedrive_asks_which_of_two_drives() -> TestResult {
    let world = World::new();
    let provider = OAuthServer::start(Options {
        drives: vec![("b!one".into(), "business".into()), ("b!two".into(), "business".into())],
        ..Options::default()
    });
    let file = world.path().join("token.json");
    fs::write(&file, r#"{"access_token":"a","token_type":"Bearer","expiry":"2099-01-01T00:00:00Z"}"#)?;
    let run = world.pluton(["storage", "add", "onedrive", "--name", "Work", "--token-file"]).arg(&file);
    let run = provider.env_for("onedrive").into_iter().fold(run, |r, (k, v)| r.env(k, v));
    let mut p = pty(run);
    p.exp_string("Drive type")?;
    keys(&mut p, DOWN)?;
    keys(&mut p, "\r")?;
    p.exp_string("Region")?;
    keys(&mut p, "\r")?;
    p.exp_string("Edit advanced options?")?;
    keys(&mut p, "n")?;
    p.exp_string("Which drive?")?;
    keys(&mut p, DOWN)?;
    keys(&mut p, "\r")?;
    p.exp_string("added \"Work\"")?;
    assert_eq!(exit_code(&mut p), Some(0));
    let conf = world.conf();
    assert!(conf.contains("drive_id = b!two\n") && conf.contains("drive_type = business\n"), "{conf}");
    Ok(())
}

/// Brings pluton to a prompt with `to_prompt`, presses Ctrl-C there, and checks what the
/// person's shell gets back: exit 130, no file changed, the cursor shown again after any
/// prompt hid it, and echo and line editing on.
fn ctrl_c_at(
    world: &World,
    run: Run,
    to_prompt: impl FnOnce(&mut Terminal) -> Result<(), rexpect::error::Error>,
) -> TestResult {
    let before = world.snapshot();
    let mut term = Terminal::start(run);
    to_prompt(&mut term)?;
    term.ctrl_c()?;
    let code = term.finish();
    let screen = term.seen.escape_debug().to_string();
    assert_eq!(code, Some(130), "{screen}");
    assert!(term.cursor_shown(), "the cursor is left hidden: {screen}");
    assert!(term.cooked_with_echo(), "the terminal is left without echo or line editing: {screen}");
    assert_eq!(world.snapshot(), before);
    Ok(())
}

#[test]
fn ctrl_c_at_the_provider_list_restores_the_terminal() -> TestResult {
    let world = World::new();
    world.write_conf("[keep]\ntype = memory\n");
    ctrl_c_at(&world, world.pluton(["storage", "add"]), |t| {
        t.expect("Provider (type to search)")?;
        t.expect("combine")
    })
}

#[test]
fn ctrl_c_at_the_sign_in_method_list_restores_the_terminal() -> TestResult {
    let world = World::new();
    ctrl_c_at(&world, world.pluton(["storage", "add", "box", "--name", "Box", "--no-test"]), |t| {
        t.expect("How do you want to sign in?")?;
        t.expect("Paste a token")
    })
}

#[test]
fn ctrl_c_at_a_yes_no_question_restores_the_terminal() -> TestResult {
    let world = World::new();
    ctrl_c_at(&world, world.pluton(["storage", "add", "memory", "--name", "M", "--no-test"]), |t| {
        t.expect("Edit advanced options?")
    })
}

#[test]
fn ctrl_c_at_the_advanced_option_list_restores_the_terminal() -> TestResult {
    let world = World::new();
    let file = world.path().join("token.json");
    fs::write(&file, r#"{"access_token":"a","token_type":"Bearer"}"#)?;
    let run = world.pluton(["storage", "add", "box", "--name", "Box", "--no-test", "--token-file"]).arg(&file);
    ctrl_c_at(&world, run, |t| {
        t.expect("Edit advanced options?")?;
        t.keys("y")?;
        t.expect("Option to change")?;
        t.expect("upload_cutoff")
    })
}

#[test]
fn ctrl_c_at_a_text_prompt_restores_the_terminal() -> TestResult {
    let world = World::new();
    world.write_conf("[keep]\ntype = memory\n");
    ctrl_c_at(&world, world.pluton(["storage", "add", "memory"]), |t| t.expect("Storage name"))
}

#[test]
fn ctrl_c_at_a_password_prompt_turns_echo_back_on() -> TestResult {
    let world = World::new();
    world.write_conf("[keep]\ntype = memory\n");
    ctrl_c_at(&world, world.pluton(["config", "encrypt"]), |t| t.expect("New password for rclone.conf"))
}

#[test]
fn ctrl_c_while_waiting_for_a_paste_restores_the_terminal() -> TestResult {
    // The menu's order depends on port 53682 being free (a sign-in test may hold it).
    let _port = crate::support::browser::port_53682();
    let world = World::new();
    ctrl_c_at(&world, world.pluton(["storage", "add", "box", "--name", "Box", "--no-test"]), |t| {
        t.expect("How do you want to sign in?")?;
        t.keys(DOWN)?;
        t.keys(DOWN)?;
        t.keys("\r")?;
        t.expect("(waiting for the paste)")
    })
}

/// dialoguer clears a list by counting lines; a line wider than the terminal wraps into two
/// rows, so the count falls short and rows of the list stayed above the "✔ Provider" answer.
#[test]
fn a_chosen_provider_leaves_no_lines_of_the_list_behind() -> TestResult {
    let world = World::new();
    let mut term = Terminal::start(world.pluton(["storage", "add"]));
    term.expect("Provider (type to search)")?;
    term.keys("web")?;
    term.expect("swift")?;
    term.keys("\r")?;
    term.expect("Storage name")?;
    term.ctrl_c()?;
    term.finish();
    let widest = term.widest_line();
    assert!(widest <= COLUMNS, "a {widest}-character line wraps in {COLUMNS} columns:\n{}", term.seen);
    Ok(())
}

#[test]
fn without_a_terminal_nothing_is_asked() {
    let world = World::new();
    world.pluton(["storage", "add"]).run().code(2).stderr_has("storage add box");
    world.pluton(["storage", "add", "box"]).run().code(2).stderr_has("--name");
}

#[test]
fn putio_browser_sign_in_from_the_wizard() -> TestResult {
    let _port = crate::support::browser::port_53682();
    let world = World::new();
    let provider = OAuthServer::start(Options { no_refresh: true, ..Options::default() });
    let run = world.pluton(["storage", "add", "putio", "--name", "Putio", "--no-test"]);
    let mut p = pty(provider.env_for("putio").into_iter().fold(run, |r, (k, v)| r.env(k, v)));
    p.exp_string("How do you want to sign in?")?;
    // Without a browser here, the code on another device comes first; the browser is next.
    p.exp_string("Enter a code on another device")?;
    keys(&mut p, DOWN)?;
    keys(&mut p, "\r")?;
    p.exp_string("Edit advanced options?")?;
    keys(&mut p, "n")?;
    let (_, link) = p.exp_regex(r"http://127\.0\.0\.1:53682/auth\?state=[A-Za-z0-9_-]+")?;
    crate::support::browser::sign_in(&link);
    p.exp_string("added \"Putio\"")?;
    assert_eq!(exit_code(&mut p), Some(0));
    assert!(world.conf().contains(provider.issued()[0]["access_token"].as_str().unwrap_or("?")));
    Ok(())
}

/// With port 53682 taken the wizard says so and offers only the ways that need no port here:
/// the code on another device first (put.io has one), then the paste; no browser, no link.
#[test]
fn a_taken_port_53682_leaves_the_browser_out_of_the_wizard() -> TestResult {
    let _port = crate::support::browser::port_53682();
    let holder = std::net::TcpListener::bind("127.0.0.1:53682")?;
    let world = World::new();
    let mut p = pty(world.pluton(["storage", "add", "putio", "--name", "Putio", "--no-test"]));
    p.exp_string("port 53682 is in use")?;
    p.exp_string("How do you want to sign in?")?;
    let menu = p.exp_string("Paste a token")?;
    assert!(menu.contains("Enter a code on another device"), "{menu}");
    assert!(!menu.contains("browser on this machine") && !menu.contains("link only"), "{menu}");
    keys(&mut p, DOWN)?;
    keys(&mut p, "\r")?;
    p.exp_string("(waiting for the paste)")?;
    keys(&mut p, "{\"access_token\":\"pasted\",\"token_type\":\"Bearer\",\"expiry\":\"0001-01-01T00:00:00Z\"}\n\n")?;
    p.exp_string("Edit advanced options?")?;
    keys(&mut p, "n")?;
    p.exp_string("added \"Putio\"")?;
    assert_eq!(exit_code(&mut p), Some(0));
    drop(holder);
    assert!(world.conf().contains("\"access_token\":\"pasted\""), "{}", world.conf());
    Ok(())
}

#[test]
fn a_failed_check_offers_to_save_anyway_or_quit() -> TestResult {
    let world = World::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let url = format!("url=http://127.0.0.1:{closed}/");
    let mut p = failing_webdav(&world, "Later", &url)?;
    keys(&mut p, DOWN)?;
    keys(&mut p, DOWN)?;
    keys(&mut p, "\r")?;
    p.exp_string("saved without a working check")?;
    assert_eq!(exit_code(&mut p), Some(0));
    assert_eq!(world.list().len(), 1);

    let before = world.snapshot();
    let mut p = failing_webdav(&world, "Never", &url)?;
    for _ in 0..3 {
        keys(&mut p, DOWN)?;
    }
    keys(&mut p, "\r")?;
    p.exp_string("nothing was saved")?;
    assert_eq!(exit_code(&mut p), Some(0));
    assert_eq!(world.snapshot(), before);
    Ok(())
}

/// A webdav add whose check fails, answered up to the "What now?" question.
fn failing_webdav(world: &World, name: &str, url: &str) -> Result<PtySession, rexpect::error::Error> {
    let mut p = pty(world.pluton(["storage", "add", "webdav", "--name", name, "--set", url, "--set", "vendor=other"]));
    p.exp_string("user")?;
    keys(&mut p, "\r")?;
    p.exp_string("Set pass?")?;
    keys(&mut p, "n")?;
    p.exp_string("Set bearer_token?")?;
    keys(&mut p, "n")?;
    p.exp_string("Edit advanced options?")?;
    keys(&mut p, "n")?;
    p.exp_string("What now?")?;
    Ok(p)
}

#[test]
fn list_on_a_terminal_never_asks_for_the_rclone_conf_password() -> TestResult {
    let world = World::new();
    world.write_conf("[enc]\ntype = memory\n");
    world.pluton(["storage", "import", "enc"]).run().success();
    world.pluton(["config", "encrypt"]).env("RCLONE_CONFIG_PASS", "pw").run().success();
    let mut p = pty(world.pluton(["storage", "list"]));
    p.exp_string("token status unavailable")?;
    p.exp_string("enc")?;
    assert_eq!(exit_code(&mut p), Some(0));
    Ok(())
}
