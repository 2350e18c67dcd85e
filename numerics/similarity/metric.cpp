#include "numerics/similarity/metric.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "numerics/similarity/cka.hpp"
#include "numerics/similarity/procrustes.hpp"

namespace steer::numerics {

similarity_metric parse_similarity_metric(std::string_view name) {
  if (name == "procrustes") return similarity_metric::procrustes;
  if (name == "cca") return similarity_metric::cca;
  if (name == "cka") return similarity_metric::cka;
  if (name == "dsa") return similarity_metric::dsa;
  throw std::invalid_argument(fmt::format("metric must be procrustes, cca, cka or dsa, got '{}'", name));
}

std::string metric_name(similarity_metric metric) {
  switch (metric) {
    case similarity_metric::procrustes: return "procrustes";
    case similarity_metric::cca: return "cca";
    case similarity_metric::cka: return "cka";
    case similarity_metric::dsa: return "dsa";
  }
  return "unknown";
}

double similarity_distance(similarity_metric metric, const activity_array& x, const activity_array& y,
                           const similarity_options& options) {
  require_same_layout(x, y, "x", "y");
  switch (metric) {
    case similarity_metric::procrustes: return procrustes_distance(x.samples(), y.samples());
    case similarity_metric::cca: return cca_distance(x.samples(), y.samples(), options.cca);
    case similarity_metric::cka: return cka_distance(x.samples(), y.samples());
    case similarity_metric::dsa: return dsa(x, y, options.dsa).distance;
  }
  throw std::invalid_argument("similarity_distance: unknown metric");
}

}  // namespace steer::numerics
