// Page targets: one short string names a place in the page and the set-up to show there,
//   learn/derivative                  a chapter of Learn
//   labs/dying_relu                   a lab, in its intended scenario
//   labs/same_seed_ab/tanh_vs_relu    a lab with a named set-up (lab_setups.js)
//   trainer/seed-keras                the trainer with a preset
//   explorer/sigmoid,tanh             the explorer with these activations
//   quiz                              a whole section
// The address form is the same string as a fragment, #labs/dying_relu: a link to it is a
// same-page navigation, and the address works when opened afresh. Quiz banks name the
// target of each question's "learn more" link in this form (bank/SCHEMA.md).
// Parsing only checks the form; whether the page has that place is the navigator's
// business (target_navigator.js).
export const max_target_chars = 120;
const section_pattern = /^[a-z][a-z0-9_-]{0,31}$/;
const part_pattern = /^[a-z0-9][a-z0-9_.,-]{0,63}$/;

// 'labs/dying_relu' or '#labs/dying_relu' -> { section, name, setup } (name and setup
// null when absent), or null when the text is not a target.
export function parse_target(text) {
    if (typeof text !== 'string') return null;
    const body = text.startsWith('#') ? text.slice(1) : text;
    if (body.length === 0 || body.length > max_target_chars) return null;
    const parts = body.split('/');
    if (parts.length > 3 || !section_pattern.test(parts[0])) return null;
    if (parts.slice(1).some((p) => !part_pattern.test(p))) return null;
    return { section: parts[0], name: parts[1] ?? null, setup: parts[2] ?? null };
}

export function is_target(text) {
    return parse_target(text) !== null;
}

export function target_text({ section, name = null, setup = null }) {
    return [section, name, setup].filter((p) => p !== null).join('/');
}

// The fragment of a link to the target: '#labs/dying_relu'.
export function target_hash(target) {
    return `#${typeof target === 'string' ? target : target_text(target)}`;
}
