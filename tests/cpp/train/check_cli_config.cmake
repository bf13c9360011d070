# relu-lab-train --config FILE: a JSON config is trained from (here: evaluated untrained,
# --epochs 0), flags override it, and a bad file is refused with a sentence.
file(MAKE_DIRECTORY ${WORK_DIR})
set(good ${WORK_DIR}/mlp.json)
file(WRITE ${good} [=[{"optimizer":"sgd","learning_rate":0.05,"batch_size":16,
  "layers":[{"type":"flatten"},{"type":"dense","units":12,"activation":"leaky_relu"},{"type":"dense","units":10,"activation":"softmax"}]}]=])
execute_process(COMMAND ${CLI} --config ${good} --epochs 0 RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
# 784 * 12 + 12 + 12 * 10 + 10 = 9550 parameters
if(NOT code EQUAL 0 OR NOT out MATCHES "mlp.json: 9550 parameters" OR NOT out MATCHES "evaluation: accuracy")
  message(FATAL_ERROR "relu-lab-train --config ${good}: exit ${code}\n${out}\n${err}")
endif()

# A flag overrides the file.
execute_process(COMMAND ${CLI} --config ${good} --batch 4096 --epochs 0 RESULT_VARIABLE code OUTPUT_QUIET ERROR_QUIET)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "relu-lab-train --config with --batch 4096: exit ${code}")
endif()

# Augmentation by flag (none, shifts, elastic; on and off as before elastic) and in the
# file by name (the booleans it was before still load).
foreach(mode none shifts elastic on off)
  execute_process(COMMAND ${CLI} --config ${good} --augment ${mode} --epochs 0 RESULT_VARIABLE code OUTPUT_QUIET
                  ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "relu-lab-train --config with --augment ${mode}: exit ${code}\n${err}")
  endif()
endforeach()
foreach(value [["elastic"]] true false)
  set(augmented ${WORK_DIR}/augment.json)
  file(WRITE ${augmented} "{\"augment\": ${value}, \"layers\": [{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 10}]}")
  execute_process(COMMAND ${CLI} --config ${augmented} --epochs 0 RESULT_VARIABLE code OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "relu-lab-train --config with augment ${value}: exit ${code}\n${err}")
  endif()
endforeach()

# Refusals: exit 2 and the reason on stderr.
set(bad_json ${WORK_DIR}/bad.json)
file(WRITE ${bad_json} "{\"layers\": [")
set(bad_type ${WORK_DIR}/bad_type.json)
file(WRITE ${bad_type} "{\"batch_size\": -4}")
set(bad_net ${WORK_DIR}/bad_net.json)
file(WRITE ${bad_net} "{\"layers\": [{\"type\": \"dense\", \"units\": 10}]}")
set(bad_augment ${WORK_DIR}/bad_augment.json)
file(WRITE ${bad_augment} "{\"augment\": \"mixup\"}")
foreach(case "${bad_json}|not valid JSON" "${bad_type}|batch_size must be a whole number" "${bad_net}|needs a flat input"
        "${bad_augment}|no augmentation called")
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 file)
  list(GET parts 1 expected)
  execute_process(COMMAND ${CLI} --config ${file} --epochs 0 RESULT_VARIABLE code OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT code EQUAL 2 OR NOT err MATCHES "${expected}")
    message(FATAL_ERROR "relu-lab-train --config ${file}: exit ${code}, expected 2 and '${expected}'\n${err}")
  endif()
endforeach()
execute_process(COMMAND ${CLI} --config ${good} --preset small RESULT_VARIABLE code OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT code EQUAL 2 OR NOT err MATCHES "only one")
  message(FATAL_ERROR "relu-lab-train --config with --preset: exit ${code}\n${err}")
endif()
execute_process(COMMAND ${CLI} --config ${WORK_DIR}/missing.json RESULT_VARIABLE code OUTPUT_QUIET ERROR_QUIET)
if(NOT code EQUAL 1)
  message(FATAL_ERROR "relu-lab-train --config on a missing file: exit ${code}, expected 1")
endif()
