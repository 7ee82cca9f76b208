//! Writing a file so that a failure never leaves it half written.

use std::fs::File;
use std::io::{self, BufWriter, Write as _};
use std::path::Path;

/// Writes a file atomically: the content goes to a temporary file beside `path`
/// (`.NAME.PID.tmp`, in the same directory so that the rename stays on one file
/// system), is flushed and synced to disk, then renamed over `path`.
///
/// When anything fails — the disk is full, a file-size limit is reached, the
/// directory is read-only, `write` returns an error — the temporary file is removed
/// and `path` keeps its old content (or stays absent).
///
/// ```
/// use std::io::Write as _;
///
/// let dir = std::env::temp_dir().join(format!("thidua-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("dataset.json");
/// thidua::write_atomically(&path, |w| w.write_all(b"{}"))?;
/// let failed = thidua::write_atomically(&path, |w| {
///     w.write_all(b"{\"half")?;
///     Err(std::io::Error::other("interrupted"))
/// });
/// assert!(failed.is_err());
/// assert_eq!(std::fs::read(&path)?, b"{}");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
/// The first I/O error met, or the one `write` returns.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut w = BufWriter::new(File::create(&temp)?);
        write(&mut w)?;
        w.flush()?;
        let file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("thidua-atomic-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn entries(d: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failure_half_way_keeps_the_old_file_and_leaves_no_temporary_file() {
        let d = dir("half");
        let path = d.join("data.json");
        std::fs::write(&path, "old").unwrap();
        let err = write_atomically(&path, |w| {
            w.write_all(&[b'x'; 100_000])?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(entries(&d), ["data.json"]);
        write_atomically(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(&d), ["data.json"]);
    }

    #[test]
    fn a_target_that_cannot_be_replaced_is_left_as_it_is() {
        let d = dir("target");
        // A directory in the way of the rename.
        let path = d.join("out");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), "kept").unwrap();
        assert!(write_atomically(&path, |w| w.write_all(b"x")).is_err());
        assert_eq!(
            std::fs::read_to_string(path.join("inside")).unwrap(),
            "kept"
        );
        assert_eq!(entries(&d), ["out"]);
        // A directory that does not exist.
        assert!(write_atomically(&d.join("missing/out.csv"), |w| w.write_all(b"x")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_directory_keeps_its_file() {
        use std::os::unix::fs::PermissionsExt as _;
        let d = dir("readonly");
        let path = d.join("members.csv");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o555)).unwrap();
        let result = write_atomically(&path, |w| w.write_all(b"new"));
        // The superuser may write anywhere: then the write succeeds whole.
        let expected = if result.is_ok() { "new" } else { "old" };
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(entries(&d), ["members.csv"]);
    }
}
