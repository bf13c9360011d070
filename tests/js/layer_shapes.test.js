// The layer editor's shapes and parameter counts come from the C++ core's plan of the
// network: checked by hand for the presets (the numbers the quiz asks about), for PReLU's
// per-channel slopes, and against a trainer actually built from the same config.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { create_trainer, plan_network, preset_config } from '../../web/bridge/trainer.js';
import { shape_rows } from '../../web/trainer/setup/layer_shapes.js';
import { plan_from_preset, plan_to_config } from '../../web/trainer/trainer_state.js';

const relu_lab = await load_relu_lab_in_node({ build: 'scalar' });
const plan_of = (name) => plan_from_preset(preset_config(relu_lab, name).config);

test('seed-keras: 26 × 26 × 64 and 640, 13 × 13 × 64, Flatten 10,816, Dense 128 and 1,384,576, head 1,290', () => {
    const planned = plan_network(relu_lab, plan_to_config(plan_of('seed-keras'), relu_lab));
    assert.ok(planned.ok, planned.error);
    const { rows, flatten, head } = shape_rows(planned.layers);
    // By hand: 3 x 3 x 1 weights + 1 bias per filter; 10,816 x 128 + 128; 128 x 10 + 10.
    assert.deepEqual(rows, [
        { shape: [26, 26, 64], parameters: 64 * (3 * 3 * 1 + 1) },
        { shape: [13, 13, 64], parameters: 0 },
        { shape: [128], parameters: 13 * 13 * 64 * 128 + 128 },
    ]);
    assert.equal(flatten, 10816);
    assert.deepEqual(head, { units: 10, parameters: 128 * 10 + 10 });
    assert.equal(planned.parameters, 640 + 1384576 + 1290);
});

test('small: "same" padding keeps 28 × 28, a 3 × 3 pool floors 14 to 4; 5,994 parameters in all', () => {
    const planned = plan_network(relu_lab, plan_to_config(plan_of('small'), relu_lab));
    const { rows, flatten, head } = shape_rows(planned.layers);
    assert.deepEqual(
        rows.map((r) => r.shape),
        [
            [28, 28, 8],
            [14, 14, 8],
            [14, 14, 16],
            [4, 4, 16],
        ]
    );
    assert.deepEqual(
        rows.map((r) => r.parameters),
        [8 * 26, 0, 16 * (5 * 5 * 8 + 1), 0]
    );
    assert.equal(flatten, 256);
    assert.deepEqual(head, { units: 10, parameters: 2570 });
    assert.equal(planned.parameters, 5994);
});

test("PReLU's learned slopes count with their layer: one per channel or unit", () => {
    const plan = plan_of('seed-keras');
    plan.layers[0] = { ...plan.layers[0], filters: 4, activation: 'prelu', activation_param: null };
    plan.layers[2] = { ...plan.layers[2], units: 8, activation: 'prelu', activation_param: null };
    const { rows } = shape_rows(plan_network(relu_lab, plan_to_config(plan, relu_lab)).layers);
    assert.equal(rows[0].parameters, 4 * 10 + 4);
    assert.equal(rows[2].parameters, 13 * 13 * 4 * 8 + 8 + 8);
});

test('the plan agrees with a trainer built from the same config, and refuses what the core refuses', () => {
    for (const name of relu_lab.trainer_facts.presets) {
        const config = plan_to_config(plan_of(name), relu_lab);
        const planned = plan_network(relu_lab, config);
        const made = create_trainer(relu_lab, config);
        assert.ok(made.ok, made.error);
        assert.deepEqual(planned.layers, made.trainer.layers(), name);
        assert.equal(planned.parameters, made.trainer.parameter_count(), name);
        assert.equal(planned.memory_bytes, made.trainer.memory_bytes(), name);
        made.trainer.dispose();
    }
    // A 15 x 15 kernel on a 13 x 13 map after pooling: the core refuses, with a code.
    const plan = plan_of('seed-keras');
    plan.layers.splice(2, 0, {
        type: 'conv2d',
        filters: 4,
        kernel_size: 15,
        padding: 'valid',
        activation: 'relu',
        activation_param: null,
    });
    const refused = plan_network(relu_lab, plan_to_config(plan, relu_lab));
    assert.equal(refused.ok, false);
    assert.match(refused.code, /^network\./);
});
