// The training settings: optimizer, learning rate (a text field and a log-scale slider),
// momentum, batch size, epochs, decay, initialiser, bias, seed and augmentation.
// view: the section's shared pieces; validation: field_validation.js; on_change(): the
// plan was edited.
import { parse_number } from '../../common/number_input.js';
import { check_number } from '../trainer_state.js';

const log_lr_range = [-6, 1];
// control name -> the plan's field
const number_settings = [
    ['learning_rate', 'learning_rate'],
    ['momentum', 'momentum'],
    ['batch_size', 'batch_size'],
    ['epochs', 'epochs'],
    ['seed', 'seed'],
    ['bias_init', 'bias_init'],
    ['lr_decay', 'learning_rate_decay'],
];

export function create_training_settings({ control, state, relu_lab }, { validation, on_change }) {
    const { mark_field, show_validation } = validation;
    const error_of = (input) => input.closest('.setting').querySelector('.field-error');

    for (const [control_name, field] of number_settings) {
        const input = control(control_name);
        input.addEventListener('change', () => {
            const value = parse_number(input.value);
            const error = check_number(field, value, relu_lab);
            mark_field(input, error_of(input), `setting:${field}`, error);
            if (error) {
                show_validation();
                return;
            }
            state.plan[field] = value;
            if (field === 'learning_rate') control('learning_rate_slider').value = String(Math.log10(value));
            on_change();
        });
    }
    const slider = control('learning_rate_slider');
    slider.min = String(log_lr_range[0]);
    slider.max = String(log_lr_range[1]);
    slider.step = '0.05';
    slider.addEventListener('input', () => {
        const value = Number((10 ** Number(slider.value)).toPrecision(2));
        state.plan.learning_rate = value;
        control('learning_rate').value = String(value);
        mark_field(control('learning_rate'), error_of(control('learning_rate')), 'setting:learning_rate', null);
        on_change();
    });
    control('optimizer').addEventListener('change', () => {
        state.plan.optimizer = control('optimizer').value;
        control('momentum').closest('.setting').hidden = state.plan.optimizer !== 'momentum';
        on_change();
    });
    control('initializer').addEventListener('change', () => {
        state.plan.weight_init = control('initializer').value;
        on_change();
    });
    control('augment').addEventListener('change', () => {
        state.plan.augment = control('augment').checked;
        on_change();
    });

    // Shows the plan's settings in the fields.
    function render_settings() {
        const p = state.plan;
        for (const [control_name, field] of number_settings) control(control_name).value = String(p[field]);
        slider.value = String(Math.log10(p.learning_rate));
        control('optimizer').value = p.optimizer;
        control('momentum').closest('.setting').hidden = p.optimizer !== 'momentum';
        control('initializer').value = p.weight_init;
        control('augment').checked = p.augment;
    }

    return { render_settings };
}
