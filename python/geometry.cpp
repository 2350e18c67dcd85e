// numerics/fixed_points/clusters.hpp, fixed_point_geometry.hpp and hamming_ball.hpp: the geometry
// of a fixed-point set (spec fixed-points-theory §4.1, §4.3), as `steer clusters` and `steer
// local-density` compute it.
#include <pybind11/numpy.h>

#include "numerics/fixed_points/clusters.hpp"
#include "numerics/fixed_points/fixed_point_geometry.hpp"
#include "numerics/fixed_points/hamming_ball.hpp"
#include "python/bindings.hpp"
#include "python/conversions.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace steer::python {
namespace {

constexpr const char* states_doc =
    "states: the fixed points as enumerate_fixed_points returns them, an (F, n) +-1 array or an (F,) uint64\n"
    "array of packed states, ascending in packed order and distinct (ValueError otherwise); n <= 64.\n";

std::string with_states(const char* text) { return std::string(text) + states_doc; }

}  // namespace

void bind_geometry(py::module_& m) {
  m.def(
      "connected_components",
      [](const py::array& states, const int_argument& n, const int_argument& max_flips) {
        const int size = int_from(n, "n"), flips = int_from(max_flips, "max_flips");
        const auto packed = packed_states_from(states, size, "states");
        return to_numpy(
            without_gil([&] { return numerics::connected_components(numerics::fixed_point_set(packed, size), flips); }));
      },
      "states"_a, "n"_a, "max_flips"_a = 1,
      with_states("Component id of each fixed point ((F,) uint32) when fixed points differing in 1..max_flips spins\n"
                  "are linked; ids 0, 1, ... in the order of each component's smallest state (clusters.hpp).\n")
          .c_str());
  m.def(
      "neighbours_at_distance",
      [](const py::array& states, const int_argument& n, const int_argument& max_distance) {
        const int size = int_from(n, "n"), distance = int_from(max_distance, "max_distance");
        const auto packed = packed_states_from(states, size, "states");
        const auto counts =
            without_gil([&] { return numerics::neighbours_at_distance(numerics::fixed_point_set(packed, size), distance); });
        return to_numpy(counts).attr("reshape")(static_cast<py::ssize_t>(packed.size()), distance);
      },
      "states"_a, "n"_a, "max_distance"_a = 3,
      with_states("(F, D) uint32 array: entry (i, d-1) = N_loc(s_i, d), the number of fixed points at Hamming distance\n"
                  "d = 1..D = max_distance from s_i (spec §4.1; clusters.hpp).\n")
          .c_str());
  m.def(
      "nearest_neighbour_distances",
      [](const py::array& states, const int_argument& n) {
        const int size = int_from(n, "n");
        const auto packed = packed_states_from(states, size, "states");
        return to_numpy(without_gil([&] {
          const numerics::fixed_point_set set(packed, size);
          return numerics::nearest_neighbour_distances(set, numerics::neighbours_at_distance(set, 1), 1);
        }));
      },
      "states"_a, "n"_a,
      with_states("(F,) int array: Hamming distance from each fixed point to the nearest other one (0 if alone).\n").c_str());
  m.def(
      "analyse_network_geometry",
      [](const py::array& states, const int_argument& n, const int_argument& max_flips, const int_argument& max_distance) {
        const int size = int_from(n, "n");
        const auto packed = packed_states_from(states, size, "states");
        numerics::geometry_options options{int_from(max_flips, "max_flips"), int_from(max_distance, "max_distance"), true};
        const auto g = without_gil([&] { return numerics::analyse_network_geometry(packed, size, options); });
        return py::dict("fixed_points"_a = g.fixed_points, "component_sizes"_a = to_numpy(g.component_sizes),
                        "component_sizes_max_flips"_a = to_numpy(g.component_sizes_max_flips),
                        "component_ids"_a = to_numpy(g.component_ids), "component_ids_max_flips"_a = to_numpy(g.component_ids_max_flips),
                        "with_neighbour_at_distance_1"_a = g.with_neighbour_at_distance_1,
                        "neighbour_pairs"_a = to_numpy(g.neighbour_pairs),
                        "log_one_plus_neighbours"_a = to_numpy(g.log_one_plus_neighbours),
                        "nearest_distance_histogram"_a = to_numpy(g.nearest_distance_histogram));
      },
      "states"_a, "n"_a, "max_flips"_a = 1, "max_distance"_a = 3,
      with_states("The per-network geometry `steer clusters` averages (fixed_point_geometry.hpp): dict with\n"
                  "fixed_points, component_sizes / component_ids (single flips), *_max_flips (<= max_flips flips),\n"
                  "with_neighbour_at_distance_1, neighbour_pairs[d-1] = sum_s N_loc(s, d), log_one_plus_neighbours[d-1]\n"
                  "= sum_s ln(1 + N_loc(s, d)) for d = 1..max_distance, nearest_distance_histogram (index d = 0..n).\n")
          .c_str());
  m.def(
      "hamming_ball_count",
      [](const py::object& couplings, const py::object& centre, const int_argument& radius) {
        const numerics::coupling_matrix j = couplings_from(couplings);
        const numerics::spin_vector s = spins_from(centre, j.size(), "centre");
        const int distance = int_from(radius, "radius");
        const auto c = without_gil([&] { return numerics::hamming_ball_counter(j).count(s, distance); });
        return py::dict("fixed_points_at_distance"_a = to_numpy(c.fixed_points_at_distance), "states_checked"_a = c.states_checked,
                        "decided_exactly"_a = c.decided_exactly);
      },
      "couplings"_a, "centre"_a, "radius"_a,
      "Exact number of fixed points at Hamming distance d = 1..radius (radius <= 3) from the fixed point `centre`\n"
      "((N,) +-1) of the (N, N) couplings, any N (hamming_ball.hpp; spec §4.1 N_loc(s*, d)). Returns\n"
      "dict(fixed_points_at_distance: (radius,) uint64, states_checked, decided_exactly). ValueError if centre\n"
      "is not a fixed point.");
}

}  // namespace steer::python
