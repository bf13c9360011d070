// What the page must know about the trainer and must not write down a second time: the
// input's shape and the number of classes, the presets, initialisers and optimizers by
// name (in the order menus list them), the too-large initialiser's factor, the
// augmentations by name and what each does, and the seed range. The bindings hand it
// over as JSON; the page's menus, checks and Keras code read it.
#pragma once

#include <string>

namespace relu_lab {

// {"input": {"channels", "height", "width"}, "classes", "presets": [...],
//  "weight_inits": [...], "optimizers": [...], "too_large_scale", "linear_weight_init",
//  "augmentations": [...], "augment": {"max_shift_px", "max_rotation_deg",
//  "elastic_sigma_px", "elastic_alpha_px"}, "seed": [0, max]}
std::string trainer_facts_json();

}  // namespace relu_lab
