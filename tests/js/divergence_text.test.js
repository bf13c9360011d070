// The divergence panel blames what the network contains: the activations without an upper
// bound when it has any (ReLU or not), the weights and scores when every activation is
// bounded; and no text in any language blames ReLU for every blow-up.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load_relu_lab_in_node } from '../../web/bridge/load_in_node.js';
import { locale_tables } from '../../web/i18n/locales/index.js';
import { divergence_cause } from '../../web/trainer/run/divergence_text.js';

// Which activations are bounded above comes from the C++ registry.
const { activations } = await load_relu_lab_in_node({ build: 'scalar' });

const dense = (activation) => ({ type: 'dense', units: 8, activation, activation_param: null });
const conv = (activation) => ({
    type: 'conv2d',
    filters: 4,
    kernel_size: 3,
    padding: 'same',
    activation,
    activation_param: null,
});

test('the cause names the unbounded activations the network has, in order, once each', () => {
    assert.deepEqual(
        divergence_cause({ layers: [conv('relu'), { type: 'max_pool2d', pool_size: 2 }, dense('relu')] }, activations),
        { key: 'trainer.diverged_cause_unbounded', activations: ['relu'] }
    );
    assert.deepEqual(
        divergence_cause({ layers: [dense('gelu'), dense('tanh'), dense('elu'), dense('gelu')] }, activations),
        {
            key: 'trainer.diverged_cause_unbounded',
            activations: ['gelu', 'elu'],
        }
    );
    assert.deepEqual(divergence_cause({ layers: [dense('linear'), dense('sigmoid')] }, activations), {
        key: 'trainer.diverged_cause_unbounded',
        activations: ['linear'],
    });
});

test('a network whose activations are all bounded is told that its weights and scores grew', () => {
    assert.deepEqual(divergence_cause({ layers: [dense('tanh'), dense('sigmoid'), conv('relu6')] }, activations), {
        key: 'trainer.diverged_cause_bounded',
        activations: ['tanh', 'sigmoid', 'relu6'],
    });
    // No hidden layers: only the softmax head, a layer without an activation.
    assert.deepEqual(divergence_cause({ layers: [] }, activations), {
        key: 'trainer.diverged_cause_unbounded',
        activations: ['linear'],
    });
});

test("the panel's general explanation names no activation; the causes exist in every language", () => {
    for (const [tag, sections] of Object.entries(locale_tables)) {
        const trainer = sections.trainer;
        assert.doesNotMatch(trainer.diverged_explain, /ReLU/, `${tag}: ${trainer.diverged_explain}`);
        // The advice no longer prescribes He (a ReLU initialiser) for every network.
        assert.match(trainer.diverged_advice, /Glorot.*LeCun|LeCun.*Glorot/, `${tag}: ${trainer.diverged_advice}`);
        for (const key of ['diverged_cause_unbounded', 'diverged_cause_bounded']) {
            assert.match(trainer[key] ?? '', /\{names\}/, `${tag} ${key}`);
        }
        assert.ok(trainer.diverged_no_activation, `${tag} diverged_no_activation`);
    }
});
