// Which chapters a learner has read and which one they read last, kept in browser
// storage so the page resumes there. Read defensively: whatever storage holds, only
// known chapter ids survive, and a record that is not ours is ignored (never trusted,
// never thrown on).
export const reading_storage_key = 'relu-lab.learn.progress';
export const reading_format = 'relu-lab-learn-progress';
export const reading_version = 1;
const max_record_chars = 10_000;

export function empty_reading() {
    return { read: [], last: null };
}

// A parsed value -> { read: [ids in reading order], last: id | null }.
export function sanitize_reading(value, chapter_ids) {
    const out = empty_reading();
    if (
        value === null ||
        typeof value !== 'object' ||
        value.format !== reading_format ||
        value.version !== reading_version
    )
        return out;
    const read = Array.isArray(value.read) ? value.read.slice(0, 1000) : [];
    out.read = chapter_ids.filter((id) => read.includes(id));
    out.last = typeof value.last === 'string' && chapter_ids.includes(value.last) ? value.last : null;
    return out;
}

// Local reading progress merged with a copy from elsewhere (a learning platform's
// suspend data): chapters read on either side, in reading order; the chapter read last
// here wins, the other side's when this browser has none. Unknown ids are dropped.
export function merged_reading(local, other, chapter_ids) {
    const other_read = Array.isArray(other?.read) ? other.read : [];
    const read = chapter_ids.filter((id) => local.read.includes(id) || other_read.includes(id));
    const other_last = typeof other?.last === 'string' && chapter_ids.includes(other.last) ? other.last : null;
    return { read, last: local.last ?? other_last };
}

export function with_chapter_read(reading, id) {
    return reading.read.includes(id) ? reading : { ...reading, read: [...reading.read, id] };
}

export function with_last_chapter(reading, id) {
    return reading.last === id ? reading : { ...reading, last: id };
}

// storage: a Storage or null. load() -> reading; save(reading) -> whether it was stored.
export function create_reading_store(storage, chapter_ids, key = reading_storage_key) {
    return {
        available: storage !== null,
        load() {
            let text = null;
            try {
                text = storage?.getItem(key) ?? null;
            } catch {
                return empty_reading();
            }
            if (typeof text !== 'string' || text.length > max_record_chars) return empty_reading();
            try {
                return sanitize_reading(JSON.parse(text), chapter_ids);
            } catch {
                return empty_reading();
            }
        },
        save(reading) {
            if (!storage) return false;
            try {
                storage.setItem(
                    key,
                    JSON.stringify({
                        format: reading_format,
                        version: reading_version,
                        read: reading.read,
                        last: reading.last,
                    })
                );
                return true;
            } catch {
                return false; // full or disabled: the marks hold for this visit
            }
        },
    };
}
