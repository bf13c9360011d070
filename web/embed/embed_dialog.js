// The "Embed" button in the header and its dialog: an instructor picks sections, the
// language, locked and hidden controls and the frame size, and copies the iframe snippet.
// A native <dialog> opened with showModal() gives the focus trap and Escape; the
// snippet is plain text in a read-only textarea (set through .value, never parsed).
import { available_languages, has_key, language, on_language_change, apply_translations, t } from '../i18n/i18n.js';
import { control_names, page_sections } from './page_policy.js';

const size_pattern = /^\d{2,4}(px|%)?$/;

// The iframe markup for a set of choices (pure; tested in tests/js/embed_config.test.js).
// choices: { address, sections, all_sections, lang, locked, hidden, lab, preset, width, height, title }
export function embed_snippet(choices) {
    const params = new URLSearchParams();
    const sections = choices.sections.filter((id) => choices.all_sections.includes(id));
    if (sections.length && sections.length < choices.all_sections.length) params.set('sections', sections.join(','));
    if (choices.lab) params.set('lab', choices.lab);
    if (choices.lang) params.set('lang', choices.lang);
    if (choices.preset) params.set('preset', choices.preset);
    if (choices.locked.length) params.set('lock', choices.locked.join(','));
    if (choices.hidden.length) params.set('hide', choices.hidden.join(','));
    const query = params.toString().replaceAll('%2C', ',');
    const src = `${choices.address}${query ? `?${query}` : ''}`;
    const attribute = (value) =>
        String(value)
            .replaceAll('&', '&amp;')
            .replaceAll('"', '&quot;')
            .replaceAll('<', '&lt;')
            .replaceAll('>', '&gt;');
    const width = size_pattern.test(choices.width) ? choices.width : '100%';
    const height = size_pattern.test(choices.height) ? choices.height : '800';
    return `<iframe src="${attribute(src)}" title="${attribute(choices.title)}" width="${width}" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

// The address the snippet points to: this page without its query and fragment.
export function page_address(href) {
    try {
        const url = new URL(href);
        return `${url.origin === 'null' ? `${url.protocol}//` : url.origin}${url.pathname}`;
    } catch {
        return '';
    }
}

function clean_address(text, fallback) {
    try {
        const url = new URL(text.trim());
        return ['http:', 'https:', 'file:'].includes(url.protocol) ? url.href.split(/[?#]/)[0] : fallback;
    } catch {
        return fallback;
    }
}

export function mount_embed_dialog(doc, { config, shown_sections }) {
    const open_button = doc.createElement('button');
    open_button.type = 'button';
    open_button.id = 'embed-open';
    open_button.className = 'embed-open';
    open_button.dataset.control = 'embed';
    open_button.dataset.i18n = 'embed.open';
    open_button.setAttribute('aria-haspopup', 'dialog');
    const controls = doc.querySelector('.site-controls') ?? doc.querySelector('header') ?? doc.body;
    controls.insertBefore(open_button, doc.getElementById('build-badge'));

    const dialog = doc.createElement('dialog');
    dialog.id = 'embed-dialog';
    dialog.className = 'embed-dialog';
    dialog.setAttribute('aria-labelledby', 'embed-title');
    dialog.innerHTML = template();
    doc.body.appendChild(dialog);
    const $ = (selector) => dialog.querySelector(selector);
    const default_address = page_address(doc.defaultView.location.href);
    $('#embed-address').value = default_address;

    let choices_built = false;
    function check(container, name, value, label, checked) {
        const wrapper = doc.createElement('label');
        wrapper.className = 'check';
        const input = doc.createElement('input');
        input.type = 'checkbox';
        input.name = name;
        input.value = value;
        input.checked = checked;
        const text = doc.createElement('span');
        text.textContent = label;
        wrapper.append(input, ' ', text);
        container.appendChild(wrapper);
    }
    const section_label = (id) => (has_key(`${id}.nav`) ? t(`${id}.nav`) : id);
    function control_label(name) {
        const element = doc.querySelector(`[data-control="${CSS.escape(name)}"][data-control-label]`);
        if (element && has_key(element.dataset.controlLabel)) return t(element.dataset.controlLabel);
        return has_key(`embed.controls.${name}`) ? t(`embed.controls.${name}`) : name;
    }

    // Built when opened: sections and controls that mounted late are included.
    function build_choices() {
        const keep = choices_built ? read_choices() : null;
        const sections = page_sections(doc);
        // Controls a section names for instructors (a label in embed.controls or a
        // data-control-label); every other data-control can still be locked by URL.
        const names = control_names(doc).filter((n) => n !== 'embed' && control_label(n) !== n);
        $('#embed-sections').replaceChildren();
        for (const id of sections)
            check(
                $('#embed-sections'),
                'section',
                id,
                section_label(id),
                keep ? keep.sections.includes(id) : shown_sections().includes(id)
            );
        // One row per control: its name, then a "lock" and a "hide" checkbox, each named
        // by its row and column headers.
        const rows = $('#embed-control-rows');
        rows.replaceChildren();
        names.forEach((name, index) => {
            const tr = doc.createElement('tr');
            const th = doc.createElement('th');
            th.scope = 'row';
            th.id = `embed-control-${index}`;
            th.textContent = control_label(name);
            tr.appendChild(th);
            for (const [list, column, initial] of [
                ['lock', 'locked', config.locked],
                ['hide', 'hidden', config.hidden],
            ]) {
                const td = doc.createElement('td');
                const input = doc.createElement('input');
                input.type = 'checkbox';
                input.name = list;
                input.value = name;
                input.checked = keep ? keep[column].includes(name) : initial.has(name);
                input.setAttribute('aria-labelledby', `embed-col-${list} ${th.id}`);
                td.appendChild(input);
                tr.appendChild(td);
            }
            rows.appendChild(tr);
        });
        const select = $('#embed-language');
        const chosen = keep?.lang ?? language();
        select.replaceChildren();
        for (const tag of available_languages()) {
            const option = doc.createElement('option');
            option.value = tag;
            option.lang = tag;
            option.textContent = t(`common.language_name_${tag.replace('-', '_')}`);
            select.appendChild(option);
        }
        select.value = chosen;
        choices_built = true;
    }

    function read_choices() {
        const checked = (name) => [...dialog.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
        return {
            address: clean_address($('#embed-address').value, default_address),
            sections: checked('section'),
            all_sections: page_sections(doc),
            lang: $('#embed-language').value,
            locked: checked('lock'),
            hidden: checked('hide'),
            lab: config.lab,
            preset: config.preset,
            width: $('#embed-width').value.trim(),
            height: $('#embed-height').value.trim(),
            title: t('common.app_name'),
        };
    }

    function update() {
        $('#embed-snippet').value = embed_snippet(read_choices());
        $('#embed-copy-status').textContent = '';
    }
    dialog.addEventListener('input', update);
    dialog.addEventListener('change', update);

    open_button.addEventListener('click', () => {
        build_choices();
        apply_translations(dialog);
        update();
        dialog.showModal();
    });
    dialog.addEventListener('close', () => open_button.focus());

    $('#embed-copy').addEventListener('click', async () => {
        const area = $('#embed-snippet');
        const status = $('#embed-copy-status');
        try {
            await navigator.clipboard.writeText(area.value);
            status.textContent = t('embed.copied');
        } catch {
            // No clipboard permission (file://, some frames): select and use the old command.
            area.focus();
            area.select();
            let copied = false;
            try {
                copied = doc.execCommand('copy');
            } catch {
                copied = false;
            }
            status.textContent = t(copied ? 'embed.copied' : 'embed.copy_manually');
        }
    });

    on_language_change(() => {
        apply_translations(dialog);
        if (dialog.open) {
            build_choices();
            update();
        }
    });
    return { open: () => open_button.click(), dialog };
}

// Static structure; every text is a data-i18n key.
function template() {
    return `
    <form method="dialog" class="embed-form">
      <h2 id="embed-title" data-i18n="embed.title"></h2>
      <p data-i18n="embed.intro"></p>
      <fieldset>
        <legend data-i18n="embed.sections_legend"></legend>
        <div id="embed-sections" class="embed-checks"></div>
      </fieldset>
      <p class="embed-row"><label for="embed-language" data-i18n="embed.language_label"></label> <select id="embed-language"></select></p>
      <div class="table-scroll embed-controls-box">
        <table class="embed-controls">
          <caption data-i18n="embed.controls_caption"></caption>
          <thead><tr><th scope="col" data-i18n="embed.col_control"></th><th scope="col" id="embed-col-lock" data-i18n="embed.col_lock"></th><th scope="col" id="embed-col-hide" data-i18n="embed.col_hide"></th></tr></thead>
          <tbody id="embed-control-rows"></tbody>
        </table>
      </div>
      <div class="embed-size">
        <p class="embed-row"><label for="embed-width" data-i18n="embed.width_label"></label> <input type="text" id="embed-width" value="100%" size="6" spellcheck="false" autocomplete="off"></p>
        <p class="embed-row"><label for="embed-height" data-i18n="embed.height_label"></label> <input type="text" id="embed-height" value="800" size="6" inputmode="numeric" spellcheck="false" autocomplete="off"></p>
      </div>
      <p class="embed-field"><label for="embed-address" data-i18n="embed.address_label"></label>
        <input type="url" id="embed-address" spellcheck="false" autocomplete="off">
        <span class="embed-note" data-i18n="embed.address_note"></span></p>
      <p class="embed-field"><label for="embed-snippet" data-i18n="embed.snippet_label"></label>
        <textarea id="embed-snippet" rows="5" readonly spellcheck="false"></textarea></p>
      <p class="embed-note" data-i18n="embed.resize_note"></p>
      <div class="embed-buttons">
        <button type="button" id="embed-copy" class="primary" data-i18n="embed.copy"></button>
        <button type="submit" id="embed-close" value="close" data-i18n="embed.close"></button>
        <span id="embed-copy-status" role="status"></span>
      </div>
    </form>`;
}
