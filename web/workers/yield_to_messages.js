// Resolves once the messages already queued for this worker (a pause, a cancel) have had
// their turn: a task, not a microtask. Not setTimeout(0): HTML clamps a timer set from
// inside a timer callback nested five deep to 4 ms, and a worker that computes between
// such yields nests them without end. The trainer's worker training alone lost a median
// 4.4 ms after every 60 ms chunk that way (Chromium 156). A message the worker sends
// itself is not clamped.
let channel = null;
const waiting = [];

export function yield_to_messages() {
    if (!channel) {
        channel = new MessageChannel();
        channel.port1.onmessage = () => waiting.shift()?.();
    }
    return new Promise((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
    });
}
