// Every locale table the page ships. A language is listed in supported_languages once
// its tables exist; the tests check each listed language has every English key.
import en_common from './en/common.json' with { type: 'json' };
import en_explorer from './en/explorer.json' with { type: 'json' };

export const source_language = 'en';
export const supported_languages = ['en', 'de', 'zh-Hans', 'es', 'it'];

export const locale_tables = {
    en: { common: en_common, explorer: en_explorer },
};
