// The pretrained model the draw pad starts with is the worker's model until the learner
// trains: then their new network replaces it. While it is in use, a note beside Train
// says so; once replaced, an undo button brings it back exactly (its bytes are saved
// from the worker just before the replacement).
//
//   const guard = create_pretrained_guard(box, { get_client, pause, on_error, focus_after_undo });
//   guard.model_changed(info)     every model_changed message (and the first status)
//   await guard.before_replace()  just before the trainer builds a new model
// Texts are data-i18n attributes in the section's template.
export function create_pretrained_guard(box, { get_client, pause, on_error, focus_after_undo }) {
    const note = box.querySelector('.trainer-pretrained-note');
    const undo_box = box.querySelector('.trainer-undo');
    const undo_button = box.querySelector('[data-control="trainer_undo"]');
    let origin = null; // of the worker's model
    let saved_bytes = null; // the pretrained model, kept when the learner's replaced it

    function render() {
        note.hidden = origin !== 'pretrained';
        undo_box.hidden = !(saved_bytes && origin !== 'pretrained');
    }

    async function before_replace() {
        if (origin !== 'pretrained') return;
        const saved = await get_client().save();
        if (saved.ok) saved_bytes = saved.bytes;
    }

    undo_button.addEventListener('click', async () => {
        if (!saved_bytes) return;
        try {
            await pause();
            const result = await get_client().load(saved_bytes, 'pretrained');
            if (!result.ok) on_error(result);
            // The undo button hides itself: keyboard focus goes on to Train.
            else focus_after_undo();
        } catch (error) {
            on_error({ ok: false, error: String(error?.message ?? error) });
        }
    });

    return Object.freeze({
        model_changed(info) {
            origin = info?.has_model ? info.origin : null;
            if (origin === 'pretrained') saved_bytes = null;
            render();
        },
        before_replace,
    });
}
