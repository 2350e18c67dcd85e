// The processes that compute one ensemble together: under an MPI launcher (mpirun, srun) in a
// build with STEER_WITH_MPI, the ranks of MPI_COMM_WORLD; otherwise this process alone. The MPI
// calls live in process_group_mpi.cpp, compiled only with STEER_WITH_MPI; the default build
// compiles process_group_single.cpp and has no MPI dependency.
#pragma once

#include <string>
#include <vector>

namespace steer::validation {

struct process_group {
  int rank = 0;
  int size = 1;
  bool root() const { return rank == 0; }
};

// The group of this run. With MPI, MPI is initialised on the first call (and finalised at exit)
// only when an MPI launcher started the process, so a plain `steer …` never touches MPI.
// Without MPI, a launcher that started several copies is refused (std::invalid_argument): each
// copy would compute the whole ensemble and write the same files.
process_group world_process_group();

// Collective over the group: true when `ok` is true on every rank (so that a rank whose work
// failed makes every rank stop instead of leaving them waiting in a gather).
bool all_ranks_succeeded(bool ok);

// Collective: every rank's `text`, by rank, on rank 0; an empty list on the other ranks.
std::vector<std::string> gather_text_to_root(const std::string& text);

// Collective: rank 0's `text` on every rank (the other ranks' `text` is ignored).
std::string broadcast_text_from_root(const std::string& text);

// For `main` after it printed an error: when this process is one of several running MPI ranks,
// stops the whole job with MPI_Abort(exit_code), because the other ranks may be waiting for this
// one in a collective and would hang; otherwise (no MPI, MPI never started, one rank) returns.
void stop_group_after_error(int exit_code);

}  // namespace steer::validation
