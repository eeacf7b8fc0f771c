//! Child processes that die with everything they started. On Unix each child leads a process
//! group of its own and the group gets SIGKILL. Windows has no process groups: each child is
//! put in a job object created with "kill on job close", and terminating the job (or closing
//! its last handle, which the OS also does when pluton itself dies, however it dies) ends the
//! child and every process it started.

use std::io;
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

/// What names a group (the leader's pid on both systems).
pub type GroupId = u32;

/// Starts `cmd` as the leader of a group of its own.
pub fn spawn_group(cmd: &mut Command) -> io::Result<(Child, GroupId)> {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let child = cmd.process_group(0).spawn()?;
        let id = child.id();
        Ok((child, id))
    }
    #[cfg(windows)]
    {
        let child = cmd.spawn()?;
        let id = child.id();
        // A process started before the assignment below could escape the job; rclone starts
        // none that early (only a browser helper, much later), so spawning suspended is not
        // worth the hand-written CreateProcess it would take.
        if let Err(err) = jobs::adopt(&child) {
            let mut child = child;
            let _ = child.kill();
            let _ = child.wait();
            return Err(err);
        }
        Ok((child, id))
    }
}

/// Kills the group: the leader and everything it started. A group already gone is no error.
pub fn kill_group(id: GroupId) {
    #[cfg(unix)]
    #[allow(unsafe_code)]
    {
        let Ok(pgid) = i32::try_from(id) else { return };
        // SAFETY: killpg only sends a signal; a stale group id at worst yields ESRCH.
        unsafe {
            libc::killpg(pgid, libc::SIGKILL);
        }
    }
    #[cfg(windows)]
    {
        jobs::terminate(id);
    }
}

/// Waits (until `deadline`) for each group's leader to be gone for good, so that what it held,
/// such as rclone authorize's port 53682, is free when pluton exits. A kill is delivered
/// asynchronously on both systems.
pub fn wait_gone(ids: &[GroupId], deadline: Instant) {
    for &id in ids {
        while Instant::now() < deadline && leader_running(id) {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

#[cfg(target_os = "linux")]
fn leader_running(id: GroupId) -> bool {
    // A killed child stays a zombie until it is reaped, which `kill(pid, 0)` cannot tell apart
    // from a running one; /proc can.
    std::fs::read_to_string(format!("/proc/{id}/stat"))
        .is_ok_and(|s| !s.rsplit(')').next().is_some_and(|r| r.trim_start().starts_with('Z')))
}

#[cfg(not(target_os = "linux"))]
fn leader_running(id: GroupId) -> bool {
    super::fs::process_alive(id)
}

/// The system's shell and its arguments to run `command` line as a person typed it: `/bin/sh
/// -c` on Unix, `cmd.exe /C` on Windows.
pub fn shell(command: &str) -> (std::path::PathBuf, Vec<std::ffi::OsString>) {
    if cfg!(windows) {
        let cmd = std::env::var_os("ComSpec").filter(|c| !c.is_empty()).unwrap_or_else(|| "cmd.exe".into());
        (cmd.into(), vec!["/C".into(), command.into()])
    } else {
        ("/bin/sh".into(), vec!["-c".into(), command.into()])
    }
}

/// The exit code as a shell reports it: the code, or 128 + the signal that ended the process.
pub fn shell_code(status: ExitStatus) -> Option<i32> {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        status.code().or_else(|| status.signal().map(|s| 128 + s))
    }
    #[cfg(not(unix))]
    {
        status.code()
    }
}

#[cfg(windows)]
mod jobs {
    //! The job object of each running child, by its pid.
    use std::collections::HashMap;
    use std::io;
    use std::os::windows::io::AsRawHandle;
    use std::process::Child;
    use std::sync::Mutex;

    use win32job::{ExtendedLimitInfo, Job};

    static JOBS: Mutex<Option<HashMap<u32, Job>>> = Mutex::new(None);

    pub fn adopt(child: &Child) -> io::Result<()> {
        let mut info = ExtendedLimitInfo::new();
        info.limit_kill_on_job_close();
        let job = Job::create_with_limit_info(&info).map_err(io::Error::other)?;
        job.assign_process(child.as_raw_handle() as isize).map_err(io::Error::other)?;
        if let Ok(mut jobs) = JOBS.lock() {
            jobs.get_or_insert_with(HashMap::new).insert(child.id(), job);
        }
        Ok(())
    }

    pub fn terminate(id: u32) {
        let job = JOBS.lock().ok().and_then(|mut jobs| jobs.as_mut().and_then(|j| j.remove(&id)));
        // Closing the last handle of a kill-on-close job terminates every process in it.
        drop(job);
    }
}
