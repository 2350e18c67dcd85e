// Function multiversioning for plain loops that the portable x86-64 build cannot vectorise (an
// int count of double comparisons, 64-bit integer compares: no SSE2 form) but AVX2 and AVX-512
// can: STEER_VECTOR_CLONES compiles a function for x86-64-v4, x86-64-v3 and the portable baseline,
// and the loader picks one per CPU (GCC target_clones), so binaries stay portable. Use it only
// where every path gives the same bits: integer arithmetic, or floating-point steps whose products
// are exact (then a − b·c is one rounding, fused into an FMA or not; an inexact product would round
// differently under FMA). The caller's comment says why its loop qualifies. GCC ≥ 12 (the x86-64-v4
// names); elsewhere the plain build.
#pragma once

#include <string>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#define STEER_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#define STEER_VECTOR_CLONES_ENABLED 1
#else
#define STEER_VECTOR_CLONES
#define STEER_VECTOR_CLONES_ENABLED 0
#endif

namespace steer::numerics {

// The clone this CPU runs: "x86-64-v4", "x86-64-v3" or "baseline" (as the GCC resolver picks).
inline std::string vector_clone_isa() {
#if STEER_VECTOR_CLONES_ENABLED
  if (__builtin_cpu_supports("x86-64-v4")) return "x86-64-v4";
  if (__builtin_cpu_supports("x86-64-v3")) return "x86-64-v3";
#endif
  return "baseline";
}

}  // namespace steer::numerics
