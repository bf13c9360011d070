// Commits to a learning platform, no more often than it tolerates: a request commits at
// once when the last commit is at least min_interval_ms old; otherwise one trailing
// commit is made when the interval is up, however many requests came in between. flush()
// commits now, pending or not (the page is going away). The clock and timers are passed
// in, so tests can move time.
export function create_commit_throttle(commit, { min_interval_ms, now, set_timer, clear_timer }) {
    let last_commit_ms = -Infinity;
    let timer = null;

    function run() {
        timer = null;
        last_commit_ms = now();
        commit();
    }

    return {
        request() {
            if (timer !== null) return; // the trailing commit will carry this request too
            const wait_ms = last_commit_ms + min_interval_ms - now();
            if (wait_ms <= 0) run();
            else timer = set_timer(run, wait_ms);
        },
        flush() {
            if (timer !== null) clear_timer(timer);
            run();
        },
        cancel() {
            if (timer !== null) clear_timer(timer);
            timer = null;
        },
    };
}
