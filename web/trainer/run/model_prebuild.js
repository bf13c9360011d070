// The network on screen is built in the workers while the learner reads, so that Train
// starts training at once: the trainer worker's prebuild request (trainer_worker.js) makes
// the model, and the training helpers their copies, ahead of the create that Train sends.
// A new model is mostly fresh memory (47 MiB per worker for seed-keras), which costs
// a page fault per 4 KiB page when first written: in Chromium on a 2-core virtual machine
// that took 90-240 ms per worker after the click.
//
// It starts once the Train button has been on screen (a page opened on the learn
// chapters builds nothing), asks again after edits (once typing pauses) and after a model
// change, and asks for nothing while the worker's model is already the network on screen.
// The model is the same either way: a config, its seed included, makes the same weights.
//
//   const prebuild = create_model_prebuild(view, { get_client, ready, busy });
//   busy(): true while Play, Step or Reset is making the model itself
//   prebuild.update()   after an edit, a model change, new data or the end of a run
import { model_key } from './model_key.js';
import { check_plan, plan_to_config } from '../trainer_state.js';

const after_edit_ms = 400;

export function create_model_prebuild(view, { get_client, ready, busy }) {
    const { state, relu_lab, control } = view;
    let wanted = typeof IntersectionObserver !== 'function'; // no observer: build at once
    let timer = null;
    let asked = null; // { key, data }: what was last asked for (key null: no model wanted), on which data

    async function ask() {
        timer = null;
        if (!wanted || state.running) return;
        await ready;
        if (busy() || state.running) return; // (asked again when its model changes or its run ends)
        const plan = state.plan;
        const current = state.has_model && state.model_key === model_key(plan);
        const key = current || check_plan(plan, relu_lab).length > 0 ? null : model_key(plan);
        if (asked && asked.key === key && asked.data === state.data) return;
        const data = state.data;
        const result = await get_client()
            .request('prebuild', { config: key === null ? null : plan_to_config(plan, relu_lab) })
            .catch(() => null);
        // Not built (training had started, say): asked again at the next update.
        if (result?.ok && (key === null || result.built)) asked = { key, data };
    }

    function update() {
        clearTimeout(timer);
        timer = setTimeout(ask, after_edit_ms);
    }

    if (!wanted) {
        const observer = new IntersectionObserver((entries) => {
            if (!entries.some((e) => e.isIntersecting)) return;
            observer.disconnect();
            wanted = true;
            ask();
        });
        observer.observe(control('play'));
    }
    return Object.freeze({ update });
}
