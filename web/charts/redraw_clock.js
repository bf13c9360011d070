// One clock for the live redraws of a view (charts, progress text): everything that
// asked for a redraw since the last tick is drawn in a single task, so it costs the
// browser a single frame. A frame costs more than its drawing: style, paint, commit and
// compositing took about 6 ms of the main thread plus 3 ms of the compositor's on the
// 2-core machine, whatever changed. While the trainer plays, that time is taken from
// the training workers, and a team step waits for its slowest member.
// Ticks are at least interval_ms apart, but the first request after a quiet interval is
// drawn at once (in the next task): the learner who presses Train sees the first step
// when it arrives, not an interval later. A flush (a run that stopped, or the model
// replaced as Train builds a new one) draws at once without moving the ticks, so it
// does not hold back the next run's first draw. now(): the time in ms (tests mock it).
export function create_redraw_clock(interval_ms, { now = () => performance.now() } = {}) {
    const pending = new Map(); // key -> draw(), in the order first asked
    let timer = null;
    let last_tick_ms = -Infinity;

    function draw_pending() {
        timer = null;
        const draws = [...pending.values()];
        pending.clear();
        for (const draw of draws) draw();
    }
    function tick() {
        last_tick_ms = now();
        draw_pending();
    }

    return {
        // Draws with draw() at the next tick; asking again before it replaces the draw.
        request(key, draw) {
            pending.set(key, draw);
            timer ??= setTimeout(tick, Math.max(0, last_tick_ms + interval_ms - now()));
        },
        // Draws everything pending now (a run that ended shows its last state at once).
        flush() {
            if (timer === null) return;
            clearTimeout(timer);
            draw_pending();
        },
        // Drops what is pending (a finished run draws its result instead).
        clear() {
            pending.clear();
            if (timer !== null) clearTimeout(timer);
            timer = null;
        },
    };
}
