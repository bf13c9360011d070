// One clock for the live redraws of a view (charts, progress text): everything that
// asked for a redraw since the last tick is drawn in a single task, so it costs the
// browser a single frame. A frame costs more than its drawing: style, paint, commit and
// compositing took about 6 ms of the main thread plus 3 ms of the compositor's on the
// 2-core machine, whatever changed. While the trainer plays, that time is taken from
// the training workers, and a team step waits for its slowest member.
export function create_redraw_clock(interval_ms) {
    const pending = new Map(); // key -> draw(), in the order first asked
    let timer = null;

    function tick() {
        timer = null;
        const draws = [...pending.values()];
        pending.clear();
        for (const draw of draws) draw();
    }

    return {
        // Draws with draw() at the next tick; asking again before it replaces the draw.
        request(key, draw) {
            pending.set(key, draw);
            timer ??= setTimeout(tick, interval_ms);
        },
        // Draws everything pending now (a run that ended shows its last state at once).
        flush() {
            if (timer === null) return;
            clearTimeout(timer);
            tick();
        },
        // Drops what is pending (a finished run draws its result instead).
        clear() {
            pending.clear();
            if (timer !== null) clearTimeout(timer);
            timer = null;
        },
    };
}
