// Same-page navigation to page targets (page_targets.js): a link to #labs/dying_relu
// opens that lab in its intended scenario and scrolls there, #trainer/small picks the
// preset, #explorer/sigmoid,tanh shows those activations, #learn/cnn opens the chapter.
// The same fragments work when the address is opened afresh, and the back button
// returns through them. Plain section links (#quiz) keep the browser's own behaviour,
// except on load, where they are followed again once the sections have their height.
// On a load without a target, the page resumes at the chapter the learner read last.
import { has_key, t } from '../i18n/i18n.js';
import { chapter_by_id, chapter_number } from './chapters.js';
import { lab_setup } from './lab_setups.js';
import { parse_target, target_hash } from '../common/page_targets.js';

const max_activations = 12;

// sections: the apis of the mounted sections { learn, explorer, labs, trainer } (any
// may be missing). Returns { resolve, go, link, available }.
export function start_page_targets(doc, { learn = null, explorer = null, labs = null, trainer = null }) {
    const win = doc.defaultView;

    // A control an embedding locked (embed/page_policy.js) is not changed by a link either.
    const locked = (element) => Boolean(element && (element.disabled || element.closest('[data-control-locked]')));

    function shown_section(id) {
        const element = doc.getElementById(id);
        if (!element || !element.matches('main > section.page-section') || element.hasAttribute('data-embed-hidden'))
            return null;
        return element;
    }

    // -> { element (to scroll to and focus), label (for "learn more"), apply() } or null
    // when this page cannot show the target.
    function resolve(text) {
        const target = parse_target(text);
        if (!target) return null;
        const section = shown_section(target.section);
        if (!section) return null;
        const section_label = () => (has_key(`${target.section}.nav`) ? t(`${target.section}.nav`) : target.section);
        if (target.name === null) return { element: section, label: section_label, apply() {} };
        switch (target.section) {
            case 'learn': {
                const chapter = chapter_by_id(target.name);
                if (!learn || !chapter || target.setup !== null) return null;
                return {
                    element: null,
                    label: () =>
                        t('learn.target_chapter', {
                            number: chapter_number(chapter.id),
                            title: t(`learn.chapters.${chapter.id}.title`),
                        }),
                    apply() {
                        learn.open(chapter.id);
                        return learn.heading();
                    },
                };
            }
            case 'labs': {
                if (!labs?.ids.includes(target.name)) return null;
                const setup = target.setup === null ? {} : lab_setup(target.name, target.setup);
                if (!setup || (labs.current() !== target.name && locked(doc.getElementById(`lab-tab-${target.name}`))))
                    return null;
                return {
                    element: null,
                    label: () => t('learn.target_lab', { name: t(`labs.names.${target.name}`) }),
                    apply() {
                        labs.open(target.name);
                        labs.reset(target.name);
                        const panel = doc.getElementById(`lab-panel-${target.name}`);
                        for (const [id, value] of Object.entries(setup)) {
                            const control = panel?.querySelector(`#${CSS.escape(id)}`);
                            if (!control || control.disabled) continue;
                            control.value = value;
                            control.dispatchEvent(new Event('change', { bubbles: true }));
                        }
                        return panel;
                    },
                };
            }
            case 'trainer': {
                const presets = trainer?.presets() ?? {};
                if (target.setup !== null || !Object.hasOwn(presets, target.name)) return null;
                const plan_is_preset = () => JSON.stringify(trainer.plan()) === JSON.stringify(presets[target.name]);
                if (!plan_is_preset() && locked(section.querySelector('[data-control="trainer_preset"]'))) return null;
                return {
                    element: null,
                    label: () =>
                        t('learn.target_trainer', { name: t(`trainer.preset_${target.name.replaceAll('-', '_')}`) }),
                    apply() {
                        // Only when it differs: the learner's plan (and model) stay if it is already this one.
                        if (!plan_is_preset()) trainer.set_plan(presets[target.name]);
                        return section;
                    },
                };
            }
            case 'explorer': {
                const names = target.name.split(',');
                const known = explorer?.activations?.() ?? [];
                if (
                    target.setup !== null ||
                    names.length > max_activations ||
                    new Set(names).size !== names.length ||
                    !names.every((n) => known.includes(n))
                )
                    return null;
                if (locked(section.querySelector('[data-control="explorer_activations"]'))) return null;
                return {
                    element: null,
                    label: () =>
                        t('learn.target_explorer', { names: names.map((n) => t(`explorer.names.${n}`)).join(', ') }),
                    apply() {
                        explorer.show_activations(names);
                        return section;
                    },
                };
            }
            default:
                return null;
        }
    }

    // Shows the target; returns whether it could.
    function go(text, { focus = true } = {}) {
        const resolved = resolve(text);
        if (!resolved) return false;
        const element = resolved.apply() ?? resolved.element;
        if (!element) return true;
        if (focus) {
            // Headings and sections are not focusable by themselves; -1 makes them so
            // without adding them to the Tab order.
            if (!element.matches('a[href], button, input, select, textarea, [tabindex]'))
                element.setAttribute('tabindex', '-1');
            element.focus({ preventScroll: true });
        }
        element.scrollIntoView({ block: 'start' });
        return true;
    }

    function set_address(hash) {
        if (win.location.hash === hash) return;
        try {
            win.history.pushState(win.history.state, '', hash);
        } catch {
            // A sandboxed frame may refuse: the page still shows the target.
        }
    }

    // "Learn more: ..." links for the quiz: an <a> to the target, or null when this
    // page cannot show it.
    function link(text) {
        const resolved = resolve(text);
        if (!resolved) return null;
        const a = doc.createElement('a');
        a.href = target_hash(text);
        a.className = 'learn-more-link';
        a.dataset.target = text;
        a.textContent = t('quiz.learn_more', { section: resolved.label() });
        return a;
    }

    doc.addEventListener('click', (event) => {
        if (
            event.defaultPrevented ||
            event.button !== 0 ||
            event.metaKey ||
            event.ctrlKey ||
            event.shiftKey ||
            event.altKey
        )
            return;
        const a = event.target.closest?.('a[href^="#"]');
        if (!a || a.getAttribute('aria-disabled') === 'true') return;
        const hash = a.getAttribute('href');
        const target = parse_target(hash);
        // Plain section links stay native; deep targets are ours.
        if (!target || target.name === null || !resolve(hash)) return;
        event.preventDefault();
        set_address(hash);
        go(hash);
    });
    win.addEventListener('hashchange', () => go(win.location.hash));

    // On load: the address's place, or (with no fragment at all) the chapter read last.
    const hash = win.location.hash;
    if (hash) go(hash, { focus: parse_target(hash)?.name != null });
    else if (learn?.last_read() && shown_section('learn')) go(`learn/${learn.last_read()}`, { focus: false });
    learn?.set_target_check((target) => resolve(target) !== null);

    return { resolve, go, link, available: (text) => resolve(text) !== null };
}
