// What identifies the network a model was made from: the plan without its epoch count
// (changing only the epoch count keeps the trained model).
export function model_key(plan) {
    return JSON.stringify(Object.entries({ ...plan, epochs: 0 }).sort(([a], [b]) => a.localeCompare(b)));
}
