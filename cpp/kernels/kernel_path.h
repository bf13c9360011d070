// Which kernel path this build uses. Every kernel family (activations, gemm) declares
// a scalar reference in relu_lab::scalar and, with -msimd128, a twin in relu_lab::simd;
// relu_lab::kernels names the one in use. Code outside cpp/kernels calls kernels::.
#pragma once

namespace relu_lab {

namespace scalar {}
#if defined(RELU_LAB_SIMD)
namespace simd {}
namespace kernels = simd;
#else
namespace kernels = scalar;
#endif

// "fma" (SIMD with relaxed fused multiply-add), "simd" or "scalar": which path
// relu_lab::kernels is in this build.
const char* kernel_build_name();

}  // namespace relu_lab
