# SPDX-FileCopyrightText: 2026 The Xin developers
# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DHARNESS=... -DSEEDS=... -DWORK=... -DDICT=... -DSECONDS=... -P RunFuzzer.cmake
# One bounded fuzz run, as a CTest test (label fuzz): the harness fuzzes a fresh copy of its seed corpus in
# the build directory (the seeds in the repository stay as they are) for SECONDS, and fails on any crash,
# sanitizer report, leak, timeout or property violation, leaving the reproducer in WORK/crashes.
foreach(var HARNESS SEEDS WORK DICT SECONDS)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "RunFuzzer.cmake: ${var} is not set")
    endif()
endforeach()
if(NOT EXISTS "${HARNESS}")
    message(FATAL_ERROR "${HARNESS} is missing: build the fuzz harnesses first (./scripts/test does, or see "
                        "tests/fuzz/CMakeLists.txt)")
endif()
file(REMOVE_RECURSE "${WORK}/corpus")
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/crashes")
file(COPY "${SEEDS}/" DESTINATION "${WORK}/corpus")
# A fixed seed: the suite's short run retraces the same inputs every time, so a failure in CI means the code
# changed, not that the dice did; exploring is scripts/fuzz's job (a new seed each run).
execute_process(COMMAND "${HARNESS}" -seed=1 -max_total_time=${SECONDS} -rss_limit_mb=2048 -timeout=10 -max_len=8192
                        -print_final_stats=1 -dict=${DICT} -artifact_prefix=${WORK}/crashes/ ${WORK}/corpus
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${HARNESS} found a problem (exit status ${status}); the reproducer is in ${WORK}/crashes")
endif()
