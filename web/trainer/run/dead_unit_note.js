// A note beside the dead-units chart when a Dense layer has many dead units after the
// first epoch, with why that is fine. It names the Dense layer, not its activation.
import { t } from '../../i18n/i18n.js';
import { chart_layer_names } from '../layer_names.js';

// A Dense layer with at least this share of its units dead after the first epoch gets
// the note (the seed network starts with about 53 of 128).
const dead_note_share = 0.2;

export function create_dead_unit_note({ $, state }) {
    const note = $('.trainer-dead-note');
    let shown = null; // { core_name, dead, units }

    function render() {
        note.hidden = !shown;
        if (!shown) return;
        const layer = chart_layer_names(state.model_info?.layers ?? []).get(shown.core_name) ?? shown.core_name;
        note.textContent = t('trainer.dead_note', { dead: shown.dead, units: shown.units, layer });
    }

    // message: the first epoch's epoch_end event, with each layer's dead_units.
    function check(message) {
        const core = state.model_info?.layers ?? [];
        // An activation after a Dense layer -> that Dense layer (the note names it).
        const dense_of = new Map(
            core
                .filter((l, i) => l.type === 'activation' && core[i - 1]?.type === 'dense')
                .map((l) => [l.name, core[core.indexOf(l) - 1].name])
        );
        const worst = message.layers
            .filter((l) => dense_of.has(l.name) && l.units > 0 && l.dead_units / l.units >= dead_note_share)
            .sort((a, b) => b.dead_units / b.units - a.dead_units / a.units)[0];
        shown = worst ? { core_name: dense_of.get(worst.name), dead: worst.dead_units, units: worst.units } : null;
        render();
    }

    function clear() {
        shown = null;
        render();
    }

    return { check, clear, render };
}
