// The concept labs section: a keyboard-operable tab list of seven labs, each turning one
// claim about ReLU into an experiment on the bundled digits, computed by our C++ core
// in the labs' worker (or, for the worked example, by the kernels directly).
import { apply_translations, on_language_change } from '../i18n/i18n.js';
import { mount_augmentation } from './augmentation.js';
import { mount_backprop_worked_example } from './backprop_worked_example.js';
import { mount_dying_relu } from './dying_relu.js';
import { mount_initialisation } from './initialisation.js';
import { create_lab_client } from './lab_client.js';
import { lab_ids } from './lab_experiments.js';
import { mount_same_seed_ab } from './same_seed_ab.js';
import { mount_sparsity } from './sparsity.js';
import { mount_vanishing_gradients } from './vanishing_gradients.js';

const mounters = {
    vanishing_gradients: mount_vanishing_gradients,
    dying_relu: mount_dying_relu,
    sparsity: mount_sparsity,
    initialisation: mount_initialisation,
    backprop_worked_example: mount_backprop_worked_example,
    same_seed_ab: mount_same_seed_ab,
    augmentation: mount_augmentation,
};

// lab: the one lab an embedding asked for (?lab=dying_relu, read by embed/embed_config.js),
// shown alone without the other tabs; ignored unless it is one of ours.
export function mount_labs(section, { relu_lab, storage = null, client = null, lab = null }) {
    const lab_client = client ?? create_lab_client({ build: relu_lab.build, relu_lab });
    section.querySelector('.loading')?.remove();
    const root = document.createElement('div');
    root.className = 'labs';
    root.innerHTML = `
      <div class="lab-tabs" role="tablist" data-control="labs_lab" data-i18n-attr="aria-label:labs.picker_label">
        ${lab_ids.map((id) => `<button type="button" role="tab" id="lab-tab-${id}" aria-controls="lab-panel-${id}" data-lab="${id}" data-i18n="labs.names.${id}"></button>`).join('')}
      </div>
      ${lab_ids.map((id) => `<div class="lab-panel" role="tabpanel" id="lab-panel-${id}" aria-labelledby="lab-tab-${id}" data-lab="${id}" tabindex="0" hidden></div>`).join('')}`;
    section.appendChild(root);
    apply_translations(root);

    const tabs = [...root.querySelectorAll('[role="tab"]')];
    const labs = {};
    for (const id of lab_ids) {
        labs[id] = mounters[id](root.querySelector(`#lab-panel-${id}`), { relu_lab, client: lab_client, storage });
    }

    // An embedding of one lab (?lab=dying_relu) shows that lab alone, without the other tabs.
    const only_lab = lab_ids.includes(lab) ? lab : null;
    if (only_lab) root.querySelector('.lab-tabs').setAttribute('data-embed-hidden', '');

    let current = null;
    function open(id, { focus = false } = {}) {
        if (!labs[id] || (only_lab && id !== only_lab)) return false;
        current = id;
        for (const tab of tabs) {
            const selected = tab.dataset.lab === id;
            tab.setAttribute('aria-selected', String(selected));
            tab.tabIndex = selected ? 0 : -1;
            if (selected && focus) tab.focus();
        }
        for (const panel of root.querySelectorAll('.lab-panel')) panel.hidden = panel.dataset.lab !== id;
        labs[id].shown?.();
        return true;
    }

    for (const tab of tabs) {
        tab.addEventListener('click', () => open(tab.dataset.lab));
        tab.addEventListener('keydown', (event) => {
            const index = tabs.indexOf(tab);
            const to = {
                ArrowRight: index + 1,
                ArrowDown: index + 1,
                ArrowLeft: index - 1,
                ArrowUp: index - 1,
                Home: 0,
                End: tabs.length - 1,
            }[event.key];
            if (to === undefined) return;
            event.preventDefault();
            open(tabs[(to + tabs.length) % tabs.length].dataset.lab, { focus: true });
        });
    }

    open(only_lab ?? lab_ids[0]);

    on_language_change(() => {
        apply_translations(root);
        for (const lab of Object.values(labs)) lab.refresh?.();
    });
    // The charts read their colours from CSS; redraw when the colour scheme flips.
    globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => {
        for (const lab of Object.values(labs)) lab.refresh?.();
    });

    return Object.freeze({
        ids: lab_ids.slice(),
        open,
        current: () => current,
        // Runs a lab with its current controls (and optional overrides) -> its result.
        run: (id, overrides) => labs[id].run(overrides),
        reset: (id) => labs[id].reset(),
        result: (id) => labs[id].result(),
        lab: (id) => labs[id],
        // How many workers a run's list is split across (the default: one per core, up to 8).
        set_workers: (n) => lab_client.set_workers?.(n),
        workers: () => lab_client.workers?.() ?? 1,
    });
}
