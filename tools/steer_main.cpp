// `steer`: the command-line front end. Every subcommand prints --help; bad input of any kind
// ends with one line "steer: error: ..." on stderr and exit code 2 (DESIGN.md, Errors); the
// line is printable_line()'d because messages quote the user's input.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <new>

#include "tools/commands.hpp"
#include "tools/printable_line.hpp"
#include "validation/ensemble/process_group.hpp"

int main(int argc, char** argv) {
  CLI::App app{"steer — statistical mechanics of recurrent networks that learn by steering their dynamics"};
  app.require_subcommand(1);
  steer::tools::register_theory(app);
  steer::tools::register_enumerate(app);
  steer::tools::register_bench(app);
  steer::tools::register_report(app);
  steer::tools::register_clusters(app);
  steer::tools::register_local_density(app);
  steer::tools::register_train(app);
  steer::tools::register_evaluate(app);
  steer::tools::register_predict(app);
  steer::tools::register_similarity(app);
  steer::tools::register_count_mc(app);
  steer::tools::register_merge(app);
  steer::tools::register_dynamics(app);
  steer::tools::register_thresholds(app);
  steer::tools::register_anneal(app);
  steer::tools::register_fbp(app);
  steer::tools::register_replicated(app);
  try {
    // Under a launcher with several processes, a build without MPI refuses here, whatever the
    // command (each copy would do the whole work and write the same files); with MPI, the ranks start.
    steer::validation::world_process_group();
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "steer: error: {}\n", steer::tools::printable_line(e.what()));
    return 2;
  } catch (const steer::validation::failed_on_another_rank&) {
    return 2;  // every rank agreed on the failure (agree_on_failure); the rank that failed says why
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "steer: error: out of memory\n");
    steer::validation::stop_group_after_error(1);
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "steer: error: {}\n", steer::tools::printable_line(e.what()));
    steer::validation::stop_group_after_error(2);  // a rank failing alone must not leave the others waiting
    return 2;
  }
  return 0;
}
