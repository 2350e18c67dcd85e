// process_group.hpp without MPI (STEER_WITH_MPI=OFF): one process.
#include <cstdlib>
#include <stdexcept>

#include "validation/ensemble/process_group.hpp"

namespace steer::validation {

process_group world_process_group() {
  // OpenMPI and MPICH/Hydra (or srun with PMI) set these in every process they start.
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* value = std::getenv(variable);
    if (value && std::atoi(value) > 1)
      throw std::invalid_argument(
          "started by an MPI launcher with several processes, but this steer was built without STEER_WITH_MPI: "
          "every process would compute the whole ensemble (rebuild with -DSTEER_WITH_MPI=ON, or use --shard i/n)");
  }
  return {};
}

bool all_ranks_succeeded(bool ok) { return ok; }

void agree_on_failure(const std::exception_ptr& failure) {
  if (failure) std::rethrow_exception(failure);
}

void run_on_root_and_agree(const std::function<void()>& work) { work(); }

std::vector<std::string> gather_text_to_root(const std::string& text) { return {text}; }

std::string broadcast_text_from_root(const std::string& text) { return text; }

void stop_group_after_error(int) {}

}  // namespace steer::validation
