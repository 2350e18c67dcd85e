#include "tools/sampled_ensemble_options.hpp"

namespace steer::tools {

using nlohmann::json;

json sampled_ensemble_key(const sampled_ensemble_options& e, std::uint64_t seed) {
  json p = {{"n", e.n}, {"self_coupling", e.self_coupling}, {"symmetry", e.symmetry}, {"networks", e.networks},
            {"seed", seed}};
  if (e.modules > 0) p.update({{"modules", e.modules}, {"inter_module_coupling", e.inter_module_coupling}, {"ring", e.ring}});
  return p;
}

sampled_ensemble_options sampled_ensemble_from(const json& p) {
  sampled_ensemble_options e;
  e.n = p.at("n").get<int>();
  e.self_coupling = p.at("self_coupling").get<double>();
  e.symmetry = p.at("symmetry").get<double>();
  e.networks = p.at("networks").get<std::int64_t>();
  e.modules = p.value("modules", 0);
  e.inter_module_coupling = p.value("inter_module_coupling", 0.0);
  e.ring = p.value("ring", false);
  return e;
}

}  // namespace steer::tools
