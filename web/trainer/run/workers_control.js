// How many workers train: the trainer's worker and helpers (web/workers/training_team.js),
// one per core by default. The weights come out the same for any number, so the choice
// is only about speed; a lost helper is reported and training goes on with one worker.
// Training uses at most one worker per core (trainer_client.js: training_workers); the
// labs' experiments, independent runs with no step to wait for, use every worker chosen.
import { t } from '../../i18n/i18n.js';
import { default_workers, max_workers, training_workers } from '../trainer_client.js';

export const workers_chosen_event = 'relu-lab:workers-chosen';

export function create_workers_control(view, { get_client, ready }) {
    const { control, $ } = view;
    const select = control('workers');
    const note = $('.trainer-workers-note');
    const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
    let workers = default_workers(); // chosen
    let training = workers; // how many of them train
    let lost = false;

    for (let n = 1; n <= max_workers; n++) {
        const option = document.createElement('option');
        option.value = String(n);
        option.textContent = String(n);
        select.append(option);
    }
    select.value = String(workers);

    function render() {
        const params = { workers, training, cores: Math.max(1, cores) };
        if (lost) note.textContent = t('trainer.workers_lost');
        else if (workers > training) note.textContent = t('trainer.workers_note_over_cores', params);
        else note.textContent = t('trainer.workers_note', params);
    }

    async function apply(n) {
        await ready;
        select.disabled = true;
        try {
            const result = await get_client().set_workers(n);
            training = result?.workers ?? 1;
            // A helper that did not start leaves the choice at what trains.
            workers = training === training_workers(n) ? n : training;
            lost = false;
        } finally {
            select.disabled = false;
            select.value = String(workers);
            render();
        }
    }

    // The learner's choice holds for the labs' experiments too (main.js listens).
    select.addEventListener('change', () => {
        const chosen = Number(select.value);
        select.dispatchEvent(new CustomEvent(workers_chosen_event, { bubbles: true, detail: { workers: chosen } }));
        apply(chosen);
    });
    ready.then((client) =>
        client.on('team_changed', (message) => {
            workers = training = message.workers;
            lost = true;
            select.value = String(workers);
            render();
        })
    );
    render();
    const started = apply(workers).catch(() => null);
    return { relabel: render, started };
}
