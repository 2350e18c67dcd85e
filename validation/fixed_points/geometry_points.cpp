#include "validation/fixed_points/geometry_points.hpp"

#include <fmt/format.h>

#include "validation/fixed_points/network_results_json.hpp"

namespace steer::validation {

using nlohmann::json;

unit_codec<std::vector<numerics::network_geometry>> cluster_point_codec(int n, std::int64_t networks,
                                                                        const numerics::geometry_options& options) {
  const auto network = network_geometry_codec(n, options);
  return {[network](const std::vector<numerics::network_geometry>& point) {
            return json{{"networks", encode_units(network, point)}};
          },
          [network, networks](const json& unit) {
            const json& list = unit_field(unit, "networks");
            if (!list.is_array() || list.size() != static_cast<std::size_t>(networks))
              throw malformed_unit(fmt::format("'networks' must list {} networks", networks));
            return decode_units(network, list.get<std::vector<json>>());
          }};
}

}  // namespace steer::validation
