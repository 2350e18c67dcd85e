// The processes that compute one ensemble together: under an MPI launcher (mpirun, srun) in a
// build with STEER_WITH_MPI, the ranks of MPI_COMM_WORLD; otherwise this process alone. The MPI
// calls live in process_group_mpi.cpp, compiled only with STEER_WITH_MPI; the default build
// compiles process_group_single.cpp and has no MPI dependency.
#pragma once

#include <exception>
#include <functional>
#include <stdexcept>
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

// Thrown by agree_on_failure on the ranks that did not fail: the rank that failed prints the error
// line, these leave silently (main: exit code 2, no MPI_Abort), so that the job shows one message.
class failed_on_another_rank : public std::runtime_error {
 public:
  failed_on_another_rank() : std::runtime_error("another MPI rank failed (its message is above)") {}
};

// Collective, after each rank ran its part: returns when every rank succeeded; otherwise rethrows
// this rank's failure, or throws failed_on_another_rank when only other ranks failed. Every rank
// then knows of the failure and leaves by its exception, so none is left waiting in a later
// collective and the failure needs no MPI_Abort (stop_group_after_error does nothing after it).
void agree_on_failure(const std::exception_ptr& failure);

// Collective: `work` on rank 0 alone (what only rank 0 may do: claim --out, write the outputs),
// then agree_on_failure, so that every rank returns or every rank throws (rank 0 its error).
void run_on_root_and_agree(const std::function<void()>& work);

// Collective: every rank's `text`, by rank, on rank 0; an empty list on the other ranks.
std::vector<std::string> gather_text_to_root(const std::string& text);

// Collective: rank 0's `text` on every rank (the other ranks' `text` is ignored).
std::string broadcast_text_from_root(const std::string& text);

// For `main` after it printed an error: when this process is one of several running MPI ranks and
// the failure was not agreed on (agree_on_failure), stops the whole job with MPI_Abort(exit_code),
// because the other ranks may be waiting for this one in a collective and would hang; otherwise
// (no MPI, MPI never started, one rank, an agreed failure) returns, and every rank leaves normally.
void stop_group_after_error(int exit_code);

}  // namespace steer::validation
