// The benchmark's peak probes do the arithmetic they claim: their results follow from
// the chains' definitions (kernels/peak_probe.h), exactly, since every value is a small
// multiple of a power of two. A probe that skipped work would return something else.
#include <doctest/doctest.h>

#include "kernels/peak_probe.h"

using namespace relu_lab;

TEST_CASE("scalar peak probe: chain j holds p = j + 1 and s = iterations * (j + 1)") {
    // Sum over the 7 chains of (j + 1) * (1 + iterations) = 28 * 101.
    CHECK(scalar_peak_probe(100) == 28.0f * 101.0f);
}

#if defined(RELU_LAB_SIMD)
TEST_CASE("SIMD peak probe: the scalar probe's chains in four lanes") {
    CHECK(simd_peak_probe(100) == 4 * 28.0f * 101.0f);
}
#endif

#if defined(RELU_LAB_RELAXED_SIMD)
TEST_CASE("relaxed peak probe: chain j holds j + 1 + iterations / 1024, in four lanes") {
    // Sum over the 10 chains of (j + 1 + 1024 / 1024) = 55 + 10, times four lanes.
    CHECK(relaxed_peak_probe(1024) == 4 * 65.0f);
    CHECK(relaxed_peak_probe(0) == 4 * 55.0f);
}
#endif
