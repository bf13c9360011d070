#include "train/trainer_json.h"

#include "kernels/activation_registry.h"
#include "train/json_text.h"

namespace relu_lab {

namespace {

using json = nlohmann::json;

json params_json(const error_params& params) {
    json out = json::object();
    for (const error_param& p : params) { out[p.name] = p.is_number ? json_number(p.number) : json(p.text); }
    return out;
}

void add_error(json& out, const std::string& code, const error_params& params) {
    out["code"] = code;
    out["params"] = params_json(params);
}

json layer_metrics_json(const std::vector<layer_metrics>& layers) {
    json out = json::array();
    for (const layer_metrics& m : layers) {
        out.push_back({
            {"name", m.name},
            {"units", m.units},
            {"zero_fraction", json_number(m.zero_fraction)},
            {"mean", json_number(m.mean)},
            {"stddev", json_number(m.stddev)},
            {"param_grad_norm", json_number(m.param_grad_norm)},
            {"output_grad_norm", json_number(m.output_grad_norm)},
            {"dead_units", m.dead_units},
        });
    }
    return out;
}

}  // namespace

std::string step_metrics_to_json(const step_metrics& m, double flops_per_image, bool with_layers) {
    const divergence_report& d = m.divergence;
    json out = {
        {"ok", m.ok},
        {"error", m.error},
        {"step", m.step},
        {"epoch", m.epoch},
        {"images", m.images},
        {"loss", json_number(m.loss)},
        {"accuracy", json_number(m.accuracy)},
        {"images_per_s", json_number(m.images_per_s)},
        {"gflops", json_number(m.images_per_s * flops_per_image / 1e9)},
        {"learning_rate", json_number(m.learning_rate)},
        {"layers", with_layers ? layer_metrics_json(m.layers) : json::array()},
        {"divergence",
         {
             {"diverged", d.diverged},
             {"step", d.step},
             {"layer", d.layer},
             {"what", divergence_kind_name(d.kind)},
             {"message", d.message},
             {"code", d.code},
             {"params", params_json(d.params)},
         }},
    };
    if (!m.ok) {
        if (!m.code.empty()) add_error(out, m.code, m.params);
        else add_error(out, d.code, d.params);
    }
    return json_text(out);
}

std::string eval_metrics_to_json(const eval_metrics& e) {
    json out = {
        {"ok", e.ok},
        {"error", e.error},
        {"count", e.count},
        {"loss", json_number(e.loss)},
        {"accuracy", json_number(e.accuracy)},
        {"classes", e.classes},
        {"layers", layer_metrics_json(e.layers)},
    };
    if (!e.ok) add_error(out, e.code, e.params);
    return json_text(out);
}

namespace {
json layer_plans_json(const std::vector<layer_plan>& layers) {
    json out = json::array();
    for (const layer_plan& l : layers) {
        json layer = {
            {"name", l.name},
            {"type", layer_type_name(l.type)},
            {"channels", l.out.channels},
            {"height", l.out.height},
            {"width", l.out.width},
            {"parameters", l.weights_count + l.bias_count},
        };
        // The initialiser its weights were drawn with, "automatic" resolved.
        if (l.type == layer_type::conv2d || l.type == layer_type::dense) layer["init"] = weight_init_name(l.init);
        // What the insight view needs to recompute one output unit from its inputs.
        layer["in"] = {{"channels", l.in.channels}, {"height", l.in.height}, {"width", l.in.width}};
        if (l.type == layer_type::activation) layer["activation"] = std::string(activation_info_of(l.act.kind).name);
        if (l.type == layer_type::conv2d) {
            layer["kernel_size"] = l.conv.kernel_size;
            layer["stride"] = l.conv.stride;
            layer["pad_top"] = l.conv.pad_top;
            layer["pad_left"] = l.conv.pad_left;
        }
        out.push_back(layer);
    }
    return out;
}
}  // namespace

std::string network_layers_to_json(const network& net) { return json_text(layer_plans_json(net.layers())); }

std::string network_plan_to_json(const network_plan_result& plan) {
    if (!plan.ok) return error_to_json(error_of(plan));
    return json_text({{"ok", true},
                      {"layers", layer_plans_json(plan.layers)},
                      {"parameters", plan.parameter_count},
                      {"memory_bytes", plan.memory_bytes},
                      {"flops_per_image", json_number(plan.flops_per_image)}});
}

std::string layer_times_to_json(const network& net) {
    json out = json::array();
    const std::vector<network::layer_time_ms>& times = net.layer_times_ms();
    for (std::size_t i = 0; i < times.size() && i < net.layers().size(); ++i) {
        out.push_back({{"name", net.layers()[i].name},
                       {"forward_ms", json_number(times[i].forward)},
                       {"backward_ms", json_number(times[i].backward)}});
    }
    return json_text(out);
}

std::string error_to_json(const learner_error& e) {
    if (e.ok()) return "{\"ok\":true}";
    json out = {{"ok", false}, {"error", e.message}};
    add_error(out, e.code, e.params);
    return json_text(out);
}

std::string error_params_to_json(const error_params& params) { return json_text(params_json(params)); }

const layer_plan* first_conv2d_layer(const network& net) {
    for (const layer_plan& l : net.layers()) {
        if (l.type == layer_type::conv2d) return &l;
    }
    return nullptr;
}

}  // namespace relu_lab
