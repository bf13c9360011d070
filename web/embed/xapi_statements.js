// xAPI 1.0.3 statements as cmi5 wants them (cmi5 spec, sections 9 and 10). Every
// statement has an id (a UUID, so a statement resent after a lost answer is stored once),
// the launch's actor, a verb IRI, an object, a timestamp, and a context with the
// registration and the platform's context template (its session id, its grouping). The
// cmi5-defined verbs (initialized, completed, passed, failed, terminated) are about the
// assignable unit itself and carry the cmi5 category; "cmi5 allowed" statements
// (answered, experienced) are about a question or a chapter and must not carry it.
import { iso_duration } from './iso_duration.js';
import { scorm2004_interaction_values } from './scorm2004_runtime.js';

// Verb IRIs are names the xAPI and cmi5 specifications fix, not addresses: nothing fetches
// them. Statements go only to the endpoint the platform's launch link names.
const verbs = {
    initialized: 'http://adlnet.gov/expapi/verbs/initialized',
    completed: 'http://adlnet.gov/expapi/verbs/completed',
    passed: 'http://adlnet.gov/expapi/verbs/passed',
    failed: 'http://adlnet.gov/expapi/verbs/failed',
    terminated: 'http://adlnet.gov/expapi/verbs/terminated',
    answered: 'http://adlnet.gov/expapi/verbs/answered',
    experienced: 'http://adlnet.gov/expapi/verbs/experienced',
};
export const cmi5_category = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const moveon_category = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
export const masteryscore_extension = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
export const sessionid_extension = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const interaction_type = 'http://adlnet.gov/expapi/activities/cmi.interaction';
const module_type = 'http://adlnet.gov/expapi/activities/module';

// xAPI language maps want RFC 5646 tags; the page's own tags are such tags.
const language_map = (text, language) => ({ [language || 'en']: text });

// The pieces every statement of a session shares. launch: cmi5_launch.js read_cmi5_launch;
// launch_data: fetch_launch_data; new_id: () => a UUID; now: () => ms.
export function create_statement_factory(launch, launch_data, { new_id, now }) {
    const template = launch_data.context_template;
    function context({ categories = [], extensions = {} } = {}) {
        const activities = JSON.parse(JSON.stringify(template.contextActivities ?? {}));
        if (categories.length)
            activities.category = [
                ...(activities.category ?? []),
                ...categories.map((id) => ({ id, objectType: 'Activity' })),
            ];
        const out = { registration: launch.registration, contextActivities: activities };
        const merged = { ...(template.extensions ?? {}), ...extensions };
        if (Object.keys(merged).length) out.extensions = merged;
        return out;
    }
    function statement(verb, object, { result = null, categories = [], extensions = {}, at_ms = now() } = {}) {
        const out = {
            id: new_id(),
            actor: launch.actor,
            verb: { id: verbs[verb], display: { 'en-US': verb } },
            object,
            context: context({ categories, extensions }),
            timestamp: new Date(at_ms).toISOString(),
        };
        if (result) out.result = result;
        return out;
    }
    const unit = { id: launch.activity_id, objectType: 'Activity' };
    const defined = (verb, options = {}) =>
        statement(verb, unit, { ...options, categories: [cmi5_category, ...(options.categories ?? [])] });
    const mastery_extension =
        launch_data.mastery_score === null ? {} : { [masteryscore_extension]: launch_data.mastery_score };
    const score = (percent) => ({ scaled: Math.round(percent * 100) / 10_000, raw: percent, min: 0, max: 100 });

    return {
        initialized: () => defined('initialized'),
        // duration_ms: since initialized.
        completed: (duration_ms) =>
            defined('completed', {
                categories: [moveon_category],
                result: { completion: true, duration: iso_duration(duration_ms) },
            }),
        passed: (percent, duration_ms) =>
            defined('passed', {
                categories: [moveon_category],
                extensions: mastery_extension,
                result: { score: score(percent), success: true, duration: iso_duration(duration_ms) },
            }),
        failed: (percent, duration_ms) =>
            defined('failed', {
                categories: [moveon_category],
                extensions: mastery_extension,
                result: { score: score(percent), success: false, duration: iso_duration(duration_ms) },
            }),
        terminated: (duration_ms) => defined('terminated', { result: { duration: iso_duration(duration_ms) } }),
        // record: an answer record (answer_record.js), its question as a cmi.interaction
        // activity under the unit's id.
        answered(record) {
            const values = scorm2004_interaction_values(record);
            if (!values || values.learner_response === null) return null;
            const definition = {
                type: interaction_type,
                name: language_map(record.description || record.id, record.language),
                interactionType: values.type,
            };
            if (values.pattern !== null) definition.correctResponsesPattern = [values.pattern];
            if (record.kind === 'choice')
                definition.choices = record.option_ids.map((id) => ({ id, description: language_map(id, 'en') }));
            const result = { response: values.learner_response, success: record.result === 'correct' };
            if (record.latency_ms !== null) result.duration = iso_duration(record.latency_ms);
            const object = {
                id: `${launch.activity_id}/questions/${encodeURIComponent(record.id)}`,
                objectType: 'Activity',
                definition,
            };
            return statement('answered', object, { result, at_ms: record.at_ms });
        },
        // kind: 'chapters', 'labs' or 'training'; id: which one; name: its title.
        experienced(kind, id, name, language, duration_ms = null) {
            const object = {
                id: `${launch.activity_id}/${kind}/${encodeURIComponent(id)}`,
                objectType: 'Activity',
                definition: { type: module_type, name: language_map(name, language) },
            };
            return statement(
                'experienced',
                object,
                duration_ms === null ? {} : { result: { duration: iso_duration(duration_ms) } }
            );
        },
    };
}
