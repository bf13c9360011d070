// The trainer in the page address: ?preset=small, or the whole set-up (trainer_state.js
// url_keys), so a link reproduces the network. Read once at mount, rewritten (with
// replaceState) after every valid edit, and offered by the "Copy link" button.
import { t } from '../../i18n/i18n.js';
import {
    clone_plan,
    matching_preset,
    plan_from_url_params,
    plan_to_url_params,
    plans_equal,
    url_keys,
} from '../trainer_state.js';

const default_preset = 'seed-keras';
const max_shown_name_chars = 24;

// -> { preset, plan, notices }: what the address asks for, from the presets' plans;
// notices say (in the learner's language) what was ignored.
export function read_address_plan(search, presets, relu_lab) {
    const params = new URLSearchParams(search ?? '');
    const notices = [];
    let preset = default_preset;
    let plan = clone_plan(presets[default_preset]);
    const asked_preset = params.get('preset');
    if (asked_preset !== null) {
        if (Object.hasOwn(presets, asked_preset)) {
            preset = asked_preset;
            plan = clone_plan(presets[asked_preset]);
        } else notices.push(t('trainer.notice_unknown_preset', { name: asked_preset.slice(0, max_shown_name_chars) }));
    }
    const from_url = plan_from_url_params(params, plan, relu_lab);
    if (from_url.plan) {
        plan = from_url.plan;
        preset = matching_preset(presets, plan);
    } else if (from_url.ignored) notices.push(t('trainer.notice_url_ignored'));
    return { preset, plan, notices };
}

// view: the section's shared pieces; page_location, page_history: the page's (or a test's).
export function create_address_state({ $, control, state, presets }, { page_location, page_history }) {
    // The page's address with the trainer's part replaced by the current plan.
    function state_url() {
        const url = new URL(page_location.href);
        for (const key of url_keys) url.searchParams.delete(key);
        url.searchParams.delete('preset');
        if (plans_equal(state.plan, presets[default_preset])) {
            // The defaults need no parameters.
        } else if (state.preset !== 'custom' && plans_equal(state.plan, presets[state.preset]))
            url.searchParams.set('preset', state.preset);
        else
            for (const [key, value] of Object.entries(plan_to_url_params(state.plan))) url.searchParams.set(key, value);
        return url;
    }

    function write_address() {
        try {
            const url = state_url();
            if (url.href !== page_location.href) page_history?.replaceState(page_history.state, '', url.href);
        } catch {
            // file:// in some browsers, or a sandboxed frame: the link button still works.
        }
    }

    control('share').addEventListener('click', async () => {
        const link = state_url().href;
        const out = $('.share-result');
        try {
            await navigator.clipboard.writeText(link);
            out.textContent = t('trainer.link_copied');
        } catch {
            out.textContent = t('trainer.link_copy_failed', { link });
        }
    });

    return { write_address };
}
