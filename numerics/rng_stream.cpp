#include "numerics/rng_stream.hpp"

#include <Random123/philox.h>

#include <boost/math/distributions/normal.hpp>

namespace steer::numerics {

rng_stream::rng_stream(std::uint64_t seed, std::uint64_t sample, stream_purpose purpose)
    : key_{seed, static_cast<std::uint64_t>(purpose)}, sample_(sample) {}

void rng_stream::refill() {
  using philox = r123::Philox4x64;
  const philox::ctr_type counter = {{block_, sample_, 0, 0}};
  const philox::key_type key = {{key_[0], key_[1]}};
  const philox::ctr_type out = philox{}(counter, key);
  for (unsigned k = 0; k < 4; ++k) buffer_[k] = out.v[k];
  ++block_;
  used_ = 0;
}

std::uint64_t rng_stream::next_u64() {
  if (used_ == 4) refill();
  return buffer_[used_++];
}

double rng_stream::uniform_open() {
  constexpr double cell = 0x1.0p-53;
  return (static_cast<double>(next_u64() >> 11) + 0.5) * cell;
}

double rng_stream::standard_normal() {
  static const boost::math::normal_distribution<double> unit{};
  return boost::math::quantile(unit, uniform_open());
}

}  // namespace steer::numerics
