// Controls meant for instructors, not learners: the page header (title, language picker,
// the WebAssembly build badge), the link to the instructor's guide, the quiz's own-bank
// loader and its progress files (export, import, reset). A frame showing chosen sections
// (?sections=... or ?lab=...) hides them unless the address names them in show=; the
// whole page keeps them, and so does the page opened on its own, where an instructor
// tries an address out and needs the header's Embed button.
// The trainer's model files and own-data loaders stay: they are learners' tools.
export const instructor_controls = Object.freeze(['header', 'guide', 'quiz_bank', 'quiz_progress_files']);

// config: embed_config(); embedded_sections: whether the page is framed and the address
// picked sections of it -> the Set of control names to hide.
export function hidden_controls(config, embedded_sections) {
    const hidden = new Set(config.hidden);
    if (embedded_sections) for (const name of instructor_controls) if (!config.shown?.has(name)) hidden.add(name);
    return hidden;
}

// show= names that are not instructor tools: nothing to bring back, so reported as ignored.
export function unknown_shown_names(config) {
    return [...(config.shown ?? [])].filter((name) => !instructor_controls.includes(name));
}
