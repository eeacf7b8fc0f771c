//! A list worked through by `jobs` threads, the answers in the list's order: how pluton asks one
//! `rclone rcd` about many storages at once (their checks, their quotas).

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of every item, at most `jobs` at a time (at least one), in the items' order.
pub fn map_in_order<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let jobs = jobs.clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { return };
                    let answer = f(item);
                    done.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((i, answer));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, answer)| answer).collect()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    #[test]
    fn answers_come_in_the_items_order_whatever_finishes_first() {
        let items: Vec<u64> = (0..20).collect();
        for jobs in [0, 1, 3, 50] {
            let answers = super::map_in_order(&items, jobs, |&n| {
                std::thread::sleep(Duration::from_millis((20 - n) % 7));
                n * 2
            });
            assert_eq!(answers, items.iter().map(|n| n * 2).collect::<Vec<_>>(), "jobs {jobs}");
        }
        assert!(super::map_in_order(&Vec::<u8>::new(), 4, |_| 1).is_empty());
    }
}
