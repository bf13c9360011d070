// Every locale table the page ships. A language is listed in supported_languages once
// its tables exist; the tests check each listed language has every English key.
import de_common from './de/common.json' with { type: 'json' };
import de_embed from './de/embed.json' with { type: 'json' };
import de_errors from './de/errors.json' with { type: 'json' };
import de_explorer from './de/explorer.json' with { type: 'json' };
import de_handwriting from './de/handwriting.json' with { type: 'json' };
import de_learn from './de/learn.json' with { type: 'json' };
import de_labs from './de/labs.json' with { type: 'json' };
import de_quiz from './de/quiz.json' with { type: 'json' };
import de_trainer from './de/trainer.json' with { type: 'json' };
import de_trainer_insight from './de/trainer_insight.json' with { type: 'json' };
import en_common from './en/common.json' with { type: 'json' };
import en_embed from './en/embed.json' with { type: 'json' };
import en_errors from './en/errors.json' with { type: 'json' };
import en_explorer from './en/explorer.json' with { type: 'json' };
import en_handwriting from './en/handwriting.json' with { type: 'json' };
import en_learn from './en/learn.json' with { type: 'json' };
import en_labs from './en/labs.json' with { type: 'json' };
import en_quiz from './en/quiz.json' with { type: 'json' };
import en_trainer from './en/trainer.json' with { type: 'json' };
import en_trainer_insight from './en/trainer_insight.json' with { type: 'json' };
import es_common from './es/common.json' with { type: 'json' };
import es_embed from './es/embed.json' with { type: 'json' };
import es_errors from './es/errors.json' with { type: 'json' };
import es_explorer from './es/explorer.json' with { type: 'json' };
import es_handwriting from './es/handwriting.json' with { type: 'json' };
import es_learn from './es/learn.json' with { type: 'json' };
import es_labs from './es/labs.json' with { type: 'json' };
import es_quiz from './es/quiz.json' with { type: 'json' };
import es_trainer from './es/trainer.json' with { type: 'json' };
import es_trainer_insight from './es/trainer_insight.json' with { type: 'json' };
import it_common from './it/common.json' with { type: 'json' };
import it_embed from './it/embed.json' with { type: 'json' };
import it_errors from './it/errors.json' with { type: 'json' };
import it_explorer from './it/explorer.json' with { type: 'json' };
import it_handwriting from './it/handwriting.json' with { type: 'json' };
import it_learn from './it/learn.json' with { type: 'json' };
import it_labs from './it/labs.json' with { type: 'json' };
import it_quiz from './it/quiz.json' with { type: 'json' };
import it_trainer from './it/trainer.json' with { type: 'json' };
import it_trainer_insight from './it/trainer_insight.json' with { type: 'json' };
import zh_hans_common from './zh-Hans/common.json' with { type: 'json' };
import zh_hans_embed from './zh-Hans/embed.json' with { type: 'json' };
import zh_hans_errors from './zh-Hans/errors.json' with { type: 'json' };
import zh_hans_explorer from './zh-Hans/explorer.json' with { type: 'json' };
import zh_hans_handwriting from './zh-Hans/handwriting.json' with { type: 'json' };
import zh_hans_learn from './zh-Hans/learn.json' with { type: 'json' };
import zh_hans_labs from './zh-Hans/labs.json' with { type: 'json' };
import zh_hans_quiz from './zh-Hans/quiz.json' with { type: 'json' };
import zh_hans_trainer from './zh-Hans/trainer.json' with { type: 'json' };
import zh_hans_trainer_insight from './zh-Hans/trainer_insight.json' with { type: 'json' };

export const source_language = 'en';
export const supported_languages = ['en', 'de', 'zh-Hans', 'es', 'it'];
// Sections whose translations are still to come (their own issue): other languages show
// them in English for now, and the coverage test does not yet ask for them.
export const sections_awaiting_translation = [];

export const locale_tables = {
    en: {
        common: en_common,
        errors: en_errors,
        explorer: en_explorer,
        quiz: en_quiz,
        learn: en_learn,
        labs: en_labs,
        embed: en_embed,
        trainer: en_trainer,
        trainer_insight: en_trainer_insight,
        handwriting: en_handwriting,
    },
    de: {
        common: de_common,
        errors: de_errors,
        explorer: de_explorer,
        quiz: de_quiz,
        learn: de_learn,
        labs: de_labs,
        embed: de_embed,
        trainer: de_trainer,
        trainer_insight: de_trainer_insight,
        handwriting: de_handwriting,
    },
    'zh-Hans': {
        common: zh_hans_common,
        errors: zh_hans_errors,
        explorer: zh_hans_explorer,
        quiz: zh_hans_quiz,
        learn: zh_hans_learn,
        labs: zh_hans_labs,
        embed: zh_hans_embed,
        trainer: zh_hans_trainer,
        trainer_insight: zh_hans_trainer_insight,
        handwriting: zh_hans_handwriting,
    },
    es: {
        common: es_common,
        errors: es_errors,
        explorer: es_explorer,
        quiz: es_quiz,
        learn: es_learn,
        labs: es_labs,
        embed: es_embed,
        trainer: es_trainer,
        trainer_insight: es_trainer_insight,
        handwriting: es_handwriting,
    },
    it: {
        common: it_common,
        errors: it_errors,
        explorer: it_explorer,
        quiz: it_quiz,
        learn: it_learn,
        labs: it_labs,
        embed: it_embed,
        trainer: it_trainer,
        trainer_insight: it_trainer_insight,
        handwriting: it_handwriting,
    },
};
