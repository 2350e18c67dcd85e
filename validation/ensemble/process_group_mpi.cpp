// process_group.hpp with MPI (STEER_WITH_MPI=ON): MPI_COMM_WORLD. The only file that includes mpi.h.
#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <numeric>

#include "validation/ensemble/process_group.hpp"

namespace steer::validation {
namespace {

// True when an MPI launcher started this process (OpenMPI, MPICH/Hydra, PMIx, Slurm's PMI).
bool launched_by_mpi() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(variable)) return true;
  return false;
}

// MPI for the life of the process: initialised on first use, finalised when statics are destroyed
// after main returns. Only the main thread calls MPI (MPI_THREAD_FUNNELED; OpenMP threads do not).
// Whether MPI is initialised and not yet finalised; read by stop_group_after_error without
// starting MPI (an error before any ensemble work must not initialise it just to abort).
bool mpi_running = false;

// Whether every rank learned of a failure through agree_on_failure: each then leaves by its own
// exception, and stop_group_after_error need not (and must not race to) abort the job.
bool failure_agreed = false;

struct mpi_session {
  process_group group;
  bool active = false;
  mpi_session() {
    if (!launched_by_mpi()) return;
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &group.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &group.size);
    active = true;
    mpi_running = true;
  }
  ~mpi_session() {
    if (!active) return;
    mpi_running = false;
    MPI_Finalize();
  }
};

mpi_session& session() {
  static mpi_session s;
  return s;
}

// For a failure on one rank while the others wait in a collective: an exception would leave them
// waiting, so the whole job stops with the message and exit code 2.
[[noreturn]] void abort_all(const char* message) {
  std::fprintf(stderr, "steer: error: %s\n", message);
  MPI_Abort(MPI_COMM_WORLD, 2);
  std::abort();  // MPI_Abort does not return
}

}  // namespace

process_group world_process_group() { return session().group; }

bool all_ranks_succeeded(bool ok) {
  if (!session().active) return ok;
  int mine = ok ? 1 : 0, all = 0;
  MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
  return all != 0;
}

void agree_on_failure(const std::exception_ptr& failure) {
  if (all_ranks_succeeded(!failure)) return;
  failure_agreed = true;
  if (failure) std::rethrow_exception(failure);
  throw failed_on_another_rank();
}

void run_on_root_and_agree(const std::function<void()>& work) {
  std::exception_ptr failure;
  if (session().group.root()) {
    try {
      work();
    } catch (...) {
      failure = std::current_exception();
    }
  }
  agree_on_failure(failure);
}

std::vector<std::string> gather_text_to_root(const std::string& text) {
  const process_group group = session().group;
  if (!session().active || group.size == 1) return {text};
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    abort_all("a rank's results exceed 2 GB, more than one MPI_Gatherv can carry: use more ranks");
  const int length = static_cast<int>(text.size());
  std::vector<int> lengths(group.root() ? static_cast<std::size_t>(group.size) : 0);
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<int> offsets(lengths.size());
  std::string all;
  if (group.root()) {
    const long long total = std::accumulate(lengths.begin(), lengths.end(), 0LL);
    if (total > std::numeric_limits<int>::max())
      abort_all("the ranks' results exceed 2 GB, more than one MPI_Gatherv can carry: use more ranks");
    std::exclusive_scan(lengths.begin(), lengths.end(), offsets.begin(), 0);
    all.resize(static_cast<std::size_t>(total));
  }
  MPI_Gatherv(text.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  std::vector<std::string> texts;
  for (std::size_t r = 0; r < lengths.size(); ++r)
    texts.push_back(all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(lengths[r])));
  return texts;
}

std::string broadcast_text_from_root(const std::string& text) {
  const process_group group = session().group;
  if (!session().active || group.size == 1) return text;
  unsigned long long length = text.size();
  MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  if (length > static_cast<unsigned long long>(std::numeric_limits<int>::max()))
    abort_all("rank 0's results exceed 2 GB, more than one MPI_Bcast can carry");
  std::string all = group.root() ? text : std::string(static_cast<std::size_t>(length), '\0');
  MPI_Bcast(all.data(), static_cast<int>(length), MPI_CHAR, 0, MPI_COMM_WORLD);
  return all;
}

void stop_group_after_error(int exit_code) {
  if (!mpi_running || session().group.size == 1 || failure_agreed) return;
  MPI_Abort(MPI_COMM_WORLD, exit_code);
  std::abort();  // MPI_Abort does not return
}

}  // namespace steer::validation
