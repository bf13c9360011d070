// The Learn section's chapters, in reading order. Each chapter is a list of blocks:
//   'p1'            a paragraph, learn.chapters.<id>.p1 in the locale files
//   'formula:name'  a display formula (formulas.js), typeset with KaTeX
//   'example:name'  a live example (examples/<name>.js), computed by the kernels
//   'timeline'      the history timeline (timeline below)
// try_it is a page target (page_targets.js) that opens the lab, trainer or explorer
// set-up the chapter is about; cards is how many flashcards end it
// (learn.chapters.<id>.cards.<n>). Chapter ids are the quiz's topics, so a chapter, its
// flashcards and the quiz questions on the same topic share one name.
export const chapters = Object.freeze(
    [
        {
            id: 'definition',
            blocks: [
                'p1',
                'formula:relu',
                'p2',
                'example:relu_vector',
                'p3',
                'formula:collapse',
                'p4',
                'example:linear_collapse',
            ],
            try_it: 'explorer/relu',
            cards: 3,
        },
        {
            id: 'derivative',
            blocks: [
                'p1',
                'formula:relu_derivative',
                'p2',
                'example:kink_conventions',
                'p3',
                'formula:backprop_mask',
                'example:derivative_mask',
            ],
            try_it: 'labs/backprop_worked_example',
            cards: 3,
        },
        {
            id: 'why_relu',
            blocks: [
                'p1',
                'p2',
                'p3',
                'formula:sigmoid_chain',
                'example:gradient_depth',
                'p4',
                'example:sparsity_count',
                'p5',
            ],
            try_it: 'labs/vanishing_gradients',
            cards: 4,
        },
        {
            id: 'sigmoid_tanh',
            blocks: [
                'p1',
                'formula:sigmoid',
                'p2',
                'formula:sigmoid_derivative',
                'p3',
                'formula:tanh',
                'p4',
                'example:sigmoid_tanh_curves',
            ],
            try_it: 'explorer/sigmoid,tanh',
            cards: 3,
        },
        {
            id: 'problems',
            blocks: ['p1', 'example:dead_units', 'p2', 'p3', 'formula:relu_mean', 'example:relu_mean'],
            try_it: 'labs/dying_relu',
            cards: 4,
        },
        {
            id: 'variants',
            blocks: ['p1', 'formula:leaky_relu', 'p2', 'formula:elu', 'p3', 'example:variants_curves'],
            try_it: 'explorer/relu,leaky_relu,prelu,elu',
            cards: 4,
        },
        {
            id: 'cnn',
            blocks: ['p1', 'example:conv_patch', 'p2', 'example:cnn_shapes', 'p3', 'formula:softmax'],
            try_it: 'trainer/seed-keras',
            cards: 4,
        },
        {
            id: 'initialisation',
            blocks: ['p1', 'p2', 'formula:fan_in_variance', 'p3', 'formula:initialisers', 'example:init_signal', 'p4'],
            try_it: 'labs/initialisation',
            cards: 4,
        },
        {
            id: 'history',
            blocks: ['p1', 'p2', 'example:stepped_sigmoids', 'timeline'],
            try_it: 'labs/same_seed_ab/tanh_vs_relu',
            cards: 4,
        },
    ].map((chapter) => Object.freeze({ ...chapter, blocks: Object.freeze(chapter.blocks) }))
);

export const chapter_ids = Object.freeze(chapters.map((c) => c.id));

export function chapter_by_id(id) {
    return chapters.find((c) => c.id === id) ?? null;
}

// 1-based position in the reading order, or 0 for an unknown id.
export function chapter_number(id) {
    return chapter_ids.indexOf(id) + 1;
}

// The milestones of the history chapter, oldest first (learn.chapters.history.timeline.<key>).
export const timeline = Object.freeze(
    [
        { key: 'fukushima_1969', year: 1969 },
        { key: 'cognitron_1975', year: 1975 },
        { key: 'neocognitron_1980', year: 1980 },
        { key: 'nair_hinton_2010', year: 2010 },
        { key: 'glorot_2011', year: 2011 },
        { key: 'krizhevsky_2012', year: 2012 },
        { key: 'he_2015', year: 2015 },
    ].map(Object.freeze)
);
