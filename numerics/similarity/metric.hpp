// One entry point for the four similarity measures of spec rate-rnn-credit-assignment §7, so
// that the noise floor (§7.5) and the command take any of them. Every distance is in [0, 1],
// 0 for identical shapes (dynamics, for DSA).
#pragma once

#include <string>
#include <string_view>

#include "numerics/similarity/activity.hpp"
#include "numerics/similarity/cca.hpp"
#include "numerics/similarity/dsa.hpp"

namespace steer::numerics {

enum class similarity_metric { procrustes, cca, cka, dsa };

// "procrustes", "cca", "cka", "dsa"; anything else throws naming the choices.
similarity_metric parse_similarity_metric(std::string_view name);
std::string metric_name(similarity_metric metric);

struct similarity_options {
  cca_options cca;
  dsa_options dsa;
};

// Procrustes (§7.1) and CKA (§7.2) on the sample matrices as they are; CCA (§7.3) after 20 PCs
// per side; DSA (§7.4) on p PCs with delays. Throws unless x and y have the same conditions
// and times.
double similarity_distance(similarity_metric metric, const activity_array& x, const activity_array& y,
                           const similarity_options& options = {});

}  // namespace steer::numerics
