#include "train/model_file.h"

#include <cstring>

#include "train/optimizers.h"
#include "util/checked_size.h"

namespace relu_lab {

namespace {

constexpr char magic[8] = {'R', 'E', 'L', 'U', 'L', 'A', 'B', 'M'};
constexpr std::size_t header_bytes = 16;

// The file's floats are little-endian, as wasm's and x86's memory: there a whole array is
// one copy (a model of 1.4 M parameters is 16 MB with Adam's state; the helpers of a
// training team receive it whenever they join).
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
constexpr bool host_is_little_endian = true;
#else
constexpr bool host_is_little_endian = false;
#endif

struct writer {
    std::vector<std::uint8_t> out;
    void u8(std::uint8_t v) { out.push_back(v); }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void f32(float v) {
        std::uint32_t bits;
        std::memcpy(&bits, &v, 4);
        u32(bits);
    }
    void f32s(const std::vector<float>& values) {
        if (!host_is_little_endian) {
            for (float v : values) f32(v);
            return;
        }
        const std::size_t at = out.size();
        out.resize(at + 4 * values.size());
        if (!values.empty()) std::memcpy(out.data() + at, values.data(), 4 * values.size());
    }
};

struct reader {
    const std::uint8_t* data;
    std::size_t size, pos = 0;
    bool ok = true;
    // Counts from the file are 64-bit here: n as a size_t could have wrapped (wasm).
    bool have(std::uint64_t n) {
        if (!ok || n > size - pos) ok = false;
        return ok;
    }
    // `count` items of `item_bytes` each, refused when the product passes 2^64 too.
    bool have_items(std::uint64_t count, std::uint64_t item_bytes) {
        std::uint64_t bytes = 0;
        if (!checked_mul(count, item_bytes, bytes)) ok = false;
        return have(bytes);
    }
    std::uint8_t u8() { return have(1) ? data[pos++] : 0; }
    std::uint32_t u32() {
        if (!have(4)) return 0;
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v |= std::uint32_t(data[pos + i]) << (8 * i);
        pos += 4;
        return v;
    }
    std::uint64_t u64() {
        const std::uint64_t lo = u32();
        const std::uint64_t hi = u32();
        return lo | (hi << 32);
    }
    float f32() {
        const std::uint32_t bits = u32();
        float v;
        std::memcpy(&v, &bits, 4);
        return v;
    }
    // values.size() floats; the caller has checked that they are there.
    void f32s(std::vector<float>& values) {
        if (!host_is_little_endian) {
            for (float& v : values) v = f32();
            return;
        }
        if (!values.empty() && have_items(values.size(), 4)) {
            std::memcpy(values.data(), data + pos, 4 * values.size());
            pos += 4 * values.size();
        }
    }
};

struct parsed_model {
    trainer_config config;
    std::uint64_t steps = 0;
    std::uint32_t epochs = 0;
    std::vector<float> params, state;
};

learner_error fail(const char* code, error_params params = {}) { return make_error(code, std::move(params)); }

learner_error parse(const std::uint8_t* bytes, std::size_t size, parsed_model& m) {
    if (bytes == nullptr || size < header_bytes + 4) return fail("model.too_short");
    if (std::memcmp(bytes, magic, 8) != 0) return fail("model.bad_magic");
    reader h{bytes, size, 8};
    const std::uint32_t version = h.u32();
    const std::uint32_t payload = h.u32();
    if (version != model_format_version) {
        return fail("model.version",
                    {number_param("version", version), number_param("supported", model_format_version)});
    }
    // In 64 bits: the u32 payload plus the header and checksum passes 2^32.
    const std::uint64_t expected = std::uint64_t(payload) + header_bytes + 4;
    if (expected != size) {
        return fail("model.size_mismatch", {number_param("expected", static_cast<double>(expected)),
                                            number_param("bytes", static_cast<double>(size))});
    }
    const std::size_t checked_end = size - 4;  // header and payload: size is at least 20 here
    reader tail{bytes, size, checked_end};
    if (tail.u32() != crc32_bytes(bytes, checked_end)) { return fail("model.checksum"); }
    reader r{bytes, checked_end, header_bytes};
    trainer_config& c = m.config;
    c.network.input_channels = r.u32();
    c.network.input_height = r.u32();
    c.network.input_width = r.u32();
    c.network.classes = r.u32();
    c.batch_size = r.u32();
    c.seed = r.u64();
    const std::uint8_t augment = r.u8();
    if (augment > static_cast<std::uint8_t>(augmentation::elastic)) return fail("model.unknown_augmentation");
    c.augment = static_cast<augmentation>(augment);
    c.learning_rate_decay = r.f32();
    const std::uint8_t kind = r.u8();
    if (kind > 2) return fail("model.unknown_optimizer");
    c.optimizer.kind = static_cast<optimizer_kind>(kind);
    c.optimizer.learning_rate = r.f32();
    c.optimizer.momentum = r.f32();
    c.optimizer.beta1 = r.f32();
    c.optimizer.beta2 = r.f32();
    c.optimizer.epsilon = r.f32();
    c.optimizer.weight_decay = r.f32();
    const std::uint8_t init = r.u8();
    if (init > static_cast<std::uint8_t>(weight_init::lecun_normal)) return fail("model.unknown_init");
    c.network.init.weights = static_cast<weight_init>(init);
    c.network.init.too_large_scale = r.f32();
    c.network.init.bias = r.f32();
    const std::uint32_t layer_count = r.u32();
    if (!r.ok || layer_count > 1000) return fail("model.layers_damaged");
    for (std::uint32_t i = 0; i < layer_count && r.ok; ++i) {
        layer_config l;
        const std::uint8_t type = r.u8();
        if (type > static_cast<std::uint8_t>(layer_type::dropout)) return fail("model.unknown_layer_type");
        l.type = static_cast<layer_type>(type);
        l.units = r.u32();
        l.kernel_size = r.u32();
        l.stride = r.u32();
        l.padding = r.u8() ? padding_mode::same : padding_mode::valid;
        l.pool_size = r.u32();
        const std::uint8_t name_length = r.u8();
        if (r.have(name_length)) {
            l.activation.assign(reinterpret_cast<const char*>(bytes + r.pos), name_length);
            r.pos += name_length;
        }
        l.activation_param = r.f32();
        l.dropout_rate = r.f32();
        c.network.layers.push_back(l);
    }
    m.steps = r.u64();
    m.epochs = r.u32();
    const std::uint32_t param_count = r.u32();
    if (!r.ok || !r.have_items(param_count, 4)) return fail("model.truncated_weights");
    m.params.resize(param_count);
    r.f32s(m.params);
    const std::uint32_t state_count = r.u32();
    if (!r.ok || !r.have_items(state_count, 4)) return fail("model.truncated_state");
    m.state.resize(state_count);
    r.f32s(m.state);
    if (!r.ok) return fail("model.truncated");
    if (r.pos != r.size) return fail("model.trailing_bytes");
    return {};
}

// Against the plan, before anything is allocated: a damaged file that names a huge
// network is refused without building it.
learner_error check_counts(std::size_t parameter_count, optimizer_kind optimizer, const parsed_model& m) {
    if (m.params.size() != parameter_count) {
        return fail("model.parameter_count", {number_param("count", double(m.params.size())),
                                              number_param("expected", double(parameter_count))});
    }
    std::uint64_t state_count = 0;
    if (!checked_mul(parameter_count, optimizer_state_floats(optimizer), state_count) ||
        m.state.size() != state_count) {
        return fail("model.state_count",
                    {number_param("count", double(m.state.size())), number_param("expected", double(state_count))});
    }
    return {};
}

}  // namespace

// Slicing-by-8 (Kounavis and Berry, "Novel Table Lookup-Based Algorithms for High-Performance
// CRC Generation", IEEE Trans. Computers 2008): table k holds the CRC of a byte followed by k
// zero bytes, so eight bytes cost eight lookups and one dependent step instead of eight
// (a 16.6 MB model file: 41 -> 9 ms in wasm under Node). The result is the byte-at-a-time CRC's.
std::uint32_t crc32_bytes(const std::uint8_t* data, std::size_t size) {
    struct tables {
        std::uint32_t v[8][256];
    };
    static const tables table = [] {
        tables t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t.v[0][i] = c;
        }
        for (int k = 1; k < 8; ++k) {
            for (std::uint32_t i = 0; i < 256; ++i) t.v[k][i] = (t.v[k - 1][i] >> 8) ^ t.v[0][t.v[k - 1][i] & 0xFF];
        }
        return t;
    }();
    const auto le32 = [](const std::uint8_t* p) {
        return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
    };
    std::uint32_t crc = 0xFFFFFFFFu;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        const std::uint32_t lo = crc ^ le32(data + i), hi = le32(data + i + 4);
        crc = table.v[7][lo & 0xFF] ^ table.v[6][(lo >> 8) & 0xFF] ^ table.v[5][(lo >> 16) & 0xFF] ^
              table.v[4][lo >> 24] ^ table.v[3][hi & 0xFF] ^ table.v[2][(hi >> 8) & 0xFF] ^
              table.v[1][(hi >> 16) & 0xFF] ^ table.v[0][hi >> 24];
    }
    for (; i < size; ++i) crc = table.v[0][(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

std::vector<std::uint8_t> save_model(const trainer& t) {
    const trainer_config& c = t.config();
    const network& net = t.net();
    writer w;
    w.out.reserve(1024 + 4 * (net.params().size() + net.optimizer_state().size()));
    for (char ch : magic) w.u8(static_cast<std::uint8_t>(ch));
    w.u32(model_format_version);
    w.u32(0);  // payload size, patched below
    w.u32(static_cast<std::uint32_t>(c.network.input_channels));
    w.u32(static_cast<std::uint32_t>(c.network.input_height));
    w.u32(static_cast<std::uint32_t>(c.network.input_width));
    w.u32(static_cast<std::uint32_t>(c.network.classes));
    w.u32(static_cast<std::uint32_t>(c.batch_size));
    w.u64(c.seed);
    w.u8(static_cast<std::uint8_t>(c.augment));
    w.f32(c.learning_rate_decay);
    w.u8(static_cast<std::uint8_t>(c.optimizer.kind));
    w.f32(c.optimizer.learning_rate);
    w.f32(c.optimizer.momentum);
    w.f32(c.optimizer.beta1);
    w.f32(c.optimizer.beta2);
    w.f32(c.optimizer.epsilon);
    w.f32(c.optimizer.weight_decay);
    w.u8(static_cast<std::uint8_t>(c.network.init.weights));
    w.f32(c.network.init.too_large_scale);
    w.f32(c.network.init.bias);
    w.u32(static_cast<std::uint32_t>(c.network.layers.size()));
    for (const layer_config& l : c.network.layers) {
        w.u8(static_cast<std::uint8_t>(l.type));
        w.u32(static_cast<std::uint32_t>(l.units));
        w.u32(static_cast<std::uint32_t>(l.kernel_size));
        w.u32(static_cast<std::uint32_t>(l.stride));
        w.u8(l.padding == padding_mode::same ? 1 : 0);
        w.u32(static_cast<std::uint32_t>(l.pool_size));
        const std::size_t n = l.activation.size() < 255 ? l.activation.size() : 255;
        w.u8(static_cast<std::uint8_t>(n));
        for (std::size_t i = 0; i < n; ++i) w.u8(static_cast<std::uint8_t>(l.activation[i]));
        w.f32(l.activation_param);
        w.f32(l.dropout_rate);
    }
    w.u64(t.steps_taken());
    w.u32(static_cast<std::uint32_t>(t.epochs_done()));
    w.u32(static_cast<std::uint32_t>(net.params().size()));
    w.f32s(net.params());
    w.u32(static_cast<std::uint32_t>(net.optimizer_state().size()));
    w.f32s(net.optimizer_state());
    const std::uint32_t payload = static_cast<std::uint32_t>(w.out.size() - header_bytes);
    for (int i = 0; i < 4; ++i) w.out[12 + i] = static_cast<std::uint8_t>(payload >> (8 * i));
    w.u32(crc32_bytes(w.out.data(), w.out.size()));
    return w.out;
}

model_load_result load_model(const std::uint8_t* bytes, std::size_t size, std::size_t max_bytes) {
    model_load_result result;
    parsed_model m;
    learner_error error = parse(bytes, size, m);
    if (!error.ok()) {
        set_error(result, std::move(error));
        return result;
    }
    m.config.max_bytes = max_bytes;
    // The network planner's own refusal (code and all): the learner sees what is wrong with it.
    const network_plan_result plan = plan_network(m.config);
    if (!plan.ok) {
        set_error(result, error_of(plan));
        return result;
    }
    error = check_counts(plan.parameter_count, m.config.optimizer.kind, m);
    if (!error.ok()) {
        set_error(result, std::move(error));
        return result;
    }
    trainer_create_result created = trainer::create(m.config);
    if (!created.ok) {
        set_error(result, error_of(created));
        return result;
    }
    created.instance->net().params() = m.params;
    created.instance->net().optimizer_state() = m.state;
    created.instance->set_progress(m.steps, m.epochs);
    result.instance = std::move(created.instance);
    result.ok = true;
    return result;
}

learner_error load_model_into(trainer& t, const std::uint8_t* bytes, std::size_t size) {
    parsed_model m;
    learner_error error = parse(bytes, size, m);
    if (!error.ok()) return error;
    const network_plan_result plan = plan_network(m.config);
    if (!plan.ok) return error_of(plan);
    const std::vector<layer_plan>& mine = t.net().layers();
    bool same = plan.layers.size() == mine.size();
    for (std::size_t i = 0; same && i < mine.size(); ++i) {
        same = plan.layers[i].name == mine[i].name && plan.layers[i].out.channels == mine[i].out.channels &&
               plan.layers[i].out.height == mine[i].out.height && plan.layers[i].out.width == mine[i].out.width &&
               plan.layers[i].in.size() == mine[i].in.size();
    }
    if (!same) return fail("model.different_network");
    if (m.config.optimizer.kind != t.config().optimizer.kind) {
        return fail("model.other_optimizer",
                    {text_param("file_optimizer", optimizer_kind_name(m.config.optimizer.kind)),
                     text_param("optimizer", optimizer_kind_name(t.config().optimizer.kind))});
    }
    error = check_counts(plan.parameter_count, m.config.optimizer.kind, m);
    if (!error.ok()) return error;
    t.net().params() = m.params;  // same size: no reallocation of the arena
    t.net().optimizer_state() = m.state;
    t.set_progress(m.steps, m.epochs);
    return {};
}

}  // namespace relu_lab
