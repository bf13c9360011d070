// The one worker protocol (web/bridge/worker_protocol.js, web/workers/worker_module.js),
// against a fake worker: answers find their request by id, progress comes before the
// answer, errors arrive as relu_lab_errors, and events never reach a request.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ask_worker, on_worker_events, start_request } from '../../web/bridge/worker_protocol.js';
import { relu_lab_error } from '../../web/common/relu_lab_error.js';

// A worker whose replies the test writes: posted() lists what the page sent.
function fake_worker() {
    const target = new EventTarget();
    const sent = [];
    return {
        addEventListener: (...args) => target.addEventListener(...args),
        removeEventListener: (...args) => target.removeEventListener(...args),
        postMessage: (message) => sent.push(message),
        reply: (data) => target.dispatchEvent(Object.assign(new Event('message'), { data })),
        sent,
    };
}

test('answers find their request by id, in any order; progress goes to its own request', async () => {
    const worker = fake_worker();
    const progress_a = [];
    const a = start_request(worker, { type: 'run', lab: 'x' }, { on_progress: (p) => progress_a.push(p) });
    const b = start_request(worker, { type: 'status' });
    assert.notEqual(a.id, b.id);
    assert.deepEqual(
        worker.sent.map((m) => [m.id, m.type]),
        [
            [a.id, 'run'],
            [b.id, 'status'],
        ]
    );
    worker.reply({ id: a.id, progress: 0.25 });
    worker.reply({ id: b.id, result: 'b done' });
    worker.reply({ id: a.id, progress: 0.5 });
    worker.reply({ id: a.id, result: 'a done' });
    // Late progress for a finished request is ignored.
    worker.reply({ id: a.id, progress: 0.75 });
    assert.equal(await b.answer, 'b done');
    assert.equal(await a.answer, 'a done');
    assert.deepEqual(progress_a, [0.25, 0.5]);
});

test('an error answer rejects with a relu_lab_error carrying the key and params', async () => {
    const worker = fake_worker();
    const answer = ask_worker(worker, { type: 'run' });
    const { id } = worker.sent[0];
    worker.reply({ id, error: { i18n_key: 'labs.error_no_data', params: { n: 1 } } });
    await assert.rejects(answer, (error) => {
        assert.ok(error instanceof relu_lab_error);
        assert.equal(error.i18n_key, 'labs.error_no_data');
        assert.deepEqual(error.params, { n: 1 });
        return true;
    });
    const unnamed = ask_worker(worker, { type: 'run' });
    worker.reply({ id: worker.sent[1].id, error: {} });
    await assert.rejects(unnamed, (error) => error.i18n_key === 'common.error_unexpected');
});

test('events reach event listeners only, and a listener can be removed', async () => {
    const worker = fake_worker();
    const heard = [];
    const stop = on_worker_events(worker, (name, message) => heard.push([name, message.step]));
    const answer = ask_worker(worker, { type: 'play' });
    worker.reply({ event: 'progress', step: 3 });
    worker.reply({ id: worker.sent[0].id, result: { ok: true } });
    assert.deepEqual(await answer, { ok: true });
    stop();
    worker.reply({ event: 'progress', step: 4 });
    assert.deepEqual(heard, [['progress', 3]]);
});

test('transferables go along with the request', () => {
    const worker = fake_worker();
    const seen = [];
    worker.postMessage = (message, transfer) => seen.push(transfer);
    const buffer = new ArrayBuffer(8);
    start_request(worker, { type: 'load', bytes: buffer }, { transfer: [buffer] });
    assert.deepEqual(seen, [[buffer]]);
});
