# One way to add a test, for every suite.
#
# edge_add_test(<ctest name>
#     [TARGET <executable>]           # build it from SOURCES, or reuse one built before
#     [SOURCES <file>...]             # default: <executable>.cpp
#     [LIBRARIES <target>...]
#     [WRAPPER <command>...]          # run the executable inside this (a private keyring, ...)
#     [ENVIRONMENT <VAR=value>...]
#     [LABELS <label>...]
#     [TIMEOUT <seconds>])            # default 120
#
# Every executable is also a dependency of the `check` target, so `check` builds the tests
# before it runs them.
function(edge_add_test test_name)
    cmake_parse_arguments(ARG "" "TARGET;TIMEOUT" "SOURCES;LIBRARIES;WRAPPER;ENVIRONMENT;LABELS" ${ARGN})
    if(NOT ARG_TARGET)
        set(ARG_TARGET ${test_name})
    endif()
    if(NOT TARGET ${ARG_TARGET})
        if(NOT ARG_SOURCES)
            set(ARG_SOURCES ${ARG_TARGET}.cpp)
        endif()
        add_executable(${ARG_TARGET} ${ARG_SOURCES})
        target_link_libraries(${ARG_TARGET} PRIVATE edge_settings Qt6::Test ${ARG_LIBRARIES})
        set_property(GLOBAL APPEND PROPERTY EDGE_TEST_TARGETS ${ARG_TARGET})
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    add_test(NAME ${test_name} COMMAND ${ARG_WRAPPER} $<TARGET_FILE:${ARG_TARGET}>)
    set_tests_properties(${test_name} PROPERTIES TIMEOUT ${ARG_TIMEOUT})
    if(ARG_LABELS)
        set_tests_properties(${test_name} PROPERTIES LABELS "${ARG_LABELS}")
    endif()
    if(ARG_ENVIRONMENT)
        set_tests_properties(${test_name} PROPERTIES ENVIRONMENT "${ARG_ENVIRONMENT}")
    endif()
endfunction()
