// An error whose message is an i18n key: whoever shows it translates the key with its
// params, so a refusal from any layer reaches the learner in their language.
export class relu_lab_error extends Error {
    constructor(i18n_key, params = {}) {
        super(i18n_key);
        this.i18n_key = i18n_key;
        this.params = params;
    }
}
