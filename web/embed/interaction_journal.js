// cmi.interactions as a journal, the same in SCORM 1.2 and 2004: each answer is a new
// entry after those the LMS already holds (cmi.interactions._count, read once). An entry
// starts with its id; an LMS that refuses one (no interactions, or full) is not asked again.
// get, set: the runtime's LMS calls. open_entry(id) -> 'cmi.interactions.n', or null.
export function interaction_journal({ get, set }) {
    let next = null;
    let refused = false;
    return {
        get refused() {
            return refused;
        },
        open_entry(id) {
            if (refused) return null;
            if (next === null) {
                const count = Number(get('cmi.interactions._count'));
                next = Number.isInteger(count) && count >= 0 ? count : 0;
            }
            const base = `cmi.interactions.${next}`;
            if (!set(`${base}.id`, id)) {
                refused = true;
                return null;
            }
            next++;
            return base;
        },
    };
}
