// Statements on their way to a learning record store: kept in order in browser storage
// the moment they are made, sent in batches (one POST of an array, oldest first, one
// request at a time), and taken off the queue only when the store has them. Offline, or
// when the store cannot be reached, they wait: the next try comes when the browser is
// back online or after a pause that grows to a minute; a page closed meanwhile leaves
// them in storage for the next launch of the same registration. Resending is safe:
// every statement has its own id, and a store keeps one statement per id.
//
// send_batch(statements, { keepalive }) -> 'sent' | 'retry' | 'refused' | 'blocked'
//   refused: the store will never take them as they are (a malformed batch): they are
//   dropped, so one bad statement cannot block the rest for ever; blocked: the store
//   refuses our credentials: they stay queued, and nothing more is tried this visit.
// group_of(statement): which session it belongs to; a batch never mixes sessions.
// The clock, timers and storage are passed in, so tests can drive them.
const max_batch_statements = 50;
// A page closing may still send (fetch keepalive), up to 64 KiB per request.
const max_keepalive_chars = 60_000;
const debounce_ms = 1_000;
const retry_ms = [2_000, 5_000, 15_000, 60_000];
const max_queued_statements = 5_000;

export function create_statement_queue({
    storage,
    storage_key,
    send_batch,
    set_timer,
    clear_timer,
    group_of = () => null,
    on_change = () => {},
}) {
    let queue = load();
    let ready = false; // the store's address and token are known
    let timer = null;
    let failures = 0;
    let blocked = false; // the store refused our credentials: nothing more this visit
    const in_flight = new Set(); // ids of statements in a request not yet answered
    let retry_ids = null; // a batch whose answer was lost goes again exactly as it was

    function load() {
        try {
            const parsed = JSON.parse(storage?.getItem(storage_key) ?? '[]');
            return Array.isArray(parsed)
                ? parsed.filter((s) => s && typeof s === 'object' && typeof s.id === 'string')
                : [];
        } catch {
            return [];
        }
    }

    function save() {
        try {
            if (queue.length) storage?.setItem(storage_key, JSON.stringify(queue));
            else storage?.removeItem(storage_key);
        } catch {
            // full or unavailable: the queue still holds them for this visit
        }
        on_change(queue.length);
    }

    function schedule(ms) {
        if (timer !== null || !ready || blocked) return;
        timer = set_timer(() => {
            timer = null;
            send_next();
        }, ms);
    }

    // The oldest statements not on their way, all of one session (group_of), so that a
    // store refusing a past session's statements never holds up the present one's.
    function next_batch(keepalive) {
        if (retry_ids && !keepalive) return queue.filter((s) => retry_ids.has(s.id));
        const batch = [];
        let chars = 2;
        for (const statement of queue) {
            if (in_flight.has(statement.id)) continue;
            const size = JSON.stringify(statement).length + 1;
            if (
                batch.length >= max_batch_statements ||
                (keepalive && batch.length > 0 && chars + size > max_keepalive_chars)
            )
                break;
            if (batch.length > 0 && group_of(statement) !== group_of(batch[0])) break;
            batch.push(statement);
            chars += size;
        }
        return batch;
    }

    // One request at a time, except the last one a closing page makes.
    async function send_next({ keepalive = false } = {}) {
        if (!ready || blocked || (in_flight.size > 0 && !keepalive)) return;
        const batch = next_batch(keepalive);
        if (batch.length === 0) return;
        for (const s of batch) in_flight.add(s.id);
        let outcome;
        try {
            outcome = await send_batch(batch, { keepalive });
        } catch {
            outcome = 'retry';
        }
        for (const s of batch) in_flight.delete(s.id);
        if (outcome === 'sent' || outcome === 'refused') {
            const done = new Set(batch.map((s) => s.id));
            queue = queue.filter((s) => !done.has(s.id));
            if (retry_ids && batch.some((s) => retry_ids.has(s.id))) retry_ids = null;
            failures = 0;
            save();
            if (queue.length && !keepalive) send_next();
            return;
        }
        if (outcome === 'blocked') {
            blocked = true;
            return;
        }
        if (!keepalive) retry_ids = new Set(batch.map((s) => s.id));
        failures++;
        schedule(retry_ms[Math.min(failures - 1, retry_ms.length - 1)]);
    }

    return {
        // Statements in the order they happened; stored before anything is sent.
        add(...statements) {
            queue.push(...statements.filter(Boolean));
            if (queue.length > max_queued_statements) queue = queue.slice(queue.length - max_queued_statements);
            save();
            schedule(debounce_ms);
        },
        // The store can be reached now (token known, or the browser back online).
        start() {
            ready = true;
            failures = 0;
            if (timer !== null) clear_timer(timer);
            timer = null;
            send_next();
        },
        // The page is going away: what is not on its way goes in one last request that
        // outlives the page (what does not fit waits in storage for the next launch).
        flush() {
            if (timer !== null) clear_timer(timer);
            timer = null;
            return send_next({ keepalive: true });
        },
        pending: () => queue.length,
        is_blocked: () => blocked,
    };
}
