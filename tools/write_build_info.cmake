# Writes tools/build_info.hpp (from build_info.hpp.in) with the commit being built: run by the
# steer_build_info target at every build, not once at configure time, because the hash enters every
# saved unit's and shard's key (docs/scaling.md, Versions) — a commit followed by `cmake --build`
# must not leave the previous hash in the binary. "-dirty" marks tracked files edited since that
# commit, documentation and stored results excepted (they do not change what a unit computes).
# The hash is taken only when SOURCE_DIR is the top of its own git work tree: a source tarball
# unpacked inside another repository is "unknown", not that repository's commit. configure_file
# rewrites the header only when its text changes, so an unchanged hash recompiles nothing.
#
# Input (-D): SOURCE_DIR, GIT_EXECUTABLE (empty without git), INPUT, OUTPUT, PROJECT_VERSION,
# CMAKE_BUILD_TYPE, PROJECT_SOURCE_DIR.
set(STEER_GIT_HASH "unknown")
if(GIT_EXECUTABLE)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --show-toplevel WORKING_DIRECTORY ${SOURCE_DIR}
                  OUTPUT_VARIABLE top OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE status ERROR_QUIET)
  if(status EQUAL 0)
    file(REAL_PATH "${top}" top)
    file(REAL_PATH "${SOURCE_DIR}" source)
  endif()
  if(status EQUAL 0 AND top STREQUAL source)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short HEAD WORKING_DIRECTORY ${SOURCE_DIR}
                    OUTPUT_VARIABLE hash OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE status ERROR_QUIET)
  else()
    set(status 1)
  endif()
  if(status EQUAL 0 AND hash)
    set(STEER_GIT_HASH "${hash}")
    execute_process(COMMAND ${GIT_EXECUTABLE} diff --quiet HEAD -- . ":(exclude)docs" ":(exclude)results"
                            ":(exclude)*.md" WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE dirty ERROR_QUIET)
    if(dirty EQUAL 1)
      set(STEER_GIT_HASH "${hash}-dirty")
    endif()
  endif()
endif()
configure_file(${INPUT} ${OUTPUT} @ONLY)
