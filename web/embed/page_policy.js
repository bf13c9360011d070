// Applies an embedding's choices (embed_config.js) to the page, generically:
//   - sections: every <main> > <section class="page-section" id=...> not listed is hidden,
//     with its nav link (a[href="#id"]); with one section shown, the nav goes too;
//   - controls: any element with data-control="<name>" is locked (lock=<name>) or
//     hidden (hide=<name>). Locking disables the element and every form control inside
//     it, marks it aria-disabled and titles it "set by your course". A MutationObserver
//     applies the same to elements that sections add or re-render later.
// Hiding uses our own attributes and CSS (embed.css), not the `hidden` property, so a
// section that toggles `hidden` on its own elements cannot undo it.
import { on_language_change, t } from '../i18n/i18n.js';
import { hidden_controls, unknown_shown_names } from './instructor_tools.js';

const form_controls = 'input, select, textarea, button, fieldset';

export function page_sections(doc) {
    return [...doc.querySelectorAll('main > section.page-section[id]')].map((s) => s.id);
}

export function control_names(doc) {
    return [...new Set([...doc.querySelectorAll('[data-control]')].map((e) => e.dataset.control))].sort();
}

export function apply_page_policy(doc, config) {
    const all_sections = page_sections(doc);
    const listed = config.sections?.filter((id) => all_sections.includes(id)) ?? [];
    const shown = listed.length ? listed : all_sections;
    for (const id of all_sections) {
        const hide = !shown.includes(id);
        doc.getElementById(id).toggleAttribute('data-embed-hidden', hide);
        for (const link of doc.querySelectorAll(`nav a[href="#${CSS.escape(id)}"]`))
            link.toggleAttribute('data-embed-hidden', hide);
    }
    // The controls the address hides, plus instructor tools in a frame of chosen sections.
    const hidden = hidden_controls(config, config.framed && listed.length > 0);
    const nav = doc.querySelector('.section-nav');
    if (nav && listed.length === 1) nav.setAttribute('data-embed-hidden', '');
    if (config.framed) doc.documentElement.dataset.embedFramed = 'true';

    function lock(element) {
        const targets = element.matches(form_controls) ? [element] : [];
        targets.push(...element.querySelectorAll(form_controls));
        for (const target of targets) if (!target.disabled) target.disabled = true;
        for (const link of element.querySelectorAll('a[href]')) {
            link.setAttribute('aria-disabled', 'true');
            link.setAttribute('tabindex', '-1');
        }
        if (element.getAttribute('aria-disabled') !== 'true') element.setAttribute('aria-disabled', 'true');
        const title = t('embed.locked_title');
        if (element.title !== title) element.title = title;
        if (!element.hasAttribute('data-control-locked')) element.setAttribute('data-control-locked', '');
    }

    function apply_controls(root) {
        const elements = root.querySelectorAll ? [...root.querySelectorAll('[data-control]')] : [];
        if (root.matches?.('[data-control]')) elements.push(root);
        for (const element of elements) {
            const name = element.dataset.control;
            if (hidden.has(name) && !element.hasAttribute('data-control-hidden'))
                element.setAttribute('data-control-hidden', '');
            if (config.locked.has(name)) lock(element);
        }
        // A form control added inside an already locked element is locked too.
        if (root.closest?.('[data-control-locked]')) lock(root.closest('[data-control-locked]'));
    }

    const active = config.locked.size > 0 || hidden.size > 0;
    if (active) {
        apply_controls(doc.body);
        // Sections re-render (and may re-enable) their controls: re-apply on every change.
        new MutationObserver((records) => {
            for (const record of records) {
                if (record.type === 'attributes') apply_controls(record.target);
                else for (const node of record.addedNodes) if (node.nodeType === 1) apply_controls(node);
            }
        }).observe(doc.body, {
            subtree: true,
            childList: true,
            attributes: true,
            attributeFilter: ['disabled', 'data-control'],
        });
        on_language_change(() => apply_controls(doc.body));
    }

    // What the address asked for that this page does not have (names as written in it).
    function ignored_names() {
        const names = control_names(doc);
        return [
            ...config.ignored,
            ...(config.sections ?? []).filter((id) => !all_sections.includes(id)).map((id) => `sections=${id}`),
            ...[...config.locked].filter((n) => !names.includes(n)).map((n) => `lock=${n}`),
            ...[...config.hidden].filter((n) => !names.includes(n)).map((n) => `hide=${n}`),
            ...unknown_shown_names(config).map((n) => `show=${n}`),
        ];
    }

    let reported = false;
    return {
        shown_sections: () => [...shown],
        hidden_controls: () => [...hidden],
        ignored_names,
        // Called once the sections have mounted: one console warning for whatever the
        // address asked for that this page does not have.
        report_ignored() {
            if (reported) return;
            reported = true;
            const unknown = ignored_names();
            if (unknown.length) console.warn(`ReLU Lab: ignored embedding options: ${unknown.join(', ')}`); // i18n-exempt: console, for developers
        },
    };
}
