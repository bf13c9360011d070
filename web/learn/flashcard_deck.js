// The flashcards at the end of each chapter, as items of the quiz's review schedule:
// card n of chapter c has the id 'learn.<c>.<n>', its texts are
// learn.chapters.<c>.cards.<n>.front / .back. No DOM here.
import { chapters } from './chapters.js';

export const flashcard_id_prefix = 'learn.';

export const flashcards = Object.freeze(
    chapters.flatMap((chapter) =>
        Array.from({ length: chapter.cards }, (_, i) =>
            Object.freeze({
                id: `${flashcard_id_prefix}${chapter.id}.${i + 1}`,
                chapter: chapter.id,
                index: i + 1,
                front_key: `learn.chapters.${chapter.id}.cards.${i + 1}.front`,
                back_key: `learn.chapters.${chapter.id}.cards.${i + 1}.back`,
            })
        )
    )
);

export const flashcard_ids = Object.freeze(flashcards.map((c) => c.id));

export function flashcard_by_id(id) {
    return flashcards.find((c) => c.id === id) ?? null;
}

export function chapter_flashcards(chapter_id) {
    return flashcards.filter((c) => c.chapter === chapter_id);
}
