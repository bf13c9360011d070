// Starting one page section on its own: a section that throws while it starts shows a
// message in its own place, in the learner's language, and the other sections start as
// if nothing happened. Whatever the section had built before the error is taken away,
// so nothing half-made stays on screen; its heading and introduction stay.
import { on_language_change, t } from '../i18n/i18n.js';

// mount(section) -> the section's api; returns it, or null when the section failed.
export function mount_section(section, mount) {
    const present = new Set(section.childNodes);
    try {
        return mount(section);
    } catch (error) {
        console.error(`ReLU Lab: the ${section.id} section failed to start:`, error); // i18n-exempt: console, for developers
        for (const node of [...section.childNodes]) if (!present.has(node)) node.remove();
        section.querySelector('.loading')?.remove();
        const message = section.ownerDocument.createElement('p');
        message.className = 'fatal-error section-error';
        message.setAttribute('role', 'alert');
        const render = () => {
            message.textContent = t('common.section_failed', { section: t(`${section.id}.nav`) });
        };
        render();
        on_language_change(render);
        section.appendChild(message);
        return null;
    }
}
