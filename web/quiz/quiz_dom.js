// Small DOM helpers the quiz's views share. Text goes in as textContent only.
import { language } from '../i18n/i18n.js';
import { is_time_ms } from './scheduler.js';

export function paragraph(doc, text, class_name) {
    const p = doc.createElement('p');
    if (class_name) p.className = class_name;
    p.textContent = text;
    return p;
}

// A table cell; a th is a row header.
export function cell(doc, tag, text) {
    const c = doc.createElement(tag);
    if (tag === 'th') c.scope = 'row';
    c.textContent = text;
    return c;
}

// A date and time in the learner's language.
export function format_date(ms) {
    // Stored times are checked where they come in; a date Date cannot hold would throw here.
    if (!is_time_ms(ms)) return '—';
    return new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}
