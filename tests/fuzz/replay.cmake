# The committed fuzz corpora replayed in the normal test builds (included by
# tests/cpp/CMakeLists.txt when RELU_LAB_TESTS is on): natively, and as wasm under Node,
# where size_t is 32 bits and sizes that wrap abort the module, which the 64-bit
# libFuzzer runs (tests/fuzz/CMakeLists.txt) cannot see. No libFuzzer: each target's
# entry point is renamed <target>_test_one_input so one program (replay_main.cpp) holds
# them all. fuzz_gunzip needs zlib, which only native builds link.
set(relu_lab_replay_dir ${PROJECT_SOURCE_DIR}/tests/fuzz)
set(relu_lab_replay_targets fuzz_idx_reader fuzz_model_file fuzz_config_json fuzz_digit_normalize)
if(NOT EMSCRIPTEN)
  list(APPEND relu_lab_replay_targets fuzz_gunzip)
endif()

add_library(relu_lab_fuzz_replay_cases OBJECT ${relu_lab_replay_dir}/replay_main.cpp)
foreach(target ${relu_lab_replay_targets})
  target_sources(relu_lab_fuzz_replay_cases PRIVATE ${relu_lab_replay_dir}/${target}.cpp)
  set_source_files_properties(${relu_lab_replay_dir}/${target}.cpp PROPERTIES
    COMPILE_DEFINITIONS LLVMFuzzerTestOneInput=${target}_test_one_input)
endforeach()
target_link_libraries(relu_lab_fuzz_replay_cases PUBLIC relu_lab_train relu_lab_data)
add_executable(relu_lab_fuzz_replay)
target_link_libraries(relu_lab_fuzz_replay PRIVATE relu_lab_fuzz_replay_cases)

if(EMSCRIPTEN)
  # NODERAWFS: the program reads the corpus folders straight from the host's disk.
  # The memory limit is the page module's (cpp/CMakeLists.txt).
  set(relu_lab_replay_link_options -sNODERAWFS=1 -sENVIRONMENT=node -sEXIT_RUNTIME=1
    -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=1GB)
  target_link_options(relu_lab_fuzz_replay PRIVATE ${relu_lab_replay_link_options})
  add_test(NAME relu_lab_fuzz_replay
    COMMAND ${relu_lab_test_runner} $<TARGET_FILE:relu_lab_fuzz_replay> ${relu_lab_replay_dir}/corpus)
  if(RELU_LAB_SIMD)
    # With Emscripten's memory and stack checks (tests/cpp/CMakeLists.txt).
    add_executable(relu_lab_fuzz_replay_checked)
    target_link_libraries(relu_lab_fuzz_replay_checked PRIVATE relu_lab_fuzz_replay_cases)
    target_link_options(relu_lab_fuzz_replay_checked PRIVATE ${relu_lab_replay_link_options} ${relu_lab_wasm_checks})
    add_test(NAME relu_lab_fuzz_replay_checked
      COMMAND ${relu_lab_test_runner} $<TARGET_FILE:relu_lab_fuzz_replay_checked> ${relu_lab_replay_dir}/corpus)
  endif()
else()
  target_compile_definitions(relu_lab_fuzz_replay_cases PRIVATE RELU_LAB_REPLAY_GUNZIP=1)
  target_link_libraries(relu_lab_fuzz_replay_cases PUBLIC relu_lab_gzip)
  add_test(NAME relu_lab_fuzz_replay COMMAND relu_lab_fuzz_replay ${relu_lab_replay_dir}/corpus)
endif()
