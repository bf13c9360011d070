// The page frame: language picker, which build runs, notices and fatal errors.
import { relu_lab_error } from '../common/relu_lab_error.js';
import {
    apply_translations,
    available_languages,
    language,
    on_language_change,
    set_language,
    t,
} from '../i18n/i18n.js';

export function mount_shell(doc, { storage, notice }) {
    const select = doc.getElementById('language-select');
    for (const tag of available_languages()) {
        const option = doc.createElement('option');
        option.value = tag;
        option.textContent = t(`common.language_name_${tag.replace('-', '_')}`);
        option.lang = tag;
        select.appendChild(option);
    }
    select.value = language();
    select.addEventListener('change', () => set_language(select.value, { storage }));

    const badge = doc.getElementById('build-badge');
    const notice_box = doc.getElementById('notice');
    const fatal_box = doc.getElementById('fatal-error');
    let build = null;
    let current_notice = notice;
    let fatal = null;

    function render() {
        doc.documentElement.lang = language();
        doc.title = t('common.app_name');
        select.value = language();
        apply_translations(doc.body);
        if (build) {
            badge.hidden = false;
            badge.textContent = t(`common.build_${build}`);
            badge.title = t(`common.build_${build}_detail`);
        }
        notice_box.hidden = !current_notice;
        if (current_notice) notice_box.textContent = t(current_notice.key, current_notice.params);
        fatal_box.hidden = !fatal;
        if (fatal) fatal_box.textContent = t(fatal.key, fatal.params);
    }
    on_language_change(render);
    render();
    watch_section_nav_height(doc);

    return {
        show_build(name) {
            build = name;
            render();
        },
        show_notice(key, params = {}) {
            current_notice = { key, params };
            render();
        },
        show_fatal(error) {
            fatal =
                error instanceof relu_lab_error
                    ? { key: error.i18n_key, params: error.params }
                    : {
                          key: 'common.error_unexpected',
                          params: { detail: String(error?.message ?? error).slice(0, 200) },
                      };
            for (const loading of doc.querySelectorAll('.loading')) loading.hidden = true;
            render();
        },
    };
}

// The navigation is sticky on phones; its height (which changes with the language and
// the width) is published as --section-nav-height for scroll padding and sticky charts.
function watch_section_nav_height(doc) {
    const nav = doc.querySelector('.section-nav');
    if (!nav || !globalThis.ResizeObserver) return;
    const publish = () => {
        const sticky = getComputedStyle(nav).position === 'sticky';
        doc.documentElement.style.setProperty('--section-nav-height', `${sticky ? nav.offsetHeight : 0}px`);
    };
    new ResizeObserver(publish).observe(nav);
    globalThis.matchMedia?.('(max-width: 760px)').addEventListener?.('change', publish);
}
