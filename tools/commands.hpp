// One register function per `steer` subcommand (one file each: command_<name>.cpp).
#pragma once

#include <CLI/CLI.hpp>

namespace steer::tools {

void register_theory(CLI::App& app);
void register_enumerate(CLI::App& app);
void register_bench(CLI::App& app);
void register_report(CLI::App& app);
void register_clusters(CLI::App& app);
void register_local_density(CLI::App& app);
void register_train(CLI::App& app);
void register_evaluate(CLI::App& app);
void register_predict(CLI::App& app);
void register_similarity(CLI::App& app);
void register_count_mc(CLI::App& app);
void register_merge(CLI::App& app);
void register_dynamics(CLI::App& app);
void register_thresholds(CLI::App& app);
void register_anneal(CLI::App& app);
void register_fbp(CLI::App& app);
void register_replicated(CLI::App& app);

// `steer bench <name>`: one file each (bench_<name>.cpp, or command_bench.cpp for enumerate),
// called from register_bench.
void register_bench_enumerate(CLI::App& bench);
void register_bench_similarity(CLI::App& bench);
void register_bench_train(CLI::App& bench);
void register_bench_local_density(CLI::App& bench);
void register_bench_count_mc(CLI::App& bench);
void register_bench_dynamics(CLI::App& bench);
void register_bench_anneal(CLI::App& bench);
void register_bench_fbp(CLI::App& bench);

}  // namespace steer::tools
