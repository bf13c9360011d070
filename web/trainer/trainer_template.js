// The trainer section's markup: the set-up form (presets, layer editor, training
// settings), the run panel with its five charts, model files, the learner's own data and
// the Keras twin. Every text is an i18n key; the modules beside this one fill it in.
import { layer_types } from './trainer_state.js';

function chart_figure_html(name, caption_key) {
    return `
    <figure class="chart-figure trainer-chart" data-chart="${name}">
      <div class="trainer-chart-box"><canvas role="img" data-i18n-attr="aria-label:trainer.chart_${name}_label"></canvas></div>
      <figcaption data-i18n="${caption_key}"></figcaption>
      ${name === 'dead' ? '<p class="chart-note trainer-dead-note" role="note" hidden></p>' : ''}
      <details><summary data-i18n="trainer.show_table"></summary>
        <p class="table-empty" data-i18n="trainer.table_empty"></p>
        <div class="table-scroll"><table></table></div>
      </details>
    </figure>`;
}

export function trainer_template() {
    const add_options = layer_types
        .map((type) => `<option value="${type}" data-i18n="trainer.layer_${type}"></option>`)
        .join('');
    return `
  <div class="trainer-notice notice" role="status" hidden></div>
  <div class="trainer-grid">
    <form class="trainer-setup card" novalidate>
      <h3 data-i18n="trainer.setup_title"></h3>
      <label class="setting"><span data-i18n="trainer.preset_label"></span>
        <select data-control="trainer_preset"></select></label>
      <details class="trainer-disclosure" data-narrow-closed open>
      <summary data-i18n="trainer.editor_summary"></summary>
      <fieldset class="layer-editor" data-control="trainer_editor">
        <legend data-i18n="trainer.editor_legend"></legend>
        <p class="layer-fixed" data-i18n="trainer.input_note"></p>
        <ol class="layer-list"></ol>
        <p class="layer-fixed layer-flatten-note" data-i18n="trainer.head_note"></p>
        <p class="layer-summary"></p>
        <div class="layer-add">
          <label><span class="visually-hidden" data-i18n="trainer.add_type_label"></span>
            <select data-control="trainer_add_layer_type">${add_options}</select></label>
          <button type="button" data-control="trainer_add_layer" data-i18n="trainer.add_layer"></button>
        </div>
      </fieldset>
      <fieldset class="train-settings">
        <legend data-i18n="trainer.settings_legend"></legend>
        <label class="setting"><span data-i18n="trainer.optimizer_label"></span>
          <select data-control="trainer_optimizer"></select><span class="field-error" hidden></span></label>
        <div class="setting lr-setting">
          <label for="trainer-lr" data-i18n="trainer.learning_rate_label"></label>
          <div class="param-inputs">
            <input type="range" data-control="trainer_learning_rate_slider" data-i18n-attr="aria-label:trainer.learning_rate_slider_label">
            <input type="text" id="trainer-lr" inputmode="decimal" data-control="trainer_learning_rate" size="8">
          </div>
          <p class="field-error" hidden></p>
        </div>
        <label class="setting"><span data-i18n="trainer.momentum_label"></span>
          <input type="text" inputmode="decimal" data-control="trainer_momentum" size="6"><span class="field-error" hidden></span></label>
        <label class="setting"><span data-i18n="trainer.batch_label"></span>
          <input type="text" inputmode="numeric" data-control="trainer_batch_size" size="6"><span class="field-error" hidden></span></label>
        <label class="setting"><span data-i18n="trainer.epochs_label"></span>
          <input type="text" inputmode="numeric" data-control="trainer_epochs" size="6"><span class="field-error" hidden></span></label>
        <label class="setting"><span data-i18n="trainer.lr_decay_label"></span>
          <input type="text" inputmode="decimal" data-control="trainer_lr_decay" size="6"><span class="field-error" hidden></span></label>
        <label class="setting"><span data-i18n="trainer.init_label"></span>
          <select data-control="trainer_initializer"></select></label>
        <p class="init-note" data-i18n="trainer.init_automatic_note"></p>
        <label class="setting"><span data-i18n="trainer.bias_label"></span>
          <input type="text" inputmode="decimal" data-control="trainer_bias_init" size="6"><span class="field-error" hidden></span></label>
        <label class="setting"><span data-i18n="trainer.seed_label"></span>
          <input type="text" inputmode="numeric" data-control="trainer_seed" size="10"><span class="field-error" hidden></span></label>
        <label class="setting"><span data-i18n="trainer.augment_label"></span>
          <select data-control="trainer_augment"></select></label>
        <p class="augment-note"></p>
        <details class="augment-preview-box" data-control="trainer_augment_preview">
          <summary data-i18n="trainer.augment_preview_summary"></summary>
          <div class="augment-preview"></div>
        </details>
      </fieldset>
      </details>
      <div class="trainer-validation-box" role="alert" hidden>
        <p data-i18n="trainer.validation_title"></p>
        <ul class="trainer-validation"></ul>
      </div>
      <p class="trainer-share"><button type="button" data-control="trainer_share" data-i18n="trainer.share"></button>
        <span class="share-result" role="status"></span></p>
    </form>
    <div class="trainer-run">
      <div class="trainer-controls card">
        <div class="trainer-buttons">
          <button type="button" class="primary" data-control="trainer_play" aria-pressed="false" data-i18n="trainer.play"></button>
          <button type="button" data-control="trainer_step" data-i18n="trainer.step"></button>
          <button type="button" data-control="trainer_reset" data-i18n="trainer.reset"></button>
          <label class="trainer-workers"><span data-i18n="trainer.workers_label"></span>
            <select data-control="trainer_workers"></select></label>
        </div>
        <p class="trainer-workers-note"></p>
        <div class="trainer-pretrained-note notice" hidden><p data-i18n="trainer.pretrained_note"></p></div>
        <div class="trainer-undo notice" role="status" hidden>
          <p data-i18n="trainer.pretrained_replaced"></p>
          <button type="button" data-control="trainer_undo" data-i18n="trainer.pretrained_undo"></button>
        </div>
        <div class="trainer-progress" data-control="trainer_progress">
          <progress max="1" value="0" data-i18n-attr="aria-label:trainer.progress_label"></progress>
          <span class="trainer-progress-text"></span>
        </div>
        <p class="trainer-status" role="status" aria-live="polite" data-i18n="trainer.status_loading"></p>
        <p class="trainer-accuracy" aria-live="polite"></p>
        <p class="trainer-last-loss"></p>
        <p class="trainer-model-note"></p>
        <p class="trainer-data-note"></p>
      </div>
      <div class="trainer-divergence card" tabindex="-1" role="alert" hidden>
        <h3 data-i18n="trainer.diverged_title"></h3>
        <p class="divergence-where"></p>
        <p data-i18n="trainer.diverged_explain"></p>
        <p class="divergence-cause"></p>
        <p class="divergence-kept"></p>
        <p data-i18n="trainer.diverged_advice"></p>
      </div>
      <div class="trainer-charts">
        ${chart_figure_html('loss', 'trainer.chart_loss_caption')}
        ${chart_figure_html('accuracy', 'trainer.chart_accuracy_caption')}
        ${chart_figure_html('sparsity', 'trainer.chart_sparsity_caption')}
        ${chart_figure_html('dead', 'trainer.chart_dead_caption')}
        ${chart_figure_html('gradients', 'trainer.chart_gradients_caption')}
      </div>
    </div>
  </div>
  <div class="trainer-io">
    <details class="card trainer-files" data-narrow-closed open>
      <summary><h3 data-i18n="trainer.files_title"></h3></summary>
      <div class="trainer-buttons">
        <button type="button" data-control="trainer_save_file" data-i18n="trainer.save_file"></button>
        <button type="button" data-control="trainer_save_storage" data-i18n="trainer.save_storage"></button>
        <label class="file-button"><span data-i18n="trainer.load_file"></span>
          <input type="file" data-control="trainer_load_file" accept=".bin,.model,application/octet-stream"></label>
        <button type="button" data-control="trainer_load_storage" data-i18n="trainer.load_storage"></button>
      </div>
      <p class="trainer-file-message" role="status" aria-live="polite"></p>
    </details>
    <details class="card trainer-data" data-narrow-closed open>
      <summary><h3 data-i18n="trainer.data_title"></h3></summary>
      <p data-i18n="trainer.data_intro"></p>
      <div class="idx-drop" data-control="trainer_idx_drop">
        <label class="setting"><span data-i18n="trainer.idx_role_label"></span>
          <select data-control="trainer_idx_role"><option value="train" data-i18n="trainer.idx_role_train"></option><option value="eval" data-i18n="trainer.idx_role_eval"></option></select></label>
        <label class="file-button"><span data-i18n="trainer.idx_pick"></span>
          <input type="file" multiple data-control="trainer_idx_files"></label>
        <p class="idx-drop-hint" data-i18n="trainer.idx_drop_hint"></p>
      </div>
      <button type="button" data-control="trainer_bundled_data" data-i18n="trainer.use_bundled"></button>
      <p class="trainer-data-message" role="status" aria-live="polite"></p>
    </details>
  </div>
  <details class="card keras-panel" data-control="trainer_keras">
    <summary data-i18n="trainer.keras_title"></summary>
    <p data-i18n="trainer.keras_note"></p>
    <button type="button" data-control="trainer_keras_copy" data-i18n="trainer.keras_copy"></button>
    <span class="keras-copy-result" role="status"></span>
    <pre class="keras-code" tabindex="0"><code lang="en"></code></pre>
  </details>
  <div class="trainer-insight"></div>`;
}
