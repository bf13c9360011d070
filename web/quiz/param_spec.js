// Checking the parameters a bank gives a generator or an experiment against that
// generator's declared spec. A spec maps each parameter name to
//   { type: 'integer' | 'number' | 'boolean' | 'activation' | 'enum', min, max, values, optional }
// and returns problems as { field, problem, params } (problem is a quiz.problems.* key).
import { activation_catalogue } from './activation_catalogue.js';

export function check_params(spec, params, field) {
    const problems = [];
    if (params === undefined) params = {};
    if (!is_plain_object(params)) return [{ field, problem: 'wrong_type', params: { expected: 'object' } }];
    for (const key of Object.keys(params)) {
        if (!Object.hasOwn(spec, key))
            problems.push({ field: `${field}.${key}`, problem: 'unknown_field', params: {} });
    }
    for (const [key, rule] of Object.entries(spec)) {
        const value = params[key];
        const where = `${field}.${key}`;
        if (value === undefined) {
            if (!rule.optional) problems.push({ field: where, problem: 'missing_field', params: {} });
            continue;
        }
        switch (rule.type) {
            case 'integer':
            case 'number':
                if (
                    typeof value !== 'number' ||
                    !Number.isFinite(value) ||
                    (rule.type === 'integer' && !Number.isInteger(value))
                ) {
                    problems.push({ field: where, problem: 'wrong_type', params: { expected: rule.type } });
                } else if (value < rule.min || value > rule.max) {
                    problems.push({ field: where, problem: 'out_of_range', params: { min: rule.min, max: rule.max } });
                }
                break;
            case 'boolean':
                if (typeof value !== 'boolean')
                    problems.push({ field: where, problem: 'wrong_type', params: { expected: 'boolean' } });
                break;
            case 'activation':
                if (
                    typeof value !== 'string' ||
                    !Object.hasOwn(activation_catalogue, value) ||
                    (rule.values && !rule.values.includes(value))
                ) {
                    problems.push({
                        field: where,
                        problem: 'unknown_value',
                        params: { allowed: (rule.values ?? Object.keys(activation_catalogue)).join(', ') },
                    });
                }
                break;
            case 'enum':
                if (typeof value !== 'string' || !rule.values.includes(value)) {
                    problems.push({
                        field: where,
                        problem: 'unknown_value',
                        params: { allowed: rule.values.join(', ') },
                    });
                }
                break;
            default:
                throw new Error(`param spec: unknown rule type ${rule.type}`);
        }
    }
    return problems;
}

// A parameter of the activation itself (e.g. Leaky ReLU's slope) must lie in its range.
export function check_activation_param(activation, param, field) {
    const range = activation_catalogue[activation];
    if (param === undefined || !range) return [];
    if (typeof param !== 'number' || !Number.isFinite(param))
        return [{ field, problem: 'wrong_type', params: { expected: 'number' } }];
    if (param < range.param_min || param > range.param_max) {
        return [{ field, problem: 'out_of_range', params: { min: range.param_min, max: range.param_max } }];
    }
    return [];
}

export function is_plain_object(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
