// The trainer's "time left", from wall-clock time measured on the page between progress
// messages (so the gaps between the worker's chunks, message passing and a busy tab are
// all in it), plus the held-out evaluation the worker runs at every epoch end. Pure
// functions over a small state object; the caller supplies the times.
//
//   let s = eta_start();
//   s = eta_observe(s, { type: 'run_start' | 'progress' | 'epoch_end' | 'run_end', time_s, step });
//   eta_seconds(s, { steps_left, epoch_ends_left, eval_steps_guess }) -> seconds or null

// Weight of the newest measurement in the running averages: the estimate follows a
// change of speed within a few chunks without jumping at every one.
const smoothing = 0.3;
// Chunks measured before an estimate is shown (the first ones include warm-up).
const min_measured_chunks = 5;

export function eta_start() {
    return {
        base_time_s: null, // when the last measured interval ended (null: not running)
        base_step: null,
        seconds_per_step: null,
        measured_chunks: 0,
        eval_seconds: null, // one held-out evaluation
        last_progress_time_s: null,
    };
}

function blend(old_value, new_value) {
    return old_value === null ? new_value : (1 - smoothing) * old_value + smoothing * new_value;
}

export function eta_observe(state, { type, time_s, step }) {
    const s = { ...state };
    if (type === 'run_start') {
        s.base_time_s = time_s;
        s.base_step = step;
        s.last_progress_time_s = null;
    } else if (type === 'run_end') {
        s.base_time_s = null;
        s.base_step = null;
        s.last_progress_time_s = null;
    } else if (type === 'progress') {
        if (s.base_time_s !== null && step > s.base_step && time_s > s.base_time_s) {
            s.seconds_per_step = blend(s.seconds_per_step, (time_s - s.base_time_s) / (step - s.base_step));
            s.measured_chunks += 1;
        }
        s.base_time_s = time_s;
        s.base_step = step;
        s.last_progress_time_s = time_s;
    } else if (type === 'epoch_end') {
        // The worker evaluates right after the epoch's last progress message.
        if (s.last_progress_time_s !== null && time_s >= s.last_progress_time_s)
            s.eval_seconds = blend(s.eval_seconds, time_s - s.last_progress_time_s);
        if (s.base_time_s !== null) {
            s.base_time_s = time_s;
            s.base_step = step;
        }
        s.last_progress_time_s = null;
    }
    return s;
}

// Seconds left, or null while there is nothing honest to say (stopped, too few steps
// measured, or nothing left). eval_steps_guess: an evaluation's cost in training steps,
// used until one evaluation was measured.
export function eta_seconds(state, { steps_left, epoch_ends_left, eval_steps_guess = 0 }) {
    if (state.base_time_s === null || state.seconds_per_step === null) return null;
    if (state.measured_chunks < min_measured_chunks) return null;
    if (steps_left <= 0 && epoch_ends_left <= 0) return null;
    const eval_seconds = state.eval_seconds ?? eval_steps_guess * state.seconds_per_step;
    return Math.max(0, steps_left) * state.seconds_per_step + Math.max(0, epoch_ends_left) * eval_seconds;
}
