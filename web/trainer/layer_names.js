// One naming scheme for layers: the layer editor's row titles ("1. Conv2D") are also the
// chart legends' names, so "relu_1" and "conv2d_1" (the C++ core's names) never reach
// the learner. The core's list has flatten and activation layers the editor does not
// show: an activation takes the name of the layer it follows, the last Dense layer is
// the fixed output layer.
import { t } from '../i18n/i18n.js';

const editor_types = new Set(['conv2d', 'max_pool2d', 'dense']);

// index: the row's place in the editor, from 0.
export function layer_title(index, type) {
    return t('trainer.layer_title', { number: index + 1, type: t(`trainer.layer_${type}`) });
}

// core_layers: [{ name, type }] as the core lists them -> Map core name -> display name.
export function chart_layer_names(core_layers) {
    const names = new Map();
    const last_dense = core_layers.findLastIndex((l) => l.type === 'dense');
    let index = -1;
    let owner = null; // display name of the layer the next activation follows
    core_layers.forEach((layer, i) => {
        if (layer.type === 'activation') {
            const activation = layer.name.replace(/_\d+$/, '');
            const label = t(`explorer.names.${activation}`);
            names.set(
                layer.name,
                owner ? t('trainer.layer_with_activation', { layer: owner, activation: label }) : label
            );
            return;
        }
        if (i === last_dense) {
            owner = t('trainer.layer_output', { type: t('trainer.layer_dense') });
        } else if (editor_types.has(layer.type)) {
            index += 1;
            owner = layer_title(index, layer.type);
        } else return;
        names.set(layer.name, owner);
    });
    return names;
}
