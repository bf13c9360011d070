#include "train/trainer_facts.h"

#include "data/augment.h"
#include "data/elastic_distortion.h"
#include "train/config.h"
#include "train/initializers.h"
#include "train/json_text.h"

namespace relu_lab {

std::string trainer_facts_json() {
    const network_config network;
    const augment_options augment;
    const elastic_options elastic;
    nlohmann::json presets = nlohmann::json::array();
    for (const char* name : preset_name_list) presets.push_back(name);
    const nlohmann::json facts = {
        {"input",
         {{"channels", network.input_channels}, {"height", network.input_height}, {"width", network.input_width}}},
        {"classes", network.classes},
        {"presets", presets},
        {"weight_inits", weight_init_names()},
        {"optimizers", optimizer_kind_names()},
        {"too_large_scale", network.init.too_large_scale},
        // What "automatic" draws for a layer without an activation and for the softmax head.
        {"linear_weight_init", weight_init_name(automatic_weight_init(""))},
        {"augmentations", augmentation_names()},
        {"augment",
         {{"max_shift_px", augment.max_shift_px},
          {"max_rotation_deg", augment.max_rotation_deg},
          {"elastic_sigma_px", elastic.sigma_px},
          {"elastic_alpha_px", elastic.alpha_px}}},
        {"seed", {0, max_seed}},
    };
    return json_text(facts);
}

}  // namespace relu_lab
