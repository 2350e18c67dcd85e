// One register function per `steer` subcommand (one file each: command_<name>.cpp).
#pragma once

#include <CLI/CLI.hpp>

namespace steer::tools {

void register_theory(CLI::App& app);
void register_enumerate(CLI::App& app);
void register_bench(CLI::App& app);
void register_report(CLI::App& app);

}  // namespace steer::tools
