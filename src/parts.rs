//! Work over a long list shared out among the machine's cores.
//!
//! A national roster is long enough that rolling it up or reviewing it on one core
//! leaves the others idle. [`in_parts`] cuts a list's positions into consecutive
//! runs, works each run on a thread of its own and returns the results in order, so
//! that the caller merges them exactly as one pass would have.

use std::ops::Range;

/// Runs shorter than this are not worth a thread of their own.
#[cfg(not(test))]
pub(crate) const MIN_RUN: usize = 1 << 15;
/// Under test every list of two items or more is shared out, so that the crate's
/// own tests go through the shared-out path.
#[cfg(test)]
pub(crate) const MIN_RUN: usize = 1;

/// The threads worth starting: the machine's cores.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The runs `0..len` is cut into: at most `parts`, each of at least `min_run`
/// positions (but one), consecutive, in order, together covering `0..len`.
pub(crate) fn runs(len: usize, parts: usize, min_run: usize) -> Vec<Range<usize>> {
    let parts = parts.clamp(1, (len / min_run.max(1)).max(1));
    (0..parts)
        .map(|k| len * k / parts..len * (k + 1) / parts)
        .collect()
}

/// `work` applied to each run of `0..len` (see [`runs`]), each run but the last on a
/// thread of its own, the results in the order of the runs. Where a thread cannot
/// be started, its run is worked on the calling thread.
pub(crate) fn in_parts<T: Send>(
    len: usize,
    min_run: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    let mut runs = runs(len, cores(), min_run);
    let last = runs.pop();
    let work = &work;
    std::thread::scope(|scope| {
        let started: Vec<_> = runs
            .into_iter()
            .map(|run| {
                let handle = std::thread::Builder::new()
                    .spawn_scoped(scope, {
                        let run = run.clone();
                        move || work(run)
                    })
                    .ok();
                (run, handle)
            })
            .collect();
        let last = last.map(work);
        let mut out: Vec<T> = started
            .into_iter()
            .map(|(run, handle)| match handle.map(|h| h.join()) {
                Some(Ok(result)) => result,
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => work(run),
            })
            .collect();
        out.extend(last);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn runs_cover_the_list_in_order(len in 0usize..5_000, parts in 0usize..9, min in 0usize..300) {
            let runs = runs(len, parts, min);
            prop_assert!(!runs.is_empty() && runs.len() <= parts.max(1));
            prop_assert_eq!(runs.first().map(|r| r.start), Some(0));
            prop_assert_eq!(runs.last().map(|r| r.end), Some(len));
            for pair in runs.windows(2) {
                prop_assert_eq!(pair[0].end, pair[1].start);
            }
            if runs.len() > 1 {
                prop_assert!(runs.iter().all(|r| r.len() >= min));
            }
        }

        #[test]
        fn parts_give_what_one_pass_gives(items in proptest::collection::vec(any::<u32>(), 0..2_000)) {
            let sums = in_parts(items.len(), 1, |run| {
                items[run].iter().map(|&x| u64::from(x)).sum::<u64>()
            });
            prop_assert_eq!(sums.iter().sum::<u64>(), items.iter().map(|&x| u64::from(x)).sum::<u64>());
            let back: Vec<u32> = in_parts(items.len(), 1, |run| items[run].to_vec()).concat();
            prop_assert_eq!(back, items);
        }
    }
}
