//! One builder for running kith in tests.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The fixed "now" of every test: a Monday afternoon in London.
pub const NOW: &str = "2026-11-23T14:00:00Z";

/// A temporary home for one test's database.
pub struct Kith {
    dir: tempfile::TempDir,
    pub db: PathBuf,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "expected success; stderr: {}", self.stderr);
        self
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

impl Kith {
    pub fn new() -> Kith {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("kith.db");
        Kith { dir, db }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The command, ready to run against this test's database.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kith"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("KITH_DB", &self.db)
            .env("KITH_NOW", NOW)
            .env("KITH_TZ", "Europe/London")
            .env("NO_COLOR", "1")
            .args(args);
        cmd
    }

    /// Another program (such as `script`) with this test's environment.
    pub fn program(&self, program: &str, args: &[&str]) -> Command {
        let kith = self.cmd(&[]);
        let mut cmd = Command::new(program);
        cmd.env_clear().envs(kith.get_envs().filter_map(|(k, v)| v.map(|v| (k, v)))).args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.cmd(args).output().expect("kith runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Everything in the database, as the export prints it, without its time stamp.
    pub fn snapshot(&self) -> Value {
        let mut doc = self.run(&["export"]).ok().json();
        doc.as_object_mut().expect("an object").remove("exported_at");
        doc
    }

    /// A few people to log with.
    pub fn with_people(self) -> Kith {
        self.run(&[
            "person",
            "add",
            "Sam Lee",
            "--circle",
            "friend",
            "--cadence",
            "14",
            "--alias",
            "+44 7700 900123",
        ])
        .ok();
        self.run(&["person", "add", "Priya", "--circle", "family"]).ok();
        self.run(&["person", "add", "Jo", "--circle", "colleague"]).ok();
        self
    }
}
