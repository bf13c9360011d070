// The "Embed" button in the header and its dialog: an instructor picks sections, one lab,
// a trainer preset, the graded quiz's options, the language, locked and hidden controls,
// the instructor tools learners may still see, and the frame size, and copies the
// snippet: the iframe and the resizer script (relu-lab-resizer.js) that sizes it.
// A native <dialog> opened with showModal() gives the focus trap and Escape; the
// snippet is plain text in a read-only textarea (set through .value, never parsed).
import { available_languages, has_key, language, on_language_change, apply_translations, t } from '../i18n/i18n.js';
import { lab_ids } from '../labs/lab_experiments.js';
import { builtin_topics } from '../quiz/bank_schema.js';
import { embed_config } from './embed_config.js';
import { instructor_controls } from './instructor_tools.js';
import { control_names, page_sections } from './page_policy.js';
import { check_quiz_parameter, quiz_count_rules, quiz_parameter_names, quiz_whole_ranges } from './quiz_parameters.js';

const size_pattern = /^\d{2,4}(px|%)?$/;
export const resizer_file = 'relu-lab-resizer.js';

// The address typed in -> the http(s) address the snippet points to, or null: a course
// page cannot reach file:// or relative addresses. A folder given without its final
// slash gets one, so that the resizer beside index.html is found.
export function hosted_address(text) {
    let url;
    try {
        url = new URL(String(text ?? '').trim());
    } catch {
        return null;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    let path = url.pathname;
    const last = path.slice(path.lastIndexOf('/') + 1);
    if (last !== '' && !last.includes('.')) path += '/';
    return `${url.origin}${path}`;
}

export const resizer_address = (address) => new URL(resizer_file, address).href;

// The chosen values as the address's query, in a fixed order. Options of a section only
// when that section is chosen; show= only with chosen sections (the whole page keeps its
// instructor tools); quiz values as typed (snippet_ignored says which are refused).
function snippet_query(choices) {
    const params = new URLSearchParams();
    const sections = choices.sections.filter((id) => choices.all_sections.includes(id));
    const chosen = sections.length > 0 && sections.length < choices.all_sections.length;
    const has = (id) => !chosen || sections.includes(id);
    if (chosen) params.set('sections', sections.join(','));
    if (choices.lab && has('labs')) params.set('lab', choices.lab);
    if (choices.lang) params.set('lang', choices.lang);
    if (choices.preset && has('trainer')) params.set('preset', choices.preset);
    if (choices.locked.length) params.set('lock', choices.locked.join(','));
    if (choices.hidden.length) params.set('hide', choices.hidden.join(','));
    if (chosen && choices.shown?.length) params.set('show', choices.shown.join(','));
    if (has('quiz'))
        for (const name of quiz_parameter_names) {
            const value = String(choices.quiz?.[name] ?? '').trim();
            if (value !== '') params.set(name, value);
        }
    return params.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
}

// The iframe markup and the resizer script for a set of choices, or '' without an
// address a course can reach (pure; tested in tests/js/embed_config.test.js).
// choices: { address, sections, all_sections, lang, locked, hidden, shown, lab, preset,
//            quiz: { quiz_questions, ... }, width, height, title }
export function embed_snippet(choices) {
    const address = hosted_address(choices.address);
    if (address === null) return '';
    const query = snippet_query(choices);
    const src = `${address}${query ? `?${query}` : ''}`;
    const attribute = (value) =>
        String(value)
            .replaceAll('&', '&amp;')
            .replaceAll('"', '&quot;')
            .replaceAll('<', '&lt;')
            .replaceAll('>', '&gt;');
    const width = size_pattern.test(choices.width) ? choices.width : '100%';
    const height = size_pattern.test(choices.height) ? choices.height : '800';
    return (
        `<iframe src="${attribute(src)}" title="${attribute(choices.title)}" width="${width}" height="${height}" style="border:0;max-width:100%" loading="lazy" data-relu-lab></iframe>\n` +
        `<script src="${attribute(resizer_address(address))}"></script>`
    );
}

// What the framed page would ignore in the snippet's address, as name=value: the page's
// own reading of it (embed_config's `ignored`), quiz values outside their rules, and
// lock=/hide= names no control of this page has (known_controls).
export function snippet_ignored(choices) {
    const config = embed_config(`?${snippet_query(choices)}`, { known_sections: choices.all_sections, win: null });
    const out = [...config.ignored];
    for (const [list, names] of [
        ['lock', choices.locked],
        ['hide', choices.hidden],
    ])
        for (const name of names) if (!choices.known_controls.includes(name)) out.push(`${list}=${name}`);
    const params = new URLSearchParams(snippet_query(choices));
    for (const name of quiz_parameter_names) {
        const value = params.get(name);
        if (value !== null && check_quiz_parameter(name, value).problem) out.push(`${name}=${value.slice(0, 48)}`);
    }
    return [...new Set(out)];
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

export function mount_embed_dialog(doc, { config, policy }) {
    // The trainer's presets (the C++ core's list), known once the wasm module has loaded.
    let preset_names = [];
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
    const location = doc.defaultView.location;
    // Served over http(s), this page's address is where the course finds it; opened from
    // a file, there is no such address and the instructor must give one.
    const from_file = location.protocol !== 'http:' && location.protocol !== 'https:';
    $('#embed-address').value = from_file ? '' : page_address(location.href);
    $('#embed-file-warning').hidden = !from_file;
    const guide = doc.querySelector('[data-control="guide"] a[href]');
    if (guide) $('#embed-guide').href = guide.href;
    else $('#embed-guide').closest('p').hidden = true;
    // Quiz options the page's own address carries start the dialog's fields.
    const own_params = new URLSearchParams(location.search);
    for (const name of ['quiz_questions', 'quiz_seed', 'quiz_attempts', 'mastery'])
        $(`#embed-${name.replace('_', '-')}`).value = (own_params.get(name) ?? '').slice(0, 16);
    set_topics(own_params.get('quiz_topics') ?? '');
    if (quiz_count_rules.includes(own_params.get('quiz_counts')))
        $('#embed-quiz-counts').value = own_params.get('quiz_counts');

    function set_topics(text) {
        for (const item of text.slice(0, 512).split(',')) {
            const [topic, count = ''] = item.trim().split(':');
            const box = $(`#embed-topics input[name="topic"][value="${CSS.escape(topic)}"]`);
            if (!box) continue;
            box.checked = true;
            $(`#embed-topic-count-${topic}`).value = count.slice(0, 4);
        }
    }

    function name_code(name) {
        const code = doc.createElement('code');
        code.className = 'embed-name';
        code.textContent = name;
        return code;
    }
    let choices_built = false;
    function check(container, name, value, label, checked, code = null) {
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
        if (code) wrapper.append(' ', name_code(code));
        container.appendChild(wrapper);
    }
    function fill_select(select, options, chosen) {
        select.replaceChildren();
        for (const [value, label] of options) {
            const option = doc.createElement('option');
            option.value = value;
            option.textContent = label;
            select.appendChild(option);
        }
        select.value = options.some(([value]) => value === chosen) ? chosen : options[0][0];
    }
    const section_label = (id) => (has_key(`${id}.nav`) ? t(`${id}.nav`) : id);
    function control_label(name) {
        const element = doc.querySelector(`[data-control="${CSS.escape(name)}"][data-control-label]`);
        if (element && has_key(element.dataset.controlLabel)) return t(element.dataset.controlLabel);
        return has_key(`embed.controls.${name}`) ? t(`embed.controls.${name}`) : name;
    }
    // Controls a section names for instructors (a label in embed.controls or a
    // data-control-label); every other data-control can still be locked by URL. The
    // instructor tools have their own show= boxes.
    const table_controls = () =>
        control_names(doc).filter((n) => n !== 'embed' && !instructor_controls.includes(n) && control_label(n) !== n);

    // Built when opened: sections and controls that mounted late are included.
    function build_choices() {
        const keep = choices_built ? read_choices() : null;
        $('#embed-sections').replaceChildren();
        for (const id of page_sections(doc))
            check(
                $('#embed-sections'),
                'section',
                id,
                section_label(id),
                keep ? keep.sections.includes(id) : policy.shown_sections().includes(id)
            );
        const by = (id) => ` · ${id}`;
        fill_select(
            $('#embed-lab'),
            [['', t('embed.lab_all')], ...lab_ids.map((id) => [id, `${t(`labs.names.${id}`)}${by(id)}`])],
            keep?.lab ?? config.lab ?? ''
        );
        fill_select(
            $('#embed-preset'),
            [
                ['', t('embed.preset_default')],
                ...preset_names.map((id) => [id, `${t(`trainer.preset_${id.replaceAll('-', '_')}`)}${by(id)}`]),
            ],
            keep?.preset ?? config.preset ?? ''
        );
        $('#embed-show').replaceChildren();
        for (const name of instructor_controls)
            check(
                $('#embed-show'),
                'show',
                name,
                control_label(name),
                keep ? keep.shown.includes(name) : Boolean(config.shown?.has(name)),
                name
            );
        // One row per control: its label and name, then a "lock" and a "hide" checkbox,
        // each named by its row and column headers.
        const rows = $('#embed-control-rows');
        rows.replaceChildren();
        table_controls().forEach((name, index) => {
            const tr = doc.createElement('tr');
            const th = doc.createElement('th');
            th.scope = 'row';
            const label = doc.createElement('span');
            label.id = `embed-control-${index}`;
            label.textContent = control_label(name);
            th.append(label, ' ', name_code(name));
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
                input.setAttribute('aria-labelledby', `embed-col-${list} ${label.id}`);
                td.appendChild(input);
                tr.appendChild(td);
            }
            rows.appendChild(tr);
        });
        fill_select(
            $('#embed-language'),
            available_languages().map((tag) => [tag, t(`common.language_name_${tag.replace('-', '_')}`)]),
            keep?.lang ?? language()
        );
        for (const option of $('#embed-language').options) option.lang = option.value;
        choices_built = true;
    }

    function read_choices() {
        const checked = (name) => [...dialog.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
        const topics = checked('topic').map((topic) => {
            const count = $(`#embed-topic-count-${topic}`).value.trim();
            return count ? `${topic}:${count}` : topic;
        });
        return {
            address: $('#embed-address').value,
            sections: checked('section'),
            all_sections: page_sections(doc),
            lang: $('#embed-language').value,
            locked: checked('lock'),
            hidden: checked('hide'),
            shown: checked('show'),
            lab: $('#embed-lab').value || null,
            preset: $('#embed-preset').value || null,
            quiz: {
                quiz_questions: $('#embed-quiz-questions').value,
                quiz_topics: topics.join(','),
                quiz_seed: $('#embed-quiz-seed').value,
                quiz_attempts: $('#embed-quiz-attempts').value,
                quiz_counts: $('#embed-quiz-counts').value,
                mastery: $('#embed-mastery').value,
            },
            width: $('#embed-width').value.trim(),
            height: $('#embed-height').value.trim(),
            title: t('common.app_name'),
            known_controls: control_names(doc),
        };
    }

    function update() {
        const choices = read_choices();
        // A section's options only while that section is chosen (all boxes: the whole page).
        const whole_page = choices.sections.length === 0 || choices.sections.length === choices.all_sections.length;
        const shows = (id) => whole_page || choices.sections.includes(id);
        $('#embed-lab-row').hidden = !shows('labs');
        $('#embed-preset-row').hidden = !shows('trainer');
        $('#embed-quiz').hidden = !shows('quiz');
        $('#embed-show-box').hidden = whole_page;
        const snippet = embed_snippet(choices);
        $('#embed-snippet').value = snippet;
        $('#embed-address-needed').hidden = snippet !== '';
        $('#embed-copy').disabled = snippet === '';
        const ignored = [...new Set([...policy.ignored_names(), ...snippet_ignored(choices)])];
        $('#embed-ignored').hidden = ignored.length === 0;
        $('#embed-ignored').textContent = ignored.length ? t('embed.ignored', { names: ignored.join(', ') }) : '';
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
    return {
        open: () => open_button.click(),
        dialog,
        set_preset_names: (names) => {
            preset_names = [...names];
        },
    };
}

// Static structure; every text is a data-i18n key.
function template() {
    const number = (id, min, max) =>
        `<input type="text" id="${id}" inputmode="numeric" size="10" spellcheck="false" autocomplete="off" placeholder="${min}–${max}">`;
    const topic_rows = builtin_topics
        .map(
            (topic) => `
          <div class="embed-topic"><label class="check"><input type="checkbox" name="topic" value="${topic}"> <span data-i18n="quiz.topics.${topic}"></span> <code class="embed-name">${topic}</code></label>
            <input type="text" id="embed-topic-count-${topic}" inputmode="numeric" size="3" maxlength="2" spellcheck="false" autocomplete="off" data-i18n-attr="aria-label:embed.quiz_topic_count_label"></div>`
        )
        .join('');
    return `
    <form method="dialog" class="embed-form">
      <h2 id="embed-title" data-i18n="embed.title"></h2>
      <p data-i18n="embed.intro"></p>
      <p class="embed-field"><label for="embed-address" data-i18n="embed.address_label"></label>
        <input type="url" id="embed-address" spellcheck="false" autocomplete="off" placeholder="https://courses.example.org/relu-lab/" aria-describedby="embed-address-note">
        <span class="embed-note" id="embed-address-note" data-i18n="embed.address_note"></span></p>
      <div id="embed-address-needed" class="embed-warning" role="status">
        <p id="embed-file-warning" data-i18n="embed.address_file"></p>
        <p data-i18n="embed.address_needed"></p>
      </div>
      <fieldset>
        <legend data-i18n="embed.sections_legend"></legend>
        <div id="embed-sections" class="embed-checks"></div>
      </fieldset>
      <p class="embed-row" id="embed-lab-row"><label for="embed-lab" data-i18n="embed.lab_label"></label> <select id="embed-lab"></select> <code class="embed-name">lab=</code></p>
      <p class="embed-row" id="embed-preset-row"><label for="embed-preset" data-i18n="embed.preset_label"></label> <select id="embed-preset"></select> <code class="embed-name">preset=</code></p>
      <fieldset id="embed-quiz" class="embed-quiz">
        <legend data-i18n="embed.quiz_legend"></legend>
        <p class="embed-row"><label for="embed-quiz-questions" data-i18n="embed.quiz_questions_label"></label> ${number('embed-quiz-questions', ...quiz_whole_ranges.quiz_questions)} <code class="embed-name">quiz_questions=</code></p>
        <fieldset id="embed-topics" class="embed-topics">
          <legend data-i18n="embed.quiz_topics_legend"></legend>
          ${topic_rows}
        </fieldset>
        <p class="embed-row"><label for="embed-quiz-seed" data-i18n="embed.quiz_seed_label"></label> ${number('embed-quiz-seed', ...quiz_whole_ranges.quiz_seed)} <code class="embed-name">quiz_seed=</code></p>
        <p class="embed-row"><label for="embed-quiz-attempts" data-i18n="embed.quiz_attempts_label"></label> ${number('embed-quiz-attempts', ...quiz_whole_ranges.quiz_attempts)} <code class="embed-name">quiz_attempts=</code></p>
        <p class="embed-row"><label for="embed-quiz-counts" data-i18n="embed.quiz_counts_label"></label>
          <select id="embed-quiz-counts"><option value="" data-i18n="embed.quiz_counts_default"></option>${quiz_count_rules.map((rule) => `<option value="${rule}" data-i18n="embed.quiz_counts_${rule}"></option>`).join('')}</select> <code class="embed-name">quiz_counts=</code></p>
        <p class="embed-row"><label for="embed-mastery" data-i18n="embed.mastery_label"></label> ${number('embed-mastery', ...quiz_whole_ranges.mastery)} <code class="embed-name">mastery=</code></p>
      </fieldset>
      <p class="embed-row"><label for="embed-language" data-i18n="embed.language_label"></label> <select id="embed-language"></select> <code class="embed-name">lang=</code></p>
      <fieldset id="embed-show-box">
        <legend data-i18n="embed.show_legend"></legend>
        <p class="embed-note" data-i18n="embed.show_note"></p>
        <div id="embed-show" class="embed-checks"></div>
      </fieldset>
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
      <p class="embed-field"><label for="embed-snippet" data-i18n="embed.snippet_label"></label>
        <textarea id="embed-snippet" rows="5" readonly spellcheck="false"></textarea></p>
      <p id="embed-ignored" class="embed-warning" role="status" hidden></p>
      <p class="embed-note" data-i18n="embed.resize_note"></p>
      <p class="embed-note"><a id="embed-guide" target="_blank" rel="noopener" data-i18n="embed.guide_link"></a></p>
      <div class="embed-buttons">
        <button type="button" id="embed-copy" class="primary" data-i18n="embed.copy"></button>
        <button type="submit" id="embed-close" value="close" data-i18n="embed.close"></button>
        <span id="embed-copy-status" role="status"></span>
      </div>
    </form>`;
}
