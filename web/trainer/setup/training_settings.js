// The training settings: optimizer, learning rate (a text field and a log-scale slider),
// momentum, batch size, epochs, decay, initialiser, bias, seed and augmentation (with a
// preview of what each choice does to a digit).
// view: the section's shared pieces; validation: field_validation.js; on_change(): the
// plan was edited.
import { create_augmentation_preview } from '../../common/augmentation_preview.js';
import { parse_number } from '../../common/number_input.js';
import { on_language_change, t } from '../../i18n/i18n.js';
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

export function create_training_settings({ $, control, state, relu_lab }, { validation, on_change }) {
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
    // The augmentation: its menu, a sentence on what the choice does, and (opened on
    // demand) a few versions of a held-out digit as training will see them.
    const preview = create_augmentation_preview($('.augment-preview'), {
        relu_lab,
        modes: [state.plan.augment],
        heading_key: 'trainer.augment_preview_title',
    });
    control('augment_preview').addEventListener('toggle', () => {
        if (control('augment_preview').open) preview.show();
    });
    const render_augment_note = () => {
        const facts = relu_lab.trainer_facts.augment;
        $('.augment-note').textContent = t(`trainer.augment_note_${state.plan.augment}`, {
            shift: facts.max_shift_px,
            degrees: facts.max_rotation_deg,
            sigma: facts.elastic_sigma_px,
            alpha: facts.elastic_alpha_px,
        });
    };
    control('augment').addEventListener('change', () => {
        state.plan.augment = control('augment').value;
        render_augment_note();
        preview.set_modes([state.plan.augment]);
        on_change();
    });
    on_language_change(() => {
        render_augment_note();
        preview.refresh();
    });

    // Shows the plan's settings in the fields.
    function render_settings() {
        const p = state.plan;
        for (const [control_name, field] of number_settings) control(control_name).value = String(p[field]);
        slider.value = String(Math.log10(p.learning_rate));
        control('optimizer').value = p.optimizer;
        control('momentum').closest('.setting').hidden = p.optimizer !== 'momentum';
        control('initializer').value = p.weight_init;
        control('augment').value = p.augment;
        render_augment_note();
        preview.set_modes([p.augment]);
    }

    return { render_settings };
}
