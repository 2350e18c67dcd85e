#include "numerics/similarity/noise_floor.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <fmt/format.h>

#include <cmath>
#include <exception>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "numerics/rng_stream.hpp"

namespace steer::numerics {
namespace {

// A uniformly random permutation of 0..n−1 (Fisher–Yates with Boost.Random's portable integer
// distribution).
std::vector<int> random_permutation(int n, rng_stream& stream) {
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  for (int i = n - 1; i > 0; --i) {
    boost::random::uniform_int_distribution<int> pick(0, i);
    std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(pick(stream))]);
  }
  return order;
}

std::vector<int> slice(const std::vector<int>& order, int from, int count) {
  return {order.begin() + from, order.begin() + from + count};
}

mean_with_sd summarise(const std::vector<split_distances>& splits, double split_distances::*field) {
  std::vector<double> values;
  for (const auto& s : splits) values.push_back(s.*field);
  return mean_and_population_sd(values);
}

noise_floor_result run_splits(const activity_array* model, const activity_array& data,
                              const noise_floor_options& options, progress_meter* progress) {
  const int split_size = data.units() / 2;
  if (split_size < 1)
    throw std::invalid_argument(fmt::format("noise floor: the data need at least 2 neurons, got {}", data.units()));
  if (model) {
    require_same_layout(*model, data, "model", "data");
    if (model->units() < split_size)
      throw std::invalid_argument(fmt::format("noise floor: the model has {} units, fewer than half the data's {} "
                                              "neurons ({}); spec §7.5 needs N >= floor(M/2)",
                                              model->units(), data.units(), split_size));
  }
  const int splits = split_count(options);
  if (splits < 1) throw std::invalid_argument(fmt::format("noise floor: splits must be >= 1, got {}", splits));
  const activity_array averaged = data.condition_averaged();
  noise_floor_result result;
  result.split_size = split_size;
  result.splits.resize(static_cast<std::size_t>(splits));
  std::exception_ptr failure;
#pragma omp parallel for schedule(dynamic)
  for (int k = 0; k < splits; ++k) {
    try {
      rng_stream stream(options.seed, static_cast<std::uint64_t>(k), stream_purpose::similarity_splits);
      const std::vector<int> neurons = random_permutation(data.units(), stream);
      const activity_array s1 = data.select_units(slice(neurons, 0, split_size));
      const std::vector<int> s2 = slice(neurons, split_size, split_size);
      split_distances& d = result.splits[static_cast<std::size_t>(k)];
      d.d1 = similarity_distance(options.metric, s1, data.select_units(s2), options.similarity);
      d.d3 = similarity_distance(options.metric, s1, averaged.select_units(s2), options.similarity);
      d.d3_hat = (d.d3 - d.d1) / (1.0 - d.d1);
      d.d2 = d.d2_hat = std::numeric_limits<double>::quiet_NaN();
      if (model) {
        const std::vector<int> units = random_permutation(model->units(), stream);
        d.d2 = similarity_distance(options.metric, s1, model->select_units(slice(units, 0, split_size)),
                                   options.similarity);
        d.d2_hat = (d.d2 - d.d1) / (1.0 - d.d1);
      }
    } catch (...) {
#pragma omp critical(noise_floor_failure)
      if (!failure) failure = std::current_exception();
    }
    if (progress) progress->advance();
  }
  if (failure) std::rethrow_exception(failure);
  result.d1 = summarise(result.splits, &split_distances::d1);
  result.d2 = summarise(result.splits, &split_distances::d2);
  result.d3 = summarise(result.splits, &split_distances::d3);
  result.d2_hat = summarise(result.splits, &split_distances::d2_hat);
  result.d3_hat = summarise(result.splits, &split_distances::d3_hat);
  result.full_data_baseline = similarity_distance(options.metric, data, averaged, options.similarity);
  return result;
}

}  // namespace

int split_count(const noise_floor_options& options) {
  if (options.splits != 0) return options.splits;
  return options.metric == similarity_metric::dsa ? 5 : 100;
}

noise_floor_result data_noise_floor(const activity_array& data, const noise_floor_options& options,
                                    progress_meter* progress) {
  return run_splits(nullptr, data, options, progress);
}

noise_floor_result compare_model_to_data(const activity_array& model, const activity_array& data,
                                         const noise_floor_options& options, progress_meter* progress) {
  return run_splits(&model, data, options, progress);
}

}  // namespace steer::numerics
